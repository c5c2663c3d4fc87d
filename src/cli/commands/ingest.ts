// `toll ingest PATH|URL…`: read articles (src/ingest), extract claims (src/extract), store both (src/store).
// One bad file, record or article never stops the run: it gets one stderr line and the exit status becomes 1.
import cliProgress from "cli-progress";
import { InvalidArgumentError, Option } from "commander";
import type { Command } from "commander";
import type { Writable } from "node:stream";
import { extract, EXTRACTOR_VERSION } from "../../extract/index.ts";
import type { Gazetteer } from "../../extract/index.ts";
import { loadGazetteer } from "../../gazetteer/index.ts";
import { readSources } from "../../ingest/index.ts";
import type { ReadItem } from "../../ingest/index.ts";
import { openStore } from "../../store/index.ts";
import type { Store } from "../../store/index.ts";
import { reconcileArticles, reconcilePending } from "../../reconcile/store.ts";
import { openQueue } from "../../queue/index.ts";
import { enqueueSources } from "../../queue/enqueue.ts";

export interface IngestIo {
  out: Writable;
  err: Writable;
  /** Draw a redrawing progress bar (stderr is a terminal) rather than periodic plain lines. */
  isTTY: boolean;
}

export interface IngestOptions {
  db?: string;
  /** Load the gazetteer and pass it to the extractor (default true). */
  gazetteer?: boolean;
  maxMb?: number;
  timeout?: number;
  json?: boolean;
  quiet?: boolean;
  /** Plain progress line interval when not on a terminal. */
  progressIntervalMs?: number;
  /** Reconcile each stored article into incidents as it lands (default true; `toll reconcile` catches up later). */
  reconcile?: boolean;
  /** Enqueue jobs for `toll worker` instead of ingesting here (see src/queue). */
  queue?: boolean;
  /** Fetch URLs on loopback, private and link-local addresses too (--allow-private-urls). Default false. */
  allowPrivateUrls?: boolean;
  /** Say network failures of URLs one way (the server: its errors go to API clients). */
  opaqueNetworkErrors?: boolean;
}

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

export interface IngestDeps {
  openStore?: (target?: string) => Promise<Store>;
  loadGazetteer?: () => Gazetteer;
}

function defaultIo(): IngestIo {
  return { out: process.stdout, err: process.stderr, isTTY: Boolean(process.stderr.isTTY) };
}

