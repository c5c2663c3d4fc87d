// Embedded backend: the queue is a table in the SQLite store file, so `toll ingest --queue`, `toll worker`,
// `toll queue` and `toll watch` work on a laptop with nothing else installed. Jobs are claimed with one atomic
// UPDATE … RETURNING, so several worker processes on the same file share it safely (SQLite serialises writers);
// a claimed job carries a lease that its worker renews, and a job whose lease ran out goes back to pending.
import { hostname } from "node:os";
import Database from "better-sqlite3";
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

const SCHEMA = `
create table if not exists toll_jobs (
  id integer primary key,
  task text not null,
  payload text,
  job_key text,
  status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed')),
  attempts integer not null default 0,
  max_attempts integer not null,
  run_at integer not null,
  locked_by text,
  locked_at integer,
  last_error text,
  created_at integer not null,
  updated_at integer not null
);
create index if not exists toll_jobs_ready on toll_jobs (status, run_at, id);
create unique index if not exists toll_jobs_key on toll_jobs (job_key) where status = 'pending' and job_key is not null;
create table if not exists toll_jobs_done_totals (
  task text primary key,
  n integer not null
);
create table if not exists toll_feeds (
  url text primary key,
  etag text,
  last_modified text,
  checked_at text,
  last_error text
);
create table if not exists toll_feed_items (
  feed_url text not null,
  item_key text not null,
  seen_at text not null,
  primary key (feed_url, item_key)
);
`;

interface JobRow {
  id: number;
  task: string;
  payload: string | null;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  updated_at: number;
}

const BUSY_RETRIES = 20;

/** SQLITE_BUSY anywhere in the error chain (the store wraps driver errors in StoreError). */
function isBusy(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as Error & { code?: unknown }).code;
    if ((typeof code === "string" && code.startsWith("SQLITE_BUSY")) || /database is locked/.test(e.message)) return true;
  }
  return false;
}

/** The same backoff as graphile-worker: exp(attempts) seconds, at most exp(10) ≈ 6 h. */
function backoffMs(attempts: number): number {
  return Math.round(Math.exp(Math.min(attempts, 10)) * 1000);
}

function sleep(ms: number, wake: { fn: (() => void) | null }): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    wake.fn = () => {
      clearTimeout(t);
      resolve();
    };
  });
}

export class SqliteQueue implements QueueBackend {
  readonly kind = "sqlite" as const;

  private constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {}

  static open(path: string): SqliteQueue {
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    // Other processes (workers, an ingest) hold the write lock for one short transaction at a time.
    db.pragma("busy_timeout = 10000");
    db.exec(SCHEMA);
    return new SqliteQueue(db, path);
  }

  enqueue(jobs: readonly JobSpec[]): Promise<number> {
    const now = Date.now();
    const insert = this.db.prepare(
      `insert into toll_jobs (task, payload, job_key, max_attempts, run_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (job_key) where status = 'pending' and job_key is not null do nothing`,
    );
    const replace = this.db.prepare(
      "update toll_jobs set payload = ?, updated_at = ? where job_key = ? and status = 'pending' and task <> 'reconcile'",
    );
    let n = 0;
    this.db.transaction(() => {
      for (const j of jobs) {
        const payload = JSON.stringify(j.payload);
        const r = insert.run(j.task, payload, j.key ?? null, j.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, j.runAt?.getTime() ?? now, now, now);
        if (r.changes > 0) n++;
        // A waiting job with the same key takes the newer payload (graphile-worker's "replace"); reconcile keeps its
        // first run time, which is what makes it a debounce.
        else if (j.key !== undefined) n += replace.run(payload, now, j.key).changes;
      }
    })();
    return Promise.resolve(n);
  }

