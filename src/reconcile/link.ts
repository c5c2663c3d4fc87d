// Linking: do two groups of claims (a new article's document incident, and an incident already recorded) describe the
// same event? Each side is summarised into a Profile; an ordered list of named rules each returns a score
// contribution with its reason (chrono/compromise style); a veto ends the comparison. The groups link when the
// sum reaches the threshold (DEFAULT_THRESHOLD, 4).
//
// Rules: same_article (one document incident +10; different document incidents of one article: veto; same article
// otherwise +2), date, place, method, perpetrator, figures, corroboration; see each below.
// Calibration, by the cases the rules must get right:
//   same day (+3) + same place (+3)                                   = 6  → linked
//   same day + same city + different methods (-3)                     = 3  → two incidents
//   adjacent days (-1) + same place + same method (+1) + compatible
//     perpetrators (+1) + wildly different figures (-3) (43 vs 237)   = 1  → two incidents (3 if the same article
//     holds both outside document incidents: still two)
//   adjacent days (-1) + same place + same method + agreeing figures  = 4  → linked (a reporting lag)
//   overlapping week (+2) + same place + agreeing figures (+1)        = 6  → linked
//   publication date only (+1) + same country, no place (0) + same method + same perpetrator = 3 → not linked
//   same day + same city + nothing else to compare (corroboration -3)  = 3  → two incidents
//   same day + same city + method + perpetrator + 5 vs 12 killed (-5)  = 3  → two incidents (strikes in one city)
//   figures more than threefold apart, bounds disjoint                 → veto (unless one document incident)
import type { Metric } from "../extract/types.ts";
import type { ArticleMeta, MetricTotal, StoredReconClaim } from "./types.ts";
import type { Window } from "./normalize.ts";
import {
  claimWindow,
  cmp,
  haversineKm,
  isoDay,
  methodFamily,
  nameKey,
  perpetratorsCompatible,
  placeKey,
} from "./normalize.ts";

export const DEFAULT_THRESHOLD = 4;

export interface PlaceRef {
  key: string | null;
  geonameid: number | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  /** exact/near places can be told apart; region/country ones only narrow the country. */
  specific: boolean;
  /** Only a country ("in Iraq"): its name says nothing about the place. */
  countryLevel: boolean;
}

export interface MetricSpan {
  low: number;
  high: number;
  /** Every figure is open upwards ("at least"): no upper limit. */
  open: boolean;
  /** Every figure is a cap ("as many as"): no lower limit. */
  capsOnly: boolean;
}

export interface Profile {
  window: Window | null;
  latestPublished: string;
  places: PlaceRef[];
  countries: Set<string>;
  methods: Set<string>;
  perpetrators: string[];
  metrics: Map<Metric, MetricSpan>;
  /** Named sub-areas and families (normalised): a mention narrower than the resolved place, "the X family". */
  names: Set<string>;
  /** Names of the victims the claims are about (claim.victim_name), normalised. */
  victims: Set<string>;
  /** Times of day the reports give ("at around 9:40pm", "at dawn"), as hour ranges [from, to) on a 0–24 clock. */
  hours: [number, number][];
  /** article id → document incidents of that article in this group (null: a claim outside any). */
  docIncidents: Map<string, Set<string | null>>;
}

