// On-disk layout of the cached index. JSON of ~200k places took ~0.5 s to parse, so the cache is binary:
// typed-array columns viewed in place plus a few large strings, and keys are binary-searched rather than
// loaded into a Map. Loading is then one file read and a handful of string decodes.

export const INDEX_VERSION = 1;
const MAGIC = "TOLLGAZ1";

export const KIND_CODES = ["city", "region", "country"] as const;

export interface IndexMeta {
  version: number;
  /** Source data facts: the cache is rebuilt when the source file changes. */
  source: { file: string; bytes: number; mtimeMs: number; rows: number };
  /** Hash of the hand-written tables and build settings: editing them invalidates the cache. */
  dataHash: string;
  builtAt: string;
  maxWords: number;
  places: number;
  keys: number;
}

/** The index in memory, as written and as read. */
export interface IndexData {
  meta: IndexMeta;
  geonameid: Int32Array;
  /** Fixed-point, 1e-5 degrees. */
  lat: Int32Array;
  lon: Int32Array;
  population: Uint32Array;
  /** Index into KIND_CODES. */
  kind: Uint8Array;
  /** Two characters per place. */
  country: string;
  /** Names joined with "\n"; nameStart has places + 1 entries (UTF-16 offsets). */
  names: string;
  nameStart: Uint32Array;
  admin1: string;
  admin1Start: Uint32Array;
  /** Normalised keys in UTF-16 code unit order, joined with "\n". */
  keys: string;
  keyStart: Uint32Array;
  /** Place indices per key, in population order; postingStart has keys + 1 entries. */
  postings: Uint32Array;
  postingStart: Uint32Array;
}

type Column = Int32Array | Uint32Array | Uint8Array;

export function joinWithOffsets(parts: readonly string[]): { text: string; start: Uint32Array } {
  const start = new Uint32Array(parts.length + 1);
  let pos = 0;
  parts.forEach((p, i) => {
    start[i] = pos;
    pos += p.length + 1;
  });
  start[parts.length] = pos;
  return { text: parts.join("\n") + "\n", start };
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

export function serializeIndex(data: IndexData): Buffer {
  const enc = new TextEncoder();
  const strings = [data.country, data.names, data.admin1, data.keys].map((s) => enc.encode(s));
  const columns: Column[] = [
    data.geonameid,
    data.lat,
    data.lon,
    data.population,
    data.nameStart,
    data.admin1Start,
    data.keyStart,
    data.postings,
    data.postingStart,
    data.kind,
  ];
  const header = enc.encode(
    JSON.stringify({
      meta: data.meta,
      strings: strings.map((s) => s.byteLength),
      columns: columns.map((c) => c.length),
    }),
  );
  let size = pad4(MAGIC.length + 4 + header.byteLength);
  for (const c of columns) size += pad4(c.byteLength);
  for (const s of strings) size += s.byteLength;
  const buf = Buffer.alloc(size);
  buf.write(MAGIC, 0, "latin1");
  buf.writeUInt32LE(header.byteLength, MAGIC.length);
  buf.set(header, MAGIC.length + 4);
  let pos = pad4(MAGIC.length + 4 + header.byteLength);
  // Typed columns first, each 4-byte aligned so the reader can view them without copying.
  for (const c of columns) {
    buf.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), pos);
    pos += pad4(c.byteLength);
  }
  for (const s of strings) {
    buf.set(s, pos);
    pos += s.byteLength;
  }
  return buf;
}

export function deserializeIndex(buf: Uint8Array): IndexData {
  const dec = new TextDecoder();
  if (dec.decode(buf.subarray(0, MAGIC.length)) !== MAGIC) throw new Error("gazetteer cache: bad magic");
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const headerLen = view.getUint32(MAGIC.length, true);
  const header = JSON.parse(dec.decode(buf.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLen))) as {
    meta: IndexMeta;
    strings: number[];
    columns: number[];
  };
  if (header.meta.version !== INDEX_VERSION) throw new Error("gazetteer cache: old version");
  if ((buf.byteOffset & 3) !== 0) buf = buf.slice();
  let pos = pad4(MAGIC.length + 4 + headerLen);
  const n = (i: number): number => header.columns[i] ?? 0;
  const i32 = (len: number): Int32Array => {
    const a = new Int32Array(buf.buffer, buf.byteOffset + pos, len);
    pos += pad4(len * 4);
    return a;
  };
  const u32 = (len: number): Uint32Array => {
    const a = new Uint32Array(buf.buffer, buf.byteOffset + pos, len);
    pos += pad4(len * 4);
    return a;
  };
  const geonameid = i32(n(0));
  const lat = i32(n(1));
  const lon = i32(n(2));
  const population = u32(n(3));
  const nameStart = u32(n(4));
  const admin1Start = u32(n(5));
  const keyStart = u32(n(6));
  const postings = u32(n(7));
  const postingStart = u32(n(8));
  const kind = new Uint8Array(buf.buffer, buf.byteOffset + pos, n(9));
  pos += pad4(n(9));
  const str = (len: number): string => {
    const s = dec.decode(buf.subarray(pos, pos + len));
    pos += len;
    return s;
  };
  const [cLen = 0, nLen = 0, aLen = 0, kLen = 0] = header.strings;
  const country = str(cLen);
  const names = str(nLen);
  const admin1 = str(aLen);
  const keys = str(kLen);
  return {
    meta: header.meta,
    geonameid,
    lat,
    lon,
    population,
    kind,
    country,
    names,
    nameStart,
    admin1,
    admin1Start,
    keys,
    keyStart,
    postings,
    postingStart,
  };
}
