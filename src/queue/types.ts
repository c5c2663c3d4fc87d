// The job model shared by both queue backends (PostgreSQL via graphile-worker, embedded SQLite). A job is a task
// name and a JSON payload; every task is idempotent, so a job that runs twice (a worker killed after its work
// committed but before the queue heard of it) leaves the store as one run would.
import type { ArticleInput } from "../store/types.ts";

/**
 * The tasks. Extraction has no job of its own: the store saves an article and its extraction in one
 * transaction (saveArticle needs both), so `ingest` extracts and stores together; a separate extract job would
 * either store articles without claims or carry every article through the queue twice.
 */
export const TASKS = ["fetch", "article", "ingest", "reconcile"] as const;
export type TaskName = (typeof TASKS)[number];

export interface FetchPayload {
  /** A page, feed, WARC or JSON-lines URL: every article read from it becomes an `ingest` job. */
  url: string;
  timeoutMs?: number;
  maxBytes?: number;
}

/** A feed item whose page is the article: the page is fetched and stored, the item's own text if it cannot be. */
export interface ArticlePayload {
  url: string;
  /** The feed item as read: its title, date and id complete the page's, and its text is the fallback. */
  item: ArticleInput;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface IngestPayload {
  /** The article as a reader produced it; its text is extracted and stored on the worker. */
  article: ArticleInput;
}

/** Reconcile takes no input: it reconciles every stored article not reconciled yet (src/reconcile/store.ts). */
export type ReconcilePayload = Record<string, never>;

export type JobSpec =
  | { task: "fetch"; payload: FetchPayload; key?: string; maxAttempts?: number; runAt?: Date }
  | { task: "article"; payload: ArticlePayload; key?: string; maxAttempts?: number; runAt?: Date }
  | { task: "ingest"; payload: IngestPayload; key?: string; maxAttempts?: number; runAt?: Date }
  | { task: "reconcile"; payload: ReconcilePayload; key?: string; maxAttempts?: number; runAt?: Date };

export interface PayloadOf {
  fetch: FetchPayload;
  article: ArticlePayload;
  ingest: IngestPayload;
  reconcile: ReconcilePayload;
}

/** Attempts before a job is kept as failed. The backoff between attempts is exp(attempt) seconds (2.7 s … 55 s). */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** A worker that has not renewed its lease for this long is presumed dead and its jobs are handed to others. */
export const DEFAULT_LEASE_MS = 60_000;
/** Reconcile waits this long after the first request so that a burst of ingests costs one rebuild. */
export const RECONCILE_DEBOUNCE_MS = 2_000;
export const RECONCILE_KEY = "reconcile";
/**
 * Rows of done jobs are kept this long (a job re-run after its worker died is recognised by them), then folded into
 * per-task counts, so the done count stays right while the tables stop growing.
 */
export const DONE_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** How often a running worker folds old done rows. */
export const PRUNE_EVERY_MS = 3600 * 1000;

export interface FailedJob {
  id: string;
  task: string;
  attempts: number;
  max_attempts: number;
  error: string | null;
  /** ISO date-time of the last failure. */
  at: string;
  /** What the job was about: a URL, an article origin. */
  subject: string | null;
}

/** `toll queue --format json`: the four counts are top-level. */
export interface QueueStatus {
  backend: "postgres" | "sqlite";
  /** Waiting to run, including jobs waiting for a retry after a failure. */
  pending: number;
  running: number;
  /** Out of attempts: kept for inspection (`toll queue retry ID`). */
  failed: number;
  done: number;
  /** The part of `pending` that failed at least once and waits for its next attempt. */
  retrying: number;
  /** Most recent failed jobs, with their errors. */
  failures: FailedJob[];
}

/** Conditional-GET and error state of one watched feed. */
export interface FeedState {
  url: string;
  etag: string | null;
  last_modified: string | null;
  /** ISO date-time of the last poll, successful or not. */
  checked_at: string | null;
  last_error: string | null;
}

export interface JobContext {
  id: string;
  task: TaskName;
  /** 1 on the first run. */
  attempt: number;
  enqueue(jobs: readonly JobSpec[]): Promise<number>;
  log(line: string): void;
}

export type Handler<T extends TaskName> = (payload: PayloadOf[T], ctx: JobContext) => Promise<void>;
export type Handlers = { [T in TaskName]: Handler<T> };

export interface WorkerOptions {
  concurrency: number;
  handlers: Handlers;
  /** Exit once no job is ready (jobs waiting for a later retry do not count). */
  once?: boolean;
  leaseMs?: number;
  log?: (line: string) => void;
}

export interface WorkerHandle {
  /** Graceful: take no new job; running jobs finish (or are handed back after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when the worker has stopped (after stop(), or when `once` ran out of work). */
  readonly done: Promise<void>;
}

export interface QueueBackend {
  readonly kind: "postgres" | "sqlite";
  readonly location: string;
  enqueue(jobs: readonly JobSpec[]): Promise<number>;
  status(maxFailures?: number): Promise<QueueStatus>;
  /** Puts a failed (or waiting) job back to run now with fresh attempts; false when no such job can be retried. */
  retry(id: string): Promise<boolean>;
  runWorker(opts: WorkerOptions): Promise<WorkerHandle>;
  feedState(url: string): Promise<FeedState | null>;
  saveFeedState(state: FeedState): Promise<void>;
  /** The keys among `keys` not yet seen for this feed. */
  unseen(feedUrl: string, keys: readonly string[]): Promise<string[]>;
  markSeen(feedUrl: string, keys: readonly string[]): Promise<void>;
  /** Folds the rows of jobs done before `olderThanMs` ago into per-task counts; returns how many rows went. */
  prune(olderThanMs?: number): Promise<number>;
  close(): Promise<void>;
}

export function jobSubject(spec: { task: string; payload: unknown }): string | null {
  const p = spec.payload as Partial<FetchPayload & IngestPayload> | null;
  // (an article job's payload has a url too: its page)
  if (!p || typeof p !== "object") return null;
  if (typeof p.url === "string") return p.url;
  const a = p.article;
  if (a && typeof a === "object") return a.url ?? a.origin ?? null;
  return null;
}
