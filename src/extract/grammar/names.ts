// People named in the text: "the murder of presidential candidate Carlos Pizarro", "Jose Oscar Marin, 32, was
// killed", "gunned down judge Hector Jimenez Rodriguez". A named person is one victim, and two mentions of one
// name are one person (incidents.ts counts distinct names).
//
// In mixed-case text a name is a run of capitalised words. Wire copy written in capitals has no case to go by:
// there a name is a run of words that are not common English words, and it is read only where English puts a
// name (after a title, after "the murder of", before "was killed"), never on its own.
import { SINGULAR_NOUNS, VICTIM_NOUNS, PASSIVE_TRIGGERS, ACTIVE_TRIGGERS, BRIDGE_WORDS } from "./lexicon.ts";
import type { SentenceView } from "./view.ts";
import type { VictimGroup } from "../types.ts";

/** Honorifics and abbreviated ranks that precede a name. */
const HONORIFICS = new Set([
  "dr", "dr.", "msgr", "msgr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "fr", "fr.", "father", "rev", "rev.",
  "reverend", "sister", "brother", "gen", "gen.", "col", "col.", "maj", "maj.", "capt", "capt.", "lt", "lt.", "sgt",
  "sgt.", "cpl", "cpl.", "sen", "sen.", "rep", "rep.", "gov", "gov.", "prof", "prof.", "engineer", "eng", "eng.",
  "monsignor", "bishop", "archbishop", "comrade", "commander", "sheikh", "imam", "mullah", "don", "dona", "senor",
  "senora", "lic", "lic.", "attorney", "councilwoman", "councilor", "hopeful", "ideologist", "rector",
]);

/** Words inside a name that are not names themselves: "Stela Torrado de Otalora", "Joaquin Lopez y Lopez". */
const PARTICLES = new Set(["de", "del", "la", "las", "los", "y", "van", "von", "der", "den", "al", "el", "bin", "ibn", "abu", "da", "dos", "das", "di", "du", "le"]);

// Words that end a name or cannot be one. Most of English never stands where these rules look for a name; the
// list holds what does: function words, auxiliaries, frequent verbs and nouns of news copy, months and days.
const COMMON = `a an the this that these those his her their its our my your he she they it we i you him them us who whom whose
which what when where while as of in on at to for by with from and or but nor so than then there here not no yes also
later today tonight yesterday last next after before during since until into onto over under about against between
among through throughout according near outside inside without within along across around behind beyond despite
was were is are be been being has have had will would could should may might must can did do does said says say
told reported reports report added stated announced confirmed denied claimed blamed accused condemned sought took
made came went left found gave got saw knew held led met ran set put won lost began brought thought became fell stood
sent kept built paid felt heard read wrote spoke chose drove rose broke fled hit shot seized attacked fired arrested
police army government military forces force group groups people member members party movement front alliance union
committee council court case crime crimes attack attacks bomb bombs station house home office car vehicle street road
city town village department province capital country nation state national local new former other another same several
many some all both each every any more most such only own very one two three four five six seven eight nine ten
first second third fourth last late early recent recently mr president minister leader leaders
january february march april may june july august september october november december jan feb mar apr jun jul aug sep
sept oct nov dec monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night day week
month year years ago time hours minutes days weeks months
text report excerpt summary communique statement speech interview commentary article editorial passage omitted
continued begin end recording words indistinct as received as heard signed dated
regime death deaths murder murders killing killings assassination assassinations massacre victim victims body bodies
terrorist terrorists guerrilla guerrillas rebels drug traffickers cartel mafia squad squads
according sources source spokesman officials authorities witnesses residents family wife husband son daughter
man woman men women child children boy girl person persons nobody none someone somebody anyone anybody everyone
everybody nothing something everything alias known called named identified unidentified unknown
christmas eve easter thanksgiving halloween posted updated photo video image caption click share
organisation organization association institute ministry university college hospital clinic bank corporation
company agency television radio network news times post daily press brigade battalion republic kingdom united
nations civic democratic liberal conservative socialist communist revolutionary patriotic popular islamic
african american arab afghan british french german iraqi israeli palestinian syrian yemeni somali nigerian kenyan
ethiopian sudanese libyan egyptian turkish kurdish iranian pakistani indian russian ukrainian chinese colombian
salvadoran guatemalan peruvian mexican venezuelan honduran nicaraguan chilean bolivian cuban spanish canadian
dutch italian belgian lebanese jordanian saudi malian congolese cameroonian european asian latin muslim christian
jewish shiite sunni catholic jesuit south north east west eastern western northern southern central`;

