// One test per rule: the rule fires on the constructions it is for, and says so in `claim.rule`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { extract } from "../index.ts";
import type { Claim } from "../types.ts";

function claims(text: string): Claim[] {
  return extract(text, { detectHeader: false }).claims;
}

function one(text: string): Claim {
  const cs = claims(text);
  assert.equal(cs.length, 1, `one claim in ${JSON.stringify(text)}: ${JSON.stringify(cs.map((c) => c.evidence.text))}`);
  return cs[0]!;
}

test("subject-passive: figure, victims, auxiliaries and hedges, participle", () => {
  const c = one("As many as 43 civilians were believed to have been killed in an attack.");
  assert.equal(c.rule.split("/")[0], "subject-passive");
  assert.deepEqual([c.metric, c.value, c.qualifier, c.victims], ["killed", 43, "at_most", "civilians"]);
  assert.equal(c.evidence.text, "As many as 43 civilians were believed to have been killed");
  assert.equal(one("Three dead in market blast").value, 3);
  assert.equal(one("Twelve people were wounded.").metric, "injured");
  assert.equal(one("Five villagers were abducted by gunmen.").metric, "abducted");
  assert.equal(one("About 300 families were displaced.").metric, "displaced");
  assert.equal(one("3 Fulani were killed.").value, 3);
});

test("active-object: participle clauses and verbs with their object", () => {
  const c = one("Another airstrike bombed two residential compounds, killing 237 civilians in a single air raid.");
  assert.deepEqual([c.rule.split("/")[0], c.metric, c.value, c.victims], ["active-object", "killed", 237, "civilians"]);
  const both = claims("The blast killed 13 people and wounded another 9.");
  assert.deepEqual(both.map((x) => [x.metric, x.value]), [["killed", 13], ["injured", 9]]);
  assert.equal(one("Suspected al Shabaab mortar shells kill one in Hodan district.").value, 1);
});

test("coordinated figures: each listed group is a claim and they add up", () => {
  const r = extract("Five policemen and a civilian were killed.", { detectHeader: false });
  assert.deepEqual(r.claims.map((c) => [c.victims, c.value]), [["police", 5], ["civilians", 1]]);
  assert.equal(r.totals.killed?.best, 6);
  assert.equal(extract("The strike killed 3 soldiers and 2 civilians.", { detectHeader: false }).totals.killed?.best, 5);
  assert.equal(extract("Forty GNA soldiers and eight LNA soldiers were reportedly killed.", { detectHeader: false }).totals.killed?.best, 48);
});

test("left-result and death-toll", () => {
  assert.deepEqual([one("The shooting left five dead.").metric, one("The shooting left five dead.").value], ["killed", 5]);
  const t = one("The death toll from Saturday's attack has risen to 45.");
  assert.deepEqual([t.rule.split("/")[0], t.value], ["death-toll", 45]);
});

test("count-noun: fatalities, bodies, deaths of", () => {
  assert.equal(one("On 9 May 2020, clashes were reported. 3 fatalities.").value, 3);
  const b = one("Officials announced that the bodies of some 80 dead civilians had been pulled from the rubble.");
  assert.deepEqual([b.metric, b.value, b.qualifier, b.scope], ["killed", 80, "approximately", "cumulative"]);
  assert.equal(one("He was charged in the shooting death of a woman.").value, 1);
  assert.equal(extract("The murder of six Jesuit priests and their two employees.", { detectHeader: false }).totals.killed?.best, 8);
});

test("homes-destroyed", () => {
  const c = one("More than 10,000 residential homes in western Mosul had been destroyed over the same period.");
  assert.deepEqual([c.metric, c.value, c.qualifier, c.scope], ["homes_destroyed", 10000, "more_than", "cumulative"]);
});

test("singular victims: a/an, the, possessives, named people, pronouns", () => {
  assert.equal(one("A man was found dead on a road.").value, 1);
  assert.equal(one("A drug trafficker was killed after exchanging fire with police.").rule, "singular-any-noun");
  assert.equal(one("He shot and killed his 3-year-old daughter.").value, 1);
  const named = one("Michael Parsons, 17, died at the scene.");
  assert.deepEqual([named.rule, named.victim_name], ["named-passive", "Michael Parsons"]);
  assert.equal(one("The officer and her daughter died.").value, 2);
  assert.equal(one("Gunmen killed a rapid reaction officer by sniper fire.").victims, "police");
});

test("attackers who die count, and are told apart", () => {
  const r = extract("Three people were killed before the gunman turned the gun on himself.", { detectHeader: false });
  assert.equal(r.totals.killed?.best, 4);
  assert.ok(r.claims.some((c) => c.rule === "perpetrator-suicide" && c.victims === "fighters"));
});

test("negation gives a claim of zero", () => {
  const c = one("No one was hurt in the blast.");
  assert.deepEqual([c.rule, c.metric, c.value], ["negation", "injured", 0]);
  const r = extract("There were no casualties.", { detectHeader: false });
  assert.equal(r.totals.killed?.best, 0);
  assert.equal(r.totals.injured?.best, 0);
});

