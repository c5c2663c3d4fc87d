// npm run eval — scores the extractor's document totals on ../shared/eval/dev/*.jsonl per the protocol in
// ../shared/eval/README.md, and compares the seed article with its hand-coded reading (../shared/seed).
//
//   npm run eval                       all files + seed
//   npm run eval -- --file acled       one file (short name or file name)
//   npm run eval -- --errors 10        print 10 wrong records per file of the TUNE half (gold, ours, claims, evidence)
//   npm run eval -- --figure killed    restrict --errors to one figure
//   npm run eval -- --limit 200        only the first 200 records of each file (quick iterations)
//   npm run eval -- --json             machine-readable output on stdout
//
// The data is read at run time and never copied into the repository. TOLL_EVAL_DIR / TOLL_SEED_DIR override the folders.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { extract } from "../src/extract/index.ts";
import { sharedGazetteer } from "../src/gazetteer/index.ts";
import type { Claim, ExtractResult } from "../src/extract/index.ts";
import type { DataFile, EvalRecord } from "./lib/dataset.ts";
import type { Half } from "./lib/dataset.ts";
import {
  HALVES,
  evalDir,
  halfOf,
  listDataFiles,
  loadDataFile,
  profileFor,
  publishedFor,
  seedDir,
} from "./lib/dataset.ts";
import type { Figure, FigureScore, Gold } from "./lib/score.ts";
import {
  BASELINE,
  CEILING,
  FIGURES,
  FLOORS,
  addToScore,
  emptyScore,
  goldOf,
  mae,
  ratio,
} from "./lib/score.ts";
import type { SeedReport } from "./lib/seed.ts";
import { SEED_FIELDS, compareSeed, loadSeed } from "./lib/seed.ts";
import { fmtNum, fmtRatio, formatTable, mark, oneLine } from "./lib/table.ts";
import type { ContextScore } from "./lib/context.ts";
import {
  CONTEXT_FIELDS,
  contextScoresFor,
  emptyContextScore,
  formatContextTable,
  mainClaim,
} from "./lib/context.ts";

