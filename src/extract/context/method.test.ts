import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { METHOD_LEXICON, METHODS } from "./lexicon.ts";
import { contextOf, one } from "./testkit.ts";

const PUB = "2017-03-25";
const method = (text: string, evidence: string): string | null => one(text, PUB, evidence).method;

describe("method: lexicon", () => {
  it("is data: every entry maps to a known method and says why", () => {
    for (const e of METHOD_LEXICON) {
      assert.ok((METHODS as readonly string[]).includes(e.value), e.reason);
      assert.ok(e.reason.length > 0);
      assert.ok(!e.match.flags.includes("g"), `${e.match} must not be global`);
    }
  });
});

describe("method: positives", () => {
  const cases: [string, string, string][] = [
    ["Warplanes bombed the village, killing 12 people.", "killing 12 people", "airstrike"],
    ["Twelve people died in an air raid on the market.", "Twelve people died", "airstrike"],
    ["A bombing raid killed 12 people.", "killed 12 people", "airstrike"],
    ["A drone strike killed 12 people.", "killed 12 people", "drone_strike"],
    ["Mortar rounds killed 3 children.", "killed 3 children", "shelling"],
    ["Artillery fire killed 3 children.", "killed 3 children", "shelling"],
    ["A rocket hit the school, killing 3 children.", "killing 3 children", "rocket"],
    ["A cruise missile killed 3 children.", "killed 3 children", "missile"],
    ["A suicide car bomber killed 20 people.", "killed 20 people", "suicide_bombing"],
    ["A VBIED killed 20 people.", "killed 20 people", "car_bomb"],
    ["A roadside bomb killed 4 soldiers.", "killed 4 soldiers", "ied"],
    ["A landmine killed 2 shepherds.", "killed 2 shepherds", "landmine"],
    ["Gunmen opened fire on worshippers, killing 7.", "killing 7", "gunfire"],
    ["Two men were shot dead.", "Two men were shot dead", "gunfire"],
    ["Three people were stabbed to death.", "Three people were stabbed to death", "stabbing"],
    ["A stampede killed 40 pilgrims.", "killed 40 pilgrims", "crush"],
    ["A man drove a truck into the crowd, killing 86 people.", "killing 86 people", "vehicle_ramming"],
    ["A grenade attack wounded 9 people.", "wounded 9 people", "grenade"],
    ["Militants executed 15 prisoners.", "executed 15 prisoners", "execution"],
    ["Attackers set fire to the houses, killing 6.", "killing 6", "arson"],
    ["A man was beaten to death.", "A man was beaten to death", "beating"],
    ["A bomb exploded at the market, killing 9.", "killing 9", "bombing"],
  ];
  for (const [text, evidence, expected] of cases) {
    it(`${expected}: ${text}`, () => assert.equal(method(text, evidence), expected));
  }

  it("takes the method nearest the figure", () => {
    const text = "After artillery shelled the town, an air strike killed 14 people.";
    assert.equal(method(text, "killed 14 people"), "airstrike");
  });

  it("carries the method from the sentence the claim continues", () => {
    const text = "A car bomb exploded in Baghdad, killing 12 people.\nThe blast also wounded 30 others.";
    const [, b] = contextOf(text, PUB, ["killing 12 people", "wounded 30 others"]);
    assert.equal(b?.method, "car_bomb");
  });
});

describe("method: negatives", () => {
  it("'opened fire' is gunfire, not arson; 'ceasefire' is nothing", () => {
    assert.equal(method("Soldiers opened fire, killing 3.", "killing 3"), "gunfire");
    assert.equal(method("Despite the ceasefire, 3 people died.", "3 people died"), null);
  });

  it("a labour strike or a hunger strike is not an air strike", () => {
    assert.equal(method("During the strike on Monday, 2 workers died.", "2 workers died"), null);
  });

  it("no method named: null", () => {
    assert.equal(method("Twelve people were killed in Mosul.", "Twelve people were killed"), null);
  });

  it("a method in a new story is not carried", () => {
    const text =
      "An air strike killed 5 people in Raqqa.\nIn a separate incident, 3 people were killed in Mosul.";
    const [, b] = contextOf(text, PUB, ["killed 5 people", "3 people were killed"]);
    assert.equal(b?.method, null);
  });

  it("a method in the previous paragraph is not carried without a continuation", () => {
    const text =
      "An air strike killed 5 people in Raqqa.\nOfficials announced that 80 bodies were recovered.";
    const [, b] = contextOf(text, PUB, ["killed 5 people", "80 bodies"]);
    assert.equal(b?.method, null);
  });
});
