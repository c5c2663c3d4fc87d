// Types of the reconciliation core. Everything in ReconState is plain JSON (no Map, no Date, no Infinity) so that a
// store can persist it row by row: one row per incident, per aggregate, per claim, plus the alias table.
import type { Claim, Metric, VictimGroup } from "../extract/types.ts";

/** What reconciliation needs to know about the article a claim came from. */
export interface ArticleMeta {
  /** The store's article id (stringified when numeric). */
  article_id: string;
  external_id: string | null;
  outlet: string | null;
  url: string | null;
  /** ISO date or date-time; null when unknown. */
  published: string | null;
  title: string | null;
  /** The store's content hash: two articles with the same hash are one report. */
  content_hash?: string | null;
  /** Wire agency the article credits in its dateline, byline or sign-off ("reuters", "ap"): see wireCredit. */
  wire?: string | null;
  /** Fingerprint of the article's wording (textFingerprint): copies of one text under different outlets match. */
  fingerprint?: string | null;
}

/** One extracted claim with the article it came from: the unit of input. */
export interface ReconClaim {
  claim: Claim;
  article: ArticleMeta;
  /**
   * The id of the extraction's document-level incident (DocumentIncident.id) that holds this claim, if any. Claims of
   * one article in the same document incident always land in the same incident; claims of one article in different
   * document incidents never do (the article itself told them apart).
   */
  doc_incident?: string | null;
  /** The text of the claim's sentence, when the caller has it: used to spot wire copies. */
  sentence_text?: string | null;
}

export const GRADES = ["confirmed", "corroborated", "single_source", "contested"] as const;
export type Grade = (typeof GRADES)[number];

/** One step of the reasoning behind a figure, a link or a grade. */
export interface Because {
  /** The rule's name (stable: tests and UIs may key on it). */
  rule: string;
  /** Claim keys the step used. */
  claims: string[];
  /** Plain-English reason. */
  text: string;
}

/** low / best / high in the UCDP sense, for one metric and one victim group of one incident or aggregate. */
export interface Figure {
  metric: Metric;
  victims: VictimGroup;
  low: number;
  best: number;
  high: number;
  /** Claims that took part (not superseded, not restatements). */
  claims: string[];
  /** Claims left out, each with its reason in `because`. */
  excluded: string[];
  because: Because[];
}

/** Per-metric incident total across victim groups (see figures.ts, metricTotals, for the rule). */
export interface MetricTotal {
  metric: Metric;
  low: number;
  best: number;
  high: number;
  because: string;
}

export interface HistoryEntry {
  at: string;
  action: "create" | "merge" | "split" | "revise";
  /** Incident ids the action took claims from. */
  from: string[];
  /** Incident ids the action put claims into. */
  to: string[];
  reason: string;
}

/**
 * Why a group of claims (one article's document incident, or a loose claim) was put where it is: the linking rules'
 * verdict on each pair that decided it, in the rules' own words, so that an analyst can check the decision.
 */
export interface LinkDecision {
  at: string;
  /** The claims that arrived together. */
  claims: string[];
  /**
   * founded: no recorded incident scored high enough, so the claims opened this incident;
   * joined: they joined the incident `with` (as it was then);
   * merged: with them, incident `with` agreed with this one and was merged into it (the claims bridged the two);
   * kept_apart: they matched incident `with` too, but it and this one veto each other, so both stay.
   */
  decision: "founded" | "joined" | "merged" | "kept_apart";
  with: string | null;
  /** The sum of the rules (null when there was no comparison or a veto). */
  score: number | null;
  /** Rules that spoke for one event ("date +3: same day 2023-10-07"). */
  agreed: string[];
  /** Rules that spoke against ("figures -5: killed 5 / 12: figures differ"). */
  against: string[];
  /** The rule that vetoed, if any ("time_of_day" never vetoes; "date", "place", "figures" and "same_article" can). */
  vetoed: string[];
}

export interface IncidentRecord {
  id: string;
  /** Ids this incident absorbed in merges: they resolve to it for ever. */
  aliases: string[];
  /** Claim keys, sorted. Includes breakdown parts (part_of), which are shown but never counted. */
  claims: string[];
  /** Article ids, sorted. */
  articles: string[];
  /** Narrowest reported date window (YYYY-MM-DD), null when no claim is dated and no article is. */
  date: { start: string; end: string } | null;
  place: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  methods: string[];
  perpetrators: string[];
  figures: Figure[];
  totals: MetricTotal[];
  grade: Grade;
  grade_because: Because[];
  /** Independent source families (wire copies collapsed), each a list of article ids. */
  families: string[][];
  history: HistoryEntry[];
  /** How each group of claims came to be in this incident (records written before this field have none). */
  links?: LinkDecision[];
  created_at: string;
  updated_at: string;
}

/** A running total ("3,864 civilians killed since mid-February"): kept beside incidents, never added to them. */
export interface AggregateRecord {
  id: string;
  metric: Metric;
  victims: VictimGroup;
  place: string | null;
  country: string | null;
  period: { start: string | null; end: string | null };
  low: number;
  best: number;
  high: number;
  claims: string[];
  articles: string[];
  /** Who gave the figure (claim.source) or, failing that, the outlets. */
  sources: string[];
  because: Because[];
  created_at: string;
  updated_at: string;
}

/** A claim as kept in the state. */
export interface StoredReconClaim {
  key: string;
  claim: Claim;
  article_id: string;
  doc_incident: string | null;
  sentence_text: string | null;
  /** Where it went: an incident id, an aggregate id, or null with `note` saying why (historical …). */
  incident: string | null;
  aggregate: string | null;
  note: string | null;
}

export interface ReconState {
  version: 1;
  articles: Record<string, ArticleMeta>;
  claims: Record<string, StoredReconClaim>;
  incidents: Record<string, IncidentRecord>;
  aggregates: Record<string, AggregateRecord>;
  /** Absorbed id → the id that now holds its claims (chains are flattened: always a live incident). */
  aliases: Record<string, string>;
  /** Incidents left without claims (their articles were revised): id → why. Their ids are never reused. */
  retired: Record<string, HistoryEntry>;
}

export interface ReconOptions {
  /** Timestamp written into history entries (ISO). Pass one for reproducible states; defaults to the clock. */
  now?: string;
  /** Link threshold: a claim group joins an incident when the rules sum to at least this. Default 4. */
  threshold?: number;
  /**
   * Article ids whose earlier claims are withdrawn before the new ones are added (a revised article). Incidents that
   * lose their link are split; incidents left empty are retired (their id becomes an alias of nothing: see resolveId).
   */
  replaceArticles?: string[];
}

export type Change =
  | { type: "created"; id: string; claims: string[] }
  | { type: "updated"; id: string; claims: string[] }
  | { type: "merged"; id: string; absorbed: string; reason: string }
  | { type: "split"; id: string; from: string; reason: string }
  | { type: "retired"; id: string; reason: string }
  | { type: "aggregate_created"; id: string; claims: string[] }
  | { type: "aggregate_updated"; id: string; claims: string[] };

export interface ReconResult {
  state: ReconState;
  changes: Change[];
}

export type TotalsBy = "country" | "place" | "month";

export interface TotalsRow {
  key: string;
  metric: Metric;
  /** Sum over incidents (UCDP-style: low, best and high summed separately). */
  incidents: { count: number; low: number; best: number; high: number; ids: string[] };
  /** The highest running total reported for this key, or null: shown beside, never added. */
  aggregate: {
    id: string;
    low: number;
    best: number;
    high: number;
    period: { start: string | null; end: string | null };
  } | null;
}
