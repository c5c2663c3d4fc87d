// Version 5: the persisted reconciliation state (src/reconcile/store.ts). One row per incident, running total
// (aggregate), reconciled claim, alias and retired id, plus the bucket index that lets an ingest load only the
// incidents new claims could belong to.
//
// The records themselves are JSON *text* on both backends, not jsonb: they are only ever read and written whole,
// and text keeps their key order and costs no re-parse on PostgreSQL. The columns beside them are what queries
// filter on. Numbering skips 0003/0004, which belong to other work landing in parallel.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { BackendKind } from "./index.ts";

export async function up(db: Kysely<unknown>, kind: BackendKind): Promise<void> {
  const real = kind === "postgres" ? sql`double precision` : sql`real`;

  await db.schema
    .createTable("recon_incidents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("date_start", "text")
    .addColumn("date_end", "text")
    .addColumn("country", "text")
    .addColumn("place", "text")
    .addColumn("lat", real)
    .addColumn("lon", real)
    .addColumn("grade", "text", (c) => c.notNull())
    .addColumn("record", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("recon_incidents_date_idx")
    .on("recon_incidents")
    .columns(["date_start"])
    .execute();
  await db.schema
    .createIndex("recon_incidents_country_idx")
    .on("recon_incidents")
    .columns(["country", "date_start"])
    .execute();
  await db.schema
    .createIndex("recon_incidents_place_idx")
    .on("recon_incidents")
    .expression(sql`lower(place)`)
    .execute();

  // (country × ISO week) buckets an incident is filed under (incidentBucketKeys): the candidate index.
  await db.schema
    .createTable("recon_buckets")
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("incident_id", "text", (c) => c.notNull().references("recon_incidents.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("recon_buckets_pkey", ["bucket", "incident_id"])
    .execute();
  await db.schema
    .createIndex("recon_buckets_incident_idx")
    .on("recon_buckets")
    .columns(["incident_id"])
    .execute();

  await db.schema
    .createTable("recon_aggregates")
    .addColumn("id", "text", (c) => c.primaryKey())
    // metric|country: the key the reconciler looks running totals up by.
    .addColumn("agg_key", "text", (c) => c.notNull())
    .addColumn("metric", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addColumn("period_end", "text")
    .addColumn("record", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("recon_aggregates_key_idx")
    .on("recon_aggregates")
    .columns(["agg_key"])
    .execute();

  // One row per reconciled claim (key = "<article id>#<claim id>"): where it went, and the claim as reconciled.
  await db.schema
    .createTable("recon_claims")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("article_id", "integer", (c) => c.notNull())
    .addColumn("incident_id", "text")
    .addColumn("aggregate_id", "text")
    .addColumn("record", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("recon_claims_article_idx")
    .on("recon_claims")
    .columns(["article_id"])
    .execute();
  await db.schema
    .createIndex("recon_claims_incident_idx")
    .on("recon_claims")
    .columns(["incident_id"])
    .execute();

  // Merged-away id → the live incident holding its claims (chains flattened). Never deleted by a merge.
  await db.schema
    .createTable("recon_aliases")
    .addColumn("alias", "text", (c) => c.primaryKey())
    .addColumn("incident_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("recon_aliases_incident_idx")
    .on("recon_aliases")
    .columns(["incident_id"])
    .execute();

  await db.schema
    .createTable("recon_retired")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entry", "text", (c) => c.notNull())
    .execute();

  // Every incident or aggregate id ever issued. Ids are 48-bit hashes checked only against the loaded slice; this
  // primary key makes a collision with any other id (live, merged, retired) fail instead of overwriting a row.
  await db.schema
    .createTable("recon_ids")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // Articles already reconciled (an article with no claims leaves no other trace): `toll reconcile` catches up the rest.
  await db.schema
    .createTable("recon_articles")
    .addColumn("article_id", "integer", (c) => c.primaryKey())
    .addColumn("reconciled_at", "text", (c) => c.notNull())
    .execute();

  // Reconciling an article asks whether a later revision replaces it: without this index that is a scan of every
  // article per call, which made adding one article cost O(store).
  await db.schema.createIndex("articles_revision_of_idx").on("articles").columns(["revision_of"]).execute();

  // A one-row table SQLite writers update first thing in a reconcile transaction: that takes the write lock before
  // anything is read, so two processes cannot both read a slice and then write it (BEGIN IMMEDIATE by other means).
  await db.schema
    .createTable("recon_lock")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("n", "integer", (c) => c.notNull())
    .execute();
  await sql`insert into recon_lock (id, n) values (1, 0)`.execute(db);
}

export async function down(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  await db.schema.dropIndex("articles_revision_of_idx").ifExists().execute();
  for (const t of [
    "recon_lock",
    "recon_articles",
    "recon_ids",
    "recon_retired",
    "recon_aliases",
    "recon_claims",
    "recon_aggregates",
    "recon_buckets",
    "recon_incidents",
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