const STOP = new Set<string>([
  ...COMMON.split(/\s+/),
  ...Object.keys(VICTIM_NOUNS).flatMap((k) => k.split(" ")),
  ...BRIDGE_WORDS,
  ...PASSIVE_TRIGGERS.flatMap((t) => t.words.split(" ")),
  ...ACTIVE_TRIGGERS.flatMap((t) => t.words.split(" ")),
]);

/** Endings of English words that are rarely the end of a person's name. */
const NOT_NAME_ENDING = /(?:ing|ly|tion|sion|ment|ness|ity|ism|ists?|ance|ence|ship|ful|less|ous|ive|ible|able)$/;
// Past tenses ("newsmen waited") end in -ed; a few names do too.
const ED_NAMES = new Set(["ahmed", "mohammed", "mohamed", "muhammed", "mehmed", "hamed", "saeed", "saed", "fred", "ted", "ned", "reed", "jawed", "javed", "naved", "zahed"]);
const DETERMINERS = new Set(["the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those", "our", "my", "your", "one", "another", "some", "any", "each", "every"]);

export function isTitle(word: string): boolean {
  return HONORIFICS.has(word) || Object.hasOwn(SINGULAR_NOUNS, word);
}

function titleGroup(word: string): VictimGroup {
  return Object.hasOwn(SINGULAR_NOUNS, word) ? SINGULAR_NOUNS[word]! : "people";
}

export interface PersonRef {
  /** Masked span of the title and name ("presidential candidate carlos pizarro"). */
  start: number;
  end: number;
  /** Masked span of the name alone. */
  nameStart: number;
  nameEnd: number;
  group: VictimGroup;
}

interface Token {
  word: string;
  start: number;
  end: number;
}

