// The incremental reconciler: new claims in, incidents and aggregates updated, permanent ids kept.
//
// How a batch is processed:
//  1. Claims already in the state (same article id and claim id) are skipped, so re-running is idempotent. Articles
//     listed in opts.replaceArticles lose their earlier claims first (a revised article); incidents that lose their
//     only link are split, incidents left empty are retired.
//  2. New claims are put in a canonical order (publication date, article id, claim id) so that the input order never
//     matters.
//  3. Routing: historical claims are kept but linked to nothing; cumulative claims become aggregate records; breakdown
//     parts follow the claim they are part of; every other claim joins a *unit*: its article's document incident, or
//     itself when the extraction put it in none. Repeats (same_as) follow the claim they repeat, like parts.
//  4. Each unit is scored (link.ts) against the incidents the index offers as candidates (same country, or unknown,
//     and the date window's weeks). Best score ≥ threshold → it joins that incident; several incidents above the
//     threshold that are also compatible with each other → they are merged (the unit bridged them); none → a new
//     incident.
//  5. Every touched incident is recomputed from its claims: figures, totals, families, grade.
//
// The state is updated in place and returned (structuredClone it first to keep the old one): copying a large state
// per article would make adding one article cost as much as the whole state. The candidate index is derived data,
// kept in a WeakMap beside the state object and rebuilt once when a state comes fresh from storage.
import type { Claim, ExtractResult } from "../extract/types.ts";
import type {
  AggregateRecord,
  ArticleMeta,
  Change,
  HistoryEntry,
  IncidentRecord,
  LinkDecision,
  ReconClaim,
  ReconOptions,
  ReconResult,
  ReconState,
  StoredReconClaim,
} from "./types.ts";
import { computeFigures, metricTotals } from "./figures.ts";
import type { FigureInput } from "./figures.ts";
import { gradeIncident, sourceFamilies } from "./grade.ts";
import type { Family } from "./grade.ts";
import { DEFAULT_THRESHOLD, buildProfile, explainScore, scorePair, verdict } from "./link.ts";
import type { Profile } from "./link.ts";
import {
  claimKey,
  cmp,
  dayNumber,
  nameKey,
  fold,
  isoDay,
  placeKey,
  shortHash,
  textFingerprint,
  victimClass,
  wireCredit,
} from "./normalize.ts";

export function emptyState(): ReconState {
  return { version: 1, articles: {}, claims: {}, incidents: {}, aggregates: {}, aliases: {}, retired: {} };
}

/** ReconClaims from one article's extraction: the document incidents are carried over as `doc_incident`. */
export function fromExtraction(
  result: ExtractResult,
  meta: Omit<ArticleMeta, "outlet" | "url" | "published" | "title"> & Partial<ArticleMeta>,
): ReconClaim[] {
  const article: ArticleMeta = {
    outlet: result.article.outlet,
    url: result.article.url,
    published: result.article.published,
    title: result.article.title,
    wire: wireCredit(result.article.text),
    fingerprint: textFingerprint(result.article.text),
    ...meta,
    external_id: meta.external_id ?? null,
  };
  const docOf = new Map<string, string>();
  for (const inc of result.incidents) for (const c of inc.claims) docOf.set(c, inc.id);
  const text = result.article.text;
  return result.claims.map((claim) => ({
    claim,
    article,
    doc_incident: docOf.get(claim.id) ?? null,
    sentence_text: text.slice(claim.sentence.start, claim.sentence.end) || null,
  }));
}

