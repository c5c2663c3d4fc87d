// The embedded queue (a table in the SQLite store file): the same commands as on PostgreSQL, in one process.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import Database from "better-sqlite3";
import { runIngest } from "./ingest.ts";
import { runQueueRetry, runQueueStatus } from "./queue.ts";
import { runWorkerCommand } from "./worker.ts";
import { openStore } from "../../store/index.ts";
import { ingestJob } from "../../queue/jobs.ts";
import { SqliteQueue } from "../../queue/sqlite.ts";
import type { Handlers } from "../../queue/types.ts";
import { corpus, toJsonl } from "../../queue/test-helpers.ts";
import { parseDuration } from "../../queue/index.ts";

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  const o: Buffer[] = [];
  const e: Buffer[] = [];
  out.on("data", (c: Buffer) => o.push(c));
  err.on("data", (c: Buffer) => e.push(c));
  return {
    out,
    err,
    isTTY: false,
    outText: () => Buffer.concat(o).toString(),
    errText: () => Buffer.concat(e).toString(),
  };
}

async function withDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "toll-squeue-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const noop: Handlers = {
  fetch: async () => {},
  article: async () => {},
  ingest: async () => {},
  reconcile: async () => {},
};

describe("embedded SQLite queue", () => {
  test("done jobs older than the retention are folded into per-task counts: the done count stays", async () => {
    await withDir(async (dir) => {
      const db = join(dir, "toll.db");
      const queue = SqliteQueue.open(db);
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
        await (
          await queue.runWorker({ concurrency: 1, once: true, handlers: noop })
        ).done;
        assert.equal((await queue.status()).done, 3);
        assert.equal(await queue.prune(), 0, "recent rows stay");
        const raw = new Database(db);
        raw
          .prepare(
            "update toll_jobs set updated_at = ? where id in (select id from toll_jobs order by id limit 2)",
          )
          .run(Date.now() - 8 * 24 * 3600 * 1000);
        raw.close();
        assert.equal(await queue.prune(), 2);
        assert.equal((await queue.status()).done, 3);
        assert.equal(await queue.prune(0), 1);
        const s = await queue.status();
        assert.equal(s.done, 3);
        const left = new Database(db);
        assert.equal((left.prepare("select count(*) as n from toll_jobs").get() as { n: number }).n, 0);
        left.close();
      } finally {
        await queue.close();
      }
    });
  });

  test(
    "ingest --queue, worker --once, queue: articles stored once, incidents reconciled, counts right",
    { timeout: 60_000 },
    async () => {
      await withDir(async (dir) => {
        const db = join(dir, "toll.db");
        const file = join(dir, "docs.jsonl");
        const docs = corpus(30, 3);
        // The same file twice: the second copy of each article merges into the waiting job (same content hash).
        await writeFile(file, toJsonl(docs) + toJsonl(docs));
        const io = capture();
        const q = await runIngest([file], { db, queue: true }, io);
        assert.equal(q.read, 60);
        assert.equal(
          q.enqueued,
          60,
          "a waiting job with the same key takes the newer payload and counts as added",
        );
        assert.match(io.outText(), /enqueued 60 jobs/);
        const pending = await runQueueStatus({ db, format: "json" }, capture());
        assert.equal(pending.pending, 30);

        const w = await runWorkerCommand({ db, once: true, concurrency: 2, quiet: true }, capture());
        assert.equal(w.jobs.ingest, 30);
        assert.ok(w.jobs.reconcile >= 1);
        const io2 = capture();
        const s = await runQueueStatus({ db, format: "json" }, io2);
        const json = JSON.parse(io2.outText()) as Record<string, unknown>;
        for (const k of ["pending", "running", "failed", "done"]) assert.equal(typeof json[k], "number", k);
        assert.equal(s.pending + s.running + s.failed, 0);
        const store = await openStore(db);
        try {
          assert.deepEqual(await store.counts(), { articles: 30, claims: (await store.counts()).claims });
        } finally {
          await store.close();
        }
        const raw = new Database(db, { readonly: true });
        try {
          const n = raw.prepare("select count(*) as n from recon_incidents").get() as { n: number };
          assert.equal(n.n, 10);
        } finally {
          raw.close();
        }
      });
    },
  );

  test("failed jobs back off, are kept with their error, and `queue retry` runs them again", async () => {
    await withDir(async (dir) => {
      const queue = SqliteQueue.open(join(dir, "q.db"));
      try {
        await queue.enqueue([{ task: "fetch", payload: { url: "http://127.0.0.1:9/x" }, maxAttempts: 2 }]);
        let calls = 0;
        const handlers: Handlers = {
          ...noop,
          fetch: async () => {
            calls++;
            throw new Error("boom: feed is garbage");
          },
        };
        const w = await queue.runWorker({ concurrency: 1, handlers, once: true });
        await w.done;
        // First attempt failed; the second waits exp(1) ≈ 2.7 s, so `once` left it pending.
        let s = await queue.status();
        assert.equal(calls, 1);
        assert.deepEqual([s.pending, s.retrying, s.failed], [1, 1, 0]);
        const db = new Database(join(dir, "q.db"));
        db.prepare("update toll_jobs set run_at = 0").run();
        db.close();
        await (
          await queue.runWorker({ concurrency: 1, handlers, once: true })
        ).done;
        s = await queue.status();
        assert.deepEqual([s.pending, s.failed, calls], [0, 1, 2]);
        assert.equal(s.failures[0]?.error, "boom: feed is garbage");
        assert.equal(s.failures[0]?.subject, "http://127.0.0.1:9/x");
        const io = capture();
        await runQueueStatus({ db: join(dir, "q.db") }, io);
        assert.match(io.outText(), /failed\s+1[\s\S]*boom: feed is garbage/);
        assert.equal(
          await runQueueRetry(s.failures[0]?.id ?? "", { db: join(dir, "q.db") }, capture()),
          true,
        );
        assert.equal((await queue.status()).pending, 1);
        assert.equal(await runQueueRetry("12345", { db: join(dir, "q.db") }, capture()), false);
      } finally {
        await queue.close();
      }
    });
  });

  test("a job whose worker vanished is handed back after the lease; a graceful stop finishes the running job", async () => {
    await withDir(async (dir) => {
      const path = join(dir, "q.db");
      const queue = SqliteQueue.open(path);
      try {
        await queue.enqueue([
          ingestJob({ title: null, published: null, outlet: null, url: null, text: "x", origin: "t" }),
        ]);
        // A worker that claimed the job and died: simulated by claiming it by hand with an old lease.
        const db = new Database(path);
        db.prepare(
          "update toll_jobs set status = 'running', locked_by = 'dead', locked_at = ?, attempts = 1",
        ).run(Date.now() - 10_000);
        db.close();
        let ran = 0;
        let release: () => void = () => {};
        const gate = new Promise<void>((r) => (release = r));
        const handlers: Handlers = {
          ...noop,
          ingest: async () => {
            ran++;
            await gate;
          },
        };
        const w = await queue.runWorker({ concurrency: 1, handlers, leaseMs: 1000 });
        for (let i = 0; i < 50 && ran === 0; i++) await new Promise((r) => setTimeout(r, 50));
        assert.equal(ran, 1, "the expired job ran again");
        const stopping = w.stop(5000);
        release();
        await stopping;
        const s = await queue.status();
        assert.deepEqual([s.done, s.running, s.pending], [1, 0, 0]);
      } finally {
        await queue.close();
      }
    });
  });

  test("durations", () => {
    assert.equal(parseDuration("10m"), 600_000);
    assert.equal(parseDuration("30s"), 30_000);
    assert.equal(parseDuration("1h"), 3_600_000);
    assert.equal(parseDuration("250ms"), 250);
    assert.equal(parseDuration("5"), 5000);
    assert.equal(parseDuration("soon"), null);
  });
});
