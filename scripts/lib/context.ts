// Context fields scored by the protocol of ../shared/eval/README.md:
//
//   on the main claim of each record with killed > 0 (the largest non-historical killed claim), its `period` contains
//   the coders' date (±1 day); its `location` lies within 25 km (and 100 km) of the coders' coordinates; its
//   `perpetrator` shares a word stem with a coded actor (ACLED actor1 / actor2, ignoring generic words such as forces,
//   military, unidentified, armed, group).
//
// A record with gold for a field but no main claim, or a main claim that leaves the field empty, counts as wrong
// (unanswered): accuracy is right / n, and the answered count is kept beside it.
import type { Claim, ExtractResult } from "../../src/extract/index.ts";
import type { EvalRecord } from "./dataset.ts";
import { goldOf } from "./score.ts";
import { num, parseGoldDate, str } from "./dataset.ts";
import { formatTable } from "./table.ts";

export const CONTEXT_FIELDS = ["date in period", "place ≤25 km", "≤100 km", "perpetrator"] as const;
export type ContextField = (typeof CONTEXT_FIELDS)[number];

export interface ContextSample {
  /** null when the extractor gave nothing for the field (unanswered). */
  right: boolean | null;
  /** For distances: km to the gold point. */
  km?: number;
}

export interface ContextSummary {
  /** Records with a gold value for the field. */
  n: number;
  /** … of which the extractor gave a value. */
  answered: number;
  right: number;
  /** right / n (an unanswered record counts as wrong); null when nothing was answered. */
  accuracy: number | null;
  /** right / answered. */
  precision: number | null;
  medianKm?: number | null;
}

export interface ContextScore {
  add(s: ContextSample): void;
  summary(): ContextSummary;
}

