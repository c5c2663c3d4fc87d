// The job queue: `openQueue(target)` picks the backend the same way openStore does (postgres:// → graphile-worker
// in that database; anything else → a table in that SQLite file), so every command takes the same --db.
import { isPostgresUrl, resolveTarget } from "../store/index.ts";
import { PostgresQueue } from "./postgres.ts";
import { SqliteQueue } from "./sqlite.ts";
import type { QueueBackend } from "./types.ts";

export type * from "./types.ts";
export { TASKS, DEFAULT_LEASE_MS, DEFAULT_MAX_ATTEMPTS, RECONCILE_DEBOUNCE_MS } from "./types.ts";
export { articleJob, fetchJob, ingestJob, makeHandlers, reconcileJob } from "./jobs.ts";
export type { HandlerDeps } from "./jobs.ts";
export { PostgresQueue } from "./postgres.ts";
export { SqliteQueue } from "./sqlite.ts";

export async function openQueue(target?: string): Promise<QueueBackend> {
  const resolved = resolveTarget(target);
  if (isPostgresUrl(resolved)) return PostgresQueue.open(resolved);
  return SqliteQueue.open(resolved);
}

/** "10m", "30s", "1h", "1500ms" or a bare number of seconds → milliseconds; null when unreadable. */
export function parseDuration(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|[smh])?$/i.exec(s.trim().replace(/\s+/g, ""));
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? "s").toLowerCase();
  const ms = unit === "ms" ? n : unit === "s" ? n * 1000 : unit === "m" ? n * 60_000 : n * 3_600_000;
  return ms > 0 && Number.isFinite(ms) ? Math.round(ms) : null;
}
