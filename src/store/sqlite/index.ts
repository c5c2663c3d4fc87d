// SQLite backend (better-sqlite3, embedded, the default). Only what differs from PostgreSQL lives here:
// connection setup and full-text search (FTS5 external-content table, see migrations/0001_initial.ts).
import Database from "better-sqlite3";
import { SqliteDialect, sql } from "kysely";
import type { Kysely } from "kysely";
import { driverCode } from "../errors.ts";
import type { Backend } from "../store.ts";
import type { Database as Schema } from "../schema.ts";

export function createSqliteBackend(path: string): Backend {
  const database = new Database(path);
  // WAL lets readers (the HTTP server) run while an ingest writes; NORMAL sync is durable at each checkpoint
  // and never corrupts the file, which is the usual trade for WAL.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  // Another process (a second ingest) holding the write lock: wait instead of failing at once.
  database.pragma("busy_timeout = 5000");
  return {
    kind: "sqlite",
    location: path,
    dialect: new SqliteDialect({ database }),
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
