// Shared types of the readers. Readers never throw for bad input: they yield an error item and go on,
// so one broken file or record cannot stop an ingest run.
import type { ArticleInput } from "../store/types.ts";

export type { ArticleInput };

export type ReadItem = { ok: true; article: ArticleInput } | { ok: false; origin: string; error: string };

export interface ReadOptions {
  /** Largest single document (HTML page, text file, fetched body, WARC record) read into memory. Default 20 MB. */
  maxBytes?: number;
  /** Timeout for one URL fetch, headers and body together. Default 30 s. */
  timeoutMs?: number;
  /** User-Agent header for fetches. */
  userAgent?: string;
  /** Fetch loopback, private and link-local addresses too (--allow-private-urls). Default false: refused. */
  allowPrivateUrls?: boolean;
  /** Network failures said one way, for errors an API client reads (see fetch.ts). */
  opaqueNetworkErrors?: boolean;
  /** Called for inputs that are passed over on purpose (binary files inside folders, non-HTML WARC records). */
  onSkip?: (origin: string, reason: string) => void;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;

/** What sniffing the first bytes found ("xml" is XML that is not a feed, e.g. a sitemap). */
export type SourceKind = "warc" | "feed" | "html" | "jsonl" | "text" | "binary" | "xml" | "empty";

export function ok(article: ArticleInput): ReadItem {
  return { ok: true, article };
}

export function fail(origin: string, error: string): ReadItem {
  return { ok: false, origin, error };
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function mb(bytes: number): string {
  const v = bytes / (1024 * 1024);
  return v >= 10 ? v.toFixed(0) : v.toFixed(1);
}
