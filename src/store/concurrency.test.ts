// Several processes on one store (issue 14): two `toll ingest` processes writing one SQLite file, processes opening
// a new database at the same moment (migrations), an unreachable server, and the rerun after an interrupted ingest.
// Real child processes, real SQLite files, the real PostgreSQL server when TOLL_TEST_DATABASE_URL is set.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { describe, test } from "node:test";
import Database from "better-sqlite3";
import { runIngest } from "../cli/commands/ingest.ts";
import { pendingArticles } from "../reconcile/store.ts";
import { openStore } from "./index.ts";
import { withFreshDatabase } from "./throwaway.ts";

const root = path.resolve(import.meta.dirname, "../..");
const pgUrl = process.env["TOLL_TEST_DATABASE_URL"]?.trim() || null;
const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), "toll-conc-"));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [path.join(root, "bin/toll.js"), ...args], {
      cwd: root,
      env: { ...process.env, TOLL_FROM_SOURCE: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => done({ code, stderr }));
  });
}

/** Opens (and so migrates) a store in a child process. */
function openInChild(target: string): Promise<{ code: number | null; stderr: string }> {
  const code = `
    const { openStore } = await import(${JSON.stringify(new URL("./index.ts", import.meta.url).href)});
    const store = await openStore(${JSON.stringify(target)});
    await store.close();`;
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (c) => done({ code: c, stderr }));
  });
}

function reports(from: number, to: number): string {
  const lines: string[] = [];
  for (let i = from; i < to; i++)
    lines.push(
      JSON.stringify({
        id: `r${i}`,
        text: `Report ${i}. At least ${(i % 40) + 2} people were killed when a car bomb exploded in a market in town ${i} on Monday, police said. Rescue teams searched the rubble.`,
        published: "2020-05-11",
      }),
    );
  return `${lines.join("\n")}\n`;
}

describe("two toll ingest processes on one SQLite file", () => {
  test("both land every article (and the new file is migrated once)", { timeout: 240_000 }, async () => {
    await withTempDir(async (dir) => {
      writeFileSync(path.join(dir, "a.jsonl"), reports(0, 150));
      writeFileSync(path.join(dir, "b.jsonl"), reports(150, 300));
      const db = path.join(dir, "shared.db");
      const [a, b] = await Promise.all([
        run(["ingest", path.join(dir, "a.jsonl"), "--db", db, "--no-gazetteer", "-q"]),
        run(["ingest", path.join(dir, "b.jsonl"), "--db", db, "--no-gazetteer", "-q"]),
      ]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      assert.doesNotMatch(a.stderr + b.stderr, /locked|duplicate column|not stored|not reconciled/);
      const conn = new Database(db, { readonly: true });
      try {
        assert.equal((conn.prepare("select count(*) as n from articles").get() as { n: number }).n, 300);
        assert.equal(
          (conn.prepare("select count(*) as n from recon_articles").get() as { n: number }).n,
          300,
        );
      } finally {
        conn.close();
      }
    });
  });

  test("four processes opening one new SQLite file at once all succeed", { timeout: 120_000 }, async () => {
    await withTempDir(async (dir) => {
      const db = path.join(dir, "new.db");
      const results = await Promise.all([0, 1, 2, 3].map(() => openInChild(db)));
      for (const r of results) assert.equal(r.code, 0, r.stderr);
    });
  });
});

describe("PostgreSQL", { skip: pgUrl ? false : "TOLL_TEST_DATABASE_URL not set" }, () => {
  test("four processes opening one new database at once all succeed", { timeout: 120_000 }, async () => {
    await withFreshDatabase(pgUrl as string, "toll_conc", async (url) => {
      const results = await Promise.all([0, 1, 2, 3].map(() => openInChild(url)));
      for (const r of results) assert.equal(r.code, 0, r.stderr);
    });
  });
});

describe("an unreachable server", () => {
  test("is reported as a connection error, not as a failed migration", async () => {
    await assert.rejects(openStore("postgres://postgres@127.0.0.1:1/nothing_here"), (err: Error) => {
      assert.match(
        err.message,
        /cannot reach the postgres store at postgres:\/\/postgres@127\.0\.0\.1:1\/nothing_here/,
      );
      assert.match(err.message, /ECONNREFUSED/);
      assert.doesNotMatch(err.message, /migration/);
      return true;
    });
  });
});

describe("an ingest interrupted between storing and reconciling", () => {
  test("the rerun reconciles the article it finds stored but not reconciled", async () => {
    await withTempDir(async (dir) => {
      const input = path.join(dir, "in.jsonl");
      writeFileSync(input, reports(0, 5));
      const db = path.join(dir, "t.db");
      const io = { out: sink(), err: sink(), isTTY: false };
      // What a SIGKILL after saveArticle and before reconcileArticles leaves: articles stored, not reconciled.
      await runIngest([input], { db, quiet: true, gazetteer: false, reconcile: false }, io);
      let store = await openStore(db);
      try {
        assert.equal((await pendingArticles(store)).length, 5);
      } finally {
        await store.close();
      }
      const rerun = await runIngest([input], { db, quiet: true, gazetteer: false }, io);
      assert.equal(rerun.duplicates, 5);
      assert.equal(rerun.reconciled, 5);
      store = await openStore(db);
      try {
        assert.deepEqual(await pendingArticles(store), []);
      } finally {
        await store.close();
      }
    });
  });
});
