// Persistence of the reconciliation state (migration 0005): incidents, running totals, reconciled claims, aliases,
// retired ids and the bucket index, on both backends through Kysely.
//
// Adding articles follows the plan in README.md ("Persistence"): inside ONE transaction, load the slice of the state
// the new claims could touch (incidents filed under their candidate buckets, running totals of their metric and
// country, whatever is already held for these articles), run the pure `reconcile` on it, and write back only the
// rows that changed. Concurrency: a global advisory lock on PostgreSQL (per bucket would not do: an incident loaded
// through one bucket is also filed under others, so two ingesters could still load and rewrite the same incident);
// on SQLite the transaction writes first, which takes the database's write lock before anything is read.
import { sql } from "kysely";
import type { Kysely, Transaction } from "kysely";
import type { DocumentIncident } from "../extract/types.ts";
import type { Database } from "../store/schema.ts";
import { KyselyStore } from "../store/store.ts";
import { retryBusy } from "../store/errors.ts";
import type { Store, StoredClaim } from "../store/types.ts";
import {
  aggKey,
  candidateBuckets,
  emptyState,
  incidentBucketKeys,
  reconcile,
  resolveId,
} from "./reconcile.ts";
import { totals as stateTotals } from "./report.ts";
import { textFingerprint, wireCredit } from "./normalize.ts";
import { decodeProfile, matchesAny, profileRow, unitBuckets, unitProfiles } from "./profiles.ts";
import type { ProfileRow } from "./profiles.ts";
import type { Profile } from "./link.ts";
import type {
  AggregateRecord,
  ArticleMeta,
  Change,
  Grade,
  HistoryEntry,
  IncidentRecord,
  ReconClaim,
  ReconState,
  StoredReconClaim,
  TotalsBy,
  TotalsRow,
} from "./types.ts";
import type { Metric } from "../extract/types.ts";

// ---------------------------------------------------------------------------------------------------------------
// Tables (migrations/0005_incidents.ts). Declared here rather than in the store's schema.ts: only this module
// reads and writes them.

interface ReconTables {
  recon_incidents: {
    id: string;
    date_start: string | null;
    date_end: string | null;
    country: string | null;
    place: string | null;
    lat: number | null;
    lon: number | null;
    grade: string;
    record: string;
    updated_at: string;
  };
  /** w_*: the incident's date window (migration 0006); null on rows written before it (never filtered out). */
  recon_buckets: {
    bucket: string;
    incident_id: string;
    w_start: number | null;
    w_end: number | null;
    w_reported: number | null;
  };
  /** Migration 0006: the linking profile of an incident (profiles.ts), written whenever its record is. */
  recon_profiles: { incident_id: string; profile: string };
  recon_aggregates: {
    id: string;
    agg_key: string;
    metric: string;
    country: string | null;
    period_end: string | null;
    record: string;
    updated_at: string;
  };
  recon_claims: {
    key: string;
    article_id: number;
    incident_id: string | null;
    aggregate_id: string | null;
    record: string;
  };
  recon_aliases: { alias: string; incident_id: string; created_at: string };
  recon_retired: { id: string; entry: string };
  recon_ids: { id: string; kind: string; created_at: string };
  /** wire, fingerprint: migration 0009 (source families); null on rows written before it. */
  recon_articles: {
    article_id: number;
    reconciled_at: string;
    wire: string | null;
    fingerprint: string | null;
  };
  recon_lock: { id: number; n: number };
}

type Db = Database & ReconTables;
type Conn = Kysely<Db> | Transaction<Db>;

/** Values per IN (...) list and rows per multi-row INSERT: far below both databases' parameter limits. */
const CHUNK = 500;

function dbOf(store: Store): { db: Kysely<Db>; kind: "sqlite" | "postgres" } {
  if (!(store instanceof KyselyStore))
    throw new TypeError("incidents need the Kysely store (openStore from src/store/index.ts)");
  return { db: store.db as unknown as Kysely<Db>, kind: store.kind };
}

