// Version 6: a linking profile per incident (src/reconcile/profiles.ts), so that reconciling an article scores its
// candidate incidents without loading their records and claims.
//
// A table of its own rather than a column of recon_incidents: on SQLite a column added after the large `record` text
// would sit behind its overflow pages. WITHOUT ROWID on SQLite: the row lives in the primary-key b-tree, one lookup
// instead of two.
//
// The bucket index gains the incident's date window (day numbers; w_reported 0 when the window is only guessed from
// publication), with a covering index: the candidate query drops incidents the date rule would veto (more than a
// day apart) from the index alone, so only the few left are looked up and their profiles parsed. A bucket week is
// seven days wide plus slack; the date rule keeps a window of about three.
//
// No backfill here (a migration must not depend on reconciler code that will change): an incident without a
// profile row, or whose bucket rows have no window, is loaded in full, as before, and gets both the first time it
// is loaded or written; `toll reconcile --rebuild` writes all of them.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { BackendKind } from "./index.ts";

export async function up(db: Kysely<unknown>, kind: BackendKind): Promise<void> {
  await db.schema
    .createTable("recon_profiles")
    .addColumn("incident_id", "text", (c) =>
      c.primaryKey().references("recon_incidents.id").onDelete("cascade"),
    )
    .addColumn("profile", "text", (c) => c.notNull())
    .$call((t) => (kind === "sqlite" ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
  for (const col of ["w_start", "w_end", "w_reported"])
    await db.schema.alterTable("recon_buckets").addColumn(col, "integer").execute();
  await db.schema
    .createIndex("recon_buckets_window_idx")
    .on("recon_buckets")
    .columns(["bucket", "w_start", "w_end", "w_reported", "incident_id"])
    .execute();
}

export async function down(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  await db.schema.dropIndex("recon_buckets_window_idx").ifExists().execute();
  for (const col of ["w_reported", "w_end", "w_start"])
    await db.schema.alterTable("recon_buckets").dropColumn(col).execute();
  await db.schema.dropTable("recon_profiles").ifExists().execute();
}