/** Summarise claims (with their articles and computed totals) for the linking rules. */
export function buildProfile(
  claims: readonly StoredReconClaim[],
  articles: Readonly<Record<string, ArticleMeta>>,
  totals: readonly MetricTotal[],
): Profile {
  let window: Window | null = null;
  let latestPublished = "";
  const places: PlaceRef[] = [];
  const seenPlace = new Set<string>();
  const countries = new Set<string>();
  const methods = new Set<string>();
  const perps = new Set<string>();
  const docIncidents = new Map<string, Set<string | null>>();
  const names = new Set<string>();
  const victims = new Set<string>();
  const hours: [number, number][] = [];
  const seenHours = new Set<string>();
  const quals = new Map<Metric, { open: boolean; capsOnly: boolean }>();
  for (const sc of claims) {
    const c = sc.claim;
    const published = articles[sc.article_id]?.published ?? null;
    if (published !== null && published > latestPublished) latestPublished = published;
    let d = docIncidents.get(sc.article_id);
    if (!d) docIncidents.set(sc.article_id, (d = new Set()));
    d.add(sc.doc_incident);
    if (c.part_of !== null || c.historical) continue;
    // The narrowest window wins, reported ones over guessed ones; ties go to the earliest so the result does not
    // depend on claim order.
    const w = claimWindow(c.period, published);
    if (w && (!window || better(w, window))) window = w;
    for (const n of familyNames(`${c.victims_text ?? ""} ${c.evidence.text} ${sc.sentence_text ?? ""}`))
      names.add(n);
    if (c.victim_name) {
      const v = normName(c.victim_name);
      if (v) victims.add(v);
    }
    for (const h of timesOfDay(`${c.evidence.text} ${sc.sentence_text ?? ""}`)) {
      const k = h.join("-");
      if (!seenHours.has(k)) {
        seenHours.add(k);
        hours.push(h);
      }
    }
    const loc = c.location;
    if (loc) {
      // A mention narrower than the resolved place ("the Al-Zaytoun neighborhood of Gaza"), compared without its
      // directions ("western Mosul" is Mosul, not a sub-area of it).
      const sub = nameKey(loc.name) ?? "";
      const of = (x: string | null) => nameKey(x) ?? "";
      if (sub && sub !== of(loc.place) && sub !== of(loc.country) && !of(loc.place).includes(sub))
        names.add(sub);
      if (loc.country) countries.add(loc.country);
      const ref: PlaceRef = {
        key: placeKey(loc),
        geonameid: loc.geonameid ?? null,
        lat: loc.lat,
        lon: loc.lon,
        country: loc.country,
        specific: loc.precision === "exact" || loc.precision === "near",
        countryLevel: loc.precision === "country",
      };
      const id = `${ref.key}|${ref.geonameid}|${ref.lat}|${ref.lon}|${ref.specific}`;
      if (!seenPlace.has(id)) {
        seenPlace.add(id);
        places.push(ref);
      }
    }
    const m = methodFamily(c.method);
    if (m) methods.add(m);
    if (c.perpetrator) perps.add(c.perpetrator);
    const q = quals.get(c.metric) ?? { open: true, capsOnly: true };
    const isOpen = c.qualifier === "at_least" || c.qualifier === "more_than";
    const isCap = c.qualifier === "at_most" || c.qualifier === "fewer_than";
    quals.set(c.metric, { open: q.open && isOpen, capsOnly: q.capsOnly && isCap });
  }
  const metrics = new Map<Metric, MetricSpan>();
  for (const t of totals) {
    const q = quals.get(t.metric) ?? { open: false, capsOnly: false };
    metrics.set(t.metric, { low: t.low, high: t.high, ...q });
  }
  places.sort((a, b) => cmp(String(a.key), String(b.key)));
  return {
    window,
    latestPublished,
    places,
    countries,
    methods,
    perpetrators: [...perps].sort(),
    metrics,
    names,
    victims,
    hours: hours.sort((x, y) => x[0] - y[0] || x[1] - y[1]),
    docIncidents,
  };
}

// Times of day, as hour ranges. A clock time is taken to the hour either side; words cover their usual span
// ("night" runs past midnight, so its range ends after 24). Order matters: "early morning" before "morning".
const CLOCK = /\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?/gi;
const CLOCK24 =
  /\b(?:at|around|about|before|after|shortly|approximately|by)\s+(?:around\s+|about\s+)?([01]?\d|2[0-3]):([0-5]\d)\b(?!\s*[ap]\.?\s?m)/gi;
const PARTS: readonly [RegExp, [number, number]][] = [
  [
    /\b(?:early hours|pre-?dawn|before dawn|at dawn|dawn|overnight|after midnight|midnight|small hours|early morning)\b/i,
    [0, 8],
  ],
  [/\b(?:morning)\b/i, [5, 12]],
  [/\b(?:noon|midday|lunchtime)\b/i, [11, 14]],
  [/\b(?:afternoon)\b/i, [12, 18]],
  [/\b(?:evening|dusk|sunset|iftar)\b/i, [16, 23]],
  [/\b(?:night|late at night|tonight)\b/i, [19, 29]],
];

