// Small normalisers shared by the linking rules, the figures and the grades. Pure functions, no I/O.
import type { Claim, Location, Period, VictimGroup } from "../extract/types.ts";
import type { ArticleMeta, ReconClaim } from "./types.ts";

const DAY_MS = 86_400_000;

/** Global claim key: the article id plus the claim's id inside its extraction ("17#c3"). */
export function claimKey(rc: ReconClaim): string {
  return `${rc.article.article_id}#${rc.claim.id}`;
}

/** Day number (days since 1970-01-01) of "YYYY", "YYYY-MM", "YYYY-MM-DD" or a date-time; null when unreadable. */
export function dayNumber(iso: string | null | undefined, end = false): number | null {
  if (!iso) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] === undefined ? null : Number(m[2]) - 1;
  const d = m[3] === undefined ? null : Number(m[3]);
  // A partial date is a span: its start is the first day, its end the last day (used for period ends).
  if (mo === null) return Math.floor(Date.UTC(end ? y + 1 : y, 0, 1) / DAY_MS) - (end ? 1 : 0);
  if (d === null) return Math.floor(Date.UTC(y, end ? mo + 1 : mo, 1) / DAY_MS) - (end ? 1 : 0);
  return Math.floor(Date.UTC(y, mo, d) / DAY_MS);
}

const isoCache = new Map<number, string>();

export function isoDay(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    // Days repeat endlessly (a few thousand distinct ones): a bounded memo saves a Date per call.
    if (isoCache.size > 100_000) isoCache.clear();
    isoCache.set(day, s);
  }
  return s;
}

export interface Window {
  start: number;
  end: number;
  /** True when read from the claim's own period; false when guessed from the publication date. */
  reported: boolean;
}

/**
 * The days a claim's event can fall on. From the claim's period when it has one; an open start gets a week before
 * the end (incident claims describe recent events). Without a period, news reports recent events: the week up
 * to the publication date.
 */
export function claimWindow(period: Period | null, published: string | null): Window | null {
  if (period && (period.start || period.end)) {
    const e = dayNumber(period.end ?? period.start, true);
    const s = period.start ? dayNumber(period.start) : e === null ? null : e - 7;
    if (s !== null && e !== null) return { start: Math.min(s, e), end: Math.max(s, e), reported: true };
  }
  const p = dayNumber(published);
  return p === null ? null : { start: p - 7, end: p, reported: false };
}

const DIRECTIONS =
  /\b(?:north|south|east|west|central|northern|southern|eastern|western|outskirts|suburbs?|downtown|old city|city of|town of|village of|province|governorate|district|near|of|the)\b/g;

/** Comparable place key: the gazetteer name when resolved, else the written name without directions. */
const placeCache = new Map<string, string | null>();

export function placeKey(loc: Location | null): string | null {
  if (!loc) return null;
  return nameKey(loc.place ?? loc.name);
}

/** The place key of a bare name ("western Mosul" → "mosul"). */
export function nameKey(raw: string | null): string | null {
  if (!raw) return null;
  const hit = placeCache.get(raw);
  if (hit !== undefined) return hit;
  const k = fold(raw).replace(DIRECTIONS, " ").replace(/\s+/g, " ").trim();
  if (placeCache.size > 50_000) placeCache.clear();
  placeCache.set(raw, k === "" ? null : k);
  return k === "" ? null : k;
}

// Outlets, places, methods and sources repeat across thousands of claims: memoise (bounded, cleared when full).
const foldCache = new Map<string, string>();

/** Lower case, accents and punctuation dropped: the shared text key. */
export function fold(s: string): string {
  const hit = foldCache.get(s);
  if (hit !== undefined) return hit;
  const out = foldUncached(s);
  if (foldCache.size > 50_000) foldCache.clear();
  foldCache.set(s, out);
  return out;
}