/** The live incident an id (or a merged-away alias) stands for, or null when unknown or retired. */
export function resolveId(state: ReconState, id: string): string | null {
  if (state.incidents[id]) return id;
  const to = state.aliases[id];
  return to !== undefined && state.incidents[to] ? to : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Candidate index

interface Index {
  buckets: Map<string, Set<string>>;
  keysOf: Map<string, string[]>;
  profiles: Map<string, Profile>;
  aggs: Map<string, Set<string>>;
}

const indexes = new WeakMap<ReconState, Index>();

function weeks(p: Profile): string[] {
  if (!p.window) return ["nodate"];
  const out: string[] = [];
  // One day of slack either side: the date rule accepts adjacent days.
  for (let w = Math.floor((p.window.start - 1) / 7); w <= Math.floor((p.window.end + 1) / 7); w++)
    out.push(String(w));
  return out;
}

/** Buckets an incident is filed under: (country or "??") × week, and ("*" × week) for claims with no country. */
function incidentBuckets(p: Profile): string[] {
  const countries = p.countries.size > 0 ? [...p.countries] : ["??"];
  const out: string[] = [];
  for (const w of weeks(p)) {
    out.push(`*|${w}`);
    for (const c of countries) out.push(`${c}|${w}`);
  }
  return out;
}

/** Buckets a new group of claims looks in. */
export function lookupBuckets(p: Profile): string[] {
  const out: string[] = [];
  for (const w of weeks(p)) {
    if (p.countries.size === 0) out.push(`*|${w}`);
    else {
      out.push(`??|${w}`);
      for (const c of p.countries) out.push(`${c}|${w}`);
    }
  }
  return out;
}

/**
 * Bucket keys a store can use to load only the part of a persisted state that new claims could touch (incidents
 * filed under any of these keys: see incidentBucketKeys).
 */
export function candidateBuckets(claims: readonly ReconClaim[]): string[] {
  const out = new Set<string>();
  for (const rc of claims) {
    const sc = toStored(rc);
    const p = buildProfile([sc], { [rc.article.article_id]: rc.article }, []);
    for (const b of lookupBuckets(p)) out.add(b);
  }
  return [...out].sort();
}

/** The bucket keys an incident is filed under (for a store's bucket table). */
export function incidentBucketKeys(state: ReconState, id: string): string[] {
  return getIndex(state).keysOf.get(id) ?? [];
}

/**
 * The part of a state that `newClaims` could touch: the incidents filed under their candidate buckets, the running
 * totals of their metrics and countries, whatever the state already holds of their articles, and the alias and
 * retired tables (ids must stay unique). What a store loads before calling reconcile; reconciling the slice gives
 * the same result for these incidents as reconciling the whole state. The slice shares objects with `state`. Write back every incident, aggregate and claim
 * the slice holds afterwards, delete the incidents that the changes report as absorbed, and upsert the aliases.
 */
export function sliceState(state: ReconState, newClaims: readonly ReconClaim[]): ReconState {
  const idx = getIndex(state);
  const out = emptyState();
  out.aliases = { ...state.aliases };
  out.retired = { ...state.retired };
  const addClaim = (k: string) => {
    const c = state.claims[k];
    if (!c) return;
    out.claims[k] = c;
    const a = state.articles[c.article_id];
    if (a) out.articles[c.article_id] = a;
  };
  for (const b of candidateBuckets(newClaims))
    for (const id of idx.buckets.get(b) ?? []) {
      const inc = state.incidents[id];
      if (!inc || out.incidents[id]) continue;
      out.incidents[id] = inc;
      for (const k of inc.claims) addClaim(k);
    }
  const aggKeys = new Set(
    newClaims
      .filter((c) => c.claim.scope === "cumulative")
      .map((c) => aggKey(c.claim.metric, c.claim.location?.country ?? null)),
  );
  for (const k of aggKeys)
    for (const id of idx.aggs.get(k) ?? []) {
      const agg = state.aggregates[id];
      if (!agg) continue;
      out.aggregates[id] = agg;
      for (const ck of agg.claims) addClaim(ck);
    }
  // Claims already stored for these articles (re-runs are skipped, revisions withdrawn) and their incidents. A scan
  // here; a store reads them through its article index.
  const arts = new Set(newClaims.map((c) => c.article.article_id));
  for (const [k, c] of Object.entries(state.claims)) {
    if (!arts.has(c.article_id)) continue;
    addClaim(k);
    const inc = c.incident ? state.incidents[c.incident] : undefined;
    if (inc && !out.incidents[inc.id]) {
      out.incidents[inc.id] = inc;
      for (const ik of inc.claims) addClaim(ik);
    }
  }
  return out;
}

/**
 * The recorded incidents nearest to `id` that were not linked to it (the same country and weeks), each with the
 * rules' verdict on the pair, the closest first: what an analyst checks before merging by hand. Computed on demand
 * from the state given (a store's slice holds only what it loaded).
 */
export function keptApart(
  state: ReconState,
  id: string,
  limit = 5,
): { id: string; score: number | null; agreed: string[]; against: string[]; vetoed: string[] }[] {
  const idx = getIndex(state);
  const p = idx.profiles.get(id);
  if (!p) return [];
  const cands = new Set<string>();
  for (const b of lookupBuckets(p)) for (const o of idx.buckets.get(b) ?? []) if (o !== id) cands.add(o);
  const out = [];
  for (const o of [...cands].sort()) {
    const op = idx.profiles.get(o);
    if (!op) continue;
    const s = scorePair(p, op);
    // Incidents with nothing in common (a veto on date or place) are not "near".
    if (s.veto && s.results.some((x) => x.veto && (x.rule === "date" || x.rule === "place"))) continue;
    out.push({ id: o, ...verdict(s) });
  }
  return out.sort((a, b) => (b.score ?? -99) - (a.score ?? -99) || cmp(a.id, b.id)).slice(0, limit);
}

/** The key running totals are looked up by (metric and country): a store indexes its aggregate rows by it. */
export function aggKey(metric: string, country: string | null): string {
  return `${metric}|${country ?? "??"}`;
}

function getIndex(state: ReconState): Index {
  const cached = indexes.get(state);
  if (cached) return cached;
  const idx: Index = { buckets: new Map(), keysOf: new Map(), profiles: new Map(), aggs: new Map() };
  indexes.set(state, idx);
  for (const inc of Object.values(state.incidents)) indexIncident(state, idx, inc);
  for (const agg of Object.values(state.aggregates)) indexAggregate(idx, agg);
  return idx;
}

/**
 * Drop the cached index of a state that was edited by other means than this module (e.g. incidents loaded from a
 * store into an existing object): the next call rebuilds it. Checking on every call would cost O(state).
 */
export function forgetIndex(state: ReconState): void {
  indexes.delete(state);
}

function incidentClaims(state: ReconState, inc: IncidentRecord): StoredReconClaim[] {
  const out: StoredReconClaim[] = [];
  for (const k of inc.claims) {
    const c = state.claims[k];
    if (c) out.push(c);
  }
  return out;
}

function indexIncident(state: ReconState, idx: Index, inc: IncidentRecord): void {
  unindexIncident(idx, inc.id);
  const p = buildProfile(incidentClaims(state, inc), state.articles, inc.totals);
  idx.profiles.set(inc.id, p);
  const keys = incidentBuckets(p);
  idx.keysOf.set(inc.id, keys);
  for (const k of keys) {
    let s = idx.buckets.get(k);
    if (!s) idx.buckets.set(k, (s = new Set()));
    s.add(inc.id);
  }
}

function unindexIncident(idx: Index, id: string): void {
  for (const k of idx.keysOf.get(id) ?? []) {
    const s = idx.buckets.get(k);
    s?.delete(id);
    if (s && s.size === 0) idx.buckets.delete(k);
  }
  idx.keysOf.delete(id);
  idx.profiles.delete(id);
}

function indexAggregate(idx: Index, agg: AggregateRecord): void {
  const k = aggKey(agg.metric, agg.country);
  let s = idx.aggs.get(k);
  if (!s) idx.aggs.set(k, (s = new Set()));
  s.add(agg.id);
}

// ---------------------------------------------------------------------------------------------------------------
// Ids

function newId(state: ReconState, prefix: "inc_" | "agg_", seed: string): string {
  let id = prefix + shortHash(seed);
  for (
    let n = 1;
    state.incidents[id] || state.aggregates[id] || state.aliases[id] !== undefined || state.retired[id];
    n++
  )
    id = prefix + shortHash(`${seed}#${n}`);
  return id;
}

// ---------------------------------------------------------------------------------------------------------------
// Recomputing an incident from its claims

export function toStored(rc: ReconClaim): StoredReconClaim {
  return {
    key: claimKey(rc),
    claim: rc.claim,
    article_id: rc.article.article_id,
    doc_incident: rc.doc_incident ?? null,
    sentence_text: rc.sentence_text ?? null,
    incident: null,
    aggregate: null,
    note: null,
  };
}

function figureInputs(
  state: Pick<ReconState, "articles">,
  claims: readonly StoredReconClaim[],
  families: readonly Family[],
): FigureInput[] {
  const familyOf = new Map<string, string>();
  for (const f of families) for (const a of f.articles) familyOf.set(a, f.label);
  return claims.map((c) => ({
    key: c.key,
    claim: c.claim,
    article_id: c.article_id,
    published: state.articles[c.article_id]?.published ?? null,
    // A later report from the same source family quoting the same speaker supersedes the earlier one.
    stream: `${familyOf.get(c.article_id) ?? c.article_id}|${c.claim.source ? fold(c.claim.source) : ""}`,
  }));
}

function mostCommon<T>(items: readonly T[], key: (t: T) => string): T | null {
  const counts = new Map<string, { n: number; item: T }>();
  for (const it of items) {
    const k = key(it);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { n: 1, item: it });
  }
  let best: { k: string; n: number; item: T } | null = null;
  for (const [k, v] of counts)
    if (!best || v.n > best.n || (v.n === best.n && k < best.k)) best = { k, ...v };
  return best ? best.item : null;
}

