import { test } from "node:test";
import assert from "node:assert/strict";
import { emptyState, explainIncident, reconcile, resolveId, splitIncident, totals } from "./index.ts";
import type { IncidentRecord, ReconClaim, ReconState } from "./index.ts";
import { MOSUL, RAQQA, article, day, loc, rng, shuffle } from "./testing.ts";

const NOW = "2024-01-01T00:00:00Z";

function incidents(state: ReconState): IncidentRecord[] {
  return Object.values(state.incidents).sort((a, b) => a.id.localeCompare(b.id));
}

function killed(inc: IncidentRecord | undefined): { low: number; best: number; high: number } | undefined {
  const t = inc?.totals.find((x) => x.metric === "killed");
  return t ? { low: t.low, best: t.best, high: t.high } : undefined;
}

// One airstrike, three outlets, three figures: the first count, a raised minimum, a cap.
const threeOutlets: ReconClaim[] = [
  ...article({ article_id: "a1", outlet: "The National", published: "2017-03-18T08:00" }, [
    {
      id: "c1",
      value: 30,
      evidence: "killing 30 civilians",
      period: day("2017-03-17"),
      location: loc(MOSUL, "western Mosul"),
      method: "airstrike",
      perpetrator: "US-led coalition",
      doc: "i1",
    },
  ]),
  ...article({ article_id: "a2", outlet: "Al Jazeera", published: "2017-03-19T10:00" }, [
    {
      id: "c1",
      value: 35,
      qualifier: "at_least",
      evidence: "at least 35 civilians were killed",
      period: day("2017-03-17"),
      location: loc(MOSUL, "Mosul al-Jadida"),
      method: "air strike",
      doc: "i1",
    },
    {
      id: "c2",
      value: 12,
      metric: "injured",
      evidence: "12 wounded",
      period: day("2017-03-17"),
      location: loc(MOSUL),
      doc: "i1",
    },
  ]),
  ...article({ article_id: "a3", outlet: "Rudaw", published: "2017-03-20T09:00" }, [
    {
      id: "c1",
      value: 43,
      qualifier: "at_most",
      low: 0,
      evidence: "as many as 43 civilians",
      period: day("2017-03-17"),
      location: loc(MOSUL),
      method: "coalition air raid",
      perpetrator: "the coalition",
      doc: "i1",
    },
  ]),
];

test("one airstrike reported by three outlets with 30, at least 35 and as many as 43 → one incident, low 35, high 43", () => {
  const { state, changes } = reconcile(emptyState(), threeOutlets, { now: NOW });
  const incs = incidents(state);
  assert.equal(incs.length, 1);
  const inc = incs[0];
  assert.deepEqual(killed(inc), { low: 35, best: 35, high: 43 });
  assert.equal(inc?.grade, "corroborated");
  assert.equal(inc?.families.length, 3);
  assert.equal(inc?.date?.start, "2017-03-17");
  assert.equal(inc?.country, "IQ");
  const fig = inc?.figures.find((f) => f.metric === "killed");
  assert.deepEqual(
    fig?.because.filter((b) => b.rule === "low" || b.rule === "high").map((b) => b.claims),
    [["a2#c1"], ["a3#c1"]],
  );
  assert.deepEqual(
    changes.map((c) => c.type),
    ["created"],
  );
  const text = explainIncident(state, inc?.id ?? "");
  assert.match(text, /low 35: the highest documented minimum/);
  assert.match(text, /high 43: capped by "as many as"/);
  assert.match(text, /Rudaw 2017-03-20T09:00/);
});

