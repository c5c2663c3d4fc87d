// The queue on a real PostgreSQL server (TOLL_TEST_DATABASE_URL; each test creates and drops its own database).
// The main test: 2,000 documents, three worker processes, one killed with SIGKILL halfway; the store must end up
// exactly like a single-process run over the same documents.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import pg from "pg";
import { runIngest } from "./ingest.ts";
import { reconcilePending } from "../../reconcile/store.ts";
import { loadGazetteer } from "../../gazetteer/index.ts";
import { openStore } from "../../store/index.ts";
import type { Store } from "../../store/index.ts";
import { ingestJob, makeHandlers } from "../../queue/jobs.ts";
import { PostgresQueue } from "../../queue/postgres.ts";
import type { Handlers, JobContext } from "../../queue/types.ts";
import {
  corpus,
  pgTestUrl,
  spawnWorker,
  toJsonl,
  waitFor,
  withFreshDatabase,
} from "../../queue/test-helpers.ts";
import type { CorpusRecord } from "../../queue/test-helpers.ts";

const server = pgTestUrl();
/** 2,000 by default; smaller for a quick local run (TOLL_QUEUE_TEST_DOCS=200). */
const N = Number(process.env["TOLL_QUEUE_TEST_DOCS"] ?? 2000) || 2000;
if (!server) process.stdout.write("# PostgreSQL queue tests skipped: TOLL_TEST_DATABASE_URL is not set\n");

