import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contextOf, one } from "./testkit.ts";

const PUB = "2017-03-25";
const source = (text: string, evidence: string): string | null => one(text, PUB, evidence).source;

describe("source: in the claim's sentence", () => {
  it("according to", () => {
    assert.equal(
      source(
        "As many as 3,864 civilians have been killed, according to an Iraqi army source.",
        "3,864 civilians",
      ),
      "Iraqi army source",
    );
    assert.equal(
      source("According to the health ministry, 12 people were killed.", "12 people were killed"),
      "health ministry",
    );
  });

  it("subject of a verb of saying", () => {
    assert.equal(
      source("On the same day, Iraqi officials announced that 80 bodies were found.", "80 bodies"),
      "Iraqi officials",
    );
    assert.equal(
      source("The health ministry said 12 people were killed.", "12 people were killed"),
      "health ministry",
    );
    assert.equal(source("Twelve people were killed, police said.", "Twelve people were killed"), "police");
    assert.equal(
      source("Dr Ahmed Khalil told Anadolu that 7 people died.", "7 people died"),
      "Dr Ahmed Khalil",
    );
  });

  it("inverted attribution", () => {
    assert.equal(
      source("“Nine people were killed,” said police spokesman Ali Khan.", "Nine people were killed"),
      "police spokesman Ali Khan",
    );
  });

  it("figures", () => {
    assert.equal(
      source("The UN's figures show 300 civilians were killed.", "300 civilians were killed"),
      "UN",
    );
    assert.equal(source("Figures from Airwars show 40 were killed.", "40 were killed"), "Airwars");
  });

  it("an anonymous source", () => {
    const text =
      "On Wednesday, an Iraqi army officer in western Mosul – who requested anonymity as he was not authorised to speak to the media – told Anadolu that as many as 43 civilians were believed to have been killed.";
    assert.equal(
      source(text, "43 civilians were believed to have been killed"),
      "Iraqi army officer (anonymous)",
    );
  });
});

describe("source: carried across sentences", () => {
  it("'he said' and 'the army officer said' point back to the officer last quoted", () => {
    const text = [
      "“Those who have fled are reporting high casualties,” Army Brigadier-General Thaer Al-Mousawi told Turkish Anadolu Agency.",
      "Al-Mousawi also said that field hospitals had received more than 22,000 injured residents.",
      "Read: Civilians bear brunt of the assault",
      "In terms of material damage, the army officer said that more than 10,000 homes had been destroyed.",
      "He added that 40 bodies were found.",
    ].join("\n\n");
    const [a, b, c] = contextOf(text, PUB, [
      "more than 22,000 injured",
      "more than 10,000 homes",
      "40 bodies",
    ]);
    assert.equal(a?.source, "Army Brigadier-General Thaer Al-Mousawi");
    assert.equal(b?.source, "Army Brigadier-General Thaer Al-Mousawi");
    assert.equal(c?.source, "Army Brigadier-General Thaer Al-Mousawi");
  });

  it("'the ministry' points back to the ministry named before", () => {
    const text =
      "The Gaza Health Ministry said 20 people were killed. The ministry also said 54 were wounded.";
    const [, b] = contextOf(text, PUB, ["20 people were killed", "54 were wounded"]);
    assert.equal(b?.source, "Gaza Health Ministry");
  });
});

describe("source: noisy text", () => {
  it("a missed sentence break or a spaced dash ends the subject", () => {
    assert.equal(source("NEW ORLEANS - Police said 3 people were shot.", "3 people were shot"), "Police");
    assert.equal(
      source("Two were hurt and the child died. police say 1 man was arrested.", "the child died"),
      "police",
    );
    assert.equal(source("Four were wounded.Authorities said 1 died later.", "1 died"), "Authorities");
  });

  it("titles with abbreviations stay whole", () => {
    assert.equal(
      source("Sgt. Cassandra Lewis said 2 men were shot.", "2 men were shot"),
      "Sgt. Cassandra Lewis",
    );
  });
});

describe("source: negatives", () => {
  it("a verb phrase is not a source", () => {
    const text = "Three victims were stabbed, potentially confirming reports of three bodies.";
    assert.equal(source(text, "Three victims were stabbed"), null);
  });

  it("no source named: null, not the outlet", () => {
    assert.equal(source("On Thursday, an airstrike killed 237 civilians.", "killed 237 civilians"), null);
  });

  it("the recipient is not the source", () => {
    assert.equal(
      source("A police officer told Reuters that 5 people died.", "5 people died"),
      "police officer",
    );
  });

  it("speech inside a quotation is not an attribution", () => {
    const text = "“Those who have fled are reporting high casualties,” he said, as 12 people were killed.";
    assert.equal(source(text, "12 people were killed"), null); // "he" with nobody before it
  });

  it("a passive 'were reported killed' names nobody", () => {
    assert.equal(source("Twelve people were reported killed.", "Twelve people"), null);
  });

  it("a source in an earlier sentence is not guessed for a sentence without attribution", () => {
    const text = "Police said a bomb exploded in the market. Twelve people were killed.";
    const [c] = contextOf(text, PUB, ["Twelve people were killed"]);
    assert.equal(c?.source, null);
  });
});