  status(maxFailures = 20): Promise<QueueStatus> {
    const counts = this.db
      .prepare(
        `select
           coalesce(sum(status = 'pending'), 0) as pending,
           coalesce(sum(status = 'running'), 0) as running,
           coalesce(sum(status = 'failed'), 0) as failed,
           coalesce(sum(status = 'done'), 0) as done,
           coalesce(sum(status = 'pending' and attempts > 0), 0) as retrying
         from toll_jobs`,
      )
      .get() as { pending: number; running: number; failed: number; done: number; retrying: number };
    counts.done += (this.db.prepare("select coalesce(sum(n), 0) as n from toll_jobs_done_totals").get() as { n: number }).n;
    const failures = this.db
      .prepare(
        `select id, task, payload, attempts, max_attempts, last_error, updated_at from toll_jobs
         where status = 'failed' order by updated_at desc, id desc limit ?`,
      )
      .all(maxFailures) as JobRow[];
    return Promise.resolve({
      backend: "sqlite",
      ...counts,
      failures: failures.map(
        (f): FailedJob => ({
          id: String(f.id),
          task: f.task,
          attempts: f.attempts,
          max_attempts: f.max_attempts,
          error: f.last_error,
          at: new Date(f.updated_at).toISOString(),
          subject: jobSubject({ task: f.task, payload: f.payload ? JSON.parse(f.payload) : null }),
        }),
      ),
    });
  }

  retry(id: string): Promise<boolean> {
    if (!/^\d+$/.test(id)) return Promise.resolve(false);
    const now = Date.now();
    const r = this.db
      .prepare(
        `update toll_jobs set status = 'pending', attempts = 0, run_at = ?, updated_at = ?
         where id = ? and status in ('failed', 'pending')`,
      )
      .run(now, now, Number(id));
    return Promise.resolve(r.changes > 0);
  }

  feedState(url: string): Promise<FeedState | null> {
    const r = this.db.prepare("select url, etag, last_modified, checked_at, last_error from toll_feeds where url = ?").get(url) as
      | FeedState
      | undefined;
    return Promise.resolve(r ?? null);
  }

  saveFeedState(s: FeedState): Promise<void> {
    this.db
      .prepare(
        `insert into toll_feeds (url, etag, last_modified, checked_at, last_error) values (?, ?, ?, ?, ?)
         on conflict (url) do update set etag = excluded.etag, last_modified = excluded.last_modified,
           checked_at = excluded.checked_at, last_error = excluded.last_error`,
      )
      .run(s.url, s.etag, s.last_modified, s.checked_at, s.last_error);
    return Promise.resolve();
  }

  unseen(feedUrl: string, keys: readonly string[]): Promise<string[]> {
    const q = this.db.prepare("select 1 from toll_feed_items where feed_url = ? and item_key = ?");
    return Promise.resolve(keys.filter((k) => q.get(feedUrl, k) === undefined));
  }

  markSeen(feedUrl: string, keys: readonly string[]): Promise<void> {
    const ins = this.db.prepare("insert or ignore into toll_feed_items (feed_url, item_key, seen_at) values (?, ?, ?)");
    const at = new Date().toISOString();
    this.db.transaction(() => {
      for (const k of keys) ins.run(feedUrl, k, at);
    })();
    return Promise.resolve();
  }

