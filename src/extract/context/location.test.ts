import assert from "node:assert/strict";
import { test } from "node:test";
import { loadGazetteer } from "../../gazetteer/index.ts";
import type { Claim, DocContext, TextSpan } from "../types.ts";
import { findPlaces, locateClaims } from "./location.ts";

const gaz = loadGazetteer();

/** Sentences split at . ! ? and line breaks: enough for hand-written test texts. */
function docOf(text: string): DocContext {
  const sentences: TextSpan[] = [];
  for (const m of text.matchAll(/[^.!?\n]+(?:[.!?]+|\n|$)/g)) {
    if (m[0].trim()) sentences.push({ start: m.index, end: m.index + m[0].length });
  }
  return { text, published: null, sentences, headline: null, title: null };
}

/** A claim on the first occurrence of `evidence`, with defaults for everything location does not read. */
function claimAt(doc: DocContext, evidence: string, id = "c1"): Claim {
  const start = doc.text.indexOf(evidence);
  assert.ok(start >= 0, `evidence not in text: ${evidence}`);
  const end = start + evidence.length;
  const sentence = doc.sentences.find((s) => s.start <= start && end <= s.end) ?? { start, end };
  return {
    id,
    metric: "killed",
    victims: "civilians",
    victims_text: null,
    victim_name: null,
    value: 1,
    low: 1,
    high: 1,
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
    evidence: { start, end, text: evidence },
    sentence: { start: sentence.start, end: sentence.end },
    rule: "test",
    breakdown: [],
    part_of: null,
    same_as: null,
  };
}

function locate(text: string, evidence: string[]): Claim[] {
  const doc = docOf(text);
  const claims = evidence.map((e, i) => claimAt(doc, e, `c${i}`));
  locateClaims(doc, claims, gaz);
  return claims;
}

test("seed-style sentences: western Mosul as written, Mosul as the place", () => {
  const text =
    "4,000 Iraq civilians killed in west Mosul offensive\n\n" +
    "As many as 3,864 civilians have been killed in western Mosul since mid-February when the Iraqi army began a campaign, according to an Iraqi army source.\n\n" +
    "Al-Mousawi also said that nearby refugee camps had received more than 22,000 injured Mosul residents since the start of the campaign.\n\n" +
    "On Thursday, another airstrike, likely launched by the US-led coalition or its Iraqi allies, bombed two compounds, killing 237 civilians.";
  const [head, body, injured, strike] = locate(text, [
    "4,000 Iraq civilians killed",
    "3,864 civilians have been killed",
    "22,000 injured Mosul residents",
    "killing 237 civilians",
  ]);
  for (const c of [head, body, injured, strike]) {
    const loc = c?.location;
    assert.ok(loc, "located");
    assert.equal(loc.place, "Mosul");
    assert.equal(loc.country, "IQ");
    assert.equal(loc.precision, "exact");
    assert.equal(loc.geonameid, 99072);
    assert.ok(Math.abs((loc.lat ?? 0) - 36.335) < 1e-3 && Math.abs((loc.lon ?? 0) - 43.119) < 1e-3);
  }
  assert.equal(head?.location?.name, "west Mosul");
  assert.equal(body?.location?.name, "western Mosul");
  assert.equal(injured?.location?.name, "Mosul");
  // No place in its sentence or paragraph, and "US-led" is no place: the article's focus.
  assert.equal(strike?.location?.name, "Mosul");
});

test(
  "the seed article's claims come out as Mosul, IQ",
  { skip: !process.env["TOLL_SHARED_SEED"] },
  async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(process.env["TOLL_SHARED_SEED"] ?? "", "utf8");
    const claims = locate(text, [
      "3,864 civilians",
      "22,000 injured",
      "10,000 residential homes",
      "43 civilians",
      "237 civilians",
    ]);
    for (const c of claims) {
      assert.equal(c.location?.place, "Mosul", c.evidence.text);
      assert.equal(c.location?.country, "IQ");
    }
  },
);