/** Times of day a text gives. */
export function timesOfDay(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(CLOCK)) {
    let h = Number(m[1]);
    if (h < 1 || h > 12) continue;
    if ((m[3] ?? "").toLowerCase() === "p" && h !== 12) h += 12;
    if ((m[3] ?? "").toLowerCase() === "a" && h === 12) h = 0;
    const at = h + Number(m[2] ?? 0) / 60;
    out.push([Math.round((at - 1) * 4) / 4, Math.round((at + 1) * 4) / 4]);
  }
  for (const m of text.matchAll(CLOCK24)) {
    const at = Number(m[1]) + Number(m[2]) / 60;
    out.push([Math.round((at - 1) * 4) / 4, Math.round((at + 1) * 4) / 4]);
  }
  if (out.length > 0) return out;
  // Words only when no clock time is given (a clock time is the more precise of the two).
  for (const [re, range] of PARTS) if (re.test(text)) out.push(range);
  // "early morning" is inside "morning": keep the narrower reading only.
  if (out.length === 2 && out[0]?.[1] === 8 && out[1]?.[0] === 5) out.pop();
  return out;
}

/**
 * Hours between two ranges of the same day (0 when they overlap). No wrap-around: the early hours and the evening of
 * one date are a day's length apart, and "night" already runs past 24.
 */
function hourGap(a: [number, number], b: [number, number]): number {
  return Math.max(0, Math.max(a[0], b[0]) - Math.min(a[1], b[1]));
}

