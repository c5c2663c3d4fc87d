// The structure rules (structure.ts) over the chunks (chunks.ts): subjects read by their parts of speech, not
// by a list of victim nouns; each claim names its rule.
import { test } from "node:test";
import assert from "node:assert/strict";
import { extract } from "../index.ts";
import { buildView } from "./view.ts";
import { nounPhrase, tokensOf, verbGroupEndingAt } from "./chunks.ts";

function totals(text: string): { killed: number; injured: number } {
  const r = extract(text, { detectHeader: false });
  return { killed: r.totals.killed?.best ?? 0, injured: r.totals.injured?.best ?? 0 };
}

function rulesOf(text: string): string[] {
  return extract(text, { detectHeader: false }).claims.map((c) => c.rule.split("/")[0]!);
}

test("chunks: figures are one token; a noun phrase has its quantity and head; a verb group its voice", () => {
  const text = "3 members of the army's military intelligence branch were not killed.";
  const v = buildView(text, { start: 0, end: text.length }, 0);
  const tokens = tokensOf(v);
  assert.equal(tokens[0]!.w, "#0#");
  assert.equal(tokens[0]!.q, 0);
  const were = tokens.findIndex((t) => t.w === "were");
  const np = nounPhrase(tokens, 0, were);
  assert.deepEqual([np.quantity, np.head], [{ q: 0 }, "members"]);
  const killed = tokens.findIndex((t) => t.w === "killed");
  const vg = verbGroupEndingAt(tokens, killed);
  assert.deepEqual([vg.passive, vg.negated, vg.modal], [true, true, false]);
  assert.equal(tokens[vg.from]!.w, "were");
});

test("np-passive: a counted subject whatever its head noun", () => {
  assert.deepEqual(
    totals("Four employees of a regional broadcaster and its affiliate were killed on Monday."),
    { killed: 4, injured: 0 },
  );
  assert.deepEqual(totals("31 IS/ISWAP fighters were killed in the clash."), { killed: 31, injured: 0 });
  assert.deepEqual(totals("3 members of the army's military intelligence branch were killed in an ambush."), {
    killed: 3,
    injured: 0,
  });
  assert.deepEqual(totals("Three CPI-Maoist cadres and a police constable were killed in the encounter."), {
    killed: 4,
    injured: 0,
  });
  assert.deepEqual(totals("Eleven cocoa farmers were wounded when the convoy was attacked."), {
    killed: 0,
    injured: 11,
  });
  assert.ok(rulesOf("31 IS/ISWAP fighters were killed in the clash.").includes("np-passive"));
});

test("np-passive: asides and attributions between the figure and its verb", () => {
  assert.equal(
    totals("No fewer than 17 persons, most of them children, were, witnesses said, killed in the raid.")
      .killed,
    17,
  );
  assert.equal(totals("Nine herders, residents said, were killed overnight.").killed, 9);
});

test("np-passive negative cases: things, times, ages, modality, negation, two metrics", () => {
  assert.equal(totals("A dozen herders and 60 cattle were killed in the attack.").killed, 12);
  assert.equal(totals("At about 9 p.m., a 19-year-old man was shot.").injured, 1);
  assert.ok(totals("His 18-month-old brother was shot.").injured <= 1, "an age is not a count");
  assert.equal(totals("The victim of two separate shootings late Wednesday night has died.").killed, 0);
  assert.equal(totals("Four IS/ISWAP fighters could have been killed.").killed, 0);
  assert.equal(totals("Four CPI-Maoist cadres were not killed.").killed, 0);
  assert.equal(totals("Seven Maoist cadres were killed and wounded.").killed, 0);
  assert.equal(totals("Twelve trucks were destroyed and 3 buildings were hit.").killed, 0);
});

test("pronoun-object: a pronoun carries the earlier count of people taken", () => {
  const r = extract("Militants abducted 6 soldiers near the border. They later executed them.", {
    detectHeader: false,
  });
  assert.equal(r.totals.killed?.best, 6);
  assert.ok(r.claims.some((c) => c.rule === "pronoun-object" && c.value === 6));
  // With nothing counted before, the pronoun claims nothing.
  assert.equal(totals("They later executed them.").killed, 0);
  assert.equal(totals("The group threatened to kill them all.").killed, 0);
});

test("survivors with injuries, sources after a comma, earlier events, one attack counted 'so far'", () => {
  assert.deepEqual(totals("Two villagers were killed and 5 others escaped with injuries."), {
    killed: 2,
    injured: 5,
  });
  assert.deepEqual(totals("The bomb exploded in the market, wounding 30, a police official said."), {
    killed: 0,
    injured: 30,
  });
  assert.equal(
    totals(
      "Gunmen killed five soldiers on Sunday. The attack came months after a bombing in the city that killed 40 people.",
    ).killed,
    5,
  );
  // A follow-up whose only event is the earlier one still counts it.
  assert.equal(
    totals("Four weeks after a massacre in which six people were killed, police have a suspect.").killed,
    6,
  );
  assert.equal(totals("Twelve people have so far been killed in the bombing of the market.").killed, 12);
  assert.equal(totals("Twelve people have been killed so far this year.").killed, 0);
});

test("animals after an active verb, people held then killed, a dashed aside", () => {
  assert.equal(totals("The raid killed four herdsmen and about 70 goats.").killed, 4);
  assert.equal(totals("The blast killed 9 camels but no people were hurt.").killed, 0);
  assert.equal(totals("Fighters held 11 truck drivers for a day and executed them.").killed, 11);
  assert.equal(totals("Police shot them dead.").killed, 0);
  assert.equal(totals("Nine people - five of them from one family - were killed in the shelling.").killed, 9);
});
