// The storage contract. Both backends (sqlite/, postgres/) implement it and pass one contract suite.
// The store helper owns this file; others read it. Extend freely, keep the names.
import type { Claim, DocumentIncident, ExtractResult, Range } from "../extract/types.ts";

/** An article as the readers in src/ingest produce it. */
export interface ArticleInput {
  /** Caller's id (the JSONL `id`), if any. */
  external_id?: string | null;
  title: string | null;
  /** ISO date or date-time; null when unknown. */
  published: string | null;
  outlet: string | null;
  author?: string | null;
  url: string | null;
  /** Canonical URL when the page declares one. */
  canonical_url?: string | null;
  text: string;
  /** Where it came from: "file:path", "file:path#record=3", "http(s)://…". */
  origin: string;
  /** Free metadata kept beside the article (e.g. {"illustrative": true}). */
  meta?: Record<string, unknown>;
}

/** What the extraction said about the whole document, kept so nothing of it is lost (claims have their own rows). */
export interface StoredExtraction {
  /** The extractor's view of the header (title/date it detected), without the text. */
  article: { title: string | null; published: string | null; outlet: string | null; url: string | null };
  incidents: DocumentIncident[];
  totals: { killed: Range | null; injured: Range | null };
}

export interface StoredArticle {
  id: number;
  external_id: string | null;
  title: string | null;
  published: string | null;
  outlet: string | null;
  author: string | null;
  url: string | null;
  canonical_url: string | null;
  text: string;
  content_hash: string;
  extractor_version: string;
  revision: number;
  /** The previous revision's id when the same URL was ingested before with other text. */
  revision_of: number | null;
  origin: string;
  meta: Record<string, unknown>;
  extraction: StoredExtraction | null;
  ingested_at: string;
}

/** An article without its text, for lists. */
export interface ArticleSummary {
  id: number;
  external_id: string | null;
  title: string | null;
  published: string | null;
  outlet: string | null;
  url: string | null;
  revision: number;
  revision_of: number | null;
  origin: string;
  ingested_at: string;
  /** Number of claims stored for the article. */
  claims: number;
}

export interface ArticleHit extends ArticleSummary {
  /** Relevance, higher is better (backend-specific scale: compare only within one result list). */
  rank: number;
}

export type SaveOutcome = "inserted" | "duplicate" | "revision";

export interface SaveResult {
  outcome: SaveOutcome;
  article_id: number;
  claims: number;
}

/** One article to save with its extraction (for `saveArticles`). */
export interface SaveInput {
  article: ArticleInput;
  extraction: ExtractResult;
  extractorVersion: string;
}

export interface ClaimFilter {
  /** Inclusive lower bound on the claim's date: YYYY, YYYY-MM or YYYY-MM-DD. */
  from?: string;
  /** Inclusive upper bound on the claim's date: YYYY, YYYY-MM or YYYY-MM-DD. */
  to?: string;
  /** ISO 3166-1 alpha-2, case-insensitive. */
  country?: string;
  /** Gazetteer place name, case-insensitive. */
  place?: string;
  /**
   * Other spellings that also match `place`: the gazetteer's names for it ("Fallujah" → "Al Fallūjah"), filled by
   * the CLI and the API from `placeSpellings()` so that English spellings and names without diacritics match.
   */
  placeSpellings?: string[];
  metric?: string;
  victims?: string;
  /** Case-insensitive exact match. */
  perpetrator?: string;
  certainty?: string;
  /** Full-text query over the claims' articles (title and text). */
  q?: string;
  /** Page size, default 100, at most 10,000. Use `next` to get the rest. */
  limit?: number;
  /** Opaque cursor from a previous page. */
  after?: string;
}

export interface ArticleFilter {
  /** Full-text query over title and text. */
  q?: string;
  outlet?: string;
  /** Inclusive bounds on the published date: YYYY, YYYY-MM or YYYY-MM-DD. */
  from?: string;
  to?: string;
  /** Page size, default 100, at most 10,000. */
  limit?: number;
  after?: string;
}

/** One page of a keyset-paginated list. `next` is null on the last page. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface StoredClaim extends Claim {
  article_id: number;
  /** The claim's id inside its article's extraction (e.g. "c3"). */
  local_id: string;
  claim_id: number;
  /**
   * The date the claim is filed under: period end, else period start, else the article's published day
   * (YYYY-MM-DD). Filters, ordering and by_month use it.
   */
  date: string | null;
}

/** A claim flattened and joined with its article: one row of `toll export`. Field names are the CSV header. */
export interface ExportRow {
  claim_id: number;
  article_id: number;
  local_id: string;
  date: string | null;
  metric: string;
  value: number;
  low: number;
  high: number;
  qualifier: string;
  victims: string;
  victims_text: string | null;
  victim_name: string | null;
  scope: string;
  in_headline: boolean;
  historical: boolean;
  period_start: string | null;
  period_end: string | null;
  period_precision: string | null;
  location_name: string | null;
  place: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  location_precision: string | null;
  perpetrator: string | null;
  perpetrator_certainty: string | null;
  method: string | null;
  source: string | null;
  certainty: string | null;
  evidence_text: string;
  sentence_text: string;
  rule: string;
  part_of: string | null;
  same_as: string | null;
  /** JSON text of the claim's breakdown array. */
  breakdown: string;
  article_title: string | null;
  article_outlet: string | null;
  article_url: string | null;
  article_published: string | null;
}

export interface Counts {
  articles: number;
  claims: number;
}

export interface Stats extends Counts {
  /** Claims per country (null = no country), most claims first. */
  by_country: { country: string | null; claims: number; articles: number }[];
  /** Claims per month of their date (YYYY-MM; null = undated), oldest first. */
  by_month: { month: string | null; claims: number; articles: number }[];
  /** Claims per metric, most claims first. */
  by_metric: { metric: string; claims: number }[];
}

export interface Store {
  readonly kind: "sqlite" | "postgres";
  /** Stores one article and its extraction in one transaction. */
  saveArticle(
    article: ArticleInput,
    extraction: ExtractResult,
    extractorVersion: string,
  ): Promise<SaveResult>;
  /**
   * Stores many articles in ONE transaction (all or nothing), much faster than one transaction each.
   * Dedupe sees earlier items of the same batch.
   */
  saveArticles(items: readonly SaveInput[]): Promise<SaveResult[]>;
  listClaims(filter?: ClaimFilter): Promise<Page<StoredClaim>>;
  listArticles(filter?: ArticleFilter): Promise<Page<ArticleSummary>>;
  getArticle(id: number): Promise<StoredArticle | null>;
  claimsForArticle(id: number): Promise<StoredClaim[]>;
  /** Full-text search, best match first. */
  searchArticles(q: string, limit?: number): Promise<ArticleHit[]>;
  stats(): Promise<Stats>;
  counts(): Promise<Counts>;
  /** Every claim joined with its article, in claim_id order, streamed in batches (constant memory). */
  exportRows(): AsyncIterable<ExportRow>;
  close(): Promise<void>;
}