function refreshIncident(state: ReconState, idx: Index, inc: IncidentRecord, now: string): void {
  inc.claims = [...new Set(inc.claims)].filter((k) => state.claims[k]).sort();
  const claims = incidentClaims(state, inc);
  inc.articles = [...new Set(claims.map((c) => c.article_id))].sort();
  const families = sourceFamilies(claims, state.articles);
  inc.families = families.map((f) => f.articles);
  inc.figures = computeFigures(figureInputs(state, claims, families));
  inc.totals = metricTotals(inc.figures);
  const g = gradeIncident(claims, inc.totals, families);
  inc.grade = g.grade;
  inc.grade_because = g.because;
  const counted = claims.filter((c) => c.claim.part_of === null && !c.claim.historical);
  // Place: the most often reported specific place; its coordinates when some claim has them.
  const located = counted.filter((c) => c.claim.location && placeKey(c.claim.location));
  const specific = located.filter(
    (c) => c.claim.location?.precision === "exact" || c.claim.location?.precision === "near",
  );
  const top = mostCommon(specific.length ? specific : located, (c) => placeKey(c.claim.location) ?? "");
  inc.place = top?.claim.location?.place ?? top?.claim.location?.name ?? null;
  const withCoords = (specific.length ? specific : located).find(
    (c) =>
      placeKey(c.claim.location) === placeKey(top?.claim.location ?? null) && c.claim.location?.lat != null,
  );
  inc.lat = withCoords?.claim.location?.lat ?? null;
  inc.lon = withCoords?.claim.location?.lon ?? null;
  inc.country =
    mostCommon(
      counted.filter((c) => c.claim.location?.country),
      (c) => c.claim.location?.country ?? "",
    )?.claim.location?.country ?? null;
  inc.methods = [...new Set(counted.map((c) => c.claim.method).filter((m): m is string => !!m))].sort();
  inc.perpetrators = [
    ...new Set(counted.map((c) => c.claim.perpetrator).filter((m): m is string => !!m)),
  ].sort();
  indexIncident(state, idx, inc);
  const w = idx.profiles.get(inc.id)?.window;
  inc.date = w ? { start: isoDay(w.start), end: isoDay(w.end) } : null;
  inc.updated_at = now;
  for (const c of claims) c.incident = inc.id;
}

