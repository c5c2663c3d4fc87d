// The one read → extract → store → reconcile path. `toll ingest`, the server's ingest endpoint and the queue
// workers all go through here (src/cli only draws progress and prints the summary).
//
// Reading runs on this thread; extraction on the pool's threads (a window of texts in flight, results taken in
// reading order); storing in batches, one transaction per batch; reconciliation once per stored batch, one locked
// transaction. A batch that fails to store is retried one article at a time, so one bad article costs only itself.
import { extract, EXTRACTOR_VERSION } from "../extract/index.ts";
import type { ExtractResult, Gazetteer } from "../extract/index.ts";
import { sharedGazetteer } from "../gazetteer/index.ts";
import { readSources } from "../ingest/index.ts";
import type { HtmlReadFn } from "../ingest/index.ts";
import type { ReadItem } from "../ingest/index.ts";
import { reconcileArticles, reconcilePending } from "../reconcile/store.ts";
import type { ArticleInput, SaveResult, Store } from "../store/index.ts";
import { ExtractPool } from "./pool.ts";

export interface IngestSummary {
  inputs: number;
  /** Articles read (before storing). */
  read: number;
  inserted: number;
  duplicates: number;
  revisions: number;
  /** Claims stored by this run (inserted articles and new revisions; a duplicate's claims are already stored). */
  claims: number;
  /** Read errors plus articles that failed to extract or store. */
  errors: number;
  seconds: number;
  /** With --queue: jobs added (articles read here, URLs to fetch on a worker). */
  enqueued?: number;
  /**
   * Articles found stored but not reconciled (a run killed between storing and reconciling, or --no-reconcile)
   * that this run reconciled after its own.
   */
  reconciled?: number;
}

export interface IngestOptions {
  /** Resolve places with the gazetteer (default true). */
  gazetteer?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
  /** Reconcile each stored batch into incidents (default true; `toll reconcile` catches up later). */
  reconcile?: boolean;
  /** Extraction threads (default one per core; 0: on this thread). */
  threads?: number;
  /** Articles per store transaction and per reconciliation (default 100). */
  batch?: number;
  /** Fetch URLs on loopback, private and link-local addresses too (--allow-private-urls). Default false. */
  allowPrivateUrls?: boolean;
  /** How HTML pages are cleaned (the server passes its worker-thread reader so a hostile page cannot stall it). */
  readHtml?: HtmlReadFn;
  /** Gazetteer for in-thread extraction (tests); threads load their own. */
  loadGazetteer?: () => Gazetteer;
}

export interface IngestEvents {
  /** An input, record or article failed; the run goes on. */
  error?: (origin: string, message: string) => void;
  /** Not a failure, but worth saying (the gazetteer could not be loaded). */
  warning?: (message: string) => void;
  /** Worth a line, neither a failure nor a warning (pending articles of an earlier run reconciled). */
  note?: (message: string) => void;
  /** After each article read, extracted or stored: the running summary and the article's origin. */
  progress?: (summary: IngestSummary, current: string) => void;
}

/** How an article's fields reach the extractor: the same for every caller. */
export function extractOptionsOf(article: ArticleInput): {
  published: string | null;
  title: string | null;
  outlet: string | null;
  url: string | null;
} {
  return {
    published: article.published ?? null,
    title: article.title ?? null,
    outlet: article.outlet ?? null,
    url: article.url ?? null,
  };
}

/** One article through extract → store on this thread (a queue job's unit of work); reconciling is the caller's. */
export async function extractAndStore(
  store: Store,
  article: ArticleInput,
  gazetteer?: Gazetteer,
): Promise<SaveResult> {
  const result = extract(article.text, { ...extractOptionsOf(article), gazetteer });
  return store.saveArticle(article, result, EXTRACTOR_VERSION);
}

interface Extracted {
  article: ArticleInput;
  result: ExtractResult;
}

export function emptySummary(inputs: number): IngestSummary {
  return { inputs, read: 0, inserted: 0, duplicates: 0, revisions: 0, claims: 0, errors: 0, seconds: 0 };
}

/** Reads `inputs` (files, folders, URLs) into `store`. The store stays open: the caller owns it. */
export async function ingestSources(
  store: Store,
  inputs: readonly string[],
  opts: IngestOptions = {},
  events: IngestEvents = {},
): Promise<IngestSummary> {
  const items = readSources(inputs, {
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    allowPrivateUrls: opts.allowPrivateUrls ?? false,
    ...(opts.readHtml ? { readHtml: opts.readHtml } : {}),
  });
  return ingestItems(store, items, inputs.length, opts, events);
}

