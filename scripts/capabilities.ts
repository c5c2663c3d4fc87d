// npm run capabilities — the capability table of issue 11: family → passed/total, with its verdict.
//
//   npm run capabilities                     the table
//   npm run capabilities -- --failures       also every failing text: expected vs got, with the claims made
//   npm run capabilities -- --family NAME    only the families whose name contains NAME
//   npm run capabilities -- --json           machine-readable output on stdout
//   npm run capabilities -- --suggest        print KNOWN_SHORT as the current results would have it (to paste into
//                                            src/extract/capabilities/known-short.ts after a deliberate change)
//
// Exit code 1 when a family regressed (below 90% and not listed in KNOWN_SHORT, or below its recorded rate) or a
// KNOWN_SHORT entry is stale; the same judgement as the tests in src/extract/capabilities/capabilities.test.ts.
import { parseArgs } from "node:util";
import { PASS_RATE } from "../src/extract/capabilities/family.ts";
import { FAMILIES } from "../src/extract/capabilities/index.ts";
import { KNOWN_SHORT } from "../src/extract/capabilities/known-short.ts";
import type { Verdict } from "../src/extract/capabilities/run.ts";
import { formatFailure, pct, recordedRate, runFamily, verdictOf } from "../src/extract/capabilities/run.ts";
import { formatTable } from "./lib/table.ts";

const { values: args } = parseArgs({
  options: {
    failures: { type: "boolean", default: false },
    family: { type: "string" },
    json: { type: "boolean", default: false },
    suggest: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
  strict: true,
});

if (args.help) {
  process.stdout.write("usage: npm run capabilities -- [--failures] [--family NAME] [--json] [--suggest]\n");
  process.exit(0);
}

const STATUS: Record<Verdict, string> = {
  pass: "pass",
  "known-short": "SHORT (listed)",
  "stale-entry": "pass, STALE entry",
  regressed: "FAIL (regressed)",
};

const wanted = FAMILIES.filter((f) => args.family === undefined || f.name.includes(args.family));
if (wanted.length === 0) {
  process.stderr.write(`capabilities: no family name contains ${JSON.stringify(args.family)}\n`);
  process.exit(2);
}
const results = wanted.map((f) => {
  const r = runFamily(f);
  return { ...r, verdict: verdictOf(r) };
});

if (args.suggest) {
  const short = results.filter((r) => r.rate + 1e-9 < PASS_RATE);
  const lines = short.map((r) => `  "${r.family.name}": ${recordedRate(r.rate)}, // ${r.passed}/${r.total}`);
  process.stdout.write(
    `export const KNOWN_SHORT: Readonly<Record<string, number>> = {\n${lines.join("\n")}\n};\n`,
  );
} else if (args.json) {
  process.stdout.write(
    JSON.stringify(
      results.map((r) => ({
        family: r.family.name,
        passed: r.passed,
        total: r.total,
        rate: r.rate,
        verdict: r.verdict,
        recorded: KNOWN_SHORT[r.family.name] ?? null,
        failures: r.failures.map((f) => ({
          text: f.case.text,
          expected: { killed: f.case.killed, injured: f.case.injured },
          got: f.got,
          claims: f.claims,
        })),
      })),
      null,
      2,
    ) + "\n",
  );
} else {
  const rows = results.map((r) => [
    r.family.name,
    `${r.passed}/${r.total}`,
    pct(r.rate),
    STATUS[r.verdict],
    KNOWN_SHORT[r.family.name] === undefined ? "" : pct(KNOWN_SHORT[r.family.name] ?? 0),
  ]);
  const passing = results.filter((r) => r.rate + 1e-9 >= PASS_RATE).length;
  const sentences = results.reduce((n, r) => n + r.total, 0);
  const right = results.reduce((n, r) => n + r.passed, 0);
  process.stdout.write(formatTable(["family", "passed", "rate", "status", "recorded"], rows) + "\n");
  process.stdout.write(
    `\n${passing}/${results.length} families at ≥ ${pct(PASS_RATE)}; ${right}/${sentences} texts read right (${pct(sentences === 0 ? 0 : right / sentences)})\n`,
  );
  if (args.failures) {
    for (const r of results) {
      if (r.failures.length === 0) continue;
      process.stdout.write(`\n## ${r.family.name} (${r.passed}/${r.total}) — ${r.family.reading}\n`);
      for (const f of r.failures) process.stdout.write(formatFailure(f) + "\n");
    }
  }
}

process.exitCode = results.some((r) => r.verdict === "regressed" || r.verdict === "stale-entry") ? 1 : 0;
