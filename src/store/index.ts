// Opening a store: the target picks the backend. postgres:// or postgresql:// → PostgreSQL; anything else is a
// SQLite file path. Nothing given → $TOLL_DATABASE_URL, else ./toll.db. Migrations run on open.
import { createPostgresBackend } from "./postgres/index.ts";
import { createSqliteBackend } from "./sqlite/index.ts";
import { StoreError } from "./errors.ts";
import { KyselyStore } from "./store.ts";
import type { Store } from "./types.ts";

export type * from "./types.ts";
export { StoreError } from "./errors.ts";
export { KyselyStore, contentHash, normaliseText } from "./store.ts";

export const DEFAULT_SQLITE_PATH = "toll.db";

export function resolveTarget(target?: string): string {
  const t = target?.trim() || process.env["TOLL_DATABASE_URL"]?.trim() || DEFAULT_SQLITE_PATH;
  return t;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(target);
}

export async function openStore(target?: string): Promise<Store> {
  const resolved = resolveTarget(target);
  if (isPostgresUrl(resolved)) return KyselyStore.open(createPostgresBackend(resolved));
  let backend;
  try {
    backend = createSqliteBackend(resolved);
  } catch (err) {
    // better-sqlite3 throws here for a missing directory or an unreadable file.
    throw new StoreError("open", `SQLite file ${resolved}`, err);
  }
  return KyselyStore.open(backend);
}