/** The pipeline over already-read items (a reader, or articles handed over by a caller). */
export async function ingestItems(
  store: Store,
  items: AsyncIterable<ReadItem>,
  inputs: number,
  opts: IngestOptions = {},
  events: IngestEvents = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const summary = emptySummary(inputs);
  const tick = (): void => {
    summary.seconds = (performance.now() - started) / 1000;
  };
  const fail = (origin: string, message: string): void => {
    summary.errors++;
    events.error?.(origin, message);
  };
  const places = opts.gazetteer !== false;

  // Loaded on the first article extracted here, so a run that reads nothing does not pay for it.
  let gazetteer: Gazetteer | undefined;
  let gazetteerTried = !places;
  const inThreadGazetteer = (): Gazetteer | undefined => {
    if (!gazetteerTried) {
      gazetteerTried = true;
      try {
        gazetteer = (opts.loadGazetteer ?? sharedGazetteer)();
      } catch (err) {
        events.warning?.(
          `gazetteer not loaded, places will not be resolved: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    return gazetteer;
  };
  const pool = new ExtractPool({
    threads: opts.threads,
    places,
    gazetteer: inThreadGazetteer,
    onWarning: (m) => events.warning?.(m),
  });
  const batchSize = Math.max(1, Math.floor(opts.batch ?? 100));
  // Enough texts in flight to keep every thread busy while this thread stores a batch.
  const window = Math.max(4, pool.threads * 8);

  type Settled = { article: ArticleInput; result: ExtractResult } | { article: ArticleInput; error: string };
  const inflight: Array<{ settled: Promise<Settled>; done: boolean }> = [];
  let batch: Extracted[] = [];
  let lastFlush = performance.now();

  const store1 = async (
    items: readonly Extracted[],
  ): Promise<Array<{ item: Extracted; saved: SaveResult }>> => {
    try {
      const saved = await store.saveArticles(
        items.map((x) => ({ article: x.article, extraction: x.result, extractorVersion: EXTRACTOR_VERSION })),
      );
      return items.map((item, i) => ({ item, saved: saved[i]! }));
    } catch (err) {
      if (items.length === 1) {
        fail(items[0]!.article.origin, `not stored: ${err instanceof Error ? err.message : String(err)}`);
        return [];
      }
      // All or nothing failed: find the article at fault one at a time; the others are stored.
      const out: Array<{ item: Extracted; saved: SaveResult }> = [];
      for (const item of items) out.push(...(await store1([item])));
      return out;
    }
  };

  const flush = async (): Promise<void> => {
    lastFlush = performance.now();
    if (batch.length === 0) return;
    const todo = batch;
    batch = [];
    const stored = await store1(todo);
    const fresh: Array<{ item: Extracted; saved: SaveResult }> = [];
    for (const s of stored) {
      if (s.saved.outcome === "inserted") summary.inserted++;
      else if (s.saved.outcome === "duplicate") summary.duplicates++;
      else summary.revisions++;
      if (s.saved.outcome !== "duplicate") {
        summary.claims += s.saved.claims;
        fresh.push(s);
      }
    }
    // Incremental: only the incidents these articles could belong to are loaded and written back, in one locked
    // transaction. A failure leaves the articles stored and pending, so `toll reconcile` picks them up.
    if (fresh.length > 0 && opts.reconcile !== false) {
      try {
        // One after another inside the transaction: the same incidents as reconciling each article as it lands.
        await reconcileArticles(
          store,
          fresh.map((s) => s.saved.article_id),
          { oneByOne: true },
        );
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        for (const s of fresh)
          fail(s.item.article.origin, `stored but not reconciled (run toll reconcile): ${why}`);
      }
    }
    tick();
    events.progress?.(summary, todo[todo.length - 1]!.article.origin);
  };

  const takeOne = async (): Promise<void> => {
    const next = inflight.shift();
    if (!next) return;
    const s = await next.settled;
    tick();
    if ("error" in s) {
      fail(s.article.origin, `extraction failed: ${s.error}`);
      events.progress?.(summary, s.article.origin);
      return;
    }
    batch.push(s);
    if (batch.length >= batchSize) await flush();
  };

  try {
    for await (const item of items) {
      tick();
      if (!item.ok) {
        fail(item.origin, item.error);
        events.progress?.(summary, item.origin);
        continue;
      }
      const article = item.article;
      summary.read++;
      if (item.warning) events.warning?.(`${article.origin}: ${item.warning}`);
      const entry = { settled: null as unknown as Promise<Settled>, done: false };
      entry.settled = pool.extract(article.text, extractOptionsOf(article)).then(
        (result): Settled => ((entry.done = true), { article, result }),
        (err: unknown): Settled => (
          (entry.done = true),
          { article, error: err instanceof Error ? err.message : String(err) }
        ),
      );
      inflight.push(entry);
      while (inflight.length >= window || inflight[0]?.done) await takeOne();
      // A slow source (a feed, URLs) must not hold finished articles back for long: store what is done.
      if (performance.now() - lastFlush > 2000) await flush();
    }
    while (inflight.length > 0) await takeOne();
    await flush();
    if (opts.reconcile !== false) {
      // A run killed after storing an article and before reconciling it leaves the article stored; the rerun sees
      // a duplicate and would skip it. recon_articles marks what was reconciled: whatever is not there is done now.
      try {
        const r = await reconcilePending(store);
        summary.reconciled = r.articles;
        if (r.articles > 0)
          events.note?.(
            `reconciled ${r.articles} stored article${r.articles === 1 ? "" : "s"} that an earlier run left unreconciled`,
          );
      } catch (err) {
        fail(
          "reconcile",
          `articles left unreconciled by an earlier run are still pending (run toll reconcile): ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  } finally {
    await pool.close();
    tick();
  }
  return summary;
}
