import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Gazetteer, Place } from "../types.ts";
import { addContext } from "./index.ts";
import { claimAt, contextOf, docOf } from "./testkit.ts";

const PUB = "2017-03-25";

describe("addContext", () => {
  it("keeps what an earlier stage set, and is idempotent", () => {
    const doc = docOf("On Wednesday, an air strike killed 12 people, police said.", PUB);
    const claim = claimAt(doc, "killed 12 people", { method: "missile", certainty: "confirmed" });
    addContext(doc, [claim]);
    assert.deepEqual([claim.method, claim.certainty, claim.source], ["missile", "confirmed", "police"]);
    const before = structuredClone(claim);
    addContext(doc, [claim]);
    assert.deepEqual(claim, before);
  });

  it("a headline figure takes the lede's period", () => {
    const text =
      "4,000 killed in west Mosul offensive\nAs many as 3,864 civilians have been killed since mid-February.";
    const [head] = contextOf(text, PUB, ["4,000 killed", "3,864 civilians have been killed"], {
      headline: true,
    });
    assert.deepEqual([head?.in_headline, head?.period?.start, head?.period?.end], [true, "2017-02-11", PUB]);
  });

  it("a headline figure marked same_as follows that claim", () => {
    const text =
      "Dozens killed in Mosul\nOn Thursday, 12 soldiers were killed.\nOn Wednesday, 40 civilians were killed.";
    const doc = docOf(text, PUB, { headline: true });
    const lede = claimAt(doc, "12 soldiers were killed");
    const named = claimAt(doc, "40 civilians were killed");
    const head = claimAt(doc, "Dozens killed", { same_as: named.id });
    addContext(doc, [head, lede, named]);
    assert.equal(head.period?.start, "2017-03-22");
  });

  it("claims are read in text order whatever order they come in", () => {
    const text =
      "Some 3,000 people have been killed since mid-February.\nMore than 10,000 homes were destroyed over the same period.";
    const doc = docOf(text, PUB);
    const a = claimAt(doc, "3,000 people have been killed");
    const b = claimAt(doc, "10,000 homes were destroyed");
    addContext(doc, [b, a]);
    assert.equal(b.period?.start, "2017-02-11");
  });

  it("locates claims only when a gazetteer is given", () => {
    const mosul: Place = {
      geonameid: 99072,
      name: "Mosul",
      country: "IQ",
      lat: 36.34,
      lon: 43.13,
      population: 1_700_000,
      kind: "city",
    };
    const gazetteer: Gazetteer = { lookup: (n) => (n.toLowerCase() === "mosul" ? [mosul] : []), maxWords: 3 };
    const text = "Twelve people were killed in Mosul on Wednesday.";
    const doc = docOf(text, PUB);
    const without = claimAt(doc, "Twelve people were killed");
    addContext(doc, [without]);
    assert.equal(without.location, null);
    const withGaz = claimAt(doc, "Twelve people were killed");
    addContext(doc, [withGaz], { gazetteer });
    assert.equal(withGaz.location?.place, "Mosul");
  });
});
