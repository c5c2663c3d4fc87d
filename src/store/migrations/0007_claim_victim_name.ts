// Version 7: claims.victim_name (the extractor names the one person a claim is about, when the text names them).
import type { Kysely } from "kysely";
import type { BackendKind } from "./index.ts";

export async function up(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  await db.schema.alterTable("claims").addColumn("victim_name", "text").execute();
}

export async function down(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  await db.schema.alterTable("claims").dropColumn("victim_name").execute();
}
