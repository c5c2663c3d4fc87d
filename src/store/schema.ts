// Kysely table types shared by both backends. Column types are what the code writes and reads; the two
// databases differ in a few places, noted per column, and src/store/store.ts normalises the differences.
import type { ColumnType, Generated } from "kysely";

/** JSON columns: TEXT in SQLite (read back as a string), jsonb in PostgreSQL (read back parsed). Written as JSON text. */
export type JsonColumn = ColumnType<unknown, string, string>;

/** Booleans: INTEGER 0/1 in SQLite (better-sqlite3 cannot bind JS booleans), boolean in PostgreSQL. */
export type BoolColumn = ColumnType<number | boolean, number | boolean, number | boolean>;

export interface ArticlesTable {
  id: Generated<number>;
  external_id: string | null;
  title: string | null;
  /** ISO date or date-time text, as given. */
  published: string | null;
  outlet: string | null;
  author: string | null;
  url: string | null;
  canonical_url: string | null;
  /** canonical_url ?? url: the key revisions are grouped by. */
  url_key: string | null;
  text: string;
  /** sha256 (hex) of the normalised text; unique: the same text is stored once. */
  content_hash: string;
  extractor_version: string;
  revision: number;
  revision_of: number | null;
  origin: string;
  meta: JsonColumn;
  extraction: JsonColumn;
  /** ISO date-time (UTC) of the insert. */
  ingested_at: string;
}

export interface ClaimsTable {
  id: Generated<number>;
  article_id: number;
  local_id: string;
  /** period_end ?? period_start ?? the article's published day (YYYY-MM-DD): the indexed claim date. */
  event_date: string | null;
  metric: string;
  victims: string;
  victims_text: string | null;
  /** Added in migration 0007. */
  victim_name: string | null;
  value: number;
  low: number;
  high: number;
  qualifier: string;
  scope: string;
  in_headline: BoolColumn;
  historical: BoolColumn;
  period_start: string | null;
  period_end: string | null;
  period_precision: string | null;
  period_text: string | null;
  location_name: string | null;
  place: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  location_precision: string | null;
  geonameid: number | null;
  perpetrator: string | null;
  perpetrator_certainty: string | null;
  method: string | null;
  source: string | null;
  certainty: string | null;
  evidence_text: string;
  evidence_start: number;
  evidence_end: number;
  sentence_start: number;
  sentence_end: number;
  /** The sentence itself, cut out in JS at save time (offsets are UTF-16; SQL substr counts code points). */
  sentence_text: string;
  rule: string;
  breakdown: JsonColumn;
  part_of: string | null;
  /** Added in migration 0002. */
  same_as: string | null;
}

export interface Database {
  articles: ArticlesTable;
  claims: ClaimsTable;
}
