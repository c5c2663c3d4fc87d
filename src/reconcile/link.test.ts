import { test } from "node:test";
import assert from "node:assert/strict";
import { computeFigures, metricTotals } from "./figures.ts";
import { DEFAULT_THRESHOLD, buildProfile, explainScore, scorePair, timesOfDay, verdict } from "./link.ts";
import type { Profile } from "./link.ts";
import { methodFamily, perpetratorsCompatible, placeKey } from "./normalize.ts";
import type { ArticleMeta, StoredReconClaim } from "./types.ts";
import { MOSUL, RAQQA, claim, day, loc } from "./testing.ts";
import type { ClaimSpec } from "./testing.ts";

function profile(article: string, published: string, specs: ClaimSpec[]): Profile {
  const meta: ArticleMeta = {
    article_id: article,
    external_id: null,
    outlet: article,
    url: null,
    published,
    title: null,
  };
  const claims: StoredReconClaim[] = specs.map((s) => ({
    key: `${article}#${s.id}`,
    claim: claim(s),
    article_id: article,
    doc_incident: s.doc ?? null,
    sentence_text: s.sentence ?? null,
    incident: null,
    aggregate: null,
    note: null,
  }));
  const figs = computeFigures(
    claims.map((c) => ({ key: c.key, claim: c.claim, article_id: article, published, stream: article })),
  );
  return buildProfile(claims, { [article]: meta }, metricTotals(figs));
}

const strike = (over: Partial<ClaimSpec> = {}): ClaimSpec => ({
  id: "c1",
  value: 30,
  period: day("2017-03-17"),
  location: loc(MOSUL),
  method: "airstrike",
  doc: "i1",
  ...over,
});

test("normalisers: place keys drop directions, methods group by family, perpetrators by shared words", () => {
  assert.equal(placeKey({ ...loc(MOSUL, "western Mosul"), place: null }), "mosul");
  assert.equal(methodFamily("coalition air raid"), "air");
  assert.equal(methodFamily("drone strike"), "air");
  assert.equal(methodFamily("car bomb"), "explosive");
  assert.equal(methodFamily("mortar fire"), "shelling");
  assert.ok(perpetratorsCompatible("US-led coalition", "the coalition or its Iraqi allies"));
  assert.ok(!perpetratorsCompatible("Islamic State", "Syrian government"));
});

test("same day, same place, same method, compatible figures: linked", () => {
  const s = scorePair(
    profile("a", "2017-03-18", [strike()]),
    profile("b", "2017-03-19", [strike({ value: 35, qualifier: "at_least" })]),
  );
  assert.ok(s.score >= DEFAULT_THRESHOLD, explainScore(s));
  assert.deepEqual(
    s.results.map((r) => r.rule),
    ["date", "place", "method", "figures"],
  );
});

test("different methods in the same city on the same day: not linked", () => {
  const s = scorePair(
    profile("a", "2017-03-18", [strike()]),
    profile("b", "2017-03-18", [strike({ value: 8, method: "car bomb" })]),
  );
  assert.ok(s.score < DEFAULT_THRESHOLD, explainScore(s));
});

test("wildly different figures on adjacent days: not linked", () => {
  const s = scorePair(
    profile("a", "2017-03-25", [strike({ value: 43, qualifier: "at_most", period: day("2017-03-22") })]),
    profile("b", "2017-03-25", [strike({ value: 237, period: day("2017-03-23") })]),
  );
  assert.ok(s.score < DEFAULT_THRESHOLD, explainScore(s));
});

test("vetoes: different countries, far apart, dates days apart, split by the article itself", () => {
  const far = scorePair(
    profile("a", "2017-03-18", [strike()]),
    profile("b", "2017-03-18", [strike({ location: loc(RAQQA) })]),
  );
  assert.ok(far.veto);
  const dates = scorePair(
    profile("a", "2017-03-18", [strike()]),
    profile("b", "2017-03-18", [strike({ period: day("2017-03-10") })]),
  );
  assert.ok(dates.veto);
  const same = scorePair(
    profile("a", "2017-03-18", [strike({ doc: "i1" })]),
    profile("a", "2017-03-18", [strike({ id: "c2", doc: "i2" })]),
  );
  assert.ok(same.veto);
  assert.match(explainScore(same), /separate incidents/);
});

