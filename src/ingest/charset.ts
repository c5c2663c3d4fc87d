// Character set detection and decoding. Order follows the HTML standard: a byte-order mark wins, then the
// HTTP Content-Type header, then the document's own declaration (<meta charset>, http-equiv, <?xml encoding>).
// Without any of these the bytes are tried as UTF-8 and, failing that, as windows-1252 (what browsers do
// for legacy English pages).

export interface Decoded {
  text: string;
  /** The WHATWG encoding name actually used, e.g. "utf-8", "windows-1256". */
  charset: string;
  /** Where the charset came from. */
  source: "bom" | "header" | "meta" | "xml" | "utf8-valid" | "utf8-repaired" | "fallback";
  /** Said when the bytes were not what they claim or seem: invalid UTF-8 replaced, or a guess at windows-1252. */
  warning?: string;
}

/** Well-formed multi-byte UTF-8 sequences and malformed bytes in `bytes` (one linear pass). */
function utf8Census(bytes: Uint8Array): { multi: number; bad: number; firstBad: number } {
  let multi = 0;
  let bad = 0;
  let firstBad = -1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    // Overlong and surrogate forms are malformed too.
    if (ok && len === 3) ok = !(b === 0xe0 && bytes[i + 1]! < 0xa0) && !(b === 0xed && bytes[i + 1]! >= 0xa0);
    if (ok && len === 4) ok = !(b === 0xf0 && bytes[i + 1]! < 0x90) && !(b === 0xf4 && bytes[i + 1]! >= 0x90);
    if (ok) {
      multi++;
      i += len;
    } else {
      if (firstBad < 0) firstBad = i;
      bad++;
      i++;
    }
  }
  return { multi, bad, firstBad };
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
    // UTF-8 text with a few damaged bytes is still UTF-8: reading it all as windows-1252 would garble every
    // accented letter and every typographic quote. Legacy windows-1252 text has no well-formed UTF-8 sequences
    // (or fewer than its stray high bytes), so that reading stays for it.
    const { multi, bad, firstBad } = utf8Census(bytes);
    if (multi > 0 && bad <= multi) {
      return {
        text: new TextDecoder("utf-8").decode(bytes),
        charset: "utf-8",
        source: "utf8-repaired",
        warning: `${bad} byte${bad === 1 ? "" : "s"} not valid UTF-8 (the first at byte ${firstBad}) replaced by U+FFFD; the rest read as UTF-8`,
      };
    }
    return {
      text: new TextDecoder("windows-1252").decode(bytes),
      charset: "windows-1252",
      source: "fallback",
      warning: `no charset declared and the bytes are not UTF-8 (the first invalid at byte ${firstBad}): read as windows-1252`,
    };
  }
}