/** The words of `s`, at most `limit` of them (a caller that refuses more need not read a long span whole). */
function tokens(s: string, offset: number, limit = Infinity): Token[] {
  const out: Token[] = [];
  const re = /[a-z][a-z'.-]*/g;
  for (let m = re.exec(s); m && out.length < limit; m = re.exec(s)) {
    // A full stop ends the sentence unless it ends an initial or an abbreviated title ("J.", "Dr.").
    const raw = m[0].endsWith(".") && m[0].length > 2 && !HONORIFICS.has(m[0]) ? m[0].slice(0, -1) : m[0];
    out.push({ word: raw.replace(/'s?$/, ""), start: offset + m.index, end: offset + m.index + raw.length });
  }
  return out;
}

/** Is this word, as written in the original text, a possible part of a name? */
function nameWord(v: SentenceView, t: Token): boolean {
  const w = t.word.replace(/\.$/, "");
  if (w.length < 2 || STOP.has(w) || STOP.has(t.word) || isTitle(w)) return false;
  if (v.upper) return !NOT_NAME_ENDING.test(w) && !/[.'-]$/.test(t.word) && (!/ed$/.test(w) || w.length < 5 || ED_NAMES.has(w));
  // Mixed case: the word must be capitalised as written.
  const at = v.toText(t.start);
  return /^\p{Lu}[\p{Ll}'’.-]/u.test(v.text.slice(at, at + 2)) || /^\p{Lu}\.?$/u.test(v.text.slice(at, v.toText(t.end)));
}

/**
 * Reads "[modifiers] [title] Name Name" over exactly the masked span [start, end): every word must be used.
 * Returns null when the span is not one person: no name word, a common word inside, or too long.
 */
export interface PersonOptions {
  /** A title must precede the name ("judge Carlos Valencia"). */
  requireTitle?: boolean;
  /** Name words needed when there is no title; default 2 in capitals (a lone unknown word is too weak), else 1. */
  minWords?: number;
}

export function personIn(v: SentenceView, start: number, end: number, opts: PersonOptions = {}): PersonRef | null {
  const ts = tokens(v.masked.slice(start, end), start, 9);
  if (ts.length === 0 || ts.length > 8) return null;
  // The title is the last title word followed by at least one name word: "radio announcer diego vargas".
  let titleAt = -1;
  for (let i = 0; i < ts.length - 1; i++) if (isTitle(ts[i]!.word.replace(/\.$/, ""))) titleAt = i;
  if (opts.requireTitle && titleAt < 0) return null;
  const name = ts.slice(titleAt + 1);
  if (name.length === 0 || name.length > 5) return null;
  if (PARTICLES.has(name[0]!.word) || PARTICLES.has(name.at(-1)!.word)) return null;
  if (titleAt < 0 && name.length < (opts.minWords ?? (v.upper ? 2 : 1))) return null;
  for (const t of name) if (!PARTICLES.has(t.word) && !nameWord(v, t)) return null;
  // Before the title, at most three modifiers ("social democratic leader"), and no article: "the attorney
  // general" is a role, not a name.
  if (titleAt > 3 || ts.slice(0, Math.max(0, titleAt)).some((t) => DETERMINERS.has(t.word))) return null;
  const group = titleAt >= 0 ? titleGroup(ts[titleAt]!.word.replace(/\.$/, "")) : "people";
  return { start: ts[0]!.start, end: name.at(-1)!.end, nameStart: name[0]!.start, nameEnd: name.at(-1)!.end, group };
}

/**
 * The longest person reading that starts at `start` and ends before a boundary: punctuation, a figure, or a
 * word that cannot be part of a name. Used where the grammar expects a name next ("the murder of …").
 */
export function personAt(v: SentenceView, start: number, opts: PersonOptions = {}): PersonRef | null {
  const rest = v.masked.slice(start, start + 120);
  const ts = tokens(rest, start, 8);
  if (ts[0]?.start !== start) return null;
  let best: PersonRef | null = null;
  for (let n = 1; n <= Math.min(8, ts.length); n++) {
    const last = ts[n - 1]!;
    // Tokens must be contiguous words separated by single spaces (no punctuation inside a name).
    if (n > 1 && v.masked.slice(ts[n - 2]!.end, last.start) !== " ") break;
    const p = personIn(v, start, last.end, opts);
    if (p) best = p;
  }
  // "killed Special-Caijae Houston's unborn baby": a possessor, not the person the verb is about.
  if (best && /'s?$/.test(v.masked.slice(best.start, best.end))) return null;
  return best;
}

/**
 * Two mentions of one person: a family name of one is in the other, and their given names do not differ
 * ("Rodriguez Porth" and "Dr Antonio Rodriguez", "Galan" and "Luis Carlos Galan"). A shared family name alone
 * is not enough: "Marwan Mustafa Al-Sawaf" and "Montaser Mustafa Al-Sawaf" are brothers.
 */
export function sameName(a: string, b: string): boolean {
  const words = (s: string) => s.toLowerCase().split(/\P{L}+/u).filter((w) => w.length >= 2 && !PARTICLES.has(w) && !isTitle(w) && !STOP.has(w) && !/^(?:al|el|abu|bin|ibn)$/.test(w));
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 || wb.length === 0) return false;
  const family = (ws: string[]) => (ws.length === 1 ? ws : ws.slice(1));
  const has = (ws: string[], w: string) => ws.some((x) => alike(x, w));
  const shared = family(wa).some((w) => has(wb, w)) || family(wb).some((w) => has(wa, w));
  if (!shared) return false;
  const [fa, fb] = [wa[0]!, wb[0]!];
  return alike(fa, fb) || has(wb, fa) || has(wa, fb);
}

/** One name in two transliterations: "Hamed"/"Hamad", "Baalousha"/"Balousha" (one edit, in words of 5+ letters). */
function alike(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 5 || b.length < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const [ra, rb] = [a.slice(i + 1), b.slice(i + 1)];
  // substitution, deletion from a, deletion from b
  return ra === rb || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1);
}
