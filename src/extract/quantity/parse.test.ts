import { test } from "node:test";
import assert from "node:assert/strict";
import { findQuantities } from "./parse.ts";

function one(s: string) {
  const qs = findQuantities(s.toLowerCase());
  assert.equal(qs.length, 1, `one figure in ${JSON.stringify(s)}: ${JSON.stringify(qs)}`);
  const q = qs[0]!;
  return { text: s.toLowerCase().slice(q.start, q.end), value: q.value, low: q.low, high: q.high, qualifier: q.qualifier };
}

test("digits with separators, decimals with scales", () => {
  assert.deepEqual(one("3,864 civilians"), { text: "3,864", value: 3864, low: 3864, high: 3864, qualifier: "exact" });
  assert.equal(one("1.5 million people").value, 1_500_000);
  assert.equal(one("22,000 injured").value, 22000);
});

test("number words", () => {
  assert.equal(one("twenty-two thousand dead").value, 22000);
  assert.equal(one("two hundred and thirty-seven civilians").value, 237);
  assert.equal(one("a dozen people").value, 12);
  assert.equal(one("two dozen people").value, 24);
  assert.equal(one("Seven people").value, 7);
  assert.equal(one("a hundred people").value, 100);
});

test("qualifiers", () => {
  assert.equal(one("as many as 43 civilians").qualifier, "at_most");
  assert.equal(one("some 80 dead").qualifier, "approximately");
  assert.equal(one("at least 30 people").qualifier, "at_least");
  assert.equal(one("no fewer than 30 people").qualifier, "at_least");
  assert.deepEqual(one("more than 22,000 injured"), { text: "more than 22,000", value: 22000, low: 22000, high: 22000, qualifier: "more_than" });
  assert.equal(one("fewer than ten people").qualifier, "fewer_than");
  assert.equal(one("nearly 50 people").qualifier, "approximately");
});

test("ranges", () => {
  assert.deepEqual(one("between 10 and 15 people"), { text: "between 10 and 15", value: 10, low: 10, high: 15, qualifier: "range" });
  assert.deepEqual(one("10-15 people"), { text: "10-15", value: 10, low: 10, high: 15, qualifier: "range" });
  assert.equal(one("two or three people").high, 3);
  assert.equal(one("12 to 20 people").qualifier, "range");
});

test("vague words follow the published convention", () => {
  assert.deepEqual(one("dozens of people"), { text: "dozens", value: 12, low: 12, high: 99, qualifier: "vague" });
  assert.equal(one("hundreds of people").value, 100);
  assert.equal(one("tens of thousands of people").value, 10000);
  assert.equal(one("several civilians").value, 2);
  assert.equal(one("a handful of soldiers").qualifier, "vague");
});

test("negative cases: times, ordinals, money, measures", () => {
  assert.equal(findQuantities("at 3:10 a.m.").length, 0);
  assert.equal(findQuantities("the 3rd floor").length, 0);
  assert.equal(findQuantities("$5 million").length, 0);
  const [days] = findQuantities("six weeks ago");
  assert.equal(days?.unit, "weeks");
  const [year] = findQuantities("in 2014");
  assert.equal(year?.yearLike, true);
  assert.equal(findQuantities("a number").length, 0);
});
