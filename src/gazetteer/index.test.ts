import assert from "node:assert/strict";
import { test } from "node:test";
import { loadGazetteer } from "./index.ts";
import { normalizeKey } from "./normalize.ts";

// Real data: the first run builds the cache (several seconds), later runs read it.
const gaz = loadGazetteer();

function top(name: string): { name: string; country: string; kind: string } | undefined {
  const p = gaz.lookup(name)[0];
  return p && { name: p.name, country: p.country, kind: p.kind };
}

test("normalizeKey folds case, accents, apostrophes and hyphens", () => {
  assert.equal(normalizeKey("Khān Yūnis"), "khan yunis");
  assert.equal(normalizeKey("Artemivs’k"), "artemivsk");
  assert.equal(normalizeKey("Deir ez-Zor"), "deir ez zor");
  assert.equal(normalizeKey("  U.S. "), "us");
});

test("aliases resolve to the right city", () => {
  const cases: [string, string, string][] = [
    ["Al Mawsil", "Mosul", "IQ"],
    ["Mosul", "Mosul", "IQ"],
    ["Artemivsk", "Bakhmut", "UA"],
    ["Bakhmut", "Bakhmut", "UA"],
    ["Ar Raqqah", "Ar Raqqah", "SY"],
    ["Raqqa", "Ar Raqqah", "SY"],
    ["Kharkov", "Kharkiv", "UA"],
    ["Kharkiv", "Kharkiv", "UA"],
    ["Khan Younis", "Khān Yūnis", "PS"],
    ["Khan Yunis", "Khān Yūnis", "PS"],
    ["Aleppo", "Aleppo", "SY"],
    ["Halab", "Aleppo", "SY"],
    ["Gaza", "Gaza", "PS"],
    ["Avdiivka", "Avdiivka", "UA"],
  ];
  for (const [alias, name, country] of cases) {
    assert.deepEqual(top(alias), { name, country, kind: "city" }, alias);
  }
});

test("Mosul has GeoNames coordinates and id", () => {
  const [mosul] = gaz.lookup("mosul");
  assert.ok(mosul);
  assert.equal(mosul.geonameid, 99072);
  assert.ok(Math.abs(mosul.lat - 36.335) < 1e-4 && Math.abs(mosul.lon - 43.11889) < 1e-4);
});

test("countries by name and alias, with centroids inside the country", () => {
  for (const [alias, cc] of [
    ["US", "US"], ["United States", "US"], ["America", "US"], ["UK", "GB"], ["Britain", "GB"], ["Syria", "SY"],
    ["Ukraine", "UA"], ["Iraq", "IQ"], ["Palestine", "PS"], ["Burma", "MM"], ["Ivory Coast", "CI"],
  ] as const) {
    const p = top(alias);
    assert.equal(p?.country, cc, alias);
    assert.equal(p?.kind, "country", alias);
  }
  const [iraq] = gaz.lookup("Iraq");
  assert.ok(iraq && iraq.lat > 29 && iraq.lat < 37.5 && iraq.lon > 38.8 && iraq.lon < 48.6, "Iraq centroid");
  const [us] = gaz.lookup("United States");
  assert.ok(us && us.lat > 30 && us.lat < 48 && us.lon > -110 && us.lon < -85, "US centroid in the lower 48");
});

test("regions: admin1 names from the hand-written table", () => {
  assert.deepEqual(top("Nineveh"), { name: "Nineveh", country: "IQ", kind: "region" });
  assert.deepEqual(top("Gaza Strip"), { name: "Gaza Strip", country: "PS", kind: "region" });
  assert.deepEqual(top("Donetsk Oblast"), { name: "Donetsk Oblast", country: "UA", kind: "region" });
  assert.deepEqual(top("Chihuahua state"), { name: "Chihuahua state", country: "MX", kind: "region" });
  assert.deepEqual(top("Texas"), { name: "Texas", country: "US", kind: "region" });
  // A bare region-seat name stays the city.
  assert.equal(top("Donetsk")?.kind, "city");
});

test("same-named places come back most populous first", () => {
  const tripoli = gaz.lookup("Tripoli");
  assert.deepEqual(tripoli.slice(0, 2).map((p) => p.country), ["LY", "LB"]);
  const pops = tripoli.map((p) => p.population);
  assert.deepEqual(pops, [...pops].sort((a, b) => b - a));
});

test("unknown and empty names give nothing", () => {
  assert.equal(gaz.lookup("Daesh").length, 0);
  assert.equal(gaz.lookup("").length, 0);
  assert.equal(gaz.lookup("   ").length, 0);
});

test("maxWords bounds names", () => {
  assert.ok(gaz.maxWords >= 3 && gaz.maxWords <= 6);
});
