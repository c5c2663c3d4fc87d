// PostgreSQL backend (pg 8). Only what differs from SQLite lives here: the connection pool and full-text
// search (a generated tsvector column with a GIN index, see migrations/0001_initial.ts).
import pg from "pg";
import { PostgresDialect, sql } from "kysely";
import type { Kysely } from "kysely";
import { driverCode } from "../errors.ts";
import type { Backend } from "../store.ts";
import type { Database as Schema } from "../schema.ts";

export function createPostgresBackend(url: string): Backend {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection (server restart) emits 'error' on the pool; unhandled, that would
  // kill the process. The next query reconnects and reports its own error.
  pool.on("error", () => {});
  // A client checked out for a query or a transaction emits 'error' on itself when its connection is cut (a
  // PostgreSQL restart, a failover, pg_terminate_backend); unhandled, that ended a busy worker. The query in
  // flight fails with the same error and is retried by its caller (a job's backoff); the pool connects anew.
  pool.on("connect", (client) => client.on("error", () => {}));
  return {
    kind: "postgres",
    location: redactUrl(url),
    dialect: new PostgresDialect({ pool }),
    bool: (v) => v,
    ftsArticleIds(q) {
      // websearch_to_tsquery accepts any input (quotes, OR, -word) without syntax errors.
      return sql`select id from articles where search @@ websearch_to_tsquery('english', ${q})`;
    },
    async rankedSearch(db: Kysely<Schema>, q: string, limit: number) {
      const { rows } = await sql<{ id: number; rank: number }>`
        select a.id, ts_rank(a.search, query) as rank
        from articles a, websearch_to_tsquery('english', ${q}) query
        where a.search @@ query
        order by rank desc, a.id desc limit ${limit}`.execute(db);
      return rows.map((r) => ({ id: r.id, rank: Number(r.rank) }));
    },
    isUniqueViolation: (err) => driverCode(err) === "23505",
  };
}

/** The URL for messages, without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://(unparseable URL)";
  }
}
