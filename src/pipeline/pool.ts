// Extraction on every core: a pool of worker threads (node:worker_threads), each with its own extractor and
// gazetteer. Callers get one promise per text and may await them in any order; awaiting them in submission order
// keeps output order (extract --jsonl, ingest). With `threads: 0` the pool extracts on the calling thread, which is
// what one short document wants: starting a thread costs a second module load.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { extract } from "../extract/index.ts";
import type { ExtractOptions, ExtractResult, Gazetteer } from "../extract/index.ts";

/** Extraction options that cross the thread boundary (the gazetteer does not: each thread loads its own). */
export type PoolOptions = Omit<ExtractOptions, "gazetteer">;

export interface PoolRequest {
  seq: number;
  text: string;
  options: PoolOptions;
  places: boolean;
}

export type PoolReply =
  | { seq: number; ok: true; result: ExtractResult; warning?: string }
  | { seq: number; ok: false; message: string };

export interface ExtractPoolOptions {
  /** Worker threads; 0 extracts on the calling thread. Default: one per core. */
  threads?: number;
  /** Resolve places with the gazetteer (default true). */
  places?: boolean;
  /** The gazetteer for `threads: 0` (loaded lazily by the caller); threads load their own. */
  gazetteer?: () => Gazetteer | undefined;
  /** A thread could not load the gazetteer: said once. */
  onWarning?: (message: string) => void;
}

interface Pending {
  resolve: (r: ExtractResult) => void;
  reject: (e: Error) => void;
  request: PoolRequest;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** A thread running the worker's module: the bundled .js beside the chunk in dist/, or the .ts source through tsx. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./extract-worker.js", import.meta.url));
  // Node 20 threads do not inherit tsx's loader hooks (from --import or its API): register them in the thread first.
  const source = new URL("./extract-worker.ts", import.meta.url).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true });
}

export class ExtractPool {
  readonly threads: number;
  private readonly places: boolean;
  private readonly gazetteer: (() => Gazetteer | undefined) | undefined;
  private readonly onWarning: ((message: string) => void) | undefined;
  private readonly workers: Thread[] = [];
  private seq = 0;
  private warned = false;
  private closed = false;

  constructor(opts: ExtractPoolOptions = {}) {
    this.threads = Math.max(0, Math.floor(opts.threads ?? defaultThreads()));
    this.places = opts.places ?? true;
    this.gazetteer = opts.gazetteer;
    this.onWarning = opts.onWarning;
  }

  /** Texts waiting or being extracted. */
  get inFlight(): number {
    return this.workers.reduce((n, t) => n + t.pending.size, 0);
  }

  extract(text: string, options: PoolOptions = {}): Promise<ExtractResult> {
    if (this.closed) return Promise.reject(new Error("extraction pool is closed"));
    if (this.threads === 0) {
      try {
        return Promise.resolve(
          extract(text, { ...options, gazetteer: this.places ? this.gazetteer?.() : undefined }),
        );
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
    const request: PoolRequest = { seq: ++this.seq, text, options, places: this.places };
    return new Promise<ExtractResult>((resolve, reject) => {
      const thread = this.pick();
      thread.pending.set(request.seq, { resolve, reject, request });
      thread.worker.postMessage(request);
    });
  }

  /** Stops the threads; texts still waiting are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.workers.splice(0);
    for (const t of threads)
      for (const p of t.pending.values()) p.reject(new Error("extraction pool closed"));
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  /** The least busy thread; threads are started as work arrives, up to `threads`. */
  private pick(): Thread {
    let best: Thread | undefined;
    for (const t of this.workers) if (!best || t.pending.size < best.pending.size) best = t;
    if ((!best || best.pending.size > 0) && this.workers.length < this.threads) return this.spawn();
    return best ?? this.spawn();
  }

  private spawn(): Thread {
    const worker = startWorker();
    const thread: Thread = { worker, pending: new Map() };
    worker.on("message", (reply: PoolReply) => {
      const p = thread.pending.get(reply.seq);
      if (!p) return;
      thread.pending.delete(reply.seq);
      if (reply.ok) {
        if (reply.warning && !this.warned) {
          this.warned = true;
          this.onWarning?.(reply.warning);
        }
        p.resolve(reply.result);
      } else p.reject(new Error(reply.message));
    });
    // A thread that dies (out of memory, a crash in native code) fails only the texts it held; the next text
    // starts a fresh thread.
    const lost = (why: string): void => {
      const i = this.workers.indexOf(thread);
      if (i >= 0) this.workers.splice(i, 1);
      for (const p of thread.pending.values()) p.reject(new Error(`extraction thread stopped: ${why}`));
      thread.pending.clear();
    };
    worker.on("error", (err) => lost(err.message));
    worker.on("exit", (code) => {
      if (!this.closed) lost(`exit code ${code}`);
    });
    this.workers.push(thread);
    return thread;
  }
}
