import { test } from "node:test";
import assert from "node:assert/strict";
import { detectHeader } from "./header.ts";

test("headline above a date line; page furniture above it is skipped", () => {
  const t = "clear\n\nCreating new perspectives since 2009\n\n4,000 Iraq civilians killed in west Mosul offensive\n\nMarch 25, 2017 at 11:22 am\n\nBody text here.";
  const h = detectHeader(t);
  assert.equal(h.title, "4,000 Iraq civilians killed in west Mosul offensive");
  assert.equal(h.published, "2017-03-25T11:22");
  assert.equal(t.slice(h.titleSpan!.start, h.titleSpan!.end), h.title);
});

test("a first line without a stop is the headline; no date", () => {
  const h = detectHeader("Elgin shooting leaves 5 injured\n\nFive people were injured in a shooting.");
  assert.equal(h.title, "Elgin shooting leaves 5 injured");
  assert.equal(h.published, null);
});

test("wire datelines give the date", () => {
  assert.equal(detectHeader("SAN SALVADOR, 4 JAN 90 -- [TEXT] THREE SOLDIERS DIED.").published, "1990-01-04");
});

test("negative: a one-paragraph note has no title", () => {
  const h = detectHeader("On 9 May 2020, medical interns protested in Haifa. [size=no report]");
  assert.equal(h.title, null);
});
