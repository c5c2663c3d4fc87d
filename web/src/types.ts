// Shapes the API returns (see /openapi.json and src/store/types.ts, src/reconcile/types.ts).
export interface Range3 {
  low: number;
  best: number;
  high: number;
}
export interface IncidentSummary {
  id: string;
  date: { start: string; end: string } | null;
  place: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  methods: string[];
  perpetrators: string[];
  grade: string;
  killed: Range3 | null;
  injured: Range3 | null;
  claims: number;
  articles: number;
  reviewed: number;
  review_status: string;
  where_prec: "exact" | "near" | "region" | "country" | null;
  illustrative: boolean;
}
export interface Review {
  status: "confirmed" | "corrected" | "rejected" | "pending";
  corrections: Record<string, unknown>;
  note: string | null;
  reviewer: string;
  reviewed_at: string;
  version: number;
}
export interface ClaimOut {
  /** The store id, the one the claim routes take (same as claim_id). */
  id: number;
  claim_id: number;
  article_id: number;
  local_id: string;
  key?: string;
  date: string | null;
  metric: string;
  victims: string;
  victims_text: string | null;
  victim_name?: string | null;
  value: number;
  low: number;
  high: number;
  qualifier: string;
  scope: string;
  historical: boolean;
  in_headline: boolean;
  period: { start: string | null; end: string | null } | null;
  location: { name: string; place: string | null; country: string | null; lat?: number | null; lon?: number | null } | null;
  perpetrator: string | null;
  perpetrator_certainty?: string | null;
  method: string | null;
  source: string | null;
  certainty: string | null;
  evidence: { text: string; start: number; end: number };
  sentence: { start: number; end: number };
  review: Review | null;
  /** The review's version (0: never reviewed), sent back with a review so a stale write is refused. */
  version: number;
  machine: Record<string, unknown> | null;
  doubt: string[];
  incident: string | null;
  audit?: AuditEntry[];
  /** Review queue items: where the claim was read. */
  article?: { id: number; title: string | null; outlet: string | null; published: string | null };
}
/** The 409 body of a stale review write: the claim as it is now. */
export interface Conflict {
  error: "conflict";
  message: string;
  current: ClaimOut;
}
export interface Vocabularies {
  metric: string[];
  victims: string[];
  qualifier: string[];
  certainty: string[];
  perpetrator_certainty: string[];
  scope: string[];
}
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}
export interface Article {
  id: number;
  title: string | null;
  published: string | null;
  outlet: string | null;
  url: string | null;
  text: string;
  illustrative: boolean;
  meta: Record<string, unknown>;
  claims: ClaimOut[];
}
