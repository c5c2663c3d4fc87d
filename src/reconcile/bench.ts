// Benchmark of the incremental reconciler: build a state from synthetic claims, then add articles one call each (the
// way ingestion would), and report claims per second. `npm run bench` calls benchReconcile().
//
// The synthetic world: 400 places in 8 countries, three years of days, events each reported by 1-4 outlets with
// drifting figures and qualifiers ("at least", "as many as", a rising toll), a killed and often an injured claim per
// article, and now and then a running total. Deterministic (seeded), so runs are comparable.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { Qualifier } from "../extract/types.ts";
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

// `node --import tsx src/reconcile/bench.ts` runs it directly.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(benchReconcile());
}
