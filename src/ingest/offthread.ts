// HTML cleaning off the caller's thread, with a time budget: the server reads uploaded and fetched pages here, so a
// hostile page costs a worker thread's time, never the event loop that answers every other request. Pages are
// read one at a time by one worker; a page over its budget is abandoned (the worker is ended and a fresh one
// started for the next page) with an error that says so.
import { Worker } from "node:worker_threads";
import type { ArticleInput } from "../store/types.ts";
import type { HtmlContext } from "./html.ts";
import type { HtmlJob } from "./html-worker.ts";

/** Time one page may take to clean. The depth and size guards of html.ts keep real pages far below it. */
export const HTML_BUDGET_MS = 15_000;

type Reply = { id: number; article: ArticleInput } | { id: number; error: string };

interface Pending {
  job: HtmlJob;
  budgetMs: number;
  resolve: (a: ArticleInput) => void;
  reject: (e: Error) => void;
}

function spawnWorker(): Worker {
  // From the bundle (dist/), the worker is dist/html-worker.js; from the sources, html-worker.ts run through tsx,
  // whose loader a worker does not inherit from a process that registered it at run time (bin/toll.js).
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("./html-worker.js", here));
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./html-worker.ts", here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true });
}

export class HtmlReader {
  private worker: Worker | null = null;
  private queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;

  constructor(private readonly budgetMs = HTML_BUDGET_MS) {}

  /** The page as an article, cleaned on the worker thread; rejects with the page's error or when over budget. */
  read(html: string, ctx: HtmlContext, budgetMs = this.budgetMs): Promise<ArticleInput> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, html, ctx }, budgetMs, resolve, reject });
      this.pump();
    });
  }

  /** Ends the worker (pending pages are rejected). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.finish(new Error("HTML reader closed"));
    for (const p of this.queue.splice(0)) p.reject(new Error("HTML reader closed"));
    if (w) await w.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = spawnWorker();
    w.on("message", (r: Reply) => {
      if (!this.current || r.id !== this.current.job.id) return;
      if ("article" in r) this.finish(null, r.article);
      else this.finish(new Error(r.error));
    });
    // Only the worker in use can fail the page in hand: one ended for its budget has no page any more.
    w.on("error", (err) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.finish(new Error(`HTML reader failed: ${err.message}`));
    });
    w.on("exit", () => {
      if (this.worker !== w) return;
      this.worker = null;
      this.finish(new Error("HTML reader stopped"));
    });
    this.worker = w;
    return w;
  }

  private pump(): void {
    if (this.current) return;
    const next = this.queue.shift();
    if (!next) {
      this.worker?.unref();
      return;
    }
    this.current = next;
    const w = this.ensureWorker();
    w.ref();
    this.timer = setTimeout(() => {
      const seconds = Math.round(next.budgetMs / 100) / 10;
      // The worker is busy with the page for as long as it takes: end it, the next page gets a fresh one.
      this.worker = null;
      void w.terminate();
      this.finish(new Error(`page not read: cleaning it took longer than ${seconds} s`));
    }, next.budgetMs);
    w.postMessage(next.job);
  }

  private finish(err: Error | null, article?: ArticleInput): void {
    const p = this.current;
    if (!p) return;
    this.current = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (err) p.reject(err);
    else p.resolve(article!);
    this.pump();
  }
}

let shared: HtmlReader | null = null;

/** One reader for the whole process (the server's): its worker starts on the first page and idles unreferenced. */
export function readHtmlOffThread(html: string, ctx: HtmlContext): Promise<ArticleInput> {
  shared ??= new HtmlReader();
  return shared.read(html, ctx);
}
