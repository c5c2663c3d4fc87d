// `toll ingest --queue`: inputs become jobs instead of being ingested here. Files and folders are read on this
// machine (a worker elsewhere cannot see them) and each article becomes an `ingest` job; URLs become `fetch` jobs,
// so the download happens on a worker and is retried there with backoff.
import { isUrl, readSources } from "../ingest/index.ts";
import { fetchJob, ingestJob } from "./jobs.ts";
import type { JobSpec, QueueBackend } from "./types.ts";

/** Jobs per enqueue call: one round trip each, small enough to keep memory flat on a large JSONL file. */
const BATCH = 500;

export interface EnqueueOptions {
  maxBytes?: number;
  timeoutMs?: number;
  /** A read error (file or record): reported, and reading goes on. */
  onError?: (origin: string, message: string) => void;
  onProgress?: (s: EnqueueSummary) => void;
}

export interface EnqueueSummary {
  /** Articles read from files. */
  read: number;
  /** URLs handed to workers as fetch jobs. */
  urls: number;
  /** Jobs added (a job whose key is already waiting is merged into it and not counted). */
  enqueued: number;
  errors: number;
}

export async function enqueueSources(queue: QueueBackend, inputs: readonly string[], opts: EnqueueOptions = {}): Promise<EnqueueSummary> {
  const s: EnqueueSummary = { read: 0, urls: 0, enqueued: 0, errors: 0 };
  const urls = inputs.filter(isUrl);
  const files = inputs.filter((i) => !isUrl(i));
  const fetchOpts = {
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
  };
  if (urls.length > 0) {
    s.urls = urls.length;
    s.enqueued += await queue.enqueue(urls.map((u) => fetchJob(u, fetchOpts)));
  }
  let batch: JobSpec[] = [];
  const flush = async () => {
    if (batch.length > 0) s.enqueued += await queue.enqueue(batch);
    batch = [];
    opts.onProgress?.(s);
  };
  for await (const item of readSources(files, opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {})) {
    if (!item.ok) {
      s.errors++;
      opts.onError?.(item.origin, item.error);
      continue;
    }
    s.read++;
    batch.push(ingestJob(item.article));
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return s;
}
