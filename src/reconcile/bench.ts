// Benchmark of the incremental reconciler: build a state from synthetic claims, then add articles one call each (the
// way ingestion would), and report claims per second. `npm run bench` calls benchReconcile().
//
// The synthetic world: 400 places in 8 countries, three years of days, events each reported by 1-4 outlets with
// drifting figures and qualifiers ("at least", "as many as", a rising toll), a killed and often an injured claim per
// article, and now and then a running total. Deterministic (seeded), so runs are comparable.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { DocumentIncident, Qualifier } from "../extract/types.ts";
import { openStore } from "../store/index.ts";
import type { SaveInput } from "../store/types.ts";
import { rebuildIncidents, reconCounts, reconcileArticles } from "./store.ts";
import { emptyState, reconcile } from "./reconcile.ts";
import type { ReconClaim } from "./types.ts";
import { article, day, rng } from "./testing.ts";
import type { ClaimSpec, PlaceDef } from "./testing.ts";

export interface BenchResult {
  baseClaims: number;
  buildMs: number;
  buildClaimsPerSecond: number;
  addedArticles: number;
  addedClaims: number;
  addMs: number;
  /** Claims per second while adding articles one reconcile call at a time. */
  claimsPerSecond: number;
  incidents: number;
  aggregates: number;
}

const COUNTRIES = ["IQ", "SY", "YE", "AF", "SO", "ML", "NG", "UA"];
const METHODS = ["airstrike", "shelling", "car bomb", "shooting", "drone strike", "mortar fire"];
const OUTLETS = [
  "Reuters",
  "AP",
  "AFP",
  "Al Jazeera",
  "BBC",
  "The National",
  "Rudaw",
  "Anadolu",
  "Xinhua",
  "Local Daily",
];

function places(rand: () => number): PlaceDef[] {
  const out: PlaceDef[] = [];
  COUNTRIES.forEach((country, ci) => {
    for (let i = 0; i < 50; i++) {
      // Places of one country spread over ~6° so that most pairs are far apart and a few are neighbours.
      out.push({
        name: `Town ${country}-${i}`,
        place: `Town ${country}-${i}`,
        country,
        lat: 10 + ci * 7 + rand() * 6,
        lon: 20 + ci * 7 + rand() * 6,
        geonameid: 1_000_000 + ci * 1000 + i,
      });
    }
  });
  return out;
}

/** Synthetic articles until `claims` claims are produced; `start` offsets the article ids. */
export function syntheticArticles(claims: number, seed: number, start = 0): ReconClaim[][] {
  const rand = rng(seed);
  const ps = places(rng(7));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const out: ReconClaim[][] = [];
  let n = 0;
  let art = start;
  const epoch = Date.UTC(2015, 0, 1);
  while (n < claims) {
    const place = pick(ps);
    const d = Math.floor(rand() * 1100);
    const date = new Date(epoch + d * 86_400_000).toISOString().slice(0, 10);
    const method = pick(METHODS);
    const toll = 1 + Math.floor(rand() ** 3 * 200);
    const reports = 1 + Math.floor(rand() * 4);
    for (let r = 0; r < reports && n < claims; r++) {
      const published = new Date(epoch + (d + 1 + r) * 86_400_000).toISOString().slice(0, 16);
      const q: Qualifier = pick(["exact", "exact", "at_least", "at_most", "approximately"] as const);
      const value = Math.max(1, Math.round(toll * (0.8 + 0.1 * r + rand() * 0.2)));
      const location = {
        name: place.name,
        place: place.place,
        country: place.country,
        lat: place.lat,
        lon: place.lon,
        precision: "exact" as const,
        geonameid: place.geonameid ?? null,
      };
      const specs: ClaimSpec[] = [
        { id: "c1", value, qualifier: q, period: day(date), location, method, doc: "i1" },
      ];
      if (rand() < 0.6)
        specs.push({
          id: "c2",
          value: Math.round(value * 1.5),
          metric: "injured",
          period: day(date),
          location,
          doc: "i1",
        });
      if (rand() < 0.05)
        specs.push({
          id: "c3",
          value: 1000 + Math.floor(rand() * 5000),
          scope: "cumulative",
          period: { start: "2015-01", end: date, precision: "month" },
          location: { ...location, precision: "country" },
        });
      out.push(article({ article_id: `s${art++}`, outlet: pick(OUTLETS), published }, specs));
      n += specs.length;
    }
  }
  return out;
}

