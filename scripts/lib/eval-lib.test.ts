// node --import tsx --test scripts/lib/eval-lib.test.ts
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Claim, ExtractResult } from "../../src/extract/index.ts";
import {
  actorMatches,
  contextScoresFor,
  countryIso,
  haversineKm,
  periodContains,
  sameStem,
} from "./context.ts";
import type { EvalRecord } from "./dataset.ts";
import { parseGoldDate } from "./dataset.ts";
import { compareSeed } from "./seed.ts";
import { absError, goldOf, isRight, isZeroGold } from "./score.ts";

const rec = (raw: Record<string, unknown>): EvalRecord => ({ id: "x", text: "", raw });

test("gold dates", () => {
  assert.equal(parseGoldDate("9-May-20"), "2020-05-09");
  assert.equal(parseGoldDate("25-Apr-20"), "2020-04-25");
  assert.equal(parseGoldDate("2016-01-31"), "2016-01-31");
  assert.equal(parseGoldDate("October 7, 2023"), "2023-10-07");
  assert.equal(parseGoldDate("7 October 2023"), "2023-10-07");
  assert.equal(parseGoldDate("2022"), null);
  assert.equal(parseGoldDate("31-Feb-20"), null);
});

test("gold figures and ranges", () => {
  const g = goldOf(rec({ killed: 7, killed_min: 3, killed_max: 7 }), "killed");
  assert.deepEqual(g, { value: 7, min: 3, max: 7 });
  assert.ok(g && isRight(5, g) && !isRight(8, g) && absError(1, g) === 2);
  assert.equal(goldOf(rec({ killed: null }), "killed"), null);
  const z = goldOf(rec({ injured: 0 }), "injured");
  assert.ok(z && isZeroGold(z) && isRight(0, z));
});

test("context helpers", () => {
  assert.equal(countryIso("Democratic Republic of Congo"), "CD");
  assert.equal(countryIso("Atlantis"), null);
  assert.ok(Math.abs(haversineKm(31.5, 34.47, 31.35, 34.29) - 23.6) < 1);
  assert.ok(actorMatches("Islamic State", ["Islamic State - Khorasan Province"]));
  assert.ok(actorMatches("al-Shabaab", ["Al Shabaab"]));
  assert.ok(!actorMatches("Houthis", ["Military Forces of Yemen (2012-)"]));
  // Generic words never match on their own; country names in state forces do.
  assert.ok(!actorMatches("armed forces", ["Military Forces of Nigeria (2015-)"]));
  assert.ok(actorMatches("Nigerian troops", ["Military Forces of Nigeria (2015-)"]));
  assert.ok(!actorMatches("Nigerian troops", ["Unidentified Armed Group (Nigeria)"]));
  assert.ok(
    actorMatches("Houthi rebels", ["Houthis"]) && sameStem("shabab", "shabaab") && !sameStem("iran", "iraq"),
  );
});

test("period contains the gold day ±1", () => {
  const p = (start: string | null, end: string | null) => ({ start, end, precision: "day" }) as never;
  assert.equal(periodContains(p("2020-05-10", "2020-05-10"), "2020-05-09"), true);
  assert.equal(periodContains(p("2020-05-11", "2020-05-11"), "2020-05-09"), false);
  assert.equal(periodContains(p("2020-05-01", "2020-05-31"), "2020-05-09"), true);
  assert.equal(periodContains(p(null, "2020-05-08"), "2020-05-09"), true);
  assert.equal(periodContains(null, "2020-05-09"), null);
});

test("context scoring of a claim", () => {
  const claim = {
    id: "c1",
    metric: "killed",
    victims: "people",
    victims_text: null,
    victim_name: null,
    value: 3,
    low: 3,
    high: 3,
    qualifier: "exact",
    scope: "incident",
    in_headline: false,
    historical: false,
    period: { start: "2020-05-09", end: "2020-05-09", precision: "day" },
    location: { name: "Haifa", place: "Haifa", country: "IL", lat: 32.79, lon: 34.99, precision: "exact" },
    perpetrator: "protesters",
    perpetrator_certainty: null,
    method: null,
    source: null,
    certainty: null,
    evidence: { start: 0, end: 1, text: "3" },
    sentence: { start: 0, end: 1 },
    rule: "t",
    breakdown: [],
    part_of: null,
    same_as: null,
  } as Claim; // a cast, so that fields added to Claim later do not break this fixture
  const result: ExtractResult = {
    article: { title: null, published: null, outlet: null, url: null, text: "" },
    claims: [claim],
    incidents: [{ id: "i1", claims: ["c1"], killed: { low: 3, best: 3, high: 3 }, injured: null }],
    totals: { killed: { low: 3, best: 3, high: 3 }, injured: null },
  };
  const s = contextScoresFor(
    "acled",
    rec({ killed: 3, date: "9-May-20", lat: 32.8184, lon: 34.9885, actor1: "Protesters (Israel)" }),
    result,
  );
  assert.equal(s["date in period"]?.right, true);
  assert.equal(s["place ≤25 km"]?.right, true);
  assert.equal(s.perpetrator?.right, true);
  // Only records with killed > 0 are scored.
  assert.deepEqual(contextScoresFor("acled", rec({ killed: 0, date: "9-May-20" }), result), {});
  const moved = contextScoresFor(
    "acled",
    rec({ killed: 3, date: "12-May-20", lat: 31.5, lon: 34.47 }),
    result,
  );
  assert.equal(moved["date in period"]?.right, false);
  assert.equal(moved["place ≤25 km"]?.right, false);
});

test("seed comparison", () => {
  const text = "Headline: 4 killed\n\nFour people were killed and a few hundred militants fled.";
  const mk = (id: string, start: number, end: number, value: number): Claim =>
    ({
      id,
      metric: "killed",
      victims: "people",
      victims_text: null,
      victim_name: null,
      value,
      low: value,
      high: value,
      qualifier: "exact",
      scope: "incident",
      in_headline: false,
      historical: false,
      period: null,
      location: null,
      perpetrator: null,
      perpetrator_certainty: null,
      method: null,
      source: null,
      certainty: null,
      evidence: { start, end, text: text.slice(start, end) },
      sentence: { start, end },
      rule: "t",
      breakdown: [],
      part_of: null,
      same_as: null,
    }) as Claim;
  const a = text.indexOf("Four people were killed");
  const b = text.indexOf("a few hundred");
  const result: ExtractResult = {
    article: { title: null, published: "2017-03-25", outlet: null, url: null, text },
    claims: [mk("c1", a, a + 23, 4), mk("c2", b, b + 13, 300)],
    incidents: [],
    totals: { killed: null, injured: null },
  };
  const rep = compareSeed(
    "t",
    text,
    {
      document: "t.txt",
      article: { published: "2017-03-25T11:22" },
      claims: [{ evidence: "Four people were killed", metric: "killed", value: 4, victims: "civilians" }],
      not_claims: ["a few hundred militants"],
    },
    result,
  );
  assert.equal(rep.claims[0]?.matched, "Four people were killed");
  assert.equal(rep.claims[0]?.fields.value.ok, true);
  assert.equal(rep.claims[0]?.fields.victims.ok, false);
  assert.equal(rep.spurious.length, 1);
  assert.equal(rep.notClaimHits.length, 1);
  assert.equal(rep.published.ok, true);
});

test("actor names folded", () => {
  assert.ok(actorMatches("Israeli forces", ["Israeli Military"]));
  // "Unidentified Armed Group" is all generic words: nothing to share a stem with.
  assert.ok(!actorMatches("unidentified gunmen", ["Unidentified Armed Group (Yemen)"]));
});
