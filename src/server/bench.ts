// API latency under load: requests/s and p99 for the incident list and one incident's explanation, on a store of
// synthetic claims (src/store/bench.ts fills it), served on 127.0.0.1 only, each run bounded by `seconds`.
// `npm run bench -- --only api` runs it; alone: node --import tsx src/server/bench.ts [claims] [seconds]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serve } from "@hono/node-server";
import type { ServerType } from "@hono/node-server";
import { benchQueries } from "../store/bench.ts";
import { openStore } from "../store/index.ts";
import { createApp } from "./app.ts";
import { sha256 } from "./auth.ts";

/** The part of autocannon's result used here (the package ships no types). */
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Cannon = (opts: { url: string; connections: number; duration: number }) => Promise<CannonResult>;

export interface ApiBenchRow {
  name: string;
  path: string;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface ApiBenchResult {
  claims: number;
  incidents: number;
  fillMs: number;
  /** Time to rebuild the incident view (reviews applied, reconcile) from the store. */
  viewBuildMs: number;
  /** One analyst review, request to updated view: a plain confirmation (in place) and a correction (full rebuild). */
  confirmMs: number;
  correctMs: number;
  connections: number;
  seconds: number;
  runs: ApiBenchRow[];
}

export async function benchApi(opts: { claims?: number; seconds?: number; connections?: number } = {}): Promise<ApiBenchResult> {
  const claims = opts.claims ?? 100_000;
  const seconds = Math.min(Math.max(opts.seconds ?? 5, 1), 60);
  const connections = opts.connections ?? 10;
  const { default: autocannon } = (await import("autocannon" as string)) as { default: Cannon };
  const dir = mkdtempSync(path.join(tmpdir(), "toll-api-bench-"));
  const store = await openStore(path.join(dir, "bench.db"));
  let server: ServerType | null = null;
  try {
    const t0 = performance.now();
    await benchQueries(store, claims, 1);
    const fillMs = performance.now() - t0;
    const { app, view, reviews } = await createApp({ store, public: true, log: () => undefined });
    const v = await view();
    // The same store served without the incident detail cache, for the before/after ratio in one run.
    const uncached = await createApp({ store, public: true, log: () => undefined, cacheIncidentDetail: false });
    await uncached.view();
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const addr = server.address();
    const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    // The incident with the most claims: the most expensive explanation.
    const biggest = [...v.summaries].sort((a, b) => b.claims - a.claims)[0];
    const targets: { name: string; path: string; app?: typeof app }[] = [
      { name: "incident list (page of 100, by date)", path: "/api/incidents?limit=100" },
      { name: "incident list filtered (country + metric, by killed)", path: "/api/incidents?country=IQ&metric=killed&sort=killed&limit=100" },
      ...(biggest
        ? [
            { name: `incident explanation (${biggest.claims} claims), detail cache off`, path: `/api/incidents/${biggest.id}`, app: uncached.app },
            { name: `incident explanation (${biggest.claims} claims)`, path: `/api/incidents/${biggest.id}` },
          ]
        : []),
    ];
    const servers: ServerType[] = [];
    const baseOf = async (a: typeof app): Promise<string> => {
      if (a === app) return base;
      const s = await new Promise<ServerType>((resolve) => {
        const x = serve({ fetch: a.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(x));
      });
      servers.push(s);
      const ad = s.address();
      return `http://127.0.0.1:${typeof ad === "object" && ad ? ad.port : 0}`;
    };
    const runs: ApiBenchRow[] = [];
    for (const tgt of targets) {
      // autocannon shares this process's event loop with the server (its worker mode was slower here): the
      // figures are a floor for a server with the load generator elsewhere.
      const r = await autocannon({ url: (await baseOf(tgt.app ?? app)) + tgt.path, connections, duration: seconds });
      runs.push({
        name: tgt.name,
        path: tgt.path,
        requestsPerSecond: Math.round(r.requests.average),
        p50ms: r.latency.p50,
        p99ms: r.latency.p99,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
      });
    }
    for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
    // Review-to-updated-view: the POST returns once the view it answers from holds the review.
    // No password login: the hash is never checked, the token is what the requests use.
    const benchUser = await reviews.addUser("bench", "analyst", "none", "bench");
    const token = `toll_bench_${Date.now()}`;
    await reviews.createToken(benchUser.id, "bench", sha256(token), "bench");
    const inBiggest = biggest ? (await view()).incident(biggest.id)?.claims ?? [] : [];
    const ids = inBiggest.flatMap((k) => {
      const id = v.keyToId.get(k);
      return id === undefined ? [] : [id];
    });
    const review = async (id: number | undefined, body: unknown): Promise<number> => {
      const t1 = performance.now();
      const res = await app.request(`/api/claims/${id ?? 1}/review`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`review: ${res.status} ${await res.text()}`);
      return performance.now() - t1;
    };
    const confirmMs = await review(ids[0], { action: "confirm" });
    const correctMs = await review(ids[1], { action: "correct", corrections: { victims_text: "bench" } });
    return { claims, incidents: v.summaries.length, fillMs, viewBuildMs: v.buildMs, confirmMs, correctMs, connections, seconds, runs };
  } finally {
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatApiBench(r: ApiBenchResult): string {
  return [
    `api: ${r.claims} claims → ${r.incidents} incidents; fill ${(r.fillMs / 1000).toFixed(1)} s, view build ${(r.viewBuildMs / 1000).toFixed(1)} s; ${r.connections} connections × ${r.seconds} s each`,
    `  view updated after one review: confirm ${r.confirmMs.toFixed(1)} ms (in place), correct ${r.correctMs.toFixed(0)} ms (full rebuild), ${(r.correctMs / r.confirmMs).toFixed(0)}×`,
    ...r.runs.map((x) => `  ${String(x.requestsPerSecond).padStart(7)} req/s  p50 ${x.p50ms} ms  p99 ${x.p99ms} ms  ${x.name}${x.non2xx || x.errors ? ` (${x.non2xx} non-2xx, ${x.errors} errors)` : ""}`),
  ].join("\n") + "\n";
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const claims = Number(process.argv[2] ?? 100_000);
  const seconds = Number(process.argv[3] ?? 5);
  process.stdout.write(formatApiBench(await benchApi({ claims, seconds })));
}
