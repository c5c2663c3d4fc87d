// Accounts, reviews, incident actions and the audit trail (tables of migration 0003). Kept apart from store.ts so
// the machine side of the store stays as it is; this works on the same Kysely instance. Every change goes
// through `change()`, which writes the row and its audit entry in one transaction: there is no write path
// that skips the audit trail, and nothing here deletes a reviewed record (reviews are replaced, with the old
// value in the audit entry's `before`).
//
// A claim's review is field-level and accumulates: `corrections` maps each corrected field to the analyst's latest
// value (the machine's stays in the claims row), a later correction adds to it, confirming or rejecting keeps it,
// and undoing a field drops it (the machine's value shows again). Every write raises the row's `version`; a writer
// that sends the version it read is refused with ReviewConflict when someone else wrote in between.
import { sql } from "kysely";
import type { ColumnType, Generated, Transaction , Kysely} from "kysely";
import type { Database } from "./schema.ts";
import { KyselyStore } from "./store.ts";
import { retryBusy } from "./errors.ts";
import type { Store } from "./types.ts";

export const ROLES = ["viewer", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];
/** `pending`: every correction was undone and nothing else was decided, so the claim is back in the queue. */
export const REVIEW_STATUSES = ["confirmed", "corrected", "rejected", "pending"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

interface UsersTable {
  id: Generated<number>;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
  disabled: ColumnType<number, number | undefined, number>;
}
interface SessionsTable {
  id: string;
  user_id: number;
  csrf: string;
  created_at: string;
  expires_at: string;
}
interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}
interface ClaimReviewsTable {
  claim_id: number;
  status: ReviewStatus;
  corrections: string;
  note: string | null;
  reviewer: string;
  reviewed_at: string;
  version: ColumnType<number, number | undefined, number>;
}
interface IncidentActionsTable {
  id: Generated<number>;
  action: "merge" | "split";
  payload: string;
  actor: string;
  at: string;
  undone_at: string | null;
}
interface AuditTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export interface ReviewDatabase extends Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  claim_reviews: ClaimReviewsTable;
  incident_actions: IncidentActionsTable;
  audit_log: AuditTable;
}

export interface User {
  id: number;
  name: string;
  role: Role;
  created_at: string;
  disabled: boolean;
}

export interface ClaimReview {
  claim_id: number;
  status: ReviewStatus;
  /** Field → the analyst's value. The machine's value is the claim's own field. */
  corrections: Record<string, unknown>;
  note: string | null;
  reviewer: string;
  reviewed_at: string;
  /** Raised by every write; send it back (`version` or If-Match) so a stale write is refused, not applied. */
  version: number;
}

export type ReviewAction = "confirm" | "correct" | "reject" | "undo";

/** One write of a claim's review (see reviewClaim). */
export interface ReviewRequest {
  action: ReviewAction;
  /** correct: field → the analyst's value (added to the earlier corrections). */
  corrections?: Record<string, unknown>;
  /** undo: the fields whose correction is dropped. */
  undo?: readonly string[];
  /** Replaces the review's note when given; otherwise the earlier note stays. */
  note?: string | null;
  /** The version the writer read (0: no review yet). Absent: the write merges into whatever is current. */
  version?: number;
}

/** A stale write: `current` is the review as it is now (someone else's change), null if there is none. */
export class ReviewConflict extends Error {
  constructor(
    readonly current: ClaimReview | null,
    sent: number,
  ) {
    super(
      current
        ? `claim ${current.claim_id} was changed by ${current.reviewer} at ${current.reviewed_at} (version ${current.version}; you sent ${sent}): look at the current values and save again`
        : `the claim has no review (version 0) but you sent version ${sent}: look at the current values and save again`,
    );
  }
}

/** A review write that makes no sense for the claim as it is (undo of a field that is not corrected). */
export class ReviewRefused extends Error {}

