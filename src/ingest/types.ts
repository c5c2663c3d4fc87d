// Shared types of the readers. Readers never throw for bad input: they yield an error item and go on,
// so one broken file or record cannot stop an ingest run.
import type { ArticleInput } from "../store/types.ts";
import type { UrlGuardOptions } from "./guard.ts";

export type { ArticleInput };

/** `warning`: read, but not as cleanly as it should be (damaged bytes replaced, a charset guessed). */
export type ReadItem =
  { ok: true; article: ArticleInput; warning?: string } | { ok: false; origin: string; error: string };

/** URL fetches go through the guard (./guard.ts): allowPrivateUrls is the operator's --allow-private-urls. */
export interface ReadOptions extends UrlGuardOptions {
  /** Largest single document (HTML page, text file, fetched body, WARC record) read into memory. Default 20 MB. */
  maxBytes?: number;
  /** Decompressed bytes one WARC file may hold (default MAX_WARC_FILE_BYTES, 16 GiB). */
  maxFileBytes?: number;
  /** Timeout for one URL fetch, headers and body together. Default 30 s. */
  timeoutMs?: number;
  /** User-Agent header for fetches. */
  userAgent?: string;
  /** Called for inputs that are passed over on purpose (binary files inside folders, non-HTML WARC records). */
  onSkip?: (origin: string, reason: string) => void;
  /** Cleans an HTML page into an article in place of htmlToArticle on this thread (the server's worker: offthread.ts). */
  readHtml?: HtmlReadFn;
}

export type HtmlReadFn = (
  html: string,
  ctx: { origin: string; url?: string | null },
) => Promise<ArticleInput>;

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;

/** What sniffing the first bytes found ("xml" is XML that is not a feed, e.g. a sitemap). */
export type SourceKind = "warc" | "feed" | "html" | "jsonl" | "text" | "binary" | "xml" | "empty";

export function ok(article: ArticleInput, warning?: string): ReadItem {
  return warning ? { ok: true, article, warning } : { ok: true, article };
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
