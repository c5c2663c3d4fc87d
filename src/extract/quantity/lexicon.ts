// Vocabulary of quantities as data. Every entry says how English news words map to a figure, so that the
// conventions are published in one place (and in the README) rather than buried in code.
import type { Qualifier } from "../types.ts";

export const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19,
};

export const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

export const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };

export interface QualifierEntry {
  words: string;
  qualifier: Exclude<Qualifier, "exact" | "range" | "vague">;
}

/** Words before a figure that qualify it. Longest phrases are tried first. */
export const QUALIFIER_PHRASES: QualifierEntry[] = [
  ...["at least", "no fewer than", "no less than", "not less than", "a minimum of", "at the very least", "at a minimum"].map(
    (words) => ({ words, qualifier: "at_least" as const }),
  ),
  ...["more than", "over", "upwards of", "in excess of", "above", "well over", "just over", "slightly more than", "more then"].map(
    (words) => ({ words, qualifier: "more_than" as const }),
  ),
  ...["as many as", "up to", "a maximum of", "at most", "as much as"].map((words) => ({
    words,
    qualifier: "at_most" as const,
  })),
  ...["fewer than", "less than", "under", "just under", "no more than", "not more than"].map((words) => ({
    words,
    qualifier: "fewer_than" as const,
  })),
  ...[
    "some", "about", "around", "roughly", "nearly", "almost", "approximately", "an estimated", "estimated",
    "close to", "approx", "circa", "an approximate", "more or less", "just about", "somewhere around",
  ].map((words) => ({ words, qualifier: "approximately" as const })),
];

export interface VagueEntry {
  words: string;
  low: number;
  high: number;
  reason: string;
}

/**
 * Vague quantities. The best figure of a vague word is its lowest reading, ACLED's conservative convention
 * ("dozens" = 12, "hundreds" = 100); high is the largest reading the word allows. "several" reads 2, as
 * Airwars codes it. Multi-word entries come first so that "tens of thousands" wins over "tens".
 */
export const VAGUE_QUANTITIES: VagueEntry[] = [
  { words: "hundreds of thousands", low: 100_000, high: 999_999, reason: "vague-hundreds-of-thousands" },
  { words: "tens of thousands", low: 10_000, high: 99_999, reason: "vague-tens-of-thousands" },
  { words: "thousands", low: 1_000, high: 9_999, reason: "vague-thousands" },
  { words: "hundreds", low: 100, high: 999, reason: "vague-hundreds" },
  { words: "scores", low: 20, high: 99, reason: "vague-scores" },
  { words: "dozens", low: 12, high: 99, reason: "vague-dozens" },
  { words: "tens", low: 10, high: 99, reason: "vague-tens" },
  { words: "a handful", low: 2, high: 5, reason: "vague-handful" },
  { words: "a few", low: 2, high: 5, reason: "vague-few" },
  { words: "several", low: 2, high: 9, reason: "vague-several" },
  { words: "a number", low: 2, high: 9, reason: "vague-a-number-of" },
  { words: "numerous", low: 2, high: 99, reason: "vague-numerous" },
  { words: "multiple", low: 2, high: 9, reason: "vague-multiple" },
  { words: "many", low: 2, high: 99, reason: "vague-many" },
];

/** Nouns after a figure that make it a measure, not a count of people. */
export const UNIT_WORDS = new Set([
  "percent", "per", "%", "pc", "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres",
  "meters", "metre", "meter", "feet", "foot", "kg", "kilograms", "tons", "tonnes", "pounds", "dollars", "euros",
  "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "minutes", "minute",
  "seconds", "nights", "am", "pm", "a.m", "p.m", "o'clock", "times", "rounds", "shots", "bullets", "calibre",
  "caliber", "mm", "vehicles", "cars", "trucks", "buses", "tanks", "aircraft", "planes", "jets", "drones",
  "rockets", "missiles", "shells", "mortars", "bombs", "grenades", "divisions", "brigades", "battalions",
  "compounds", "floors", "storey", "story", "stories", "rifles", "weapons", "guns", "cartridges", "knapsacks",
  "points", "votes", "seats", "games", "goals", "acres", "hectares", "villages", "towns", "cities", "provinces",
  "districts", "countries", "states", "counties", "schools", "hospitals", "churches", "mosques", "bridges",
  "attacks", "strikes", "airstrikes", "raids", "incidents", "operations", "shootings", "bombings", "explosions",
  "blasts", "times", "th", "st", "nd", "rd", "call", "calls", "block", "blocks", "counts", "count", "charges",
  "rounds", "caliber", "mph", "degrees", "feet", "inches", "yards", "pages", "episodes", "votes", "pm", "hrs",
]);