const { values: args } = parseArgs({
  options: {
    file: { type: "string" },
    errors: { type: "string" },
    figure: { type: "string" },
    "context-errors": { type: "string" },
    field: { type: "string" },
    limit: { type: "string" },
    json: { type: "boolean", default: false },
    "no-seed": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
  strict: true,
});

if (args.help) {
  process.stdout.write(
    [
      "usage: npm run eval -- [--file NAME] [--errors N] [--figure killed|injured] [--limit N] [--json] [--no-seed]",
      '       [--context-errors N [--field "date in period"|"place ≤25 km"|"≤100 km"|"perpetrator"]]  wrong context, tune half',
      "  data: TOLL_EVAL_DIR (default ../shared/eval/dev), TOLL_SEED_DIR (default ../shared/seed)",
      "",
    ].join("\n"),
  );
  process.exit(0);
}

const errorsN = args.errors === undefined ? 0 : Math.max(0, Number.parseInt(args.errors, 10) || 0);
const limit = args.limit === undefined ? Infinity : Math.max(1, Number.parseInt(args.limit, 10) || 1);
const figureFilter = args.figure as Figure | undefined;
if (figureFilter !== undefined && !FIGURES.includes(figureFilter)) {
  process.stderr.write(`eval: --figure must be killed or injured\n`);
  process.exit(2);
}

interface RecordOutcome {
  rec: EvalRecord;
  gold: Record<Figure, Gold | null>;
  ours: Record<Figure, number>;
  right: Record<Figure, boolean | null>;
  result: ExtractResult | null;
  error: string | null;
  /** What was passed to extract(). */
  published: string | null;
  half: Half;
}

interface HalfReport {
  records: number;
  scores: Record<Figure, FigureScore>;
  context: Record<string, ContextScore>;
}

interface FileReport {
  name: string;
  file: string;
  records: number;
  ms: number;
  crashes: number;
  halves: Record<Half, HalfReport>;
  outcomes: RecordOutcome[];
}

function emptyHalf(): HalfReport {
  const context: Record<string, ContextScore> = {};
  for (const f of CONTEXT_FIELDS) context[f] = emptyContextScore();
  return { records: 0, scores: { killed: emptyScore(), injured: emptyScore() }, context };
}

function runFile(df: DataFile): FileReport {
  const profile = profileFor(df.name);
  const halves: Record<Half, HalfReport> = { tune: emptyHalf(), check: emptyHalf() };
  const outcomes: RecordOutcome[] = [];
  let crashes = 0;
  const t0 = performance.now();
  for (const rec of df.records.slice(0, limit)) {
    const published = publishedFor(rec, profile);
    const half = halfOf(rec.id);
    const { scores, context } = halves[half];
    halves[half].records++;
    let result: ExtractResult | null = null;
    let error: string | null = null;
    try {
      result = extract(rec.text, {
        published,
        detectHeader: profile.detectHeader,
        gazetteer: sharedGazetteer(),
      });
    } catch (err) {
      crashes++;
      error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    }
    const outcome: RecordOutcome = {
      rec,
      gold: { killed: null, injured: null },
      ours: { killed: 0, injured: 0 },
      right: { killed: null, injured: null },
      result,
      error,
      published,
      half,
    };
    for (const fig of FIGURES) {
      const gold = goldOf(rec, fig);
      // Protocol: a document with no figure must say 0; a missing total counts as 0.
      const ours = result?.totals[fig]?.best ?? 0;
      outcome.gold[fig] = gold;
      outcome.ours[fig] = ours;
      if (gold === null) continue;
      outcome.right[fig] = addToScore(scores[fig], ours, gold);
    }
    if (result) {
      for (const [field, s] of Object.entries(contextScoresFor(df.name, rec, result))) {
        const agg = context[field];
        if (agg && s) agg.add(s);
      }
    }
    outcomes.push(outcome);
  }
  return {
    name: df.name,
    file: path.basename(df.file),
    records: outcomes.length,
    ms: performance.now() - t0,
    crashes,
    halves,
    outcomes,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Printing

function scoreTable(reports: FileReport[]): string {
  const header = [
    "file",
    "figure",
    "tune nz",
    "n",
    "check nz",
    "n",
    "baseline",
    "ceiling",
    "floor",
    "",
    "tune zero",
    "check zero",
    "n",
    "floor",
    "",
    "check MAE",
  ];
  const rows: string[][] = [];
  for (const r of reports) {
    for (const fig of FIGURES) {
      const t = r.halves.tune.scores[fig];
      const c = r.halves.check.scores[fig];
      if (t.n + c.n === 0) continue;
      const base = BASELINE[r.name]?.[fig];
      const floor = FLOORS[r.name]?.[fig];
      rows.push([
        r.name,
        fig,
        fmtRatio(ratio(t.nonzero)),
        String(t.nonzero.n),
        fmtRatio(ratio(c.nonzero)),
        String(c.nonzero.n),
        fmtRatio(base?.nonzero),
        fmtRatio(CEILING[r.name]?.[fig]),
        fmtRatio(floor?.nonzero, 2),
        mark(ratio(c.nonzero), floor?.nonzero),
        fmtRatio(ratio(t.zero)),
        fmtRatio(ratio(c.zero)),
        String(c.zero.n),
        fmtRatio(floor?.zero, 2),
        mark(ratio(c.zero), floor?.zero),
        fmtNum(mae(c)),
      ]);
    }
  }
  return formatTable(
    header,
    rows,
    header.map((_, i) => (i < 2 || i === 9 || i === 14 ? "left" : "right")),
  );
}

function describeGold(g: Gold | null): string {
  if (g === null) return "–";
  return g.min === g.max ? String(g.value) : `${g.value} [${g.min}–${g.max}]`;
}

const NUMBER_WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
  "twenty",
];

/** Where the gold number appears in the text (digits, with or without thousands separators, or a small number word). */
function goldMentions(text: string, gold: Gold, max = 3): string[] {
  const values = new Set<number>([gold.value, gold.min, gold.max]);
  const out: string[] = [];
  for (const v of values) {
    if (v <= 0) continue;
    const forms = [String(v), v.toLocaleString("en-US")];
    const word = NUMBER_WORDS[v];
    if (word) forms.push(word);
    const re = new RegExp(`(?<![\\w,.])(?:${[...new Set(forms)].join("|")})(?![\\w]|[,.]\\d)`, "giu");
    for (const m of text.matchAll(re)) {
      const a = Math.max(0, m.index - 70);
      const b = Math.min(text.length, m.index + m[0].length + 70);
      const before = text.slice(a, m.index);
      const after = text.slice(m.index + m[0].length, b);
      out.push(
        `${a > 0 ? "…" : ""}${oneLine(before, 200)} »${m[0]}« ${oneLine(after, 200)}${b < text.length ? "…" : ""}`,
      );
      if (out.length >= max) return out;
    }
  }
  return out;
}

function claimLine(c: Claim, inTotal: Set<string>): string {
  const flags = [
    inTotal.has(c.id) ? "in-total" : "",
    c.historical ? "historical" : "",
    c.part_of ? `part-of:${c.part_of}` : "",
    c.in_headline ? "headline" : "",
  ].filter(Boolean);
  const range = c.low !== c.high ? ` (${c.low}–${c.high})` : "";
  return (
    `${c.id} ${c.metric} ${c.value}${range} ${c.qualifier} ${c.scope} ${c.victims}` +
    `${flags.length ? ` [${flags.join(", ")}]` : ""} {${c.rule}}\n        «${oneLine(c.evidence.text, 200)}»`
  );
}

function errorBlock(r: FileReport, n: number): string {
  // Protocol: errors are read on the tune half only; the check half is never looked at record by record.
  const wrong = r.outcomes.filter(
    (o) =>
      o.half === "tune" &&
      (figureFilter ? [figureFilter] : FIGURES).some(
        (f) => o.right[f] === false || (o.error !== null && o.gold[f]),
      ),
  );
  const lines: string[] = [
    `── ${r.name} (tune half): ${wrong.length} wrong of ${r.halves.tune.records} records (showing ${Math.min(n, wrong.length)}) ──`,
  ];
  for (const o of wrong.slice(0, n)) {
    lines.push("");
    lines.push(
      o.rec.id +
        (o.rec.raw["coding_convention_flag"] === true
          ? "   (coding_convention_flag: the figure is ACLED bookkeeping)"
          : ""),
    );
    for (const f of FIGURES) {
      const g = o.gold[f];
      if (g === null) continue;
      const ok = o.right[f] ? "✓" : "✗";
      lines.push(`  ${ok} ${f.padEnd(7)} gold ${describeGold(g).padEnd(12)} ours ${o.ours[f]}`);
    }
    const text = o.rec.text;
    lines.push(
      `  published passed: ${o.published ?? "none"}; article.published: ${o.result?.article.published ?? "null"}`,
    );
    lines.push(`  text (${text.length} chars): ${oneLine(text, 400)}`);
    for (const f of figureFilter ? [figureFilter] : FIGURES) {
      const g = o.gold[f];
      if (g === null || o.right[f] !== false) continue;
      const ms = goldMentions(text, g);
      lines.push(ms.length ? `  gold ${f} in text:` : `  gold ${f} not found in text as a number`);
      for (const m of ms) lines.push(`      ${m}`);
    }
    if (o.error) {
      lines.push(`  CRASH: ${o.error.split("\n").slice(0, 4).join("\n         ")}`);
    } else if (o.result) {
      const inTotal = new Set(o.result.incidents.flatMap((i) => i.claims));
      const claims = o.result.claims;
      lines.push(`  claims (${claims.length}), incidents (${o.result.incidents.length}):`);
      for (const c of claims.slice(0, 15)) lines.push(`    ${claimLine(c, inTotal)}`);
      if (claims.length > 15) lines.push(`    … ${claims.length - 15} more`);
    }
  }
  return lines.join("\n");
}

const contextErrorsN =
  args["context-errors"] === undefined ? 0 : Math.max(0, Number.parseInt(args["context-errors"], 10) || 0);

/** Tune records whose main claim gets a context field wrong or leaves it empty (the check half is never shown). */
function contextErrorBlock(r: FileReport, n: number): string {
  const fields = args.field ? [args.field] : [...CONTEXT_FIELDS];
  const lines: string[] = [];
  let shown = 0;
  let wrong = 0;
  for (const o of r.outcomes) {
    if (o.half !== "tune" || !o.result) continue;
    const s = contextScoresFor(r.name, o.rec, o.result) as Record<
      string,
      { right: boolean | null; km?: number }
    >;
    const bad = fields.filter((f) => s[f] && s[f].right !== true);
    if (bad.length === 0) continue;
    wrong++;
    if (shown >= n) continue;
    shown++;
    const c = mainClaim(o.result);
    const raw = o.rec.raw;
    lines.push("");
    lines.push(
      `${o.rec.id}  wrong: ${bad.map((f) => `${f}${s[f]?.right === null ? " (empty)" : ""}`).join(", ")}`,
    );
    lines.push(
      `  gold: date ${String(raw["date"] ?? "")} · place ${String(raw["location"] ?? "")} (${String(raw["lat"] ?? "")}, ${String(raw["lon"] ?? "")}) · actors ${[raw["actor1"], raw["actor2"]].filter(Boolean).join(" | ")}`,
    );
    lines.push(`  text: ${oneLine(o.rec.text, 600)}`);
    if (c) {
      const loc = c.location;
      lines.push(
        `  main claim ${c.id} killed ${c.value} «${oneLine(c.evidence.text, 80)}»\n` +
          `    period ${c.period?.start ?? "?"}..${c.period?.end ?? "?"} ${c.period?.precision ?? ""} «${c.period?.text ?? ""}»\n` +
          `    location ${loc ? `${loc.name} → ${loc.place ?? "?"} ${loc.country ?? "?"} ${loc.precision} (${loc.lat ?? "?"}, ${loc.lon ?? "?"})${s["place ≤25 km"]?.km !== undefined ? ` ${s["place ≤25 km"]?.km?.toFixed(0)} km` : ""}` : "none"}\n` +
          `    perpetrator ${c.perpetrator ?? "none"} (${c.perpetrator_certainty ?? "–"})`,
      );
    } else lines.push("  no killed claim");
  }
  return [`── ${r.name} (tune half): context wrong on ${wrong} records (showing ${shown}) ──`, ...lines].join(
    "\n",
  );
}

function seedTable(rep: SeedReport): string {
  const header = ["gold evidence", "found", ...SEED_FIELDS, "ok"];
  const cell = (f: { gold: unknown; ours: unknown; ok: boolean | null }): string =>
    f.ok === null ? "–" : f.ok ? "✓" : `✗ ${String(f.ours)}≠${String(f.gold)}`;
  const rows = rep.claims.map((c) => [
    oneLine(c.evidence, 48),
    c.span === null ? "not in text" : c.matched === null ? "no claim" : "yes",
    ...SEED_FIELDS.map((f) => cell(c.fields[f])),
    c.ok ? "✓" : "✗",
  ]);
  const lines = [
    formatTable(
      header,
      rows,
      header.map(() => "left"),
    ),
  ];
  const ok = rep.claims.filter((c) => c.ok).length;
  const found = rep.claims.filter((c) => c.matched !== null).length;
  lines.push("");
  lines.push(
    `gold claims: ${rep.claims.length}, found ${found}, fully right ${ok}; extracted ${rep.extracted}; ` +
      `spurious ${rep.spurious.length}; overlapping not_claims ${rep.notClaimHits.length}`,
  );
  for (const s of rep.spurious)
    lines.push(`  spurious: ${s.id} ${s.metric} ${s.value} «${oneLine(s.evidence, 100)}»`);
  for (const h of rep.notClaimHits)
    lines.push(`  not_claim hit: "${h.notClaim}" by ${h.id} «${oneLine(h.evidence, 100)}»`);
  lines.push(
    `published: ours ${rep.published.ours ?? "null"}, gold ${rep.published.gold ?? "null"} ${rep.published.ok ? "✓" : "✗"}`,
  );
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------------------------

function main(): void {
  const dir = evalDir();
  const sdir = seedDir();
  const files = listDataFiles(dir);
  const wanted = args.file
    ? files.filter((f) => path.basename(f) === args.file || path.basename(f).startsWith(`${args.file}`))
    : files;

  if (!existsSync(dir) || files.length === 0) {
    const msg = `eval: no evaluation data at ${dir} (set TOLL_EVAL_DIR, or place the shared data at ../shared/eval); nothing to score.`;
    if (args.json) process.stdout.write(`${JSON.stringify({ skipped: msg })}\n`);
    else process.stdout.write(`${msg}\n`);
  }
  if (args.file && wanted.length === 0 && files.length > 0) {
    process.stderr.write(
      `eval: no file matches "${args.file}" in ${dir} (have: ${files.map((f) => path.basename(f)).join(", ")})\n`,
    );
    process.exit(2);
  }

  const t0 = performance.now();
  const reports = wanted.map((f) => runFile(loadDataFile(f)));

  const seedReports: SeedReport[] = [];
  if (!args["no-seed"] && !args.file) {
    for (const s of loadSeed(sdir)) {
      const result = extract(s.text, { detectHeader: true, gazetteer: sharedGazetteer() });
      seedReports.push(compareSeed(s.name, s.text, s.gold, result));
    }
  }
  const totalMs = performance.now() - t0;

  if (args.json) {
    const out = {
      dir,
      ms: Math.round(totalMs),
      files: reports.map((r) => ({
        name: r.name,
        file: r.file,
        records: r.records,
        ms: Math.round(r.ms),
        crashes: r.crashes,
        halves: Object.fromEntries(
          HALVES.map((h) => {
            const hr = r.halves[h];
            return [
              h,
              {
                records: hr.records,
                figures: Object.fromEntries(
                  FIGURES.filter((f) => hr.scores[f].n > 0).map((f) => {
                    const s = hr.scores[f];
                    return [
                      f,
                      {
                        nonzero: { accuracy: ratio(s.nonzero), n: s.nonzero.n },
                        zero: { accuracy: ratio(s.zero), n: s.zero.n },
                        mae: mae(s),
                        baseline: BASELINE[r.name]?.[f] ?? null,
                        floor: FLOORS[r.name]?.[f] ?? null,
                        ceiling: CEILING[r.name]?.[f] ?? null,
                      },
                    ];
                  }),
                ),
                context: Object.fromEntries(Object.entries(hr.context).map(([k, v]) => [k, v.summary()])),
              },
            ];
          }),
        ),
        errors: errorsN
          ? r.outcomes
              .filter((o) => o.half === "tune" && FIGURES.some((f) => o.right[f] === false))
              .slice(0, errorsN)
              .map((o) => ({
                id: o.rec.id,
                gold: o.gold,
                ours: o.ours,
                claims: o.result?.claims.map((c) => ({
                  id: c.id,
                  metric: c.metric,
                  value: c.value,
                  qualifier: c.qualifier,
                  scope: c.scope,
                  historical: c.historical,
                  evidence: c.evidence.text,
                })),
                error: o.error,
              }))
          : undefined,
      })),
      seed: seedReports,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }

  if (reports.length > 0) {
    const n = reports.reduce((a, r) => a + r.records, 0);
    process.stdout.write(`Totals vs gold on ${dir} (${n} records, ${(totalMs / 1000).toFixed(1)} s)\n\n`);
    process.stdout.write(`${scoreTable(reports)}\n\n`);
    process.stdout.write(
      "tune / check: the protocol's halves (stable hash of the id); floors are judged on check. nz / zero: share of records whose totals.*.best is right (equal, or inside [*_min, *_max]); null total = 0.\n" +
        "MAE: mean distance to the gold figure (or its range). baseline / ceiling: ../shared/eval/README.md; floor: the issue.\n",
    );
    const crashes = reports.filter((r) => r.crashes > 0);
    for (const r of crashes)
      process.stdout.write(`!! ${r.name}: extract() threw on ${r.crashes} records (see --errors)\n`);
    process.stdout.write(
      `\nContext (protocol: the main claim — the largest non-historical killed claim — of each record with killed > 0; ` +
        `period contains the coders' date ±1 day; location within 25 / 100 km of their point; perpetrator shares a word ` +
        `stem with ACLED actor1/actor2; an empty field counts as wrong)\n\n${formatContextTable(
          reports.flatMap((r) =>
            HALVES.map((h) => ({ name: r.name, half: h, context: r.halves[h].context })),
          ),
        )}\n`,
    );
    if (errorsN > 0) {
      for (const r of reports) process.stdout.write(`\n${errorBlock(r, errorsN)}\n`);
    }
    if (contextErrorsN > 0) {
      for (const r of reports) process.stdout.write(`\n${contextErrorBlock(r, contextErrorsN)}\n`);
    }
  }
  for (const rep of seedReports) {
    process.stdout.write(`\nSeed: ${rep.name}\n\n${seedTable(rep)}\n`);
  }
  if (!args["no-seed"] && !args.file && seedReports.length === 0) {
    process.stdout.write(`\nSeed: no seed data at ${sdir}; skipped.\n`);
  }
}

main();