test("a week-precision date overlapping a day counts less than the same day, a month less again", () => {
  const week = scorePair(
    profile("a", "2017-03-18", [strike()]),
    profile("b", "2017-03-24", [
      strike({ period: { start: "2017-03-13", end: "2017-03-19", precision: "week" } }),
    ]),
  );
  assert.equal(week.results.find((r) => r.rule === "date")?.score, 2);
  assert.ok(week.score >= DEFAULT_THRESHOLD, explainScore(week));
  const month = scorePair(
    profile("a", "2017-03-18", [strike()]),
    profile("b", "2017-04-02", [
      strike({ period: { start: "2017-03", end: "2017-03", precision: "month" } }),
    ]),
  );
  assert.equal(month.results.find((r) => r.rule === "date")?.score, 1);
});

test("nearby places link by distance, unnamed places fall back to the country", () => {
  const nearby = { name: "Hammam al-Alil", place: "Hammam al-Alil", country: "IQ", lat: 36.16, lon: 43.26 };
  const s = scorePair(
    profile("a", "2017-03-18", [strike()]),
    profile("b", "2017-03-18", [strike({ location: loc(nearby) })]),
  );
  assert.equal(s.results.find((r) => r.rule === "place")?.score, 1);
  const country = scorePair(
    profile("a", "2017-03-18", [strike()]),
    profile("b", "2017-03-18", [
      strike({
        location: { name: "Iraq", place: "Iraq", country: "IQ", lat: null, lon: null, precision: "country" },
      }),
    ]),
  );
  assert.equal(country.results.find((r) => r.rule === "place")?.score, 0);
});

test("same day, same city: figures more than threefold apart veto, a clear gap without a later report is not enough", () => {
  const wild = scorePair(
    profile("a", "2017-03-18", [strike({ value: 3 })]),
    profile("b", "2017-03-18", [strike({ value: 40 })]),
  );
  assert.ok(wild.veto, explainScore(wild));
  const differ = scorePair(
    profile("a", "2017-03-18", [strike({ value: 5 })]),
    profile("b", "2017-03-18", [strike({ value: 12 })]),
  );
  assert.ok(!differ.veto && differ.score < DEFAULT_THRESHOLD, explainScore(differ));
  // The same toll rising in a later report stays linkable.
  const later = scorePair(
    profile("a", "2017-03-18T08:00", [strike({ value: 5 })]),
    profile("b", "2017-03-19T08:00", [strike({ value: 12 })]),
  );
  assert.ok(later.score >= DEFAULT_THRESHOLD, explainScore(later));
});

test("date and place alone, with nothing else to compare, do not link", () => {
  const bare = (over: Partial<ClaimSpec>) => strike({ method: null, ...over });
  const s = scorePair(
    profile("a", "2017-03-18", [bare({ metric: "injured", value: 4 })]),
    profile("b", "2017-03-18", [bare({ value: 9 })]),
  );
  assert.ok(s.score < DEFAULT_THRESHOLD, explainScore(s));
  assert.ok(
    s.results.some((x) => x.rule === "corroboration"),
    explainScore(s),
  );
});

const links = (a: Profile, b: Profile) => {
  const s = scorePair(a, b);
  return !s.veto && s.score >= DEFAULT_THRESHOLD;
};