function createIncident(
  state: ReconState,
  seed: string,
  now: string,
  reason: string,
  from: string[] = [],
): IncidentRecord {
  const id = newId(state, "inc_", seed);
  const inc: IncidentRecord = {
    id,
    aliases: [],
    claims: [],
    articles: [],
    date: null,
    place: null,
    country: null,
    lat: null,
    lon: null,
    methods: [],
    perpetrators: [],
    figures: [],
    totals: [],
    grade: "single_source",
    grade_because: [],
    families: [],
    history: [{ at: now, action: from.length ? "split" : "create", from, to: [id], reason }],
    created_at: now,
    updated_at: now,
  };
  state.incidents[id] = inc;
  return inc;
}

// ---------------------------------------------------------------------------------------------------------------
// Merge and split

/** Survivor of a merge: the incident with more claims; ties go to the older one, then the smaller id. */
function survivorOf(a: IncidentRecord, b: IncidentRecord): [IncidentRecord, IncidentRecord] {
  if (a.claims.length !== b.claims.length) return a.claims.length > b.claims.length ? [a, b] : [b, a];
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? [a, b] : [b, a];
  return a.id < b.id ? [a, b] : [b, a];
}

function mergeIncidents(
  state: ReconState,
  idx: Index,
  x: IncidentRecord,
  y: IncidentRecord,
  reason: string,
  now: string,
  changes: Change[],
): IncidentRecord {
  const [keep, gone] = survivorOf(x, y);
  keep.claims.push(...gone.claims);
  keep.aliases = [...new Set([...keep.aliases, gone.id, ...gone.aliases])].sort();
  keep.history.push(...gone.history, { at: now, action: "merge", from: [gone.id], to: [keep.id], reason });
  if (gone.links?.length) keep.links = [...(keep.links ?? []), ...gone.links];
  for (const a of [gone.id, ...gone.aliases]) state.aliases[a] = keep.id;
  // Flatten chains: anything that pointed at the absorbed incident now points at the survivor.
  for (const [a, to] of Object.entries(state.aliases)) if (to === gone.id) state.aliases[a] = keep.id;
  delete state.incidents[gone.id];
  unindexIncident(idx, gone.id);
  refreshIncident(state, idx, keep, now);
  changes.push({ type: "merged", id: keep.id, absorbed: gone.id, reason });
  return keep;
}

