// The hand-coded seed article (../shared/seed/*.gold.json): claim-level comparison of one extraction with the gold reading.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Claim, ExtractResult } from "../../src/extract/index.ts";

export interface GoldClaim {
  evidence: string;
  metric: string;
  value: number;
  qualifier?: string;
  victims?: string;
  scope?: string;
  in_headline?: boolean;
}

export interface SeedGold {
  document: string;
  article?: { published?: string };
  claims: GoldClaim[];
  not_claims?: string[];
}

export const SEED_FIELDS = ["metric", "value", "qualifier", "victims", "scope", "in_headline"] as const;
export type SeedField = (typeof SEED_FIELDS)[number];

export interface SeedClaimRow {
  evidence: string;
  /** Offsets of the gold evidence in the text, or null when the string is not found. */
  span: { start: number; end: number } | null;
  matched: string | null;
  /** Per field: true when equal, false when different, null when there is no matched claim. */
  fields: Record<SeedField, { gold: unknown; ours: unknown; ok: boolean | null }>;
  ok: boolean;
}

export interface SeedReport {
  name: string;
  published: { gold: string | null; ours: string | null; ok: boolean };
  claims: SeedClaimRow[];
  /** Extracted claims matching no gold claim. */
  spurious: { id: string; evidence: string; metric: string; value: number }[];
  /** Extracted claims overlapping a `not_claims` string. */
  notClaimHits: { notClaim: string; id: string; evidence: string }[];
  extracted: number;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Every occurrence of `needle` in `text`. */
function spansOf(text: string, needle: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (needle === "") return out;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1))
    out.push({ start: i, end: i + needle.length });
  return out;
}

export function loadSeed(dir: string): { name: string; text: string; gold: SeedGold }[] {
  if (!existsSync(dir)) return [];
  const out: { name: string; text: string; gold: SeedGold }[] = [];
  for (const f of readdirSorted(dir)) {
    if (!f.endsWith(".gold.json")) continue;
    const gold = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as SeedGold;
    const textFile = path.join(dir, gold.document ?? f.replace(/\.gold\.json$/, ".txt"));
    if (!existsSync(textFile)) continue;
    out.push({ name: path.basename(textFile), text: readFileSync(textFile, "utf8"), gold });
  }
  return out;
}

function readdirSorted(dir: string): string[] {
  return readdirSync(dir).sort();
}

function fieldValue(c: Claim, f: SeedField): unknown {
  return c[f];
}

export function compareSeed(name: string, text: string, gold: SeedGold, result: ExtractResult): SeedReport {
  const used = new Set<string>();
  const rows: SeedClaimRow[] = [];
  for (const g of gold.claims) {
    const spans = spansOf(text, g.evidence);
    const span = spans[0] ?? null;
    const candidates = result.claims.filter(
      (c) => !used.has(c.id) && spans.some((s) => overlaps(s, c.evidence)),
    );
    // Prefer a candidate with the same metric, then the same value.
    candidates.sort(
      (a, b) =>
        Number(b.metric === g.metric) - Number(a.metric === g.metric) ||
        Number(b.value === g.value) - Number(a.value === g.value),
    );
    const c = candidates[0] ?? null;
    if (c) used.add(c.id);
    const goldValues: Record<SeedField, unknown> = {
      metric: g.metric,
      value: g.value,
      qualifier: g.qualifier ?? "exact",
      victims: g.victims ?? null,
      scope: g.scope ?? null,
      in_headline: g.in_headline ?? false,
    };
    const fields = {} as SeedClaimRow["fields"];
    for (const f of SEED_FIELDS) {
      const ours = c ? fieldValue(c, f) : undefined;
      // A gold field that is not coded (null) is not checked.
      const ok = c === null ? null : goldValues[f] === null ? true : ours === goldValues[f];
      fields[f] = { gold: goldValues[f], ours: c ? ours : null, ok };
    }
    rows.push({
      evidence: g.evidence,
      span,
      matched: c ? c.evidence.text : null,
      fields,
      ok: c !== null && SEED_FIELDS.every((f) => fields[f].ok === true),
    });
  }
  const spurious = result.claims
    .filter((c) => !used.has(c.id))
    .map((c) => ({ id: c.id, evidence: c.evidence.text, metric: c.metric, value: c.value }));
  const notClaimHits: SeedReport["notClaimHits"] = [];
  for (const nc of gold.not_claims ?? []) {
    for (const s of spansOf(text, nc)) {
      for (const c of result.claims) {
        if (overlaps(s, c.evidence)) notClaimHits.push({ notClaim: nc, id: c.id, evidence: c.evidence.text });
      }
    }
  }
  const goldPublished = gold.article?.published ?? null;
  const goldDay = goldPublished ? goldPublished.slice(0, 10) : null;
  const ours = result.article.published;
  return {
    name,
    published: { gold: goldDay, ours, ok: goldDay !== null && ours !== null && ours.startsWith(goldDay) },
    claims: rows,
    spurious,
    notClaimHits,
    extracted: result.claims.length,
  };
}
