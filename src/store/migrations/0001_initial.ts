// Version 1: articles, claims, their indexes and full-text search. Both backends share the table layout;
// types and full-text search differ, so the migration takes the backend kind.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { BackendKind } from "./index.ts";

// Migrations must not depend on the current table types (they describe the past), hence Kysely<unknown>.
export async function up(db: Kysely<unknown>, kind: BackendKind): Promise<void> {
  const pg = kind === "postgres";
  const json = pg ? sql`jsonb` : sql`text`;
  const bool = pg ? sql`boolean` : sql`integer`;
  // Counts are whole numbers, but PostgreSQL's bigint comes back as a JS string; double precision is exact up to
  // 2^53 and comes back as a number. SQLite's INTEGER is already 64-bit.
  const count = pg ? sql`double precision` : sql`integer`;
  const real = pg ? sql`double precision` : sql`real`;

  await db.schema
    .createTable("articles")
    .addColumn("id", "integer", (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn("external_id", "text")
    .addColumn("title", "text")
    .addColumn("published", "text")
    .addColumn("outlet", "text")
    .addColumn("author", "text")
    .addColumn("url", "text")
    .addColumn("canonical_url", "text")
    .addColumn("url_key", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("extractor_version", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("revision_of", "integer", (c) => c.references("articles.id").onDelete("set null"))
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("meta", json, (c) => c.notNull())
    .addColumn("extraction", json)
    .addColumn("ingested_at", "text", (c) => c.notNull())
    // The same text is stored once: this also settles two writers racing on one article.
    .addUniqueConstraint("articles_content_hash_key", ["content_hash"])
    .addUniqueConstraint("articles_url_revision_key", ["url_key", "revision"])
    .execute();

  await db.schema
    .createTable("claims")
    .addColumn("id", "integer", (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("local_id", "text", (c) => c.notNull())
    .addColumn("event_date", "text")
    .addColumn("metric", "text", (c) => c.notNull())
    .addColumn("victims", "text", (c) => c.notNull())
    .addColumn("victims_text", "text")
    .addColumn("value", count, (c) => c.notNull())
    .addColumn("low", count, (c) => c.notNull())
    .addColumn("high", count, (c) => c.notNull())
    .addColumn("qualifier", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("in_headline", bool, (c) => c.notNull())
    .addColumn("historical", bool, (c) => c.notNull())
    .addColumn("period_start", "text")
    .addColumn("period_end", "text")
    .addColumn("period_precision", "text")
    .addColumn("period_text", "text")
    .addColumn("location_name", "text")
    .addColumn("place", "text")
    .addColumn("country", "text")
    .addColumn("lat", real)
    .addColumn("lon", real)
    .addColumn("location_precision", "text")
    .addColumn("geonameid", "integer")
    .addColumn("perpetrator", "text")
    .addColumn("perpetrator_certainty", "text")
    .addColumn("method", "text")
    .addColumn("source", "text")
    .addColumn("certainty", "text")
    .addColumn("evidence_text", "text", (c) => c.notNull())
    .addColumn("evidence_start", "integer", (c) => c.notNull())
    .addColumn("evidence_end", "integer", (c) => c.notNull())
    .addColumn("sentence_start", "integer", (c) => c.notNull())
    .addColumn("sentence_end", "integer", (c) => c.notNull())
    .addColumn("sentence_text", "text", (c) => c.notNull())
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("breakdown", json, (c) => c.notNull())
    .addColumn("part_of", "text")
    .addUniqueConstraint("claims_article_local_key", ["article_id", "local_id"])
    // Guards against a broken extraction being stored as if it were data.
    .addCheckConstraint("claims_range_check", sql`low <= value and value <= high and low >= 0`)
    .execute();

  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();
  await index("articles_url_key_idx", "articles", ["url_key", "revision"]);
  await index("articles_published_idx", "articles", ["published"]);
  await index("articles_outlet_idx", "articles", ["outlet"]);
  await index("claims_article_idx", "claims", ["article_id"]);
  // Claims are listed newest first (undated last) with the id as tie-breaker; these indexes serve that keyset
  // order. SQLite sorts NULL lowest, so a backward scan of a plain index already gives DESC NULLS LAST, and
  // it rejects NULLS LAST in CREATE INDEX; PostgreSQL needs the order spelled out to use the index.
  const order = pg ? sql`event_date desc nulls last, id desc` : sql`event_date, id`;
  await sql`create index claims_date_idx on claims (${order})`.execute(db);
  await sql`create index claims_country_idx on claims (country, ${order})`.execute(db);
  await sql`create index claims_metric_idx on claims (metric, ${order})`.execute(db);
  await index("claims_period_idx", "claims", ["period_end", "period_start"]);
  await index("claims_victims_idx", "claims", ["victims"]);
  await index("claims_certainty_idx", "claims", ["certainty"]);
  // Place and perpetrator filters are case-insensitive, so the indexes are on lower(...).
  await db.schema
    .createIndex("claims_place_idx")
    .on("claims")
    .expression(sql`lower(place)`)
    .execute();
  await db.schema
    .createIndex("claims_perpetrator_idx")
    .on("claims")
    .expression(sql`lower(perpetrator)`)
    .execute();

  if (pg) {
    // Title weighs more than body. A generated column keeps itself current, so no trigger is needed.
    await sql`alter table articles add column search tsvector generated always as (
      setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'B')
    ) stored`.execute(db);
    await sql`create index articles_search_idx on articles using gin (search)`.execute(db);
  } else {
    // External-content FTS5 table: the text is stored once (in articles); triggers keep the index in step.
    await sql`create virtual table articles_fts using fts5(
      title, text, content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`create trigger articles_fts_ai after insert on articles begin
      insert into articles_fts(rowid, title, text) values (new.id, new.title, new.text);
    end`.execute(db);
    await sql`create trigger articles_fts_ad after delete on articles begin
      insert into articles_fts(articles_fts, rowid, title, text) values ('delete', old.id, old.title, old.text);
    end`.execute(db);
    await sql`create trigger articles_fts_au after update of title, text on articles begin
      insert into articles_fts(articles_fts, rowid, title, text) values ('delete', old.id, old.title, old.text);
      insert into articles_fts(rowid, title, text) values (new.id, new.title, new.text);
    end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>, kind: BackendKind): Promise<void> {
  if (kind === "sqlite") await sql`drop table if exists articles_fts`.execute(db);
  await db.schema.dropTable("claims").ifExists().execute();
  await db.schema.dropTable("articles").ifExists().execute();
}
