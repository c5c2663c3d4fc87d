// The server's view of incidents: every stored claim, with analysts' reviews applied (corrected fields replace the
// machine's, rejected claims are left out), reconciled into incidents by src/reconcile, then analysts' merges and
// splits replayed in order. Incidents are not persisted by the store yet (src/reconcile/README.md, "Not done
// yet"), so the server rebuilds this view on start and after changes; reviews live in their own tables,
// so a rebuild (or a later automatic run) can never overwrite what an analyst decided. A plain confirmation (the
// commonest review) is applied in place instead (applyConfirm): it changes nothing reconciliation reads.
// Corrections, rejections, merges, splits and ingests still rebuild (7.7 s at 100,000 claims): see applyConfirm for
// why a correction cannot simply be patched in while build() reconciles corrected claims.
import type { Claim } from "../extract/types.ts";
import {
  computeFigures,
  emptyState,
  forgetIndex,
  gradeIncident,
  metricTotals,
  reconcile,
  resolveId,
  sourceFamilies,
  splitIncident,
} from "../reconcile/index.ts";
import type { AggregateRecord, ArticleMeta, IncidentRecord, ReconClaim, ReconState } from "../reconcile/index.ts";
import { wherePrecision } from "../reconcile/export.ts";
import type { IncidentExportRow } from "../store/export.ts";
import { fold } from "../reconcile/normalize.ts";
import type { ClaimReview, IncidentAction, ReviewStore } from "../store/review.ts";
import type { Store, StoredClaim } from "../store/types.ts";
import { KyselyStore } from "../store/store.ts";
import { CORRECTABLE_FIELDS } from "./schemas.ts";

/** Fields an analyst may correct, flat (the API's `corrections` object). */
export const CORRECTABLE = CORRECTABLE_FIELDS;
export type CorrectableField = (typeof CORRECTABLE)[number];

/** The machine's value of a correctable field. */
export function machineValue(c: Claim, f: CorrectableField): unknown {
  switch (f) {
    case "period_start":
      return c.period?.start ?? null;
    case "period_end":
      return c.period?.end ?? null;
    case "place":
      return c.location?.place ?? null;
    case "country":
      return c.location?.country ?? null;
    case "lat":
      return c.location?.lat ?? null;
    case "lon":
      return c.location?.lon ?? null;
    default:
      return c[f];
  }
}

/** The claim as the analyst left it: corrections replace the machine's fields (a copy; the input is untouched). */
export function applyCorrections<T extends Claim>(c: T, corrections: Record<string, unknown>): T {
  const out: T = { ...c, period: c.period ? { ...c.period } : null, location: c.location ? { ...c.location } : null };
  const rec = out as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(corrections)) {
    if (k === "period_start" || k === "period_end") {
      out.period ??= { start: null, end: null, precision: "day" };
      if (k === "period_start") out.period.start = v as string | null;
      else out.period.end = v as string | null;
    } else if (k === "place" || k === "country" || k === "lat" || k === "lon") {
      out.location ??= { name: String(corrections["place"] ?? ""), place: null, country: null, lat: null, lon: null, precision: "exact" };
      (out.location as unknown as Record<string, unknown>)[k] = v;
      if (k === "place" && typeof v === "string") out.location.name = v;
    } else {
      rec[k] = v;
    }
  }
  return out;
}

/** A claim counts as reviewed unless it has no review or every correction of it was undone (status pending). */
export function isReviewed(r: ClaimReview | undefined | null): boolean {
  return r !== undefined && r !== null && r.status !== "pending";
}

/** How unsure the machine is about a claim: >0 means "look at this" (vague, hedged, weak certainty). */
export function doubt(c: Claim): string[] {
  const why: string[] = [];
  if (c.qualifier === "vague") why.push("vague figure");
  if (c.qualifier === "approximately" || c.qualifier === "range") why.push(`${c.qualifier} figure`);
  if (c.certainty && ["alleged", "feared", "unconfirmed", "denied", "believed", "likely"].includes(c.certainty))
    why.push(`certainty: ${c.certainty}`);
  if (c.high > c.low * 2 && c.low > 0) why.push("wide range");
  if (!c.location?.country) why.push("no country");
  if (!c.period) why.push("no date of its own");
  return why;
}

export interface ArticleRow extends ArticleMeta {
  illustrative: boolean;
}

export interface IncidentSummary {
  id: string;
  date: { start: string; end: string } | null;
  place: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  methods: string[];
  perpetrators: string[];
  grade: IncidentRecord["grade"];
  killed: { low: number; best: number; high: number } | null;
  injured: { low: number; best: number; high: number } | null;
  claims: number;
  articles: number;
  reviewed: number;
  /** unreviewed | partly | reviewed */
  review_status: "unreviewed" | "partly" | "reviewed";
  /** How precise the place is (exact · near · region · country; null when unknown): the map draws a circle for the coarse ones. */
  where_prec: IncidentExportRow["where_prec"];
  illustrative: boolean;
}