function foldUncached(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’‘ʼ`´]/g, "")
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

// Method families: two reports of one strike often name it differently ("air raid", "airstrike", "bombing by
// warplanes"), so methods are compared by family. Order matters: the first family that matches wins, so the
// specific ones ("car bomb") come before the general ("bomb").
const METHOD_FAMILIES: readonly [string, RegExp][] = [
  [
    "air",
    /\b(?:air ?strikes?|air ?raids?|air ?attacks?|drones?|warplanes?|jets?|aerial|aircraft|planes?|helicopters?|bombers?|sorties?)\b/,
  ],
  ["shelling", /\b(?:shell(?:ing|s|ed)?|artillery|mortars?|rockets?|missiles?|howitzers?|barrages?|grad)\b/],
  [
    "explosive",
    /\b(?:car bombs?|suicide|ieds?|roadside|bomb(?:ing|s|ed)?|explosions?|explosives?|blasts?|mines?|grenades?)\b/,
  ],
  [
    "shooting",
    /\b(?:shoot(?:ing|ings)?|shot|gun(?:fire|men|man|s)?|snipers?|firing|massacre|execut\w*|clashes?|fighting|battle)\b/,
  ],
  ["stabbing", /\b(?:stab\w*|knife|knives|machete\w*)\b/],
  ["fire", /\b(?:fires?|arson|burn\w*)\b/],
];

/** Method family ("air", "shelling" …) or the folded text itself when no family matches; null when unknown. */
const methodCache = new Map<string, string | null>();

export function methodFamily(method: string | null): string | null {
  if (!method) return null;
  const hit = methodCache.get(method);
  if (hit !== undefined) return hit;
  const out = methodFamilyUncached(method);
  if (methodCache.size > 10_000) methodCache.clear();
  methodCache.set(method, out);
  return out;
}

function methodFamilyUncached(method: string): string | null {
  const f = fold(method);
  if (f === "") return null;
  for (const [name, re] of METHOD_FAMILIES) if (re.test(f)) return name;
  return f;
}

const PERP_STOP = new Set([
  "the",
  "of",
  "and",
  "or",
  "its",
  "their",
  "by",
  "forces",
  "force",
  "led",
  "allies",
  "allied",
  "backed",
  "a",
  "an",
  "group",
  "militants",
  "troops",
]);

/** Significant words of a perpetrator name: "US-led coalition" → {us, coalition}. */
export function perpetratorTokens(p: string | null): Set<string> {
  const out = new Set<string>();
  if (!p) return out;
  for (const w of fold(p).split(" ")) if (w.length > 1 && !PERP_STOP.has(w)) out.add(w);
  return out;
}

/** Two named perpetrators are compatible when one's significant words include the other's, or they share one. */
export function perpetratorsCompatible(a: string, b: string): boolean {
  const ta = perpetratorTokens(a);
  const tb = perpetratorTokens(b);
  if (ta.size === 0 || tb.size === 0) return true;
  for (const w of ta) if (tb.has(w)) return true;
  return false;
}

// Victim classes: figures for the same class can be compared; "people" (and "other") cover everyone.
const CIVILIAN: ReadonlySet<VictimGroup> = new Set<VictimGroup>([
  "civilians",
  "children",
  "women",
  "men",
  "journalists",
  "medical_workers",
  "aid_workers",
]);
const COMBATANT: ReadonlySet<VictimGroup> = new Set<VictimGroup>(["fighters", "soldiers", "police"]);
export type VictimClass = "civilian" | "combatant" | "all";
export function victimClass(v: VictimGroup): VictimClass {
  if (CIVILIAN.has(v)) return "civilian";
  if (COMBATANT.has(v)) return "combatant";
  return "all";
}

// Wire agencies: copies of one agency story are one source, whichever outlet prints them. Short names ("AP", "PA",
// "EFE") are matched case-sensitively and only as words, because they occur inside ordinary words or stand for
// other things ("PA" is also Pennsylvania), and "AP Photo" credits a picture, not the text.
const WIRES: readonly [string, RegExp][] = [
  ["reuters", /\bReuters\b/i],
  ["ap", /\bAP\b(?!\s*Photo|\/)|\bAssociated Press\b(?!\s*(?:Photo|photographer))/],
  ["afp", /\bAFP\b(?!\s*(?:Photo|via Getty))|\bAgence France[- ]Presse\b/i],
  ["anadolu", /\bAnadolu\b/i],
  ["xinhua", /\bXinhua\b/i],
  ["dpa", /\bdpa\b|\bDeutsche Presse-Agentur\b/],
  ["upi", /\bUPI\b|\bUnited Press International\b/],
  ["efe", /\bEFE\b/],
  ["ansa", /\bANSA\b/],
  ["tass", /\bTASS\b/],
  ["pti", /\bPTI\b|\bPress Trust of India\b/],
  ["pa", /\bPA Media\b|\bPress Association\b|\(PA\)/],
  ["bernama", /\bBernama\b/i],
  ["kyodo", /\bKyodo\b/i],
  ["yonhap", /\bYonhap\b/i],
  ["ians", /\bIANS\b/],
  ["ani", /\(ANI\)|\bAsian News International\b/],
  ["interfax", /\bInterfax\b/i],
];

/** The wire agency a text names, if any. */
export function detectWire(...texts: (string | null | undefined)[]): string | null {
  for (const t of texts) {
    if (!t) continue;
    for (const [name, re] of WIRES) if (re.test(t)) return name;
  }
  return null;
}

// Where a story credits the agency it comes from (not a mention of one in the body: "told Reuters" is a quote):
// the dateline ("BAGHDAD (Reuters) -", "GAZA, Oct 7 (AFP) —"), a byline ("By The Associated Press"), and the
// agencies' sign-offs and notices at the end ("Reporting by …; Editing by …", "Copyright 2015 The Associated Press",
// "This material may not be published, broadcast, rewritten or redistributed").
const DATELINE = /^[^\n]{0,120}?\(([A-Za-z][A-Za-z .-]{1,40})\)\s*[-–—:]/m;
const BYLINE = /^\s*(?:By|From|Source:?)\s+(?:the\s+)?([^\n]{2,80})$/im;
const CREDIT_LINE = /^\s*[-–—©]?\s*(?:\(?c\)?|©)?\s*((?:\d{4}\s+)?(?:The\s+)?[A-Z][A-Za-z .-]{1,40})\s*$/m;
const SIGN_OFFS: readonly [string, RegExp][] = [
  [
    "reuters",
    /\((?:Reporting|Additional reporting|Writing) by [^)]{3,200}(?:Editing|editing) by [^)]{3,120}\)/,
  ],
  [
    "ap",
    /\bCopyright\s+(?:©\s*)?\d{4}\s+(?:The\s+)?Associated Press\b|\bmay not be published, broadcast, rewritten,? or redistributed\b/i,
  ],
  ["afp", /©\s*(?:\d{4}\s+)?AFP\b|\bCopyright\s+(?:\d{4}\s+)?AFP\b/],
  ["reuters", /©\s*(?:\d{4}\s+)?(?:Thomson\s+)?Reuters\b/],
];

/**
 * The wire agency an article credits in its text or byline: the dateline, a byline, a sign-off or copyright notice.
 * Null when it credits none (mentioning an agency in the body is not a credit).
 */
export function wireCredit(text: string, author?: string | null): string | null {
  const byAuthor = author ? detectWire(author) : null;
  if (byAuthor) return byAuthor;
  const head = text.slice(0, 600);
  const dl = DATELINE.exec(head);
  if (dl) {
    const w = detectWire(`(${dl[1] ?? ""})`, dl[1]);
    if (w) return w;
  }
  const by = BYLINE.exec(head);
  if (by) {
    const w = detectWire(by[1]);
    if (w) return w;
  }
  for (const [name, re] of SIGN_OFFS) if (re.test(text)) return name;
  // A credit on a line of its own, at the top or the bottom ("— AFP", "The Associated Press").
  const tail = text.slice(-400);
  for (const part of [head, tail]) {
    for (const line of part.split("\n")) {
      const m = CREDIT_LINE.exec(line);
      if (m && line.trim().length <= 45) {
        const w = detectWire(m[1]);
        if (w) return w;
      }
    }
  }
  return null;
}

/**
 * A compact fingerprint of an article's wording, to find copies of one text under different outlets (syndication,
 * wire copy with the outlet's own header and footer): hashes of its five-word shingles, the ones whose hash is
 * 0 mod 8 (the same sample in every copy), at most 256 of the smallest, as base-36 words.
 */
export function textFingerprint(text: string): string | null {
  const words = fold(text)
    .split(" ")
    .filter((w) => w !== "");
  if (words.length < 12) return null;
  const picked = new Set<number>();
  for (let i = 0; i + 5 <= words.length; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < i + 5; k++) {
      const w = words[k] ?? "";
      for (let j = 0; j < w.length; j++) h = Math.imul(h ^ w.charCodeAt(j), 0x01000193);
      h = Math.imul(h ^ 32, 0x01000193);
    }
    h >>>= 0;
    if (h % 8 === 0) picked.add(h);
  }
  if (picked.size < 3) return null;
  return [...picked]
    .sort((a, b) => a - b)
    .slice(0, 256)
    .map((h) => h.toString(36))
    .join(" ");
}

/**
 * How much of the shorter text the longer one holds, by fingerprints (0..1), or null when either is too short to
 * tell. A wire story cut for length is still contained in the full one.
 */
export function textContainment(a: string | null | undefined, b: string | null | undefined): number | null {
  if (!a || !b) return null;
  const sa = new Set(a.split(" "));
  const sb = new Set(b.split(" "));
  // Only the range both samples cover: a capped fingerprint keeps the smallest hashes.
  const maxA = Math.max(...[...sa].map((x) => parseInt(x, 36)));
  const maxB = Math.max(...[...sb].map((x) => parseInt(x, 36)));
  const cap = Math.min(maxA, maxB);
  const ka = [...sa].filter((x) => parseInt(x, 36) <= cap);
  const kb = new Set([...sb].filter((x) => parseInt(x, 36) <= cap));
  const small = Math.min(ka.length, kb.size);
  if (small < 4) return null;
  let both = 0;
  for (const x of ka) if (kb.has(x)) both++;
  return both / small;
}

/**
 * The wire an article carries: credited by its own lines (ingestion's wireCredit, in `meta.wire`), named as its
 * outlet or in its title, credited in a claim sentence's dateline ("MOSUL, Iraq (AP) —"), or given as the source of
 * a figure ("according to Reuters"). An agency merely mentioned in the body ("told Reuters") is not a credit.
 */
export function articleWire(
  meta: ArticleMeta,
  claims: readonly { claim: Claim; sentence_text: string | null }[],
): string | null {
  const declared = detectWire(meta.wire) ?? (meta.wire ? fold(meta.wire) : null);
  if (declared) return declared;
  const own = detectWire(meta.outlet, meta.title);
  if (own) return own;
  for (const c of claims) {
    const w = (c.sentence_text ? wireCredit(c.sentence_text) : null) ?? detectWire(c.claim.source);
    if (w) return w;
  }
  return null;
}

/** Word set for near-duplicate detection. */
export function wordSet(s: string): Set<string> {
  return new Set(
    fold(s)
      .split(" ")
      .filter((w) => w !== ""),
  );
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter);
}

/** A figure a headline would round to: 4,000 for 3,864; 40 for 43. */
export function isRound(n: number): boolean {
  if (n < 10) return false;
  const mag = 10 ** Math.floor(Math.log10(n));
  return n % mag === 0 || (n >= 100 && n % (mag / 2) === 0) || (n >= 20 && n % 10 === 0);
}

/** Stable 48-bit hex digest (FNV-1a, twice with different seeds): ids are derived from claim keys, no I/O. */
export function shortHash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  const a = (h1 >>> 0).toString(16).padStart(8, "0");
  const b = (h2 >>> 0).toString(16).padStart(8, "0");
  return (a + b).slice(0, 12);
}

/** Ordinal string order: locale-independent (the same order on every machine) and much cheaper than localeCompare. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
