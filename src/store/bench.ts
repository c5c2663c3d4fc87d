// Store benchmark: fills a store with synthetic claims (batched transactions) and times the common queries.
// `npm run bench` calls benchQueries(); it also runs alone:
//   node --import tsx src/store/bench.ts [toll-bench.db | postgres://…] [claims]
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { Claim, Metric, VictimGroup } from "../extract/types.ts";
import { makeClaim, makeExtraction } from "./fixtures.ts";
import type { ArticleInput, SaveInput, Store } from "./types.ts";

export interface BenchTiming {
  name: string;
  /** Median over the repeats, milliseconds. */
  ms: number;
  /** Rows the query returned (a page, a count …), to show the query did real work. */
  rows: number;
}

export interface BenchResult {
  backend: Store["kind"];
  fill: { articles: number; claims: number; ms: number; claimsPerSecond: number };
  queries: BenchTiming[];
}

const COUNTRIES = [
  ["UA", "Kharkiv", 49.98, 36.25],
  ["SD", "Geneina", 13.45, 22.44],
  ["PS", "Gaza", 31.5, 34.47],
  ["SY", "Aleppo", 36.2, 37.16],
  ["IQ", "Mosul", 36.34, 43.12],
  ["YE", "Taiz", 13.58, 44.02],
  ["ML", "Gao", 16.27, -0.04],
  ["MM", "Lashio", 22.93, 97.75],
  ["CD", "Goma", -1.68, 29.22],
  ["NG", "Maiduguri", 11.85, 13.16],
  ["AF", "Kabul", 34.53, 69.17],
  ["SO", "Mogadishu", 2.04, 45.34],
] as const;
const METRICS: Metric[] = [
  "killed",
  "killed",
  "killed",
  "injured",
  "injured",
  "missing",
  "displaced",
  "detained",
];
const VICTIMS: VictimGroup[] = ["people", "civilians", "children", "soldiers", "fighters", "women"];
const WORDS =
  "shelling airstrike drone attack convoy market hospital school village border ceasefire militia army police officials said reported".split(
    " ",
  );

/** Small deterministic PRNG (mulberry32): the same data every run, so timings are comparable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** One synthetic article with `perArticle` claims; every 100th article mentions "cholera" (the FTS probe). */
function syntheticArticle(i: number, perArticle: number, r: () => number, runTag: string): SaveInput {
  const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 5 * 365) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const [country, place, lat, lon] = pick(r, COUNTRIES);
  const body = Array.from({ length: 60 }, () => pick(r, WORDS)).join(" ");
  const text = `${place}: ${body}.${i % 100 === 0 ? " An outbreak of cholera followed." : ""} Report ${runTag}-${i}.`;
  const article: ArticleInput = {
    title: `${pick(r, WORDS)} in ${place}`,
    published: day,
    outlet: `Outlet ${i % 40}`,
    url: `https://bench.example/${runTag}/${i}`,
    text,
    origin: "bench",
  };
  const claims: Claim[] = Array.from({ length: perArticle }, (_, k) => {
    const value = 1 + Math.floor(r() * 200);
    return makeClaim({
      id: `c${k + 1}`,
      metric: pick(r, METRICS),
      victims: pick(r, VICTIMS),
      value,
      low: value,
      high: value,
      period: { start: day, end: day, precision: "day" },
      location: { name: place, place, country, lat, lon, precision: "exact" },
      evidence: { text: `${value} ${pick(r, WORDS)}`, start: 0, end: 10 },
      sentence: { start: 0, end: Math.min(80, text.length) },
    });
  });
  return { article, extraction: makeExtraction(article, claims), extractorVersion: "bench" };
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

/**
 * Adds about `n` synthetic claims (20 per article, 250 articles per transaction) to `store`, then times the
 * common queries, each `repeat` times (median). Use an empty, throwaway store: the rows stay.
 */