test("two different strikes in the same city on the same day stay two", () => {
  const claims = [
    ...article({ article_id: "b1", outlet: "Reuters", published: "2017-03-23T12:00" }, [
      {
        id: "c1",
        value: 12,
        period: day("2017-03-23"),
        location: loc(MOSUL),
        method: "car bomb",
        evidence: "a car bomb killed 12 people at a market",
        doc: "i1",
      },
    ]),
    ...article({ article_id: "b2", outlet: "Kurdistan 24", published: "2017-03-23T15:00" }, [
      {
        id: "c1",
        value: 5,
        period: day("2017-03-23"),
        location: loc(MOSUL),
        method: "airstrike",
        evidence: "an airstrike on a house killed five",
        doc: "i1",
      },
    ]),
    // A second report of the car bomb: joins the first, not the airstrike.
    ...article({ article_id: "b3", outlet: "BBC", published: "2017-03-24T07:00" }, [
      {
        id: "c1",
        value: 14,
        period: day("2017-03-23"),
        location: loc(MOSUL),
        method: "bombing",
        evidence: "the bombing killed 14",
        doc: "i1",
      },
    ]),
  ];
  const { state } = reconcile(emptyState(), claims, { now: NOW });
  const incs = incidents(state);
  assert.equal(incs.length, 2);
  const bomb = incs.find((i) => i.claims.includes("b1#c1"));
  assert.deepEqual(bomb?.claims, ["b1#c1", "b3#c1"]);
  assert.deepEqual(killed(bomb), { low: 14, best: 14, high: 14 });
});

test("a wire story republished by two outlets counts as one source", () => {
  const sentence =
    "MOSUL, Iraq (AP) — An airstrike on a crowded neighbourhood killed 17 civilians on Tuesday, Iraqi officials said.";
  const claims = [
    ...article({ article_id: "w1", outlet: "Washington Post", published: "2017-03-22T10:00" }, [
      {
        id: "c1",
        value: 17,
        period: day("2017-03-21"),
        location: loc(MOSUL),
        method: "airstrike",
        sentence,
        doc: "i1",
      },
    ]),
    ...article({ article_id: "w2", outlet: "Seattle Times", published: "2017-03-22T11:30" }, [
      {
        id: "c1",
        value: 17,
        period: day("2017-03-21"),
        location: loc(MOSUL),
        method: "airstrike",
        sentence,
        doc: "i1",
      },
    ]),
  ];
  const { state } = reconcile(emptyState(), claims, { now: NOW });
  const [inc, ...rest] = incidents(state);
  assert.equal(rest.length, 0);
  assert.equal(inc?.grade, "single_source");
  assert.deepEqual(inc?.families, [["w1", "w2"]]);

  // An uncredited copy (no agency named) is caught by its near-identical sentence.
  const copy =
    "An airstrike on a crowded neighbourhood in Mosul killed 17 civilians on Tuesday, officials said.";
  const uncredited = [
    ...article({ article_id: "u1", outlet: "Daily A", published: "2017-03-22T10:00" }, [
      { id: "c1", value: 17, period: day("2017-03-21"), location: loc(MOSUL), sentence: copy, doc: "i1" },
    ]),
    ...article({ article_id: "u2", outlet: "Daily B", published: "2017-03-22T11:00" }, [
      {
        id: "c1",
        value: 17,
        period: day("2017-03-21"),
        location: loc(MOSUL),
        sentence: copy.replace("officials", "local officials"),
        doc: "i1",
      },
    ]),
  ];
  const r2 = reconcile(emptyState(), uncredited, { now: NOW });
  assert.equal(incidents(r2.state)[0]?.grade, "single_source");
});

test("a running total never adds to the incident sums", () => {
  const claims = [
    ...article({ article_id: "r1", outlet: "Reuters", published: "2017-03-22T12:00" }, [
      {
        id: "c1",
        value: 12,
        period: day("2017-03-21"),
        location: loc(MOSUL),
        method: "airstrike",
        doc: "i1",
      },
      {
        id: "c2",
        value: 3864,
        scope: "cumulative",
        period: { start: "2017-02-19", end: "2017-03-22", precision: "month" },
        location: loc(MOSUL, "western Mosul"),
      },
    ]),
  ];
  const { state } = reconcile(emptyState(), claims, { now: NOW });
  assert.equal(incidents(state).length, 1);
  assert.deepEqual(killed(incidents(state)[0]), { low: 12, best: 12, high: 12 });
  const rows = totals(state, "country").filter((r) => r.metric === "killed");
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.incidents.best, 12);
  assert.equal(rows[0]?.aggregate?.best, 3864);
  assert.equal(state.claims["r1#c2"]?.incident, null);
});

