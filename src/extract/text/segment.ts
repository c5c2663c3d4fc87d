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

// A candidate boundary: terminal punctuation, optional closing quotes/brackets, then white space and a capital or a
// digit. The run is matched greedily and the look-ahead tested once at its end (a shorter run is followed by more
// punctuation, never by white space), so a line of 100,000 dots is one match, not 100,000 retries of the run.
const STOP_RUN = /[.!?]+["'”’)\]]*/g;
const NEXT_STARTS = /\s+["'“‘([]?[\p{Lu}\d]/uy;

function splitLine(text: string, from: number, to: number, out: TextSpan[]): void {
  const line = text.slice(from, to);
  let start = 0;
  STOP_RUN.lastIndex = 0;
  for (let m = STOP_RUN.exec(line); m; m = STOP_RUN.exec(line)) {
    const end = m.index + m[0].length;
    NEXT_STARTS.lastIndex = end;
    if (!NEXT_STARTS.test(line)) continue;
    if (m[0].startsWith(".") && !m[0].startsWith("..") && isAbbreviation(line, m.index)) continue;
    push(text, from + start, from + end, out);
    start = end;
  }
  push(text, from + start, to, out);
}

function isAbbreviation(line: string, dot: number): boolean {
  // The slice is at most 12 characters: a quadratic move over it is a constant.
  // eslint-disable-next-line regexp/no-super-linear-move
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

/**
 * The longest sentence the grammar reads in one piece (UTF-16 code units). Real sentences are far shorter (in the
 * eval data 99.9% are under 600 and the few over 2,000 are run-together transcripts); the bound keeps the work per
 * sentence constant whatever the input, so a document of any shape is read in time linear in its length.
 */
export const MAX_SENTENCE = 2000;

/**
 * Cuts every span longer than `max` into pieces of at most `max`, each ending after a clause break (`;`, `,`, `:`)
 * or else a space in its last quarter, or else exactly at `max`. Returns the pieces and the spans that were cut,
 * so that the caller can say which claims were read from a cut sentence.
 */
export function capSentences(text: string, spans: readonly TextSpan[], max = MAX_SENTENCE): { spans: TextSpan[]; cut: TextSpan[] } {
  const out: TextSpan[] = [];
  const cut: TextSpan[] = [];
  for (const s of spans) {
    if (s.end - s.start <= max) {
      out.push(s);
      continue;
    }
    cut.push(s);
    let start = s.start;
    while (s.end - start > max) {
      const limit = start + max;
      const floor = start + Math.floor((max * 3) / 4);
      let end = -1;
      for (let i = limit - 1; i >= floor && end < 0; i--) if (/[;,:]/.test(text[i]!) && /\s/.test(text[i + 1] ?? "")) end = i + 1;
      for (let i = limit; i > floor && end < 0; i--) if (/\s/.test(text[i]!)) end = i;
      // A hard cut never splits a surrogate pair.
      if (end < 0) end = /[\uD800-\uDBFF]/.test(text[limit - 1]!) ? limit - 1 : limit;
      push(text, start, end, out);
      start = end;
    }
    push(text, start, s.end, out);
  }
  return { spans: out, cut };
}
