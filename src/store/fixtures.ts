// Builders for claims and extractions, for the contract suite and the benchmark (not for production code):
// they fill every field the JSON contract has, so a round trip through a store can be compared exactly.
import type { Claim, ExtractResult } from "../extract/types.ts";
import type { ArticleInput } from "./types.ts";

export function makeClaim(overrides: Partial<Claim> = {}): Claim {
  return {
    id: "c1",
    metric: "killed",
    victims: "civilians",
    victims_text: "civilians",
    value: 12,
    low: 12,
    high: 12,
    qualifier: "exact",
    scope: "incident",
    in_headline: false,
    historical: false,
    period: { start: "2024-03-04", end: "2024-03-05", precision: "days", text: "on Tuesday" },
    location: {
      name: "western Mosul",
      place: "Mosul",
      country: "IQ",
      lat: 36.335,
      lon: 43.119,
      precision: "near",
      geonameid: 99072,
    },
    perpetrator: "Islamic State",
    perpetrator_certainty: "alleged",
    method: "car bomb",
    source: "police",
    certainty: "reported",
    evidence: { text: "12 civilians were killed", start: 0, end: 24 },
    sentence: { start: 0, end: 40 },
    rule: "num-victims-verb",
    breakdown: [],
    part_of: null,
    ...overrides,
  };
}

export function makeExtraction(article: ArticleInput, claims: Claim[]): ExtractResult {
  return {
    article: {
      title: article.title,
      published: article.published,
      outlet: article.outlet,
      url: article.url,
      text: article.text,
    },
    claims,
    incidents:
      claims.length > 0 ? [{ id: "i1", claims: claims.map((c) => c.id), killed: null, injured: null }] : [],
    totals: { killed: null, injured: null },
  };
}

export function makeArticle(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    external_id: null,
    title: "Car bomb kills 12 in Mosul",
    published: "2024-03-05T09:30:00Z",
    outlet: "Example News",
    author: null,
    url: "https://news.example/mosul-bomb",
    canonical_url: null,
    text: "12 civilians were killed in western Mosul on Tuesday when a car bomb exploded.",
    origin: "test",
    meta: {},
    ...overrides,
  };
}
