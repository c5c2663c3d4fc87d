// Ingest throughput: a WARC built from the dev texts (one HTML page per record) read by `toll ingest`'s
// pipeline (reader → extractor with places → store, one transaction per article) into SQLite and into a
// throwaway PostgreSQL database. The baseline is reading the same WARC without extracting or storing.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { runIngest } from "../../src/cli/commands/ingest.ts";
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