/** What one audited review write changed: the status and, per field, the value shown before and after. */
export interface ReviewChange {
  status: ReviewStatus | null;
  fields: Record<string, unknown>;
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export type IncidentAction =
  | { id: number; action: "merge"; target: string; absorbed: string; actor: string; at: string }
  | { id: number; action: "split"; incident: string; claims: string[]; actor: string; at: string };

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

type Trx = Transaction<ReviewDatabase>;

export interface ApiTokenInfo {
  id: number;
  user_id: number;
  name: string;
  created_at: string;
  revoked_at: string | null;
}

/** Ends a user's sessions and, with `tokens`, revokes the live API tokens; returns how many of each. */
async function endCredentials(trx: Trx, userId: number, tokens: boolean): Promise<{ sessions: number; tokens: number }> {
  const s = await trx.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  let t = 0;
  if (tokens) {
    const r = await trx
      .updateTable("api_tokens")
      .set({ revoked_at: new Date().toISOString() })
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    t = Number(r.numUpdatedRows);
  }
  return { sessions: Number(s.numDeletedRows), tokens: t };
}

function parse(v: string | null): unknown {
  return v === null ? null : JSON.parse(v);
}

function toUser(r: { id: number; name: string; role: Role; created_at: string; disabled: number }): User {
  return { id: r.id, name: r.name, role: r.role, created_at: r.created_at, disabled: Boolean(r.disabled) };
}

/** A conditional write found the row changed under it. */
class LostRace extends Error {
  constructor(
    readonly current: ClaimReview | null,
    readonly read: number,
  ) {
    super("lost race");
  }
}

function toReview(r: {
  claim_id: number;
  status: ReviewStatus;
  corrections: string;
  note: string | null;
  reviewer: string;
  reviewed_at: string;
  version: number;
}): ClaimReview {
  return { ...r, corrections: parse(r.corrections) as Record<string, unknown>, version: Number(r.version) };
}

async function readReview(db: Kysely<ReviewDatabase> | Trx, claimId: number): Promise<ClaimReview | null> {
  const r = await db.selectFrom("claim_reviews").selectAll().where("claim_id", "=", claimId).executeTakeFirst();
  return r ? toReview(r) : null;
}

async function insertAudit(
  trx: Trx,
  entry: { actor: string; action: string; entity: string; entity_id: string; before: unknown; after: unknown },
): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      at: new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entity_id,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export class ReviewStore {
  constructor(readonly db: Kysely<ReviewDatabase>) {}

  /** The review side of a store opened with openStore (both backends are KyselyStore). */
  static of(store: Store): ReviewStore {
    if (!(store instanceof KyselyStore)) throw new Error("review tables need a KyselyStore");
    // Same connection pool, wider table types: the tables exist once migration 0003 has run (it runs on open).
    return new ReviewStore(store.db as unknown as Kysely<ReviewDatabase>);
  }

  /** Runs `write` and records the audit entry in the same transaction. */
  private async change<T>(
    entry: { actor: string; action: string; entity: string; entity_id: string; before: unknown; after: unknown },
    write: (trx: Trx) => Promise<T>,
  ): Promise<T> {
    return retryBusy(() => this.db.transaction().execute(async (trx) => {
      const out = await write(trx);
      await insertAudit(trx, entry);
      return out;
    }));
  }

  // ---- users -------------------------------------------------------------------------------------------

  async addUser(name: string, role: Role, passwordHash: string, actor: string): Promise<User> {
    const now = new Date().toISOString();
    return this.change(
      { actor, action: "user.add", entity: "user", entity_id: name, before: null, after: { name, role } },
      async (trx) => {
        const row = await trx
          .insertInto("users")
          .values({ name, role, password_hash: passwordHash, created_at: now })
          .returning(["id", "name", "role", "created_at", "disabled"])
          .executeTakeFirstOrThrow();
        return toUser(row);
      },
    );
  }

  /**
   * A new password ends every session of the user and revokes every API token: a reset is what an operator does
   * when a password may be known to someone else, and the old credentials must not outlive it.
   */
  async setPassword(name: string, passwordHash: string, actor: string): Promise<{ sessions: number; tokens: number }> {
    const u = await this.userByName(name);
    if (!u) throw new Error(`no user ${name}`);
    const ended = { sessions: 0, tokens: 0 };
    await this.change(
      { actor, action: "user.password", entity: "user", entity_id: name, before: null, after: ended },
      async (trx) => {
        await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", u.id).execute();
        Object.assign(ended, await endCredentials(trx, u.id, true));
      },
    );
    return ended;
  }

  /** Disables (or enables) a user; disabling ends the user's sessions (tokens stop working while disabled). */
  async setDisabled(name: string, disabled: boolean, actor: string): Promise<User> {
    const u = await this.userByName(name);
    if (!u) throw new Error(`no user ${name}`);
    await this.change(
      { actor, action: disabled ? "user.disable" : "user.enable", entity: "user", entity_id: name, before: { disabled: u.disabled }, after: { disabled } },
      async (trx) => {
        await trx.updateTable("users").set({ disabled: disabled ? 1 : 0 }).where("id", "=", u.id).execute();
        if (disabled) await endCredentials(trx, u.id, false);
      },
    );
    return { ...toUser({ ...u, disabled: disabled ? 1 : 0 }) };
  }

  async listTokens(userId: number): Promise<ApiTokenInfo[]> {
    return this.db
      .selectFrom("api_tokens")
      .select(["id", "user_id", "name", "created_at", "revoked_at"])
      .where("user_id", "=", userId)
      .orderBy("id")
      .execute();
  }

  /** Revokes one token (by id) or, with `tokenId` undefined, every live token of the user; returns how many. */
  async revokeTokens(userId: number, tokenId: number | undefined, actor: string, userName: string): Promise<number> {
    let n = 0;
    await this.change(
      { actor, action: "token.revoke", entity: "user", entity_id: userName, before: null, after: tokenId === undefined ? { all: true } : { token: tokenId } },
      async (trx) => {
        let q = trx.updateTable("api_tokens").set({ revoked_at: new Date().toISOString() }).where("user_id", "=", userId).where("revoked_at", "is", null);
        if (tokenId !== undefined) q = q.where("id", "=", tokenId);
        const r = await q.executeTakeFirst();
        n = Number(r.numUpdatedRows);
      },
    );
    return n;
  }

  async tokenById(id: number): Promise<ApiTokenInfo | null> {
    const r = await this.db.selectFrom("api_tokens").select(["id", "user_id", "name", "created_at", "revoked_at"]).where("id", "=", id).executeTakeFirst();
    return r ?? null;
  }

  async userById(id: number): Promise<User | null> {
    const r = await this.db.selectFrom("users").select(["id", "name", "role", "created_at", "disabled"]).where("id", "=", id).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async userByName(name: string): Promise<(User & { password_hash: string }) | null> {
    const r = await this.db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirst();
    return r ? { ...toUser(r), password_hash: r.password_hash } : null;
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.db
      .selectFrom("users")
      .select(["id", "name", "role", "created_at", "disabled"])
      .orderBy("id")
      .execute();
    return rows.map(toUser);
  }

  async countUsers(): Promise<number> {
    const r = await this.db
      .selectFrom("users")
      .select(sql<number | string>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  // ---- sessions and tokens -------------------------------------------------------------------------------

  async createSession(idHash: string, userId: number, csrf: string, ttlMs: number): Promise<void> {
    const now = Date.now();
    await this.db
      .insertInto("sessions")
      .values({
        id: idHash,
        user_id: userId,
        csrf,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + ttlMs).toISOString(),
      })
      .execute();
  }

  async sessionUser(idHash: string): Promise<{ user: User; csrf: string } | null> {
    const r = await this.db
      .selectFrom("sessions as s")
      .innerJoin("users as u", "u.id", "s.user_id")
      .select(["u.id", "u.name", "u.role", "u.created_at", "u.disabled", "s.csrf", "s.expires_at"])
      .where("s.id", "=", idHash)
      .executeTakeFirst();
    if (!r || r.disabled || r.expires_at < new Date().toISOString()) return null;
    return { user: toUser(r), csrf: r.csrf };
  }

  async deleteSession(idHash: string): Promise<void> {
    // Sessions are credentials, not records: ending one leaves nothing to audit beyond the logout itself.
    await this.db.deleteFrom("sessions").where("id", "=", idHash).execute();
  }

  async createToken(userId: number, name: string, tokenHash: string, actor: string): Promise<number> {
    return this.change(
      { actor, action: "token.create", entity: "user", entity_id: String(userId), before: null, after: { name } },
      async (trx) =>
        (
          await trx
            .insertInto("api_tokens")
            .values({ user_id: userId, name, token_hash: tokenHash, created_at: new Date().toISOString(), revoked_at: null })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id,
    );
  }

  async tokenUser(tokenHash: string): Promise<User | null> {
    const r = await this.db
      .selectFrom("api_tokens as t")
      .innerJoin("users as u", "u.id", "t.user_id")
      .select(["u.id", "u.name", "u.role", "u.created_at", "u.disabled"])
      .where("t.token_hash", "=", tokenHash)
      .where("t.revoked_at", "is", null)
      .executeTakeFirst();
    return r && !r.disabled ? toUser(r) : null;
  }

  // ---- claim reviews -------------------------------------------------------------------------------------

  /**
   * Writes one review action on a claim, with its audit entry, in one transaction. `machine(field)` is the machine's
   * value of a field: a correction back to it drops the correction, and the audit entry's `before` of a field never
   * corrected is it. `check` sees the corrections as they will be and may throw to refuse them. Throws
   * ReviewConflict when `req.version` is not the stored version (or another write lands first), ReviewRefused for
   * an undo of a field that is not corrected.
   */
  async reviewClaim(
    claimId: number,
    req: ReviewRequest,
    actor: string,
    machine: (field: string) => unknown,
    check?: (corrections: Record<string, unknown>) => void,
  ): Promise<ClaimReview> {
    // Without a version the caller asked for a merge into whatever is current, so a lost race is retried on the
    // new row; with one, a lost race is exactly the stale write the version is there to refuse.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction().execute((trx) => this.writeReview(trx, claimId, req, actor, machine, check));
      } catch (e) {
        if (!(e instanceof LostRace) || attempt >= 4) throw e instanceof LostRace ? new ReviewConflict(e.current, req.version ?? e.read) : e;
        if (req.version !== undefined) throw new ReviewConflict(e.current, req.version);
      }
    }
  }

  private async writeReview(
    trx: Trx,
    claimId: number,
    req: ReviewRequest,
    actor: string,
    machine: (field: string) => unknown,
    check?: (corrections: Record<string, unknown>) => void,
  ): Promise<ClaimReview> {
    const cur = await readReview(trx, claimId);
    const read = cur?.version ?? 0;
    if (req.version !== undefined && req.version !== read) throw new ReviewConflict(cur, req.version);
    const shown = (f: string) => (cur && f in cur.corrections ? cur.corrections[f] : machine(f));
    const corrections: Record<string, unknown> = { ...(cur?.corrections ?? {}) };
    const before: ReviewChange = { status: cur?.status ?? null, fields: {} };
    const after: ReviewChange = { status: null, fields: {} };
    if (req.action === "correct") {
      for (const [f, v] of Object.entries(req.corrections ?? {})) {
        if (sameValue(shown(f), v)) continue;
        before.fields[f] = shown(f);
        after.fields[f] = v;
        // Back to the machine's value is an undo of that field, not a correction equal to it.
        if (sameValue(machine(f), v)) delete corrections[f];
        else corrections[f] = v;
      }
    } else if (req.action === "undo") {
      for (const f of req.undo ?? []) {
        if (!(f in corrections)) throw new ReviewRefused(`undo: ${f} is not corrected on claim ${claimId}`);
        before.fields[f] = corrections[f];
        after.fields[f] = machine(f);
        delete corrections[f];
      }
    }
    check?.(corrections);
    const corrected = Object.keys(corrections).length > 0;
    const status: ReviewStatus =
      req.action === "confirm"
        ? "confirmed"
        : req.action === "reject"
          ? "rejected"
          : req.action === "correct"
            ? corrected
              ? "corrected"
              : cur && cur.status !== "corrected"
                ? cur.status
                : "pending"
            : // undo: a correction was the only decision; without any left the claim is back in the queue.
              cur && (cur.status !== "corrected" || corrected)
              ? cur.status
              : "pending";
    after.status = status;
    const next: ClaimReview = {
      claim_id: claimId,
      status,
      corrections,
      note: req.note !== undefined ? req.note : (cur?.note ?? null),
      reviewer: actor,
      reviewed_at: new Date().toISOString(),
      version: read + 1,
    };
    const values = { ...next, corrections: JSON.stringify(corrections) };
    let written: bigint;
    if (cur) {
      // Only if nobody wrote since this transaction read the row: on PostgreSQL a concurrent writer's commit makes
      // the condition fail here rather than being overwritten.
      const r = await trx.updateTable("claim_reviews").set(values).where("claim_id", "=", claimId).where("version", "=", read).executeTakeFirst();
      written = r.numUpdatedRows;
    } else {
      const r = await trx
        .insertInto("claim_reviews")
        .values(values)
        .onConflict((oc) => oc.column("claim_id").doNothing())
        .executeTakeFirst();
      written = r.numInsertedOrUpdatedRows ?? 0n;
    }
    if (written === 0n) throw new LostRace(await readReview(trx, claimId), read);
    await insertAudit(trx, {
      actor,
      action: `claim.${req.action}`,
      entity: "claim",
      entity_id: String(claimId),
      before,
      after: { ...after, corrections, note: next.note, version: next.version },
    });
    return next;
  }

  async reviewFor(claimId: number): Promise<ClaimReview | null> {
    return readReview(this.db, claimId);
  }

  async allReviews(): Promise<Map<number, ClaimReview>> {
    const rows = await this.db.selectFrom("claim_reviews").selectAll().execute();
    return new Map(rows.map((r) => [r.claim_id, toReview(r)]));
  }

  // ---- incident actions --------------------------------------------------------------------------------

  async recordIncidentAction(
    a: { action: "merge"; target: string; absorbed: string } | { action: "split"; incident: string; claims: string[] },
    actor: string,
    before: unknown,
    after: unknown,
  ): Promise<number> {
    const { action, ...payload } = a;
    const entityId = a.action === "merge" ? a.target : a.incident;
    return this.change({ actor, action: `incident.${action}`, entity: "incident", entity_id: entityId, before, after }, async (trx) =>
      (
        await trx
          .insertInto("incident_actions")
          .values({ action, payload: JSON.stringify(payload), actor, at: new Date().toISOString(), undone_at: null })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id,
    );
  }

  async incidentActions(): Promise<IncidentAction[]> {
    const rows = await this.db.selectFrom("incident_actions").selectAll().where("undone_at", "is", null).orderBy("id").execute();
    return rows.map((r) => ({ id: r.id, action: r.action, actor: r.actor, at: r.at, ...(parse(r.payload) as object) }) as IncidentAction);
  }

  // ---- audit ---------------------------------------------------------------------------------------------

  /** Records an event that has no row of its own here (an ingest, a login). */
  async audit(actor: string, action: string, entity: string, entityId: string, after: unknown): Promise<void> {
    await this.change({ actor, action, entity, entity_id: entityId, before: null, after }, async () => undefined);
  }

  async auditFor(entity: string, entityId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", entity)
      .where("entity_id", "=", entityId)
      .orderBy("id")
      .execute();
    return rows.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) }));
  }

  async recentAudit(limit: number, beforeId?: number): Promise<AuditEntry[]> {
    let q = this.db.selectFrom("audit_log").selectAll();
    if (beforeId !== undefined) q = q.where("id", "<", beforeId);
    const rows = await q.orderBy("id", "desc").limit(limit).execute();
    return rows.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) }));
  }
}