test("historical claims and breakdown parts never count", () => {
  const claims = article({ article_id: "h1", outlet: "AFP", published: "2017-03-22T12:00" }, [
    { id: "c1", value: 9, victims: "people", period: day("2017-03-21"), location: loc(MOSUL), doc: "i1" },
    {
      id: "c2",
      value: 4,
      victims: "children",
      part_of: "c1",
      period: day("2017-03-21"),
      location: loc(MOSUL),
      doc: "i1",
    },
    { id: "c3", value: 1700, historical: true, period: day("2014-06-12"), location: loc(MOSUL) },
  ]);
  const { state } = reconcile(emptyState(), claims, { now: NOW });
  const [inc, ...rest] = incidents(state);
  assert.equal(rest.length, 0);
  assert.deepEqual(killed(inc), { low: 9, best: 9, high: 9 });
  assert.ok(inc?.claims.includes("h1#c2"), "the part is shown with its whole");
  assert.match(state.claims["h1#c3"]?.note ?? "", /historical/);
  assert.equal(totals(state, "month")[0]?.incidents.best, 9);
});

test("ids survive re-running with more articles, and a merge keeps the absorbed id as an alias", () => {
  // Two reports of one strike that cannot be told to be one: the neighbourhood has no coordinates.
  const alJadida = { name: "Mosul al-Jadida", place: "Mosul al-Jadida", country: "IQ", lat: 0, lon: 0 };
  const nb = (name: string) => ({ ...loc(alJadida, name), lat: null, lon: null, geonameid: null });
  const first = [
    ...article({ article_id: "m1", outlet: "NRT", published: "2017-03-18T08:00" }, [
      {
        id: "c1",
        value: 30,
        period: day("2017-03-17"),
        location: { ...loc(MOSUL), lat: null, lon: null, geonameid: null },
        method: "airstrike",
        doc: "i1",
      },
    ]),
    ...article({ article_id: "m2", outlet: "Shafaq", published: "2017-03-18T09:00" }, [
      {
        id: "c1",
        value: 28,
        period: day("2017-03-17"),
        location: nb("Mosul al-Jadida"),
        method: "airstrike",
        doc: "i1",
      },
    ]),
  ];
  const r1 = reconcile(emptyState(), first, { now: NOW });
  const ids1 = incidents(r1.state).map((i) => i.id);
  assert.equal(ids1.length, 2, "two place names, no coordinates: kept apart");

  // Re-running with the same claims changes nothing.
  const again = reconcile(r1.state, first, { now: NOW });
  assert.deepEqual(again.changes, []);
  assert.deepEqual(
    incidents(again.state).map((i) => i.id),
    ids1,
  );

  // A report in an unrelated city keeps both ids.
  const other = article({ article_id: "m3", outlet: "SANA", published: "2017-03-18T09:00" }, [
    { id: "c1", value: 3, period: day("2017-03-17"), location: loc(RAQQA), method: "shelling", doc: "i1" },
  ]);
  const r2 = reconcile(again.state, other, { now: NOW });
  for (const id of ids1) assert.ok(r2.state.incidents[id]);
  const ids2 = incidents(r2.state).map((i) => i.id);

  // A report naming the neighbourhood as part of the city bridges the two: they merge.
  const bridge = article({ article_id: "m4", outlet: "Reuters", published: "2017-03-19T09:00" }, [
    {
      id: "c1",
      value: 30,
      period: day("2017-03-17"),
      location: nb("Mosul al-Jadida"),
      method: "airstrike",
      doc: "i1",
    },
    {
      id: "c2",
      value: 50,
      metric: "injured",
      period: day("2017-03-17"),
      location: { ...loc(MOSUL), lat: null, lon: null, geonameid: null },
      doc: "i1",
    },
  ]);
  const r3 = reconcile(r2.state, bridge, { now: "2024-01-02T00:00:00Z" });
  const merged = r3.changes.find((c) => c.type === "merged");
  assert.ok(merged && merged.type === "merged");
  const survivor = r3.state.incidents[merged.id];
  assert.ok(survivor);
  assert.ok(ids1.includes(survivor.id), "the survivor keeps one of the existing ids");
  for (const id of ids1) assert.equal(resolveId(r3.state, id), survivor.id, "the absorbed id resolves");
  assert.deepEqual(
    survivor.aliases,
    ids1.filter((id) => id !== survivor.id),
  );
  assert.ok(
    survivor.history.some(
      (h) => h.action === "merge" && h.from[0] === merged.absorbed && h.to[0] === survivor.id,
    ),
  );
  assert.deepEqual(killed(survivor), { low: 30, best: 30, high: 30 });
  assert.match(explainIncident(r3.state, merged.absorbed), /merged into it/);

  // The same claims from scratch give the same ids (ids come from the founding report, not from a counter).
  const scratch = reconcile(emptyState(), [...first, ...other], { now: NOW });
  assert.deepEqual(
    incidents(scratch.state).map((i) => i.id),
    ids2,
  );
});

