// Character set detection and decoding. Order follows the HTML standard: a byte-order mark wins, then the
// HTTP Content-Type header, then the document's own declaration (<meta charset>, http-equiv, <?xml encoding>).
// Without any of these the bytes are tried as UTF-8 and, failing that, as windows-1252 (what browsers do
// for legacy English pages).

export interface Decoded {
  text: string;
  /** The WHATWG encoding name actually used, e.g. "utf-8", "windows-1256". */
  charset: string;
  /** Where the charset came from. */
  source: "bom" | "header" | "meta" | "xml" | "utf8-valid" | "fallback";
}

/** How many leading bytes are searched for a declaration (the HTML standard's prescan uses 1024; pages often put it later). */
const PRESCAN_BYTES = 8192;

/** Returns the WHATWG name for a label, or null when TextDecoder does not know it. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return null;
  }
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType);
  return m?.[1] ?? null;
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: "utf-8", length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: "utf-16be", length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: "utf-16le", length: 2 };
  return null;
}

/** Reads the head as latin1 so every byte maps to one char: declarations are ASCII in all ASCII-compatible charsets. */
function headAscii(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString("latin1");
}

/** The charset declared inside an HTML head: <meta charset=…> or <meta http-equiv=Content-Type content="…; charset=…">. */
export function metaCharset(bytes: Uint8Array): string | null {
  const head = headAscii(bytes);
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const c = /\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(m[0]);
    if (c?.[1]) return c[1];
  }
  return null;
}

/** The encoding pseudo-attribute of an XML declaration. */
export function xmlCharset(bytes: Uint8Array): string | null {
  const m = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(headAscii(bytes));
  return m?.[1] ?? null;
}

export function decodeBytes(
  bytes: Uint8Array,
  opts: { contentType?: string | null; flavour?: "html" | "xml" | "text" } = {},
): Decoded {
  const bom = bomCharset(bytes);
  if (bom) {
    return { text: new TextDecoder(bom.charset).decode(bytes.subarray(bom.length)), charset: bom.charset, source: "bom" };
  }
  const header = normaliseCharset(charsetFromContentType(opts.contentType));
  if (header) return { text: new TextDecoder(header).decode(bytes), charset: header, source: "header" };

  const flavour = opts.flavour ?? "text";
  if (flavour === "html" || flavour === "xml") {
    const declared = flavour === "xml" ? (xmlCharset(bytes) ?? metaCharset(bytes)) : (metaCharset(bytes) ?? xmlCharset(bytes));
    let charset = normaliseCharset(declared);
    // A document that declares UTF-16 in ASCII bytes cannot be UTF-16; the HTML standard says read it as UTF-8.
    if (charset === "utf-16le" || charset === "utf-16be") charset = "utf-8";
    if (charset) return { text: new TextDecoder(charset).decode(bytes), charset, source: flavour === "xml" ? "xml" : "meta" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), charset: "utf-8", source: "utf8-valid" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), charset: "windows-1252", source: "fallback" };
  }
}
