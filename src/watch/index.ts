// The feed watcher: polls RSS/Atom feeds and enqueues a job for each item it has not seen before: an `article`
// job that stores the item's page (feeds mostly carry a summary; the worker falls back to the item's own text when
// the page cannot be had), or, with `feedText`, an `ingest` job of the item's text.
//
// - Conditional GET: the feed's ETag and Last-Modified are kept and sent back (If-None-Match / If-Modified-Since),
//   so an unchanged feed costs one 304.
// - Seen items are kept per feed (guid, else link, else a hash of the text), so a feed that re-lists old items
//   enqueues nothing; items are enqueued before they are marked seen, so a watcher that dies in between enqueues
//   them again on its next poll, which is harmless (ingest jobs are keyed by content hash and the store dedupes).
// - Nothing a feed does stops the watcher: a timeout, an HTTP error, a body that is not a feed are recorded on the
//   feed (last_error) and the next feed, and the next poll, go on. Validators are only kept from a good response, so
//   a garbage answer is fetched in full again next time.
import { decodeBytes, readFeed } from "../ingest/index.ts";
import { BlockedAddressError, guardedGet } from "../ingest/net.ts";
import type { GuardedResponse } from "../ingest/net.ts";
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from "../ingest/index.ts";
import { articleJob, ingestJob } from "../queue/jobs.ts";
import type { FeedState, QueueBackend } from "../queue/types.ts";
import { contentHash } from "../store/index.ts";
import type { ArticleInput } from "../store/index.ts";

export interface PollOptions {
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
  /** Store the feed item's own text instead of fetching its page. Default false. */
  feedText?: boolean;
  /** Fetch feeds on loopback, private and link-local addresses too (--allow-private-urls). Default false. */
  allowPrivateUrls?: boolean;
}

export interface PollResult {
  url: string;
  status: "new" | "unchanged" | "not-modified" | "error";
  /** Items in the feed this time (0 for 304 and errors). */
  items: number;
  /** Items enqueued (not seen before). */
  enqueued: number;
  /** Items the feed carried that could not be read (a broken item among good ones). */
  broken: number;
  error: string | null;
}

export function itemKey(a: ArticleInput): string {
  if (a.external_id) return `id:${a.external_id}`;
  if (a.url) return `url:${a.url}`;
  return `hash:${contentHash(a.text)}`;
}

interface Fetched {
  status: number;
  body: Uint8Array;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
}

async function conditionalGet(url: string, state: FeedState | null, opts: PollOptions): Promise<Fetched> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const headers: Record<string, string> = {
    "user-agent": opts.userAgent ?? "toll-watch/0.1 (+casualty claims from the news)",
    accept: "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5",
  };
  if (state?.etag) headers["if-none-match"] = state.etag;
  if (state?.last_modified) headers["if-modified-since"] = state.last_modified;
  // One deadline over headers and body: a server that sends headers and then stalls is a timeout too.
  const signal = AbortSignal.timeout(timeoutMs);
  let res: GuardedResponse;
  try {
    // Loopback, private and link-local addresses are refused (at every redirect too) unless the operator allows them.
    res = await guardedGet(url, { headers, signal, allowPrivate: opts.allowPrivateUrls ?? false });
  } catch (err) {
    if (err instanceof BlockedAddressError) throw err;
    throw new Error(signal.aborted ? `timed out after ${timeoutMs / 1000} s` : describe(err, timeoutMs), { cause: err });
  }
  if (res.status === 304) {
    res.cancel();
    return { status: 304, body: new Uint8Array(), contentType: null, etag: state?.etag ?? null, lastModified: state?.last_modified ?? null };
  }
  if (res.status < 200 || res.status > 299) {
    res.cancel();
    throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const value of res.body as AsyncIterable<Buffer>) {
      total += value.byteLength;
      if (total > maxBytes) throw new Error(`feed too large (more than ${Math.round(maxBytes / 1e6)} MB)`);
      chunks.push(value);
    }
  } catch (err) {
    res.cancel();
    if (err instanceof Error && err.message.startsWith("feed too large")) throw err;
    throw new Error(`reading the feed failed: ${signal.aborted ? `timed out after ${timeoutMs / 1000} s` : describe(err, timeoutMs)}`, { cause: err });
  }
  return {
    status: res.status,
    body: Buffer.concat(chunks, total),
    contentType: res.header("content-type"),
    etag: res.header("etag"),
    lastModified: res.header("last-modified"),
  };
}

