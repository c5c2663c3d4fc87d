// Worker thread of src/ingest/offthread.ts: cleans HTML pages into articles away from the caller's event loop.
import { parentPort } from "node:worker_threads";
import { htmlToArticle, type HtmlContext } from "./html.ts";

export interface HtmlJob {
  id: number;
  html: string;
  ctx: HtmlContext;
}

parentPort?.on("message", (job: HtmlJob) => {
  try {
    parentPort!.postMessage({ id: job.id, article: htmlToArticle(job.html, job.ctx) });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
