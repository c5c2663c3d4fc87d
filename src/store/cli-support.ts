// Small helpers shared by the store's CLI commands (claims, articles, export, stats), kept here because the
// command files must stay one per command.
import { InvalidArgumentError, Option } from "commander";
import type { Writable } from "node:stream";
import { openStore } from "./index.ts";
import { writeChunks } from "./export.ts";
import type { Store } from "./types.ts";

/** Where a command writes; tests pass their own streams. */
export interface Io {
  out: Writable;
  err: Writable;
}

export const defaultIo = (): Io => ({ out: process.stdout, err: process.stderr });

export function dbOption(): Option {
  return new Option(
    "--db <path|url>",
    "SQLite file or postgres:// URL (default: $TOLL_DATABASE_URL, else ./toll.db)",
  );
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  }
  return n;
}

export function parseDate(value: string): string {
  if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(value.trim())) {
    throw new InvalidArgumentError(`expected YYYY, YYYY-MM or YYYY-MM-DD, got "${value}"`);
  }
  return value.trim();
}

/** Opens the store, runs, and always closes it (a pg pool left open would keep the process alive). */
export async function withStore<T>(db: string | undefined, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/**
 * Streams text to the output. A reader that stops early (`toll export | head`) closes the pipe; that is not an
 * error worth a message, so EPIPE ends the output quietly.
 */
export async function writeOut(io: Io, chunks: AsyncIterable<string> | string): Promise<void> {
  const source =
    typeof chunks === "string"
      ? (async function* () {
          yield chunks;
        })()
      : chunks;
  try {
    await writeChunks(source, io.out, false);
  } catch (err) {
    if ((err as { code?: unknown }).code === "EPIPE") return;
    throw err;
  }
}
