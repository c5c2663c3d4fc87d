// One document already in memory (a small file, a fetched body, a WARC payload) → read items, by sniffed kind.
import { decodeBytes } from "./charset.ts";
import { readFeed } from "./feed.ts";
import { htmlToArticle } from "./html.ts";
import { sniffKind } from "./sniff.ts";
import { textToArticle } from "./text.ts";
import { errorMessage, fail, ok, type HtmlReadFn, type ReadItem, type SourceKind } from "./types.ts";

export interface DocumentContext {
  origin: string;
  url?: string | null;
  /** HTTP Content-Type (fetch or WARC), for the charset and as a hint when the bytes are ambiguous. */
  contentType?: string | null;
  kind?: SourceKind;
  /** Cleans HTML elsewhere (a worker thread) instead of here. */
  readHtml?: HtmlReadFn;
}

/** Kinds a single in-memory document can be read as here (WARC and JSONL have their own streaming readers). */
export function isDocumentKind(kind: SourceKind): kind is "html" | "feed" | "text" {
  return kind === "html" || kind === "feed" || kind === "text";
}

/** Kind from the bytes, with the Content-Type breaking ties for bodies that sniff as plain text. */
export function documentKind(bytes: Uint8Array, contentType?: string | null): SourceKind {
  const kind = sniffKind(bytes.subarray(0, 64 * 1024));
  const ct = (contentType ?? "").toLowerCase();
  if (kind === "text" && /html/.test(ct)) return "html";
  if (kind === "xml" && /(?:rss|atom)\+xml/.test(ct)) return "feed";
  return kind;
}

export function unsupportedKindMessage(kind: SourceKind): string {
  switch (kind) {
    case "binary":
      return "unsupported content (binary data; expected HTML, text, RSS/Atom, WARC or JSON lines)";
    case "xml":
      return "unsupported XML (not an RSS or Atom feed)";
    case "empty":
      return "empty document";
    default:
      return `unsupported content (${kind})`;
  }
}

export async function* readDocument(bytes: Uint8Array, ctx: DocumentContext): AsyncGenerator<ReadItem> {
  const kind = ctx.kind ?? documentKind(bytes, ctx.contentType);
  try {
    if (kind === "html") {
      const { text, warning } = decodeBytes(bytes, { contentType: ctx.contentType, flavour: "html" });
      const page = { origin: ctx.origin, url: ctx.url ?? null };
      yield ok(ctx.readHtml ? await ctx.readHtml(text, page) : htmlToArticle(text, page), warning);
    } else if (kind === "feed") {
      const { text } = decodeBytes(bytes, { contentType: ctx.contentType, flavour: "xml" });
      yield* readFeed(text, { origin: ctx.origin, url: ctx.url ?? null });
    } else if (kind === "text") {
      const { text, warning } = decodeBytes(bytes, { contentType: ctx.contentType, flavour: "text" });
      const article = textToArticle(text, ctx.origin);
      if (ctx.url) article.url = ctx.url;
      yield ok(article, warning);
    } else {
      yield fail(ctx.origin, unsupportedKindMessage(kind));
    }
  } catch (err) {
    yield fail(ctx.origin, errorMessage(err));
  }
}
