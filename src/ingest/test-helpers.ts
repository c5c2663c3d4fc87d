// Fixtures for the reader tests, built in the test itself (no files from outside the repo).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WARCRecord, WARCSerializer } from "warcio";
import type { ReadItem } from "./types.ts";

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "toll-ingest-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function collect(items: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function articles(items: ReadItem[]): Extract<ReadItem, { ok: true }>["article"][] {
  return items.flatMap((i) => (i.ok ? [i.article] : []));
}

export function errors(items: ReadItem[]): Extract<ReadItem, { ok: false }>[] {
  return items.flatMap((i) => (i.ok ? [] : [i]));
}

/**
 * windows-1256 bytes for a string of ASCII plus a few Arabic letters, from the code page table (hand-made so
 * the test does not use the decoder under test to build its own input).
 */
const CP1256: Record<string, number> = {
  "ا": 0xc7, "ب": 0xc8, "ت": 0xca, "د": 0xcf, "ر": 0xd1, "س": 0xd3, "ص": 0xd5, "ع": 0xda, "ق": 0xde, "ك": 0xdf,
  "ل": 0xe1, "م": 0xe3, "ن": 0xe4, "ه": 0xe5, "و": 0xe6, "ي": 0xed,
};

export function encodeWindows1256(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else {
      const b = CP1256[ch];
      if (b === undefined) throw new Error(`no windows-1256 byte in the test table for ${ch}`);
      out.push(b);
    }
  }
  return Uint8Array.from(out);
}

export const ARABIC_MOSUL = "الموصل";

/** A news page around the given paragraphs, with furniture, scripts, styles and event handlers. */
export function newsPage(opts: {
  title?: string;
  paragraphs: string[];
  head?: string;
  published?: string;
  siteName?: string;
  canonical?: string;
}): string {
  const head = [
    `<title>${opts.title ?? "Untitled"} | Example News</title>`,
    opts.siteName ? `<meta property="og:site_name" content="${opts.siteName}">` : "",
    opts.published ? `<meta property="article:published_time" content="${opts.published}">` : "",
    opts.canonical ? `<link rel="canonical" href="${opts.canonical}">` : "",
    `<style>body { font-family: serif } .x::after { content: "STYLETEXT" }</style>`,
    `<script>window.tracker = "SCRIPTTEXT"; document.write("SCRIPTWRITE");</script>`,
    opts.head ?? "",
  ].join("\n");
  const paras = opts.paragraphs.map((p) => `<p onclick="alert('HANDLERTEXT')" onmouseover="steal()">${p}</p>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head>${head}</head>
<body onload="boot('HANDLERTEXT')">
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>${opts.title ?? "Untitled"}</h1>
${paras}
<script>var inline = "SCRIPTTEXT2";</script>
<noscript>NOSCRIPTTEXT</noscript>
</article></main>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Another story</a></li></ul></aside>
<footer>Copyright Example News. All rights reserved.</footer>
</body></html>`;
}

export const SAMPLE_PARAGRAPHS = [
  "As many as 3,864 civilians have been killed in western Mosul since mid-February when the Iraqi army began a wide-ranging campaign to wrest the area from the extremist group, according to an Iraqi army source.",
  "Those who have fled the combat areas are reporting high civilian casualties, an army brigadier-general told a news agency on Saturday, adding that hospitals were overwhelmed.",
  "Nearby refugee camps and field hospitals had received more than 22,000 injured residents since the start of the army campaign almost six weeks ago, he said.",
];

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

export interface WarcEntry {
  type: "response" | "request" | "resource" | "warcinfo";
  url: string;
  body: string | Uint8Array;
  contentType?: string;
  status?: number;
}

/** Serialises records with warcio's writer; returns one buffer per record (gzip: one member per record). */
export async function buildWarc(entries: WarcEntry[], gzip: boolean): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const e of entries) {
    const body = typeof e.body === "string" ? new TextEncoder().encode(e.body) : e.body;
    let record: WARCRecord;
    if (e.type === "warcinfo") {
      record = WARCRecord.createWARCInfo({ filename: "test.warc", warcVersion: "WARC/1.1" }, { software: "toll-tests" });
    } else if (e.type === "response") {
      record = WARCRecord.create(
        {
          url: e.url,
          type: "response",
          warcVersion: "WARC/1.1",
          statusline: `HTTP/1.1 ${e.status ?? 200} ${e.status && e.status !== 200 ? "Not Found" : "OK"}`,
          httpHeaders: { "Content-Type": e.contentType ?? "text/html; charset=utf-8" },
        },
        once(body),
      );
    } else if (e.type === "request") {
      record = WARCRecord.create(
        { url: e.url, type: "request", warcVersion: "WARC/1.1", statusline: "GET / HTTP/1.1", httpHeaders: { Host: "example.org" } },
        once(new Uint8Array(0)),
      );
    } else {
      record = WARCRecord.create(
        { url: e.url, type: "resource", warcVersion: "WARC/1.1", warcHeaders: { "Content-Type": e.contentType ?? "text/plain" } },
        once(body),
      );
    }
    out.push(Buffer.from(await WARCSerializer.serialize(record, { gzip })));
  }
  return out;
}