/** Units of an incident: claims grouped by article and document incident (loose claims alone). */
function unitsOf(claims: readonly StoredReconClaim[]): StoredReconClaim[][] {
  const m = new Map<string, StoredReconClaim[]>();
  for (const c of claims) {
    const k = unitKey(c);
    const l = m.get(k);
    if (l) l.push(c);
    else m.set(k, [c]);
  }
  return [...m.entries()].sort(([a], [b]) => cmp(a, b)).map(([, v]) => v);
}

export function unitKey(c: StoredReconClaim): string {
  return c.doc_incident !== null ? `${c.article_id}|${c.doc_incident}` : `${c.article_id}|#${c.claim.id}`;
}

function unitProfile(state: ReconState, unit: readonly StoredReconClaim[]): Profile {
  return unitProfileOf(state.articles, unit);
}

/** A unit's linking profile from the articles' metadata: what reconcile compares candidates with. */
export function unitProfileOf(
  articles: Readonly<Record<string, ArticleMeta>>,
  unit: readonly StoredReconClaim[],
): Profile {
  const fams = sourceFamilies(unit, articles);
  const totals = metricTotals(computeFigures(figureInputs({ articles }, unit, fams)));
  return buildProfile(unit, articles, totals);
}

/**
 * Move `claimKeys` out of incident `id` into a new incident. The larger part keeps the id (history on both); the
 * other part gets a new id. An analyst's tool, and what reconcile does when a revised article breaks a link.
 */
export function splitIncident(
  state: ReconState,
  id: string,
  claimKeys: readonly string[],
  reason: string,
  opts: { now?: string } = {},
): ReconResult {
  const now = opts.now ?? new Date().toISOString();
  const idx = getIndex(state);
  const changes: Change[] = [];
  const live = resolveId(state, id);
  const inc = live ? state.incidents[live] : undefined;
  if (!inc) throw new Error(`no incident ${id}`);
  const moving = new Set(claimKeys.filter((k) => inc.claims.includes(k)));
  if (moving.size === 0 || moving.size === inc.claims.length) return { state, changes };
  doSplit(state, idx, inc, [inc.claims.filter((k) => !moving.has(k)), [...moving]], reason, now, changes);
  return { state, changes };
}

function doSplit(
  state: ReconState,
  idx: Index,
  inc: IncidentRecord,
  parts: string[][],
  reason: string,
  now: string,
  changes: Change[],
): void {
  // The largest part keeps the id; ties go to the part holding the smallest claim key.
  const sorted = parts
    .map((p) => [...p].sort())
    .sort((a, b) => b.length - a.length || cmp(a[0] ?? "", b[0] ?? ""));
  const [keepPart, ...rest] = sorted;
  if (!keepPart) return;
  const links = inc.links ?? [];
  const linksOf = (part: readonly string[]) => {
    const inPart = new Set(part);
    return links.filter((l) => l.claims.some((k) => inPart.has(k)));
  };
  inc.claims = keepPart;
  if (inc.links) inc.links = linksOf(keepPart);
  const newIds: string[] = [];
  for (const part of rest) {
    const seedClaim = part[0] ?? inc.id;
    const n = createIncident(state, `split:${inc.id}:${seedClaim}`, now, reason, [inc.id]);
    n.claims = part;
    if (links.length) n.links = linksOf(part);
    refreshIncident(state, idx, n, now);
    newIds.push(n.id);
    changes.push({ type: "split", id: n.id, from: inc.id, reason });
  }
  inc.history.push({ at: now, action: "split", from: [inc.id], to: [inc.id, ...newIds], reason });
  refreshIncident(state, idx, inc, now);
}

