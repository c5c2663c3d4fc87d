// Queue benchmark (npm run bench -- --only queue): ingest throughput with 1, 2 and 4 worker processes against one
// PostgreSQL server, and the queue's own cost per job. Every measurement runs in a fresh database, dropped after.
//
// Workers are started first and the clock starts when the documents are enqueued, so process start-up (tsx,
// gazetteer) is not counted; the clock stops when the last ingest job is done. Reconciliation is off (--no-reconcile):
// this measures ingestion; reconcile cost is src/reconcile's bench.
import pg from "pg";
import { ingestJob } from "./jobs.ts";
import { PostgresQueue } from "./postgres.ts";
import type { Handlers } from "./types.ts";
import { corpus, spawnWorker, waitFor, withFreshDatabase } from "./test-helpers.ts";

export interface QueueBenchRow {
  measure: string;
  value: number;
  unit: string;
  /** value / the one-worker value, for throughput rows. */
  ratio?: number;
  note?: string;
}

export interface QueueBenchOptions {
  /** Documents per throughput run (default 600). */
  docs?: number;
  workers?: readonly number[];
  /** No-op jobs for the overhead measurement (default 2,000). */
  overheadJobs?: number;
  log?: (line: string) => void;
}

async function count(url: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
  } finally {
    await c.end();
  }
}

/** Seconds for `n` documents through `workers` worker processes. */
async function throughput(server: string, n: number, workers: number): Promise<number> {
  return withFreshDatabase(server, "toll_bench_queue", async (url) => {
    // Create the schemas before the workers race to do it.
    const queue = await PostgresQueue.open(url);
    const procs = Array.from({ length: workers }, () => spawnWorker(["--db", url, "--concurrency", "2", "--no-reconcile", "--quiet"]));
    try {
      await waitFor(async () => (await count(url, "select count(*) as n from toll_queue_workers")) >= workers, 60_000, "workers to start");
      const docs = corpus(n);
      const t0 = performance.now();
      await queue.enqueue(
        docs.map((d) => ingestJob({ external_id: d.id, title: d.title, published: d.published, outlet: d.outlet, url: d.url, text: d.text, origin: `bench:${d.id}` })),
      );
      await waitFor(async () => (await count(url, "select count(*) as n from toll_queue_done")) >= n, 600_000, "the documents", 100);
      return (performance.now() - t0) / 1000;
    } finally {
      for (const p of procs) p.child.kill("SIGTERM");
      await Promise.all(procs.map((p) => p.exited));
      await queue.close();
    }
  });
}

/** Milliseconds per job of the queue alone: enqueue, then run no-op jobs (4 at a time) in this process. */
async function overhead(server: string, jobs: number): Promise<{ enqueueMs: number; runMs: number }> {
  return withFreshDatabase(server, "toll_bench_queue", async (url) => {
    const queue = await PostgresQueue.open(url);
    try {
      const specs = Array.from({ length: jobs }, (_, i) =>
        ingestJob({ title: null, published: null, outlet: null, url: null, text: `noop ${i}`, origin: "bench" }),
      );
      const t0 = performance.now();
      await queue.enqueue(specs);
      const enqueueMs = performance.now() - t0;
      const noop = async () => {};
      const handlers: Handlers = { fetch: noop, article: noop, ingest: noop, reconcile: noop };
      const t1 = performance.now();
      const w = await queue.runWorker({ concurrency: 4, handlers });
      await waitFor(async () => (await count(url, "select count(*) as n from toll_queue_done")) >= jobs, 120_000, "no-op jobs", 20);
      const runMs = performance.now() - t1;
      await w.stop(5000);
      return { enqueueMs: enqueueMs / jobs, runMs: runMs / jobs };
    } finally {
      await queue.close();
    }
  });
}

export async function benchQueue(serverUrl: string, opts: QueueBenchOptions = {}): Promise<QueueBenchRow[]> {
  const n = opts.docs ?? 600;
  const log = opts.log ?? (() => {});
  const rows: QueueBenchRow[] = [];
  let one: number | null = null;
  for (const w of opts.workers ?? [1, 2, 4]) {
    const s = await throughput(serverUrl, n, w);
    const rate = n / s;
    one ??= rate;
    log(`queue: ${w} worker(s): ${n} documents in ${s.toFixed(1)} s`);
    rows.push({
      measure: `ingest, ${w} worker${w === 1 ? "" : "s"}`,
      value: Math.round(rate * 10) / 10,
      unit: "docs/s",
      ratio: Math.round((rate / one) * 100) / 100,
      note: `${n} documents in ${s.toFixed(1)} s (worker processes, --concurrency 2 each)`,
    });
  }
  const o = await overhead(serverUrl, opts.overheadJobs ?? 2000);
  rows.push({ measure: "queue overhead per job (run)", value: Math.round(o.runMs * 1000) / 1000, unit: "ms", note: "no-op jobs, 4 at a time, fetch + done row + complete" });
  rows.push({ measure: "queue overhead per job (enqueue)", value: Math.round(o.enqueueMs * 1000) / 1000, unit: "ms", note: "batches of 500" });
  return rows;
}
