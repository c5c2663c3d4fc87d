// Ingest throughput: a WARC built from the dev texts (one HTML page per record) read by `toll ingest`'s
// pipeline (reader → extractor with places → store, one transaction per article) into SQLite and into a
// throwaway PostgreSQL database. The baseline is reading the same WARC without extracting or storing.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { runIngest } from "../../src/cli/commands/ingest.ts";
import { defaultThreads, ingestSources } from "../../src/pipeline/index.ts";
import { openStore } from "../../src/store/index.ts";
import { readSources } from "../../src/ingest/index.ts";
import { buildWarc } from "../../src/ingest/test-helpers.ts";
import { withFreshDatabase } from "../../src/store/throwaway.ts";
import type { Row } from "./bench.ts";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export async function writeWarc(texts: readonly string[], file: string): Promise<number> {
  const entries = texts.map((t, i) => {
    const [title = "Report", ...rest] = t.split(/\n+/);
    const body = rest.length ? rest : [t];
    return {
      type: "response" as const,
      url: `https://bench.example/${i}`,
      body: `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title.slice(0, 120))}</title></head><body><article><h1>${esc(title.slice(0, 120))}</h1>${body.map((p) => `<p>${esc(p)}</p>`).join("")}</article></body></html>`,
    };
  });
  const buf = Buffer.concat(await buildWarc(entries, true));
  writeFileSync(file, buf);
  return buf.length;
}

function quiet() {
  return { out: new PassThrough().resume(), err: new PassThrough().resume(), isTTY: false };
}


/**
 * The issue 15 measure: `n` GVA dev articles from JSONL into a new store with places and reconciliation on, through
 * the pipeline (extraction threads, batched transactions), beside the old shape of the same work (one article per
 * transaction, extracted on the main thread) into SQLite. Each run gets a fresh store.
 */
export async function benchIngestJsonl(records: ReadonlyArray<{ id: string; text: string }>, pgUrl: string | null): Promise<Row[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "toll-bench-jsonl-"));
  try {
    const file = path.join(dir, "gva.jsonl");
    // No published date: the eval protocol never passes a gold event date, and GVA's is the article date.
    writeFileSync(file, records.map((r) => JSON.stringify({ id: r.id, text: r.text })).join("\n") + "\n");
    const rows: Row[] = [];
    const run = async (db: string, opts: { threads?: number; batch?: number }) => {
      const store = await openStore(db);
      try {
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const s = await ingestSources(store, [file], { ...opts, reconcile: true });
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        return { s, ms, rate: s.inserted / (ms / 1000), mainCpuMs: (cpu.user + cpu.system) / 1000, rss: process.resourceUsage().maxRSS / 1024 };
      } finally {
        await store.close();
      }
    };
    const old = await run(path.join(dir, "old.db"), { threads: 0, batch: 1 });
    const now = await run(path.join(dir, "new.db"), {});
    rows.push({ measure: "JSONL into SQLite, one article per transaction", value: old.rate, unit: "articles/s", note: `baseline: ${old.s.inserted} articles, ${old.s.claims} claims, main thread only, places + reconcile` });
    rows.push({
      measure: "JSONL into SQLite, pipeline",
      value: now.rate,
      unit: "articles/s",
      baseline: old.rate,
      ratio: now.rate / old.rate,
      note: `${now.s.inserted} articles, ${now.s.claims} claims, ${defaultThreads()} extraction threads, 100 per transaction, places + reconcile; peak RSS of the bench process ${Math.round(now.rss)} MB`,
    });
    if (pgUrl) {
      try {
        await withFreshDatabase(pgUrl, "toll_bench", async (url) => {
          const pg = await run(url, {});
          rows.push({ measure: "JSONL into PostgreSQL, pipeline", value: pg.rate, unit: "articles/s", baseline: old.rate, ratio: pg.rate / old.rate, note: `${pg.s.inserted} articles, same settings` });
        });
      } catch (err) {
        rows.push({ measure: "JSONL into PostgreSQL, pipeline", value: null, unit: "", note: `skipped: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}` });
      }
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchIngest(texts: readonly string[], pgUrl: string | null): Promise<Row[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "toll-bench-ingest-"));
  try {
    const warc = path.join(dir, "crawl.warc.gz");
    const bytes = await writeWarc(texts, warc);
    let t0 = performance.now();
    let read = 0;
    for await (const item of readSources([warc])) if (item.ok) read++;
    const readMs = performance.now() - t0;
    const readRate = read / (readMs / 1000);
    const rows: Row[] = [
      { measure: "read WARC only", value: readRate, unit: "articles/s", note: `${read} pages, ${(bytes / 1e6).toFixed(1)} MB gzipped WARC (baseline)` },
    ];
    const one = async (db: string, label: string) => {
      t0 = performance.now();
      const s = await runIngest([warc], { db, quiet: true, reconcile: false }, quiet());
      const ms = performance.now() - t0;
      const rate = s.inserted / (ms / 1000);
      rows.push({ measure: `ingest into ${label}`, value: rate, unit: "articles/s", baseline: readRate, ratio: rate / readRate, note: `${s.inserted} articles, ${s.claims} claims, places resolved, one transaction each` });
      t0 = performance.now();
      const again = await runIngest([warc], { db, quiet: true, reconcile: false }, quiet());
      const ms2 = performance.now() - t0;
      rows.push({ measure: `re-ingest into ${label}`, value: again.duplicates / (ms2 / 1000), unit: "articles/s", note: "every article a duplicate: read, extract, hash, skip" });
    };
    await one(path.join(dir, "bench.db"), "SQLite");
    if (pgUrl) {
      try {
        await withFreshDatabase(pgUrl, "toll_bench", (url) => one(url, "PostgreSQL"));
      } catch (err) {
        rows.push({ measure: "ingest into PostgreSQL", value: null, unit: "", note: `skipped: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}` });
      }
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