/** The incident filters of the API (src/server/schemas.ts IncidentFilters), already validated. */
export interface IncidentFilterValues {
  from?: string | undefined;
  to?: string | undefined;
  country?: string | undefined;
  place?: string | undefined;
  metric?: string | undefined;
  victims?: string | undefined;
  perpetrator?: string | undefined;
  grade?: string | undefined;
  review?: string | undefined;
}

/** YYYY / YYYY-MM → first or last day, for comparisons with YYYY-MM-DD. */
export function dateBound(s: string, side: "from" | "to"): string {
  if (s.length === 10) return s;
  if (s.length === 7) return side === "from" ? `${s}-01` : `${s}-31`;
  return side === "from" ? `${s}-01-01` : `${s}-12-31`;
}

/**
 * The one predicate behind every incident endpoint (list, map, timeline, totals, exports): the same filters give
 * the same incidents everywhere.
 */
export function incidentMatcher(v: IncidentView, q: IncidentFilterValues): (s: IncidentSummary) => boolean {
  const place = q.place?.toLowerCase();
  const perp = q.perpetrator?.toLowerCase();
  const from = q.from ? dateBound(q.from, "from") : null;
  const to = q.to ? dateBound(q.to, "to") : null;
  const country = q.country?.toUpperCase();
  const full = (id: string): IncidentRecord | undefined => v.state.incidents[id];
  return (s) => {
    if (country && s.country !== country) return false;
    if (place && !(s.place ?? "").toLowerCase().includes(place)) return false;
    if (perp && !s.perpetrators.some((p) => p.toLowerCase().includes(perp))) return false;
    if (q.grade && s.grade !== q.grade) return false;
    if (q.review && s.review_status !== q.review) return false;
    if (from && (!s.date || s.date.end < from)) return false;
    if (to && (!s.date || s.date.start > to)) return false;
    if (q.metric && !full(s.id)?.totals.some((t) => t.metric === q.metric)) return false;
    if (q.victims && !full(s.id)?.figures.some((f) => f.victims === q.victims)) return false;
    return true;
  };
}

/** Running totals under the same filters, as far as they apply to a running total (place, country, dates, metric, victims). */
export function aggregateMatcher(q: IncidentFilterValues): (a: AggregateRecord) => boolean {
  const place = q.place?.toLowerCase();
  const from = q.from ? dateBound(q.from, "from") : null;
  const to = q.to ? dateBound(q.to, "to") : null;
  const country = q.country?.toUpperCase();
  return (a) => {
    if (country && a.country !== country) return false;
    if (place && !(a.place ?? "").toLowerCase().includes(place)) return false;
    if (q.metric && a.metric !== q.metric) return false;
    if (q.victims && a.victims !== q.victims) return false;
    // A running total counts as of its period's end (the date it was reported for).
    const asOf = a.period.end ?? a.period.start;
    if ((from || to) && !asOf) return false;
    if (from && asOf && asOf < from) return false;
    if (to && asOf && asOf > to) return false;
    return true;
  };
}

export class IncidentView {
  state: ReconState = emptyState();
  /** Store claim id → the claim as reviewed (corrections applied). Rejected claims included (marked in reviews). */
  claims = new Map<number, StoredClaim>();
  /** Reconcile key ("17#c3") → store claim id. */
  keyToId = new Map<string, number>();
  reviews = new Map<number, ClaimReview>();
  articles = new Map<string, ArticleRow>();
  summaries: IncidentSummary[] = [];
  builtAt = "";
  buildMs = 0;
  /** Reviews applied to this view in place since it was built (see applyConfirm). */
  updates = 0;
  /** Duration of the last in-place update. */
  lastUpdateMs = 0;
  /**
   * Serialized incident detail responses by live incident id (src/server/app.ts), without the parts read per request
   * (audit trail, resolved_from). A rebuild makes a new view, so the cache can never outlive the state it was built
   * from; in-place updates drop the entries of the incidents they touch.
   */
  readonly detailCache = new Map<string, string>();

