// Capability families (CheckList style): many short, varied texts written from English news usage, each with the
// document totals a casualty recorder would give. A family is one way English reports (or seems to report)
// casualties; it passes when at least PASS_RATE of its texts give the expected totals.

/** An expected figure: exact, or an interval any careful recorder's reading may fall in (vague words, ranges). */
export type Expected = number | readonly [low: number, high: number];

export interface Case {
  text: string;
  /** totals.killed.best of the document (a missing total counts as 0, as in the eval protocol). */
  killed: Expected;
  /** totals.injured.best of the document. */
  injured: Expected;
  /** Publication date (YYYY-MM-DD) when the reading depends on it, e.g. "last year's attack". */
  published?: string;
}

export interface Family {
  /** Stable kebab-case name: the test name, the key of KNOWN_SHORT and the row of the table. */
  name: string;
  /** Where the form comes from: the list of failing forms or a row of reporting-patterns.md. */
  source: string;
  /** What a recorder does with this form, in a line. */
  reading: string;
  cases: readonly Case[];
}

export const PASS_RATE = 0.9;
export const MIN_CASES = 10;

/** A case in one line: text, killed, injured (default 0). */
export function c(text: string, killed: Expected, injured: Expected = 0, published?: string): Case {
  return published === undefined ? { text, killed, injured } : { text, killed, injured, published };
}

export function matches(got: number, want: Expected): boolean {
  return typeof want === "number" ? got === want : got >= want[0] && got <= want[1];
}

export function formatExpected(want: Expected): string {
  return typeof want === "number" ? String(want) : `${want[0]}–${want[1]}`;
}