/** After claims were withdrawn: split the incident into the parts that still link to each other. */
function resplit(
  state: ReconState,
  idx: Index,
  inc: IncidentRecord,
  threshold: number,
  now: string,
  changes: Change[],
): void {
  const units = unitsOf(incidentClaims(state, inc));
  if (units.length < 2) return;
  const profiles = units.map((u) => unitProfile(state, u));
  // Hysteresis: parts stay together unless they fall well below the link threshold (or a rule vetoes), so an
  // incident linked through its summary is not torn apart by a pairwise check.
  const keepTogether = threshold - 2;
  const parent = units.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] ?? i;
    return i;
  };
  for (let i = 0; i < units.length; i++)
    for (let j = i + 1; j < units.length; j++) {
      const a = profiles[i];
      const b = profiles[j];
      if (!a || !b) continue;
      const s = scorePair(a, b);
      if (!s.veto && s.score >= keepTogether) parent[find(j)] = find(i);
    }
  const comps = new Map<number, string[]>();
  units.forEach((u, i) => {
    const r = find(i);
    comps.set(r, [...(comps.get(r) ?? []), ...u.map((c) => c.key)]);
  });
  if (comps.size > 1)
    doSplit(
      state,
      idx,
      inc,
      [...comps.values()],
      "a revised article removed the claims that linked these reports",
      now,
      changes,
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Aggregates

function aggPeriod(c: Claim, published: string | null): { start: string | null; end: string | null } {
  return {
    start: c.period?.start ?? null,
    end: c.period?.end ?? (published ? published.slice(0, 10) : null),
  };
}

/** Is a cumulative claim another report of this running total (same metric, place, period, figure ±15%)? */
function sameAggregate(state: ReconState, agg: AggregateRecord, sc: StoredReconClaim): boolean {
  const c = sc.claim;
  const published = state.articles[sc.article_id]?.published ?? null;
  if (agg.metric !== c.metric) return false;
  const va = victimClass(agg.victims);
  const vc = victimClass(c.victims);
  if (va !== vc && va !== "all" && vc !== "all") return false;
  if (nameKey(agg.place) !== placeKey(c.location)) return false;
  const p = aggPeriod(c, published);
  if (p.start && agg.period.start && p.start.slice(0, 7) !== agg.period.start.slice(0, 7)) return false;
  const ea = dayNumber(agg.period.end, true);
  const ec = dayNumber(p.end, true);
  if (ea !== null && ec !== null && Math.abs(ea - ec) > 3) return false;
  const values = agg.claims
    .map((k) => state.claims[k]?.claim.value)
    .filter((v): v is number => v !== undefined);
  return values.some((v) => Math.abs(v - c.value) / Math.max(1, Math.min(v, c.value)) <= 0.15);
}

function refreshAggregate(state: ReconState, agg: AggregateRecord, now: string): void {
  agg.claims = [...new Set(agg.claims)].filter((k) => state.claims[k]).sort();
  const claims = agg.claims.map((k) => state.claims[k]).filter((c): c is StoredReconClaim => !!c);
  agg.articles = [...new Set(claims.map((c) => c.article_id))].sort();
  const families = sourceFamilies(claims, state.articles);
  // One running total is one figure whatever the victim words ("Iraq civilians" / "civilians"): pool the claims.
  const pooled = figureInputs(state, claims, families).map((f) => ({
    ...f,
    claim: { ...f.claim, victims: agg.victims, scope: "cumulative" as const },
  }));
  const fig = computeFigures(pooled).find((f) => f.metric === agg.metric);
  if (fig) {
    agg.low = fig.low;
    agg.best = fig.best;
    agg.high = fig.high;
    agg.because = fig.because;
  }
  const sources = claims.map((c) => c.claim.source ?? state.articles[c.article_id]?.outlet ?? c.article_id);
  agg.sources = [...new Set(sources)].sort();
  const ends = claims.map((c) => aggPeriod(c.claim, state.articles[c.article_id]?.published ?? null));
  agg.period = {
    start:
      ends
        .map((e) => e.start)
        .filter((s): s is string => !!s)
        .sort()[0] ?? null,
    end:
      ends
        .map((e) => e.end)
        .filter((s): s is string => !!s)
        .sort()
        .at(-1) ?? null,
  };
  agg.updated_at = now;
  for (const c of claims) c.aggregate = agg.id;
}

function addToAggregates(
  state: ReconState,
  idx: Index,
  sc: StoredReconClaim,
  now: string,
  changes: Map<string, Change>,
): void {
  const c = sc.claim;
  const key = aggKey(c.metric, c.location?.country ?? null);
  const ids = [...(idx.aggs.get(key) ?? [])].sort();
  let agg = ids
    .map((id) => state.aggregates[id])
    .find((a): a is AggregateRecord => !!a && sameAggregate(state, a, sc));
  if (!agg) {
    const published = state.articles[sc.article_id]?.published ?? null;
    agg = {
      id: newId(state, "agg_", sc.key),
      metric: c.metric,
      victims: c.victims,
      place: c.location?.place ?? c.location?.name ?? null,
      country: c.location?.country ?? null,
      period: aggPeriod(c, published),
      low: c.low,
      best: c.value,
      high: c.high,
      claims: [],
      articles: [],
      sources: [],
      because: [],
      created_at: now,
      updated_at: now,
    };
    state.aggregates[agg.id] = agg;
    indexAggregate(idx, agg);
    changes.set(agg.id, { type: "aggregate_created", id: agg.id, claims: [] });
  } else if (!changes.has(agg.id)) changes.set(agg.id, { type: "aggregate_updated", id: agg.id, claims: [] });
  agg.claims.push(sc.key);
  const ch = changes.get(agg.id);
  if (ch && "claims" in ch) ch.claims.push(sc.key);
  refreshAggregate(state, agg, now);
}

// ---------------------------------------------------------------------------------------------------------------
// reconcile

function withdrawArticle(
  state: ReconState,
  idx: Index,
  articleId: string,
  threshold: number,
  now: string,
  changes: Change[],
): void {
  const keys = Object.keys(state.claims).filter((k) => state.claims[k]?.article_id === articleId);
  const incs = new Set<string>();
  const aggs = new Set<string>();
  for (const k of keys) {
    const c = state.claims[k];
    if (c?.incident) incs.add(c.incident);
    if (c?.aggregate) aggs.add(c.aggregate);
    delete state.claims[k];
  }
  for (const id of [...incs].sort()) {
    const inc = state.incidents[id];
    if (!inc) continue;
    inc.claims = inc.claims.filter((k) => state.claims[k]);
    if (inc.claims.length === 0) {
      const entry: HistoryEntry = {
        at: now,
        action: "revise",
        from: [id],
        to: [],
        reason: `article ${articleId} was revised and no claim is left`,
      };
      state.retired[id] = entry;
      for (const [a, to] of Object.entries(state.aliases)) if (to === id) delete state.aliases[a];
      delete state.incidents[id];
      unindexIncident(idx, id);
      changes.push({ type: "retired", id, reason: entry.reason });
      continue;
    }
    inc.history.push({
      at: now,
      action: "revise",
      from: [id],
      to: [id],
      reason: `article ${articleId} was revised`,
    });
    refreshIncident(state, idx, inc, now);
    resplit(state, idx, inc, threshold, now, changes);
    changes.push({ type: "updated", id, claims: [] });
  }
  for (const id of aggs) {
    const agg = state.aggregates[id];
    if (!agg) continue;
    agg.claims = agg.claims.filter((k) => state.claims[k]);
    if (agg.claims.length === 0) delete state.aggregates[id];
    else refreshAggregate(state, agg, now);
  }
  if (aggs.size > 0) {
    idx.aggs.clear();
    for (const agg of Object.values(state.aggregates)) indexAggregate(idx, agg);
  }
}

export function reconcile(
  state: ReconState,
  newClaims: readonly ReconClaim[],
  opts: ReconOptions = {},
): ReconResult {
  const now = opts.now ?? new Date().toISOString();
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const idx = getIndex(state);
  const changes: Change[] = [];
  const touched = new Map<string, Change>();

  for (const a of opts.replaceArticles ?? []) withdrawArticle(state, idx, a, threshold, now, changes);

  // 1-2. New claims only, in canonical order.
  const fresh = newClaims
    .map((rc) => ({ rc, key: claimKey(rc) }))
    .filter(({ key }) => !state.claims[key])
    .sort(
      (a, b) =>
        cmp(a.rc.article.published ?? "\uffff", b.rc.article.published ?? "\uffff") ||
        cmp(a.rc.article.article_id, b.rc.article.article_id) ||
        cmp(a.key, b.key),
    );
  const seen = new Set<string>();
  const stored: StoredReconClaim[] = [];
  for (const { rc, key } of fresh) {
    if (seen.has(key)) continue;
    seen.add(key);
    // The first metadata seen for an article wins; later copies of the same article id are the same article.
    state.articles[rc.article.article_id] ??= rc.article;
    const sc = toStored(rc);
    state.claims[key] = sc;
    stored.push(sc);
  }

  // 3. Routing.
  const units = new Map<string, StoredReconClaim[]>();
  const parts: StoredReconClaim[] = [];
  for (const sc of stored) {
    const c = sc.claim;
    if (c.historical) sc.note = "historical: kept, linked to nothing, never counted";
    else if (c.part_of !== null || c.same_as !== null) parts.push(sc);
    else if (c.scope === "cumulative") addToAggregates(state, idx, sc, now, touched);
    else {
      const k = unitKey(sc);
      const l = units.get(k);
      if (l) l.push(sc);
      else units.set(k, [sc]);
    }
  }

  // 4. Link each unit.
  for (const unit of units.values()) {
    const p = unitProfile(state, unit);
    const cands = new Set<string>();
    for (const b of lookupBuckets(p)) for (const id of idx.buckets.get(b) ?? []) cands.add(id);
    const scored: { id: string; score: number; s: ReturnType<typeof scorePair> }[] = [];
    for (const id of cands) {
      const ip = idx.profiles.get(id);
      if (!ip) continue;
      const s = scorePair(p, ip);
      if (!s.veto && s.score >= threshold) scored.push({ id, score: s.score, s });
    }
    const unitClaims = unit.map((c) => c.key);
    const decide = (
      decision: LinkDecision["decision"],
      withId: string | null,
      s: ReturnType<typeof scorePair> | null,
    ): LinkDecision => ({
      at: now,
      claims: unitClaims,
      decision,
      with: withId,
      ...(s ? verdict(s) : { score: null, agreed: [], against: [], vetoed: [] }),
    });
    scored.sort((a, b) => b.score - a.score || cmp(a.id, b.id));
    let target: IncidentRecord | undefined;
    const first = scored[0];
    if (!first) {
      target = createIncident(
        state,
        unitKeyOf(unit),
        now,
        `new report: ${unit.map((c) => c.key).join(", ")}`,
      );
      touched.set(target.id, { type: "created", id: target.id, claims: [] });
    } else {
      target = state.incidents[first.id];
      if (!target) continue;
      if (!touched.has(target.id)) touched.set(target.id, { type: "updated", id: target.id, claims: [] });
    }
    // The target as it was before the unit joined: a bridge must not override a veto between the two incidents
    // themselves (two strikes in one city on one day, 3 and 40 killed, that a vague report matches both).
    const before = first ? idx.profiles.get(target.id) : undefined;
    target.links = [
      ...(target.links ?? []),
      first ? decide("joined", target.id, first.s) : decide("founded", null, null),
    ];
    target.claims.push(...unit.map((c) => c.key));
    const ch = touched.get(target.id);
    if (ch && "claims" in ch) ch.claims.push(...unit.map((c) => c.key));
    refreshIncident(state, idx, target, now);
    // The unit may bridge incidents that were kept apart for lack of evidence: once its claims are in the target,
    // every other incident it matched is compared with the enlarged target and merged when they now agree.
    for (const other of scored.slice(1)) {
      const o = state.incidents[other.id];
      const tp = idx.profiles.get(target.id);
      const op = idx.profiles.get(other.id);
      if (!o || !tp || !op) continue;
      const between = before ? scorePair(before, op) : null;
      if (between?.veto) {
        target.links = [...(target.links ?? []), decide("kept_apart", o.id, between)];
        continue;
      }
      const s = scorePair(tp, op);
      if (s.veto || s.score < threshold) {
        target.links = [...(target.links ?? []), decide("kept_apart", o.id, s)];
        continue;
      }
      target.links = [...(target.links ?? []), decide("merged", o.id, s)];
      const reason = `${unit.map((c) => c.key).join(", ")} matches both ${target.id} and ${o.id}; with it they agree (${explainScore(s)})`;
      const keep = mergeIncidents(state, idx, target, o, reason, now, changes);
      const gone = keep.id === target.id ? o.id : target.id;
      const prior = touched.get(gone);
      touched.delete(gone);
      const mine = touched.get(keep.id);
      const claims = [
        ...(prior && "claims" in prior ? prior.claims : []),
        ...(mine && "claims" in mine ? mine.claims : []),
      ];
      touched.set(keep.id, {
        type: prior?.type === "created" || mine?.type === "created" ? "created" : "updated",
        id: keep.id,
        claims,
      });
      target = keep;
    }
  }

  // Breakdown parts follow their whole, repeats (same_as: a headline rounding the body) the claim they repeat:
  // shown with it, never counted.
  for (const sc of parts) {
    const of = sc.claim.part_of ?? sc.claim.same_as;
    const whole = state.claims[`${sc.article_id}#${of}`];
    const incId = whole?.incident ?? null;
    const aggId = whole?.aggregate ?? null;
    const inc = incId ? state.incidents[incId] : undefined;
    if (inc) {
      inc.claims.push(sc.key);
      refreshIncident(state, idx, inc, now);
    } else if (aggId && state.aggregates[aggId]) {
      const agg = state.aggregates[aggId];
      agg.claims.push(sc.key);
      refreshAggregate(state, agg, now);
    } else
      sc.note = `${sc.claim.part_of !== null ? "breakdown part" : "repeat"} of ${of}, which is not linked`;
  }

  const all = [...changes, ...touched.values()].filter((c) => {
    if (c.type === "created" || c.type === "updated" || c.type === "merged" || c.type === "split")
      return !!state.incidents[c.id];
    return true;
  });
  return { state, changes: all };
}

function unitKeyOf(unit: readonly StoredReconClaim[]): string {
  const first = unit[0];
  return first ? unitKey(first) : "empty";
}
