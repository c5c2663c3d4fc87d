import { test } from "node:test";
import assert from "node:assert/strict";
import { splitSentences } from "./segment.ts";

const parts = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

test("splits at stops and line breaks, keeps offsets exact", () => {
  const t = "Headline without stop\n\nFive people died. Two were hurt! Was it? Yes.";
  assert.deepEqual(parts(t), ["Headline without stop", "Five people died.", "Two were hurt!", "Was it?", "Yes."]);
});

test("abbreviations and initials do not end a sentence", () => {
  const t = "Army Brig. Gen. Thaer said so on Jan. 5. The U.S. Army and Dr. Smith agreed. J. R. Doe left.";
  assert.deepEqual(parts(t), ["Army Brig. Gen. Thaer said so on Jan. 5.", "The U.S. Army and Dr. Smith agreed.", "J. R. Doe left."]);
});

test("decimals and closing quotes", () => {
  const t = "It cost 3.5 million. “We pulled 40 bodies,” he said. Then 7 died.";
  assert.deepEqual(parts(t), ["It cost 3.5 million.", "“We pulled 40 bodies,” he said.", "Then 7 died."]);
});

test("upper-case wire copy", () => {
  const t = "SAN SALVADOR, 4 JAN 90 -- [TEXT] THREE SOLDIERS WERE KILLED. FOUR WERE WOUNDED.";
  assert.deepEqual(parts(t), ["SAN SALVADOR, 4 JAN 90 -- [TEXT] THREE SOLDIERS WERE KILLED.", "FOUR WERE WOUNDED."]);
});
