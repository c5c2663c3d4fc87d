// Sentence structure over parts of speech: tokens tagged by wink-nlp, mapped onto the masked sentence (each
// figure one token), and grouped into chunks: noun phrases (quantity, head, modifiers) and verb groups (voice,
// negation, modality). Rules read these instead of word lists, so a subject whose nouns no lexicon knows ("31
// IS/ISWAP fighters", "3 members of the army's intelligence branch") is still a subject.
//
// Tagging costs far more than the masked regular expressions, so it runs only when a rule asks for it, once
// per sentence (cached), and the model is loaded on first use.
import { createRequire } from "node:module";
import type { SentenceView } from "./view.ts";

export interface Token {
  /** Span in the masked sentence. */
  start: number;
  end: number;
  /** The token as the masked sentence spells it (lower case; a figure is "#k#"). */
  w: string;
  /** Universal part of speech; a figure is NUM. */
  pos: string;
  /** Quantity index for a figure. */
  q: number | null;
  /** Written in capitals in the original ("IS", "ISWAP"): an acronym, whatever the tagger says. */
  acronym: boolean;
}

export interface NounPhrase {
  kind: "np";
  /** Token range [from, to). */
  from: number;
  to: number;
  /** The figure counting the phrase ("#3#"), or the article of a singular one ("a", "an", "another"). */
  quantity: { q: number } | { article: string } | null;
  /** The last noun before any "of" phrase: "members" in "3 members of the army's intelligence branch". */
  head: string | null;
  modifiers: string[];
}

export interface VerbGroup {
  kind: "vg";
  from: number;
  to: number;
  main: string;
  passive: boolean;
  negated: boolean;
  modal: boolean;
  perfect: boolean;
}

// --- tagging -------------------------------------------------------------------------------------------------

interface WinkDoc {
  tokens(): { out(f?: unknown): string[] };
}
interface Wink {
  readDoc(text: string): WinkDoc;
  its: { value: unknown; pos: unknown };
}

let wink: Wink | null = null;

function tagger(): Wink {
  if (!wink) {
    // Loaded synchronously on first use: extraction stays a plain function call, and callers that never need
    // structure (a text with no casualty verb) never pay for the model.
    const require = createRequire(import.meta.url);
    const winkNLP = require("wink-nlp") as (model: unknown, pipe: string[]) => Wink;
    wink = winkNLP(require("wink-eng-lite-web-model"), ["pos"]);
  }
  return wink;
}

const cache = new WeakMap<SentenceView, Token[]>();

/** The sentence's tokens in masked positions; figures are single NUM tokens. */
export function tokensOf(v: SentenceView): Token[] {
  const hit = cache.get(v);
  if (hit) return hit;
  const nlp = tagger();
  const doc = nlp.readDoc(v.text);
  const values = doc.tokens().out(nlp.its.value);
  const tags = doc.tokens().out(nlp.its.pos);
  const out: Token[] = [];
  let cursor = 0;
  let lastQ = -1;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const at = v.text.indexOf(value, cursor);
    // A token the tagger spelled otherwise than the text (rare normalisations) is skipped, not guessed at.
    if (at < 0 || at - cursor > 40) continue;
    cursor = at + value.length;
    const start = v.fromText(at);
    const end = v.fromText(at + value.length);
    const inFigure = /^#(\d+)#/.exec(v.masked.slice(start, start + 8));
    if (inFigure && v.masked[start] === "#") {
      const q = Number(inFigure[1]);
      if (q === lastQ) continue;
      lastQ = q;
      out.push({ start, end: start + inFigure[0].length, w: inFigure[0], pos: "NUM", q, acronym: false });
      continue;
    }
    if (end <= start) continue;
    out.push({
      start,
      end,
      w: v.masked.slice(start, end),
      pos: tags[i] ?? "X",
      q: null,
      acronym: value.length > 1 && /^[A-Z][A-Z0-9]*$/.test(value) && !v.upper,
    });
  }
  cache.set(v, out);
  return out;
}

// --- chunks --------------------------------------------------------------------------------------------------