test("multiple-homicide words", () => {
  assert.equal(one("Police are investigating a quadruple homicide.").value, 4);
});

test("upper-case wire copy reads the same", () => {
  const r = extract("LIMA, 22 JAN 89 (EFE) -- THREE PEOPLE HAVE BEEN KILLED, AND FIVE PEOPLE WERE SERIOUSLY WOUNDED.");
  assert.equal(r.article.published, "1989-01-22");
  assert.equal(r.totals.killed?.best, 3);
  assert.equal(r.totals.injured?.best, 5);
});

test("singular-object: headline style without an article", () => {
  const c = one("Unidentified gunmen kill NISS officer.");
  assert.deepEqual([c.rule, c.metric, c.value, c.victims], ["singular-object", "killed", 1, "police"]);
  assert.equal(one("Police say man fatally shot roommate").metric, "killed");
});

test("detained, then killed: a second participle gives a second claim", () => {
  const r = extract("One CNL member was detained and later found killed.", { detectHeader: false });
  assert.deepEqual(r.claims.map((c) => [c.metric, c.value]), [["detained", 1], ["killed", 1]]);
  assert.equal(r.totals.killed?.best, 1);
});

test("partitive subject: 'three of the 4 attackers' counts three", () => {
  const c = one("Three of the 4 attackers also died.");
  assert.deepEqual([c.metric, c.value, c.victims], ["killed", 3, "fighters"]);
  // "he was one of the three people wounded" names one of the three: the figure stays three.
  assert.equal(one("Powell was one of the three people wounded in the ambush.").value, 3);
});

test("two groups, one figure: '11 soldiers and pro-government militia members were killed'", () => {
  const c = one("At least 11 soldiers and pro-government militia members were killed.");
  assert.deepEqual([c.value, c.qualifier], [11, "at_least"]);
  // pro-government militias are counted with the state's forces, apart from the fighters they face.
  const r = extract("5 pro-government militia members were killed. 4 Taliban militants were also killed.", { detectHeader: false });
  assert.deepEqual(r.claims.map((x) => x.victims), ["soldiers", "fighters"]);
  assert.equal(r.totals.killed?.best, 9);
});

test("one person named by any noun: the body of, succumbed, leaving him dead", () => {
  assert.equal(one("The body of a former schoolmaster of the village was found.").value, 1);
  assert.equal(one("A rioter succumbed to his wounds on Tuesday.").metric, "killed");
  assert.equal(one("Gunmen attacked the house of an officer, leaving him killed.").value, 1);
  const r = extract("The victim was abducted hours before he was murdered.", { detectHeader: false });
  assert.deepEqual(r.claims.map((c) => [c.metric, c.rule]), [["abducted", "singular-subject"], ["killed", "pronoun-died"]]);
});

test("a relative clause between the subject and its verb", () => {
  const r = extract("Two German tourists and a Czech citizen, who succumbed to her wounds in a hospital in Cairo, were killed.", { detectHeader: false });
  assert.equal(r.totals.killed?.best, 3);
  const s = extract("A suicide bombing killed a candidate running for a seat in the provincial assembly, his driver and a guard.", { detectHeader: false });
  assert.equal(s.totals.killed?.best, 3);
});

test("perpetrator-suicide: 'killing only themselves' counts the attackers named before", () => {
  const c = one("Two Boko Haram suicide bombers detonate at a mosque, killing only themselves and injuring others.");
  assert.deepEqual([c.rule.split("/")[0], c.value, c.victims], ["perpetrator-suicide", 2, "fighters"]);
});

test("taken to hospital: a count of people is injured; one person taken there is not a figure of its own", () => {
  assert.equal(one("A shooting late Tuesday sent five people to the hospital.").value, 5);
  assert.equal(one("Three victims were transported to local hospitals.").metric, "injured");
  assert.deepEqual(claims("The child was taken to a local hospital."), []);
});

test("self-inflicted: an accidental shooting of oneself is one injured, unless someone died", () => {
  const c = one("A 10-year-old boy is recovering after accidentally shooting himself in the arm.");
  assert.deepEqual([c.rule, c.metric, c.value], ["self-inflicted", "injured", 1]);
  assert.ok(!claims("He accidentally shot himself and died at the scene.").some((x) => x.rule === "self-inflicted"));
});

test("along with: the people killed with the subject", () => {
  const r = extract("Hamid Kamal Abu Aoun (36 years old) was killed along with his three children.", { detectHeader: false });
  assert.equal(r.totals.killed?.best, 4);
  const s = extract("A combatant was killed alongside at least 24 identified civilians.", { detectHeader: false });
  assert.equal(s.totals.killed?.best, 25);
});

test("a subject with two asides: '18 civilians, all members of the family, including seven children, were killed'", () => {
  const c = one("18 civilians, all members of the Abu Obaid family, including at least seven children and seven women, were reported killed.");
  assert.deepEqual([c.value, c.victims], [18, "civilians"]);
});
