// PostgreSQL backend: graphile-worker 0.17 (LISTEN/NOTIFY, SKIP LOCKED) in the store's own database, plus a few
// tables of ours (toll_*) for what graphile-worker does not keep: done counts, worker leases and feed state.
//
// Leases: graphile-worker 0.17 only frees the jobs of a crashed worker after a fixed 4 hours. Each `toll worker`
// therefore renews a lease row every lease/3; any worker that finds jobs locked by a pool whose lease has run out
// unlocks them (graphile_worker.force_unlock_workers), and they run again elsewhere.
import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import pg from "pg";
import { Logger, makeWorkerUtils, run, runMigrations, runOnce } from "graphile-worker";
import type { Job, JobHelpers, Runner, Task, TaskList, WorkerEvents, WorkerUtils } from "graphile-worker";
import { redactUrl } from "../store/postgres/index.ts";
import { retryLostConnections } from "./reconnect.ts";
import { DEFAULT_LEASE_MS, DEFAULT_MAX_ATTEMPTS, DONE_RETENTION_MS, PRUNE_EVERY_MS, TASKS, jobSubject } from "./types.ts";
import type {
  FailedJob,
  FeedState,
  JobContext,
  JobSpec,
  QueueBackend,
  QueueStatus,
  TaskName,
  WorkerHandle,
  WorkerOptions,
} from "./types.ts";

/** Arbitrary constants naming our advisory locks (pg_advisory_*lock(bigint)). */
const SCHEMA_LOCK = 7_463_201_001;
const ENQUEUE_CHUNK = 500;

const SCHEMA = `
create table if not exists toll_queue_done (
  job_id bigint primary key,
  task text not null,
  finished_at timestamptz not null default now()
);
create table if not exists toll_queue_done_totals (
  task text primary key,
  n bigint not null
);
create table if not exists toll_queue_workers (
  pool_id text primary key,
  host text not null,
  pid integer not null,
  started_at timestamptz not null default now(),
  heartbeat_at timestamptz not null default now()
);
create table if not exists toll_feeds (
  url text primary key,
  etag text,
  last_modified text,
  checked_at timestamptz,
  last_error text
);
create table if not exists toll_feed_items (
  feed_url text not null,
  item_key text not null,
  seen_at timestamptz not null default now(),
  primary key (feed_url, item_key)
);
`;

