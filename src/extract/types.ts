// The claim model: the JSON shape documented in the README. Field names are a public contract (snake_case as in the JSON).

export const METRICS = ["killed", "injured", "missing", "abducted", "detained", "displaced", "homes_destroyed"] as const;
export type Metric = (typeof METRICS)[number];

export const QUALIFIERS = [
  "exact",
  "approximately",
  "at_least",
  "more_than",
  "at_most",
  "fewer_than",
  "range",
  "vague",
] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export type Scope = "incident" | "cumulative";

export const CERTAINTIES = [
  "reported",
  "confirmed",
  "believed",
  "likely",
  "alleged",
  "feared",
  "unconfirmed",
  "denied",
] as const;
export type Certainty = (typeof CERTAINTIES)[number];

export const VICTIM_GROUPS = [
  "civilians",
  "children",
  "women",
  "men",
  "people",
  "fighters",
  "soldiers",
  "police",
  "journalists",
  "medical_workers",
  "aid_workers",
  "other",
] as const;
export type VictimGroup = (typeof VICTIM_GROUPS)[number];

/** UCDP date_prec idea. */
export type PeriodPrecision = "day" | "days" | "week" | "month" | "year";
export interface Period {
  /** ISO date (YYYY-MM-DD) or null when only the upper bound is known. */
  start: string | null;
  /** ISO date (YYYY-MM-DD). */
  end: string | null;
  precision: PeriodPrecision | null;
  /** The words the period was read from, when any. */
  text?: string | null;
}

/** UCDP where_prec idea. */
export type LocationPrecision = "exact" | "near" | "region" | "country";
export interface Location {
  /** As written in the text ("western Mosul"). */
  name: string;
  /** Gazetteer name ("Mosul"). */
  place: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  lat: number | null;
  lon: number | null;
  precision: LocationPrecision;
  /** GeoNames id when resolved to a populated place. */
  geonameid?: number | null;
}

export interface TextSpan {
  start: number;
  end: number;
}

export interface Evidence extends TextSpan {
  text: string;
}

/** A part of a claim's figure: "seven people, including two children" → {children, 2}. */
export interface Breakdown {
  victims: VictimGroup;
  victims_text: string;
  value: number;
}

export interface Claim {
  id: string;
  metric: Metric;
  victims: VictimGroup;
  victims_text: string | null;
  /** The victim's name when the claim is about one person the text names ("Carlos Pizarro"), else null. */
  victim_name: string | null;
  value: number;
  low: number;
  high: number;
  qualifier: Qualifier;
  scope: Scope;
  in_headline: boolean;
  /** A past event cited for background: kept, but out of the totals. */
  historical: boolean;
  period: Period | null;
  location: Location | null;
  perpetrator: string | null;
  perpetrator_certainty: Certainty | null;
  method: string | null;
  source: string | null;
  certainty: Certainty | null;
  evidence: Evidence;
  sentence: TextSpan;
  /** Name of the grammar rule that produced the claim (compromise's `reason`). */
  rule: string;
  breakdown: Breakdown[];
  /** Set when this claim is a part of another claim's figure (its id), so it is never added to it. */
  part_of: string | null;
  /** Set when this claim repeats another claim of the same report (a rounded headline figure): its id. */
  same_as: string | null;
}

export interface Range {
  low: number;
  best: number;
  high: number;
}

export interface DocumentIncident {
  id: string;
  claims: string[];
  killed: Range | null;
  injured: Range | null;
}

export interface Article {
  title: string | null;
  /** ISO date or date-time as found; null when unknown. */
  published: string | null;
  outlet: string | null;
  url: string | null;
  text: string;
}

/**
 * What the extractor could not read as it should, said rather than hidden: text beyond the document cap (not
 * read), a sentence cut into pieces at the sentence cap (its claims may lack context across the cut), a figure
 * beyond the bound of a casualty count (its claim dropped). Offsets are into `article.text`.
 */
export interface ExtractWarning {
  code: "document_too_long" | "sentence_too_long" | "figure_out_of_range";
  message: string;
  start: number;
  end: number;
}

export interface ExtractResult {
  article: Article;
  claims: Claim[];
  incidents: DocumentIncident[];
  totals: { killed: Range | null; injured: Range | null };
  /**
   * Empty when the whole text was read as it should be. Always set by `extract`; optional in the type so that
   * results built elsewhere (fixtures, stored extractions from before) still type-check.
   */
  warnings?: ExtractWarning[];
}

/** A gazetteer entry: what the extractor needs to know about a place. */
export interface Place {
  geonameid: number;
  name: string;
  country: string;
  lat: number;
  lon: number;
  population: number;
  /** GeoNames feature class/code: P.PPLC, A.ADM1, A.PCLI … */
  kind: "city" | "region" | "country";
  admin1?: string | null;
}

/**
 * The extractor reads places through this interface so that it stays free of I/O: the caller loads the
 * gazetteer (src/gazetteer) and passes it in.
 */
export interface Gazetteer {
  /** Every place whose name or alternate name equals `name` (case- and accent-insensitive). */
  lookup(name: string): readonly Place[];
  /** The longest number of words any name has: bounds the n-gram scan. */
  readonly maxWords: number;
}

export interface ExtractOptions {
  /** Publication date (ISO), overriding whatever the text carries. */
  published?: string | null;
  title?: string | null;
  outlet?: string | null;
  url?: string | null;
  /** When false, the first lines are not searched for a title and a date. Default true. */
  detectHeader?: boolean;
  gazetteer?: Gazetteer;
}

/** What the context rules (src/extract/context) see of a document. */
export interface DocContext {
  text: string;
  /** Publication date as YYYY-MM-DD, or null when unknown. */
  published: string | null;
  /** Sentences in text order (UTF-16 offsets into `text`). */
  sentences: readonly TextSpan[];
  /** The title's span inside `text` when the title is part of the text, else null. */
  headline: TextSpan | null;
  /** The title (it may also be outside `text`). */
  title: string | null;
}
