// `toll extract FILE…` and `toll extract --jsonl FILE`: the extractor from the command line.
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { createReadStream, statSync } from "node:fs";
import { InvalidArgumentError } from "commander";
import type { Command } from "commander";
import { extract, type ExtractResult, type Gazetteer } from "../../extract/index.ts";
import { decodeBytes } from "../../ingest/charset.ts";
import { sniffKind } from "../../ingest/sniff.ts";
import { sharedGazetteer } from "../../gazetteer/index.ts";
import { defaultThreads, ExtractPool } from "../../pipeline/index.ts";
import { renderTable } from "../table.ts";

interface ExtractCliOptions {
  format?: string;
  published?: string;
  jsonl?: boolean;
  gazetteer?: boolean;
  threads?: number;
}

function loadPlaces(enabled: boolean | undefined): Gazetteer | undefined {
  if (enabled === false) return undefined;
  try {
    return sharedGazetteer();
  } catch (err) {
    process.stderr.write(`toll: gazetteer unavailable, locations left empty (${err instanceof Error ? err.message : String(err)})\n`);
    return undefined;
  }
}

async function readInput(file: string): Promise<Buffer> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }
  return readFile(file);
}

/** Text or HTML in, extraction out; HTML is cleaned of page furniture first. */
export async function extractBytes(bytes: Uint8Array, origin: string, published: string | undefined, gazetteer: Gazetteer | undefined): Promise<ExtractResult> {
  const kind = sniffKind(bytes.subarray(0, 4096));
  if (kind === "html") {
    // The HTML cleaner (readability + linkedom) is loaded only when a page needs it.
    const { htmlToArticle } = await import("../../ingest/html.ts");
    const html = decodeBytes(bytes, { flavour: "html" }).text;
    const article = htmlToArticle(html, { origin });
    return extract(article.text, {
      title: article.title,
      published: published ?? article.published,
      outlet: article.outlet,
      url: article.url,
      gazetteer,
    });
  }
  const text = decodeBytes(bytes, { flavour: "text" }).text;
  return extract(text, { published: published ?? null, gazetteer });
}

function claimRows(result: ExtractResult): string[][] {
  return result.claims.map((c) => [
    c.id,
    c.metric,
    c.qualifier === "range" ? `${c.low}–${c.high}` : String(c.value),
    c.qualifier,
    c.victims,
    c.scope + (c.historical ? " (background)" : "") + (c.part_of ? ` (part of ${c.part_of})` : "") + (c.same_as ? ` (= ${c.same_as})` : ""),
    c.period ? [c.period.start, c.period.end].filter(Boolean).join("…") : "",
    c.location?.place ?? c.location?.name ?? "",
    c.source ?? "",
    (c.in_headline ? "[headline] " : "") + c.evidence.text.replace(/\s+/g, " "),
  ]);
}

function printTable(file: string, r: ExtractResult): void {
  const out = process.stdout;
  out.write(`${file}\n  title: ${r.article.title ?? "–"}\n  published: ${r.article.published ?? "–"}\n`);
  if (r.claims.length === 0) out.write("  no casualty claims found\n");
  else out.write(renderTable(["id", "metric", "value", "qualifier", "victims", "scope", "period", "place", "source", "evidence"], claimRows(r)) + "\n");
  const fig = (x: { low: number; best: number; high: number } | null) => (x ? (x.low === x.high ? String(x.best) : `${x.best} (${x.low}–${x.high})`) : "–");
  for (const i of r.incidents) out.write(`  incident ${i.id}: killed ${fig(i.killed)}, injured ${fig(i.injured)} [${i.claims.join(", ")}]\n`);
  out.write(`  totals: killed ${fig(r.totals.killed)}, injured ${fig(r.totals.injured)}\n\n`);
}

/** Inputs smaller than this are extracted on the main thread: starting threads would cost more than they save. */
const THREADS_FROM_BYTES = 256 * 1024;

function threadsFor(file: string, asked: number | undefined): number {
  if (asked !== undefined) return asked;
  if (file === "-") return defaultThreads();
  try {
    return statSync(file).size >= THREADS_FROM_BYTES ? defaultThreads() : 0;
  } catch {
    return 0;
  }
}

type Line = { id: unknown; out: Promise<string> } | { id: unknown; error: string };

function lazyPlaces(enabled: boolean): () => Gazetteer | undefined {
  let tried = false;
  let gazetteer: Gazetteer | undefined;
  return () => {
    if (!tried) {
      tried = true;
      gazetteer = loadPlaces(enabled);
    }
    return gazetteer;
  };
}

