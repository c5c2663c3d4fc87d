// Version 8: claim_reviews.version, the optimistic-concurrency counter of a claim's review. Every write of a review
// raises it by one and is made only if the row still has the version the writer read, so of two analysts editing one
// claim the second (stale) one is told instead of overwriting the first. Existing rows were written at least once.
import type { Kysely } from "kysely";
import type { BackendKind } from "./index.ts";

export async function up(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  await db.schema
    .alterTable("claim_reviews")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  await db.schema.alterTable("claim_reviews").dropColumn("version").execute();
}
