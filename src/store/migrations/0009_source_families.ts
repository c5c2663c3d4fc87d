// Version 9: what reconciliation reads in an article's text about its source, kept beside the record that the article
// was reconciled: the wire agency it credits (dateline, byline, sign-off) and a fingerprint of its wording
// (src/reconcile/normalize.ts, wireCredit and textFingerprint). Source families (src/reconcile/grade.ts) compare
// them for every article of an incident, and reading every text again for each slice would cost more than the rest.
//
// Additive: two nullable columns. Rows written before it stay null (families then fall back to the outlet, the
// content hash and the claims' sentences); `toll reconcile --rebuild` fills them in.
import type { Kysely } from "kysely";
import type { BackendKind } from "./index.ts";

export async function up(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  await db.schema.alterTable("recon_articles").addColumn("wire", "text").execute();
  await db.schema.alterTable("recon_articles").addColumn("fingerprint", "text").execute();
}

export async function down(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  await db.schema.alterTable("recon_articles").dropColumn("fingerprint").execute();
  await db.schema.alterTable("recon_articles").dropColumn("wire").execute();
}
