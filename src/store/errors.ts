// Errors that leave the store say what was being done and to what (drizzle-style): the driver's message alone
// ("UNIQUE constraint failed: claims.article_id, claims.local_id") does not tell which article of a
// 10,000-line ingest broke. The driver error stays available as `cause`.

export class StoreError extends Error {
  override readonly name = "StoreError";
  /** The store operation, e.g. "saveArticle". */
  readonly operation: string;
  /** The driver's error code when there is one (SQLITE_CONSTRAINT_UNIQUE, 23505 …). */
  readonly code: string | undefined;

  constructor(operation: string, context: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`${operation} failed${context ? ` (${context})` : ""}: ${detail}`, { cause });
    this.operation = operation;
    this.code = driverCode(cause);
  }
}

export function driverCode(err: unknown): string | undefined {
  if (typeof err === "object" && err !== null && "code" in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** SQLITE_BUSY anywhere in the error chain: another process held the write lock longer than busy_timeout. */
export function isBusy(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    const code = (e as Error & { code?: unknown }).code;
    if ((typeof code === "string" && code.startsWith("SQLITE_BUSY")) || /database is locked/.test(e.message))
      return true;
  }
  return false;
}

/** How long a write keeps retrying while other processes hold SQLite's write lock (each try waits busy_timeout). */
export const BUSY_RETRY_MS = 120_000;

/**
 * Runs a whole transaction again while SQLite says busy: a long reconcile in another process can hold the write
 * lock past busy_timeout. The transaction rolled back, so running it again is safe. Waits asynchronously.
 */
export async function retryBusy<T>(run: () => Promise<T>, budgetMs = BUSY_RETRY_MS): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let tries = 1; ; tries++) {
    try {
      return await run();
    } catch (err) {
      if (!isBusy(err) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, Math.min(1000, 20 * tries) * (0.5 + Math.random())));
    }
  }
}