function sink() {
  const s = new PassThrough();
  s.resume();
  return s;
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

/** What the store holds, without anything that depends on insertion order (ids, timestamps). */
async function snapshot(url: string) {
  const articles = await query(
    url,
    `select content_hash, external_id, title, published, outlet, url, extraction::text as extraction
     from articles order by content_hash`,
  );
  const claims = await query(
    url,
    `select a.external_id, c.local_id, c.metric, c.value, c.low, c.high, c.victims, c.place, c.country, c.event_date,
            c.evidence_text, c.sentence_text, c.rule, c.part_of, c.same_as
     from claims c join articles a on a.id = c.article_id order by a.external_id, c.local_id`,
  );
  const ext = new Map(
    (await query<{ id: number; external_id: string }>(url, "select id, external_id from articles")).map(
      (r) => [String(r.id), r.external_id],
    ),
  );
  const incidents = (await query<{ record: string }>(url, "select record from recon_incidents"))
    .map(
      (r) =>
        JSON.parse(r.record) as {
          claims: string[];
          grade: string;
          totals: unknown;
          date: unknown;
          place: string | null;
          country: string | null;
        },
    )
    .map((inc) =>
      JSON.stringify({
        claims: inc.claims
          .map((k) => k.replace(/^(\d+)#/, (_, id: string) => `${ext.get(id) ?? id}#`))
          .sort(),
        grade: inc.grade,
        totals: inc.totals,
        date: inc.date,
        place: inc.place,
        country: inc.country,
      }),
    )
    .sort();
  return { articles, claims, incidents };
}

async function runWith(handlers: Handlers, task: keyof Handlers, payload: unknown): Promise<void> {
  const ctx: JobContext = { id: "0", task, attempt: 1, enqueue: () => Promise.resolve(0), log: () => {} };
  await (handlers[task] as (p: unknown, c: JobContext) => Promise<void>)(payload, ctx);
}

describe("queue on PostgreSQL", { skip: server ? false : "TOLL_TEST_DATABASE_URL is not set" }, () => {
  test(
    "2,000 documents, three workers, one SIGKILLed halfway: each stored once, store identical to one process",
    { timeout: 600_000 },
    async () => {
      const docs = corpus(N);
      const dir = await mkdtemp(join(tmpdir(), "toll-queue-"));
      const file = join(dir, "docs.jsonl");
      await writeFile(file, toJsonl(docs));
      try {
        await withFreshDatabase(server as string, "toll_test_single", async (single) => {
          await withFreshDatabase(server as string, "toll_test_multi", async (multi) => {
            // The reference: the in-process ingest, then reconciliation of everything (`toll ingest --no-reconcile`,
            // then `toll reconcile`), in one process.
            const t0 = performance.now();
            const ref = await runIngest(
              [file],
              { db: single, quiet: true, json: true, reconcile: false },
              { out: sink(), err: sink(), isTTY: false },
            );
            assert.equal(ref.inserted, N);
            const refStore = await openStore(single);
            try {
              await reconcilePending(refStore);
            } finally {
              await refStore.close();
            }
            const singleMs = performance.now() - t0;

            const queued = await runIngest(
              [file],
              { db: multi, queue: true, json: true },
              { out: sink(), err: sink(), isTTY: false },
            );
            assert.equal(queued.enqueued, N);
            const t1 = performance.now();
            const args = ["--db", multi, "--concurrency", "2", "--lease", "3s", "--quiet"];
            const workers = [spawnWorker(args), spawnWorker(args), spawnWorker(args)];
            const doneIngest = async () =>
              Number(
                (
                  await query<{ n: string }>(
                    multi,
                    "select count(*) as n from toll_queue_done where task = 'ingest'",
                  )
                )[0]?.n ?? 0,
              );
            await waitFor(async () => (await doneIngest()) >= N / 2, 120_000, "half of the documents");
            const victim = workers[0]!;
            // Whether it held jobs at that moment (it almost always does: it is busy).
            const held = await query<{ n: string }>(
              multi,
              `select count(*) as n from graphile_worker.jobs j join toll_queue_workers w on w.pool_id = j.locked_by
             where w.pid = $1`,
              [victim.child.pid],
            );
            victim.child.kill("SIGKILL");
            assert.equal((await victim.exited).signal, "SIGKILL");

            const queue = await PostgresQueue.open(multi);
            try {
              await waitFor(
                async () => {
                  const s = await queue.status();
                  const unreconciled = await query<{ n: string }>(
                    multi,
                    "select count(*) as n from articles a where not exists (select 1 from recon_articles r where r.article_id = a.id)",
                  );
                  return s.pending === 0 && s.running === 0 && Number(unreconciled[0]?.n) === 0;
                },
                150_000,
                "the queue to drain",
                300,
              );
              const multiMs = performance.now() - t1;
              const s = await queue.status();
              assert.equal(s.failed, 0, JSON.stringify(s.failures));
              // Every ingest job is done exactly once (the done table is keyed by job id).
              assert.equal(await doneIngest(), N);
              if (Number(held[0]?.n ?? 0) > 0) {
                assert.match(workers[1]!.stderr() + workers[2]!.stderr(), /lease expired/);
              }
              // Graceful stop of the survivors.
              for (const w of workers.slice(1)) w.child.kill("SIGTERM");
              for (const w of workers.slice(1)) assert.equal((await w.exited).code, 0, w.stderr());
              process.stdout.write(
                `# ${N} documents: one process ${(singleMs / 1000).toFixed(1)} s; three workers (one killed) ${(multiMs / 1000).toFixed(1)} s; ` +
                  `killed worker held ${held[0]?.n ?? 0} job(s)\n`,
              );
            } finally {
              await queue.close();
            }

            const a = await snapshot(single);
            const b = await snapshot(multi);
            assert.equal(b.articles.length, N);
            const hashes = new Set(b.articles.map((r) => r["external_id"] as string));
            for (const d of docs) assert.ok(hashes.has(d.id), `${d.id} stored`);
            assert.deepEqual(b.articles, a.articles);
            assert.deepEqual(b.claims, a.claims);
            assert.ok(a.incidents.length > 0);
            assert.deepEqual(b.incidents, a.incidents);
          });
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  test(
    "workers adding claims to the same incidents at once: incidents as one sequential pass",
    { timeout: 120_000 },
    async () => {
      // 10 incidents of 12 reports each, ingested by four concurrent workers (separate connection pools), each
      // reconciling right after every article, so reconciles of the same incidents overlap all the time.
      const docs: CorpusRecord[] = corpus(120, 12);
      const gz = loadGazetteer();
      const gazetteer = () => gz;
      const article = (d: CorpusRecord) => ({
        external_id: d.id,
        title: d.title,
        published: d.published,
        outlet: d.outlet,
        url: d.url,
        text: d.text,
        origin: `test:${d.id}`,
      });
      await withFreshDatabase(server as string, "toll_test_seq", async (seqUrl) => {
        await withFreshDatabase(server as string, "toll_test_conc", async (concUrl) => {
          const seq = await openStore(seqUrl);
          try {
            const h = makeHandlers({ store: seq, reconcile: false, gazetteer });
            for (const d of docs) await runWith(h, "ingest", { article: article(d) });
            await runWith(h, "reconcile", {});
          } finally {
            await seq.close();
          }
          const stores: Store[] = [];
          for (let i = 0; i < 4; i++) stores.push(await openStore(concUrl));
          try {
            await Promise.all(
              stores.map(async (store, w) => {
                const h = makeHandlers({ store, reconcile: false, gazetteer });
                for (let i = w; i < docs.length; i += stores.length) {
                  await runWith(h, "ingest", { article: article(docs[i] as CorpusRecord) });
                  await runWith(h, "reconcile", {});
                }
              }),
            );
          } finally {
            for (const s of stores) await s.close();
          }
          const a = await snapshot(seqUrl);
          const b = await snapshot(concUrl);
          assert.equal(a.incidents.length, 10);
          assert.deepEqual(b.incidents, a.incidents);
        });
      });
    },
  );

  test(
    "done rows older than the retention are folded into per-task counts: the done count stays",
    { timeout: 60_000 },
    async () => {
      await withFreshDatabase(server as string, "toll_test_prune", async (url) => {
        const queue = await PostgresQueue.open(url);
        try {
          await queue.enqueue(
            [1, 2, 3].map((i) =>
              ingestJob({
                title: null,
                published: null,
                outlet: null,
                url: null,
                text: `noop ${i}`,
                origin: "t",
              }),
            ),
          );
          const noop = async () => {};
          const w = await queue.runWorker({
            concurrency: 2,
            once: true,
            handlers: { fetch: noop, article: noop, ingest: noop, reconcile: noop },
          });
          await w.done;
          assert.equal((await queue.status()).done, 3);
          assert.equal(await queue.prune(), 0, "recent rows stay: they recognise a re-run job");
          await query(
            url,
            "update toll_queue_done set finished_at = now() - interval '8 days' where job_id in (select job_id from toll_queue_done order by job_id limit 2)",
          );
          assert.equal(await queue.prune(), 2);
          assert.equal((await queue.status()).done, 3);
          assert.equal(
            Number((await query<{ n: string }>(url, "select count(*) as n from toll_queue_done"))[0]?.n),
            1,
          );
          assert.equal(await queue.prune(0), 1);
          assert.equal((await queue.status()).done, 3);
        } finally {
          await queue.close();
        }
      });
    },
  );

  test(
    "a failing job is retried, then kept as failed with its error; toll queue retry runs it again",
    { timeout: 60_000 },
    async () => {
      await withFreshDatabase(server as string, "toll_test_fail", async (url) => {
        const store = await openStore(url);
        const queue = await PostgresQueue.open(url);
        try {
          // Port 9 (discard) is refused at once on 127.0.0.1: the fetch fails fast.
          await queue.enqueue([
            { task: "fetch", payload: { url: "http://127.0.0.1:9/feed", timeoutMs: 1000 }, maxAttempts: 2 },
          ]);
          await queue.enqueue([
            ingestJob({
              title: "t",
              published: "2023-01-02",
              outlet: null,
              url: null,
              text: "An air strike killed 4 civilians in Gao on 1 January 2023.",
              origin: "test",
            }),
          ]);
          const handlers = makeHandlers({ store, reconcile: false });
          const w = await queue.runWorker({ concurrency: 2, handlers, leaseMs: 5000 });
          await waitFor(
            async () => (await queue.status()).failed === 1,
            30_000,
            "the fetch job to fail twice",
          );
          const s = await queue.status();
          assert.equal(s.done, 1);
          assert.equal(s.pending, 0);
          const f = s.failures[0];
          assert.ok(f);
          assert.equal(f.task, "fetch");
          assert.equal(f.attempts, 2);
          assert.equal(f.subject, "http://127.0.0.1:9/feed");
          assert.match(f.error ?? "", /refused|fetch failed/);
          assert.equal(await queue.retry(f.id), true);
          assert.equal(await queue.retry("999999"), false);
          await waitFor(
            async () => (await queue.status()).failed === 1 && (await queue.status()).retrying === 0,
            30_000,
            "the retried job to fail again",
          );
          await w.stop(5000);
        } finally {
          await queue.close();
          await store.close();
        }
      });
    },
  );
});
