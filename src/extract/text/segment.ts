// Sentence splitting with exact UTF-16 offsets. News text needs three things general splitters get wrong:
// a line break always ends a sentence (headlines, datelines and captions carry no final stop), abbreviations
// of titles, months and countries ("Brig.", "Jan.", "U.S.") do not, and upper-case wire copy must work too.
import type { TextSpan } from "../types.ts";

const ABBREVIATIONS = new Set(
  [
    "mr", "mrs", "ms", "dr", "st", "mt", "ft", "gen", "col", "lt", "sgt", "capt", "cpt", "maj", "brig", "cmdr", "adm",
    "gov", "sen", "rep", "rev", "prof", "pres", "supt", "insp", "det", "cpl", "pvt", "hon", "jr", "sr", "no", "nos",
    "vs", "etc", "inc", "co", "corp", "ltd", "dept", "approx", "est", "fig", "al", "ave", "blvd", "rd",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "u.s", "u.n", "u.k", "e.u", "a.m", "p.m", "i.e", "e.g", "d.c", "u.s.a",
  ],
);

/** Splits text into sentences; spans never include the surrounding white space. */
export function splitSentences(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const lineRe = /[^\n]+/g;
  for (let line = lineRe.exec(text); line; line = lineRe.exec(text)) {
    splitLine(text, line.index, line.index + line[0].length, spans);
  }
  return spans;
}

// A candidate boundary: terminal punctuation, optional closing quotes/brackets, then white space.
const BOUNDARY = /[.!?]+["'”’)\]]*(?=\s+["'“‘([]?[\p{Lu}\d])/gu;

function splitLine(text: string, from: number, to: number, out: TextSpan[]): void {
  const line = text.slice(from, to);
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(line); m; m = BOUNDARY.exec(line)) {
    const end = m.index + m[0].length;
    if (m[0].startsWith(".") && !m[0].startsWith("..") && isAbbreviation(line, m.index)) continue;
    push(text, from + start, from + end, out);
    start = end;
  }
  push(text, from + start, to, out);
}

function isAbbreviation(line: string, dot: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(line.slice(Math.max(0, dot - 12), dot));
  if (!before) return false;
  const word = before[1]!.toLowerCase().replace(/^\.+/, "");
  if (ABBREVIATIONS.has(word)) return true;
  // Initials: "J. Smith", "U.S.", but not a sentence ending in a one-letter word like "I."
  return /^\p{Lu}$/u.test(before[1]!) || /^(?:\p{L}\.)+\p{L}$/u.test(word);
}

function push(text: string, start: number, end: number, out: TextSpan[]): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end });
}
