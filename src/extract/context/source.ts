// Who gives the figure: "according to X", "X said/told/announced", "X's figures show". A pronoun or a definite
// role ("he added", "the army officer said") points back to the last source named, so attribution carries across
// sentences. No source named: null (the outlet is not a source of its own story).
import type { Claim, TextSpan } from "../types.ts";
import type { DocState } from "./doc.ts";
import { ANONYMITY, INSTITUTION_HEAD, PERSON_ROLE, SOURCE_PRONOUN, SPEECH_VERB } from "./lexicon.ts";
import { blank, gap } from "./match.ts";

export interface SourceMention extends TextSpan {
  /** The noun phrase as written, without its article. */
  name: string;
  /** Points back to an earlier source instead of naming one. */
  anaphor: "pronoun" | "role" | "institution" | null;
  person: boolean;
  anonymous: boolean;
  /** The name to report, after resolving anaphors and short surnames. */
  value: string | null;
}

const QUOTE = /“[^”]*”?|"[^"]*"?/g;
const PARENTHETICAL = /\s[–—]\s[^–—]*?\s[–—]\s|\s--\s.*?\s--\s|\([^()]*\)|,\s+who\s[^,]*,/g;
// Sentence ends inside a span (a splitter's miss: "injured.Authorities said") count, but not "Sgt. Lewis".
const BOUNDARY =
  /[,;:–—()“”"]|\s-\s|(?<!\b(?:Mr|Mrs|Ms|Dr|Sgt|Capt|Lt|Col|Gen|Maj|Cpl|Det|Insp|Supt|Rep|Sen|Gov|St|Jr|Sr|No|[A-Z]))[.!?](?=\s+[A-Za-z]|[A-Z])|\b(?:that|which|who|while|but|after|before|when|and|as|because|if)\b/g;
const ACCORDING_TO = /\baccording to\s+/gi;
// The look-behind lets a match start only where a run of capitalised words starts (a later start would match a
// shorter name than the run's first word does), so a long capitalised run is scanned once, not once per word.
const FIGURES_OF =
  /(?<!\b[A-Z][\w'’.-]*\s+)\b((?:[A-Z][\w'’.-]*\s+)*?(?:[A-Z][\w'’.-]*|ministry|police))(?:'s|’s) (?:figures|data|tally|count|statistics|records)\b/g;
const FIGURES_FROM = /\b(?:figures|data|statistics|a tally|a count) (?:from|by|released by|compiled by|of)\s+/gi;
const INVERTIBLE = /^(?:said|says|added|adds|stated)$/i;
const TRAILING_ADVERB =
  /\s+(?:also|later|earlier|previously|initially|separately|further|again|then|has|have|had|would|will|on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|in a statement|in a tweet)$/i;
const TRAILING_PLACE =
  /\s+(?:in|from|at|near|inside)\s+(?:(?:the|northern|southern|eastern|western|central|north|south|east|west|north-?eastern|north-?western|south-?eastern|south-?western)\s+)*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*$/;
const NOT_A_SOURCE = /^(?:there|this|that|which|what|who|when|where|how|those|these|it was|reports?|media reports|news reports|also|but|and|then|later|however|details|further|more)\b|reports$/i;
const FUNCTION_WORD = /^(?:On|In|At|The|But|And|Then|When|While|However|Meanwhile|According|To|As|After|Before|Speaking|Earlier|Later)\s+/;

interface Cleaned {
  name: string;
  definite: boolean;
  indefinite: boolean;
}

function cleanNP(raw: string): Cleaned | null {
  let t = raw.replace(/\s+/g, " ").trim();
  t = t.replace(/^(?:and|but|as|while|then|also|so)\s+/i, "");
  for (let prev = ""; prev !== t; ) {
    prev = t;
    t = t.replace(TRAILING_ADVERB, "");
  }
  if (/\b(?:were|was|is|are|been|be|being)$/i.test(t)) return null; // passive: "were reported killed"
  const article = /^(the|a|an)\s+/i.exec(t);
  if (article) t = t.slice(article[0].length);
  const placeless = t.replace(TRAILING_PLACE, "");
  if (placeless) t = placeless;
  t = t.trim();
  const words = t.split(" ").filter(Boolean);
  if (words.length === 0 || words.length > 9) return null;
  if (/^\d/.test(t) || NOT_A_SOURCE.test(t) || !/[a-z]/i.test(t)) return null;
  // "potentially confirming reports …": a verb or adverb, not a noun phrase.
  if (/\b[a-z]+(?:ing|ly)$/.test(t) || /\b(?:said|says|told)\b/i.test(t)) return null;
  const art = article?.[1]?.toLowerCase();
  return { name: t, definite: art === "the", indefinite: art === "a" || art === "an" };
}

function mention(start: number, end: number, c: Cleaned, anonymous: boolean): SourceMention {
  const { name } = c;
  const lowerOnly = !/[A-Z]/.test(name);
  let anaphor: SourceMention["anaphor"] = null;
  if (SOURCE_PRONOUN.test(name)) anaphor = "pronoun";
  else if (c.definite && lowerOnly && PERSON_ROLE.test(name)) anaphor = "role";
  else if (c.definite && lowerOnly && INSTITUTION_HEAD.test(name) && name.split(" ").length <= 2) anaphor = "institution";
  const person =
    PERSON_ROLE.test(name) || /^(?:he|she)$/i.test(name) || (!INSTITUTION_HEAD.test(name) && /^[A-Z]/.test(name));
  return { start, end, name, anaphor, person, anonymous, value: null };
}

/** The source mentions of sentence i as written (anaphors unresolved). */
function rawMentionsIn(state: DocState, i: number): SourceMention[] {
  const s = state.sentence(i);
  if (!s) return [];
  const text = state.sentenceText(i);
  // Speech inside quotations is the speaker's words, and parentheticals ("– who requested anonymity –") sit
  // between a subject and its verb: blank both so the subject is found, noting whether the speaker is anonymous.
  let masked = text;
  for (const m of text.matchAll(QUOTE)) masked = blank(masked, m.index, m.index + m[0].length);
  let anonymousAside = false;
  for (const m of masked.matchAll(PARENTHETICAL)) {
    if (ANONYMITY.test(m[0])) anonymousAside = true;
    masked = blank(masked, m.index, m.index + m[0].length);
  }
  const anonymousHere = anonymousAside || ANONYMITY.test(text);
  const out: SourceMention[] = [];
  const push = (from: number, to: number, c: Cleaned | null): void => {
    if (!c) return;
    const anonymous = anonymousHere && (c.indefinite || /\b(?:sources?|officials|officers)\b/i.test(c.name) || anonymousAside);
    out.push(mention(s.start + from, s.start + to, c, anonymous && !/^(?:he|she|they)$/i.test(c.name)));
  };
  const phraseAfter = (at: number): [number, number, string] => {
    const rest = masked.slice(at);
    const m = /^[^,.;:“”"()]+/.exec(rest);
    let phrase = m ? m[0] : "";
    const cut = /\s(?:that|who|which|as|and said)\s/i.exec(phrase);
    if (cut) phrase = phrase.slice(0, cut.index);
    return [at, at + phrase.length, phrase];
  };

  for (const m of masked.matchAll(ACCORDING_TO)) {
    const [a, b, phrase] = phraseAfter(m.index + m[0].length);
    const figures = /^(?:the )?(?:figures|data|statistics|a tally|a count|a statement|a report)\s+(?:from|by|of|released by)\s+/i.exec(phrase);
    push(a, b, cleanNP(figures ? phrase.slice(figures[0].length) : phrase));
  }
  for (const m of masked.matchAll(FIGURES_OF)) {
    if (m[1]) push(m.index, m.index + m[1].length, cleanNP(m[1]));
  }
  for (const m of masked.matchAll(FIGURES_FROM)) {
    const [a, b, phrase] = phraseAfter(m.index + m[0].length);
    push(a, b, cleanNP(phrase.replace(/\s+(?:show|showed|shows|put|puts|indicate|indicated)\b.*$/i, "")));
  }
  for (const m of masked.matchAll(SPEECH_VERB)) {
    if (out.some((o) => o.start - s.start <= m.index && m.index < o.end - s.start)) continue;
    const left = masked.slice(0, m.index);
    let b = 0;
    for (const bm of left.matchAll(BOUNDARY)) b = bm.index + bm[0].length;
    const subject = cleanNP(left.slice(b));
    if (subject) {
      const lead = left.slice(b).search(/\S/);
      push(b + Math.max(0, lead), m.index, subject);
    } else if (INVERTIBLE.test(m[0]) && left.slice(b).trim() === "") {
      // "…,” said police spokesman Ali." / "…, said the ministry."
      const [a, z, phrase] = phraseAfter(m.index + m[0].length);
      push(a, z, cleanNP(phrase.replace(/\s+(?:on|in a|late|early)\b.*$/i, "")));
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/** "Al-Mousawi" → "Army Brigadier-General Thaer Al-Mousawi" when the fuller name appears earlier. */
function expandName(state: DocState, m: SourceMention): string {
  const words = m.name.split(" ");
  if (words.length > 2 || !words.every((w) => /^[A-Z]/.test(w)) || PERSON_ROLE.test(m.name) || INSTITUTION_HEAD.test(m.name))
    return m.name;
  const escaped = m.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // Capitalised words on the same line, abbreviations ("Sgt.") allowed but not a sentence's last word ("Agency.").
  const re = new RegExp(`(?:(?:[A-Z][\\w'’-]{0,3}\\.|[A-Z][\\w'’-]*)[ \\t]+){1,4}${escaped}\\b`, "g");
  let full: string | null = null;
  for (const found of state.doc.text.slice(Math.max(0, m.start - 5000), m.end).matchAll(re)) {
    if (!full || found[0].length > full.length) full = found[0];
  }
  if (!full) return m.name;
  let prev = "";
  while (prev !== full) {
    prev = full;
    full = full.replace(FUNCTION_WORD, "");
  }
  return full.replace(/\s+/g, " ");
}

function resolve(state: DocState, m: SourceMention, i: number): string | null {
  const label = (name: string): string => (m.anonymous ? `${name} (anonymous)` : name);
  if (!m.anaphor) return label(expandName(state, m));
  const head = m.anaphor === "institution" ? INSTITUTION_HEAD.exec(m.name)?.[0].toLowerCase() : undefined;
  for (let j = i - 1; j >= 0 && j >= i - 6; j--) {
    const earlier = [...mentionsIn(state, j)].reverse();
    for (const c of earlier) {
      if (!c.value) continue;
      if (m.anaphor === "institution" && head && !c.value.toLowerCase().includes(head)) continue;
      if ((m.anaphor === "role" || /^(?:he|she)$/i.test(m.name)) && !c.person) continue;
      return c.value;
    }
  }
  return m.anaphor === "pronoun" ? null : label(m.name);
}

/** The source mentions of sentence i with anaphors resolved; memoised, so look-backs stay cheap. */
export function mentionsIn(state: DocState, i: number): SourceMention[] {
  return state.cached("sources", i, () =>
    rawMentionsIn(state, i).map((m) => ({ ...m, value: resolve(state, m, i) })),
  );
}

/** The source nearest the figure in the claim's own sentence (a source is never guessed from elsewhere). */
export function sourceFor(state: DocState, claim: Claim): string | null {
  const i = state.sentenceOf(claim);
  if (i < 0) return null;
  let best: SourceMention | null = null;
  for (const m of mentionsIn(state, i)) {
    if (!m.value) continue;
    if (!best || gap(m, claim.evidence) < gap(best, claim.evidence)) best = m;
  }
  return best?.value ?? null;
}
