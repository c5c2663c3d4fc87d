// Version 6: a linking profile per incident (src/reconcile/profiles.ts), so that reconciling an article scores its
// candidate incidents without loading their records and claims.
//
// A table of its own rather than a column of recon_incidents: the candidate query reads ~100 profiles per article,
// and on SQLite a column added after the large `record` text would sit behind its overflow pages. No backfill here
// (a migration must not depend on reconciler code that will change): an incident without a profile row is loaded
// in full, as before, and gets its row the first time it is written or loaded; `toll reconcile --rebuild` writes
// all of them.
import type { Kysely } from "kysely";
import type { BackendKind } from "./index.ts";

export async function up(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  await db.schema
    .createTable("recon_profiles")
    .addColumn("incident_id", "text", (c) =>
      c.primaryKey().references("recon_incidents.id").onDelete("cascade"),
    )
    .addColumn("profile", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  await db.schema.dropTable("recon_profiles").ifExists().execute();
}