test("a split keeps the old id on the larger part and gives the new part a new id", () => {
  const { state } = reconcile(emptyState(), threeOutlets, { now: NOW });
  const inc = incidents(state)[0];
  assert.ok(inc);
  const r = splitIncident(state, inc.id, ["a3#c1"], "analyst: the Rudaw report is a different strike", {
    now: NOW,
  });
  const split = r.changes[0];
  assert.ok(split && split.type === "split");
  assert.equal(split.from, inc.id);
  assert.notEqual(split.id, inc.id);
  assert.deepEqual(state.incidents[inc.id]?.claims, ["a1#c1", "a2#c1", "a2#c2"]);
  assert.deepEqual(state.incidents[split.id]?.claims, ["a3#c1"]);
  assert.ok(state.incidents[inc.id]?.history.some((h) => h.action === "split"));
});

test("a revised article withdraws its claims: an incident left empty is retired", () => {
  const { state } = reconcile(emptyState(), threeOutlets, { now: NOW });
  const solo = article({ article_id: "x1", outlet: "X", published: "2017-05-01T10:00" }, [
    { id: "c1", value: 3, period: day("2017-04-30"), location: loc(RAQQA), doc: "i1" },
  ]);
  reconcile(state, solo, { now: NOW });
  const id = state.claims["x1#c1"]?.incident;
  assert.ok(id);
  const revised = article({ article_id: "x1", outlet: "X", published: "2017-05-01T12:00" }, [
    { id: "c1", value: 4, period: day("2017-04-30"), location: loc(RAQQA), doc: "i1" },
  ]);
  const r = reconcile(state, revised, { now: NOW, replaceArticles: ["x1"] });
  assert.ok(r.changes.some((c) => c.type === "retired" && c.id === id));
  assert.equal(resolveId(state, id), null);
  const now = state.claims["x1#c1"]?.incident;
  assert.ok(now && now !== id, "a retired id is never reused");
  assert.equal(killed(state.incidents[now])?.best, 4);
});

