// WARC and WARC.gz via warcio. Response (and resource) records with HTML, text or feed payloads become
// articles. warcio itself reads a truncated file silently (a short last payload, or a gzip member dropped),
// so truncation is checked here: gzip is inflated by node:zlib, which fails on a cut stream, and every
// record's reader must have delivered its whole Content-Length.
import { pipeline, Transform, type Readable, type TransformCallback } from "node:stream";
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
 * Bytes a record may take beyond its declared Content-Length (its headers, the blank lines after it, and the
 * parser's read-ahead). More is padding or a corrupt file: a few MB of gzip can inflate to gigabytes of it.
 */
export const MAX_WARC_GAP_BYTES = 16 * 1024 * 1024;
/** Decompressed bytes one WARC file may hold, records and all. */
export const MAX_WARC_FILE_BYTES = 16 * 1024 * 1024 * 1024;

class WarcLimitError extends Error {}

/**
 * Counts the decompressed bytes on their way to the parser and stops the stream as soon as they pass the
 * file's limit or the current record's allowance, so that neither memory nor time grows with a bomb.
 */
class ByteMeter extends Transform {
  total = 0;
  recordLimit = MAX_WARC_GAP_BYTES;
  record = 1;
  constructor(private readonly fileLimit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.total += chunk.byteLength;
    if (this.total > this.fileLimit) {
      cb(new WarcLimitError(`more than ${mb(this.fileLimit)} MB once decompressed (the limit of one WARC file): the rest of the file was not read`));
    } else if (this.total > this.recordLimit) {
      cb(new WarcLimitError(`more than ${mb(MAX_WARC_GAP_BYTES)} MB of data beyond record ${this.record}'s declared length hold no WARC record (padding or a corrupt file): the rest of the file was not read`));
    } else cb(null, chunk);
  }
}

/**
 * Reads records from a decompressed WARC byte stream. `origin` is "file:crawl.warc.gz" (or a URL); records are
 * numbered from 1 over all records, warcinfo and requests included, so the number finds the record in the file.
 */
export async function* readWarc(input: Readable, origin: string, opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const meter = new ByteMeter(opts.maxFileBytes ?? MAX_WARC_FILE_BYTES);
  pipeline(input, meter, () => {
    // Errors reach the parser through `meter` itself.
  });
  const parser = new WARCParser(meter);
  let n = 0;
  let complete = 0;
  let lastComplete = 0; // number of the last record read to its end
  try {
    for await (const rec of parser) {
      n++;
      const recOrigin = `${origin}#record=${n}`;
      // This record may use its declared length and a gap's worth more before the next record must begin.
      meter.record = n;
      meter.recordLimit = meter.total + Math.max(0, Number(rec.warcHeader("Content-Length") ?? 0) || 0) + MAX_WARC_GAP_BYTES;
      // warcio yields a header-less record for a file cut inside the WARC headers; a real record always has these.
      if (rec.warcHeader("Content-Length") == null || rec.warcHeader("WARC-Type") == null) {
        yield fail(recOrigin, `truncated or corrupt record: incomplete WARC headers (file cut short after ${complete} complete records)`);
        return;
      }
      const skip = async (reason: string | null): Promise<boolean> => {
        await rec.skipFully();
        if (missingBytes(rec) > 0) return false;
        if (reason) opts.onSkip?.(recOrigin, reason);
        complete++;
        lastComplete = n;
        return true;
      };
      const type = rec.warcType;
      const url = rec.warcTargetURI ?? null;
      const status = Number(rec.httpHeaders?.statusCode ?? 200);
      const contentType = recordContentType(rec);
      const articleType = type === "response" || type === "resource";
      let skipReason: string | null = null; // null for warcinfo, request, metadata…: skipped without a note
      let tooLarge = false;
      if (!articleType) skipReason = null;
      else if (type === "response" && !rec.httpHeaders) skipReason = "response record without HTTP headers";
      else if (status < 200 || status > 299) skipReason = `HTTP status ${status}`;
      else if (contentType && !ARTICLE_TYPES.test(contentType)) skipReason = `content type ${contentType}`;
      else if (rec.warcContentLength > maxBytes) tooLarge = true;
      const isArticle = articleType && skipReason === null && !tooLarge;
      if (!isArticle) {
        // Skipped records are read through too, so a cut inside one is still reported.
        if (!(await skip(skipReason))) {
          yield fail(recOrigin, `truncated record: ${missingBytes(rec)} of ${rec.warcContentLength} bytes missing (file cut short after ${complete} complete records)`);
          return;
        }
        if (tooLarge) yield fail(recOrigin, `record too large (${mb(rec.warcContentLength)} MB > ${mb(maxBytes)} MB limit)`);
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
      lastComplete = n;
      yield* readDocument(payload, { origin: recOrigin, url, contentType, readHtml: opts.readHtml });
    }
  } catch (err) {
    // A cut gzip stream or unreadable headers: the records before are kept, this one is reported.
    const at = lastComplete === n ? n + 1 : n;
    if (err instanceof WarcLimitError) {
      yield fail(`${origin}#record=${at}`, `WARC file too large after ${complete} complete records: ${err.message}`);
      return;
    }
    yield fail(`${origin}#record=${at}`, `truncated or corrupt record after ${complete} complete records: ${errorMessage(err)}`);
  } finally {
    meter.destroy();
    input.destroy();
  }
}
