import { test } from "node:test";
import assert from "node:assert/strict";
import { claimBounds, computeFigures, metricTotals } from "./figures.ts";
import type { FigureInput } from "./figures.ts";
import { claim } from "./testing.ts";
import type { ClaimSpec } from "./testing.ts";

function inp(article: string, published: string, spec: ClaimSpec, stream = article): FigureInput {
  return { key: `${article}#${spec.id}`, claim: claim(spec), article_id: article, published, stream };
}

test("claim bounds by qualifier", () => {
  assert.deepEqual(claimBounds(claim({ id: "c", value: 35, qualifier: "at_least" })), {
    lo: 35,
    cap: null,
    top: 35,
    point: null,
    open: true,
  });
  assert.equal(
    claimBounds(claim({ id: "c", value: 22000, qualifier: "more_than", low: 22001, high: 22001 })).lo,
    22001,
  );
  assert.deepEqual(claimBounds(claim({ id: "c", value: 43, qualifier: "at_most" })), {
    lo: null,
    cap: 43,
    top: 43,
    point: null,
    open: false,
  });
  assert.equal(claimBounds(claim({ id: "c", value: 10, qualifier: "fewer_than", low: 9, high: 9 })).cap, 9);
  assert.deepEqual(claimBounds(claim({ id: "c", value: 12, qualifier: "vague", low: 12, high: 99 })), {
    lo: 12,
    cap: null,
    top: 99,
    point: null,
    open: false,
  });
  // A feared toll never raises the low.
  assert.equal(claimBounds(claim({ id: "c", value: 100, certainty: "feared" })).lo, null);
});

test("exact, at least, as many as → low from the raised minimum, high from the cap, best the median", () => {
  const [f] = computeFigures([
    inp("a1", "2017-03-18", { id: "c1", value: 30 }),
    inp("a2", "2017-03-19", { id: "c1", value: 35, qualifier: "at_least" }),
    inp("a3", "2017-03-20", { id: "c1", value: 43, qualifier: "at_most" }),
  ]);
  assert.deepEqual([f?.low, f?.best, f?.high], [35, 35, 43]);
  assert.match(f?.because.find((b) => b.rule === "best")?.text ?? "", /median/);
});

test("best is the highest exact figure inside [low, high]", () => {
  const [f] = computeFigures([
    inp("a1", "2017-03-18", { id: "c1", value: 35, qualifier: "at_least" }),
    inp("a2", "2017-03-19", { id: "c1", value: 38 }),
    inp("a3", "2017-03-20", { id: "c1", value: 41, qualifier: "approximately" }),
    inp("a4", "2017-03-20", { id: "c1", value: 43, qualifier: "at_most" }),
  ]);
  assert.deepEqual([f?.low, f?.best, f?.high], [38, 41, 43]);
});

test("a cap below a documented minimum is an outdated report", () => {
  const [f] = computeFigures([
    inp("a1", "2017-03-18", { id: "c1", value: 20, qualifier: "at_most" }),
    inp("a2", "2017-03-22", { id: "c1", value: 31 }),
  ]);
  assert.deepEqual([f?.low, f?.best, f?.high], [31, 31, 31]);
  assert.ok(f?.because.some((b) => b.rule === "high" && /below the low/.test(b.text)));
});

test("a later report of the same stream supersedes; other streams stay", () => {
  const [f] = computeFigures([
    inp("a1", "2017-03-18T08:00", { id: "c1", value: 50 }, "reuters|"),
    inp("a2", "2017-03-19T08:00", { id: "c1", value: 40 }, "reuters|"),
    inp("a3", "2017-03-18T09:00", { id: "c1", value: 38 }, "ap|"),
  ]);
  assert.deepEqual(f?.excluded, ["a1#c1"]);
  assert.deepEqual([f?.low, f?.best, f?.high], [40, 40, 40]);
});

test("vague words give their own range; a lone 'as many as' gives low = high", () => {
  const [v] = computeFigures([
    inp("a1", "2017-03-18", { id: "c1", value: 12, qualifier: "vague", low: 12, high: 99 }),
  ]);
  assert.deepEqual([v?.low, v?.best, v?.high], [12, 12, 99]);
  const [m] = computeFigures([inp("a1", "2017-03-18", { id: "c1", value: 43, qualifier: "at_most" })]);
  assert.deepEqual([m?.low, m?.best, m?.high], [43, 43, 43]);
  assert.match(m?.because.find((b) => b.rule === "low")?.text ?? "", /no claim documents a minimum/);
});

test("headline restatements and breakdown parts are left out", () => {
  const figs = computeFigures([
    inp("a1", "2017-03-25", { id: "c1", value: 4000, qualifier: "approximately", in_headline: true }),
    inp("a1", "2017-03-25", { id: "c2", value: 3864, qualifier: "at_most" }),
    inp("a1", "2017-03-25", { id: "c3", value: 400, victims: "children", part_of: "c2" }),
  ]);
  const civ = figs.find((f) => f.victims === "civilians");
  assert.deepEqual([civ?.low, civ?.best, civ?.high], [3864, 3864, 3864]);
  assert.deepEqual(civ?.excluded, ["a1#c1"]);
  assert.equal(
    figs.find((f) => f.victims === "children"),
    undefined,
  );
});

test("metric totals: civilians and combatants add, overlapping civilian groups do not, 'people' covers all", () => {
  const figs = computeFigures([
    inp("a1", "d", { id: "c1", value: 10, victims: "civilians" }),
    inp("a1", "d", { id: "c2", value: 4, victims: "children" }),
    inp("a1", "d", { id: "c3", value: 3, victims: "soldiers" }),
  ]);
  assert.deepEqual(
    metricTotals(figs).map((t) => [t.metric, t.low, t.best, t.high]),
    [["killed", 13, 13, 13]],
  );
  const withPeople = computeFigures([
    inp("a1", "d", { id: "c1", value: 10, victims: "civilians" }),
    inp("a2", "d", { id: "c1", value: 20, victims: "people" }),
  ]);
  assert.equal(metricTotals(withPeople)[0]?.best, 20);
});
