// The storage contract. Both backends (sqlite/, postgres/) implement it and pass one contract suite.
// The store helper owns this file; others read it. Extend freely, keep the names.
import type { Claim, ExtractResult } from "../extract/types.ts";

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
  origin: string;
  meta: Record<string, unknown>;
  ingested_at: string;
}

export type SaveOutcome = "inserted" | "duplicate" | "revision";

export interface SaveResult {
  outcome: SaveOutcome;
  article_id: number;
  claims: number;
}

export interface ClaimFilter {
  from?: string;
  to?: string;
  country?: string;
  place?: string;
  metric?: string;
  victims?: string;
  perpetrator?: string;
  certainty?: string;
  q?: string;
  limit?: number;
  /** Opaque cursor from a previous page. */
  after?: string;
}

export interface StoredClaim extends Claim {
  article_id: number;
  /** The claim's id inside its article's extraction (e.g. "c3"). */
  local_id: string;
  claim_id: number;
}

export interface Store {
  readonly kind: "sqlite" | "postgres";
  /** Stores one article and its extraction in one transaction. */
  saveArticle(article: ArticleInput, extraction: ExtractResult, extractorVersion: string): Promise<SaveResult>;
  close(): Promise<void>;
}
