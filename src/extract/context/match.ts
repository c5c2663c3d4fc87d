// Lexicon scanning shared by the context rules: every rule is data ({ match, value, reason }) scanned the same way.
import type { TextSpan } from "../types.ts";

export interface LexEntry<V> {
  /** Written without the `g` flag; scan() makes and caches the global copy. */
  match: RegExp;
  value: V;
  /** Why the words mean this: kept so a reviewer can audit a reading. */
  reason: string;
}

export interface Hit<V> extends TextSpan {
  text: string;
  value: V;
  reason: string;
}

const globals = new WeakMap<RegExp, RegExp>();

function globalOf(re: RegExp): RegExp {
  let g = globals.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
    globals.set(re, g);
  }
  return g;
}

/**
 * All matches of a lexicon in `text`, as offsets into the document (`offset` is where `text` starts).
 * Where matches overlap the longest wins, so "suicide car bomb" is read once and "drone strike" is not also "strike".
 */
export function scan<V>(lexicon: readonly LexEntry<V>[], text: string, offset = 0): Hit<V>[] {
  const all: Hit<V>[] = [];
  for (const entry of lexicon) {
    for (const m of text.matchAll(globalOf(entry.match))) {
      if (m[0].length === 0) continue;
      const start = offset + m.index;
      all.push({ start, end: start + m[0].length, text: m[0], value: entry.value, reason: entry.reason });
    }
  }
  // Longest first, then earliest lexicon entry (stable sort keeps lexicon order among equals).
  all.sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: Hit<V>[] = [];
  for (const hit of all) {
    if (!kept.some((k) => k.start < hit.end && hit.start < k.end)) kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Characters between two spans; 0 when they touch or overlap. */
export function gap(a: TextSpan, b: TextSpan): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

/** The hit closest to `span`; on a tie the longer (more specific) one. */
export function nearest<T extends TextSpan>(hits: readonly T[], span: TextSpan): T | undefined {
  let best: T | undefined;
  let bestGap = Infinity;
  for (const hit of hits) {
    const d = gap(hit, span);
    if (d < bestGap || (d === bestGap && best && hit.end - hit.start > best.end - best.start)) {
      best = hit;
      bestGap = d;
    }
  }
  return best;
}

/** Replace a stretch with spaces so offsets stay valid while later patterns no longer see it. */
export function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
}