function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number, got "${value}"`);
  return n;
}

function rate(done: number, seconds: number): string {
  return seconds > 0 ? (done / seconds).toFixed(1) : "0.0";
}

interface Progress {
  update(s: IngestSummary, current: string): void;
  log(line: string): void;
  stop(): void;
}

function barProgress(io: IngestIo): Progress {
  const multi = new cliProgress.MultiBar(
    {
      stream: io.err as unknown as NodeJS.WritableStream,
      format: "ingest | {read} articles | {claims} claims | {errors} errors | {rate} articles/s | {current}",
      hideCursor: true,
      // Keep wrapping on: with it off (the default) error lines logged above the bar are cut at the terminal width.
      linewrap: true,
      clearOnComplete: false,
      stopOnComplete: false,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  // The total is unknown while streaming, so the format shows counters only, no bar.
  const bar = multi.create(0, 0, { read: 0, claims: 0, errors: 0, rate: "0.0", current: "" });
  return {
    update: (s, current) => {
      // The bar line must fit the terminal (a wrapped line breaks the redraw), so the origin gets what is left.
      const r = rate(s.read, s.seconds);
      const fixed = `ingest | ${s.read} articles | ${s.claims} claims | ${s.errors} errors | ${r} articles/s | `.length;
      const room = ((io.err as { columns?: number }).columns ?? 80) - fixed - 1;
      bar.update({ ...s, rate: r, current: room >= 12 ? current.slice(-room) : "" });
    },
    log: (line) => multi.log(`${line}\n`),
    stop: () => {
      // MultiBar prints logged lines only on its next redraw, and stop() does not redraw: flush them first.
      multi.update();
      multi.stop();
    },
  };
}

function lineProgress(io: IngestIo, intervalMs: number): Progress {
  let last = Date.now();
  return {
    update: (s) => {
      const now = Date.now();
      if (now - last < intervalMs) return;
      last = now;
      io.err.write(`ingest: ${s.read} articles, ${s.claims} claims, ${s.errors} errors, ${rate(s.read, s.seconds)} articles/s\n`);
    },
    log: (line) => io.err.write(`${line}\n`),
    stop: () => undefined,
  };
}

function quietProgress(io: IngestIo): Progress {
  return { update: () => undefined, log: (line) => io.err.write(`${line}\n`), stop: () => undefined };
}

export function formatSummary(s: IngestSummary): string {
  return (
    `read ${s.read} articles from ${s.inputs} input${s.inputs === 1 ? "" : "s"}: ${s.inserted} inserted, ` +
    `${s.duplicates} duplicates, ${s.revisions} revisions, ${s.claims} claims, ${s.errors} errors ` +
    `(${s.seconds.toFixed(1)} s, ${rate(s.read, s.seconds)} articles/s)\n`
  );
}

export async function runIngest(inputs: string[], opts: IngestOptions = {}, io: IngestIo = defaultIo(), deps: IngestDeps = {}): Promise<IngestSummary> {
  if (opts.queue) return runEnqueue(inputs, opts, io);
  const started = performance.now();
  const summary: IngestSummary = { inputs: inputs.length, read: 0, inserted: 0, duplicates: 0, revisions: 0, claims: 0, errors: 0, seconds: 0 };
  const store = await (deps.openStore ?? openStore)(opts.db);
  const progress = opts.quiet ? quietProgress(io) : io.isTTY ? barProgress(io) : lineProgress(io, opts.progressIntervalMs ?? 5000);
  const fail = (origin: string, message: string): void => {
    summary.errors++;
    progress.log(`error: ${origin}: ${message}`);
  };

  // Loaded on the first article, so a run that reads nothing does not pay for it.
  let gazetteer: Gazetteer | undefined;
  let gazetteerTried = opts.gazetteer === false;
  const getGazetteer = (): Gazetteer | undefined => {
    if (!gazetteerTried) {
      gazetteerTried = true;
      try {
        gazetteer = (deps.loadGazetteer ?? loadGazetteer)();
      } catch (err) {
        progress.log(`warning: gazetteer not loaded, places will not be resolved: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return gazetteer;
  };

  try {
    const items: AsyncIterable<ReadItem> = readSources(inputs, {
      maxBytes: opts.maxMb !== undefined ? Math.round(opts.maxMb * 1024 * 1024) : undefined,
      timeoutMs: opts.timeout !== undefined ? Math.round(opts.timeout * 1000) : undefined,
      allowPrivateUrls: opts.allowPrivateUrls ?? false,
      opaqueNetworkErrors: opts.opaqueNetworkErrors ?? false,
    });
    for await (const item of items) {
      summary.seconds = (performance.now() - started) / 1000;
      if (!item.ok) {
        fail(item.origin, item.error);
        progress.update(summary, item.origin);
        continue;
      }
      const article = item.article;
      summary.read++;
      let result: ReturnType<typeof extract>;
      try {
        result = extract(article.text, {
          published: article.published,
          title: article.title,
          outlet: article.outlet,
          url: article.url,
          gazetteer: getGazetteer(),
        });
      } catch (err) {
        fail(article.origin, `extraction failed: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      try {
        const saved = await store.saveArticle(article, result, EXTRACTOR_VERSION);
        if (saved.outcome === "inserted") summary.inserted++;
        else if (saved.outcome === "duplicate") summary.duplicates++;
        else summary.revisions++;
        if (saved.outcome !== "duplicate") summary.claims += saved.claims;
        // Incremental: only the incidents this article could belong to are loaded and written back (one locked
        // transaction). A failure leaves the article stored and pending, so `toll reconcile` picks it up.
        if (saved.outcome !== "duplicate" && opts.reconcile !== false) {
          try {
            await reconcileArticles(store, [saved.article_id]);
          } catch (err) {
            fail(article.origin, `stored but not reconciled (run toll reconcile): ${err instanceof Error ? err.message : String(err)}`);
          }
        }
      } catch (err) {
        fail(article.origin, `not stored: ${err instanceof Error ? err.message : String(err)}`);
      }
      summary.seconds = (performance.now() - started) / 1000;
      progress.update(summary, article.origin);
    }
    if (opts.reconcile !== false) {
      // A run killed after storing an article and before reconciling it leaves the article stored; the rerun sees
      // a duplicate and would skip it. recon_articles marks what was reconciled: whatever is not there is done now.
      try {
        const r = await reconcilePending(store);
        summary.reconciled = r.articles;
        if (r.articles > 0) progress.log(`reconciled ${r.articles} stored article${r.articles === 1 ? "" : "s"} that an earlier run left unreconciled`);
      } catch (err) {
        fail("reconcile", `articles left unreconciled by an earlier run are still pending (run toll reconcile): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    summary.seconds = (performance.now() - started) / 1000;
    progress.update(summary, "done");
    progress.stop();
    await store.close();
  }
  io.out.write(opts.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
  return summary;
}

/** `toll ingest --queue`: articles and URLs become jobs (src/queue/enqueue.ts); workers extract and store them. */
async function runEnqueue(inputs: string[], opts: IngestOptions, io: IngestIo): Promise<IngestSummary> {
  const started = performance.now();
  const summary: IngestSummary = { inputs: inputs.length, read: 0, inserted: 0, duplicates: 0, revisions: 0, claims: 0, errors: 0, seconds: 0, enqueued: 0 };
  const queue = await openQueue(opts.db);
  try {
    const s = await enqueueSources(queue, inputs, {
      ...(opts.maxMb !== undefined ? { maxBytes: Math.round(opts.maxMb * 1024 * 1024) } : {}),
      ...(opts.timeout !== undefined ? { timeoutMs: Math.round(opts.timeout * 1000) } : {}),
      onError: (origin, message) => io.err.write(`error: ${origin}: ${message}\n`),
    });
    Object.assign(summary, { read: s.read, errors: s.errors, enqueued: s.enqueued });
  } finally {
    await queue.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  io.out.write(
    opts.json
      ? `${JSON.stringify(summary)}\n`
      : `enqueued ${summary.enqueued} jobs (${summary.read} articles read, ${inputs.filter((i) => /^https?:\/\//i.test(i)).length} URLs to fetch) on ${queue.kind === "postgres" ? "PostgreSQL" : "SQLite"} ${queue.location}, ${summary.errors} errors (${summary.seconds.toFixed(1)} s); run \`toll worker\` to process them\n`,
  );
  return summary;
}

export function registerIngest(program: Command, io?: IngestIo, deps: IngestDeps = {}): void {
  program
    .command("ingest")
    .description(
      "Read articles from files, folders and URLs (HTML, text, RSS/Atom, WARC, JSON lines; kind detected from content), extract claims and store them.",
    )
    .argument("<inputs...>", "files, folders (read recursively) or http(s) URLs")
    .addOption(new Option("--db <path|url>", "SQLite file or postgres:// URL (default: $TOLL_DATABASE_URL, else ./toll.db)"))
    .addOption(new Option("--max-mb <n>", "largest single document read into memory, in MB").argParser(parsePositiveNumber).default(20))
    .addOption(new Option("--timeout <seconds>", "timeout for each URL fetch").argParser(parsePositiveNumber).default(30))
    .option("--no-gazetteer", "do not load the gazetteer (places are not resolved)")
    .option("--no-reconcile", "store only; reconcile into incidents later with toll reconcile")
    .option("--json", "print the summary as JSON")
    .option("-q, --quiet", "no progress output (errors are still printed)")
    .option("--queue", "enqueue jobs for `toll worker` instead of ingesting here")
    .option("--allow-private-urls", "let URL inputs reach loopback, private and link-local addresses (refused by default)")
    .action(async (inputs: string[], opts: IngestOptions) => {
      const summary = await runIngest(inputs, opts, io ?? defaultIo(), deps);
      if (summary.errors > 0) process.exitCode = 1;
    });
}
