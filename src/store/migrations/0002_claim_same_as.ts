// Version 2: claims.same_as (the extractor marks a claim that repeats another claim of the same report).
import type { Kysely } from "kysely";
import type { BackendKind } from "./index.ts";

export async function up(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  await db.schema.alterTable("claims").addColumn("same_as", "text").execute();
}

export async function down(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  await db.schema.alterTable("claims").dropColumn("same_as").execute();
}
