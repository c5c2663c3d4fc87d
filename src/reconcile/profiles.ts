// Linking profiles for the store (store.ts, migration 0006): what lets an incremental reconcile decide which
// candidate incidents matter WITHOUT loading their claims.
//
// reconcile() only ever acts on the candidates that score at or above the threshold against one of the new units
// (it joins the best one and may merge the others); a candidate below the threshold, or vetoed, is compared and
// then left alone. Scoring needs only the candidate's Profile (link.ts), and an incident's profile changes only
// when the incident itself is rewritten. So the store keeps each incident's profile as a row written beside the
// incident, scores the new units against the candidates' profiles, and loads records and claims only for the
// incidents that match (plus those already holding the articles' claims). Reconciling that smaller slice gives the
// same result as the bucket slice, and so as the whole state: every incident a unit could act on is in it, and
// incidents changed by an earlier unit of the same call are in it by construction (they matched, or were created).
//
// The unit profiles below must be the ones reconcile() computes (unitProfile, lookupBuckets in reconcile.ts):
// a profile that differed could miss a match. They are built by reconcile's own functions (toStored, unitKey,
// unitProfileOf, lookupBuckets), and the store tests compare store-backed and in-memory results end to end.
import { DEFAULT_THRESHOLD, buildProfile, scorePair } from "./link.ts";
import type { MetricSpan, PlaceRef, Profile } from "./link.ts";
import { claimKey, cmp } from "./normalize.ts";
import { lookupBuckets, toStored, unitKey, unitProfileOf } from "./reconcile.ts";
import type { Metric } from "../extract/types.ts";
import type { ArticleMeta, IncidentRecord, ReconClaim, ReconState, StoredReconClaim } from "./types.ts";

// ---------------------------------------------------------------------------------------------------------------
// Codec: Profile holds Sets and Maps; their insertion order is kept (rules iterate them, and a tie between two
// reasons goes to the first), so a decoded profile scores exactly like the one it was made from.

interface ProfileJson {
  v: 2;
  window: Profile["window"];
  latestPublished: string;
  places: PlaceRef[];
  countries: string[];
  methods: string[];
  perpetrators: string[];
  metrics: [Metric, MetricSpan][];
  names: string[];
  victims: string[];
  hours: [number, number][];
  docIncidents: [string, (string | null)[]][];
}

export function encodeProfile(p: Profile): string {
  const json: ProfileJson = {
    v: 2,
    window: p.window,
    latestPublished: p.latestPublished,
    places: p.places,
    countries: [...p.countries],
    methods: [...p.methods],
    perpetrators: p.perpetrators,
    metrics: [...p.metrics],
    names: [...p.names],
    victims: [...p.victims],
    hours: p.hours,
    docIncidents: [...p.docIncidents].map(([a, s]) => [a, [...s]]),
  };
  for (const [, span] of json.metrics)
    if (!Number.isFinite(span.low) || !Number.isFinite(span.high))
      // JSON would turn Infinity into null and the decoded profile would score differently: refuse, the caller
      // then stores no profile and the incident is always loaded in full (correct, only slower).
      throw new RangeError("profile with a non-finite figure");
  return JSON.stringify(json);
}

/** The profile a row holds, or null when it is missing or of another version (the incident is then loaded). */
export function decodeProfile(text: string | null | undefined): Profile | null {
  if (!text) return null;
  const j = JSON.parse(text) as ProfileJson;
  // Version 1 rows (before victims and times of day) are ignored: their incidents are loaded in full and rewritten.
  if (j.v !== 2) return null;
  return {
    window: j.window,
    latestPublished: j.latestPublished,
    places: j.places,
    countries: new Set(j.countries),
    methods: new Set(j.methods),
    perpetrators: j.perpetrators,
    metrics: new Map(j.metrics),
    names: new Set(j.names),
    victims: new Set(j.victims),
    hours: j.hours,
    docIncidents: new Map(j.docIncidents.map(([a, s]) => [a, new Set(s)])),
  };
}

/** An incident's profile as reconcile's index builds it (claims and articles of the state, the record's totals). */
export function incidentProfile(state: ReconState, inc: IncidentRecord): Profile {
  const claims: StoredReconClaim[] = [];
  for (const k of inc.claims) {
    const c = state.claims[k];
    if (c) claims.push(c);
  }
  return buildProfile(claims, state.articles, inc.totals);
}

export interface ProfileRow {
  text: string;
  window: Profile["window"];
}

/** An incident's profile as stored, or null when it cannot be stored faithfully (encodeProfile refused). */
export function profileRow(state: ReconState, inc: IncidentRecord): ProfileRow | null {
  const p = incidentProfile(state, inc);
  try {
    return { text: encodeProfile(p), window: p.window };
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The new claims' units, as reconcile() forms them

/**
 * The profiles of the units reconcile() will link for `newClaims`: claims not yet known (`known` keys are skipped,
 * as reconcile skips them), in its canonical order, routed as it routes them (historical claims, parts, repeats
 * and running totals form no unit), grouped by article and document incident.
 */
export function unitProfiles(
  newClaims: readonly ReconClaim[],
  known: ReadonlySet<string>,
  loadedArticles: Readonly<Record<string, ArticleMeta>>,
): Profile[] {
  const fresh = newClaims
    .map((rc) => ({ rc, key: claimKey(rc) }))
    .filter(({ key }) => !known.has(key))
    .sort(
      (a, b) =>
        cmp(a.rc.article.published ?? "\uffff", b.rc.article.published ?? "\uffff") ||
        cmp(a.rc.article.article_id, b.rc.article.article_id) ||
        cmp(a.key, b.key),
    );
  // reconcile keeps the first metadata seen for an article, after what the state already holds.
  const articles: Record<string, ArticleMeta> = { ...loadedArticles };
  const seen = new Set<string>();
  const units = new Map<string, StoredReconClaim[]>();
  for (const { rc, key } of fresh) {
    if (seen.has(key)) continue;
    seen.add(key);
    articles[rc.article.article_id] ??= rc.article;
    const sc = toStored(rc);
    const c = sc.claim;
    if (c.historical || c.part_of !== null || c.same_as !== null || c.scope === "cumulative") continue;
    const k = unitKey(sc);
    const l = units.get(k);
    if (l) l.push(sc);
    else units.set(k, [sc]);
  }
  return [...units.values()].map((unit) => unitProfileOf(articles, unit));
}

// ---------------------------------------------------------------------------------------------------------------
// Candidate buckets and matching

/** The buckets reconcile() looks a unit up in. */
export const unitBuckets = lookupBuckets;

/** Would reconcile() act on this candidate for one of the units (a link or a merge needs score ≥ threshold)? */
export function matchesAny(
  units: readonly Profile[],
  candidate: Profile,
  threshold = DEFAULT_THRESHOLD,
): boolean {
  for (const u of units) {
    const s = scorePair(u, candidate);
    if (!s.veto && s.score >= threshold) return true;
  }
  return false;
}