// The seed article's pattern (figures and wording paraphrased): two airstrikes in Mosul on consecutive days plus
// running totals beside them, and a headline that rounds the body's 3,864 to 4,000.
const seedLike: ReconClaim[] = article(
  {
    article_id: "seed",
    outlet: "Middle East Monitor",
    published: "2017-03-25T11:22",
    title: "4,000 civilians killed in west Mosul offensive",
  },
  [
    {
      id: "c1",
      value: 4000,
      qualifier: "approximately",
      scope: "cumulative",
      in_headline: true,
      period: { start: "2017-02", end: "2017-03-25", precision: "month" },
      location: loc(MOSUL, "west Mosul", "region"),
    },
    {
      id: "c2",
      value: 3864,
      qualifier: "at_most",
      low: 0,
      scope: "cumulative",
      period: { start: "2017-02", end: "2017-03-25", precision: "month" },
      location: loc(MOSUL, "western Mosul", "region"),
      source: "Iraqi army source",
    },
    {
      id: "c3",
      value: 22000,
      metric: "injured",
      qualifier: "more_than",
      scope: "cumulative",
      period: { start: "2017-02", end: "2017-03-25", precision: "month" },
      location: loc(MOSUL),
    },
    {
      id: "c4",
      value: 10000,
      metric: "homes_destroyed",
      victims: "other",
      qualifier: "more_than",
      scope: "cumulative",
      period: { start: "2017-02", end: "2017-03-25", precision: "month" },
      location: loc(MOSUL, "western Mosul", "region"),
    },
    {
      id: "c5",
      value: 43,
      qualifier: "at_most",
      low: 0,
      period: day("2017-03-22"),
      location: loc(MOSUL, "western Mosul"),
      method: "airstrike",
      perpetrator: "US-led coalition",
      certainty: "believed",
      doc: "i1",
    },
    {
      id: "c6",
      value: 80,
      qualifier: "approximately",
      scope: "cumulative",
      period: { start: null, end: "2017-03-22", precision: null },
      location: loc(MOSUL),
    },
    {
      id: "c7",
      value: 237,
      period: day("2017-03-23"),
      location: loc(MOSUL),
      method: "air raid",
      perpetrator: "US-led coalition or its Iraqi allies",
      doc: "i2",
    },
  ],
);

test("the seed pattern: two airstrikes, running totals beside them, the headline's 4,000 is the body's 3,864", () => {
  const { state } = reconcile(emptyState(), seedLike, { now: NOW });
  const incs = incidents(state);
  assert.equal(incs.length, 2);
  const a = incs.find((i) => i.claims.includes("seed#c5"));
  const b = incs.find((i) => i.claims.includes("seed#c7"));
  assert.deepEqual(killed(a), { low: 43, best: 43, high: 43 });
  assert.deepEqual(killed(b), { low: 237, best: 237, high: 237 });
  assert.equal(a?.date?.start, "2017-03-22");
  assert.equal(b?.date?.start, "2017-03-23");

  const aggs = Object.values(state.aggregates);
  assert.equal(aggs.length, 4, "3,864 (with its headline), injured, homes, bodies");
  const deaths = aggs.find((g) => g.claims.includes("seed#c2"));
  assert.deepEqual(deaths?.claims, ["seed#c1", "seed#c2"]);
  assert.equal(deaths?.high, 3864);
  assert.equal(deaths?.best, 3864);
  assert.ok(deaths?.because.some((x) => x.rule === "restatement"));
  assert.equal(aggs.find((g) => g.metric === "injured")?.low, 22001);
  assert.equal(aggs.find((g) => g.metric === "homes_destroyed")?.low, 10001);
  assert.equal(aggs.find((g) => g.claims.includes("seed#c6"))?.best, 80);

  const march = totals(state, "month").find((r) => r.key === "2017-03" && r.metric === "killed");
  assert.equal(march?.incidents.best, 43 + 237);
  assert.equal(march?.incidents.count, 2);
  assert.equal(march?.aggregate?.best, 3864, "the highest running total, beside the sum");
  const byPlace = totals(state, "place").find((r) => r.key === "mosul" && r.metric === "killed");
  assert.equal(byPlace?.incidents.best, 280);
  assert.equal(byPlace?.aggregate?.best, 3864);
});

test("the seed pattern with the extractor's same_as mark on the headline", () => {
  const marked = seedLike.map((c) =>
    c.claim.id === "c1" ? { ...c, claim: { ...c.claim, same_as: "c2" } } : c,
  );
  const { state } = reconcile(emptyState(), marked, { now: NOW });
  const deaths = Object.values(state.aggregates).find((g) => g.claims.includes("seed#c2"));
  assert.deepEqual(deaths?.claims, ["seed#c1", "seed#c2"]);
  assert.equal(deaths?.best, 3864);
  assert.equal(Object.values(state.aggregates).length, 4);
});

test("the seed pattern without document incidents still gives two incidents", () => {
  const loose = seedLike.map((c) => ({ ...c, doc_incident: null }));
  const { state } = reconcile(emptyState(), loose, { now: NOW });
  assert.equal(incidents(state).length, 2);
});