  static async build(store: Store, reviews: ReviewStore): Promise<IncidentView> {
    const t0 = performance.now();
    const v = new IncidentView();
    v.reviews = await reviews.allReviews();
    // Article metadata and document incidents. A direct query: listArticles has no content hash or extraction, and
    // loading every article's text through getArticle would be far slower.
    const docOf = new Map<string, string>();
    if (store instanceof KyselyStore) {
      const rows = await store.db
        .selectFrom("articles")
        .select(["id", "external_id", "title", "outlet", "url", "published", "content_hash", "meta", "extraction"])
        .execute();
      for (const r of rows) {
        const meta = (typeof r.meta === "string" ? JSON.parse(r.meta) : r.meta) as Record<string, unknown> | null;
        const ex = (typeof r.extraction === "string" ? JSON.parse(r.extraction) : r.extraction) as {
          incidents?: { id: string; claims: string[] }[];
        } | null;
        const id = String(r.id);
        v.articles.set(id, {
          article_id: id,
          external_id: r.external_id,
          title: r.title,
          outlet: r.outlet,
          url: r.url,
          published: r.published,
          content_hash: r.content_hash,
          illustrative: meta?.["illustrative"] === true,
        });
        for (const inc of ex?.incidents ?? []) for (const c of inc.claims) docOf.set(`${id}#${c}`, inc.id);
      }
    }
    const input: ReconClaim[] = [];
    for (let after: string | undefined, first = true; first || after; first = false) {
      const page = await store.listClaims({ limit: 10_000, ...(after ? { after } : {}) });
      for (const raw of page.items) {
        const review = v.reviews.get(raw.claim_id);
        const c = review ? applyCorrections(raw, review.corrections) : raw;
        v.claims.set(c.claim_id, c);
        const key = `${c.article_id}#${c.local_id}`;
        v.keyToId.set(key, c.claim_id);
        if (review?.status === "rejected") continue;
        const art = v.articles.get(String(c.article_id)) ?? {
          article_id: String(c.article_id),
          external_id: null,
          outlet: null,
          url: null,
          published: null,
          title: null,
        };
        const { claim_id: _i, article_id: _a, local_id: _l, date: _d, ...claim } = c;
        input.push({ claim, article: art, doc_incident: docOf.get(key) ?? null });
      }
      after = page.next ?? undefined;
    }
    reconcile(v.state, input);
    for (const a of await reviews.incidentActions()) v.replay(a);
    v.summarise();
    v.builtAt = new Date().toISOString();
    v.buildMs = performance.now() - t0;
    return v;
  }

  /** Applies one analyst action to the state; actions whose incidents are gone are skipped (they stay in the audit). */
  replay(a: IncidentAction): boolean {
    if (a.action === "split") {
      const id = resolveId(this.state, a.incident);
      if (!id) return false;
      splitIncident(this.state, id, a.claims, `split by ${a.actor}`, { now: a.at });
      return true;
    }
    const target = resolveId(this.state, a.target);
    const gone = resolveId(this.state, a.absorbed);
    if (!target || !gone || target === gone) return false;
    mergeInto(this.state, target, gone, `merged by ${a.actor}`, a.at);
    return true;
  }

  private sorted = new Map<string, IncidentSummary[]>();
  /** The summaries in one order, sorted once per view (applyConfirm keeps them in step; anything else rebuilds). */
  sortedBy(key: string, cmp: (a: IncidentSummary, b: IncidentSummary) => number): IncidentSummary[] {
    let s = this.sorted.get(key);
    if (!s) this.sorted.set(key, (s = [...this.summaries].sort(cmp)));
    return s;
  }

  summarise(): void {
    this.sorted.clear();
    this.summaries = Object.values(this.state.incidents).map((inc) => this.summary(inc));
  }

  summary(inc: IncidentRecord): IncidentSummary {
    const fig = (m: string) => {
      const t = inc.totals.find((x) => x.metric === m);
      return t ? { low: t.low, best: t.best, high: t.high } : null;
    };
    let reviewed = 0;
    for (const k of inc.claims) {
      const id = this.keyToId.get(k);
      if (id !== undefined && isReviewed(this.reviews.get(id))) reviewed++;
    }
    let illustrative = false;
    for (const a of inc.articles) if (this.articles.get(a)?.illustrative) illustrative = true;
    return {
      id: inc.id,
      date: inc.date,
      place: inc.place,
      country: inc.country,
      lat: inc.lat,
      lon: inc.lon,
      methods: inc.methods,
      perpetrators: inc.perpetrators,
      grade: inc.grade,
      killed: fig("killed"),
      injured: fig("injured"),
      claims: inc.claims.length,
      articles: inc.articles.length,
      reviewed,
      review_status: reviewed === 0 ? "unreviewed" : reviewed >= inc.claims.length ? "reviewed" : "partly",
      where_prec: wherePrecision(
        inc,
        inc.claims.flatMap((k) => {
          const c = this.state.claims[k];
          return c && c.claim.part_of === null && !c.claim.historical ? [c.claim] : [];
        }),
      ),
      illustrative,
    };
  }

