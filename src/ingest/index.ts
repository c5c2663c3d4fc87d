// Readers: files, folders and URLs → articles or read errors, as one async stream. Nothing here throws for
// bad input; every failure becomes an error item naming its file (and record), and reading goes on.
import { createReadStream } from "node:fs";
import { open, readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable, pipeline } from "node:stream";
import { constants as zc, createGunzip, gunzipSync } from "node:zlib";
import { documentKind, isDocumentKind, readDocument, unsupportedKindMessage } from "./document.ts";
import { fetchUrl } from "./fetch.ts";
import { readJsonl } from "./jsonl.ts";
import { isGzip, SNIFF_BYTES, sniffKind } from "./sniff.ts";
import { DEFAULT_MAX_BYTES, errorMessage, fail, mb, type ReadItem, type ReadOptions, type SourceKind } from "./types.ts";
import { readWarc } from "./warc.ts";

export type { HtmlReadFn, ReadItem, ReadOptions, SourceKind } from "./types.ts";
export { HtmlReader, HTML_BUDGET_MS, readHtmlOffThread } from "./offthread.ts";
export { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from "./types.ts";
export { htmlToArticle, htmlFragmentToText } from "./html.ts";
export { textToArticle } from "./text.ts";
export { readFeed } from "./feed.ts";
export { readWarc } from "./warc.ts";
export { readJsonl } from "./jsonl.ts";
export { fetchUrl } from "./fetch.ts";
export { FetchFailed, guardedGet, isPublicAddress, REFUSED_ADDRESS, UrlRefused } from "./guard.ts";
export type { Resolver, ResolvedAddress, UrlGuardOptions } from "./guard.ts";
export { sniffKind } from "./sniff.ts";
export { decodeBytes } from "./charset.ts";

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** A byte stream of the file, inflated when it is gzip; stream errors (a cut gzip) surface on the returned stream. */
function openStream(path: string, gz: boolean): Readable {
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  if (!gz) return file;
  const gunzip = createGunzip();
  pipeline(file, gunzip, () => {
    // Errors are delivered to the consumer through `gunzip` itself.
  });
  return gunzip;
}

async function readAllLimited(stream: Readable, maxBytes: number, what: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > maxBytes) throw new Error(`${what} too large (more than ${mb(maxBytes)} MB limit)`);
      chunks.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks, total);
}

/** First bytes of a file, inflated when gzip (a partial inflate: Z_SYNC_FLUSH lets a cut-off head decompress). */
async function sniffFile(path: string): Promise<{ kind: SourceKind; gz: boolean; size: number }> {
  const fh = await open(path, "r");
  try {
    const { size } = await fh.stat();
    const buf = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    let head: Uint8Array = buf.subarray(0, bytesRead);
    const gz = isGzip(head);
    if (gz) {
      try {
        head = gunzipSync(head, { finishFlush: zc.Z_SYNC_FLUSH }).subarray(0, SNIFF_BYTES);
      } catch (err) {
        throw new Error(`corrupt gzip data: ${errorMessage(err)}`, { cause: err });
      }
    }
    return { kind: sniffKind(head), gz, size };
  } finally {
    await fh.close();
  }
}

async function* readFile(path: string, opts: ReadOptions, inFolder: boolean): AsyncGenerator<ReadItem> {
  const origin = `file:${path}`;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let sniffed: Awaited<ReturnType<typeof sniffFile>>;
  try {
    sniffed = await sniffFile(path);
  } catch (err) {
    yield fail(origin, errorMessage(err));
    return;
  }
  const { kind, gz, size } = sniffed;
  if (kind === "warc") {
    yield* readWarc(openStream(path, gz), origin, opts);
  } else if (kind === "jsonl") {
    yield* readJsonl(openStream(path, gz), origin, maxBytes);
  } else if (isDocumentKind(kind)) {
    if (!gz && size > maxBytes) {
      yield fail(origin, `file too large (${mb(size)} MB > ${mb(maxBytes)} MB limit)`);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readAllLimited(openStream(path, gz), maxBytes, "file");
    } catch (err) {
      yield fail(origin, errorMessage(err));
      return;
    }
    yield* readDocument(bytes, { origin, kind, readHtml: opts.readHtml });
  } else if (inFolder && (kind === "binary" || kind === "empty" || kind === "xml")) {
    // Folders hold images, PDFs and sitemaps next to articles; passing over them is not a failure.
    opts.onSkip?.(origin, unsupportedKindMessage(kind));
  } else {
    yield fail(origin, unsupportedKindMessage(kind));
  }
}

/** Files under a folder, depth first in name order; hidden entries are skipped and symlink loops are cut. */
async function* walk(dir: string, seen: Set<string>): AsyncGenerator<{ path: string } | { path: string; error: string }> {
  let real: string;
  let entries: string[];
  try {
    real = await realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    entries = (await readdir(dir)).filter((e) => !e.startsWith(".")).sort();
  } catch (err) {
    yield { path: dir, error: errorMessage(err) };
    return;
  }
  for (const entry of entries) {
    const p = join(dir, entry);
    try {
      const st = await stat(p);
      if (st.isDirectory()) yield* walk(p, seen);
      else if (st.isFile()) yield { path: p };
    } catch (err) {
      yield { path: p, error: errorMessage(err) };
    }
  }
}

async function* readUrl(url: string, opts: ReadOptions): AsyncGenerator<ReadItem> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let fetched: Awaited<ReturnType<typeof fetchUrl>>;
  try {
    fetched = await fetchUrl(url, opts);
  } catch (err) {
    yield fail(url, errorMessage(err));
    return;
  }
  let bytes = fetched.bytes;
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (err) {
      yield fail(url, `gzip body could not be inflated: ${errorMessage(err)}`);
      return;
    }
  }
  const kind = documentKind(bytes, fetched.contentType);
  if (kind === "warc") yield* readWarc(Readable.from([bytes]), url, opts);
  else if (kind === "jsonl") yield* readJsonl(Readable.from([bytes]), url, maxBytes);
  else yield* readDocument(bytes, { origin: url, url: fetched.url, contentType: fetched.contentType, kind, readHtml: opts.readHtml });
}

/**
 * Reads every input in order: files (kind sniffed from content, gzip inflated), folders (recursively) and
 * http(s) URLs. Yields one item per article or per failure.
 */
export async function* readSources(inputs: readonly string[], opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  for (const input of inputs) {
    if (isUrl(input)) {
      yield* readUrl(input, opts);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = (await stat(input)).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      yield fail(`file:${input}`, code === "ENOENT" ? "no such file or directory" : errorMessage(err));
      continue;
    }
    if (!isDir) {
      yield* readFile(input, opts, false);
      continue;
    }
    for await (const entry of walk(input, new Set())) {
      if ("error" in entry) yield fail(`file:${entry.path}`, entry.error);
      else yield* readFile(entry.path, opts, true);
    }
  }
}
