// Decides what a document is from its first bytes, not from its name: crawls and downloads often carry
// wrong or no extensions (".php" pages, feeds saved as ".html", WARCs without ".warc").

import type { SourceKind } from "./types.ts";

/** Bytes worth reading to sniff a file. */
export const SNIFF_BYTES = 64 * 1024;

export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Decodes the head for sniffing only: UTF-16 by BOM, else latin1 (markup and JSON openers are ASCII in every charset we read). */
function headText(head: Uint8Array): string {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return new TextDecoder(head[0] === 0xff ? "utf-16le" : "utf-16be").decode(head);
  }
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0; // UTF-8 BOM
  return Buffer.from(head.buffer, head.byteOffset + start, head.byteLength - start).toString("latin1");
}

/** Control bytes that never occur in text (NUL and most C0 codes; tab, LF, FF, CR and ESC are allowed). */
function looksBinary(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  const n = Math.min(head.length, 4096);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i] ?? 0;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) bad++;
  }
  return bad / n > 0.02;
}

/** Skips the XML declaration, comments, processing instructions and doctype, and returns the first element's name (lowercase). */
function firstElementName(s: string): string | null {
  let i = 0;
  for (;;) {
    while (i < s.length && /\s/.test(s[i] ?? "")) i++;
    if (s.startsWith("<!--", i)) {
      const end = s.indexOf("-->", i + 4);
      if (end < 0) return null;
      i = end + 3;
    } else if (s.startsWith("<?", i) || s.startsWith("<!", i)) {
      const end = s.indexOf(">", i + 2);
      if (end < 0) return null;
      i = end + 1;
    } else if (s[i] === "<") {
      const m = /^<([a-z][\w:.-]*)/i.exec(s.slice(i, i + 64));
      return m?.[1]?.toLowerCase() ?? null;
    } else {
      return null;
    }
  }
}

const FEED_ROOTS = new Set(["rss", "feed", "rdf:rdf"]);
const HTML_START = /^<(?:html|head|body|meta|title|link|div|p|article|section|main|header|h[1-6]|script|style|table|span|a|br|img)\b/i;

export function sniffKind(head: Uint8Array): SourceKind {
  const text = stripBom(headText(head));
  const trimmed = text.trimStart();
  if (trimmed.length === 0) return "empty";
  if (trimmed.startsWith("WARC/1.") || trimmed.startsWith("WARC/0.")) return "warc";
  if (looksBinary(head)) return "binary";
  if (trimmed.startsWith("{")) return "jsonl";
  if (trimmed.startsWith("<")) {
    const lower = trimmed.slice(0, 4096).toLowerCase();
    if (/^<!doctype\s+html/.test(lower) || lower.startsWith("<html")) return "html";
    const root = firstElementName(trimmed.slice(0, 16384));
    if (root !== null && FEED_ROOTS.has(root)) return "feed";
    if (root === "html" || /<!doctype\s+html/.test(lower)) return "html";
    if (HTML_START.test(trimmed) || /<(?:html|body)\b/.test(lower)) return "html";
    // Other XML (sitemaps, SVG) is not an article source; a stray "<" at the start of prose is rare.
    if (lower.startsWith("<?xml")) return "xml";
    return "html";
  }
  return "text";
}
