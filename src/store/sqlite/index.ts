// SQLite backend (better-sqlite3, embedded, the default). Only what differs from PostgreSQL lives here:
// connection setup and full-text search (FTS5 external-content table, see migrations/0001_initial.ts).
import Database from "better-sqlite3";
import { CompiledQuery, SqliteDialect, SqliteDriver, sql } from "kysely";
import type { DatabaseConnection, Driver, Kysely, SqliteDialectConfig } from "kysely";
import { driverCode } from "../errors.ts";
import type { Backend } from "../store.ts";
import type { Database as Schema } from "../schema.ts";

/**
 * How long one statement waits for another process's write lock before SQLITE_BUSY. better-sqlite3 waits
 * synchronously, so this stays short; the store retries a busy transaction asynchronously on top of it.
 */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Transactions begin IMMEDIATE: the write lock is taken at BEGIN, where busy_timeout waits for it. A deferred
 * transaction reads first and then asks to upgrade; if another process committed in between, SQLite refuses the
 * upgrade at once (SQLITE_BUSY, no waiting), which is how two `toll ingest` processes on one file lost articles.
 * The migrator runs in such a transaction too, so two processes opening a new file migrate one after the other.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

export function createSqliteBackend(path: string): Backend {
  const database = new Database(path);
  // First, before anything that takes a lock (switching to WAL does): another process opening the same file at the
  // same moment (a second ingest, a worker) is waited for instead of failing with "database is locked".
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL lets readers (the HTTP server) run while an ingest writes; NORMAL sync is durable at each checkpoint
  // and never corrupts the file, which is the usual trade for WAL.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  return {
    kind: "sqlite",
    location: path,
    dialect: new ImmediateSqliteDialect({ database }),
    bool: (v) => (v ? 1 : 0),
    ftsArticleIds(q) {
      const match = toFts5Query(q);
      // An empty query matches nothing rather than raising an FTS5 syntax error.
      if (match === null) return sql`select id from articles where 0`;
      return sql`select rowid from articles_fts where articles_fts match ${match}`;
    },
    async rankedSearch(db: Kysely<Schema>, q: string, limit: number) {
      const match = toFts5Query(q);
      if (match === null) return [];
      // bm25 is lower-is-better; negate so rank is higher-is-better on both backends. Title counts 5x.
      const { rows } = await sql<{ id: number; rank: number }>`
        select rowid as id, -bm25(articles_fts, 5.0, 1.0) as rank
        from articles_fts where articles_fts match ${match}
        order by bm25(articles_fts, 5.0, 1.0), rowid desc limit ${limit}`.execute(db);
      return rows;
    },
    isUniqueViolation: (err) => {
      const code = driverCode(err);
      return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
    },
  };
}

/**
 * Turns what a person types into a safe FTS5 query, close to PostgreSQL's websearch_to_tsquery: words are
 * ANDed, "quoted phrases" stay phrases, OR between terms, -word excludes. Every term is quoted, so FTS5
 * operators and punctuation in the input (al-Shifa, C++, NEAR) can never cause a syntax error.
 * Returns null when nothing searchable is left.
 */
export function toFts5Query(input: string): string | null {
  const tokens = [...input.matchAll(/(-?)"([^"]*)"?|(\S+)/g)];
  const groups: string[][] = [[]];
  const excluded: string[] = [];
  for (const t of tokens) {
    const phrase = t[2];
    const word = t[3];
    if (word === "OR") {
      groups.push([]);
      continue;
    }
    let negative = t[1] === "-";
    let body = phrase ?? word ?? "";
    if (phrase === undefined && body.startsWith("-") && body.length > 1) {
      negative = true;
      body = body.slice(1);
    }
    // Keep only characters the unicode61 tokenizer would index, so "..." or "-" alone adds no empty term.
    if (!/[\p{L}\p{N}]/u.test(body)) continue;
    const quoted = `"${body.replaceAll('"', '""')}"`;
    if (negative) excluded.push(quoted);
    else groups[groups.length - 1]?.push(quoted);
  }
  const alternatives = groups
    .filter((g) => g.length > 0)
    .map((g) => (g.length === 1 ? g[0] : `(${g.join(" AND ")})`));
  if (alternatives.length === 0) return null;
  const positive = alternatives.length === 1 ? (alternatives[0] ?? "") : `(${alternatives.join(" OR ")})`;
  return excluded.length > 0 ? `${positive} NOT (${excluded.join(" OR ")})` : positive;
}
