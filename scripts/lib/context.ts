// Context fields scored against gold: date, country, location (distance) and actor.
//
// Which claims are compared: the killed claims that make the document's total (those listed in an incident, not
// historical, not part of another claim), in text order; when there are none, the first claim. A field the extractor
// leaves empty on those claims is "unanswered": the tables show how many records were answered, and "n/a" when none.
import type { Claim, ExtractResult } from "../../src/extract/index.ts";
import type { EvalRecord } from "./dataset.ts";
import { num, parseGoldDate, str } from "./dataset.ts";
import { formatTable } from "./table.ts";

export const CONTEXT_FIELDS = ["date", "country", "location ≤25 km", "location ≤100 km", "actor"] as const;
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
 * Lower case, parentheticals ("(Israel)", "(2016-)") and punctuation removed, and a few words that name the same kind
 * of actor folded together ("Israeli forces" ~ "Israeli Military", "unidentified gunmen" ~ "Unidentified Armed Group"),
 * so that the containment test compares names rather than word choices.
 */
function normActor(s: string): string {
  return s
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/\b(?:armed forces|defen[cs]e forces|forces|force|army|troops|military)\b/g, "military")
    .replace(/\b(?:gunmen|gunman|armed men|armed group)\b/g, "armed group")
    .replace(/\s+/g, " ")
    .trim();
}

export function actorMatches(perpetrator: string, gold: readonly string[]): boolean {
  const p = normActor(perpetrator);
  if (p === "") return false;
  return gold.some((g) => {
    const n = normActor(g);
    return n !== "" && (n.includes(p) || p.includes(n));
  });
}

/** The claims whose context is compared (see the header comment). */
export function claimsForContext(result: ExtractResult): Claim[] {
  const inTotal = new Set(result.incidents.flatMap((i) => i.claims));
  const total = result.claims.filter(
    (c) => c.metric === "killed" && inTotal.has(c.id) && !c.historical && !c.part_of,
  );
  if (total.length > 0) return total;
  const first = result.claims[0];
  return first ? [first] : [];
}

interface GoldContext {
  /** YYYY-MM-DD, or a year (YYYY) when only the year is known. */
  date: string | null;
  country: string | null;
  point: { lat: number; lon: number } | null;
  actors: string[];
}

function goldContext(file: string, rec: EvalRecord): GoldContext {
  let date: string | null = null;
  if (file === "wiki") date = /^\d{4}$/.test(str(rec, "year") ?? "") ? str(rec, "year") : null;
  else if (file === "gva")
    date = parseGoldDate(str(rec, "date")); // incident date, not the article's
  else date = parseGoldDate(str(rec, "date"));
  const template = (rec.raw["templates"] as { location?: string; date?: string }[] | undefined)?.[0];
  // MUC-4: the first template's date ("07 JAN 90") and country ("CHILE: MOLINA (CITY)").
  if (!date && file === "muc4") date = parseGoldDate(template?.date ?? null);

  let country = countryIso(str(rec, "country"));
  // Airwars' Gaza records have no country field: every incident is in the Gaza Strip.
  if (!country && file === "airwars") country = "PS";
  // GVA: every incident is in the United States.
  if (!country && file === "gva") country = "US";
  if (!country && file === "muc4") country = countryIso(template?.location?.split(":")[0] ?? null);

  const lat = num(rec, "lat");
  const lon = num(rec, "lon");
  const point = lat !== null && lon !== null ? { lat, lon } : null;

  const actors: string[] = [];
  for (const k of ["actor1", "actor2", "assoc_actor_1", "assoc_actor_2"]) {
    const v = str(rec, k);
    if (v) actors.push(...v.split(";").map((s) => s.trim()));
  }
  const actor = str(rec, "actor") ?? str(rec, "belligerent") ?? str(rec, "perpetrator");
  if (actor) actors.push(...actor.split(",").map((s) => s.trim()));
  return { date, country, point, actors: actors.filter(Boolean) };
}

function dateRight(claims: readonly Claim[], gold: string): boolean | null {
  const withPeriod = claims.find((c) => c.period && (c.period.start || c.period.end));
  if (!withPeriod?.period) return null;
  const start = withPeriod.period.start ?? withPeriod.period.end;
  const end = withPeriod.period.end ?? withPeriod.period.start;
  if (!start || !end) return null;
  if (gold.length === 4) return start.startsWith(gold) || end.startsWith(gold);
  // Exact day: the period is that one day.
  return start === gold && end === gold;
}

export function contextScoresFor(
  file: string,
  rec: EvalRecord,
  result: ExtractResult,
): Partial<Record<ContextField, ContextSample>> {
  const gold = goldContext(file, rec);
  const claims = claimsForContext(result);
  const out: Partial<Record<ContextField, ContextSample>> = {};
  if (gold.date) out.date = { right: dateRight(claims, gold.date) };
  const located = claims.find((c) => c.location !== null) ?? null;
  if (gold.country) {
    const ours = located?.location?.country ?? null;
    out.country = { right: ours === null ? null : ours.toUpperCase() === gold.country };
  }
  if (gold.point) {
    const withPoint = claims.find((c) => c.location?.lat != null && c.location.lon != null);
    const loc = withPoint?.location;
    if (loc && loc.lat !== null && loc.lon !== null) {
      const km = haversineKm(gold.point.lat, gold.point.lon, loc.lat, loc.lon);
      out["location ≤25 km"] = { right: km <= 25, km };
      out["location ≤100 km"] = { right: km <= 100 };
    } else {
      out["location ≤25 km"] = { right: null };
      out["location ≤100 km"] = { right: null };
    }
  }
  if (gold.actors.length > 0) {
    const p = claims.find((c) => c.perpetrator)?.perpetrator ?? null;
    out.actor = { right: p === null ? null : actorMatches(p, gold.actors) };
  }
  return out;
}

export function formatContextTable(
  reports: { name: string; context: Record<string, ContextScore> }[],
): string {
  const header = ["file", "field", "accuracy", "n", "answered", "right/answered", "median km"];
  const rows: string[][] = [];
  for (const r of reports) {
    for (const f of CONTEXT_FIELDS) {
      const s = r.context[f]?.summary();
      if (!s || s.n === 0) continue;
      const na = s.answered === 0;
      rows.push([
        r.name,
        f,
        na ? "n/a" : (s.accuracy ?? 0).toFixed(3),
        String(s.n),
        String(s.answered),
        na ? "n/a" : (s.precision ?? 0).toFixed(3),
        s.medianKm == null ? "" : s.medianKm.toFixed(1),
      ]);
    }
  }
  return formatTable(header, rows, ["left", "left", "right", "right", "right", "right", "right"]);
}