function chunks<T>(items: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

/** SQLite returns JSON columns as text, PostgreSQL (jsonb) already parsed. */
function fromJson(v: unknown): unknown {
  return typeof v === "string" ? JSON.parse(v) : v;
}

const parse = <T>(text: string): T => JSON.parse(text) as T;

// ---------------------------------------------------------------------------------------------------------------
// Input: stored articles and claims → ReconClaims

async function articleMetas(db: Conn, ids: readonly number[]): Promise<Map<number, ArticleMeta>> {
  const out = new Map<number, ArticleMeta>();
  for (const part of chunks([...new Set(ids)])) {
    // What reconciling the article found in its text (wire credit, fingerprint) is kept beside it: the text itself
    // is not read again for every slice it is in.
    const rows = await db
      .selectFrom("articles as a")
      .leftJoin("recon_articles as r", "r.article_id", "a.id")
      .select([
        "a.id as id",
        "a.external_id as external_id",
        "a.outlet as outlet",
        "a.url as url",
        "a.published as published",
        "a.title as title",
        "a.content_hash as content_hash",
        "r.wire as wire",
        "r.fingerprint as fingerprint",
      ])
      .where("a.id", "in", part)
      .execute();
    for (const r of rows)
      out.set(r.id, {
        article_id: String(r.id),
        external_id: r.external_id,
        outlet: r.outlet,
        url: r.url,
        published: r.published,
        title: r.title,
        content_hash: r.content_hash,
        wire: r.wire ?? null,
        fingerprint: r.fingerprint ?? null,
      });
  }
  return out;
}

interface Inputs {
  claims: Map<number, ReconClaim[]>;
  /** Each article's metadata, with what its text says of its source (wire credit, fingerprint). */
  metas: Map<number, ArticleMeta>;
  /** Article id → the earlier revision it replaces. */
  revisionOf: Map<number, number>;
  /** Articles a later revision replaces: their claims are not reconciled. */
  superseded: Set<number>;
}

/**
 * The ReconClaims of stored articles, read through the store's public API plus the few columns it does not return
 * (document incidents, sentence text). Read before the reconcile transaction opens: SQLite has one connection, and
 * the store's own methods cannot run while a transaction holds it.
 */
async function loadInputs(store: Store, db: Kysely<Db>, ids: readonly number[]): Promise<Inputs> {
  const inputs: Inputs = {
    claims: new Map(),
    metas: new Map(),
    revisionOf: new Map(),
    superseded: new Set(),
  };
  for (const part of chunks([...new Set(ids)])) {
    // One read of the article rows for both their metadata and their document incidents.
    const docs = await db
      .selectFrom("articles")
      .select([
        "id",
        "external_id",
        "outlet",
        "url",
        "published",
        "title",
        "content_hash",
        "revision_of",
        "extraction",
        "text",
        "author",
      ])
      .where("id", "in", part)
      .execute();
    const sentences = await db
      .selectFrom("claims")
      .select(["article_id", "local_id", "sentence_text"])
      .where("article_id", "in", part)
      .execute();
    const later = await db
      .selectFrom("articles")
      .select("revision_of")
      .where("revision_of", "in", part)
      .execute();
    for (const r of later) if (r.revision_of !== null) inputs.superseded.add(r.revision_of);
    const sentenceOf = new Map(sentences.map((s) => [`${s.article_id}#${s.local_id}`, s.sentence_text]));
    for (const a of docs) {
      const meta: ArticleMeta = {
        article_id: String(a.id),
        external_id: a.external_id,
        outlet: a.outlet,
        url: a.url,
        published: a.published,
        title: a.title,
        content_hash: a.content_hash,
        wire: wireCredit(a.text, a.author),
        fingerprint: textFingerprint(a.text),
      };
      inputs.metas.set(a.id, meta);
      if (a.revision_of !== null) inputs.revisionOf.set(a.id, a.revision_of);
      const extraction = fromJson(a.extraction) as { incidents?: DocumentIncident[] } | null;
      const docOf = new Map<string, string>();
      for (const inc of extraction?.incidents ?? []) for (const c of inc.claims) docOf.set(c, inc.id);
      const stored = await store.claimsForArticle(a.id);
      inputs.claims.set(
        a.id,
        stored.map((sc) => toReconClaim(sc, meta, docOf, sentenceOf)),
      );
    }
  }
  return inputs;
}

/** The ReconClaims of stored articles, in article id order (what reconciliation reads; for tests and tools). */
export async function loadReconClaims(store: Store, articleIds: readonly number[]): Promise<ReconClaim[]> {
  const { db } = dbOf(store);
  const inputs = await loadInputs(store, db, articleIds);
  return [...inputs.claims.keys()].sort((a, b) => a - b).flatMap((id) => inputs.claims.get(id) ?? []);
}

function toReconClaim(
  sc: StoredClaim,
  article: ArticleMeta,
  docOf: Map<string, string>,
  sentenceOf: Map<string, string>,
): ReconClaim {
  const { article_id: _a, local_id: _l, claim_id: _c, date: _d, ...claim } = sc;
  return {
    claim,
    article,
    doc_incident: docOf.get(claim.id) ?? null,
    sentence_text: sentenceOf.get(`${sc.article_id}#${sc.local_id}`) || null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Transactions and locking

/** Runs `fn` in a transaction that no other reconciler can interleave with (see the header). */
async function lockedTransaction<T>(
  db: Kysely<Db>,
  kind: "sqlite" | "postgres",
  fn: (trx: Transaction<Db>) => Promise<T>,
): Promise<T> {
  // On SQLite another process's transaction may hold the write lock past busy_timeout: run the whole (rolled
  // back) transaction again rather than fail the article as "stored but not reconciled".
  return retryBusy(() =>
    db.transaction().execute(async (trx) => {
      if (kind === "postgres")
        await sql`select pg_advisory_xact_lock(hashtext('toll.reconcile'))`.execute(trx);
      else
        await trx
          .updateTable("recon_lock")
          .set({ n: sql`n + 1` })
          .where("id", "=", 1)
          .execute();
      return fn(trx);
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Loading a slice and writing it back

interface Slice {
  state: ReconState;
  /** Row text as loaded: a row is written back only when its JSON differs. */
  incidents: Map<string, string>;
  aggregates: Map<string, string>;
  claims: Map<string, string>;
  aliases: Map<string, string>;
  /** Ids held in state.retired only to keep newId off them (an id some other row already has): never written. */
  reserved: Set<string>;
  /** Loaded incidents that have no profile row yet (a store from before migration 0006): written even unchanged. */
  unprofiled: Set<string>;
  /**
   * Bucket keys and profile of each loaded incident as stored (derived from its claims, as when it was written):
   * only what changed is rewritten.
   */
  before: Map<string, { keys: string[]; profile: ProfileRow | null }>;
  /**
   * The filter columns of each loaded incident row: an update sets only those that changed, so that SQLite does not
   * rewrite the entries of indexes whose columns stayed the same.
   */
  rows: Map<string, ReconTables["recon_incidents"]>;
  /** Candidate incidents whose profiles were scored (loaded in full or not). */
  candidates: number;
}

function emptySlice(state: ReconState, reserved: ReadonlySet<string>): Slice {
  return {
    state,
    incidents: new Map(),
    aggregates: new Map(),
    claims: new Map(),
    aliases: new Map(),
    reserved: new Set(reserved),
    unprofiled: new Set(),
    before: new Map(),
    rows: new Map(),
    candidates: 0,
  };
}

/**
 * The candidate incidents of these buckets with their profile text (null: none stored). Candidates the date rule
 * would veto against every unit (both windows reported, more than a day apart) are left out from the bucket index
 * alone (its window columns); when a unit has no reported window the date rule vetoes nothing and every candidate
 * is returned.
 */
async function candidateProfiles(
  trx: Conn,
  buckets: readonly string[],
  units: readonly Profile[],
): Promise<Map<string, string | null>> {
  const windows = units.map((u) => (u.window?.reported ? u.window : null));
  const filter = windows.every((w) => w !== null) ? windows.filter((w) => w !== null) : null;
  const out = new Map<string, string | null>();
  for (const part of chunks(buckets)) {
    let ids = trx.selectFrom("recon_buckets").select("incident_id").distinct().where("bucket", "in", part);
    if (filter)
      ids = ids.where((eb) =>
        eb.or([
          eb("w_start", "is", null),
          eb("w_reported", "is", null),
          eb("w_reported", "=", 0),
          ...filter.map((w) => eb.and([eb("w_start", "<=", w.end + 1), eb("w_end", ">=", w.start - 1)])),
        ]),
      );
    const rows = await trx
      .selectFrom(ids.as("b"))
      .leftJoin("recon_profiles as p", "p.incident_id", "b.incident_id")
      .select(["b.incident_id as id", "p.profile as profile"])
      .execute();
    for (const r of rows) out.set(r.id, r.profile);
  }
  return out;
}

/**
 * The part of the persisted state that reconciling `newClaims` can change, in full: the candidate incidents that
 * score at or above the threshold against one of the new units (found by their stored profiles, see profiles.ts),
 * the incidents already holding these articles' claims, and the running totals of the claims' metric and country.
 * Candidates that cannot link are scored and left on disk.
 */
async function loadSlice(
  trx: Conn,
  newClaims: readonly ReconClaim[],
  articleIds: readonly number[],
  reserved: ReadonlySet<string>,
): Promise<Slice> {
  const state = emptyState();
  const slice = emptySlice(state, reserved);
  const incIds = new Set<string>();
  // What the state already holds of these articles (a re-run, or a revision's predecessor being withdrawn).
  const aggIds = new Set<string>();
  const claimRows: { key: string; record: string }[] = [];
  for (const part of chunks(articleIds)) {
    const rows = await trx
      .selectFrom("recon_claims")
      .select(["key", "incident_id", "aggregate_id", "record"])
      .where("article_id", "in", part)
      .execute();
    for (const r of rows) {
      claimRows.push(r);
      if (r.incident_id) incIds.add(r.incident_id);
      if (r.aggregate_id) aggIds.add(r.aggregate_id);
    }
  }
  const units = unitProfiles(newClaims, new Set(claimRows.map((r) => r.key)), {});
  // The per-claim buckets as well as the per-unit ones: loading more than needed is harmless, less is not.
  const buckets = new Set(candidateBuckets(newClaims));
  for (const u of units) for (const b of unitBuckets(u)) buckets.add(b);
  const candidates =
    units.length > 0
      ? await candidateProfiles(trx, [...buckets].sort(), units)
      : new Map<string, string | null>();
  slice.candidates = candidates.size;
  for (const [id, text] of candidates) {
    if (incIds.has(id)) continue;
    const p = decodeProfile(text);
    if (!p || matchesAny(units, p)) incIds.add(id);
  }
  const aggKeys = [
    ...new Set(
      newClaims
        .filter((c) => c.claim.scope === "cumulative")
        .map((c) => aggKey(c.claim.metric, c.claim.location?.country ?? null)),
    ),
  ];
  const wantedClaims = new Set<string>();
  for (const part of chunks([...incIds])) {
    const rows = await trx
      .selectFrom("recon_incidents as i")
      .leftJoin("recon_profiles as p", "p.incident_id", "i.id")
      .select(["i.id as id", "i.record as record", "p.incident_id as profiled"])
      .where("i.id", "in", part)
      .execute();
    for (const r of rows) {
      const inc = parse<IncidentRecord>(r.record);
      state.incidents[inc.id] = inc;
      slice.incidents.set(inc.id, r.record);
      slice.rows.set(inc.id, incidentRow(inc, r.record));
      if (r.profiled === null) slice.unprofiled.add(inc.id);
      for (const k of inc.claims) wantedClaims.add(k);
      for (const a of inc.aliases) {
        state.aliases[a] = inc.id;
        slice.aliases.set(a, inc.id);
      }
    }
  }
  const aggRows: { id: string; record: string }[] = [];
  for (const part of chunks(aggKeys))
    aggRows.push(
      ...(await trx
        .selectFrom("recon_aggregates")
        .select(["id", "record"])
        .where("agg_key", "in", part)
        .execute()),
    );
  for (const part of chunks([...aggIds]))
    aggRows.push(
      ...(await trx
        .selectFrom("recon_aggregates")
        .select(["id", "record"])
        .where("id", "in", part)
        .execute()),
    );
  for (const r of aggRows) {
    if (slice.aggregates.has(r.id)) continue;
    const agg = parse<AggregateRecord>(r.record);
    state.aggregates[agg.id] = agg;
    slice.aggregates.set(agg.id, r.record);
    for (const k of agg.claims) wantedClaims.add(k);
  }
  for (const r of claimRows) {
    state.claims[r.key] = parse<StoredReconClaim>(r.record);
    slice.claims.set(r.key, r.record);
    wantedClaims.delete(r.key);
  }
  for (const part of chunks([...wantedClaims])) {
    const rows = await trx
      .selectFrom("recon_claims")
      .select(["key", "record"])
      .where("key", "in", part)
      .execute();
    for (const r of rows) {
      state.claims[r.key] = parse<StoredReconClaim>(r.record);
      slice.claims.set(r.key, r.record);
    }
  }
  // The new articles' metadata came with their claims (read from the same rows): only the others are queried.
  const known = new Map(newClaims.map((c) => [c.article.article_id, c.article]));
  const unknown: number[] = [];
  for (const c of Object.values(state.claims)) {
    const m = known.get(c.article_id);
    if (m) state.articles[c.article_id] = m;
    else unknown.push(Number(c.article_id));
  }
  const metas = unknown.length > 0 ? await articleMetas(trx, unknown) : new Map<number, ArticleMeta>();
  for (const [id, m] of metas) state.articles[String(id)] = m;
  for (const id of slice.incidents.keys()) {
    const inc = state.incidents[id];
    if (inc) slice.before.set(id, { keys: incidentBucketKeys(state, id), profile: profileRow(state, inc) });
  }
  for (const id of reserved)
    state.retired[id] = {
      at: "",
      action: "revise",
      from: [],
      to: [],
      reason: "id taken elsewhere in the store",
    };
  return slice;
}

function incidentRow(inc: IncidentRecord, text: string): ReconTables["recon_incidents"] {
  return {
    id: inc.id,
    date_start: inc.date?.start ?? null,
    date_end: inc.date?.end ?? null,
    country: inc.country,
    place: inc.place,
    lat: inc.lat,
    lon: inc.lon,
    grade: inc.grade,
    record: text,
    updated_at: inc.updated_at,
  };
}

function aggregateRow(agg: AggregateRecord, text: string): ReconTables["recon_aggregates"] {
  return {
    id: agg.id,
    agg_key: aggKey(agg.metric, agg.country),
    metric: agg.metric,
    country: agg.country,
    period_end: agg.period.end,
    record: text,
    updated_at: agg.updated_at,
  };
}

function claimRow(c: StoredReconClaim, text: string): ReconTables["recon_claims"] {
  return {
    key: c.key,
    article_id: Number(c.article_id),
    incident_id: c.incident,
    aggregate_id: c.aggregate,
    record: text,
  };
}

export interface WriteCounts {
  incidents: number;
  aggregates: number;
  claims: number;
  deleted: number;
}

async function writeSlice(trx: Transaction<Db>, slice: Slice, now: string): Promise<WriteCounts> {
  const { state } = slice;
  const counts: WriteCounts = { incidents: 0, aggregates: 0, claims: 0, deleted: 0 };
  const newIds: { id: string; kind: string; created_at: string }[] = [];

  // Incidents: absorbed or retired ones go (their buckets with them); new ones are inserted, changed ones updated.
  const gone = [...slice.incidents.keys()].filter((id) => !state.incidents[id]);
  for (const part of chunks(gone)) {
    await trx.deleteFrom("recon_buckets").where("incident_id", "in", part).execute();
    await trx.deleteFrom("recon_profiles").where("incident_id", "in", part).execute();
    await trx.deleteFrom("recon_incidents").where("id", "in", part).execute();
    counts.deleted += part.length;
  }
  const inserts: ReconTables["recon_incidents"][] = [];
  const rebucket: string[] = [];
  for (const inc of Object.values(state.incidents)) {
    const text = JSON.stringify(inc);
    const before = slice.incidents.get(inc.id);
    if (before === text) continue;
    counts.incidents++;
    rebucket.push(inc.id);
    if (before === undefined) {
      inserts.push(incidentRow(inc, text));
      newIds.push({ id: inc.id, kind: "incident", created_at: now });
    } else {
      const { id: _id, ...row } = incidentRow(inc, text);
      const old = slice.rows.get(inc.id);
      const set: Partial<typeof row> = {};
      for (const k of Object.keys(row) as (keyof typeof row)[])
        if (!old || old[k] !== row[k]) Object.assign(set, { [k]: row[k] });
      await trx.updateTable("recon_incidents").set(set).where("id", "=", inc.id).execute();
    }
  }
  for (const part of chunks(inserts, 200)) await trx.insertInto("recon_incidents").values(part).execute();
  await writeIndex(trx, slice, [
    ...new Set([...rebucket, ...[...slice.unprofiled].filter((id) => state.incidents[id])]),
  ]);

  // Aggregates.
  const goneAggs = [...slice.aggregates.keys()].filter((id) => !state.aggregates[id]);
  for (const part of chunks(goneAggs))
    await trx.deleteFrom("recon_aggregates").where("id", "in", part).execute();
  const aggInserts: ReconTables["recon_aggregates"][] = [];
  for (const agg of Object.values(state.aggregates)) {
    const text = JSON.stringify(agg);
    const before = slice.aggregates.get(agg.id);
    if (before === text) continue;
    counts.aggregates++;
    if (before === undefined) {
      aggInserts.push(aggregateRow(agg, text));
      newIds.push({ id: agg.id, kind: "aggregate", created_at: now });
    } else {
      const { id: _id, ...row } = aggregateRow(agg, text);
      await trx.updateTable("recon_aggregates").set(row).where("id", "=", agg.id).execute();
    }
  }
  for (const part of chunks(aggInserts, 200)) await trx.insertInto("recon_aggregates").values(part).execute();

  // Claims: withdrawn ones (a revised article) go.
  const goneClaims = [...slice.claims.keys()].filter((k) => !state.claims[k]);
  for (const part of chunks(goneClaims))
    await trx.deleteFrom("recon_claims").where("key", "in", part).execute();
  const claimInserts: ReconTables["recon_claims"][] = [];
  for (const c of Object.values(state.claims)) {
    const text = JSON.stringify(c);
    const before = slice.claims.get(c.key);
    if (before === text) continue;
    counts.claims++;
    if (before === undefined) claimInserts.push(claimRow(c, text));
    else {
      const { key: _k, ...row } = claimRow(c, text);
      await trx.updateTable("recon_claims").set(row).where("key", "=", c.key).execute();
    }
  }
  for (const part of chunks(claimInserts)) await trx.insertInto("recon_claims").values(part).execute();

  // Aliases: merges add or re-point them (chains flattened); retiring an incident drops the aliases that led to it.
  for (const [alias, to] of Object.entries(state.aliases)) {
    if (slice.aliases.get(alias) === to) continue;
    await trx
      .insertInto("recon_aliases")
      .values({ alias, incident_id: to, created_at: now })
      .onConflict((oc) => oc.column("alias").doUpdateSet({ incident_id: to }))
      .execute();
  }
  const droppedAliases = [...slice.aliases.keys()].filter((a) => state.aliases[a] === undefined);
  for (const part of chunks(droppedAliases))
    await trx.deleteFrom("recon_aliases").where("alias", "in", part).execute();

  for (const [id, entry] of Object.entries(state.retired)) {
    if (slice.reserved.has(id)) continue;
    await trx
      .insertInto("recon_retired")
      .values({ id, entry: JSON.stringify(entry) })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }
  // Plain INSERT: the primary key turns an id collision that slipped past the check into an error, never a
  // silently overwritten incident.
  for (const part of chunks(newIds)) await trx.insertInto("recon_ids").values(part).execute();
  return counts;
}

const sameWindow = (a: ProfileRow | null | undefined, b: ProfileRow | null): boolean =>
  (a?.window?.start ?? null) === (b?.window?.start ?? null) &&
  (a?.window?.end ?? null) === (b?.window?.end ?? null) &&
  (a?.window?.reported ?? null) === (b?.window?.reported ?? null);

/**
 * The bucket rows and profile rows of these (new, changed or not yet profiled) incidents, from the slice's claims
 * (the slice holds every claim of an incident it holds). Only what differs from the stored rows is written. An
 * incident whose profile cannot be stored faithfully (profileRow null) gets no profile row and no window on its
 * buckets: it is then always a candidate and always loaded in full.
 */
async function writeIndex(trx: Transaction<Db>, slice: Slice, ids: readonly string[]): Promise<void> {
  const { state } = slice;
  const bucketRows: ReconTables["recon_buckets"][] = [];
  const profiles: ReconTables["recon_profiles"][] = [];
  const none: string[] = [];
  for (const id of ids) {
    const inc = state.incidents[id];
    if (!inc) continue;
    const was = slice.before.get(id);
    const unprofiled = slice.unprofiled.has(id);
    const row = profileRow(state, inc);
    const w = row?.window ?? null;
    const cols = {
      w_start: w?.start ?? null,
      w_end: w?.end ?? null,
      w_reported: w ? (w.reported ? 1 : 0) : null,
    };
    const keys = incidentBucketKeys(state, id);
    const old = new Set(was?.keys ?? []);
    const dropped = [...old].filter((b) => !keys.includes(b));
    if (dropped.length > 0)
      await trx
        .deleteFrom("recon_buckets")
        .where("incident_id", "=", id)
        .where("bucket", "in", dropped)
        .execute();
    // Rows written before migration 0006 have no window: an unprofiled incident's rows get theirs now.
    if (was && (unprofiled || !sameWindow(was.profile, row)) && keys.some((b) => old.has(b)))
      await trx.updateTable("recon_buckets").set(cols).where("incident_id", "=", id).execute();
    for (const bucket of keys) if (!old.has(bucket)) bucketRows.push({ bucket, incident_id: id, ...cols });
    if (row === null) none.push(id);
    else if (unprofiled || row.text !== was?.profile?.text)
      profiles.push({ incident_id: id, profile: row.text });
  }
  for (const part of chunks(bucketRows, 100)) await trx.insertInto("recon_buckets").values(part).execute();
  for (const part of chunks(profiles, 200))
    await trx
      .insertInto("recon_profiles")
      .values(part)
      .onConflict((oc) =>
        oc.column("incident_id").doUpdateSet((eb) => ({ profile: eb.ref("excluded.profile") })),
      )
      .execute();
  for (const part of chunks(none))
    await trx.deleteFrom("recon_profiles").where("incident_id", "in", part).execute();
}

/** Ids of new incidents and aggregates that some row outside the slice already uses (48-bit hash collisions). */
async function takenIds(trx: Conn, slice: Slice): Promise<string[]> {
  const fresh = [
    ...Object.keys(slice.state.incidents).filter((id) => !slice.incidents.has(id)),
    ...Object.keys(slice.state.aggregates).filter((id) => !slice.aggregates.has(id)),
  ];
  const out: string[] = [];
  for (const part of chunks(fresh)) {
    const rows = await trx.selectFrom("recon_ids").select("id").where("id", "in", part).execute();
    out.push(...rows.map((r) => r.id));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Public: reconciling articles

export interface ReconcileOptions {
  /** Timestamp for history entries (ISO); defaults to the clock. */
  now?: string;
  /**
   * Add the articles one after another (in id order) within the one transaction, rather than all their claims in
   * one reconcile call: the same incidents and running totals as one call per article, for the price of one
   * transaction and one slice load. The ingest pipeline's batches use it.
   */
  oneByOne?: boolean;
}

export interface ReconcileReport {
  /** Articles reconciled by this call. */
  articles: number;
  /** Articles skipped: already reconciled, unknown, or replaced by a later revision. */
  skipped: number;
  claims: number;
  changes: Change[];
  /**
   * Rows the slice held in full (what "incremental" means in numbers), and the candidate incidents whose profiles
   * were scored to choose them.
   */
  loaded: { incidents: number; aggregates: number; claims: number; candidates: number };
  written: WriteCounts;
}

/**
 * Reconciles stored articles into the persisted incidents, incrementally: only the incidents these articles could
 * belong to are loaded, updated and written back, in one locked transaction. Articles already reconciled are
 * skipped, so calling it twice (or from two workers) is harmless. A revision withdraws its predecessor's claims
 * (incidents left without a link are split, left empty are retired). For the queue: call it from a job.
 */
export async function reconcileArticles(
  store: Store,
  articleIds: readonly number[],
  opts: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const { db, kind } = dbOf(store);
  const now = opts.now ?? new Date().toISOString();
  const ids = [...new Set(articleIds)].sort((a, b) => a - b);
  const inputs = await loadInputs(store, db, ids);
  return lockedTransaction(db, kind, async (trx) => {
    const report: ReconcileReport = {
      articles: 0,
      skipped: 0,
      claims: 0,
      changes: [],
      loaded: { incidents: 0, aggregates: 0, claims: 0, candidates: 0 },
      written: { incidents: 0, aggregates: 0, claims: 0, deleted: 0 },
    };
    const done = new Set<number>();
    for (const part of chunks(ids)) {
      const rows = await trx
        .selectFrom("recon_articles")
        .select("article_id")
        .where("article_id", "in", part)
        .execute();
      for (const r of rows) done.add(r.article_id);
    }
    const todo = ids.filter((id) => !done.has(id) && inputs.claims.has(id));
    report.skipped = ids.length - todo.length;
    if (todo.length === 0) return report;
    const counted = todo.filter((id) => !inputs.superseded.has(id));
    const newClaims = counted.flatMap((id) => inputs.claims.get(id) ?? []);
    // Earlier revisions that were reconciled: their claims are withdrawn before the new revision's are added.
    const previous = counted.flatMap((id) => {
      const p = inputs.revisionOf.get(id);
      return p === undefined ? [] : [p];
    });
    const replace: number[] = [];
    for (const part of chunks(previous)) {
      const rows = await trx
        .selectFrom("recon_claims")
        .select("article_id")
        .distinct()
        .where("article_id", "in", part)
        .execute();
      replace.push(...rows.map((r) => r.article_id));
    }
    if (newClaims.length > 0 || replace.length > 0) {
      const reserved = new Set<string>();
      for (let attempt = 0; ; attempt++) {
        const slice = await loadSlice(trx, newClaims, [...counted, ...replace], reserved);
        let changes: Change[];
        if (opts.oneByOne && counted.length > 1) {
          changes = [];
          const replaced = new Set(replace);
          for (const id of counted) {
            const prev = inputs.revisionOf.get(id);
            const replaceArticles = prev !== undefined && replaced.has(prev) ? [String(prev)] : [];
            const claims = inputs.claims.get(id) ?? [];
            if (claims.length === 0 && replaceArticles.length === 0) continue;
            changes.push(...reconcile(slice.state, claims, { now, replaceArticles }).changes);
          }
        } else {
          ({ changes } = reconcile(slice.state, newClaims, {
            now,
            replaceArticles: replace.map(String),
          }));
        }
        const taken = await takenIds(trx, slice);
        if (taken.length > 0 && attempt < 5) {
          // Astronomically rare: rerun on a fresh slice with those ids blocked (reconcile mutated this one).
          for (const id of taken) reserved.add(id);
          continue;
        }
        report.changes = changes;
        report.loaded = {
          incidents: slice.incidents.size,
          aggregates: slice.aggregates.size,
          claims: slice.claims.size,
          candidates: slice.candidates,
        };
        report.written = await writeSlice(trx, slice, now);
        break;
      }
    }
    report.articles = todo.length;
    report.claims = newClaims.length;
    await trx
      .insertInto("recon_articles")
      .values(todo.map((article_id) => sourceRow(inputs, article_id, now)))
      .onConflict((oc) => oc.column("article_id").doNothing())
      .execute();
    return report;
  });
}

/** The row recording that an article was reconciled, with what its text says of its source. */
function sourceRow(inputs: Inputs, article_id: number, now: string): ReconTables["recon_articles"] {
  const m = inputs.metas.get(article_id);
  return { article_id, reconciled_at: now, wire: m?.wire ?? null, fingerprint: m?.fingerprint ?? null };
}

/** Articles stored but not reconciled yet (ingested before reconciliation existed, or with --no-reconcile). */
export async function pendingArticles(store: Store): Promise<number[]> {
  const { db } = dbOf(store);
  const rows = await db
    .selectFrom("articles")
    .select("id")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("recon_articles")
            .select("article_id")
            .whereRef("recon_articles.article_id", "=", "articles.id"),
        ),
      ),
    )
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Reconciles every pending article, `batch` articles per transaction. */
export async function reconcilePending(
  store: Store,
  opts: ReconcileOptions & { batch?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ articles: number; claims: number; changes: number }> {
  const pending = await pendingArticles(store);
  const out = { articles: 0, claims: 0, changes: 0 };
  for (const part of chunks(pending, opts.batch ?? 100)) {
    const r = await reconcileArticles(store, part, opts);
    out.articles += r.articles;
    out.claims += r.claims;
    out.changes += r.changes.length;
    opts.onProgress?.(out.articles, pending.length);
  }
  return out;
}

export interface RebuildReport {
  articles: number;
  claims: number;
  incidents: number;
  aggregates: number;
  /** Ids of the previous state that now resolve as aliases of a rebuilt incident. */
  aliased: number;
  /** Ids of the previous state whose claims are in no incident any more. */
  retired: number;
  ms: number;
}

/**
 * Rebuilds incidents from every stored claim (after a reconciler change). Ids are deterministic, so unchanged
 * incidents keep theirs; an id of the previous state that is not rebuilt becomes an alias of the new incident
 * holding most of its claims (or is retired when none does), so links made before still resolve.
 */
export async function rebuildIncidents(store: Store, opts: ReconcileOptions = {}): Promise<RebuildReport> {
  const started = performance.now();
  const { db, kind } = dbOf(store);
  const now = opts.now ?? new Date().toISOString();
  const ids = (await db.selectFrom("articles").select("id").orderBy("id").execute()).map((r) => r.id);
  const inputs = await loadInputs(store, db, ids);
  const claims = ids.filter((id) => !inputs.superseded.has(id)).flatMap((id) => inputs.claims.get(id) ?? []);
  const state = reconcile(emptyState(), claims, { now }).state;

  return lockedTransaction(db, kind, async (trx) => {
    // The previous state's ids and what they held.
    const oldClaims = await trx.selectFrom("recon_claims").select(["key", "incident_id"]).execute();
    const oldAliases = await trx.selectFrom("recon_aliases").select(["alias", "incident_id"]).execute();
    const oldRetired = await trx.selectFrom("recon_retired").select(["id", "entry"]).execute();
    const held = new Map<string, string[]>();
    for (const c of oldClaims)
      if (c.incident_id) held.set(c.incident_id, [...(held.get(c.incident_id) ?? []), c.key]);
    const report: RebuildReport = {
      articles: ids.length,
      claims: claims.length,
      incidents: Object.keys(state.incidents).length,
      aggregates: Object.keys(state.aggregates).length,
      aliased: 0,
      retired: 0,
      ms: 0,
    };
    const target = new Map<string, string | null>();
    for (const [oldId, keys] of [...held.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (state.incidents[oldId]) continue;
      const votes = new Map<string, number>();
      for (const k of keys) {
        const to = state.claims[k]?.incident;
        if (to) votes.set(to, (votes.get(to) ?? 0) + 1);
      }
      const best = [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
      target.set(oldId, best ? best[0] : null);
    }
    for (const a of oldAliases)
      if (!state.incidents[a.alias]) target.set(a.alias, resolveOld(a.incident_id, state, target));
    for (const [oldId, to] of target) {
      const inc = to ? state.incidents[to] : undefined;
      if (inc) {
        state.aliases[oldId] = inc.id;
        inc.aliases = [...new Set([...inc.aliases, oldId])].sort();
        inc.history.push({
          at: now,
          action: "merge",
          from: [oldId],
          to: [inc.id],
          reason: "rebuild: most of this id's claims are now in this incident",
        });
        report.aliased++;
      } else {
        state.retired[oldId] = {
          at: now,
          action: "revise",
          from: [oldId],
          to: [],
          reason: "rebuild: none of this id's claims is in an incident any more",
        };
        report.retired++;
      }
    }
    for (const r of oldRetired)
      if (!state.incidents[r.id] && !state.aliases[r.id])
        state.retired[r.id] ??= parse<HistoryEntry>(r.entry);

    for (const t of [
      "recon_buckets",
      "recon_profiles",
      "recon_incidents",
      "recon_aggregates",
      "recon_claims",
      "recon_aliases",
      "recon_retired",
      "recon_ids",
      "recon_articles",
    ] as const)
      await trx.deleteFrom(t).execute();
    await writeSlice(trx, emptySlice(state, new Set()), now);
    // Aliases and retired ids stay reserved: no later incident may take them.
    const kept = [...Object.keys(state.aliases), ...Object.keys(state.retired)].filter(
      (id) => !state.incidents[id],
    );
    for (const part of chunks([...new Set(kept)]))
      await trx
        .insertInto("recon_ids")
        .values(part.map((id) => ({ id, kind: "incident", created_at: now })))
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    for (const part of chunks(ids))
      await trx
        .insertInto("recon_articles")
        .values(part.map((article_id) => sourceRow(inputs, article_id, now)))
        .execute();
    report.ms = Math.round(performance.now() - started);
    return report;
  });
}

function resolveOld(id: string, state: ReconState, target: Map<string, string | null>): string | null {
  if (state.incidents[id]) return id;
  return target.get(id) ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Public: reading

export interface IncidentFilter {
  /** The incident's date window overlaps [from, to]: YYYY, YYYY-MM or YYYY-MM-DD. */
  from?: string;
  to?: string;
  country?: string;
  /** Case-insensitive place name. */
  place?: string;
  /** Incidents with a figure for this metric. */
  metric?: string;
  /** Incidents with a figure for this victim group. */
  victims?: string;
  /** Full-text query over the incidents' articles. */
  q?: string;
  grade?: Grade;
  limit?: number;
}

export interface IncidentList {
  incidents: IncidentRecord[];
  /** Metadata of every article the listed incidents cite, by store article id. */
  articles: Record<string, ArticleMeta>;
}

function bound(s: string, side: "from" | "to"): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s.trim());
  if (!m) throw new RangeError(`${side} date must be YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(s)}`);
  const [, y, mo, d] = m;
  if (d !== undefined) return `${y}-${mo}-${d}`;
  if (mo !== undefined) return side === "from" ? `${y}-${mo}-01` : `${y}-${mo}-31`;
  return side === "from" ? `${y}-01-01` : `${y}-12-31`;
}

/** Incidents matching the filter, newest first (undated last). */
export async function listIncidents(store: Store, filter: IncidentFilter = {}): Promise<IncidentList> {
  const { db } = dbOf(store);
  let q = db.selectFrom("recon_incidents").select(["id", "record"]);
  if (filter.from) q = q.where("date_end", ">=", bound(filter.from, "from"));
  if (filter.to) q = q.where("date_start", "<=", bound(filter.to, "to"));
  if (filter.country) q = q.where("country", "=", filter.country.toUpperCase());
  if (filter.place) q = q.where(sql<boolean>`lower(place) = lower(${filter.place})`);
  if (filter.grade) q = q.where("grade", "=", filter.grade);
  if (filter.q?.trim()) {
    // The store's own full-text search finds the articles; their reconciled claims lead to the incidents.
    const articleIds: number[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await store.listArticles({ q: filter.q, limit: 10_000, ...(after ? { after } : {}) });
      articleIds.push(...page.items.map((a) => a.id));
      if (!page.next) break;
      after = page.next;
    }
    const incIds = new Set<string>();
    for (const part of chunks(articleIds)) {
      const rows = await db
        .selectFrom("recon_claims")
        .select("incident_id")
        .distinct()
        .where("article_id", "in", part)
        .where("incident_id", "is not", null)
        .execute();
      for (const r of rows) if (r.incident_id) incIds.add(r.incident_id);
    }
    if (incIds.size === 0) return { incidents: [], articles: {} };
    const all = [...incIds];
    if (all.length <= CHUNK) q = q.where("id", "in", all);
    else {
      const keep = incIds;
      return finishList(
        store,
        (await q.execute()).filter((r) => keep.has(r.id)),
        filter,
      );
    }
  }
  const rows = await q
    .orderBy("date_start", (ob) => ob.desc().nullsLast())
    .orderBy("id")
    .execute();
  return finishList(store, rows, filter);
}

async function finishList(
  store: Store,
  rows: { id: string; record: string }[],
  filter: IncidentFilter,
): Promise<IncidentList> {
  let incidents = rows.map((r) => parse<IncidentRecord>(r.record));
  if (filter.metric) incidents = incidents.filter((i) => i.totals.some((t) => t.metric === filter.metric));
  if (filter.victims)
    incidents = incidents.filter((i) =>
      i.figures.some((f) => f.victims === filter.victims && (!filter.metric || f.metric === filter.metric)),
    );
  incidents.sort(
    (a, b) =>
      (b.date?.start ?? "").localeCompare(a.date?.start ?? "") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  if (filter.limit !== undefined) incidents = incidents.slice(0, filter.limit);
  const { db } = dbOf(store);
  const metas = await articleMetas(
    db,
    incidents.flatMap((i) => i.articles.map(Number)),
  );
  const articles: Record<string, ArticleMeta> = {};
  for (const [id, m] of metas) articles[String(id)] = m;
  return { incidents, articles };
}

export type IncidentLookup =
  | { status: "live" | "alias"; asked: string; id: string; state: ReconState }
  | { status: "retired"; asked: string; entry: HistoryEntry; state: ReconState }
  | { status: "unknown"; asked: string };

/**
 * One incident with everything its explanation needs (its claims and their articles), by id or by an alias. The
 * returned state is a slice: pass it to explainIncident.
 */
export async function getIncident(store: Store, asked: string): Promise<IncidentLookup> {
  const { db } = dbOf(store);
  const state = emptyState();
  let id = asked;
  let status: "live" | "alias" = "live";
  let row = await db
    .selectFrom("recon_incidents")
    .select("record")
    .where("id", "=", asked)
    .executeTakeFirst();
  if (!row) {
    const alias = await db
      .selectFrom("recon_aliases")
      .select("incident_id")
      .where("alias", "=", asked)
      .executeTakeFirst();
    if (alias) {
      id = alias.incident_id;
      status = "alias";
      row = await db.selectFrom("recon_incidents").select("record").where("id", "=", id).executeTakeFirst();
    }
  }
  if (!row) {
    const retired = await db
      .selectFrom("recon_retired")
      .select("entry")
      .where("id", "=", asked)
      .executeTakeFirst();
    if (!retired) return { status: "unknown", asked };
    const entry = parse<HistoryEntry>(retired.entry);
    state.retired[asked] = entry;
    return { status: "retired", asked, entry, state };
  }
  const inc = parse<IncidentRecord>(row.record);
  state.incidents[inc.id] = inc;
  for (const a of inc.aliases) state.aliases[a] = inc.id;
  for (const part of chunks(inc.claims)) {
    const rows = await db
      .selectFrom("recon_claims")
      .select(["key", "record"])
      .where("key", "in", part)
      .execute();
    for (const r of rows) state.claims[r.key] = parse<StoredReconClaim>(r.record);
  }
  const metas = await articleMetas(db, inc.articles.map(Number));
  for (const [aid, m] of metas) state.articles[String(aid)] = m;
  return resolveId(state, asked) === inc.id
    ? { status, asked, id: inc.id, state }
    : { status: "unknown", asked };
}

/** Totals by country, place or month from the persisted incidents and running totals (see report.ts `totals`). */
export async function incidentTotals(
  store: Store,
  by: TotalsBy,
  opts: { metric?: Metric; grades?: readonly Grade[] } = {},
): Promise<TotalsRow[]> {
  const { db } = dbOf(store);
  const state = emptyState();
  // Only the records are needed (no claims): totals read each incident's own totals and each aggregate's figures.
  for (const r of await db.selectFrom("recon_incidents").select("record").execute()) {
    const inc = parse<IncidentRecord>(r.record);
    state.incidents[inc.id] = inc;
  }
  let aq = db.selectFrom("recon_aggregates").select("record");
  if (opts.metric) aq = aq.where("metric", "=", opts.metric);
  for (const r of await aq.execute()) {
    const agg = parse<AggregateRecord>(r.record);
    state.aggregates[agg.id] = agg;
  }
  return stateTotals(state, by, opts);
}

/** Row counts of the persisted state. */
export async function reconCounts(
  store: Store,
): Promise<{ incidents: number; aggregates: number; claims: number; aliases: number; articles: number }> {
  const { db } = dbOf(store);
  const n = async (t: keyof ReconTables) =>
    Number(
      (
        await db
          .selectFrom(t)
          .select(sql<string | number>`count(*)`.as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    incidents: await n("recon_incidents"),
    aggregates: await n("recon_aggregates"),
    claims: await n("recon_claims"),
    aliases: await n("recon_aliases"),
    articles: await n("recon_articles"),
  };
}

/** The whole persisted state in memory (tests, small stores, the evaluation). */
export async function loadState(store: Store): Promise<ReconState> {
  const { db } = dbOf(store);
  const state = emptyState();
  for (const r of await db.selectFrom("recon_incidents").select("record").execute()) {
    const inc = parse<IncidentRecord>(r.record);
    state.incidents[inc.id] = inc;
  }
  for (const r of await db.selectFrom("recon_aggregates").select("record").execute()) {
    const agg = parse<AggregateRecord>(r.record);
    state.aggregates[agg.id] = agg;
  }
  for (const r of await db.selectFrom("recon_claims").select(["key", "record"]).execute())
    state.claims[r.key] = parse<StoredReconClaim>(r.record);
  for (const r of await db.selectFrom("recon_aliases").select(["alias", "incident_id"]).execute())
    state.aliases[r.alias] = r.incident_id;
  for (const r of await db.selectFrom("recon_retired").select(["id", "entry"]).execute())
    state.retired[r.id] = parse<HistoryEntry>(r.entry);
  const metas = await articleMetas(
    db,
    Object.values(state.claims).map((c) => Number(c.article_id)),
  );
  for (const [id, m] of metas) state.articles[String(id)] = m;
  return state;
}

// ---------------------------------------------------------------------------------------------------------------
// The public JSON shape of an incident (CLI, API)

export interface Range3 {
  low: number;
  best: number;
  high: number;
}

export interface IncidentJson {
  id: string;
  aliases: string[];
  grade: Grade;
  period: { start: string; end: string } | null;
  place: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  /** The methods reported, joined ("airstrike; shelling"); null when none. */
  method: string | null;
  perpetrator: string | null;
  killed: Range3 | null;
  injured: Range3 | null;
  /** The articles it came from: the input's own id (JSONL `id`) where it gave one, else the store's article id. */
  articles: string[];
  /** Independent sources (wire copies collapsed). */
  sources: number;
  claims: number;
}

export function incidentJson(inc: IncidentRecord, articles: Record<string, ArticleMeta>): IncidentJson {
  const fig = (m: Metric): Range3 | null => {
    const t = inc.totals.find((x) => x.metric === m);
    return t ? { low: t.low, best: t.best, high: t.high } : null;
  };
  return {
    id: inc.id,
    aliases: inc.aliases,
    grade: inc.grade,
    period: inc.date,
    place: inc.place,
    country: inc.country,
    lat: inc.lat,
    lon: inc.lon,
    method: inc.methods.length ? inc.methods.join("; ") : null,
    perpetrator: inc.perpetrators.length ? inc.perpetrators.join("; ") : null,
    killed: fig("killed"),
    injured: fig("injured"),
    articles: inc.articles.map((a) => articles[a]?.external_id ?? a),
    sources: inc.families.length,
    claims: inc.claims.length,
  };
}