function isoOf(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

export class PostgresQueue implements QueueBackend {
  readonly kind = "postgres" as const;
  readonly location: string;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly utils: WorkerUtils,
    url: string,
  ) {
    this.location = redactUrl(url);
  }

  static async open(url: string): Promise<PostgresQueue> {
    retryLostConnections();
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client losing its connection emits 'error' on the pool; unhandled it would end the process.
    pool.on("error", () => {});
    // Likewise a checked-out client (graphile-worker's LISTEN connection) whose server goes away; graphile-worker
    // reconnects by itself. It also checks that this handler exists.
    pool.on("connect", (client) => client.on("error", () => {}));
    try {
      const client = await pool.connect();
      try {
        // Three workers starting at once would race on CREATE TABLE IF NOT EXISTS (it is not atomic against itself)
        // and on graphile-worker's own migrations: one at a time.
        await client.query("select pg_advisory_lock($1)", [SCHEMA_LOCK]);
        try {
          await runMigrations({ pgPool: pool, logger: quietLogger() });
          await client.query(SCHEMA);
        } finally {
          await client.query("select pg_advisory_unlock($1)", [SCHEMA_LOCK]);
        }
      } finally {
        client.release();
      }
      const utils = await makeWorkerUtils({ pgPool: pool, logger: quietLogger() });
      return new PostgresQueue(pool, utils, url);
    } catch (err) {
      await pool.end().catch(() => {});
      throw new Error(`queue at ${redactUrl(url)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }

  async enqueue(jobs: readonly JobSpec[]): Promise<number> {
    // graphile-worker adds a batch with one INSERT … ON CONFLICT (key) DO UPDATE, which PostgreSQL refuses outright
    // when two rows of the batch share a key ("cannot affect row a second time"): 400 notes failed whole because
    // two had the same text. A key seen earlier in the batch is the same job, so the first one stands.
    const seen = new Set<string>();
    const unique = jobs.filter((j) => {
      if (j.key === undefined) return true;
      if (seen.has(j.key)) return false;
      seen.add(j.key);
      return true;
    });
    // A debounced job (reconcile) keeps its first run_at when requested again; the others take the defaults.
    const groups = [unique.filter((j) => j.task !== "reconcile"), unique.filter((j) => j.task === "reconcile")];
    let n = 0;
    for (const [g, group] of groups.entries()) {
      for (let i = 0; i < group.length; i += ENQUEUE_CHUNK) {
        const specs = group.slice(i, i + ENQUEUE_CHUNK).map((j) => ({
          identifier: j.task,
          payload: j.payload,
          maxAttempts: j.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          ...(j.key !== undefined ? { jobKey: j.key } : {}),
          ...(j.runAt !== undefined ? { runAt: j.runAt } : {}),
        }));
        n += (await this.utils.addJobs(specs, g === 1)).length;
      }
    }
    return n;
  }

  async prune(olderThanMs = DONE_RETENTION_MS): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      // One statement: the rows deleted are exactly the rows counted, whatever workers insert meanwhile.
      const r = await client.query<{ n: string }>(
        `with gone as (
           delete from toll_queue_done where finished_at < now() - ($1::bigint * interval '1 millisecond') returning task
         ), per_task as (
           insert into toll_queue_done_totals (task, n) select task, count(*) from gone group by task
           on conflict (task) do update set n = toll_queue_done_totals.n + excluded.n returning n
         )
         select count(*) as n from gone`,
        [olderThanMs],
      );
      await client.query("commit");
      return Number(r.rows[0]?.n ?? 0);
    } catch (err) {
      await client.query("rollback").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async status(maxFailures = 20): Promise<QueueStatus> {
    const { rows } = await this.pool.query<{ pending: string; running: string; failed: string; retrying: string }>(`
      select
        count(*) filter (where locked_at is null and attempts < max_attempts) as pending,
        count(*) filter (where locked_at is not null) as running,
        count(*) filter (where locked_at is null and attempts >= max_attempts) as failed,
        count(*) filter (where locked_at is null and attempts < max_attempts and attempts > 0) as retrying
      from graphile_worker.jobs`);
    const done = await this.pool.query<{ n: string }>(
      "select (select count(*) from toll_queue_done) + (select coalesce(sum(n), 0) from toll_queue_done_totals) as n",
    );
    const failures = await this.pool.query<{
      id: string;
      task_identifier: string;
      attempts: number;
      max_attempts: number;
      last_error: string | null;
      updated_at: Date;
      key: string | null;
    }>(
      `select id, task_identifier, attempts, max_attempts, last_error, updated_at, key
       from graphile_worker.jobs where locked_at is null and attempts >= max_attempts
       order by updated_at desc, id desc limit $1`,
      [maxFailures],
    );
    const payloads = await this.payloads(failures.rows.map((r) => r.id));
    const r = rows[0];
    return {
      backend: "postgres",
      pending: Number(r?.pending ?? 0),
      running: Number(r?.running ?? 0),
      failed: Number(r?.failed ?? 0),
      done: Number(done.rows[0]?.n ?? 0),
      retrying: Number(r?.retrying ?? 0),
      failures: failures.rows.map(
        (f): FailedJob => ({
          id: String(f.id),
          task: f.task_identifier,
          attempts: f.attempts,
          max_attempts: f.max_attempts,
          error: f.last_error,
          at: isoOf(f.updated_at),
          subject: jobSubject({ task: f.task_identifier, payload: payloads.get(String(f.id)) }),
        }),
      ),
    };
  }

  /** The public jobs view has no payload column; the private table does. */
  private async payloads(ids: string[]): Promise<Map<string, unknown>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: string; payload: unknown }>(
      "select id, payload from graphile_worker._private_jobs where id = any($1::bigint[])",
      [ids],
    );
    return new Map(rows.map((r) => [String(r.id), r.payload]));
  }

  async retry(id: string): Promise<boolean> {
    if (!/^\d+$/.test(id)) return false;
    // Not WorkerUtils.rescheduleJobs: it turns attempts 0 into "unchanged". Only unlocked jobs are touched.
    const { rows } = await this.pool.query(
      "select id from graphile_worker.reschedule_jobs(array[$1::bigint], run_at := now(), attempts := 0)",
      [id],
    );
    return rows.length > 0;
  }

  async feedState(url: string): Promise<FeedState | null> {
    const { rows } = await this.pool.query<{
      url: string;
      etag: string | null;
      last_modified: string | null;
      checked_at: Date | null;
      last_error: string | null;
    }>("select url, etag, last_modified, checked_at, last_error from toll_feeds where url = $1", [url]);
    const r = rows[0];
    return r ? { ...r, checked_at: r.checked_at ? isoOf(r.checked_at) : null } : null;
  }

  async saveFeedState(s: FeedState): Promise<void> {
    await this.pool.query(
      `insert into toll_feeds (url, etag, last_modified, checked_at, last_error) values ($1, $2, $3, $4, $5)
       on conflict (url) do update set etag = excluded.etag, last_modified = excluded.last_modified,
         checked_at = excluded.checked_at, last_error = excluded.last_error`,
      [s.url, s.etag, s.last_modified, s.checked_at, s.last_error],
    );
  }

  async unseen(feedUrl: string, keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const { rows } = await this.pool.query<{ item_key: string }>(
      "select item_key from toll_feed_items where feed_url = $1 and item_key = any($2::text[])",
      [feedUrl, keys],
    );
    const seen = new Set(rows.map((r) => r.item_key));
    return keys.filter((k) => !seen.has(k));
  }

  async markSeen(feedUrl: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.pool.query(
      `insert into toll_feed_items (feed_url, item_key) select $1, k from unnest($2::text[]) as k
       on conflict do nothing`,
      [feedUrl, keys],
    );
  }

  async runWorker(opts: WorkerOptions): Promise<WorkerHandle> {
    const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    const log = opts.log ?? (() => {});
    const taskList: TaskList = {};
    for (const name of TASKS) {
      const handler = opts.handlers[name] as (payload: unknown, ctx: JobContext) => Promise<void>;
      const task: Task = async (payload: unknown, helpers: JobHelpers) => {
        const job: Job = helpers.job;
        await handler(payload, {
          id: String(job.id),
          task: name as TaskName,
          attempt: job.attempts,
          enqueue: (jobs) => this.enqueue(jobs),
          log,
        });
        // Keyed by job id: a job re-run after its worker died between this insert and graphile-worker's completion
        // is counted once.
        await this.pool.query("insert into toll_queue_done (job_id, task) values ($1, $2) on conflict do nothing", [
          job.id,
          name,
        ]);
      };
      taskList[name] = task;
    }

    const events: WorkerEvents = new EventEmitter() as WorkerEvents;
    let poolId: string | null = null;
    events.on("pool:create", ({ workerPool }) => {
      poolId = workerPool.id;
      void this.heartbeat(poolId).catch(() => {});
    });
    events.on("job:error", ({ job, error }) => {
      log(`job ${job.id} (${job.task_identifier}) failed, attempt ${job.attempts}/${job.max_attempts}: ${errorText(error)}`);
    });

    const common = {
      pgPool: this.pool,
      concurrency: opts.concurrency,
      noHandleSignals: true,
      // New jobs arrive by LISTEN/NOTIFY at once; polling only finds jobs whose run_at (a retry, a debounce) came.
      pollInterval: 500,
      taskList,
      events,
      logger: quietLogger(),
    };
    let runner: Runner | null = null;
    let stopped = false;
    const timers: NodeJS.Timeout[] = [];
    const sweep = async () => {
      const unlocked = await this.sweepExpired(leaseMs);
      if (unlocked.length > 0) log(`lease expired for ${unlocked.join(", ")}: their jobs are handed to other workers`);
    };
    await sweep().catch(() => {});
    const prune = () => this.prune().catch((err: unknown) => log(`pruning done jobs failed: ${errorText(err)}`));
    await prune();
    timers.push(
      setInterval(() => void prune(), PRUNE_EVERY_MS),
      setInterval(() => {
        if (poolId) void this.heartbeat(poolId).catch(() => {});
      }, Math.max(200, Math.floor(leaseMs / 3))),
      setInterval(() => void sweep().catch(() => {}), Math.max(500, Math.floor(leaseMs / 2))),
    );
    const clearTimers = () => {
      for (const t of timers) clearInterval(t);
    };

    let done: Promise<void>;
    if (opts.once) {
      // graphile-worker's runOnce works through the ready jobs and returns; jobs a task adds meanwhile are included.
      done = runOnce(common).finally(clearTimers);
    } else {
      runner = await run(common);
      done = runner.promise.finally(clearTimers);
    }
    const finish = done.finally(async () => {
      if (poolId) await this.pool.query("delete from toll_queue_workers where pool_id = $1", [poolId]).catch(() => {});
    });
    return {
      done: finish,
      stop: async (graceMs = 30_000) => {
        if (stopped) return finish;
        stopped = true;
        clearTimers();
        if (runner) {
          // graphile-worker's graceful shutdown: no new jobs; running jobs finish. If they do not within graceMs,
          // they are failed with a "shutdown" error and unlocked, i.e. handed back (retried later, not lost).
          const timeout = setTimeout(() => void runner?.stop().catch(() => {}), graceMs);
          try {
            await runner.stop();
          } finally {
            clearTimeout(timeout);
          }
        }
        await finish.catch(() => {});
      },
    };
  }

  private async heartbeat(poolId: string): Promise<void> {
    await this.pool.query(
      `insert into toll_queue_workers (pool_id, host, pid) values ($1, $2, $3)
       on conflict (pool_id) do update set heartbeat_at = now()`,
      [poolId, hostname(), process.pid],
    );
  }

  /** Unlocks the jobs of pools whose lease ran out (or that never took one); returns those pool ids. */
  async sweepExpired(leaseMs: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ locked_by: string }>(
      `select distinct j.locked_by from graphile_worker.jobs j
       where j.locked_by is not null and j.locked_at < now() - make_interval(secs => $1::double precision / 1000)
         and not exists (
           select 1 from toll_queue_workers w
           where w.pool_id = j.locked_by and w.heartbeat_at > now() - make_interval(secs => $1::double precision / 1000))`,
      [leaseMs],
    );
    const ids = rows.map((r) => r.locked_by);
    if (ids.length === 0) return [];
    await this.utils.forceUnlockWorkers(ids);
    await this.pool.query("delete from toll_queue_workers where pool_id = any($1::text[])", [ids]);
    return ids;
  }

  async close(): Promise<void> {
    await this.utils.release();
    await this.pool.end();
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** graphile-worker logs every job at info level; Toll prints its own lines, so only its warnings and errors pass. */
function quietLogger(): Logger {
  return new Logger((scope) => (level, message) => {
    const l = String(level);
    // Job failures are reported by the worker's own log line (job:error); do not print them twice.
    if ((l === "error" || l === "warning") && !message.startsWith("Failed task")) {
      process.stderr.write(`graphile-worker ${level}${scope.taskIdentifier ? ` (${scope.taskIdentifier})` : ""}: ${message}\n`);
    }
  });
}