  prune(olderThanMs = DONE_RETENTION_MS): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    const fold = this.db.transaction(() => {
      this.db
        .prepare(
          `insert into toll_jobs_done_totals (task, n)
           select task, count(*) from toll_jobs where status = 'done' and updated_at < ? group by task
           on conflict (task) do update set n = n + excluded.n`,
        )
        .run(cutoff);
      return this.db.prepare("delete from toll_jobs where status = 'done' and updated_at < ?").run(cutoff).changes;
    });
    return Promise.resolve(fold());
  }

  async runWorker(opts: WorkerOptions): Promise<WorkerHandle> {
    const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    const log = opts.log ?? (() => {});
    const me = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    const claim = this.db.prepare(
      `update toll_jobs set status = 'running', locked_by = ?, locked_at = ?, attempts = attempts + 1, updated_at = ?
       where id = (select id from toll_jobs where status = 'pending' and run_at <= ? order by run_at, id limit 1)
       returning id, task, payload, attempts, max_attempts`,
    );
    const renew = this.db.prepare("update toll_jobs set locked_at = ? where status = 'running' and locked_by = ?");
    const expire = this.db.prepare(
      `update toll_jobs set status = 'pending', locked_by = null, locked_at = null, updated_at = ?
       where status = 'running' and locked_at < ?`,
    );
    const complete = this.db.prepare(
      "update toll_jobs set status = 'done', payload = null, locked_by = null, updated_at = ? where id = ? and locked_by = ?",
    );
    const fail = this.db.prepare(
      `update toll_jobs set status = case when attempts >= max_attempts then 'failed' else 'pending' end,
         run_at = ?, last_error = ?, locked_by = null, locked_at = null, updated_at = ?
       where id = ? and locked_by = ?`,
    );
    const handBack = this.db.prepare(
      `update toll_jobs set status = 'pending', attempts = max(attempts - 1, 0), locked_by = null, locked_at = null, updated_at = ?
       where status = 'running' and locked_by = ?`,
    );
    const anyReady = this.db.prepare("select 1 from toll_jobs where status = 'pending' and run_at <= ? limit 1");
    const pollMs = 250;

    let stopping = false;
    let active = 0;
    const wake: { fn: (() => void) | null } = { fn: null };
    const running = new Set<Promise<void>>();

    const runJob = async (row: JobRow): Promise<void> => {
      const handler = opts.handlers[row.task as TaskName] as ((p: unknown, c: JobContext) => Promise<void>) | undefined;
      try {
        if (!handler || !(TASKS as readonly string[]).includes(row.task)) throw new Error(`unknown task ${row.task}`);
        const ctx: JobContext = {
          id: String(row.id),
          task: row.task as TaskName,
          attempt: row.attempts,
          enqueue: (jobs) => this.enqueue(jobs),
          log,
        };
        const payload: unknown = row.payload ? JSON.parse(row.payload) : {};
        // A store transaction reads before it writes (BEGIN DEFERRED); if another connection (this queue, another job,
        // another worker process) committed in between, SQLite refuses the upgrade at once with SQLITE_BUSY instead
        // of waiting. The transaction rolled back and every task is idempotent, so run it again after a short pause
        // rather than spending one of the job's attempts and an exp(n)-second backoff on it.
        for (let tries = 1; ; tries++) {
          try {
            await handler(payload, ctx);
            break;
          } catch (err) {
            if (tries >= BUSY_RETRIES || !isBusy(err)) throw err;
            await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * tries));
          }
        }
        complete.run(Date.now(), row.id, me);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        const now = Date.now();
        fail.run(now + backoffMs(row.attempts), msg, now, row.id, me);
        log(`job ${row.id} (${row.task}) failed, attempt ${row.attempts}/${row.max_attempts}: ${msg}`);
      }
    };

    const sweep = () => {
      const n = expire.run(Date.now(), Date.now() - leaseMs).changes;
      if (n > 0) log(`lease expired on ${n} running job(s): handed back to the queue`);
    };
    const timers = [
      setInterval(() => renew.run(Date.now(), me), Math.max(200, Math.floor(leaseMs / 3))),
      setInterval(sweep, Math.max(500, Math.floor(leaseMs / 2))),
      setInterval(() => void this.prune().catch((err: unknown) => log(`pruning done jobs failed: ${String(err)}`)), PRUNE_EVERY_MS),
    ];
    sweep();
    await this.prune().catch((err: unknown) => log(`pruning done jobs failed: ${String(err)}`));

    const loop = async (): Promise<void> => {
      while (!stopping) {
        while (!stopping && active < opts.concurrency) {
          const now = Date.now();
          const row = claim.get(me, now, now, now) as JobRow | undefined;
          if (!row) break;
          active++;
          const p = runJob(row).finally(() => {
            active--;
            running.delete(p);
            wake.fn?.();
          });
          running.add(p);
        }
        if (opts.once && active === 0 && anyReady.get(Date.now()) === undefined) break;
        await sleep(pollMs, wake);
      }
      await Promise.allSettled([...running]);
    };
    const done = loop().finally(() => {
      for (const t of timers) clearInterval(t);
    });
    return {
      done,
      stop: async (graceMs = 30_000) => {
        stopping = true;
        wake.fn?.();
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<"late">((resolve) => {
          timer = setTimeout(() => resolve("late"), graceMs);
        });
        const r = await Promise.race([done.then(() => "ok" as const), late]);
        clearTimeout(timer);
        if (r === "late") {
          // Hand the unfinished jobs back (the attempt does not count); their handlers may still be running in this
          // process, and a second run is harmless because every task is idempotent.
          const n = handBack.run(Date.now(), me).changes;
          log(`stopped with ${n} job(s) unfinished: handed back to the queue`);
        }
      },
    };
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