function describe(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) return `timed out after ${timeoutMs / 1000} s`;
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
  return `${err instanceof Error ? err.message : String(err)}${cause}`;
}

/** One poll of one feed. Never throws for anything the feed does; the outcome is recorded on the feed. */
export async function pollFeed(queue: QueueBackend, url: string, opts: PollOptions = {}): Promise<PollResult> {
  const state = await queue.feedState(url);
  const checked_at = new Date().toISOString();
  const result: PollResult = { url, status: "error", items: 0, enqueued: 0, broken: 0, error: null };
  try {
    const got = await conditionalGet(url, state, opts);
    if (got.status === 304) {
      await queue.saveFeedState({ url, etag: state?.etag ?? null, last_modified: state?.last_modified ?? null, checked_at, last_error: null });
      result.status = "not-modified";
      return result;
    }
    const xml = decodeBytes(got.body, { contentType: got.contentType, flavour: "xml" }).text;
    const articles: ArticleInput[] = [];
    let firstError: string | null = null;
    for await (const item of readFeed(xml, { origin: url, url })) {
      if (item.ok) articles.push(item.article);
      else {
        result.broken++;
        firstError ??= item.error;
      }
    }
    if (articles.length === 0 && result.broken > 0) throw new Error(`not a readable feed: ${firstError ?? "no items"}`);
    result.items = articles.length;
    const byKey = new Map<string, ArticleInput>();
    for (const a of articles) if (!byKey.has(itemKey(a))) byKey.set(itemKey(a), a);
    const fresh = await queue.unseen(url, [...byKey.keys()]);
    if (fresh.length > 0) {
      const jobFor = (a: ArticleInput) =>
        !opts.feedText && a.url && /^https?:\/\//i.test(a.url)
          ? articleJob({ ...a, url: a.url }, { ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}), ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}) })
          : ingestJob(a);
      result.enqueued = await queue.enqueue(fresh.map((k) => jobFor(byKey.get(k) as ArticleInput)));
      await queue.markSeen(url, fresh);
    }
    await queue.saveFeedState({ url, etag: got.etag, last_modified: got.lastModified, checked_at, last_error: null });
    result.status = fresh.length > 0 ? "new" : "unchanged";
    return result;
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
    // Keep the old validators: the next poll may still get a 304 for the last good version.
    await queue
      .saveFeedState({ url, etag: state?.etag ?? null, last_modified: state?.last_modified ?? null, checked_at, last_error: result.error })
      .catch(() => {});
    return result;
  }
}

export interface WatchOptions extends PollOptions {
  /** Time between the starts of two polls of the same feed. */
  everyMs: number;
  /** Poll each feed once and return. */
  once?: boolean;
  signal?: AbortSignal;
  onPoll?: (r: PollResult) => void;
}

/** Polls every feed every `everyMs` until the signal aborts (or once). Feeds are polled one after another. */
export async function watchFeeds(queue: QueueBackend, urls: readonly string[], opts: WatchOptions): Promise<void> {
  for (;;) {
    const started = Date.now();
    for (const url of urls) {
      if (opts.signal?.aborted) return;
      opts.onPoll?.(await pollFeed(queue, url, opts));
    }
    if (opts.once || opts.signal?.aborted) return;
    const wait = Math.max(0, opts.everyMs - (Date.now() - started));
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, wait);
      opts.signal?.addEventListener(
        "abort",
        () => {
          clearTimeout(t);
          resolve();
        },
        { once: true },
      );
    });
  }
}