const normName = (s: string): string =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/^(?:the|al|el)[\s-]+/, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const FAMILY = /((?:[A-Z][\w'’-]*\s+){1,3})family\b/g;
const NOT_NAME = new Set(["the", "a", "his", "her", "their", "one", "entire", "whole", "same", "royal"]);

/** Family names a sentence gives ("members of the Abu Hassan family" → "abu hassan"). */
function familyNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(FAMILY)) {
    const words = (m[1] ?? "")
      .trim()
      .split(/\s+/)
      .filter((w) => !NOT_NAME.has(w.toLowerCase()));
    const n = normName(words.join(" "));
    if (n) out.push(`family ${n}`);
  }
  return out;
}

function better(a: Window, b: Window): boolean {
  if (a.reported !== b.reported) return a.reported;
  const wa = a.end - a.start;
  const wb = b.end - b.start;
  return wa < wb || (wa === wb && a.start < b.start);
}

export interface RuleResult {
  rule: string;
  score: number;
  veto: boolean;
  text: string;
}

/** A rule sees the results of the rules before it (for rules that weigh the others' evidence). */
type Rule = (a: Profile, b: Profile, prior: readonly RuleResult[]) => RuleResult | null;

const r = (rule: string, score: number, text: string, veto = false): RuleResult => ({
  rule,
  score,
  veto,
  text,
});

/** The same article split them into different document incidents: never the same event. */
const sameArticle: Rule = (a, b) => {
  for (const [art, da] of a.docIncidents) {
    const db = b.docIncidents.get(art);
    if (!db) continue;
    const named = (s: Set<string | null>) => [...s].filter((x): x is string => x !== null);
    const na = named(da);
    const nb = named(db);
    if (na.some((x) => nb.includes(x)))
      return r("same_article", 10, `article ${art} puts them in one document incident`);
    if (na.length > 0 && nb.length > 0)
      return r("same_article", 0, `article ${art} reports them as separate incidents`, true);
    // Claims the extraction left outside any document incident ("30 killed" in a headline over the body's "at least
    // 30 killed in an airstrike in Mosul"): an article mostly reports one event, so a small push towards linking.
    return r("same_article", 2, `same article ${art}, not told apart by the extraction`);
  }
  return null;
};

const date: Rule = (a, b) => {
  const wa = a.window;
  const wb = b.window;
  if (!wa || !wb) return r("date", 0, "no date on one side");
  const gap = Math.max(wa.start, wb.start) - Math.min(wa.end, wb.end);
  const span = (w: Window) => (w.start === w.end ? isoDay(w.start) : `${isoDay(w.start)}..${isoDay(w.end)}`);
  if (gap <= 0) {
    if (!wa.reported || !wb.reported)
      return r("date", 1, `dates compatible (${span(wa)} / ${span(wb)}), one only from the publication date`);
    if (wa.start === wa.end && wb.start === wb.end) return r("date", 3, `same day ${span(wa)}`);
    const wide = Math.max(wa.end - wa.start, wb.end - wb.start);
    if (wide <= 6) return r("date", 2, `overlapping dates ${span(wa)} / ${span(wb)}`);
    return r("date", 1, `overlapping dates within a coarse precision (${span(wa)} / ${span(wb)})`);
  }
  if (!wa.reported || !wb.reported) return r("date", -2, `${gap} days apart, one date only from publication`);
  if (gap === 1) return r("date", -1, `adjacent days (${span(wa)} / ${span(wb)}): maybe a reporting lag`);
  return r("date", 0, `dates ${gap} days apart (${span(wa)} / ${span(wb)})`, true);
};

const place: Rule = (a, b) => {
  const disjointCountries =
    a.countries.size > 0 && b.countries.size > 0 && ![...a.countries].some((c) => b.countries.has(c));
  if (disjointCountries)
    return r(
      "place",
      0,
      `different countries (${[...a.countries].join(",")} / ${[...b.countries].join(",")})`,
      true,
    );
  const sa = a.places.filter((p) => p.specific);
  const sb = b.places.filter((p) => p.specific);
  for (const pa of a.places)
    for (const pb of b.places) {
      if (pa.geonameid !== null && pa.geonameid === pb.geonameid)
        return r("place", 3, `same place (GeoNames ${pa.geonameid})`);
      if (pa.key !== null && pa.key === pb.key && !(pa.countryLevel && pb.countryLevel))
        return r("place", 3, `same place name "${pa.key}"`);
    }
  if (sa.length === 0 || sb.length === 0) {
    return r(
      "place",
      0,
      a.countries.size && b.countries.size
        ? "same country, place not specific on one side"
        : "no place on one side",
    );
  }
  let min = Infinity;
  for (const pa of sa)
    for (const pb of sb)
      if (pa.lat !== null && pa.lon !== null && pb.lat !== null && pb.lon !== null)
        min = Math.min(min, haversineKm(pa.lat, pa.lon, pb.lat, pb.lon));
  if (min <= 10) return r("place", 2, `places ${min.toFixed(1)} km apart`);
  if (min <= 25) return r("place", 1, `places ${min.toFixed(0)} km apart`);
  // Two specific places further apart than a city's extent are two towns, not two names of one spot.
  if (min <= 100) return r("place", -3, `places ${min.toFixed(0)} km apart: different towns`);
  if (Number.isFinite(min)) return r("place", 0, `places ${min.toFixed(0)} km apart`, true);
  return r(
    "place",
    -2,
    `different place names (${sa.map((p) => p.key).join(", ")} / ${sb.map((p) => p.key).join(", ")})`,
  );
};

const method: Rule = (a, b) => {
  if (a.methods.size === 0 || b.methods.size === 0) return null;
  const shared = [...a.methods].filter((m) => b.methods.has(m));
  if (shared.length > 0) return r("method", 1, `same method (${shared.join(", ")})`);
  return r("method", -3, `different methods (${[...a.methods].join(", ")} / ${[...b.methods].join(", ")})`);
};

const perpetrator: Rule = (a, b) => {
  if (a.perpetrators.length === 0 || b.perpetrators.length === 0) return null;
  for (const pa of a.perpetrators)
    for (const pb of b.perpetrators)
      if (perpetratorsCompatible(pa, pb))
        return r("perpetrator", 1, `compatible perpetrators ("${pa}" / "${pb}")`);
  return r(
    "perpetrator",
    -1,
    `different perpetrators (${a.perpetrators.join(", ")} / ${b.perpetrators.join(", ")})`,
  );
};

const figures = (a: Profile, b: Profile): RuleResult | null => {
  let worst: RuleResult | null = null;
  for (const [metric, ma] of a.metrics) {
    const mb = b.metrics.get(metric);
    if (!mb) continue;
    const res = compareSpans(metric, ma, mb, a.latestPublished, b.latestPublished);
    if (!worst || res.score < worst.score) worst = res;
  }
  return worst;
};

function compareSpans(metric: Metric, a: MetricSpan, b: MetricSpan, pubA: string, pubB: string): RuleResult {
  const lo = (s: MetricSpan) => (s.capsOnly ? 0 : s.low);
  const hi = (s: MetricSpan) => (s.open ? Infinity : s.high);
  const fmt = (s: MetricSpan) =>
    s.capsOnly ? `≤${s.high}` : s.open ? `≥${s.low}` : s.low === s.high ? `${s.low}` : `${s.low}-${s.high}`;
  const desc = `${metric} ${fmt(a)} / ${fmt(b)}`;
  if (lo(a) <= hi(b) && lo(b) <= hi(a)) return r("figures", 1, `${desc}: compatible`);
  const [small, big, pubSmall, pubBig] = hi(a) < lo(b) ? [a, b, pubA, pubB] : [b, a, pubB, pubA];
  const top = hi(small);
  const bottom = lo(big);
  const ratio = bottom / Math.max(1, top);
  // Small tolls: a difference of a few counts as close only while it is not a multiple (1 vs 3 is two events as
  // often as a revision; 4 vs 7 is a revision).
  if (ratio <= 1.5 || (bottom - top <= 3 && ratio <= 2))
    return r("figures", 0, `${desc}: close (a rounded or revised figure)`);
  if (ratio <= 3 && pubBig > pubSmall) return r("figures", 0, `${desc}: a later, higher toll`);
  // Same-time reports of one event round or revise by a little; a clear gap with no later report to explain it is
  // strong evidence of two events (several strikes in one city on one day all share method and perpetrator).
  if (ratio <= 3) return r("figures", -5, `${desc}: figures differ, not a later toll`);
  // More than threefold apart, beyond a later toll's plausible growth and with no overlap of the bounds: reports of
  // one event do not disagree like that, distinct events (two strikes in one city on one day) do.
  return r("figures", 0, `${desc}: wildly different figures`, true);
}

/** Both groups share a named document incident of one article: the extraction itself put them together. */
function sameDocIncident(a: Profile, b: Profile): boolean {
  for (const [art, da] of a.docIncidents) {
    const db = b.docIncidents.get(art);
    if (db && [...da].some((x) => x !== null && db.has(x))) return true;
  }
  return false;
}

const figuresOrVeto: Rule = (a, b) => {
  const res = figures(a, b);
  // Within one document incident the article itself said "one event"; a wild difference there is a breakdown or a
  // revision the extraction did not mark, so it only counts against.
  if (res?.veto && sameDocIncident(a, b)) return { ...res, veto: false, score: -3 };
  return res;
};

// Name particles that say nothing on their own: "al-Masri" and "Masri" are one family, "Abu Hassan" and "Hassan" too.
const PARTICLES = new Set([
  "al",
  "el",
  "abu",
  "bin",
  "ibn",
  "bint",
  "de",
  "la",
  "van",
  "von",
  "jr",
  "sr",
  "ii",
  "iii",
]);
const GENERIC_AREA = new Set([
  "camp",
  "refugee",
  "neighborhood",
  "neighbourhood",
  "area",
  "street",
  "road",
  "district",
  "quarter",
  "block",
  "town",
  "city",
  "village",
  "center",
  "centre",
  "square",
  "market",
  "near",
]);

const tokens = (s: string, drop: ReadonlySet<string>) =>
  s.split(" ").filter((w) => w.length > 1 && !drop.has(w));

/** Small edit distance (transliterations: Farwana / Farwaneh); gives up above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

const sameWord = (x: string, y: string) =>
  x === y || (x.length >= 5 && y.length >= 5 && editDistance(x, y, 2) <= 2);

/** One family name written two ways: a shared distinctive word ("al-Masri" / "Masri", "Farwana" / "Farwaneh"). */
function sameFamily(a: string, b: string): boolean {
  const ta = tokens(a, PARTICLES);
  const tb = tokens(b, PARTICLES);
  return ta.some((x) => x.length >= 3 && tb.some((y) => sameWord(x, y)));
}

/**
 * One person named two ways: two shared name words, or a shared last name ("Oscar Garcia" / "Garcia"). A shared
 * first name alone is not enough: many victims share one.
 */
function samePerson(a: string, b: string): boolean {
  const ta = tokens(a, PARTICLES);
  const tb = tokens(b, PARTICLES);
  const shared = ta.filter((x) => tb.some((y) => sameWord(x, y)));
  // Full names on both sides: two shared words ("Maria Garcia" and "Oscar Garcia" are two people).
  if (ta.length >= 2 && tb.length >= 2) return shared.length >= 2;
  // One side gives a single name ("Garcia"): it must be the other's last name.
  const la = ta.at(-1);
  const lb = tb.at(-1);
  return ta.length === 1 ? !!lb && !!la && sameWord(la, lb) : !!la && !!lb && sameWord(la, lb);
}

/** Sub-areas that may be one ("Jabalia refugee camp" / "Jabalia camp"): a shared distinctive word. */
function sameArea(a: string, b: string): boolean {
  const ta = tokens(a, GENERIC_AREA);
  const tb = tokens(b, GENERIC_AREA);
  return ta.some((x) => x.length >= 3 && tb.some((y) => sameWord(x, y)));
}

const familiesOf = (p: Profile) => [...p.names].filter((n) => n.startsWith("family ")).map((n) => n.slice(7));
const areasOf = (p: Profile) => [...p.names].filter((n) => !n.startsWith("family "));

function firstShared(xs: readonly string[], ys: readonly string[], same: (x: string, y: string) => boolean) {
  for (const x of xs) for (const y of ys) if (same(x, y)) return `${x}`;
  return null;
}

/** Names of sub-areas, families or victims that both sides give (a distinctive signal of one event), or null. */
function sharesSubArea(a: Profile, b: Profile): string | null {
  const v = firstShared([...a.victims], [...b.victims], samePerson);
  if (v) return `victim "${v}"`;
  const f = firstShared(familiesOf(a), familiesOf(b), sameFamily);
  if (f) return `the ${f} family`;
  const s = firstShared(areasOf(a), areasOf(b), sameArea);
  if (s) return `named place "${s}"`;
  return null;
}

/** Killed at most one on both sides: one victim each, so two different names are two events. */
function singleVictim(p: Profile): boolean {
  const k = p.metrics.get("killed");
  return !!k && !k.open && k.high <= 1;
}

/**
 * Who and where exactly, when both reports say it: the same named victim, family or sub-area is strong evidence of
 * one event; different ones (the Shabat family home / the Ahmed family home; Al-Zaytoun / Al-Shati) are how
 * distinct strikes on one day in one city differ. Families and single victims count most: a report names the
 * family whose home was hit, and a one-victim event has one name.
 */
const identity: Rule = (a, b) => {
  const shared = sharesSubArea(a, b);
  // A shared sub-area is weak (many reports name the district, and a town the gazetteer did not resolve reads as
  // one); a shared victim or family is strong.
  if (shared) return r("identity", shared.startsWith("named place") ? 1 : 3, `both name ${shared}`);
  const fa = familiesOf(a);
  const fb = familiesOf(b);
  if (fa.length > 0 && fb.length > 0)
    return r("identity", -6, `different families named (${fa.join(", ")} / ${fb.join(", ")})`);
  if (a.victims.size > 0 && b.victims.size > 0) {
    const one = singleVictim(a) && singleVictim(b);
    return r(
      "identity",
      one ? -6 : -2,
      `different victims named (${[...a.victims].join(", ")} / ${[...b.victims].join(", ")})${one ? ", one killed on each side" : ""}`,
    );
  }
  const sa = areasOf(a);
  const sb = areasOf(b);
  if (sa.length > 0 && sb.length > 0)
    return r("identity", -2, `different sub-areas named (${sa.join(", ")} / ${sb.join(", ")})`);
  return null;
};

/** Same day, times of day hours apart (the morning strike / the evening strike): two events (-6 from 4 hours). */
const timeOfDay: Rule = (a, b, prior) => {
  const d = prior.find((x) => x.rule === "date");
  if (!d || d.score < 2 || a.hours.length === 0 || b.hours.length === 0) return null;
  let gap = Infinity;
  for (const ha of a.hours) for (const hb of b.hours) gap = Math.min(gap, hourGap(ha, hb));
  const fmt = (hs: [number, number][]) => hs.map(([x, y]) => `${x % 24}-${y % 24}h`).join(", ");
  if (gap < 2) return r("time_of_day", 0, `times of day agree (${fmt(a.hours)} / ${fmt(b.hours)})`);
  // Hours apart within one day: a strike at dawn and one in the evening are two, however alike otherwise; a
  // couple of hours may be two readings of "night" or "evening".
  return r(
    "time_of_day",
    gap >= 4 ? -6 : -4,
    `times of day ${gap.toFixed(0)} hours apart (${fmt(a.hours)} / ${fmt(b.hours)})`,
  );
};

/**
 * Date and place alone are not enough: in a dense place (a city under bombardment, a city's shootings) many distinct
 * events share both. A third compatible signal beyond them is required: agreeing method or perpetrator, figures that
 * agree or are close, the same article or source story, or a shared named victim, family or sub-area. Without one
 * the pair is penalised below the threshold. Weaker dates need stronger company: a report with no date at all
 * links only through the same article or a shared name; one a day off only with agreeing figures or a shared name.
 */
const corroboration: Rule = (a, b, prior) => {
  const got = (rule: string) => prior.find((x) => x.rule === rule);
  const d = got("date");
  const p = got("place");
  if (!d || !p) return null;
  if (p.score === 0 && d.score > 0) {
    // One side gives no usable place: the day and generic signals (a shooting, "Israeli forces") match countless
    // events in one country; only the same article or a shared victim or family tells this one.
    const sa0 = got("same_article");
    const id0 = got("identity");
    if ((sa0 && sa0.score > 0) || (id0 && id0.score >= 3)) return null;
    return r(
      "corroboration",
      -2,
      "no place on one side and no shared name: the day and method alone do not make one event",
    );
  }
  if (p.score <= 0) return null;
  const sa = got("same_article");
  const sameArt = !!sa && sa.score > 0;
  const id = got("identity");
  // Victims and families only: a shared sub-area is too weak to stand in for a date.
  const named = !!id && id.score >= 3;
  const area = !!id && id.score > 0;
  const f = got("figures");
  const agree = !!f && f.score > 0;
  if (d.score === 0 && !d.veto) {
    if (sameArt || named) return null;
    return r(
      "corroboration",
      -3,
      "no date on one side and no shared name: place and method alone do not make one event",
    );
  }
  if (d.score < 0) {
    if (sameArt || named || agree) return null;
    return r("corroboration", -2, "a day apart with neither agreeing figures nor a shared name");
  }
  const third: string[] = [];
  if (sameArt) third.push("same article");
  const m = got("method");
  if (m && m.score > 0) third.push("method");
  const pe = got("perpetrator");
  if (pe && pe.score > 0) third.push("perpetrator");
  if (f && f.score >= 0 && !f.veto && !/differ/.test(f.text)) third.push("figures");
  if (area) third.push("name");
  if (third.length > 0) return null;
  return r("corroboration", -3, "only date and place agree: not enough for one event where many happen");
};

/** The rules in the order they are applied. */
export const RULES: readonly (readonly [string, Rule])[] = [
  ["same_article", sameArticle],
  ["date", date],
  ["place", place],
  ["method", method],
  ["perpetrator", perpetrator],
  ["figures", figuresOrVeto],
  ["identity", identity],
  ["time_of_day", timeOfDay],
  ["corroboration", corroboration],
];

export interface LinkScore {
  score: number;
  veto: boolean;
  results: RuleResult[];
}

export function scorePair(a: Profile, b: Profile): LinkScore {
  const results: RuleResult[] = [];
  let score = 0;
  for (const [, rule] of RULES) {
    const res = rule(a, b, results);
    if (!res) continue;
    results.push(res);
    if (res.veto) return { score: -Infinity, veto: true, results };
    score += res.score;
  }
  return { score, veto: false, results };
}

/** A score split into what agreed, what counted against and what vetoed (for a LinkDecision). */
export function verdict(s: LinkScore): {
  score: number | null;
  agreed: string[];
  against: string[];
  vetoed: string[];
} {
  const line = (x: RuleResult) =>
    `${x.rule} ${x.veto ? "VETO" : x.score >= 0 ? `+${x.score}` : x.score}: ${x.text}`;
  return {
    score: s.veto ? null : s.score,
    agreed: s.results.filter((x) => !x.veto && x.score > 0).map(line),
    against: s.results.filter((x) => !x.veto && x.score < 0).map(line),
    vetoed: s.results.filter((x) => x.veto).map(line),
  };
}

export function explainScore(s: LinkScore): string {
  return s.results
    .map((x) => `${x.rule} ${x.veto ? "VETO" : x.score >= 0 ? `+${x.score}` : x.score}: ${x.text}`)
    .join("; ");
}
