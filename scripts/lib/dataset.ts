// Reading the evaluation data in ../shared/eval at run time. Nothing from that folder may be copied into the repository
// (its licences forbid redistribution), so every figure here is read from disk when the scripts run.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The dev folder: `TOLL_EVAL_DIR` or ../shared/eval/dev next to the repository. */
export function evalDir(): string {
  const env = process.env["TOLL_EVAL_DIR"];
  return env && env.length > 0 ? path.resolve(env) : path.resolve(repoRoot, "../shared/eval/dev");
}

/** The seed folder: `TOLL_SEED_DIR` or ../shared/seed next to the repository. */
export function seedDir(): string {
  const env = process.env["TOLL_SEED_DIR"];
  return env && env.length > 0 ? path.resolve(env) : path.resolve(repoRoot, "../shared/seed");
}

/** One line of a dev/*.jsonl file. Only the fields the scripts read are typed; the rest stay in `raw`. */
export interface EvalRecord {
  id: string;
  text: string;
  raw: Record<string, unknown>;
}

export interface DataFile {
  /** Short name: the file name up to the first "_" or ".", e.g. "acled". */
  name: string;
  file: string;
  records: EvalRecord[];
}

export function shortName(file: string): string {
  return path.basename(file).replace(/[_.].*$/, "");
}

export function listDataFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .map((f) => path.join(dir, f));
}

export function loadDataFile(file: string): DataFile {
  const records: EvalRecord[] = [];
  const lines = readFileSync(file, "utf8").split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new Error(`${file}:${i + 1}: bad JSON (${err instanceof Error ? err.message : String(err)})`, {
        cause: err,
      });
    }
    if (typeof raw !== "object" || raw === null) continue;
    const obj = raw as Record<string, unknown>;
    const text = typeof obj["text"] === "string" ? obj["text"] : "";
    const id = typeof obj["id"] === "string" ? obj["id"] : `${shortName(file)}:${i + 1}`;
    records.push({ id, text, raw: obj });
  }
  return { name: shortName(file), file, records };
}

export function str(rec: EvalRecord, key: string): string | null {
  const v = rec.raw[key];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

export function num(rec: EvalRecord, key: string): number | null {
  const v = rec.raw[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * A gold date as YYYY-MM-DD. Accepts ISO ("2016-01-31"), ACLED's "9-May-20" (two-digit years are 20xx below 50,
 * else 19xx) and "October 7, 2023" / "7 October 2023". Returns null for anything else (a bare year is not a date).
 */
export function parseGoldDate(s: string | null): string | null {
  if (!s) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[- ]([A-Z]{3})[A-Z]*[- ,]+(\d{2}|\d{4})$/i.exec(s);
  if (m) {
    const mon = MONTHS[m[2]!.toLowerCase()];
    let y = Number(m[3]);
    if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
    return mon ? iso(y, mon, Number(m[1])) : null;
  }
  m = /^([A-Z]{3})[A-Z]*\.? (\d{1,2}),? (\d{4})$/i.exec(s);
  if (m) {
    const mon = MONTHS[m[1]!.toLowerCase()];
    return mon ? iso(Number(m[3]), mon, Number(m[2])) : null;
  }
  return null;
}

/** What each source gives: the publication date to pass, and whether the text starts with a header (title, dateline). */
export interface SourceProfile {
  /** Record fields holding a full date, first match wins (wiki's `year` is deliberately absent). */
  dateFields: readonly string[];
  /** Passed as `detectHeader`: true where the text starts with a title or a dateline. */
  detectHeader: boolean;
}

// Protocol (../shared/eval/README.md): `published` is a publication date, never the coders' event date. Only GVA
// articles carry one; ACLED notes and Airwars assessments are read without any date.
const PROFILES: Record<string, SourceProfile> = {
  acled: { dateFields: [], detectHeader: false },
  airwars: { dateFields: [], detectHeader: false },
  gva: { dateFields: ["article_date"], detectHeader: true },
  // MUC-4 texts open with a dateline ("SAN SALVADOR, 4 JAN 90 --"); the record has no date field.
  muc4: { dateFields: [], detectHeader: true },
  wiki: { dateFields: [], detectHeader: false },
};

export function profileFor(fileName: string): SourceProfile {
  return PROFILES[fileName] ?? { dateFields: [], detectHeader: false };
}

export function publishedFor(rec: EvalRecord, profile: SourceProfile): string | null {
  for (const f of profile.dateFields) {
    const d = parseGoldDate(str(rec, f));
    if (d) return d;
  }
  return null;
}

export type Half = "tune" | "check";
export const HALVES: readonly Half[] = ["tune", "check"];

/**
 * The protocol's stable split of a dev file: a record's half depends only on its id (FNV-1a, 32 bit), so it never
 * moves when records are added or reordered. Errors are read on the tune half only; the check half is reported.
 */
export function halfOf(id: string): Half {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h & 1) === 0 ? "tune" : "check";
}