  /**
   * A confirmation without corrections of a claim nobody had reviewed, applied in place. It changes nothing that
   * reconciliation reads (the claim's fields stay the machine's; a confirmed claim is reconciled like an unreviewed
   * one), so a full rebuild would give the same state: only the review, the review counts of the claim's incident
   * and that incident's cached detail change. Returns false when the review is anything else; the caller then
   * rebuilds. Corrections and rejections still rebuild because build() reconciles claims with corrections applied
   * and rejected claims left out, so they can move claims between incidents, and only a rebuild reproduces that.
   */
  applyConfirm(review: ClaimReview): boolean {
    const t0 = performance.now();
    if (review.status !== "confirmed" || Object.keys(review.corrections).length > 0) return false;
    if (this.reviews.has(review.claim_id) || !this.claims.has(review.claim_id)) return false;
    this.reviews.set(review.claim_id, review);
    const incId = this.incidentOfClaim(review.claim_id);
    const inc = incId ? this.state.incidents[incId] : undefined;
    if (inc) {
      const at = this.summaries.findIndex((s) => s.id === inc.id);
      const next = this.summary(inc);
      if (at >= 0) this.summaries[at] = next;
      // Sorted copies hold the old summary object; a review count can change order under sort=… only through
      // review_status, which no sort key uses, so each sorted array gets the new object in the old place.
      for (const arr of this.sorted.values()) {
        const i = arr.findIndex((s) => s.id === inc.id);
        if (i >= 0) arr[i] = next;
      }
      this.detailCache.delete(inc.id);
    }
    this.updates++;
    this.lastUpdateMs = performance.now() - t0;
    return true;
  }

  incident(id: string): IncidentRecord | null {
    const live = resolveId(this.state, id);
    return live ? (this.state.incidents[live] ?? null) : null;
  }

  /** The incident a store claim is in, if any. */
  incidentOfClaim(claimId: number): string | null {
    const c = this.claims.get(claimId);
    if (!c) return null;
    return this.state.claims[`${c.article_id}#${c.local_id}`]?.incident ?? null;
  }
}

/**
 * An analyst's merge. src/reconcile merges on its own when a report bridges two incidents but does not export the
 * operation, so this does the same from the exported parts: claims and aliases move to `targetId`, and figures,
 * families and grade are recomputed with the same functions reconcile uses.
 */
export function mergeInto(state: ReconState, targetId: string, goneId: string, reason: string, now: string): void {
  const keep = state.incidents[targetId];
  const gone = state.incidents[goneId];
  if (!keep || !gone) return;
  keep.claims = [...new Set([...keep.claims, ...gone.claims])].sort();
  keep.aliases = [...new Set([...keep.aliases, gone.id, ...gone.aliases])].sort();
  keep.history.push(...gone.history, { at: now, action: "merge", from: [gone.id], to: [keep.id], reason });
  for (const a of [gone.id, ...gone.aliases]) state.aliases[a] = keep.id;
  for (const [a, to] of Object.entries(state.aliases)) if (to === gone.id) state.aliases[a] = keep.id;
  delete state.incidents[gone.id];
  const claims = keep.claims.flatMap((k) => (state.claims[k] ? [state.claims[k]] : []));
  for (const c of claims) c.incident = keep.id;
  keep.articles = [...new Set(claims.map((c) => c.article_id))].sort();
  const families = sourceFamilies(claims, state.articles);
  keep.families = families.map((f) => f.articles);
  const familyOf = new Map<string, string>();
  for (const f of families) for (const a of f.articles) familyOf.set(a, f.label);
  keep.figures = computeFigures(
    claims.map((c) => ({
      key: c.key,
      claim: c.claim,
      article_id: c.article_id,
      published: state.articles[c.article_id]?.published ?? null,
      stream: `${familyOf.get(c.article_id) ?? c.article_id}|${c.claim.source ? fold(c.claim.source) : ""}`,
    })),
  );
  keep.totals = metricTotals(keep.figures);
  const g = gradeIncident(claims, keep.totals, families);
  keep.grade = g.grade;
  keep.grade_because = g.because;
  keep.place ??= gone.place;
  keep.country ??= gone.country;
  keep.lat ??= gone.lat;
  keep.lon ??= gone.lon;
  keep.methods = [...new Set([...keep.methods, ...gone.methods])].sort();
  keep.perpetrators = [...new Set([...keep.perpetrators, ...gone.perpetrators])].sort();
  if (keep.date && gone.date)
    keep.date = {
      start: keep.date.start < gone.date.start ? keep.date.start : gone.date.start,
      end: keep.date.end > gone.date.end ? keep.date.end : gone.date.end,
    };
  else keep.date ??= gone.date;
  keep.updated_at = now;
  // The candidate index is cached per state; this edit went around it.
  forgetIndex(state);
}