async function runJsonl(file: string, published: string | undefined, places: boolean, threads: number | undefined): Promise<number> {
  const input = file === "-" ? process.stdin : createReadStream(file);
  const lines = createInterface({ input, crlfDelay: Infinity });
  const pool = new ExtractPool({
    threads: threadsFor(file, threads),
    places,
    gazetteer: lazyPlaces(places),
    onWarning: (m) => process.stderr.write(`toll: ${m}\n`),
  });
  let n = 0;
  let written = 0;
  let failed = 0;
  const progress = process.stderr.isTTY;
  // Records in flight, in input order: output order is input order whichever thread finishes first.
  const queue: Line[] = [];
  const window = Math.max(4, pool.threads * 8);
  const writeOne = async (): Promise<void> => {
    const line = queue.shift();
    if (!line) return;
    let text: string;
    if ("error" in line) {
      text = line.error;
      failed++;
    } else {
      try {
        text = await line.out;
      } catch (err) {
        text = JSON.stringify({ id: line.id, error: { message: err instanceof Error ? err.message : String(err) } });
        failed++;
      }
    }
    written++;
    if (!process.stdout.write(text + "\n")) await new Promise((r) => process.stdout.once("drain", r));
    if (progress && written % 100 === 0) process.stderr.write(`\rtoll extract: ${written} records, ${failed} errors`);
  };
  try {
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      let id: unknown = null;
      try {
        const record = JSON.parse(line) as Record<string, unknown>;
        id = record["id"] ?? null;
        if (typeof record["text"] !== "string") throw new Error(`line ${n}: "text" must be a string`);
        const pub = typeof record["published"] === "string" ? record["published"] : published;
        const title = typeof record["title"] === "string" ? record["title"] : null;
        const recordId = id;
        const out = pool.extract(record["text"], { published: pub ?? null, title }).then((result) => JSON.stringify({ id: recordId, ...result }));
        // Settled in order by writeOne; this only keeps an early failure from being reported as unhandled.
        out.catch(() => undefined);
        queue.push({ id, out });
      } catch (err) {
        const message = err instanceof SyntaxError ? `line ${n}: not JSON (${err.message})` : err instanceof Error ? err.message : String(err);
        queue.push({ id, error: JSON.stringify({ id, error: { message } }) });
      }
      while (queue.length >= window) await writeOne();
    }
    while (queue.length > 0) await writeOne();
  } finally {
    await pool.close();
  }
  if (progress) process.stderr.write(`\rtoll extract: ${written} records, ${failed} errors\n`);
  return failed;
}

export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("Read casualty claims from news text or HTML files (`-` for stdin), or a JSONL batch with --jsonl.")
    .argument("[files...]", "text or HTML files; - for standard input")
    .option("-f, --format <format>", "table or json (default: table on a terminal, json otherwise)")
    .option("--published <date>", "publication date (ISO), overriding what the text carries")
    .option("--jsonl", "batch mode: each input line is {id, text, published?, title?}; one JSON line out per record")
    .option("--no-gazetteer", "do not resolve places (faster start)")
    .option("--threads <n>", "with --jsonl: extraction threads (default: one per core for inputs of 256 KB or more; 0: main thread)", (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number ≥ 0, got "${v}"`);
      return n;
    })
    .action(async (files: string[], opts: ExtractCliOptions) => {
      const format = opts.format ?? (process.stdout.isTTY ? "table" : "json");
      if (format !== "table" && format !== "json") throw new Error(`--format must be table or json, not "${format}"`);
      if (opts.published !== undefined && Number.isNaN(Date.parse(opts.published))) {
        throw new Error(`--published: "${opts.published}" is not a date (use YYYY-MM-DD)`);
      }
      const inputs = files.length > 0 ? files : ["-"];
      if (opts.jsonl) {
        let failed = 0;
        for (const f of inputs) failed += await runJsonl(f, opts.published, opts.gazetteer !== false, opts.threads);
        if (failed > 0) process.exitCode = 1;
        return;
      }
      const gazetteer = loadPlaces(opts.gazetteer);
      const results: Array<{ file: string; result: ExtractResult }> = [];
      for (const file of inputs) {
        try {
          const result = await extractBytes(await readInput(file), `file:${file}`, opts.published, gazetteer);
          if (format === "table") printTable(file, result);
          else results.push({ file, result });
        } catch (err) {
          process.stderr.write(`toll extract: ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
          process.exitCode = 1;
        }
      }
      if (format === "json") {
        const body = inputs.length === 1 && results.length === 1 ? results[0]!.result : results.map((r) => ({ file: r.file, ...r.result }));
        process.stdout.write(JSON.stringify(body, null, 2) + "\n");
      }
    });
}
