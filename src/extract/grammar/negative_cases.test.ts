// Things that look like casualty figures and are not (chrono's negative_cases): each must give no claim, or
// a claim that stays out of the totals.
import { test } from "node:test";
import assert from "node:assert/strict";
import { extract } from "../index.ts";

function noClaims(text: string): void {
  const r = extract(text, { detectHeader: false });
  assert.deepEqual(r.claims.map((c) => c.evidence.text), [], `no claim in ${JSON.stringify(text)}`);
}

function notCounted(text: string): void {
  const r = extract(text, { detectHeader: false });
  assert.equal(r.totals.killed?.best ?? 0, 0, `nothing counted in ${JSON.stringify(text)}: ${JSON.stringify(r.claims.map((c) => c.evidence.text))}`);
}

test("attackers, vehicles, units and structures are not victims", () => {
  noClaims("After two divisions of the Iraqi Security Forces fled the city following an onslaught by a few hundred militants.");
  noClaims("Iraqi forces had so far driven Daesh militants from slightly more than half of western Mosul.");
  noClaims("Another airstrike bombed two residential compounds.");
  noClaims("Four gunmen arrived in two cars and fired 30 rounds.");
  noClaims("The campaign began almost six weeks ago.");
  noClaims("Creating new perspectives since 2009");
  noClaims("Turnout reached 12% in 2014.");
});

test("times, dates, ages and page furniture are not counts", () => {
  noClaims("The shooting happened about 3:10 a.m. in the 300 block of North Street.");
  noClaims("Image 1 of 5 Caption Close");
  notCounted("Clashes on 17 and 21 June were reported.");
  const r = extract("John Smith, 25, was shot dead.", { detectHeader: false });
  assert.equal(r.totals.killed?.best, 1, "the age is not the toll");
  assert.equal(extract("Father of 5 killed in shooting.", { detectHeader: false }).totals.killed?.best, 1);
});

test("hypotheticals and threats", () => {
  noClaims("The militants threatened to kill 50 hostages.");
  noClaims("Officials warned the fighting could kill thousands.");
  notCounted("The bomb would have killed dozens had it exploded.");
});

test("background events are kept but not counted", () => {
  const r = extract("A car bomb killed 5 people on Monday, near the site of the 2014 bombing that killed 50.", {
    published: "2017-03-25",
    detectHeader: false,
  });
  assert.equal(r.totals.killed?.best, 5);
  assert.ok(r.claims.some((c) => c.value === 50 && c.historical));
});

test("running totals are kept but not counted", () => {
  const r = extract("As many as 3,864 civilians have been killed in western Mosul since mid-February.", { detectHeader: false });
  assert.equal(r.claims[0]?.scope, "cumulative");
  assert.equal(r.totals.killed, null);
});

test("breakdowns are parts, not additions", () => {
  const r = extract("Seven people, including two children, were killed.", { detectHeader: false });
  assert.equal(r.totals.killed?.best, 7);
  const s = extract("The attack killed 25 people, including 21 civilians.", { detectHeader: false });
  assert.equal(s.totals.killed?.best, 25);
});

test("one figure for two metrics is not split or doubled", () => {
  noClaims("7 Taliban militants were killed and wounded during an operation.");
  notCounted("Forces responded and killed and injured several fighters.");
});

test("a shot figure includes the dead", () => {
  const r = extract("Gunmen shot five people, killing two.", { detectHeader: false });
  assert.equal(r.totals.killed?.best, 2);
  assert.equal(r.totals.injured?.best, 3);
});

test("animals are not victims", () => {
  noClaims("They burned down 20 huts and killed 15 livestock.");
  noClaims("Raiders killed 40 cattle and stole goats.");
});

test("an aim is not a death", () => {
  noClaims("The gunmen attempted to assassinate a citizen from the tribe.");
  noClaims("The men had tried to kill a detainee moments before.");
});

test("a protest over a death reports the protest: the death is background", () => {
  notCounted("Protesters gathered in Tripoli to demonstrate against the killing of a demonstrator last week.");
  notCounted("Residents held a protest demanding justice for a youth who was killed by influential men.");
  notCounted("Journalists staged a rally and protested against the murder of a journalist.");
});

test("'he killed' is the killer, not a victim", () => {
  noClaims("Police said he killed them after an argument.");
});

test("roles, places, killers and page furniture are not named victims", () => {
  noClaims("The death of the attorney general was caused by what he termed irrational violence.".replace("The death of the attorney general was", "The attorney general said it was"));
  noClaims("He was killed by off-duty corrections officer Niam Camp.".replace("He was", "Nobody knows who was"));
  noClaims("THE ASSASSINATION OF DEMOCRACY IS UNDER WAY, THE PARTY SAID.");
  noClaims("THE VENEZUELAN NEWSPAPERS REPORTED THE INDIGNATION CAUSED BY THE VISIT, NEWSMEN WAITED.");
});

test("organisations and nationalities are not named victims", () => {
  const r = extract("No arrests were made over the death of an ANC activist and South African National Civic Organisation branch secretary.", { detectHeader: false });
  assert.equal(r.totals.killed?.best, 1);
  assert.ok(r.claims.every((c) => c.victim_name === null));
});