export function benchReconcile(opts: { baseClaims?: number; addArticles?: number } = {}): BenchResult {
  const baseClaims = opts.baseClaims ?? 100_000;
  const addArticles = opts.addArticles ?? 10_000;
  const now = "2024-01-01T00:00:00Z";
  const base = syntheticArticles(baseClaims, 1).flat();
  let t = performance.now();
  const { state } = reconcile(emptyState(), base, { now });
  const buildMs = performance.now() - t;

  // New articles: same world (same places and days), so they land on existing incidents as well as new ones.
  const extra = syntheticArticles(addArticles * 3, 2, 10_000_000).slice(0, addArticles);
  const addedClaims = extra.reduce((s, a) => s + a.length, 0);
  t = performance.now();
  for (const a of extra) reconcile(state, a, { now });
  const addMs = performance.now() - t;
  return {
    baseClaims: base.length,
    buildMs: Math.round(buildMs),
    buildClaimsPerSecond: Math.round(base.length / (buildMs / 1000)),
    addedArticles: extra.length,
    addedClaims,
    addMs: Math.round(addMs),
    claimsPerSecond: Math.round(addedClaims / (addMs / 1000)),
    incidents: Object.keys(state.incidents).length,
    aggregates: Object.keys(state.aggregates).length,
  };
}

export interface StoreBenchResult {
  backend: string;
  baseClaims: number;
  /** Building the base state: one in-memory reconcile over every stored claim, written back in bulk (rebuild). */
  rebuildMs: number;
  addedArticles: number;
  addedClaims: number;
  /** Time in reconcileArticles only (articles were stored beforehand): load slice, reconcile, write back, commit. */
  addMs: number;
  claimsPerSecond: number;
  articlesPerSecond: number;
  /** Incidents loaded per article, on average: what "incremental" costs. */
  meanSliceIncidents: number;
  incidents: number;
}

/** Synthetic articles as the store's save input (one text per article, so none is a duplicate). */
export function saveInputs(articles: readonly ReconClaim[][]): SaveInput[] {
  return articles.flatMap((rcs) => {
    const first = rcs[0];
    if (!first) return [];
    const m = first.article;
    const text = `synthetic report ${m.article_id} by ${m.outlet ?? "?"}`;
    const docs = new Map<string, string[]>();
    for (const r of rcs)
      if (r.doc_incident) docs.set(r.doc_incident, [...(docs.get(r.doc_incident) ?? []), r.claim.id]);
    const incidents: DocumentIncident[] = [...docs].map(([id, claims]) => ({
      id,
      claims,
      killed: null,
      injured: null,
    }));
    return [
      {
        article: {
          external_id: m.article_id,
          title: null,
          published: m.published,
          outlet: m.outlet,
          url: null,
          text,
          origin: "bench",
        },
        extraction: {
          article: { title: null, published: m.published, outlet: m.outlet, url: null, text },
          claims: rcs.map((r) => r.claim),
          incidents,
          totals: { killed: null, injured: null },
        },
        extractorVersion: "bench",
      },
    ];
  });
}

/**
 * The same measurement through the store (src/reconcile/store.ts): a store of `baseClaims` reconciled claims, then
 * `addArticles` articles each reconciled by its own reconcileArticles call, as `toll ingest` does. `target` is a
 * SQLite path or a postgres:// URL of a throwaway database; by default a temporary SQLite file.
 */
export async function benchReconcileStore(
  opts: { baseClaims?: number; addArticles?: number; target?: string } = {},
): Promise<StoreBenchResult> {
  const baseClaims = opts.baseClaims ?? 100_000;
  const addArticles = opts.addArticles ?? 10_000;
  const now = "2024-01-01T00:00:00Z";
  const dir = opts.target ? null : mkdtempSync(path.join(tmpdir(), "toll-recon-bench-"));
  const store = await openStore(opts.target ?? path.join(dir ?? "", "bench.db"));
  try {
    const base = saveInputs(syntheticArticles(baseClaims, 1));
    for (let i = 0; i < base.length; i += 1000) await store.saveArticles(base.slice(i, i + 1000));
    let t = performance.now();
    await rebuildIncidents(store, { now });
    const rebuildMs = performance.now() - t;

    const extra = saveInputs(syntheticArticles(addArticles * 3, 2, 10_000_000).slice(0, addArticles));
    const ids: number[] = [];
    for (let i = 0; i < extra.length; i += 1000)
      ids.push(...(await store.saveArticles(extra.slice(i, i + 1000))).map((r) => r.article_id));
    let claims = 0;
    let sliceIncidents = 0;
    t = performance.now();
    for (const id of ids) {
      const r = await reconcileArticles(store, [id], { now });
      claims += r.claims;
      sliceIncidents += r.loaded.incidents;
    }
    const addMs = performance.now() - t;
    return {
      backend: store.kind,
      baseClaims,
      rebuildMs: Math.round(rebuildMs),
      addedArticles: ids.length,
      addedClaims: claims,
      addMs: Math.round(addMs),
      claimsPerSecond: Math.round(claims / (addMs / 1000)),
      articlesPerSecond: Math.round(ids.length / (addMs / 1000)),
      meanSliceIncidents: Math.round((10 * sliceIncidents) / Math.max(1, ids.length)) / 10,
      incidents: (await reconCounts(store)).incidents,
    };
  } finally {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx src/reconcile/bench.ts` runs it directly.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(benchReconcile());
}
