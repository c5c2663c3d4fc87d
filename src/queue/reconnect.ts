// Losing the PostgreSQL connection (a server restart, a failover, pg_terminate_backend) must not end a worker.
// graphile-worker 0.17 retries its own bookkeeping queries (complete a job, fail a job, take a job) with backoff,
// but only for the error codes in its RETRYABLE_ERROR_CODES table, which lacks the ones a cut connection gives;
// its failJob call is not awaited either, so the rejection of one such query crashed the process as an unhandled
// rejection and left the job to wait out the lease. Adding the connection-loss codes to that table makes those
// queries wait and retry on a fresh connection from the pool (1 s growing to 30 s, up to 100 tries) instead.
import * as graphileLib from "graphile-worker/dist/lib.js";

/** SQLSTATE and socket codes of a lost or refused connection. */
export const CONNECTION_LOST_CODES = [
  "57P01", // admin_shutdown: the server (or pg_terminate_backend) ended the session
  "57P02", // crash_shutdown
  "08000", // connection_exception
  "08003", // connection_does_not_exist
  "08006", // connection_failure
  "08001", // sqlclient_unable_to_establish_sqlconnection
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
] as const;

let installed = false;

export function retryLostConnections(): void {
  if (installed) return;
  installed = true;
  const table = (
    graphileLib as {
      RETRYABLE_ERROR_CODES?: Record<string, { minDelay: number; maxDelay: number } | undefined>;
    }
  ).RETRYABLE_ERROR_CODES;
  if (!table) return;
  for (const code of CONNECTION_LOST_CODES) table[code] ??= { minDelay: 1000, maxDelay: 30_000 };
}

/** Whether an error (or its cause) is a lost or refused connection rather than a fault of the job. */
export function isConnectionLost(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_LOST_CODES as readonly string[]).includes(code)) return true;
    if (/Connection terminated|connection error and is not queryable|terminating connection/i.test(e.message))
      return true;
  }
  return false;
}