const BE = /^(?:was|were|is|are|be|been|being|am|got|get|gets|getting)$/;
const HAVE = /^(?:have|has|had|having)$/;
const MODAL = /^(?:could|would|might|may|will|shall|should|must|can|to|'d|'ll)$/;
const NEGATION = /^(?:not|never|n't|no)$/;
const IRREGULAR_PARTICIPLES =
  /^(?:shot|hurt|slain|struck|hit|beaten|stabbed|run|burnt|caught|thrown|taken|found|left)$/;

function isParticiple(w: string): boolean {
  return /(?:ed|en)$/.test(w) || IRREGULAR_PARTICIPLES.test(w);
}

/** Words that begin a noun phrase. */
const ARTICLE =
  /^(?:a|an|another|one|the|his|her|their|its|our|this|that|these|those|some|all|both|each|several|many|dozens|scores|hundreds)$/;

/** May this token stand inside a noun phrase (before its head, as a head, or inside an "of" phrase)? */
export function nominal(t: Token, next: Token | undefined): boolean {
  if (t.q !== null || t.acronym) return true;
  switch (t.pos) {
    case "NOUN":
    case "PROPN":
    case "ADJ":
    case "NUM":
    case "DET":
      return true;
    case "PART":
      return t.w === "'s" || t.w === "'";
    case "PUNCT":
    case "SYM":
      // Joined without spaces: "CPI-Maoist", "IS/ISWAP".
      return (t.w === "-" || t.w === "/") && next !== undefined && next.start === t.end;
    case "VERB":
      // A participle modifying the next noun: "armed men", "abducted chief".
      return /(?:ed|ing)$/.test(t.w) && next !== undefined && (next.pos === "NOUN" || next.pos === "PROPN");
    case "PRON":
      return /^(?:his|her|their|its|our)$/.test(t.w);
    default:
      return false;
  }
}

/** The noun phrase in tokens [from, to): its quantity, head and modifiers. */
export function nounPhrase(tokens: Token[], from: number, to: number): NounPhrase {
  let quantity: NounPhrase["quantity"] = null;
  let head: string | null = null;
  const modifiers: string[] = [];
  let k = from;
  const first = tokens[k];
  if (first?.q !== null && first?.q !== undefined) {
    quantity = { q: first.q };
    k++;
  } else if (first && /^(?:a|an|another|one)$/.test(first.w)) {
    quantity = { article: first.w };
    k++;
  }
  for (; k < to; k++) {
    const t = tokens[k]!;
    if (t.w === "of") break;
    if (t.pos === "NOUN" || t.pos === "PROPN" || t.acronym) {
      if (head) modifiers.push(head);
      head = t.w;
    } else if (t.pos !== "PUNCT" && t.pos !== "SYM" && t.pos !== "PART") modifiers.push(t.w);
  }
  return { kind: "np", from, to, quantity, head, modifiers };
}

/** The verb group ending at token `to` - 1 (the main verb), read back over auxiliaries, adverbs and negation. */
export function verbGroupEndingAt(tokens: Token[], last: number): VerbGroup {
  const main = tokens[last]!.w;
  let from = last;
  let passive = false;
  let negated = false;
  let modal = false;
  let perfect = false;
  let steps = 0;
  for (let k = last - 1; k >= 0 && steps < 6; k--, steps++) {
    const t = tokens[k]!;
    // "were, witnesses said, killed": an attribution inside the verb group.
    if (t.w === ",") {
      const open = attributionBefore(tokens, k);
      if (open === null) break;
      k = open;
      from = open;
      continue;
    }
    if (BE.test(t.w)) passive = isParticiple(main);
    else if (HAVE.test(t.w)) perfect = true;
    else if (NEGATION.test(t.w)) negated = true;
    else if (MODAL.test(t.w)) modal = true;
    else if (t.pos !== "ADV" && !/^(?:so|far|also|later|then|all|both|each|reportedly|allegedly)$/.test(t.w))
      break;
    from = k;
  }
  return { kind: "vg", from, to: last + 1, main, passive, negated, modal, perfect };
}

const SAY =
  /^(?:said|say|says|told|reported|added|confirmed|claimed|stated|noted|according|believed|thought|feared|understood)$/;

/**
 * An attribution or aside closed by the comma at `close`: ", witnesses said,", ", police said,", ", most of
 * them children,". Returns the index of its opening comma, or null.
 */
export function attributionBefore(tokens: Token[], close: number): number | null {
  let said = false;
  for (let k = close - 1; k >= 0 && close - k <= 10; k--) {
    const t = tokens[k]!;
    if (t.w === ",") return said || ASIDE_OPENER.test(tokens[k + 1]?.w ?? "") ? k : null;
    if (t.pos === "PUNCT" && t.w !== "-" && t.w !== "'") return null;
    if (SAY.test(t.w)) said = true;
  }
  return null;
}

const ASIDE_OPENER =
  /^(?:most|many|some|all|mostly|mainly|including|among|both|who|which|aged|several|none|one|two|three|four|five|half|according)$/;

export { ARTICLE };
