// A sentence as the grammar sees it: lower-cased with typographic quotes and dashes folded (same length as
// the original, so offsets carry over), then "masked": every figure replaced by a placeholder "#k#" and runs
// of white space by one space, so rules are short regular expressions over a regular string.
import { findQuantities, type Quantity } from "../quantity/parse.ts";
import type { TextSpan } from "../types.ts";

export interface SentenceView {
  /** Absolute span of the sentence in the document. */
  span: TextSpan;
  /** Original sentence text. */
  text: string;
  /** Normalised: ASCII lower case, folded punctuation; same length as `text`. */
  norm: string;
  masked: string;
  quantities: Quantity[];
  /** Maps a position in `masked` to one in `text`. */
  toText(p: number): number;
  /** Maps a position in `text` to one in `masked` (a position inside a figure maps to its placeholder's start). */
  fromText(p: number): number;
  /** Index of the sentence in the document. */
  index: number;
  /** True when the sentence is written in capitals (wire copy): names cannot be told by case. */
  upper: boolean;
}

const FOLD: Record<string, string> = {
  "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " ",
  "\u2032": "'", "\u00b4": "'", "`": "'", "\u2011": "-", "\u2010": "-", "\u2212": "-",
};

export function normalise(text: string): string {
  return text.replace(/[A-Z\u2019\u2018\u201c\u201d\u2013\u2014\u00a0\u2032\u00b4`\u2011\u2010\u2212]/g, (c) => FOLD[c] ?? c.toLowerCase());
}

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

export function buildView(docText: string, span: TextSpan, index: number): SentenceView {
  const text = docText.slice(span.start, span.end);
  let norm = normalise(text);
  // "IS" (Islamic State) in mixed-case text must not read as the verb "is": "IS militants killed a soldier".
  if (/\bIS\b/.test(text) && /[a-z]/.test(text)) norm = norm.replace(/\bis\b/g, (w, at: number) => (text.slice(at, at + 2) === "IS" ? "xs" : w));
  const quantities = findQuantities(norm);
  const edits: Edit[] = quantities.map((q, k) => ({ start: q.start, end: q.end, replacement: `#${k}#` }));
  // Quotation marks around words ("two 'attackers' were killed") carry no grammar: drop them.
  const quotes = /"/g;
  for (let m = quotes.exec(norm); m; m = quotes.exec(norm)) {
    if (!edits.some((e) => m!.index < e.end && m!.index + 1 > e.start)) edits.push({ start: m.index, end: m.index + 1, replacement: "" });
  }
  const ws = /\s{2,}|[\t\n\r]/g;
  for (let m = ws.exec(norm); m; m = ws.exec(norm)) {
    if (!edits.some((e) => m!.index < e.end && m!.index + m![0].length > e.start)) {
      edits.push({ start: m.index, end: m.index + m[0].length, replacement: " " });
    }
  }
  edits.sort((a, b) => a.start - b.start);
  let masked = "";
  let pos = 0;
  // Anchors: masked position → text position at each edit boundary.
  const anchors: Array<{ masked: number; text: number; end: number; textEnd: number }> = [];
  for (const e of edits) {
    masked += norm.slice(pos, e.start);
    const mStart = masked.length;
    masked += e.replacement;
    anchors.push({ masked: mStart, text: e.start, end: masked.length, textEnd: e.end });
    pos = e.end;
  }
  masked += norm.slice(pos);
  const toText = (p: number): number => {
    let delta = 0;
    for (const a of anchors) {
      if (p < a.masked) break;
      if (p < a.end) return p === a.masked ? a.text : a.textEnd;
      delta = a.textEnd - a.end;
    }
    return p + delta;
  };
  const fromText = (p: number): number => {
    let delta = 0;
    for (const a of anchors) {
      if (p < a.text) break;
      if (p < a.textEnd) return a.masked;
      delta = a.end - a.textEnd;
    }
    return p + delta;
  };
  const letters = text.replace(/[^A-Z]/gi, "");
  const upper = letters.length > 12 && letters.replace(/[^A-Z]/g, "").length / letters.length > 0.8;
  return { span, text, norm, masked, quantities, toText, fromText, index, upper };
}

/** Quantity indexes named by placeholders inside a masked substring. */
export function placeholders(s: string): number[] {
  return [...s.matchAll(/#(\d+)#/g)].map((m) => Number(m[1]));
}
