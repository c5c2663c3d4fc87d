// WARC and WARC.gz via warcio. Response (and resource) records with HTML, text or feed payloads become
// articles. warcio itself reads a truncated file silently (a short last payload, or a gzip member dropped),
// so truncation is checked here: gzip is inflated by node:zlib, which fails on a cut stream, and every
// record's reader must have delivered its whole Content-Length.
import type { Readable } from "node:stream";
import { LimitReader, WARCParser, type WARCRecord } from "warcio";
import { readDocument } from "./document.ts";
import { errorMessage, fail, mb, type ReadItem, type ReadOptions, DEFAULT_MAX_BYTES } from "./types.ts";

const ARTICLE_TYPES = /^(?:text\/html|application\/xhtml\+xml|text\/plain|application\/(?:rss|atom)\+xml|application\/xml|text\/xml)\b/i;

function recordContentType(rec: WARCRecord): string | null {
  if (rec.warcType === "response") return rec.httpHeaders?.headers.get("content-type") ?? null;
  return rec.warcContentType ?? null;
}

/** Bytes of this record's block that warcio never received (0 when the record is complete). */
function missingBytes(rec: WARCRecord): number {
  // `_reader` is warcio's public-but-underscored field; `reader` would throw once content decoding has started.
  return rec._reader instanceof LimitReader ? rec._reader.limit : 0;
}

/**
 * Reads records from a decompressed WARC byte stream. `origin` is "file:crawl.warc.gz" (or a URL); records are
 * numbered from 1 over all records, warcinfo and requests included, so the number finds the record in the file.
 */
export async function* readWarc(input: Readable, origin: string, opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const parser = new WARCParser(input);
  let n = 0;
  let complete = 0;
  try {
    for await (const rec of parser) {
      n++;
      const recOrigin = `${origin}#record=${n}`;
      const type = rec.warcType;
      if (type !== "response" && type !== "resource") {
        complete++;
        continue; // the parser skips the unread block itself
      }
      const url = rec.warcTargetURI ?? null;
      const status = Number(rec.httpHeaders?.statusCode ?? 200);
      const contentType = recordContentType(rec);
      if (type === "response" && !rec.httpHeaders) {
        opts.onSkip?.(recOrigin, "response record without HTTP headers");
        complete++;
        continue;
      }
      if (status < 200 || status > 299) {
        opts.onSkip?.(recOrigin, `HTTP status ${status}`);
        complete++;
        continue;
      }
      if (contentType && !ARTICLE_TYPES.test(contentType)) {
        opts.onSkip?.(recOrigin, `content type ${contentType}`);
        complete++;
        continue;
      }
      if (rec.warcContentLength > maxBytes) {
        yield fail(recOrigin, `record too large (${mb(rec.warcContentLength)} MB > ${mb(maxBytes)} MB limit)`);
        complete++;
        continue;
      }
      let payload: Uint8Array;
      try {
        payload = await rec.readFully(true);
      } catch (err) {
        const missing = missingBytes(rec);
        yield fail(recOrigin, missing > 0 ? `truncated record (${missing} bytes missing; ${errorMessage(err)})` : `corrupt record: ${errorMessage(err)}`);
        if (missing > 0) return;
        continue;
      }
      const missing = missingBytes(rec);
      if (missing > 0) {
        yield fail(recOrigin, `truncated record: ${missing} of ${rec.warcContentLength} bytes missing (file cut short after ${complete} complete records)`);
        return;
      }
      complete++;
      yield* readDocument(payload, { origin: recOrigin, url, contentType });
    }
  } catch (err) {
    // A cut gzip stream or unreadable headers: the records before are kept, this one is reported.
    yield fail(`${origin}#record=${n + 1}`, `truncated or corrupt record after ${complete} complete records: ${errorMessage(err)}`);
  } finally {
    input.destroy();
  }
}
