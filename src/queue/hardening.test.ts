// Queue failures of issue 14, on the real PostgreSQL server (TOLL_TEST_DATABASE_URL) and on real SQLite files:
// duplicates inside one enqueue batch, a worker whose connections are cut while it is busy, `--once` and a job
// whose worker died, and a server that cannot be reached.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { runIngest } from "../cli/commands/ingest.ts";
import { runWorkerCommand } from "../cli/commands/worker.ts";
import { openQueue } from "./index.ts";
import { fetchJob, ingestJob } from "./jobs.ts";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { corpus, pgTestUrl, spawnWorker, toJsonl, waitFor, withFreshDatabase } from "./test-helpers.ts";

const server = pgTestUrl();
/** The page server of these tests is on loopback, which workers refuse unless told. */
const ALLOW = ["--allow-private-urls"];
const ALLOW_OPT = { allowPrivateUrls: true };

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

async function withDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "toll-qh-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** 400 notes like ACLED's, two of which carry the same text. */
function notesWithTwins(): string {
  const docs = corpus(400).map((d) => ({ id: d.id, text: d.text, published: d.published }));
  const twin = docs[17];
  if (twin && docs[203]) docs[203] = { ...docs[203], text: twin.text };
  return toJsonl(docs as never);
}

describe(
  "queue hardening on PostgreSQL",
  { skip: server ? false : "TOLL_TEST_DATABASE_URL is not set" },
  () => {
    test(
      "toll ingest --queue of 400 notes, two with the same text, enqueues 399 jobs instead of failing whole",
      { timeout: 120_000 },
      async () => {
        await withDir(async (dir) => {
          const file = join(dir, "notes.jsonl");
          await writeFile(file, notesWithTwins());
          await withFreshDatabase(server as string, "toll_qh_dedupe", async (url) => {
            const s = await runIngest(
              [file],
              { db: url, queue: true, json: true },
              { out: sink(), err: sink(), isTTY: false },
            );
            assert.equal(s.errors, 0);
            assert.equal(s.read, 400);
            assert.equal(s.enqueued, 399);
            const rows = await query<{ n: string }>(
              url,
              "select count(*) as n from graphile_worker.jobs where task_identifier = 'ingest'",
            );
            assert.equal(Number(rows[0]?.n), 399);
          });
        });
      },
    );

    test(
      "a busy worker whose connections are cut reconnects and finishes every job instead of crashing",
      { timeout: 300_000 },
      async () => {
        await withDir(async (dir) => {
          const file = join(dir, "docs.jsonl");
          const n = 300;
          await writeFile(file, toJsonl(corpus(n)));
          await withFreshDatabase(server as string, "toll_qh_cut", async (url) => {
            await runIngest(
              [file],
              { db: url, queue: true, json: true },
              { out: sink(), err: sink(), isTTY: false },
            );
            const worker = spawnWorker([
              "--db",
              url,
              "--concurrency",
              "2",
              "--no-gazetteer",
              "--no-reconcile",
            ]);
            let exited = false;
            void worker.exited.then(() => (exited = true));
            try {
              // The store's tables appear when the worker opens the store; until then, and while connections are being
              // cut, a count that fails is 0.
              const stored = async () =>
                Number(
                  (await query<{ n: string }>(url, "select count(*) as n from articles").catch(() => []))[0]
                    ?.n ?? 0,
                );
              await waitFor(async () => (await stored()) >= 20, 120_000, "the worker to store some articles");
              // Cut every connection of the worker twice while it is busy (what a PostgreSQL restart or failover does).
              for (let cut = 0; cut < 2; cut++) {
                await query(
                  url,
                  "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
                );
                await new Promise((r) => setTimeout(r, 1500));
                assert.equal(
                  exited,
                  false,
                  `the worker died after the connections were cut:\n${worker.stderr()}`,
                );
              }
              // A job whose own bookkeeping query (complete/fail) was cut stays locked by this worker until
              // graphile-worker's lock timeout, so up to one job per slot per cut may wait out its lease (seen in CI);
              // every other job must be done by the same, still living, process.
              const inFlight = 2 * 2;
              await waitFor(
                async () => (await stored()) >= n - inFlight || exited,
                240_000,
                "every article not in flight at a cut to be stored",
              );
              assert.equal(exited, false, `the worker died:\n${worker.stderr()}`);
              assert.ok((await stored()) >= n - inFlight, `${await stored()} of ${n} stored`);
            } finally {
              worker.child.kill("SIGTERM");
              await worker.exited;
            }
            assert.match(worker.stderr(), /connection|reconnect/i);
          });
        });
      },
    );

    test(
      "toll worker --once reclaims a job whose worker died and whose lease ran out",
      { timeout: 120_000 },
      async () => {
        await withFreshDatabase(server as string, "toll_qh_once", async (url) => {
          const q = await openQueue(url);
          try {
            await q.enqueue([
              ingestJob({
                origin: "test:dead",
                title: null,
                published: null,
                outlet: null,
                url: null,
                text: "At least 12 people were killed in an air strike on a market in Mosul on Monday, officials said.",
              }),
            ]);
          } finally {
            await q.close();
          }
          // A worker that took the job and was SIGKILLed two minutes ago: the job stays locked by its pool.
          await query(
            url,
            "update graphile_worker._private_jobs set locked_by = 'dead-pool', locked_at = now() - interval '2 minutes', attempts = 1",
          );
          const summary = await runWorkerCommand(
            { db: url, once: true, leaseMs: 5000, gazetteer: false, reconcile: false, quiet: true },
            { out: sink(), err: sink() },
          );
          assert.equal(summary.jobs.ingest, 1);
          const rows = await query<{ n: string }>(url, "select count(*) as n from articles");
          assert.equal(Number(rows[0]?.n), 1);
        });
      },
    );

    test(
      "toll worker --once reclaims the job of a worker SIGKILLed in the middle of it",
      { timeout: 180_000 },
      async () => {
        // The page the job fetches hangs until released, so the worker is surely inside the job when it is killed.
        let release = false;
        const pageServer = createServer((_req, res) => {
          const answer = () => {
            if (!release) return void setTimeout(answer, 100);
            res.writeHead(200, { "content-type": "text/plain" });
            res.end(
              "At least 12 people were killed in an air strike on a market in Mosul on Monday, officials said.",
            );
          };
          answer();
        });
        await new Promise<void>((r) => pageServer.listen(0, "127.0.0.1", () => r()));
        const port = (pageServer.address() as AddressInfo).port;
        try {
          await withFreshDatabase(server as string, "toll_qh_kill", async (url) => {
            const q = await openQueue(url);
            try {
              await q.enqueue([fetchJob(`http://127.0.0.1:${port}/page.txt`, { timeoutMs: 600_000 })]);
            } finally {
              await q.close();
            }
            const worker = spawnWorker([
              "--db",
              url,
              "--lease",
              "2s",
              "--no-gazetteer",
              "--no-reconcile",
              ...ALLOW,
            ]);
            await waitFor(
              async () =>
                Number(
                  (
                    await query<{ n: string }>(
                      url,
                      "select count(*) as n from graphile_worker.jobs where locked_at is not null",
                    ).catch(() => [])
                  )[0]?.n ?? 0,
                ) === 1,
              60_000,
              "the worker to take the job",
            );
            worker.child.kill("SIGKILL");
            await worker.exited;
            release = true;
            await new Promise((r) => setTimeout(r, 3000));
            const summary = await runWorkerCommand(
              {
                db: url,
                once: true,
                leaseMs: 2000,
                gazetteer: false,
                reconcile: false,
                quiet: true,
                ...ALLOW_OPT,
              },
              { out: sink(), err: sink() },
            );
            assert.equal(summary.jobs.fetch, 1);
            assert.equal(summary.jobs.ingest, 1);
          });
        } finally {
          pageServer.close();
        }
      },
    );

    test("an unreachable server is reported as a connection error, not a failed migration", async () => {
      await assert.rejects(
        runWorkerCommand(
          { db: "postgres://postgres@127.0.0.1:1/nowhere", once: true, gazetteer: false },
          { out: sink(), err: sink() },
        ),
        (err: Error) => {
          assert.match(err.message, /cannot reach|connect/i);
          assert.doesNotMatch(err.message, /migration/i);
          return true;
        },
      );
    });
  },
);

describe("queue hardening on SQLite", () => {
  test(
    "toll worker --once reclaims a job whose worker died and whose lease ran out",
    { timeout: 60_000 },
    async () => {
      await withDir(async (dir) => {
        const db = join(dir, "q.db");
        const q = await openQueue(db);
        try {
          await q.enqueue([
            ingestJob({
              origin: "test:dead",
              title: null,
              published: null,
              outlet: null,
              url: null,
              text: "At least 12 people were killed in an air strike on a market in Mosul on Monday, officials said.",
            }),
          ]);
        } finally {
          await q.close();
        }
        const conn = new Database(db);
        try {
          conn
            .prepare(
              "update toll_jobs set status = 'running', locked_by = 'dead', locked_at = ?, attempts = 1",
            )
            .run(Date.now() - 120_000);
        } finally {
          conn.close();
        }
        const summary = await runWorkerCommand(
          { db, once: true, leaseMs: 5000, gazetteer: false, reconcile: false, quiet: true },
          { out: sink(), err: sink() },
        );
        assert.equal(summary.jobs.ingest, 1);
      });
    },
  );
});