test("same-named places resolved by the article's country context", () => {
  const lebanon = locate(
    "Clashes broke out in Lebanon on Sunday. Five people were killed in Tripoli, officials said.",
    ["Five people were killed"],
  );
  assert.equal(lebanon[0]?.location?.place, "Tripoli");
  assert.equal(lebanon[0]?.location?.country, "LB");
  const libya = locate("Fighting resumed in Libya. Five people were killed in Tripoli, officials said.", [
    "Five people were killed",
  ]);
  assert.equal(libya[0]?.location?.country, "LY");
  const pakistan = locate(
    "Police in Pakistan's Sindh province said three people were killed in Hyderabad on Friday.",
    ["three people were killed"],
  );
  assert.equal(pakistan[0]?.location?.country, "PK");
  const india = locate(
    "Three people were killed in Hyderabad, the capital of Telangana, Indian police said.",
    ["Three people were killed"],
  );
  assert.equal(india[0]?.location?.country, "IN");
});

test("dateline gives context and focus", () => {
  const [c] = locate("TRIPOLI, Lebanon (Reuters) - Gunmen killed three soldiers on Monday, the army said.", [
    "killed three soldiers",
  ]);
  assert.equal(c?.location?.country, "LB");
  assert.equal(c?.location?.place, "Tripoli");
});

test("all-caps wire text: dateline place, no common-word places", () => {
  const text =
    "SAN SALVADOR, 4 JAN 90 -- [TEXT] POLICE SAID THAT 12 PEOPLE WERE KILLED ALONG THE ROAD. THE ARMY SAID MARCH WAS QUIET.";
  const doc = docOf(text);
  const places = findPlaces(doc, gaz);
  assert.deepEqual(
    places.map((p) => p.place.name),
    ["San Salvador"],
  );
  assert.equal(places[0]?.dateline, true);
  const [c] = locate(text, ["12 PEOPLE WERE KILLED"]);
  assert.equal(c?.location?.name, "SAN SALVADOR");
  assert.equal(c?.location?.country, "SV");
});

test("country-only mention gives country precision and a centroid", () => {
  const [c] = locate("At least 20 people were killed in Syria on Tuesday, a monitor said.", [
    "At least 20 people were killed",
  ]);
  assert.equal(c?.location?.precision, "country");
  assert.equal(c?.location?.country, "SY");
  assert.equal(c?.location?.place, "Syria");
  assert.equal(c?.location?.geonameid, null);
  assert.ok(c?.location?.lat != null && c.location.lat > 32 && c.location.lat < 37.5);
});

test("aliases in running text", () => {
  const cases: [string, string, string][] = [
    ["Two civilians were killed in Al Mawsil on Monday.", "Mosul", "IQ"],
    ["Shelling killed four people in Artemivsk, officials said.", "Bakhmut", "UA"],
    ["An airstrike killed nine people in Raqqa.", "Ar Raqqah", "SY"],
    ["A missile killed two people in Kharkov overnight.", "Kharkiv", "UA"],
    ["Three people were killed in Khan Younis.", "Khān Yūnis", "PS"],
    ["Barrel bombs killed 12 people in Halab.", "Aleppo", "SY"],
  ];
  for (const [text, place, country] of cases) {
    const [c] = locate(text, [text.slice(0, 12)]);
    assert.equal(c?.location?.place, place, text);
    assert.equal(c?.location?.country, country, text);
  }
});

test("near: 'East of Khan Yunis', 'outside Kabul', 'km north of Baghdad'", () => {
  const [a] = locate("A paramedic was killed in an airstrike East of Khan Yunis.", [
    "A paramedic was killed",
  ]);
  assert.equal(a?.location?.name, "East of Khan Yunis");
  assert.equal(a?.location?.precision, "near");
  const [b] = locate("A bomb killed five people outside Kabul.", ["killed five people"]);
  assert.equal(b?.location?.precision, "near");
  assert.equal(b?.location?.place, "Kabul");
  const [c] = locate("Gunmen killed six people 40 km north of Baghdad.", ["killed six people"]);
  assert.equal(c?.location?.precision, "near");
  assert.equal(c?.location?.place, "Baghdad");
});