test("shuffling the order of claims yields the same incidents and figures", () => {
  const all = [
    ...threeOutlets,
    ...seedLike,
    ...article({ article_id: "z1", outlet: "SANA", published: "2017-03-20T09:00" }, [
      { id: "c1", value: 6, period: day("2017-03-19"), location: loc(RAQQA), method: "shelling", doc: "i1" },
      { id: "c2", value: 11, metric: "injured", period: day("2017-03-19"), location: loc(RAQQA), doc: "i1" },
    ]),
    ...article({ article_id: "z2", outlet: "SOHR", published: "2017-03-20T11:00" }, [
      {
        id: "c1",
        value: 8,
        qualifier: "at_least",
        period: day("2017-03-19"),
        location: loc(RAQQA),
        method: "artillery",
        doc: "i1",
      },
    ]),
  ];
  const base = reconcile(emptyState(), all, { now: NOW }).state;
  const rand = rng(42);
  for (let i = 0; i < 20; i++) {
    const s = reconcile(emptyState(), shuffle(all, rand), { now: NOW }).state;
    assert.deepEqual(s, base);
  }
  // Two batches in either order: same grouping and figures (ids may differ: they come from the founding report).
  const shape = (st: ReconState) =>
    incidents(st)
      .map((i) => JSON.stringify([i.claims, i.totals]))
      .sort();
  const half = Math.floor(all.length / 2);
  const ab = reconcile(reconcile(emptyState(), all.slice(0, half), { now: NOW }).state, all.slice(half), {
    now: NOW,
  }).state;
  const ba = reconcile(reconcile(emptyState(), all.slice(half), { now: NOW }).state, all.slice(0, half), {
    now: NOW,
  }).state;
  assert.deepEqual(shape(ab), shape(base));
  assert.deepEqual(shape(ba), shape(base));
});

test("a later report from the same source supersedes its earlier one; a perpetrator's admission confirms", () => {
  const claims = [
    ...article({ article_id: "s1", outlet: "Reuters", published: "2017-03-22T08:00" }, [
      {
        id: "c1",
        value: 20,
        period: day("2017-03-21"),
        location: loc(MOSUL),
        method: "airstrike",
        doc: "i1",
      },
    ]),
    ...article({ article_id: "s2", outlet: "Reuters", published: "2017-03-23T08:00" }, [
      {
        id: "c1",
        value: 26,
        period: day("2017-03-21"),
        location: loc(MOSUL),
        method: "airstrike",
        doc: "i1",
      },
    ]),
    ...article({ article_id: "s3", outlet: "CNN", published: "2017-03-28T08:00" }, [
      {
        id: "c1",
        value: 25,
        period: day("2017-03-21"),
        location: loc(MOSUL),
        method: "airstrike",
        perpetrator: "US-led coalition",
        source: "the coalition",
        certainty: "confirmed",
        sentence: "The coalition admitted its strike killed 25 civilians.",
        doc: "i1",
      },
    ]),
  ];
  const { state } = reconcile(emptyState(), claims, { now: NOW });
  const [inc, ...rest] = incidents(state);
  assert.equal(rest.length, 0);
  const fig = inc?.figures.find((f) => f.metric === "killed");
  assert.deepEqual(fig?.excluded, ["s1#c1"]);
  assert.deepEqual(killed(inc), { low: 26, best: 26, high: 26 });
  assert.equal(inc?.grade, "confirmed");
});

test("figures that disagree more than twofold make the incident contested", () => {
  const claims = [
    ...article({ article_id: "k1", outlet: "Outlet One", published: "2017-03-22T08:00" }, [
      { id: "c1", value: 10, period: day("2017-03-21"), location: loc(MOSUL), doc: "i1" },
    ]),
    ...article({ article_id: "k2", outlet: "Outlet Two", published: "2017-03-22T09:00" }, [
      {
        id: "c1",
        value: 25,
        qualifier: "range",
        low: 10,
        high: 25,
        period: day("2017-03-21"),
        location: loc(MOSUL),
        doc: "i1",
      },
    ]),
  ];
  const { state } = reconcile(emptyState(), claims, { now: NOW });
  const [inc] = incidents(state);
  assert.equal(inc?.grade, "contested");
  assert.deepEqual(killed(inc), { low: 10, best: 10, high: 25 });
});

