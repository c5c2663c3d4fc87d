// The incident export row (UCDP GED-style columns) and its precisions; how a source family without an outlet reads.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Location } from "../extract/types.ts";
import { datePrecision, incidentExportRow, incidentUrl, reviewStatus, wherePrecision } from "./export.ts";
import { gradeIncident } from "./grade.ts";
import type { IncidentRecord } from "./types.ts";

const loc = (place: string | null, precision: Location["precision"]): { location: Location } => ({
  location: { name: place ?? "Iraq", place, country: "IQ", lat: 36.3, lon: 43.1, precision },
});

test("date_prec from the width of the date window", () => {
  assert.equal(datePrecision(null), null);
  assert.equal(datePrecision({ start: "2017-03-17", end: "2017-03-17" }), "day");
  assert.equal(datePrecision({ start: "2017-03-17", end: "2017-03-19" }), "days");
  assert.equal(datePrecision({ start: "2017-03-13", end: "2017-03-19" }), "week");
  assert.equal(datePrecision({ start: "2017-03-01", end: "2017-03-31" }), "month");
  assert.equal(
    datePrecision({ start: "2017-02-25", end: "2017-03-10" }),
    "year",
    "two weeks across a month end is coarser than a month",
  );
  assert.equal(
    datePrecision({ start: "2016-12-30", end: "2017-01-02" }),
    "days",
    "across a year end by calendar days, not zones",
  );
});

test("where_prec: the finest precision among the claims naming the incident's place; country when only that is known", () => {
  const inc = { place: "Mosul", country: "IQ" };
  assert.equal(
    wherePrecision(inc, [loc("Mosul", "near"), loc("Mosul", "exact"), loc("Baghdad", "exact")]),
    "exact",
  );
  assert.equal(wherePrecision(inc, [loc("Mosul", "near"), loc("Baghdad", "exact")]), "near");
  assert.equal(wherePrecision({ place: "Nineveh", country: "IQ" }, [loc("Nineveh", "region")]), "region");
  assert.equal(wherePrecision({ place: null, country: "IQ" }, [loc(null, "country")]), "country");
  assert.equal(wherePrecision({ place: null, country: null }, []), null);
});

test("an incident row has every column, figures as low / best / high, joined lists, and its page", () => {
  const inc = {
    id: "inc_abc",
    aliases: [],
    claims: ["1#c1", "2#c1", "2#c2"],
    articles: ["1", "2"],
    date: { start: "2017-03-17", end: "2017-03-17" },
    place: "Mosul",
    country: "IQ",
    lat: 36.335,
    lon: 43.119,
    methods: ["airstrike", "shelling"],
    perpetrators: ["US-led coalition"],
    figures: [],
    totals: [{ metric: "killed", low: 30, best: 35, high: 43, because: "" }],
    grade: "corroborated",
    grade_because: [],
    families: [["1"], ["2"]],
    history: [],
    created_at: "",
    updated_at: "",
  } as unknown as IncidentRecord;
  const row = incidentExportRow(
    inc,
    [loc("Mosul", "exact")],
    reviewStatus(1, 3),
    incidentUrl("https://toll.example/", inc.id),
  );
  assert.deepEqual(row, {
    id: "inc_abc",
    date_start: "2017-03-17",
    date_end: "2017-03-17",
    date_prec: "day",
    country: "IQ",
    place: "Mosul",
    latitude: 36.335,
    longitude: 43.119,
    where_prec: "exact",
    killed_low: 30,
    killed_best: 35,
    killed_high: 43,
    injured_low: null,
    injured_best: null,
    injured_high: null,
    perpetrator: "US-led coalition",
    method: "airstrike; shelling",
    grade: "corroborated",
    sources: 2,
    claims: 3,
    review_status: "partly",
    url: "https://toll.example/#/incident/inc_abc",
  });
  assert.equal(reviewStatus(0, 3), "unreviewed");
  assert.equal(reviewStatus(3, 3), "reviewed");
});

test("a source family without wire or outlet reads as an unknown outlet, not as its article id twice", () => {
  const g = gradeIncident([], [], [{ label: "1", articles: ["1"], why: [] }]);
  const text = g.because.map((b) => b.text).join(" ");
  assert.match(text, /unknown outlet \[article 1\]/);
  assert.doesNotMatch(text, /1 \[1\]/);
  const two = gradeIncident(
    [],
    [],
    [
      { label: "Reuters", articles: ["3", "4"], why: [] },
      { label: "5", articles: ["5", "6"], why: [] },
    ],
  );
  assert.match(
    two.because.map((b) => b.text).join(" "),
    /Reuters \[3, 4\]; unknown outlet \[articles 5, 6\]/,
  );
});
