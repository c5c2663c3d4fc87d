// Runs capability families through the extractor and judges them against PASS_RATE and KNOWN_SHORT.
import { extract } from "../index.ts";
import type { Case, Family } from "./family.ts";
import { PASS_RATE, formatExpected, matches } from "./family.ts";
import { KNOWN_SHORT } from "./known-short.ts";

export interface CaseFailure {
  case: Case;
  got: { killed: number; injured: number };
  /** Claims the extractor made, with their rules: enough to see why without rerunning. */
  claims: string[];
  error: string | null;
}

export interface FamilyResult {
  family: Family;
  passed: number;
  total: number;
  rate: number;
  failures: CaseFailure[];
}

export type Verdict =
  /** At or above PASS_RATE and not listed. */
  | "pass"
  /** Listed in KNOWN_SHORT and not below its recorded rate: does not fail the build yet. */
  | "known-short"
  /** Listed in KNOWN_SHORT but now at or above PASS_RATE: the entry must be removed. */
  | "stale-entry"
  /** Listed and below its recorded rate, or not listed and below PASS_RATE. */
  | "regressed";

export function runCase(k: Case): {
  killed: number;
  injured: number;
  claims: string[];
  error: string | null;
} {
  try {
    const r = extract(k.text, {
      detectHeader: false,
      ...(k.published === undefined ? {} : { published: k.published }),
    });
    return {
      killed: r.totals.killed?.best ?? 0,
      injured: r.totals.injured?.best ?? 0,
      claims: r.claims.map(
        (cl) =>
          `${cl.metric} ${cl.value} [${cl.rule}${cl.scope === "incident" ? "" : `, ${cl.scope}`}${cl.historical ? ", historical" : ""}${cl.part_of ? ", part" : ""}${cl.same_as ? ", same" : ""}] "${cl.evidence.text}"`,
      ),
      error: null,
    };
  } catch (err) {
    return { killed: NaN, injured: NaN, claims: [], error: err instanceof Error ? err.message : String(err) };
  }
}

export function runFamily(family: Family): FamilyResult {
  const failures: CaseFailure[] = [];
  for (const k of family.cases) {
    const got = runCase(k);
    if (got.error === null && matches(got.killed, k.killed) && matches(got.injured, k.injured)) continue;
    failures.push({
      case: k,
      got: { killed: got.killed, injured: got.injured },
      claims: got.claims,
      error: got.error,
    });
  }
  const total = family.cases.length;
  const passed = total - failures.length;
  return { family, passed, total, rate: total === 0 ? 0 : passed / total, failures };
}

/**
 * The rate KNOWN_SHORT records for a result: floored to whole percent, so that one more failing text (at most 99
 * texts a family) always drops a family below its entry.
 */
export function recordedRate(rate: number): number {
  return Math.floor(rate * 100 + 1e-9) / 100;
}

/** Rates are compared on whole cases, so a recorded 0.7 of 10 cases is 7 cases, not 6.9999. */
const EPS = 1e-9;

export function verdictOf(
  result: FamilyResult,
  knownShort: Readonly<Record<string, number>> = KNOWN_SHORT,
): Verdict {
  const floor = knownShort[result.family.name];
  const passes = result.rate + EPS >= PASS_RATE;
  if (floor === undefined) return passes ? "pass" : "regressed";
  if (passes) return "stale-entry";
  return result.rate + EPS >= floor ? "known-short" : "regressed";
}

export function formatFailure(f: CaseFailure): string {
  const want = `killed ${formatExpected(f.case.killed)}, injured ${formatExpected(f.case.injured)}`;
  const got = f.error === null ? `killed ${f.got.killed}, injured ${f.got.injured}` : `threw: ${f.error}`;
  const claims = f.claims.length === 0 ? "  (no claims)" : f.claims.map((s) => `  ${s}`).join("\n");
  return `${JSON.stringify(f.case.text)}\n  expected ${want}; got ${got}\n${claims}`;
}

export function describe(result: FamilyResult): string {
  const floor = KNOWN_SHORT[result.family.name];
  const head = `${result.family.name}: ${result.passed}/${result.total} (${pct(result.rate)}; needs ${pct(PASS_RATE)}${floor === undefined ? "" : `; known short, recorded ${pct(floor)}`})`;
  return [head, ...result.failures.map(formatFailure)].join("\n");
}

export function pct(r: number): string {
  return `${Math.round(r * 100)}%`;
}
