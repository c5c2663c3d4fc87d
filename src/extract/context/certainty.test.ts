import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CERTAINTIES } from "../types.ts";
import { CERTAINTY_LEXICON } from "./lexicon.ts";
import { one } from "./testkit.ts";

const PUB = "2017-03-25";
const certainty = (text: string, evidence: string) => one(text, PUB, evidence).certainty;

describe("certainty: lexicon", () => {
  it("maps only to the model's certainties", () => {
    for (const e of CERTAINTY_LEXICON) {
      if (e.value.certainty !== null)
        assert.ok((CERTAINTIES as readonly string[]).includes(e.value.certainty), e.reason);
    }
  });
});

describe("certainty: hedges on the toll", () => {
  const cases: [string, string, string][] = [
    ["As many as 43 civilians were believed to have been killed.", "43 civilians", "believed"],
    ["The ministry confirmed the deaths of 12 people.", "12 people", "confirmed"],
    ["Five fishermen are feared dead after the storm.", "Five fishermen", "feared"],
    ["Unconfirmed reports said 30 people were killed.", "30 people were killed", "unconfirmed"],
    [
      "Twenty people were killed, a figure that could not be independently confirmed.",
      "Twenty people were killed",
      "unconfirmed",
    ],
    ["The army claimed to have killed 50 militants.", "50 militants", "alleged"],
    ["Police denied that 5 protesters were killed.", "5 protesters were killed", "denied"],
    ["Nine people were reportedly killed.", "Nine people were reportedly killed", "reported"],
    ["The strike likely killed 20 people.", "killed 20 people", "likely"],
  ];
  for (const [text, evidence, expected] of cases) {
    it(`${expected}: ${text}`, () => assert.equal(certainty(text, evidence), expected));
  }

  it("default: reported", () => {
    assert.equal(certainty("Twelve people were killed in Mosul.", "Twelve people were killed"), "reported");
  });
});

describe("certainty: hedges that are not about the toll", () => {
  it("a hedge on the perpetrator leaves the toll reported", () => {
    const text = "Another airstrike, likely again launched by the US-led coalition, killed 237 civilians.";
    const c = one(text, PUB, "killed 237 civilians");
    assert.deepEqual([c.certainty, c.perpetrator_certainty], ["reported", "likely"]);
  });

  it("a denial of responsibility is the perpetrator's", () => {
    const c = one(
      "Houthi forces shelled the market, killing 8; the group denied responsibility.",
      PUB,
      "killing 8",
    );
    assert.equal(c.certainty, "reported");
  });

  it("'likely to rise' and 'claimed the lives' are not hedges", () => {
    assert.equal(
      certainty("Twelve people were killed and the toll is likely to rise.", "Twelve people were killed"),
      "reported",
    );
    assert.equal(certainty("The fire claimed the lives of 12 people.", "12 people"), "reported");
  });

  it("'unconfirmed' is not read as 'confirmed'", () => {
    assert.equal(certainty("There were unconfirmed reports of 12 dead.", "12 dead"), "unconfirmed");
  });
});
