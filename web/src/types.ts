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
  status: "confirmed" | "corrected" | "rejected";
  corrections: Record<string, unknown>;
  note: string | null;
  reviewer: string;
  reviewed_at: string;
}
export interface ClaimOut {
  claim_id: number;
  article_id: number;
  local_id: string;
  key?: string;
  date: string | null;
  metric: string;
  victims: string;
  victims_text: string | null;
  value: number;
  low: number;
  high: number;
  qualifier: string;
  scope: string;
  historical: boolean;
  in_headline: boolean;
  period: { start: string | null; end: string | null } | null;
  location: { name: string; place: string | null; country: string | null } | null;
  perpetrator: string | null;
  method: string | null;
  source: string | null;
  certainty: string | null;
  evidence: { text: string; start: number; end: number };
  sentence: { start: number; end: number };
  review: Review | null;
  machine: Record<string, unknown> | null;
  doubt: string[];
  incident: string | null;
  audit?: AuditEntry[];
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