test("regions: admin1 names and unknown '<name> province' forms", () => {
  const [a] = locate("Nine people were killed in Nineveh province on Friday.", ["Nine people were killed"]);
  assert.equal(a?.location?.place, "Nineveh");
  assert.equal(a?.location?.precision, "region");
  const [b] = locate("Four soldiers were killed in Donetsk Oblast.", ["Four soldiers were killed"]);
  assert.equal(b?.location?.place, "Donetsk Oblast");
  assert.equal(b?.location?.precision, "region");
});

test("the claim's own sentence first, then the paragraph, then the focus", () => {
  const text =
    "Fighting continued in Aleppo on Monday.\n\n" +
    "In Idlib, shelling hit a market. Seven people were killed, a monitor said.\n\n" +
    "Separately, two children were killed in Homs. Aleppo remained tense.\n\n" +
    "Rescuers said 30 people were wounded.";
  const [paragraph, own, focus] = locate(text, [
    "Seven people were killed",
    "two children were killed",
    "30 people were wounded",
  ]);
  assert.equal(paragraph?.location?.place, "Idlib");
  assert.equal(own?.location?.place, "Homs");
  assert.equal(focus?.location?.place, "Aleppo");
});

test("negatives: ordinary capitalised words and person names are not places", () => {
  const none = locate(
    "Police said March was quiet. Reading the report, Mr. Jordan said Young people were safe.",
    ["Police said"],
  );
  assert.equal(none[0]?.location, null);
  const doc = docOf("Adel Abu Ali told reporters that Hassan Ismail, 34, was killed. Ismail was a teacher.");
  assert.deepEqual(findPlaces(doc, gaz), []);
  const org = docOf("The Washington Post reported that the US-led coalition struck twice.");
  assert.deepEqual(
    findPlaces(org, gaz).map((p) => p.place.name),
    [],
  );
});

test("no claims, no places: nothing breaks", () => {
  const doc = docOf("Nothing happened.");
  locateClaims(doc, [], gaz);
  const [c] = locate("Five people were killed on Monday.", ["Five people were killed"]);
  assert.equal(c?.location, null);
});

test("places stay inside the article's country: Hawi al-Hawa west of Raqqa is in Syria, not Hāwī, Hawaii", () => {
  const doc = docOf(
    "An air strike killed 12 civilians in the village of Hawi al-Hawa west of Raqqa, Syria, on Monday.",
  );
  const c = claimAt(doc, "killed 12 civilians");
  locateClaims(doc, [c], gaz);
  assert.equal(c.location?.country, "SY");
  assert.equal(c.location?.place, "Ar Raqqah");
  assert.equal(c.location?.precision, "near");
  assert.ok(!findPlaces(doc, gaz).some((m) => m.place.country === "US"));
});

test("the lead's first place names the event: 'in Celaya, Guanajuato, … in Camargo community' is Celaya", () => {
  const doc = docOf(
    "On 9 May 2020, in Celaya, Guanajuato, armed men attacked a police patrol in Camargo community. Three officers died.",
  );
  const c = claimAt(doc, "Three officers died");
  locateClaims(doc, [c], gaz);
  assert.deepEqual(
    [c.location?.place, c.location?.country, c.location?.precision],
    ["Celaya", "MX", "exact"],
  );
});

test("Arabic names without their article: Hillah and Diwaniyah are cities, not the country centroid", () => {
  const doc = docOf("Three people were killed in a bombing in Hillah. Two were killed in Diwaniyah.");
  const a = claimAt(doc, "Three people were killed");
  const b = claimAt(doc, "Two were killed", "c2");
  locateClaims(doc, [a, b], gaz);
  assert.deepEqual([a.location?.place, a.location?.precision], ["Al Ḩillah", "exact"]);
  assert.deepEqual([b.location?.place, b.location?.country], ["Ad Dīwānīyah", "IQ"]);
});
