import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { one } from "./testkit.ts";

const PUB = "2017-03-25";
const actor = (text: string, evidence: string) => {
  const c = one(text, PUB, evidence);
  return {
    perpetrator: c.perpetrator,
    perpetrator_certainty: c.perpetrator_certainty,
    certainty: c.certainty,
  };
};

describe("perpetrator: positives", () => {
  it("'by' a named actor", () => {
    const text =
      "43 civilians were believed to have been killed in an attack launched “in error” by a US-led coalition airstrike.";
    assert.deepEqual(actor(text, "43 civilians were believed to have been killed"), {
      perpetrator: "US-led coalition",
      perpetrator_certainty: "reported",
      certainty: "believed",
    });
  });

  it("aliases: Daesh militants → Islamic State", () => {
    assert.equal(
      actor("Daesh militants killed 12 civilians.", "killed 12 civilians").perpetrator,
      "Islamic State",
    );
    assert.equal(
      actor("ISIL fighters stormed the village, killing 12.", "killing 12").perpetrator,
      "Islamic State",
    );
  });

  it("state forces from an adjective with the act", () => {
    assert.equal(actor("Russian shelling killed 4 people.", "killed 4 people").perpetrator, "Russian forces");
    assert.equal(actor("Houthi forces shelled the city, killing 4.", "killing 4").perpetrator, "Houthis");
    assert.equal(actor("Gunmen opened fire on a bus, killing 9.", "killing 9").perpetrator, "gunmen");
  });

  it("a hedge on the actor stays on the actor", () => {
    const text =
      "On Thursday, another airstrike, likely again launched by the US-led coalition or its Iraqi allies, bombed two residential compounds, killing 237 civilians in a single air raid.";
    assert.deepEqual(actor(text, "killing 237 civilians in a single air raid"), {
      perpetrator: "US-led coalition or its Iraqi allies",
      perpetrator_certainty: "likely",
      certainty: "reported",
    });
  });

  it("'alleged Israeli strike': alleged actor, reported toll", () => {
    const text =
      "On October 7, 2023, a paramedic was reportedly killed by an alleged Israeli strike on an ambulance.";
    assert.deepEqual(actor(text, "a paramedic was reportedly killed"), {
      perpetrator: "Israeli forces",
      perpetrator_certainty: "alleged",
      certainty: "reported",
    });
  });

  it("claims of responsibility and blame are allegations", () => {
    const a = actor(
      "A suicide bomber killed 30 people. Islamic State claimed responsibility.",
      "killed 30 people",
    );
    assert.equal(a.perpetrator, "suicide bomber");
    const b = actor(
      "Islamic State claimed responsibility for the bombing that killed 30 people.",
      "killed 30 people",
    );
    assert.deepEqual([b.perpetrator, b.perpetrator_certainty], ["Islamic State", "alleged"]);
    const c = actor("The attack that killed 15 was blamed on al-Shabab.", "killed 15");
    assert.deepEqual([c.perpetrator, c.perpetrator_certainty], ["al-Shabaab", "alleged"]);
  });
});

describe("perpetrator: negatives", () => {
  it("a bare mention is not an attribution", () => {
    const text =
      "As many as 3,864 civilians have been killed since the Iraqi army began a campaign to wrest the area from the Daesh extremist group.";
    assert.equal(actor(text, "3,864 civilians have been killed").perpetrator, null);
  });

  it("'backed by' names a supporter", () => {
    const text =
      "Iraqi ground forces, backed by US-led coalition air power, advanced; 12 soldiers were killed.";
    assert.equal(actor(text, "12 soldiers were killed").perpetrator, null);
  });

  it("an actor among the victims is not the perpetrator", () => {
    assert.equal(
      actor("30 Daesh militants were killed in the fighting.", "30 Daesh militants were killed").perpetrator,
      null,
    );
  });

  it("a source is not a perpetrator", () => {
    assert.equal(
      actor("Twelve people were killed, police said.", "Twelve people were killed").perpetrator,
      null,
    );
  });

  it("no actor named: null perpetrator and null perpetrator_certainty", () => {
    assert.deepEqual(actor("Twelve people were killed in Mosul.", "Twelve people were killed"), {
      perpetrator: null,
      perpetrator_certainty: null,
      certainty: "reported",
    });
  });
});

describe("perpetrator: named over generic", () => {
  it("a named group in the sentence beats 'suicide bomber' nearer the figure", () => {
    const text =
      "Nine people were killed when gunmen and suicide bombers attacked an office, the Tehrik i Taliban claimed responsibility for the attack.";
    const c = one(text, "2017-03-25", "Nine people were killed");
    assert.deepEqual([c.perpetrator, c.perpetrator_certainty], ["Taliban", "alleged"]);
  });

  it("passive victims are not agents: 'Taliban militants were killed … by Afghan police forces'", () => {
    const text =
      "On 8 May 2020, 6 Taliban militants were killed and 5 were wounded following attacks by Afghan police forces.";
    assert.equal(one(text, null, "5 were wounded").perpetrator, "Afghan police");
  });
});