test("the state survives a JSON round trip, and a slice of candidate buckets reconciles like the whole state", async () => {
  const { syntheticArticles } = await import("./bench.ts");
  const { sliceState } = await import("./reconcile.ts");
  const base = syntheticArticles(2000, 11).flat();
  const more = syntheticArticles(120, 12, 500_000);
  const full = reconcile(emptyState(), base, { now: NOW }).state;
  const stored = JSON.stringify(full);

  // Whole state, kept in memory.
  const mem = structuredClone(full);
  for (const a of more) reconcile(mem, a, { now: NOW });

  // Whole state, loaded fresh from JSON for every article (index rebuilt each time).
  let disk = JSON.parse(stored) as ReconState;
  for (const a of more)
    disk = JSON.parse(JSON.stringify(reconcile(disk, a, { now: NOW }).state)) as ReconState;
  assert.deepEqual(disk, mem);

  // Only the slice each article could touch, written back into the full state.
  const store = JSON.parse(stored) as ReconState;
  for (const a of more) {
    const slice = structuredClone(sliceState(store, a));
    const { state: s, changes } = reconcile(slice, a, { now: NOW });
    for (const c of changes) if (c.type === "merged") delete store.incidents[c.absorbed];
    Object.assign(store.incidents, s.incidents);
    Object.assign(store.aggregates, s.aggregates);
    Object.assign(store.claims, s.claims);
    Object.assign(store.articles, s.articles);
    Object.assign(store.aliases, s.aliases);
    Object.assign(store.retired, s.retired);
    const { forgetIndex } = await import("./reconcile.ts");
    forgetIndex(store);
  }
  assert.deepEqual(JSON.parse(JSON.stringify(store)), JSON.parse(JSON.stringify(mem)));
});

test("each linking decision is kept on the incident and explained: founded, joined, kept apart", () => {
  const report = (id: string, value: number, sentence: string, published: string) =>
    article({ article_id: id, outlet: `Outlet ${id}`, published }, [
      {
        id: "c1",
        value,
        period: day("2017-03-17"),
        location: loc(MOSUL),
        method: "airstrike",
        perpetrator: "coalition",
        sentence,
        doc: "i1",
      },
    ]);
  const claims: ReconClaim[] = [
    ...report("p1", 12, "An airstrike on the Hamdani family home killed 12 people.", "2017-03-18T08:00"),
    ...report(
      "p2",
      12,
      "Twelve members of the Hamdani family were killed in an air raid.",
      "2017-03-18T10:00",
    ),
    // The same day and city, another family's home: a distinct strike.
    ...report("p3", 11, "An airstrike on the Jubouri family home killed 11 people.", "2017-03-18T11:00"),
  ];
  const { state } = reconcile(emptyState(), claims, { now: NOW });
  const all = incidents(state);
  assert.equal(all.length, 2, "two strikes");
  const hamdani = all.find((i) => i.articles.includes("p1"));
  assert.ok(hamdani);
  assert.deepEqual(hamdani.articles, ["p1", "p2"]);
  const [founded, joined] = hamdani.links ?? [];
  assert.equal(founded?.decision, "founded");
  assert.deepEqual(founded?.claims, ["p1#c1"]);
  assert.equal(joined?.decision, "joined");
  assert.deepEqual(joined?.claims, ["p2#c1"]);
  assert.ok(joined?.agreed.some((a) => a.startsWith("identity +3: both name the hamdani family")));
  const text = explainIncident(state, hamdani.id);
  assert.match(text, /linking \(why each report is here\):/);
  assert.match(text, /p2#c1: joined inc_\w+ \(score \d+\)/);
  // The other strike is listed as kept apart, with the rule that told them apart.
  assert.match(
    text,
    /kept apart from[^\n]*\n\s+inc_\w+: score -?\d+, below 4[\s\S]*- identity -6: different families named/,
  );
});
