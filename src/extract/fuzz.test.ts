// Property test of the extractor on generated text (issue 14): it never throws, every offset points at the words it
// names, and every figure is a safe integer within MAX_FIGURE. Inputs mix news words, figures (huge ones too),
// punctuation runs and stray characters, so they reach the grammar rather than bouncing off it.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { extract } from "./index.ts";
import { MAX_FIGURE } from "./document.ts";

const WORDS = [
  "five",
  "twenty-two",
  "a dozen",
  "dozens of",
  "hundreds",
  "at least",
  "more than",
  "as many as",
  "between",
  "and",
  "or",
  "people",
  "civilians",
  "children",
  "soldiers",
  "police",
  "were",
  "was",
  "killed",
  "wounded",
  "injured",
  "dead",
  "bodies",
  "died",
  "abducted",
  "missing",
  "since",
  "on Monday",
  "in Mosul",
  "according to",
  "officials",
  "said",
  "the",
  "a",
  "of",
  "including",
  "protest",
  "against",
  "killing",
  "million",
  "thousand",
  "Ministry's",
  "figures",
  "Mr.",
  "U.S.",
  "constructor",
  "toString",
  "__proto__",
  "IS",
  "\u201c",
  "\u201d",
  "(",
  ")",
  "-",
  "\u2014",
];
const figure = fc.oneof(
  fc.nat({ max: 100_000 }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 60n }).map(String),
  fc.integer({ min: 1, max: 400 }).map((n) => "9".repeat(n)),
  fc.tuple(fc.nat({ max: 999 }), fc.nat({ max: 999 })).map(([a, b]) => `${a},${String(b).padStart(3, "0")}`),
);
const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: figure },
  { weight: 2, arbitrary: fc.constantFrom(".", ",", ";", "!", "?", "...", "\n", "\n\n", " ", ":") },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 4 }) },
);
const text = fc.array(token, { maxLength: 80 }).map((ts) => ts.join(" "));

test(
  "the extractor never throws, its offsets are exact and its figures safe integers",
  { timeout: 120_000 },
  () => {
    let claims = 0;
    let dropped = 0;
    fc.assert(
      fc.property(
        text,
        fc.option(fc.constantFrom("Five killed in Mosul", "9".repeat(50) + " killed"), { nil: undefined }),
        (body, title) => {
          const r = extract(body, { title, published: "2024-05-01" });
          claims += r.claims.length;
          dropped += r.warnings.filter((w) => w.code === "figure_out_of_range").length;
          for (const c of r.claims) {
            const source = c.in_headline && title !== undefined ? title : body;
            assert.equal(source.slice(c.evidence.start, c.evidence.end), c.evidence.text);
            assert.ok(
              0 <= c.sentence.start &&
                c.sentence.start <= c.evidence.start &&
                c.evidence.end <= c.sentence.end &&
                c.sentence.end <= source.length,
            );
            for (const v of [c.value, c.low, c.high])
              assert.ok(Number.isSafeInteger(v) && v >= 0 && v <= MAX_FIGURE, `${c.id}: ${v}`);
            for (const b of c.breakdown) assert.ok(Number.isSafeInteger(b.value) && b.value <= MAX_FIGURE);
          }
          for (const x of [
            r.totals.killed,
            r.totals.injured,
            ...r.incidents.flatMap((i) => [i.killed, i.injured]),
          ]) {
            if (x) for (const v of [x.low, x.best, x.high]) assert.ok(Number.isSafeInteger(v), `total ${v}`);
          }
          for (const w of r.warnings)
            assert.ok(w.start <= w.end && w.end <= Math.max(body.length, title?.length ?? 0));
        },
      ),
      { numRuns: 400, seed: 14 },
    );
    // The inputs reach the grammar: claims are read, and some figures are out of range.
    assert.ok(claims > 50 && dropped > 0, `${claims} claims, ${dropped} dropped`);
  },
);
