// The bench framework: named sections, each returning rows; a section that lacks something it needs says "skipped".
//
// To add a section (ingest, queries, reconciliation, API latency …): write a `BenchSection` — in its own file
// scripts/lib/bench-<name>.ts if it is large — and append it to the list in scripts/bench.ts. Call `skip(reason)` from
// `run()` when a module or a service is missing (e.g. `skip("PostgreSQL not reachable at $TOLL_PG_URL")`).
import { formatTable } from "./table.ts";

export interface Row {
  /** What was measured: "throughput", "records/s", "peak RSS" … */
  measure: string;
  value: number | null;
  unit: string;
  /** The same measure for the section's baseline, when it has one. */
  baseline?: number | null;
  /** value / baseline, or how the section chooses to express the comparison. */
  ratio?: number | null;
  note?: string;
}

export interface BenchSection {
  name: string;
  description: string;
  run(): Promise<Row[]>;
}

export class SkipSection extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "SkipSection";
  }
}

/** Ends a section with "skipped: <reason>". */
export function skip(reason: string): never {
  throw new SkipSection(reason);
}

export interface SectionResult {
  name: string;
  description: string;
  status: "ok" | "skipped" | "failed";
  reason?: string;
  ms: number;
  rows: Row[];
}

export async function runSections(
  sections: readonly BenchSection[],
  log: (s: string) => void,
): Promise<SectionResult[]> {
  const out: SectionResult[] = [];
  for (const s of sections) {
    log(`… ${s.name}: ${s.description}`);
    const t0 = performance.now();
    try {
      const rows = await s.run();
      out.push({ name: s.name, description: s.description, status: "ok", ms: performance.now() - t0, rows });
    } catch (err) {
      const ms = performance.now() - t0;
      if (err instanceof SkipSection) {
        out.push({
          name: s.name,
          description: s.description,
          status: "skipped",
          reason: err.message,
          ms,
          rows: [],
        });
      } else {
        const reason = err instanceof Error ? (err.stack ?? err.message) : String(err);
        out.push({ name: s.name, description: s.description, status: "failed", reason, ms, rows: [] });
      }
    }
  }
  return out;
}

export function fmtValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString("en-US");
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function formatResults(results: readonly SectionResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`## ${r.name} — ${r.description}`);
    if (r.status === "skipped") {
      lines.push(`skipped: ${r.reason ?? ""}`);
    } else if (r.status === "failed") {
      lines.push(`FAILED: ${r.reason ?? ""}`);
    } else {
      const header = ["measure", "value", "unit", "baseline", "ratio", "note"];
      const rows = r.rows.map((row) => [
        row.measure,
        fmtValue(row.value),
        row.unit,
        fmtValue(row.baseline),
        row.ratio === null || row.ratio === undefined ? "" : `${row.ratio.toFixed(3)}×`,
        row.note ?? "",
      ]);
      lines.push(formatTable(header, rows, ["left", "right", "left", "right", "right", "left"]));
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
