// What each task does. Backend-independent: the backends call these with the payload and a context.
// Every handler is idempotent: fetch enqueues ingest jobs keyed by content hash, ingest relies on saveArticle's
// dedupe by content hash (a unique constraint), and reconcile skips articles already reconciled (it runs in one
// transaction under the reconciler's own lock: a PostgreSQL advisory lock, SQLite's write lock).
import { extract, EXTRACTOR_VERSION } from "../extract/index.ts";
import type { Gazetteer } from "../extract/index.ts";
import { readSources } from "../ingest/index.ts";
import { contentHash } from "../store/index.ts";
import type { ArticleInput, Store } from "../store/index.ts";
import { reconcilePending } from "../reconcile/store.ts";
import { RECONCILE_DEBOUNCE_MS, RECONCILE_KEY } from "./types.ts";
import type { Handlers, JobContext, JobSpec } from "./types.ts";

export function ingestJob(article: ArticleInput, maxAttempts?: number): JobSpec {
  return {
    task: "ingest",
    payload: { article },
    // The same text enqueued twice while the first is still waiting becomes one job.
    key: `ingest:${contentHash(article.text)}`,
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
  };
}

/** A feed item to be stored from its page (the item's `url`); see the `article` handler. */
export function articleJob(item: ArticleInput & { url: string }, opts: { timeoutMs?: number; maxBytes?: number } = {}): JobSpec {
  return { task: "article", payload: { url: item.url, item, ...opts }, key: `article:${item.url}` };
}

/** Attempts after which an article job stops waiting for its page and stores the feed item's own text. */
export const ARTICLE_FALLBACK_ATTEMPT = 3;

/** A page answer that a retry will not change: the page is gone, forbidden, or not an article. */
const PERMANENT = /\bHTTP 4\d\d\b|unsupported|not an article|too large|no text|refused to fetch/i;

export function fetchJob(url: string, opts: { timeoutMs?: number; maxBytes?: number } = {}): JobSpec {
  return { task: "fetch", payload: { url, ...opts }, key: `fetch:${url}` };
}

export function reconcileJob(debounceMs = RECONCILE_DEBOUNCE_MS): JobSpec {
  return { task: "reconcile", payload: {}, key: RECONCILE_KEY, runAt: new Date(Date.now() + debounceMs), maxAttempts: 10 };
}

export interface HandlerDeps {
  store: Store;
  /** Resolved lazily: a worker that only fetches never loads it. Undefined: places are not resolved. */
  gazetteer?: () => Gazetteer | undefined;
  /** Whether ingest jobs request a reconcile (default true). */
  reconcile?: boolean;
  reconcileDebounceMs?: number;
  /**
   * Let fetch and article jobs reach loopback, private and link-local addresses (`toll worker --allow-private-urls`).
   * Default false: a feed's links are chosen by whoever writes the feed, and must not reach this network.
   */
  allowPrivateUrls?: boolean;
}

export function makeHandlers(deps: HandlerDeps): Handlers {
  const wantReconcile = deps.reconcile ?? true;
  const ingest = async (article: ArticleInput, ctx: JobContext): Promise<void> => {
    const result = extract(article.text, {
      published: article.published,
      title: article.title,
      outlet: article.outlet,
      url: article.url,
      gazetteer: deps.gazetteer?.(),
    });
    await deps.store.saveArticle(article, result, EXTRACTOR_VERSION);
    // Requested even for a duplicate: this may be the re-run of a job whose worker died after storing the article
    // but before requesting the reconcile. The job key makes the requests of a burst one job.
    if (wantReconcile) await ctx.enqueue([reconcileJob(deps.reconcileDebounceMs)]);
  };
  return {
    async fetch(payload, ctx) {
      const jobs: JobSpec[] = [];
      const errors: string[] = [];
      for await (const item of readSources([payload.url], {
        ...(payload.timeoutMs !== undefined ? { timeoutMs: payload.timeoutMs } : {}),
        ...(payload.maxBytes !== undefined ? { maxBytes: payload.maxBytes } : {}),
        allowPrivateUrls: deps.allowPrivateUrls ?? false,
      })) {
        if (item.ok) jobs.push(ingestJob(item.article));
        else errors.push(`${item.origin}: ${item.error}`);
      }
      // Nothing read at all (network down, HTTP 5xx, garbage): fail so the job is retried with backoff. A feed with
      // some broken items still enqueues the good ones; the broken ones are logged, retrying would not mend them.
      if (jobs.length === 0 && errors.length > 0) throw new Error(errors.slice(0, 3).join("; "));
      for (const e of errors) ctx.log(`fetch ${payload.url}: ${e}`);
      await ctx.enqueue(jobs);
    },
    async article(payload, ctx) {
      // A feed item usually carries a summary; the page carries the article. The page's text and metadata win,
      // the item fills what the page lacks (a date, a title) and keeps its id. A page that cannot be had is
      // retried while the failure may pass; then, or at once for a page that is gone, the item's text is stored.
      const item = payload.item;
      let page: ArticleInput | null = null;
      const errors: string[] = [];
      for await (const r of readSources([payload.url], {
        ...(payload.timeoutMs !== undefined ? { timeoutMs: payload.timeoutMs } : {}),
        ...(payload.maxBytes !== undefined ? { maxBytes: payload.maxBytes } : {}),
        allowPrivateUrls: deps.allowPrivateUrls ?? false,
      })) {
        if (r.ok && page === null && r.article.text.trim().length > 0) page = r.article;
        else if (!r.ok) errors.push(r.error);
      }
      if (page && page.text.length >= item.text.length) {
        await ingest(
          {
            ...page,
            external_id: item.external_id ?? page.external_id ?? null,
            title: page.title ?? item.title,
            published: page.published ?? item.published,
            outlet: page.outlet ?? item.outlet,
            url: item.url ?? page.url,
            meta: { ...(item.meta ?? {}), ...(page.meta ?? {}), feed_item: item.origin },
          },
          ctx,
        );
        return;
      }
      const why = page ? "the page has less text than the feed item" : (errors[0] ?? "no article on the page");
      if (!page && !PERMANENT.test(why) && ctx.attempt < ARTICLE_FALLBACK_ATTEMPT) throw new Error(`${payload.url}: ${why}`);
      ctx.log(`article ${payload.url}: ${why}; storing the feed item's text`);
      await ingest(item, ctx);
    },
    async ingest(payload, ctx) {
      await ingest(payload.article, ctx);
    },
    async reconcile(_payload, ctx) {
      // Batches of pending articles in id order; each batch is one locked transaction, so a worker killed here
      // loses at most its current batch, which the retry (or any later reconcile) picks up again.
      const r = await reconcilePending(deps.store);
      if (r.articles > 0) ctx.log(`reconciled ${r.articles} articles (${r.claims} claims, ${r.changes} changes)`);
    },
  };
}