export function emptyContextScore(): ContextScore {
  let n = 0;
  let answered = 0;
  let right = 0;
  const kms: number[] = [];
  return {
    add(s) {
      n++;
      if (s.km !== undefined) kms.push(s.km);
      if (s.right === null) return;
      answered++;
      if (s.right) right++;
    },
    summary() {
      const out: ContextSummary = {
        n,
        answered,
        right,
        accuracy: answered === 0 ? null : right / n,
        precision: answered === 0 ? null : right / answered,
      };
      if (kms.length > 0) {
        const s = [...kms].sort((a, b) => a - b);
        out.medianKm = s[Math.floor(s.length / 2)] ?? null;
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------

/** Country names as the gold data spells them → ISO 3166-1 alpha-2 (the countries present in dev/, plus MUC-4's). */
const COUNTRY_ISO: Record<string, string> = {
  afghanistan: "AF",
  albania: "AL",
  algeria: "DZ",
  angola: "AO",
  argentina: "AR",
  armenia: "AM",
  azerbaijan: "AZ",
  bangladesh: "BD",
  belarus: "BY",
  belgium: "BE",
  belize: "BZ",
  benin: "BJ",
  bolivia: "BO",
  "bosnia and herzegovina": "BA",
  brazil: "BR",
  bulgaria: "BG",
  "burkina faso": "BF",
  burundi: "BI",
  cambodia: "KH",
  cameroon: "CM",
  "central african republic": "CF",
  chad: "TD",
  chile: "CL",
  colombia: "CO",
  "costa rica": "CR",
  croatia: "HR",
  cuba: "CU",
  "democratic republic of congo": "CD",
  "democratic republic of the congo": "CD",
  "dominican republic": "DO",
  ecuador: "EC",
  egypt: "EG",
  "el salvador": "SV",
  ethiopia: "ET",
  france: "FR",
  gabon: "GA",
  gambia: "GM",
  georgia: "GE",
  germany: "DE",
  ghana: "GH",
  greece: "GR",
  guatemala: "GT",
  guinea: "GN",
  guyana: "GY",
  haiti: "HT",
  honduras: "HN",
  india: "IN",
  indonesia: "ID",
  iran: "IR",
  iraq: "IQ",
  israel: "IL",
  "ivory coast": "CI",
  jamaica: "JM",
  kazakhstan: "KZ",
  kenya: "KE",
  kyrgyzstan: "KG",
  lebanon: "LB",
  liberia: "LR",
  libya: "LY",
  madagascar: "MG",
  malawi: "MW",
  mali: "ML",
  mauritania: "MR",
  mexico: "MX",
  moldova: "MD",
  morocco: "MA",
  mozambique: "MZ",
  myanmar: "MM",
  namibia: "NA",
  nepal: "NP",
  nicaragua: "NI",
  niger: "NE",
  nigeria: "NG",
  pakistan: "PK",
  palestine: "PS",
  panama: "PA",
  paraguay: "PY",
  peru: "PE",
  philippines: "PH",
  "puerto rico": "PR",
  romania: "RO",
  russia: "RU",
  "saudi arabia": "SA",
  senegal: "SN",
  serbia: "RS",
  "sierra leone": "SL",
  somalia: "SO",
  "south africa": "ZA",
  "south sudan": "SS",
  "sri lanka": "LK",
  sudan: "SD",
  syria: "SY",
  thailand: "TH",
  togo: "TG",
  tunisia: "TN",
  turkey: "TR",
  uganda: "UG",
  ukraine: "UA",
  "united kingdom": "GB",
  "united states": "US",
  uruguay: "UY",
  venezuela: "VE",
  yemen: "YE",
  zambia: "ZM",
  zimbabwe: "ZW",
};

export function countryIso(name: string | null): string | null {
  if (!name) return null;
  return COUNTRY_ISO[name.trim().toLowerCase()] ?? null;
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Words that name a kind of actor rather than an actor (the protocol's "generic words"), and function words. Years and
 * ACLED's parentheticals ("(2016-)", "(Nigeria)": the coders' disambiguation tags, not part of the name) go too.
 */
const GENERIC_ACTOR_WORDS = new Set([
  "forces",
  "force",
  "military",
  "unidentified",
  "unknown",
  "armed",
  "group",
  "groups",
  // Kinds of actor that name nobody in particular, like the protocol's examples.
  "militia",
  "militias",
  "militiamen",
  "gang",
  "gangs",
  "gunmen",
  "men",
  "assailants",
  "attackers",
  "of",
  "the",
  "and",
  "al",
  "el",
  "ad",
  "as",
  "an",
  "ar",
  "ash",
]);

function actorWords(s: string): string[] {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !/^\d+$/.test(w) && !GENERIC_ACTOR_WORDS.has(w));
}

/**
 * Two words share a stem when one is a prefix of the other up to an inflection or demonym ending: a common prefix of
 * at least four letters that leaves at most two letters of the shorter word ("Houthis" ~ "Houthi", "Israeli" ~
 * "Israel", "Nigerian" ~ "Nigeria", "Shabab" ~ "Shabaab").
 */
export function sameStem(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i >= 4 && i >= Math.min(a.length, b.length) - 2;
}

export function actorMatches(perpetrator: string, gold: readonly string[]): boolean {
  const ours = actorWords(perpetrator);
  if (ours.length === 0) return false;
  return gold.some((g) => actorWords(g).some((gw) => ours.some((w) => sameStem(w, gw))));
}

/** The protocol's main claim: the largest non-historical killed claim (the first of equals, in text order). */
export function mainClaim(result: ExtractResult): Claim | null {
  let best: Claim | null = null;
  for (const c of result.claims) {
    if (c.metric !== "killed" || c.historical) continue;
    if (best === null || c.value > best.value) best = c;
  }
  return best;
}

interface GoldContext {
  /** YYYY-MM-DD. */
  date: string | null;
  point: { lat: number; lon: number } | null;
  actors: string[];
}

function goldContext(file: string, rec: EvalRecord): GoldContext {
  let date = parseGoldDate(str(rec, "date"));
  const template = (rec.raw["templates"] as { date?: string }[] | undefined)?.[0];
  // MUC-4: the first template's date ("07 JAN 90").
  if (!date && file === "muc4") date = parseGoldDate(template?.date ?? null);
  const lat = num(rec, "lat");
  const lon = num(rec, "lon");
  const point = lat !== null && lon !== null ? { lat, lon } : null;
  // The protocol scores perpetrators on ACLED's actor1 / actor2 only.
  const actors: string[] = [];
  if (file === "acled") {
    for (const k of ["actor1", "actor2"]) {
      const v = str(rec, k);
      if (v) actors.push(v);
    }
  }
  return { date, point, actors };
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The claim's period contains the gold day ±1: [start, end] meets [gold − 1, gold + 1]. An open end stays open. */
export function periodContains(period: Claim["period"], gold: string): boolean | null {
  if (!period || (!period.start && !period.end)) return null;
  const lo = addDays(gold, -1);
  const hi = addDays(gold, 1);
  const start = period.start ?? "0000-01-01";
  const end = period.end ?? "9999-12-31";
  return start.slice(0, 10) <= hi && end.slice(0, 10) >= lo;
}

/** True when the record is scored for context: gold killed > 0 (the top of a range counts). */
export function scoredForContext(rec: EvalRecord): boolean {
  const g = goldOf(rec, "killed");
  return g !== null && Math.max(g.value, g.max) > 0;
}

export function contextScoresFor(
  file: string,
  rec: EvalRecord,
  result: ExtractResult,
): Partial<Record<ContextField, ContextSample>> {
  if (!scoredForContext(rec)) return {};
  const gold = goldContext(file, rec);
  const claim = mainClaim(result);
  const out: Partial<Record<ContextField, ContextSample>> = {};
  if (gold.date) out["date in period"] = { right: claim ? periodContains(claim.period, gold.date) : null };
  if (gold.point) {
    const loc = claim?.location;
    if (loc && loc.lat !== null && loc.lon !== null) {
      const km = haversineKm(gold.point.lat, gold.point.lon, loc.lat, loc.lon);
      out["place ≤25 km"] = { right: km <= 25, km };
      out["≤100 km"] = { right: km <= 100 };
    } else {
      out["place ≤25 km"] = { right: null };
      out["≤100 km"] = { right: null };
    }
  }
  if (gold.actors.length > 0) {
    const p = claim?.perpetrator ?? null;
    out.perpetrator = { right: p === null ? null : actorMatches(p, gold.actors) };
  }
  return out;
}

/** One row per file and half: each field's accuracy (right / n), with "answered/n" beside it. */
export function formatContextTable(
  reports: { name: string; half: string; context: Record<string, ContextScore> }[],
): string {
  const header = ["file", "half", ...CONTEXT_FIELDS.flatMap((f) => [f, "answered/n"]), "median km"];
  const rows: string[][] = [];
  for (const r of reports) {
    const sums = CONTEXT_FIELDS.map((f) => r.context[f]?.summary() ?? null);
    if (sums.every((s) => !s || s.n === 0)) continue;
    const row = [r.name, r.half];
    for (const s of sums) {
      if (!s || s.n === 0) row.push("–", "");
      else row.push(((s.right / s.n) as number).toFixed(3), `${s.answered}/${s.n}`);
    }
    const km = r.context["place ≤25 km"]?.summary().medianKm;
    row.push(km == null ? "" : km.toFixed(1));
    rows.push(row);
  }
  return formatTable(
    header,
    rows,
    header.map((_, i) => (i < 2 ? "left" : "right")),
  );
}
