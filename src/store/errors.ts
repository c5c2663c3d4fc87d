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