test("distinct strikes on one day in one city: different families, victims, times of day stay apart", () => {
  const home = (family: string, value: number) =>
    strike({
      value,
      perpetrator: "Israeli forces",
      sentence: `An airstrike hit the ${family} family home, killing ${value} people.`,
    });
  const a = profile("a", "2017-03-18", [home("Shabat", 12)]);
  const b = profile("b", "2017-03-18", [home("Ahmed", 14)]);
  const s = scorePair(a, b);
  assert.ok(!links(a, b), explainScore(s));
  assert.match(explainScore(s), /identity -6: different families named \(shabat \/ ahmed\)/);
  // The same family written two ways (a transliteration, an article) is one event.
  const c = profile("c", "2017-03-18", [home("al-Shabbat", 12)]);
  assert.ok(links(a, c), explainScore(scorePair(a, c)));

  // One victim each, two names: two events; the same person named twice: one.
  const one = (name: string) => strike({ value: 1, victim_name: name, perpetrator: "Israeli forces" });
  const v1 = profile("v1", "2017-03-18", [one("Muhammad Fayez Abu Mattar")]);
  const v2 = profile("v2", "2017-03-18", [one("Muhammad Mahmoud al-Balbisi")]);
  const v3 = profile("v3", "2017-03-18", [one("Muhammad Abu Mattar")]);
  assert.ok(!links(v1, v2), explainScore(scorePair(v1, v2)));
  assert.ok(links(v1, v3), explainScore(scorePair(v1, v3)));

  // The morning strike and the evening strike.
  const at = (when: string) =>
    strike({ value: 6, perpetrator: "Israeli forces", sentence: `${when}, an airstrike killed six people.` });
  const m = profile("m", "2017-03-18", [at("In the early hours of Friday")]);
  const e = profile("e", "2017-03-18", [at("At around 9:40pm on Friday")]);
  const e2 = profile("e2", "2017-03-18", [at("On Friday evening")]);
  assert.ok(!links(m, e), explainScore(scorePair(m, e)));
  assert.match(explainScore(scorePair(m, e)), /time_of_day -6: times of day 13 hours apart/);
  assert.ok(links(e, e2), explainScore(scorePair(e, e2)));
});

test("times of day: clock times and words as hour ranges", () => {
  assert.deepEqual(timesOfDay("at around 9:40pm"), [[20.75, 22.75]]);
  assert.deepEqual(timesOfDay("shortly before 15:27 on Friday"), [[14.5, 16.5]]);
  assert.deepEqual(timesOfDay("in the early hours of Monday"), [[0, 8]]);
  assert.deepEqual(timesOfDay("early morning"), [[0, 8]]);
  assert.deepEqual(timesOfDay("Sunday night"), [[19, 29]]);
  assert.deepEqual(timesOfDay("3 people were killed"), []);
});

test("weak dates need a name: undated and a-day-off reports link only with a shared victim or family", () => {
  const dated = profile("d", "2017-03-18", [
    strike({ value: 9, sentence: "An airstrike hit the Bashiti family house." }),
  ]);
  // No date at all (no period, no publication date): place, method and figures alone are not one event.
  const undated = profile("u", "", [strike({ value: 9, period: null })]);
  assert.ok(!links(dated, undated), explainScore(scorePair(dated, undated)));
  const named = profile("n", "", [
    strike({ value: 9, period: null, sentence: "the Al-Bashiti family home was hit" }),
  ]);
  assert.ok(links(dated, named), explainScore(scorePair(dated, named)));
  // A day off with close but not agreeing figures: apart; the same family: one event reported a day late.
  const lag = profile("l", "2017-03-19", [strike({ value: 8, period: day("2017-03-18") })]);
  assert.ok(!links(dated, lag), explainScore(scorePair(dated, lag)));
  const lagNamed = profile("ln", "2017-03-19", [
    strike({
      value: 8,
      period: day("2017-03-18"),
      sentence: "eight members of the Bashiti family were killed",
    }),
  ]);
  assert.ok(links(dated, lagNamed), explainScore(scorePair(dated, lagNamed)));
});

test("a link verdict lists what agreed, what counted against and what vetoed", () => {
  const a = profile("a", "2017-03-18", [strike({ value: 30 })]);
  const b = profile("b", "2017-03-18", [strike({ value: 32, method: "mortar shelling" })]);
  const v = verdict(scorePair(a, b));
  assert.ok(v.agreed.some((x) => x.startsWith("date +3")));
  assert.ok(v.against.some((x) => x.startsWith("method -3")));
  assert.deepEqual(v.vetoed, []);
  const far = profile("f", "2017-03-25", [strike({ value: 30, period: day("2017-03-24") })]);
  const vf = verdict(scorePair(a, far));
  assert.equal(vf.score, null);
  assert.ok(vf.vetoed[0]?.startsWith("date VETO"));
});
