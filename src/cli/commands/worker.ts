// `toll worker [--db URL] [--concurrency N]`: runs queued jobs (fetch, ingest, reconcile) until stopped.
// SIGTERM or SIGINT stop it gracefully: no new job is taken, running jobs finish or, after --grace, are handed back.
// A worker that is killed outright loses nothing: its jobs run again elsewhere once its lease (--lease) runs out.
import { InvalidArgumentError, Option } from "commander";
import type { Command } from "commander";
import type { Gazetteer } from "../../extract/index.ts";
import { loadGazetteer } from "../../gazetteer/index.ts";
import { makeHandlers, openQueue, parseDuration } from "../../queue/index.ts";
import { isConnectionLost } from "../../queue/reconnect.ts";
import type { Handlers, QueueBackend, TaskName, WorkerHandle } from "../../queue/index.ts";
import { DEFAULT_LEASE_MS, TASKS } from "../../queue/index.ts";
import { openStore } from "../../store/index.ts";
import { dbOption, defaultIo, parsePositiveInt } from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";

export interface WorkerCommandOptions {
  db?: string;
  concurrency?: number;
  once?: boolean;
  leaseMs?: number;
  graceMs?: number;
  gazetteer?: boolean;
  reconcile?: boolean;
  quiet?: boolean;
  /** Fetch and article jobs may reach loopback, private and link-local addresses. */
  allowPrivateUrls?: boolean;
}

export interface WorkerSummary {
  jobs: Record<TaskName, number>;
  failed: number;
  seconds: number;
}

export function parseDurationOption(value: string): number {
  const ms = parseDuration(value);
  if (ms === null) throw new InvalidArgumentError(`expected a duration such as 30s, 10m or 1h, got "${value}"`);
  return ms;
}

/**
 * Runs a worker until `stopSignal` aborts (the CLI wires SIGTERM/SIGINT to it) or, with `once`, until no job is
 * ready. Returns what it did.
 */
export async function runWorkerCommand(opts: WorkerCommandOptions, io: Io = defaultIo(), stopSignal?: AbortSignal): Promise<WorkerSummary> {
  const started = performance.now();
  const store = await openStore(opts.db);
  let queue: QueueBackend | null = null;
  let handle: WorkerHandle | null = null;
  const summary: WorkerSummary = { jobs: { fetch: 0, article: 0, ingest: 0, reconcile: 0 }, failed: 0, seconds: 0 };
  const log = (line: string) => {
    if (!opts.quiet || line.includes("failed") || line.includes("lease expired")) io.err.write(`worker: ${line}\n`);
  };
  try {
    queue = await openQueue(opts.db);
    let gazetteer: Gazetteer | undefined;
    let tried = opts.gazetteer === false;
    const base = makeHandlers({
      store,
      gazetteer: () => {
        if (!tried) {
          tried = true;
          try {
            gazetteer = loadGazetteer();
          } catch (err) {
            log(`warning: gazetteer not loaded, places will not be resolved: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        return gazetteer;
      },
      reconcile: opts.reconcile ?? true,
      allowPrivateUrls: opts.allowPrivateUrls ?? false,
      // With --once the worker leaves when nothing is ready: a debounced reconcile would be left behind.
      ...(opts.once ? { reconcileDebounceMs: 0 } : {}),
    });
    const handlers = {} as Record<TaskName, unknown>;
    for (const name of TASKS) {
      const h = base[name] as (p: unknown, c: Parameters<Handlers["ingest"]>[1]) => Promise<void>;
      handlers[name] = async (p: unknown, c: Parameters<Handlers["ingest"]>[1]) => {
        try {
          await h(p, c);
          summary.jobs[name]++;
        } catch (err) {
          summary.failed++;
          throw err;
        }
      };
    }
    const concurrency = opts.concurrency ?? 1;
    log(`${queue.kind} queue at ${queue.location}, concurrency ${concurrency}${opts.once ? ", until the queue is empty" : ""}`);
    handle = await queue.runWorker({
      concurrency,
      handlers: handlers as Handlers,
      once: opts.once ?? false,
      leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS,
      log,
    });
    const h = handle;
    const onStop = () => {
      log("stopping: finishing running jobs (they are handed back if they do not finish in time)");
      void h.stop(opts.graceMs);
    };
    if (stopSignal?.aborted) onStop();
    else stopSignal?.addEventListener("abort", onStop, { once: true });
    await handle.done;
    stopSignal?.removeEventListener("abort", onStop);
  } finally {
    await queue?.close().catch(() => {});
    await store.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  const j = summary.jobs;
  log(`stopped: ${j.ingest} ingest, ${j.fetch} fetch, ${j.reconcile} reconcile jobs done, ${summary.failed} failed attempts (${summary.seconds.toFixed(1)} s)`);
  return summary;
}

export function registerWorker(program: Command, io?: Io): void {
  program
    .command("worker")
    .description("Run queued jobs (fetch, ingest, reconcile) until stopped; several workers may share one database.")
    .addOption(dbOption())
    .addOption(new Option("--concurrency <n>", "jobs run at the same time in this process").argParser(parsePositiveInt).default(1))
    .option("--once", "exit when no job is ready instead of waiting for more")
    .addOption(
      new Option("--lease <duration>", "a worker silent this long is presumed dead and its jobs run elsewhere")
        .argParser(parseDurationOption)
        .default(DEFAULT_LEASE_MS, "60s"),
    )
    .addOption(
      new Option("--grace <duration>", "on SIGTERM, how long running jobs may take before they are handed back")
        .argParser(parseDurationOption)
        .default(30_000, "30s"),
    )
    .option("--no-gazetteer", "do not load the gazetteer (places are not resolved)")
    .option("--no-reconcile", "do not rebuild incidents after ingesting")
    .option("-q, --quiet", "print only failures")
    .option("--allow-private-urls", "let fetch jobs reach loopback, private and link-local addresses (refused by default)")
    .action(async (o: { db?: string; concurrency: number; once?: boolean; lease: number; grace: number; gazetteer: boolean; reconcile: boolean; quiet?: boolean; allowPrivateUrls?: boolean }) => {
      const ac = new AbortController();
      const stop = () => ac.abort();
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
      // Last line of defence: a query of the queue's own bookkeeping that lost its connection and that nobody
      // awaited (graphile-worker's failJob) must not end the worker; the pool reconnects on the next query and the
      // job's lease hands it back if its state could not be written. Anything else still ends the process.
      const onRejection = (reason: unknown) => {
        if (!isConnectionLost(reason)) throw reason;
        (io ?? defaultIo()).err.write(`worker: lost the connection to the database (${reason instanceof Error ? reason.message : String(reason)}); reconnecting\n`);
      };
      process.on("unhandledRejection", onRejection);
      try {
        await runWorkerCommand(
          {
            ...(o.db !== undefined ? { db: o.db } : {}),
            concurrency: o.concurrency,
            once: o.once ?? false,
            leaseMs: o.lease,
            graceMs: o.grace,
            gazetteer: o.gazetteer,
            reconcile: o.reconcile,
            quiet: o.quiet ?? false,
            allowPrivateUrls: o.allowPrivateUrls ?? false,
          },
          io ?? defaultIo(),
          ac.signal,
        );
      } finally {
        process.off("unhandledRejection", onRejection);
        process.off("SIGTERM", stop);
        process.off("SIGINT", stop);
      }
    });
}
