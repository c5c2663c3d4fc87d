// Version 3: what the server adds around the machine's data: accounts (users, sessions, API tokens), analysts'
// reviews of claims, analysts' incident actions (merge / split) and the audit trail. Machine rows (articles,
// claims) are never edited by a review: corrections live beside them, so a later automatic run cannot overwrite
// a reviewed value and the machine's value stays visible next to the analyst's.
import { sql } from "kysely";
import type { ColumnDefinitionBuilder, Kysely } from "kysely";
import type { BackendKind } from "./index.ts";

export async function up(db: Kysely<unknown>, kind: BackendKind): Promise<void> {
  const pg = kind === "postgres";
  // JSON is kept as text on both backends here: these columns are only ever read whole by the server, never queried.
  const serial = (name: string) =>
    [name, "integer", (c: ColumnDefinitionBuilder) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()] as const;

  await db.schema
    .createTable("users")
    .addColumn(...serial("id"))
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("role", "text", (c) => c.notNull())
    /** scrypt$N$r$p$salt$hash (base64url). */
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    /** Users are disabled, never deleted: the audit trail names them. 0/1. */
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addCheckConstraint("users_role_check", sql`role in ('viewer', 'analyst', 'admin')`)
    .execute();

  await db.schema
    .createTable("sessions")
    // sha256 of the cookie value: a leaked database does not hand out live sessions.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn(...serial("id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();

  await db.schema
    .createTable("claim_reviews")
    .addColumn("claim_id", "integer", (c) => c.primaryKey().references("claims.id").onDelete("cascade"))
    /** confirmed | corrected | rejected */
    .addColumn("status", "text", (c) => c.notNull())
    /** JSON object: field → corrected value (the machine's value stays in claims). */
    .addColumn("corrections", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("reviewer", "text", (c) => c.notNull())
    .addColumn("reviewed_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("incident_actions")
    .addColumn(...serial("id"))
    /** merge | split */
    .addColumn("action", "text", (c) => c.notNull())
    /** JSON: {target, absorbed} for merge, {incident, claims} for split. */
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("undone_at", "text")
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn(...serial("id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    /** claim | incident | article | user | token */
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema.createIndex("audit_log_entity_idx").on("audit_log").columns(["entity", "entity_id", "id"]).execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").columns(["user_id"]).execute();
}

export async function down(db: Kysely<unknown>, _kind: BackendKind): Promise<void> {
  for (const t of ["audit_log", "incident_actions", "claim_reviews", "api_tokens", "sessions", "users"])
    await db.schema.dropTable(t).ifExists().execute();
}
