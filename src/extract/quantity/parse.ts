// Finds figures in a (normalised, lower-case) sentence: digits with separators, number words, vague words,
// with the qualifier and range that surround them. Returns spans local to the string it is given.
import type { Qualifier } from "../types.ts";
import { QUALIFIER_PHRASES, SCALES, TENS, UNITS, UNIT_WORDS, VAGUE_QUANTITIES } from "./lexicon.ts";

export interface Quantity {
  start: number;
  end: number;
  value: number;
  low: number;
  high: number;
  qualifier: Qualifier;
  /** The rule that read it: "digits", "words", "vague-dozens", "range-between" … */
  reason: string;
  /** A measure word follows ("days", "percent", "vehicles"): not a count of people. */
  unit: string | null;
  /** Four digits that read as a year. */
  yearLike: boolean;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN_RE = /\d+(?:,\d{3})*(?:\.\d+)?|[a-z]+(?:'[a-z]+)?|\S/g;

export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(s); m; m = TOKEN_RE.exec(s)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

interface NumberRead {
  value: number;
  next: number;
  reason: string;
}

/** Reads an exact number (digits or words) starting at token i. */
function readNumber(tokens: Token[], i: number, s: string): NumberRead | null {
  const t = tokens[i];
  if (!t) return null;
  if (/^\d/.test(t.text)) {
    // Times ("3:10", "11:22") and ordinals ("3rd") are not counts.
    const after = s[t.end];
    if (after === ":" && /\d/.test(s[t.end + 1] ?? "")) return null;
    if (/^(?:st|nd|rd|th)\b/.test(s.slice(t.end, t.end + 3))) return null;
    // "$5", "#3"
    const before = s[t.start - 1];
    if (before === "$" || before === "£" || before === "€" || before === "#") return null;
    if ((before === ":" || before === ".") && /\d/.test(s[t.start - 2] ?? "")) return null;
    let value = Number(t.text.replace(/,/g, ""));
    let next = i + 1;
    const scale = tokens[next] && SCALES[tokens[next]!.text];
    if (scale && scale >= 1000) {
      value *= scale;
      next++;
    } else if (!Number.isInteger(value)) return null;
    return { value: Math.round(value), next, reason: "digits" };
  }
  return readWords(tokens, i);
}

function word(tokens: Token[], i: number): string | undefined {
  return tokens[i]?.text;
}

/** "two hundred and thirty-seven", "twenty-two thousand", "a dozen", "two dozen", "a hundred". */
function readWords(tokens: Token[], i: number): NumberRead | null {
  let j = i;
  let total = 0;
  let current = 0;
  let any = false;
  const first = word(tokens, j);
  if (first === "a" || first === "an") {
    const w = word(tokens, j + 1);
    if (w === "dozen") return { value: 12, next: j + 2, reason: "words-dozen" };
    if (w === "hundred" || w === "thousand" || w === "million") {
      current = 1;
      any = true;
      j++;
    } else return null;
  } else if (first === "half" && word(tokens, j + 1) === "a" && word(tokens, j + 2) === "dozen") {
    return { value: 6, next: j + 3, reason: "words-dozen" };
  }
  for (;;) {
    const w = word(tokens, j);
    if (w === undefined) break;
    if (Object.hasOwn(UNITS, w)) {
      current += UNITS[w]!;
    } else if (Object.hasOwn(TENS, w)) {
      current += TENS[w]!;
      // "twenty-two" is tokenised as "twenty" "-" "two"
      if (word(tokens, j + 1) === "-" && Object.hasOwn(UNITS, word(tokens, j + 2) ?? "") && tokens[j + 1]!.start === tokens[j]!.end) {
        current += UNITS[word(tokens, j + 2)!]!;
        j += 2;
      }
    } else if (w === "hundred" && any) {
      current = (current || 1) * 100;
    } else if ((w === "thousand" || w === "million" || w === "billion") && any) {
      total += (current || 1) * SCALES[w]!;
      current = 0;
    } else if (w === "dozen" && any) {
      current *= 12;
    } else if (w === "and" && any && /^(?:hundred|thousand|million)$/.test(word(tokens, j - 1) ?? "")) {
      const n = word(tokens, j + 1);
      if (n === undefined || !(Object.hasOwn(UNITS, n) || Object.hasOwn(TENS, n))) break;
    } else break;
    any = true;
    j++;
  }
  if (!any) return null;
  return { value: total + current, next: j, reason: "words" };
}

function matchPhrase(tokens: Token[], i: number, phrase: string[]): boolean {
  for (let k = 0; k < phrase.length; k++) if (word(tokens, i + k) !== phrase[k]) return false;
  return true;
}

const QUALIFIERS_BY_LENGTH = [...QUALIFIER_PHRASES]
  .map((q) => ({ ...q, parts: q.words.split(" ") }))
  .sort((a, b) => b.parts.length - a.parts.length);
const VAGUE = VAGUE_QUANTITIES.map((v) => ({ ...v, parts: v.words.split(" ") }));

function readVague(tokens: Token[], i: number): { entry: (typeof VAGUE)[number]; next: number } | null {
  for (const entry of VAGUE) {
    if (!matchPhrase(tokens, i, entry.parts)) continue;
    let next = i + entry.parts.length;
    // "a number" and "a handful" need "of"; "dozens of", "hundreds of" take it optionally.
    if (word(tokens, next) === "of") next++;
    else if (entry.words === "a number" || entry.words === "a handful") continue;
    // "many" as in "how many", "many more", "so many": still vague, but "many of" reads a part.
    return { entry, next };
  }
  return null;
}

const MONTH_NAMES = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const MONTH_AFTER = new RegExp(`^(?:st|nd|rd|th)?(?: (?:and|to|-|&) \\d{1,2})? (?:${MONTH_NAMES})\\b`);
const MONTH_BEFORE = new RegExp(`\\b(?:${MONTH_NAMES})\\.? $`);

const RANGE_JOINERS = new Set(["to", "or", "-", "–"]);

/** All figures of the string, left to right, non-overlapping. */
export function findQuantities(s: string): Quantity[] {
  const tokens = tokenize(s);
  const out: Quantity[] = [];
  let i = 0;
  while (i < tokens.length) {
    const q = readQuantityAt(tokens, i, s);
    if (q) {
      out.push(q.quantity);
      i = q.next;
    } else i++;
  }
  return out;
}

// The words a figure can start with: a qualifier, "between"/"from", a vague quantity, a number word. Any other
// token is passed over at once, so that a sentence of words without figures costs one look-up per word.
const FIRST_WORDS = new Set([
  ...QUALIFIERS_BY_LENGTH.map((q) => q.parts[0]!),
  ...VAGUE.map((v) => v.parts[0]!),
  ...Object.keys(UNITS),
  ...Object.keys(TENS),
  "between", "from", "a", "an", "half",
]);

function readQuantityAt(tokens: Token[], i: number, s: string): { quantity: Quantity; next: number } | null {
  const first = tokens[i]!.text;
  if (!FIRST_WORDS.has(first) && !/^\d/.test(first)) return null;
  let qualifier: Qualifier = "exact";
  let j = i;
  for (const q of QUALIFIERS_BY_LENGTH) {
    if (matchPhrase(tokens, i, q.parts)) {
      qualifier = q.qualifier;
      j = i + q.parts.length;
      break;
    }
  }
  const start = tokens[i]!.start;
  // "between 10 and 15", "from 10 to 15"
  const between = word(tokens, j) === "between" || (qualifier === "exact" && word(tokens, j) === "from");
  const numStart = between ? j + 1 : j;
  const vague = readVague(tokens, numStart);
  if (vague) {
    const last = tokens[vague.next - 1]!;
    return {
      quantity: finish(s, tokens, vague.next, {
        start,
        end: last.text === "of" ? tokens[vague.next - 2]!.end : last.end,
        value: vague.entry.low,
        low: vague.entry.low,
        high: vague.entry.high,
        qualifier: "vague",
        reason: vague.entry.reason,
      }),
      next: vague.next,
    };
  }
  const n = readNumber(tokens, numStart, s);
  if (!n) return null;
  let value = n.value;
  let low = value;
  let high = value;
  let next = n.next;
  let reason = n.reason;
  // Ranges: "10-15", "10 to 15", "two or three", "between 10 and 15".
  const joiner = word(tokens, next);
  if (joiner && (RANGE_JOINERS.has(joiner) || (between && joiner === "and"))) {
    const second = readNumber(tokens, next + 1, s);
    const tight = joiner !== "-" || tokens[next]!.start === tokens[next - 1]!.end;
    if (second && second.value > value && tight && (joiner !== "or" || second.value - value <= 10 * Math.max(1, value))) {
      high = second.value;
      next = second.next;
      qualifier = "range";
      reason = between ? "range-between" : `range-${joiner === "–" ? "-" : joiner}`;
      value = low;
    }
  } else if (between) return null;
  else if ((qualifier === "at_least" || qualifier === "more_than" || qualifier === "approximately") && (joiner === "and" || joiner === "," || joiner === "or")) {
    // "at least 15 and up to 25", "at least 27, and as many as 30": two bounds of one figure.
    let k = next + 1;
    if (word(tokens, k) === "and") k++;
    const cap = QUALIFIERS_BY_LENGTH.find((c) => c.qualifier === "at_most" && matchPhrase(tokens, k, c.parts));
    const second = cap ? readNumber(tokens, k + cap.parts.length, s) : null;
    if (second && second.value > value) {
      high = second.value;
      next = second.next;
      qualifier = "range";
      reason = "range-bounds";
    }
  }
  switch (qualifier) {
    // "more than 22,000" keeps 22,000 as its figure (the strict bound is in the qualifier); "fewer than 10"
    // reads 9, the largest figure the words allow.
    case "fewer_than":
      value = Math.max(0, value - 1);
      low = value;
      high = value;
      break;
    default:
      break;
  }
  return {
    quantity: finish(s, tokens, next, { start, end: tokens[next - 1]!.end, value, low, high, qualifier, reason }),
    next,
  };
}

function finish(
  s: string,
  tokens: Token[],
  next: number,
  q: Omit<Quantity, "unit" | "yearLike">,
): Quantity {
  let unit: string | null = null;
  const following = word(tokens, next);
  if (following !== undefined) {
    if (UNIT_WORDS.has(following)) unit = following;
    else if (following === "-" && /^year/.test(word(tokens, next + 1) ?? "")) unit = "age";
    else if (following === "yo" || following === "y" || (following === "year" && word(tokens, next + 1) === "old")) unit = "age";
  }
  // "father of 5": his children, not victims.
  if (unit === null && /\b(?:father|mother|mom|dad|parent|grandmother|grandfather|grandparent|mum) of $/.test(s.slice(Math.max(0, q.start - 16), q.start))) unit = "kin";
  // "21 June", "June 21", "17 and 21 June": dates, not counts.
  if (unit === null && (MONTH_AFTER.test(s.slice(q.end, q.end + 24)) || MONTH_BEFORE.test(s.slice(Math.max(0, q.start - 12), q.start)))) unit = "date";
  const text = s.slice(q.start, q.end);
  if (unit === null && /\b(?:ages?|aged)(?: (?:between|of))? ?$|\band $/.test(s.slice(Math.max(0, q.start - 12), q.start)) && q.value < 120) {
    // "ages 14 and 15", "aged 23": ages, not counts ("and" only when an age list precedes it).
    if (!/\band $/.test(s.slice(Math.max(0, q.start - 5), q.start)) || /\b(?:ages?|aged) [\d, ]+and $/.test(s.slice(Math.max(0, q.start - 30), q.start))) unit = "age";
  }
  // "John Smith, 25, was killed": a bare figure between commas after a name is an age.
  if (unit === null && q.qualifier === "exact" && q.value < 120 && /[a-z)], ?$/.test(s.slice(Math.max(0, q.start - 3), q.start)) && /^ ?,/.test(s.slice(q.end, q.end + 2))) {
    unit = "age";
  }
  const yearLike = /^\d{4}$/.test(text) && q.value >= 1900 && q.value <= 2100;
  return { ...q, unit, yearLike };
}
