// Throwaway databases for tests and benchmarks: a fresh SQLite file or a fresh PostgreSQL database on the server
// of TOLL_TEST_DATABASE_URL, each removed afterwards. One place for what every backend-wide suite needs.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the server of `serverUrl`; `drop` removes it even if connections linger. */
export async function createDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  // WITH (FORCE), PostgreSQL 13+: a pool or a killed worker may still hold a connection for a moment.
  return { url: u.toString(), drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`) };
}

/** Runs `fn` with the URL of a fresh database and drops it afterwards. */
export async function withFreshDatabase<T>(serverUrl: string, prefix: string, fn: (url: string) => Promise<T>): Promise<T> {
  const db = await createDatabase(serverUrl, prefix);
  try {
    return await fn(db.url);
  } finally {
    await db.drop();
  }
}

/** A backend a contract suite runs against: `setup` gives what openStore takes. */
export interface StoreTarget {
  name: "sqlite" | "postgres";
  setup(): Promise<string>;
  teardown(): Promise<void>;
  /** Set when the backend is not available here; the suite reports it as skipped. */
  skip?: string;
}

/** SQLite always; PostgreSQL when TOLL_TEST_DATABASE_URL is set (otherwise skipped, and said so plainly). */
export function storeTargets(suite: string, prefix: string): StoreTarget[] {
  let dir = "";
  const sqlite: StoreTarget = {
    name: "sqlite",
    setup: () => {
      dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
      return Promise.resolve(path.join(dir, "toll.db"));
    },
    teardown: () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
  const serverUrl = process.env["TOLL_TEST_DATABASE_URL"]?.trim();
  if (!serverUrl) {
    const reason = `PostgreSQL ${suite} skipped: TOLL_TEST_DATABASE_URL is not set`;
    console.log(reason);
    return [sqlite, { name: "postgres", skip: reason, setup: () => Promise.resolve(""), teardown: () => Promise.resolve() }];
  }
  let db: { url: string; drop(): Promise<void> } | null = null;
  const postgres: StoreTarget = {
    name: "postgres",
    setup: async () => {
      db = await createDatabase(serverUrl, prefix.replace(/\W/g, "_"));
      return db.url;
    },
    teardown: async () => {
      await db?.drop();
    },
  };
  return [sqlite, postgres];
}
