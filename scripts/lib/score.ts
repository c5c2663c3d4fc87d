// Scoring of document totals against gold figures, per the protocol in ../shared/eval/README.md.
import type { EvalRecord } from "./dataset.ts";
import { num } from "./dataset.ts";

export const FIGURES = ["killed", "injured"] as const;
export type Figure = (typeof FIGURES)[number];

export interface Gold {
  value: number;
  /** The accepted interval: [value, value] unless the record gives `*_min` / `*_max`. */
  min: number;
  max: number;
}

/** The gold figure of a record, or null when the coders gave none (the record is then skipped for that figure). */
export function goldOf(rec: EvalRecord, figure: Figure): Gold | null {
  const value = num(rec, figure);
  const lo = num(rec, `${figure}_min`);
  const hi = num(rec, `${figure}_max`);
  if (value === null && lo === null && hi === null) return null;
  const v = value ?? lo ?? hi ?? 0;
  const min = Math.min(lo ?? v, hi ?? v, v);
  const max = Math.max(lo ?? v, hi ?? v, v);
  return { value: v, min, max };
}

export function isRight(ours: number, gold: Gold): boolean {
  return ours >= gold.min && ours <= gold.max;
}

/** Absolute error: the distance to the gold interval (0 inside it); for a plain figure that is |ours − gold|. */
export function absError(ours: number, gold: Gold): number {
  if (ours < gold.min) return gold.min - ours;
  if (ours > gold.max) return ours - gold.max;
  return 0;
}

/** A gold figure is "zero" when the whole accepted interval is 0. */
export function isZeroGold(gold: Gold): boolean {
  return gold.max === 0;
}

export interface FigureScore {
  nonzero: { right: number; n: number };
  zero: { right: number; n: number };
  absErrorSum: number;
  n: number;
}

export function emptyScore(): FigureScore {
  return { nonzero: { right: 0, n: 0 }, zero: { right: 0, n: 0 }, absErrorSum: 0, n: 0 };
}

export function addToScore(s: FigureScore, ours: number, gold: Gold): boolean {
  const right = isRight(ours, gold);
  const bucket = isZeroGold(gold) ? s.zero : s.nonzero;
  bucket.n++;
  if (right) bucket.right++;
  s.n++;
  s.absErrorSum += absError(ours, gold);
  return right;
}

export function ratio(b: { right: number; n: number }): number | null {
  return b.n === 0 ? null : b.right / b.n;
}

export function mae(s: FigureScore): number | null {
  return s.n === 0 ? null : s.absErrorSum / s.n;
}

/**
 * The 12-line regular-expression baseline's scores on dev/, copied from the table in ../shared/eval/README.md
 * ("For reference, a 12-line regular-expression baseline …"). Only the figures are copied, no data.
 */
export const BASELINE: Record<string, Partial<Record<Figure, { nonzero?: number; zero?: number }>>> = {
  acled: { killed: { nonzero: 0.488, zero: 0.982 } },
  airwars: { killed: { nonzero: 0.408 }, injured: { nonzero: 0.369 } },
  gva: { killed: { nonzero: 0.38, zero: 0.917 }, injured: { nonzero: 0.249 } },
  muc4: { killed: { nonzero: 0.151, zero: 0.792 }, injured: { nonzero: 0.345 } },
  wiki: { killed: { nonzero: 0.488, zero: 0.867 }, injured: { nonzero: 0.461 } },
};

/**
 * The text-alone ceiling from the same README ("the share of non-zero gold figures that appear as a number in the
 * text"): the best a reader of the text alone can do on non-zero gold, give or take sums.
 */
export const CEILING: Record<string, Partial<Record<Figure, number>>> = {
  acled: { killed: 0.886 },
  airwars: { killed: 0.94, injured: 0.779 },
  gva: { killed: 0.917, injured: 0.884 },
  muc4: { killed: 0.686, injured: 0.862 },
  wiki: { killed: 0.76, injured: 0.75 },
};

/** The floors the issue sets for the extractor (accuracy must be at least this). */
export const FLOORS: Record<string, Partial<Record<Figure, { nonzero?: number; zero?: number }>>> = {
  // Issue 11's floors, judged on the check halves.
  acled: { killed: { nonzero: 0.84, zero: 0.97 } },
  wiki: { killed: { nonzero: 0.7 }, injured: { nonzero: 0.68 } },
  airwars: { killed: { nonzero: 0.78 }, injured: { nonzero: 0.72 } },
  gva: { killed: { nonzero: 0.7, zero: 0.92 }, injured: { nonzero: 0.62 } },
  muc4: { killed: { nonzero: 0.56 } },
};