export async function benchQueries(store: Store, n = 100_000, repeat = 5): Promise<BenchResult> {
  const perArticle = 20;
  const articles = Math.ceil(n / perArticle);
  const batchSize = 250;
  const r = rng(42);
  // A per-run tag keeps texts (and so content hashes) new when the bench runs twice on one store.
  const runTag = Date.now().toString(36);
  const [fillMs] = await time(async () => {
    for (let start = 0; start < articles; start += batchSize) {
      const batch: SaveInput[] = [];
      for (let i = start; i < Math.min(articles, start + batchSize); i++)
        batch.push(syntheticArticle(i, perArticle, r, runTag));
      await store.saveArticles(batch);
    }
  });

  const queries: [string, () => Promise<number>][] = [
    [
      "claims by date range (one month, page of 100)",
      async () => (await store.listClaims({ from: "2022-03", to: "2022-03" })).items.length,
    ],
    ["claims by country (page of 100)", async () => (await store.listClaims({ country: "SD" })).items.length],
    [
      "claims by metric + country + year",
      async () =>
        (await store.listClaims({ metric: "displaced", country: "UA", from: "2023", to: "2023" })).items
          .length,
    ],
    [
      "claims by place (case-insensitive)",
      async () => (await store.listClaims({ place: "gaza" })).items.length,
    ],
    [
      "claims, 10th page via cursor",
      async () => {
        let page = await store.listClaims({ country: "IQ" });
        for (let i = 1; i < 10 && page.next; i++)
          page = await store.listClaims({ country: "IQ", after: page.next });
        return page.items.length;
      },
    ],
    [
      "FTS search articles (ranked top 20)",
      async () => (await store.searchArticles("cholera outbreak")).length,
    ],
    [
      "claims by FTS query (page of 100)",
      async () => (await store.listClaims({ q: "cholera" })).items.length,
    ],
    ["stats (counts, by country, by month, by metric)", async () => (await store.stats()).by_month.length],
    ["counts", async () => (await store.counts()).claims],
  ];
  const timings: BenchTiming[] = [];
  for (const [name, run] of queries) {
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < repeat; i++) {
      const [ms, count] = await time(run);
      samples.push(ms);
      rows = count;
    }
    samples.sort((a, b) => a - b);
    timings.push({ name, ms: samples[Math.floor(samples.length / 2)] ?? 0, rows });
  }
  // Export is timed once: it reads every claim.
  const [exportMs, exported] = await time(async () => {
    let k = 0;
    for await (const _row of store.exportRows()) k++;
    return k;
  });
  timings.push({ name: "export every claim (stream)", ms: exportMs, rows: exported });
  const claims = articles * perArticle;
  return {
    backend: store.kind,
    fill: { articles, claims, ms: fillMs, claimsPerSecond: Math.round(claims / (fillMs / 1000)) },
    queries: timings,
  };
}

export function formatBench(result: BenchResult): string {
  const f = result.fill;
  const lines = [
    `${result.backend}: filled ${f.claims} claims in ${f.articles} articles in ${(f.ms / 1000).toFixed(2)} s (${f.claimsPerSecond} claims/s)`,
    ...result.queries.map((q) => `  ${q.ms.toFixed(1).padStart(9)} ms  ${q.name} (${q.rows} rows)`),
  ];
  return lines.join("\n") + "\n";
}

// Run directly: a throwaway SQLite file (or the given target) and the timings on stdout.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { openStore } = await import("./index.ts");
  const { rmSync } = await import("node:fs");
  const target = process.argv[2] ?? "toll-bench.db";
  const n = Number(process.argv[3] ?? 100_000);
  const store = await openStore(target);
  try {
    process.stdout.write(formatBench(await benchQueries(store, n)));
  } finally {
    await store.close();
    if (process.argv[2] === undefined)
      for (const s of ["", "-wal", "-shm"]) rmSync(`${target}${s}`, { force: true });
  }
}
