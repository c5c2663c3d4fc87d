// Builders for reconciliation tests and the benchmark: short, article-like claim sets written by hand (nothing is
// copied from /work/shared).
import type { Claim, Location, Metric, Period, Qualifier, Scope, VictimGroup } from "../extract/types.ts";
import type { ArticleMeta, ReconClaim } from "./types.ts";

export interface PlaceDef {
  name: string;
  place: string;
  country: string;
  lat: number;
  lon: number;
  geonameid?: number;
}

export const MOSUL: PlaceDef = {
  name: "Mosul",
  place: "Mosul",
  country: "IQ",
  lat: 36.335,
  lon: 43.1189,
  geonameid: 99072,
};
export const RAQQA: PlaceDef = {
  name: "Raqqa",
  place: "Raqqa",
  country: "SY",
  lat: 35.9528,
  lon: 39.0079,
  geonameid: 163915,
};

export function loc(p: PlaceDef, name = p.name, precision: Location["precision"] = "exact"): Location {
  return {
    name,
    place: p.place,
    country: p.country,
    lat: p.lat,
    lon: p.lon,
    precision,
    geonameid: p.geonameid ?? null,
  };
}

export function day(d: string, precision: Period["precision"] = "day"): Period {
  return { start: d, end: d, precision };
}

export interface ClaimSpec {
  id: string;
  value: number;
  metric?: Metric;
  victims?: VictimGroup;
  qualifier?: Qualifier;
  low?: number;
  high?: number;
  scope?: Scope;
  in_headline?: boolean;
  historical?: boolean;
  period?: Period | null;
  location?: Location | null;
  perpetrator?: string | null;
  method?: string | null;
  source?: string | null;
  certainty?: Claim["certainty"];
  evidence?: string;
  part_of?: string | null;
  same_as?: string | null;
  doc?: string | null;
  sentence?: string | null;
  victim_name?: string | null;
}

export function claim(s: ClaimSpec): Claim {
  const q = s.qualifier ?? "exact";
  return {
    id: s.id,
    metric: s.metric ?? "killed",
    victims: s.victims ?? "civilians",
    victims_text: null,
    victim_name: s.victim_name ?? null,
    value: s.value,
    low: s.low ?? s.value,
    high: s.high ?? s.value,
    qualifier: q,
    scope: s.scope ?? "incident",
    in_headline: s.in_headline ?? false,
    historical: s.historical ?? false,
    period: s.period ?? null,
    location: s.location ?? null,
    perpetrator: s.perpetrator ?? null,
    perpetrator_certainty: null,
    method: s.method ?? null,
    source: s.source ?? null,
    certainty: s.certainty ?? "reported",
    evidence: {
      start: 0,
      end: (s.evidence ?? String(s.value)).length,
      text: s.evidence ?? `${s.value} killed`,
    },
    sentence: { start: 0, end: 0 },
    rule: "test",
    breakdown: [],
    part_of: s.part_of ?? null,
    same_as: s.same_as ?? null,
  };
}

export function article(
  meta: Partial<ArticleMeta> & { article_id: string },
  specs: readonly ClaimSpec[],
): ReconClaim[] {
  const a: ArticleMeta = {
    external_id: null,
    outlet: null,
    url: null,
    published: null,
    title: null,
    ...meta,
  };
  return specs.map((s) => ({
    claim: claim(s),
    article: a,
    doc_incident: s.doc ?? null,
    sentence_text: s.sentence ?? null,
  }));
}

/** Deterministic pseudo-random numbers (mulberry32): shuffles and synthetic data are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
