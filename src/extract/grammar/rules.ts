// The claim grammar: an ordered list of small rules (chrono's parsers). Each rule has a pattern over the
// masked sentence (see view.ts) and an extract() that turns a match into findings, or declines with null.
// The engine never names a rule; order matters only where two rules could read the same figure.
import type { Metric, VictimGroup } from "../types.ts";
import {
  ACTIVE_TRIGGERS,
  ANIMAL_NOUNS,
  ATTACKER_NOUNS,
  BRIDGE_WORDS,
  DESTROYED_WORDS,
  HOME_NOUNS,
  PASSIVE_TRIGGERS,
  RESULT_WORDS,
  SINGULAR_NOUNS,
  VICTIM_NOUNS,
  nonPerson,
  type TriggerEntry,
} from "./lexicon.ts";
import { personAt, personIn, type PersonRef } from "./names.ts";
import type { SentenceView } from "./view.ts";

export interface VictimRef {
  group: VictimGroup;
  /** Masked span of the words naming the victims. */
  start: number;
  end: number;
  attacker: boolean;
}

export interface Finding {
  rule: string;
  metric: Metric;
  /** Quantity index in the sentence, or null for figures without digits or number words ("a man", "no one"). */
  q: number | null;
  value?: number;
  victims: VictimRef | null;
  /** Masked span of the evidence. */
  start: number;
  end: number;
  /** The trigger word(s), e.g. "shot" (used by refiners). */
  trigger: string;
  /** Quantities consumed by the match without being claims (ages). */
  consumed?: number[];
  /** The victims are a pronoun ("executed them"): the figure is that of the people it refers back to. */
  antecedent?: boolean;
  /** A person named by the text: one victim, told apart from others by name (masked span of title and name). */
  person?: { start: number; end: number };
}

export interface Rule {
  name: string;
  /** A cheap test of the sentence: when it fails, the pattern cannot match and is not run. */
  hint?: (v: SentenceView) => boolean;
  pattern: RegExp;
  /** `read`: the figures earlier rules have read in this sentence. */
  extract(m: RegExpExecArray, v: SentenceView, read: ReadonlySet<number>): Finding[] | null;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alt = (words: Iterable<string>) =>
  [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map(esc)
    .join("|");

const HEAD = alt([...Object.keys(VICTIM_NOUNS), ...Object.keys(SINGULAR_NOUNS)]);
const PLURAL_HEAD = alt(Object.keys(VICTIM_NOUNS));
const SING = alt(Object.keys(SINGULAR_NOUNS));
const WORD = "[a-z][a-z'-]*";
// Adjectives and names before the head noun: "18 iraqi civilians", "15 members of the al-dous family".
const MOD = `(?!(?:and|or|as|with|while|who|were|was)\\b)${WORD}`;
const NP = `(?: ${MOD}){0,4}? (?:${HEAD})\\b(?: of (?:the |his |her |their |a |an )?(?:${WORD} ){0,3}?(?:family|families|forces|force|army|police|group|militia|household|tribe|clan|movement|unit|community|organi[sz]ation|brigade|battalion|military)\\b| of (?:the |his |her |their )?(?:${MOD} ){0,2}?(?!(?:them|whom|those)\\b)${MOD}(?: \\([^()]{1,40}\\))?(?= (?:were|was|had|have|died|are|and|killed|dead)\\b))?`;
// A person named by a singular noun: "a prominent official and activist", "the district head of intelligence".
const SING_NP = `(?<head>${SING})\\b(?: and (?:(?<det2>a|an|his|her|their|the|one|another) )?(?:${WORD} ){0,2}?(?:${HEAD})\\b)?(?: (?:of|from) (?:the )?(?:${MOD} ){0,3}?(?:${MOD}|#\\d+#))?`;
// The words between a subject and its participle. A lookahead first checks, in linear time, that some
// participle follows within a dozen words: without it, a sentence with no participle would make the engine
// try every way of splitting the words between bridge words and place phrases.
const BRIDGE = `(?=(?:,? [^ ,.;]+){0,14}? (?:${alt([...PASSIVE_TRIGGERS.map((t) => t.words), ...DESTROYED_WORDS, "injuries", "hit", "harmed", "blew", "detonated", "shot", "killed"])})\\b)(?:,? (?:${alt(BRIDGE_WORDS)}|(?:in|at|near|on|inside|outside|across|throughout|around|during|from)(?: ${WORD}){1,6}?)){0,7}?`;
// An aside between the subject and its verb: "(including two children)", ", including Hamish,".
const ASIDE = `(?:,? \\([^()]{0,80}\\)|, (?:including|among them|among whom|of whom|mostly|most of them|many of them|all of them|some of them|mainly|mostly|aged|both|all|who|whose|that|which)\\b[^,;:]{0,100}(?=,)| (?:including|among them) (?:[a-z'-]+ ){0,5}?[a-z'-]+(?= (?:were|was|had|have)\\b))?`;
// Any one to three words naming the victims when no known noun does: "3 Fulani were killed", "two al shabaab dead".
const ANY_NP = `(?: (?!(?:and|or|as|with|while|who|were|was|had|have|has|of|in|on|at|by|to|from|for|the|a|an|shooting|shootings|attack|attacks|bombing|incident|explosion|blast|crash|fire|raid|strike|strikes|airstrike|clash|clashes|violence|homicide|murder|killing|deadly|fatal|people's|years?|months?|days?|weeks?|hours?)\\b)${WORD}){1,3}?`;

const triggerAlt = (list: TriggerEntry[]) => alt(list.map((t) => t.words));
const PASSIVE = triggerAlt(PASSIVE_TRIGGERS);
const ACTIVE = triggerAlt(ACTIVE_TRIGGERS);
const passiveMetric = new Map(PASSIVE_TRIGGERS.map((t) => [t.words, t.metric]));
const activeMetric = new Map(ACTIVE_TRIGGERS.map((t) => [t.words, t.metric]));

const headRe = new RegExp(`\\b(${PLURAL_HEAD})\\b(?: of (?:the |his |her |their |a |an )?((?:${WORD} ){0,3}?${WORD}))?`, "g");
const singRe = new RegExp(`\\b(${SING})\\b`);

/** Victim group of a noun phrase: the last head noun; "members of the security forces" reads the of-phrase. */
export function classify(np: string): { group: VictimGroup; attacker: boolean } | null {
  let last: RegExpExecArray | null = null;
  headRe.lastIndex = 0;
  for (let m = headRe.exec(np); m; m = headRe.exec(np)) last = m;
  if (!last) {
    const s = singRe.exec(np);
    if (!s) return null;
    return { group: SINGULAR_NOUNS[s[1]!]!, attacker: ATTACKER_NOUNS.has(s[1]!) };
  }
  const head = last[1]!;
  let group = VICTIM_NOUNS[head]!;
  const of = last[2] ?? "";
  if (head === "members" || head === "elements" || head === "personnel") {
    if (/security|army|military|forces|armed|troops/.test(of)) group = "soldiers";
    else if (/police/.test(of)) group = "police";
    else if (/family|families|household|tribe|clan|community/.test(of)) group = "civilians";
    else if (/group|militia|movement|organi[sz]ation|brigade|battalion/.test(of)) group = "fighters";
  }
  if (group === "people" || group === "other") {
    if (/\b(?:civilian|unarmed|innocent)\b/.test(np)) group = "civilians";
    else if (/\b(?:security|army|military)\b/.test(np)) group = "soldiers";
    else if (/\bpolice\b/.test(np)) group = "police";
    else if (/\b(?:militant|rebel|insurgent|jihadist|terrorist|enemy|guerrilla)\b/.test(np)) group = "fighters";
  } else if (group === "police" && head === "officers" && /\b(?:army|military|security)\b/.test(np)) group = "soldiers";
  // "pro-government militia members" fight on the state's side: counted with its forces, apart from the
  // fighters they face.
  if ((group === "fighters" || group === "people") && /\bpro-(?:government|regime)\b/.test(np)) group = "soldiers";
  return { group, attacker: ATTACKER_NOUNS.has(head) };
}

function victimsAt(v: SentenceView, start: number, end: number): VictimRef | null {
  const c = classify(v.masked.slice(start, end));
  return c ? { ...c, start, end } : null;
}

/** The victims named right after a trigger: "more than 22,000 injured mosul residents". */
function victimsAfter(v: SentenceView, from: number): VictimRef | null {
  const m = VICTIMS_AFTER.exec(v.masked.slice(from, from + 60));
  return m ? victimsAt(v, from, from + m[0].length) : null;
}

const AUX = /\b(?:was|were|is|are|been|be|being|got|get|remain|remained)\b/;
const OBJECT_AFTER = /^ (?:#\d+#|(?:a|an|the|his|her|their|its|one|another|him|them|herself|himself|themselves|at least|dozens|scores|hundreds|several|many)\b)/;

function findingFromSubject(
  rule: string,
  v: SentenceView,
  m: RegExpExecArray,
  metric: Metric,
  trigger: string,
): Finding[] | null {
  const matchEnd = m.index + m[0].length;
  const bridge = m.groups?.["bridge"] ?? "";
  // "four cadres were not killed": the negation rule reads it as none.
  if (/\b(?:not|never)\b/.test(bridge)) return null;
  // "four gunmen killed two policemen": a subject followed by an active verb and its object is not a victim.
  // ("1 killed 3 injured" is a list of two subjects, not a verb and its object.)
  const rest = v.masked.slice(matchEnd, matchEnd + 50);
  if (!AUX.test(bridge) && OBJECT_AFTER.test(rest) && !LISTED_SUBJECT.test(rest)) return null;
  const q = Number(m.groups!["q"]);
  const npText = m.groups?.["np"];
  const npStart = m.index + m[0].indexOf("#", 0) + `#${q}#`.length;
  const victims = npText
    ? victimsAt(v, npStart, npStart + npText.length)
    : victimsAfter(v, matchEnd);
  return [{ rule, metric, q, victims, start: m.index, end: Math.max(matchEnd, victims?.end ?? 0), trigger }];
}

const NOT_PEOPLE = /^(?:car|vehicle|truck|bus|house|home|building|bomb|device|mine|shell|rocket|missile|drone|attack|clash|patrol|convoy|post|checkpoint|base|camp|village|town|city|market|school|hospital|mosque|church|shop|store|office|bridge|road|tank|plane|aircraft|helicopter|boat|ship|train|number|total|lot|majority|few|couple|series|group|family|crowd|mob|gang|unit|force|team|body|report|statement|shot|fire|blast|explosion|suicide|livestock|cattle|cows?|goats?|sheep|camels?|animals?|donkeys?|horses?|dogs?|chickens?|pigs?|birds?|poultry)$/;

const NAME_WORD = `(?!(?:was|has|had|were|is|been|later|reportedly|also|then|allegedly|fatally|accidentally)\\b)${WORD}`;

// Anchored at a placeholder and at the end of the window: tried only where a figure stands (see coordinated()).
const COORDINATED = new RegExp(`^#(\\d+)#(${NP})?${ASIDE}(?:,| and|, and| as well as|, as well as) $`);
const HOME_RE = new RegExp(`(?:(?:${WORD}) )?(?:${alt(HOME_NOUNS)})\\b`);
const VICTIMS_AFTER = new RegExp(`^(?: ${WORD}){0,3}? (?:${HEAD})\\b`);
const BRIDGE_TO_PASSIVE = new RegExp(`^(?:${BRIDGE}) (?:${PASSIVE})\\b`);
const LISTED_SUBJECT = new RegExp(`^,? #\\d+#(?:${ANY_NP})? (?:${PASSIVE})\\b`);
const NP_TO_PASSIVE = new RegExp(`^(?:${ANY_NP})? (?:${PASSIVE})\\b`);

const THEN_KILLED = /^(?: (?:in|at|on|near|inside|outside|by|during) [^,;.#]{1,40}?)?(?:,? and|,) (?:was |were )?(?:later |subsequently |then |eventually |afterwards )?(?:was |were )?(?:found |later found |pronounced |declared )?(?:killed|dead|murdered|executed|beheaded|shot dead|died)\b/;

/**
 * "one member was detained and later found killed", "a man was shot and later died": a second participle
 * says the same people died. Only after verbs that leave the victims' fate open (held, taken, shot).
 */
function thenKilled(v: SentenceView, main: Finding): Finding[] {
  if (!/^(?:abducted|detained|missing)$/.test(main.metric) && !/^(?:shot|stabbed)$/.test(main.trigger)) return [];
  const m = THEN_KILLED.exec(v.masked.slice(main.end, main.end + 60));
  if (!m) return [];
  const value = main.q !== null ? v.quantities[main.q]?.value : main.value;
  if (value === undefined) return [];
  return [{ ...main, rule: main.rule + "+then-killed", metric: "killed", q: null, value, consumed: [], end: main.end + m[0].length, trigger: "killed" }];
}

const ALONG_WITH = new RegExp(`^(?: [^,;.#]{0,40}?)?,? (?:along with|together with|alongside|as well as) (?:(?:his|her|their|the) )?(?:(?:at least|some|about|around) )?#(?<q>\\d+)#(?<np>${NP})?`);

/** "Hamid Abu Aoun was killed along with his three children": the people killed with the subject. */
function alongWith(v: SentenceView, main: Finding): Finding[] {
  const m = ALONG_WITH.exec(v.masked.slice(main.end, main.end + 120));
  if (!m) return [];
  const end = main.end + m[0].length;
  const np = m.groups!["np"];
  return [{ ...main, rule: main.rule.replace(/\+.*$/, "") + "+along-with", q: Number(m.groups!["q"]), value: undefined, victims: np ? victimsAt(v, end - np.length, end) : null, end, person: undefined, consumed: undefined }];
}

/** "five policemen and 2 civilians were killed": the figures listed before the subject share its verb. */
function coordinated(v: SentenceView, start: number, main: Finding): Finding[] {
  const out: Finding[] = [];
  let at = start;
  for (let k = 0; k < 4; k++) {
    const window = v.masked.slice(Math.max(0, at - 160), at);
    let found: { m: RegExpExecArray; index: number } | null = null;
    // Try the figures in the window from the nearest back: each try is anchored, so none scans the window.
    for (let p = window.lastIndexOf("#", window.length - 2); p >= 0; p = window.lastIndexOf("#", p - 1)) {
      const open = window.lastIndexOf("#", p - 1);
      if (open < 0) break;
      const m = COORDINATED.exec(window.slice(open));
      if (m) {
        found = { m, index: Math.max(0, at - 160) + open };
        break;
      }
      if (open === 0) break;
      p = open;
    }
    if (!found) break;
    const { m, index: mStart } = found;
    const q = Number(m[1]);
    // A listed figure names its own group ("five policemen and"): a bare number before a comma is a date or
    // an age, not a victim count.
    if (!m[2]) break;
    const npStart = mStart + `#${q}#`.length;
    const victims = victimsAt(v, npStart, npStart + m[2].length);
    out.unshift({ ...main, rule: main.rule + "+coordinated", q, victims, start: mStart, end: main.end });
    at = mStart;
  }
  return out;
}

const COORDINATED_AFTER = new RegExp(`^(?: (?:running|working|serving|travell?ing|driving|living|riding|standing|sitting|waiting|wearing|carrying|visiting|guarding)\\b[^,;#]{0,60}(?=,))?(?:,| and|, and| as well as|, as well as) (?:(?:their |his |her |the |another )?(?<q>#\\d+#)(?:(?<np>${NP})|(?<np2> ${MOD})(?=,| and\\b))?|(?:a|an|the|his|her|their|another|one other)(?: ${WORD}){0,2}? (?<head>${SING})\\b|(?:a|an|another) (?<anyhead>${MOD})(?= [.,;]|[.,;]| (?:in|at|on|near|during|while|when|after|before|as|with|and)\\b|$))`);

/** "killing 3 soldiers and 2 civilians", "killing the father and a son": objects listed after the first. */
function coordinatedAfter(v: SentenceView, from: number, main: Finding): Finding[] {
  const out: Finding[] = [];
  let at = from;
  for (let k = 0; k < 4; k++) {
    const m = COORDINATED_AFTER.exec(v.masked.slice(at, at + 160));
    if (!m) break;
    const end = at + m[0].length;
    // "wounding 30, a police official said": the source of the report, not a victim.
    if (ATTRIBUTION_AFTER.test(v.masked.slice(end, end + 30))) break;
    const g = m.groups!;
    if (g["q"]) {
      const q = Number(g["q"].slice(1, -1));
      // "killed three farmers and about 40 goats"
      if (animalsAfter(v, at + m[0].indexOf(g["q"]) + g["q"].length)) break;
      const np = g["np"];
      if (!np && !g["np2"] && !/^ and/.test(m[0])) break;
      // "killing 3 people and 2 soldiers were wounded": the next figure has its own verb.
      if (BRIDGE_TO_PASSIVE.test(v.masked.slice(end, end + 60)) && !np) break;
      const victims = np ? victimsAt(v, end - np.length, end) : null;
      out.push({ ...main, rule: main.rule + "+coordinated", q, value: undefined, victims, start: main.start, end });
    } else {
      const head = g["head"] ?? g["anyhead"]!;
      if (g["anyhead"] && NOT_PEOPLE.test(head)) break;
      const victims: VictimRef = { group: SINGULAR_NOUNS[head] ?? "people", attacker: ATTACKER_NOUNS.has(head), start: end - head.length, end };
      out.push({ ...main, rule: main.rule + "+coordinated", q: null, value: 1, victims, start: main.start, end, consumed: [] });
    }
    at = end;
  }
  return out;
}

const ANIMAL_AFTER = /^(?: of)?(?: [a-z'-]+){1,3}/;

/** Are the words after a figure (up to its noun) animals: "40 goats", "dozens of cows", "12 elephants"? */
function animalsAfter(v: SentenceView, from: number): boolean {
  const m = ANIMAL_AFTER.exec(v.masked.slice(from, from + 40));
  if (!m) return false;
  return m[0].split(" ").some((w) => w !== "" && nonPerson(w, ANIMAL_NOUNS));
}

const ATTRIBUTION_AFTER = /^(?: [a-z'-]+){0,3}? (?:said|says|told|reported|added|confirmed|stated|noted|explained|announced|claimed)\b/;

const LIST_SEP = /^(?:,|;)? ?(?:and |as well as |along with )?(?:of )?(?=[a-z#])/;
const LIST_APPOSITIVE = /^, (?!and\b)[^,;#]{1,100}?(?=,? (?:and|as well as) )/;
const AGE_AFTER = /^,? #\d+#(?=[,;.]|$| and\b)/;
const GENERIC_ONE = new RegExp(`^(?:his|her|their|the|a|an)(?: (?!and\\b)${WORD}){0,2}? (?<head>${SING})\\b`);
const COUNT_ITEM = new RegExp(`^#(?<q>\\d+)#(?: other| more)?(?<np>${NP})`);

interface ListItem {
  finding: Finding;
  named: boolean;
}

/**
 * The people listed after "the murder of" or "killing": "Dr Oqueli and his companion, Gilda Flores", "Maria
 * Pulido, 42; Pilar Pulido, 19; a minor; and a police official", "rector Ignacio Ellacuria, five other Jesuits,
 * and two women". Each item is a finding; a named one carries the person.
 */
function readVictimList(v: SentenceView, from: number, base: Omit<Finding, "q" | "victims" | "start" | "end">, start: number, opts: { minWords?: number } = {}): ListItem[] {
  const items: ListItem[] = [];
  // Whether each item after the first was joined by a bare comma: a list closes with "and" ("A, B, and C"); a
  // trailing comma item is the next clause ("… Luis Carlos Galan, newsmen waited").
  const bare: boolean[] = [];
  let at = from;
  for (let k = 0; k < 8; k++) {
    const rest = v.masked.slice(at, at + 160);
    let item: ListItem | null = null;
    let end = at;
    const person = personAt(v, at, opts);
    const generic = GENERIC_ONE.exec(rest);
    const counted = COUNT_ITEM.exec(rest);
    if (counted) {
      end = at + counted[0].length;
      const np = counted.groups!["np"]!;
      item = { named: false, finding: { ...base, rule: base.rule + "+list", q: Number(counted.groups!["q"]), victims: victimsAt(v, end - np.length, end), start, end } };
    } else if (person && (!generic || person.end >= at + generic[0].length)) {
      end = person.end;
      item = { named: true, finding: { ...base, q: null, value: 1, victims: { group: person.group, attacker: false, start: person.start, end: person.end }, start, end, person: { start: person.nameStart, end: person.nameEnd }, consumed: [] } };
    } else if (generic) {
      end = at + generic[0].length;
      const head = generic.groups!["head"]!;
      item = { named: false, finding: { ...base, rule: base.rule + "+list", q: null, value: 1, victims: { group: SINGULAR_NOUNS[head]!, attacker: ATTACKER_NOUNS.has(head), start: end - head.length, end }, start, end, consumed: [] } };
      // "his companion, Gilda Flores": the name is the same person.
      const app = /^, /.exec(v.masked.slice(end, end + 2));
      if (app) {
        const p = personAt(v, end + 2, opts);
        if (p && /^(?:[,;.]|$| and\b)/.test(v.masked.slice(p.end, p.end + 4))) {
          end = p.end;
          item.finding = { ...item.finding, rule: base.rule, end, person: { start: p.nameStart, end: p.nameEnd } };
          item.named = true;
        }
      }
    }
    if (!item) break;
    const age = AGE_AFTER.exec(v.masked.slice(end, end + 12));
    if (age) {
      item.finding.consumed = [...(item.finding.consumed ?? []), Number(/#(\d+)#/.exec(age[0])![1])];
      end += age[0].length;
    }
    // "Hector Oqueli, leader of the MNR, and Gilda Flores": an appositive between two listed people.
    const app = item.named ? LIST_APPOSITIVE.exec(v.masked.slice(end, end + 120)) : null;
    if (app) end += app[0].length;
    items.push(item);
    const sep = LIST_SEP.exec(v.masked.slice(end, end + 20));
    if (!sep || sep[0].length === 0) break;
    bare.push(!/\b(?:and|as well as|along with)\b/.test(sep[0]));
    at = end + sep[0].length;
  }
  while (items.length > 1 && bare[items.length - 2]) items.pop();
  return items;
}

/** The findings of a list, when it names someone or lists several people; else null (other rules read it). */
function namedList(items: ListItem[]): Finding[] | null {
  if (items.length === 0 || !items.some((i) => i.named)) return null;
  return items.map((i) => i.finding);
}

const NAMED_PASSIVE = /(?:^|[,;:] |-- |\b(?:that|when|and|after|while|but|whom) )(?<name>[a-z][a-z'.-]*(?:,? (?:and )?[a-z][a-z'.-]*){0,9}?)(?<age>,? #\d+#,?| \([^()]{1,40}\))?(?<app>(?:, [^,;]{1,100}){0,2},)?(?<from> (?:of|from) [a-z'-]+(?: [a-z'-]+)?)?(?<bridge>(?: (?:was|were|has been|have been|had been|later|reportedly|also|then|allegedly|subsequently|fatally|mortally|accidentally|both|seriously|critically|slightly))*) (?<trigger>killed|assassinated|murdered|shot to death|shot dead|shot and killed|gunned down|machinegunned to death|found dead|slain|executed|stabbed to death|beaten to death|burned to death|died|has died|wounded|injured|kidnapped|abducted)\b(?! #| a | an | the | his | her | him | them | by (?:#|a|an|the) #)/g;

const NAMED_METRIC: Record<string, Metric> = { wounded: "injured", injured: "injured", kidnapped: "abducted", abducted: "abducted" };

export const RULES: Rule[] = [
  {
    // "no one was hurt", "no law enforcement officers or civilians were injured", "there were no casualties"
    name: "negation",
    hint: (v) =>
      /\b(?:unhurt|unharmed|uninjured|unscathed)\b/.test(v.masked) ||
      (/\b(?:no|none|nobody|without|not)\b/.test(v.masked) && /kill|injur|hurt|wound|harm|die|dead|death|fatal|casualt|victim|loss of life|\bhit\b/.test(v.masked)),
    pattern: new RegExp(
      `\\b(?:no one|no-one|nobody|none|no #\\d+#|no (?:other |one else)?(?:${WORD} ){0,3}?(?:${HEAD})(?: or (?:${WORD} ){0,3}?(?:${HEAD}))?)(?: (?:else|other|of them|of the ${WORD}|inside|aboard|on board))?(?<bridge>${BRIDGE}) (?<trigger>killed|injured|hurt|wounded|harmed|died|dead|injuries|hit)\\b|\\bno (?:immediate |other |further |reported |serious |major |human |civilian )?(?<noun>casualties|injuries|deaths|fatalities|loss of life|victims|injured|fatal injuries)\\b|\\bwithout (?:causing )?(?:any )?(?<noun2>casualties|injuries|loss of life)\\b|\\b(?:escaped|were|was) (?<un>unhurt|unharmed|uninjured|unscathed)\\b|\\b(?:was|were) not (?:seriously )?(?<not>injured|hurt|wounded|harmed|killed)\\b`,
      "g",
    ),
    extract(m) {
      const word = m.groups!["trigger"] ?? m.groups!["noun"] ?? m.groups!["noun2"] ?? m.groups!["un"] ?? m.groups!["not"]!;
      const metrics: Metric[] = /^(?:casualties|victims|loss of life)$/.test(word)
        ? word === "loss of life" ? ["killed"] : ["killed", "injured"]
        : /^(?:killed|died|dead|deaths|fatalities|fatal injuries)$/.test(word)
          ? ["killed"]
          : ["injured"];
      const start = m.index;
      const end = m.index + m[0].length;
      return metrics.map((metric) => ({ rule: this.name, metric, q: null, value: 0, victims: null, start, end, trigger: word }));
    },
  },
  {
    // "the death toll rose to 45", "a toll of 12"
    name: "death-toll",
    hint: (v) => v.quantities.length > 0 && /toll|number|figure|tally|count/.test(v.masked),
    pattern: /\b(?:death|casualty|fatality|civilian death|civilian) toll\b[^#.;!?]{0,50}#(?<q>\d+)#|\b(?:dead|killed|died|deaths?)\b[^.;]{0,80} (?:number|figure|tally|count)\b[^#.;]{0,30} (?:raised|revised|increased|rose|risen|climbed|jumped) (?:up )?to #(?<q3>\d+)#|\btoll (?:rose|has risen|had risen|climbed|reached|stood|stands|is|was|of|at|now|jumped)\b[^#.;]{0,25}#(?<q2>\d+)#/g,
    extract(m, v) {
      const q = Number(m.groups!["q"] ?? m.groups!["q2"] ?? m.groups!["q3"]);
      const end = m.index + m[0].length;
      return [{ rule: this.name, metric: "killed", q, victims: victimsAfter(v, end), start: m.index, end, trigger: "toll" }];
    },
  },
  {
    // "the assassination of Hector Oqueli Colindres", "the murder of Dr Oqueli and his companion, Gilda Flores",
    // "the killings during the past 72 hours of a judge, a police commander, and presidential hopeful Luis Galan"
    name: "named-nominal",
    hint: (v) => /assassinat|murder|killing|death|slaying|execution/.test(v.masked),
    // Only a time may stand between the noun and its "of": "the killings during the past 72 hours of a judge".
    pattern: /\b(?:assassinations?|murders?|killings?|deaths?|slayings?|executions?)(?: (?:during|in|over) the (?:past|last) [^,.;:]{0,20}?| (?:last night|yesterday|today|this (?:morning|afternoon|evening|week)|on (?:mon|tues|wednes|thurs|fri|satur|sun)day))? of (?:the )?(?=[a-z#])/g,
    extract(m, v) {
      const end = m.index + m[0].length;
      const items = readVictimList(v, end, { rule: this.name, metric: "killed", trigger: "death of" }, m.index);
      return namedList(items);
    },
  },
  {
    // "Carlos Pizarro Leongomez's death", "Rodriguez' murder"
    name: "named-possessive",
    hint: (v) => /'s? (?:assassination|murder|death|killing|slaying)\b/.test(v.masked),
    pattern: /(?:^|[,;:] |\b(?:that|of|for|in|over|after|and|by|with|about|since|following|the|condemned|denounced) )(?<name>[a-z][a-z.-]*(?: [a-z][a-z.-]*){0,6})(?:'s|') (?:assassination|murder|death|killing|slaying)\b/g,
    extract(m, v) {
      const name = m.groups!["name"]!;
      const at = m.index + m[0].indexOf(name);
      const p = personIn(v, at, at + name.length);
      if (!p) return null;
      return [{ rule: this.name, metric: "killed", q: null, value: 1, victims: { group: p.group, attacker: false, start: p.start, end: p.end }, start: at, end: m.index + m[0].length, trigger: "death of", person: { start: p.nameStart, end: p.nameEnd }, consumed: [] }];
    },
  },
  {
    // "Jose Oscar Marin, 32, was killed", "Cristobal Perez and Ruben Dario Ramirez were shot to death",
    // "Barillas, ambassador to Spain during the first 2 years of Cerezo's administration, was gunned down"
    name: "named-passive",
    hint: (v) => /kill|assassinat|murder|death|dead|gunned|slain|execut|died|wound|injur|kidnap|abduct/.test(v.masked),
    pattern: NAMED_PASSIVE,
    extract(m, v) {
      const trigger = m.groups!["trigger"]!;
      const bridge = m.groups!["bridge"] ?? "";
      if (!/\b(?:was|were|has been|have been|had been)\b/.test(bridge) && !/^(?:died|has died|found dead)$/.test(trigger)) return null;
      const name = m.groups!["name"]!;
      const at = m.index + m[0].indexOf(name);
      // One or several names: "Raul Pellegrin and Cecilia Magni, members of the front, who were killed".
      const persons: PersonRef[] = [];
      let p = at;
      for (const part of name.split(/(,? and |, )/)) {
        if (/^,? and $|^, $/.test(part)) {
          p += part.length;
          continue;
        }
        // Before "was killed" a lone surname is enough, even in capitals: "Alvarado was killed by a bomb".
        const person = personIn(v, p, p + part.length, { minWords: 1 });
        if (!person) return null;
        persons.push(person);
        p += part.length;
      }
      if (persons.length > 1 && !/\b(?:were|have been)\b/.test(bridge) && !/^(?:died|has died)$/.test(trigger)) return null;
      // "was fatally wounded": the wound killed.
      const metric = /\b(?:fatally|mortally)\b/.test(bridge) ? "killed" : (NAMED_METRIC[trigger] ?? "killed");
      const end = m.index + m[0].length;
      const age = m.groups!["age"];
      const ageQ = age ? /#(\d+)#/.exec(age) : null;
      const consumed = ageQ ? [Number(ageQ[1])] : [];
      const found: Finding[] = persons.map((person) => ({
        rule: this.name, metric, q: null, value: 1, victims: { group: person.group, attacker: false, start: person.start, end: person.end },
        start: at, end, trigger, person: { start: person.nameStart, end: person.nameEnd }, consumed,
      }));
      return [...found, ...alongWith(v, found.at(-1)!)];
    },
  },
  {
    // "gunned down judge Hector Jimenez Rodriguez", "killing Maria Jacinta Pulido, 42; Pilar Pulido, 19; …",
    // "took the life of presidential candidate Carlos Pizarro"
    name: "named-object",
    hint: (v) => /kill|assassinat|murder|gunned|shot|execut|life|wound|injur|kidnap|abduct/.test(v.masked),
    pattern: /(?<!\b(?:was|were|been|be|being|is|are|to) (?:[a-z'-]+ )?)\b(?<trigger>killed|killing|kills|kill|assassinated|assassinating|murdered|murdering|gunned down|shot dead|shot and killed|executed|machinegunned|took the life of|taking the life of|claimed the life of|cost the life of|wounded|wounding|injured|injuring|kidnapped|kidnapping|abducted|abducting) (?=[a-z])/g,
    extract(m, v) {
      const trigger = m.groups!["trigger"]!;
      const metric: Metric = /^(?:wound|injur)/.test(trigger) ? "injured" : /^(?:kidnap|abduct)/.test(trigger) ? "abducted" : "killed";
      const end = m.index + m[0].length;
      // "killed by officer Niam Camp" names the killer.
      if (/^by\b/.test(v.masked.slice(end))) return null;
      // A lone word after the verb is too weak a name in running text ("wounded Humble", "killed Christmas Eve").
      return namedList(readVictimList(v, end, { rule: this.name, metric, trigger }, m.index, { minWords: 2 }));
    },
  },
  {
    // "3 fatalities", "20 civilian deaths", "the bodies of some 80 dead civilians", "12 bodies", "five injuries"
    name: "count-noun",
    hint: (v) => /death|fatalit|bodies|body|corpse|remains|killing|murder|massacre|assassinat|execution|slaying|injuries|lives|life/.test(v.masked),
    pattern: new RegExp(
      `(?:\\b(?:bodies|remains|corpses|deaths?|killings?|murders?|massacre|assassinations?|executions?|slayings?|shooting deaths?) of (?:the |another |at least )?#(?<q>\\d+)#(?<np>${NP})?)|\\b(?:death|killing|murder|slaying|shooting death|body|assassination|execution) of (?:(?:a|an|his|her|their|the) )?(?:(?:${MOD}|#\\d+#-year[- ]old) ){0,3}?(?<one>${SING})\\b(?! of (?:#|several|many|dozens))|\\b(?:body|killing|murder|assassination|beheading|execution|lynching) of (?:a|an)(?: ${MOD}){0,2}? (?<anyone>${WORD})(?= (?:of|in|at|on|near|from|who|whose|was|by|after|during|outside|inside)\\b|[,.;]|$)|\\bclaimed (?:a|the) life\\b|\\bclaim(?:ed|ing|s)? (?:the )?#(?<q4>\\d+)#(?<np4>${NP})? (?:lives|life)\\b|`
        + `#(?<q2>\\d+)#(?<mods>(?: ${WORD}){0,2}?) (?<noun>deaths|death|fatalities|fatality|bodies|corpses|injuries|killings|dead bodies)\\b`,
      "g",
    ),
    extract(m, v) {
      const end = m.index + m[0].length;
      if (m.groups!["q4"] !== undefined) {
        const np = m.groups!["np4"];
        const npStart = m.index + m[0].indexOf("#", 0) + m.groups!["q4"].length + 2;
        const victims = np ? victimsAt(v, npStart, npStart + np.length) : null;
        return [{ rule: this.name, metric: "killed", q: Number(m.groups!["q4"]), victims, start: m.index, end, trigger: "lives" }];
      }
      if (m.groups!["q"] === undefined && m.groups!["q2"] === undefined) {
        const anyone = m.groups!["anyone"];
        if (anyone) {
          if (NOT_PEOPLE.test(anyone) || /^(?:kind|sort|type|way|deal|plan|bill|law|project|dream)$/.test(anyone)) return null;
          return [{ rule: this.name, metric: "killed", q: null, value: 1, victims: { group: "people", attacker: false, start: end - anyone.length, end }, start: m.index, end, trigger: "death of" }];
        }
        const one = m.groups!["one"];
        const victims: VictimRef | null = one ? { group: SINGULAR_NOUNS[one]!, attacker: ATTACKER_NOUNS.has(one), start: end - one.length, end } : null;
        return [{ rule: this.name, metric: "killed", q: null, value: 1, victims, start: m.index, end, trigger: "death of" }];
      }
      if (m.groups!["q"] !== undefined) {
        const q = Number(m.groups!["q"]);
        const np = m.groups?.["np"];
        const victims = np ? victimsAt(v, end - np.length, end) : null;
        const trigger = /^(?:bodies|remains|corpses)/.test(m[0]) ? "bodies" : "death of";
        const main: Finding = { rule: this.name, metric: "killed", q, victims, start: m.index, end, trigger };
        return [main, ...coordinatedAfter(v, end, main)];
      }
      const q = Number(m.groups!["q2"]);
      const noun = m.groups!["noun"]!;
      const mods = m.groups!["mods"] ?? "";
      const c = classify(mods + " " + (mods.includes("civilian") ? "civilians" : ""));
      const victims: VictimRef | null = c ? { ...c, start: end - noun.length - mods.length, end: end - noun.length } : null;
      const main: Finding = { rule: this.name, metric: noun === "injuries" ? "injured" : "killed", q, victims, start: m.index, end, trigger: noun };
      return [...coordinated(v, m.index, main), main];
    },
  },
  {
    // "left five dead", "leaving 12 people injured"
    name: "left-result",
    hint: (v) => /\blea?v|\bsen[td]/.test(v.masked),
    pattern: new RegExp(
      `\\b(?:left|leaving|leaves|leave) (?:(?:another|an estimated|at least) )?#(?<q>\\d+)#(?:(?<np>${NP})|${ANY_NP})? (?<result>${alt(Object.keys(RESULT_WORDS))})\\b|\\b(?:left|leaving) (?:him|her) (?<result1>dead|killed|injured|wounded)\\b`
        // "a shooting that sent five people to the hospital"
        + `|\\bsen(?:t|ds|ding) (?:(?:another|at least) )?#(?<q5>\\d+)#(?<np5>${NP})? to (?:the |a |an )?(?:area |local |nearby )?(?<result5>hospitals?)\\b`,
      "g",
    ),
    extract(m, v) {
      const one = m.groups!["result1"];
      if (one) return [{ rule: this.name, metric: RESULT_WORDS[one]!, q: null, value: 1, victims: null, start: m.index, end: m.index + m[0].length, trigger: one }];
      if (m.groups!["q5"] !== undefined) {
        const np5 = m.groups!["np5"];
        const at = m.index + m[0].indexOf(`#${m.groups!["q5"]}#`) + m.groups!["q5"].length + 2;
        return [{ rule: this.name, metric: "injured", q: Number(m.groups!["q5"]), victims: np5 ? victimsAt(v, at, at + np5.length) : null, start: m.index, end: m.index + m[0].length, trigger: "hospital" }];
      }
      const q = Number(m.groups!["q"]);
      const np = m.groups?.["np"];
      const npStart = m.index + m[0].indexOf(`#${q}#`) + `#${q}#`.length;
      const victims = np ? victimsAt(v, npStart, npStart + np.length) : null;
      const result = m.groups!["result"]!;
      return [{ rule: this.name, metric: RESULT_WORDS[result]!, q, victims, start: m.index, end: m.index + m[0].length, trigger: result }];
    },
  },
  {
    // "killing 237 civilians", "wounding another 9", "claimed the lives of 12 soldiers"
    name: "active-object",
    hint: (v) => v.quantities.length > 0,
    pattern: new RegExp(
      `(?<!\\b(?:was|were|been|be|being|is|are) (?:${WORD} )?)\\b(?<trigger>${ACTIVE}) (?:(?:another|other|a further|an additional|all|the|some|up|over|off|(?:a|an|the) (?:family|group|total|crowd|convoy) of) )?#(?<q>\\d+)#(?:(?<np>${NP})|(?<np2>${ANY_NP}(?= (?:and|in|at|on|near|during|while|when|after|before|as|with|,)\\b|[.,;]|$)))?`,
      "g",
    ),
    extract(m, v) {
      const trigger = m.groups!["trigger"]!;
      if (/\b(?:killing|killed|wounding|wounded|injuring|injured) (?:and|or) $/.test(v.masked.slice(Math.max(0, m.index - 20), m.index))) return null;
      // "1 killed 3 injured": the second figure is the subject of its own participle; "to kill": an aim.
      const qEnd = m.index + m[0].indexOf(`#${m.groups!["q"]}#`) + `#${m.groups!["q"]}#`.length;
      if (!m.groups!["np"] && NP_TO_PASSIVE.test(v.masked.slice(qEnd, qEnd + 40))) return null;
      if (/\b(?:to|could|would|might|may|will) $/.test(v.masked.slice(Math.max(0, m.index - 8), m.index))) return null;
      const q = Number(m.groups!["q"]);
      const np = m.groups?.["np"];
      // "killed 15 livestock", "killed 15 camels but no people", "killed dozens of cows": not people.
      const anyLast = /[a-z'-]+$/.exec(m.groups?.["np2"] ?? "")?.[0];
      if (anyLast && NOT_PEOPLE.test(anyLast)) return null;
      if (animalsAfter(v, qEnd)) return null;
      const npStart = m.index + m[0].length - (np?.length ?? 0);
      const end = m.index + m[0].length;
      let metric = activeMetric.get(trigger)!;
      // "shot 5 people dead"
      if (/^(?:shot|shooting)$/.test(trigger) && /^ dead\b/.test(v.masked.slice(end))) metric = "killed";
      const victims = np ? victimsAt(v, npStart, end) : null;
      const main: Finding = { rule: this.name, metric, q, victims, start: m.index, end, trigger };
      return [main, ...coordinatedAfter(v, end, main)];
    },
  },
  {
    // "3,864 civilians have been killed", "43 civilians were believed to have been killed", "three dead"
    name: "subject-passive",
    hint: (v) => v.quantities.length > 0,
    // One figure for two groups joined without a figure of their own: "11 soldiers and pro-government militia
    // members were killed" is 11.
    pattern: new RegExp(`#(?<q>\\d+)#(?:(?<np>${NP}(?: and(?! (?:a|an|one|another|the)\\b)(?: ${MOD}){0,3}? (?:${PLURAL_HEAD})\\b)?)|(?<np2>${ANY_NP}))?(?:${ASIDE}){0,2}(?<bridge>${BRIDGE}) (?<trigger>${PASSIVE})\\b`, "g"),
    extract(m, v) {
      const trigger = m.groups!["trigger"]!;
      const rest = v.masked.slice(m.index + m[0].length);
      if (trigger === "shot" && /^ (?:dead|to death|and killed)/.test(rest)) return null;
      // "Jaquise Lewis, 18, was shot": a bare number between commas after a name is an age.
      if (!m.groups!["np"] && !m.groups!["np2"] && /^#\d+#,/.test(m[0]) && /[a-z], $/.test(v.masked.slice(Math.max(0, m.index - 3), m.index))) return null;
      // "60 cattle were killed": not people.
      const anyHead = /[a-z'-]+$/.exec(m.groups!["np2"] ?? "")?.[0];
      if (anyHead && nonPerson(anyHead, ANIMAL_NOUNS)) return null;
      // "7 militants were killed and wounded": one figure for two metrics cannot be split.
      if (/^(?: or|,? and|,) (?:wounded|injured|hurt|killed|dead)\b/.test(rest)) return null;
      const main = findingFromSubject(this.name, v, m, passiveMetric.get(trigger)!, trigger);
      if (!main) return null;
      // "three of the 4 attackers also died", "one of the 2 gunmen was killed": the part is the figure.
      // ("he was one of the three people wounded" names one of them: the figure stays three.)
      const part = /#(\d+)# of (?:the|their|his|her|its|those|these) $/.exec(v.masked.slice(Math.max(0, m.index - 24), m.index));
      if (part && !/\b(?:was|is|were|are|be|been|as|among|being)\s*$/.test(v.masked.slice(Math.max(0, m.index - part[0].length - 12), m.index - part[0].length))) {
        const whole = main[0]!;
        main[0] = { ...whole, q: Number(part[1]), start: m.index - part[0].length, consumed: [whole.q!] };
      }
      return [...coordinated(v, main[0]!.start, main[0]!), ...main, ...thenKilled(v, main[0]!)];
    },
  },
  {
    // "more than 10,000 residential homes in western mosul had been destroyed"
    name: "homes-destroyed",
    hint: (v) => v.quantities.length > 0 && /home|house|building|dwelling|residen|housing|apartment|shelter|hut|structure/.test(v.masked),
    pattern: new RegExp(
      `#(?<q>\\d+)#(?: ${WORD}){0,2}? (?:${alt(HOME_NOUNS)})\\b(?<bridge>${BRIDGE}) (?:${alt(DESTROYED_WORDS)})\\b|\\b(?:destroyed|destroying|razed|razing|flattened|flattening|demolished|demolishing|levelled|leveled|burned|burning|torched) (?:(?:another|some|at least) )?#(?<q2>\\d+)#(?: ${WORD}){0,2}? (?:${alt(HOME_NOUNS)})\\b`,
      "g",
    ),
    extract(m) {
      const q = Number(m.groups!["q"] ?? m.groups!["q2"]);
      const home = HOME_RE.exec(m[0].slice(m[0].indexOf("#", 1) + 1));
      const at = home ? m.index + m[0].indexOf(home[0], m[0].indexOf("#", 1) + 1) : m.index;
      const victims: VictimRef | null = home ? { group: "other", attacker: false, start: at, end: at + home[0].length } : null;
      return [{ rule: this.name, metric: "homes_destroyed", q, victims, start: m.index, end: m.index + m[0].length, trigger: "destroyed" }];
    },
  },
  {
    // "a man was found dead", "one soldier died", "a 17-year-old was shot", "another civilian was injured"
    name: "singular-subject",
    pattern: new RegExp(
      `(?:\\b(?:a|an|another|his|her|their|its|the|one other|[a-z][a-z-]*'s?(?= ))|(?:^|: | - |-- ))(?<mods>(?: ${WORD}| ?#\\d+#(?:-year-old)?){0,3}?) ?${SING_NP}(?:,? (?:aged )?#\\d+#,?)?(?:, (?:who|whose) [^,;:]{1,100},)?(?<bridge>${BRIDGE}) (?<trigger>${PASSIVE})\\b|(?:\\b(?:a|an|another|the)|^) ?#\\d+#-year-old(?<bridge2>${BRIDGE}) (?<trigger2>${PASSIVE})\\b`,
      "g",
    ),
    extract(m, v) {
      const trigger = m.groups!["trigger"] ?? m.groups!["trigger2"]!;
      const end = m.index + m[0].length;
      const bridge = m.groups!["bridge"] ?? m.groups!["bridge2"] ?? "";
      if (!AUX.test(bridge) && OBJECT_AFTER.test(v.masked.slice(end))) return null;
      if (trigger === "shot" && /^ (?:dead|to death|and killed)/.test(v.masked.slice(end))) return null;
      if (/^(?:deaths|death|fatalities|fatality|bodies|corpses|injuries)$/.test(trigger)) return null;
      // "the child was taken to a hospital": one person taken to hospital is the victim already counted, who
      // may have died there; only a count of people taken to hospital is a figure of its own.
      if (/^(?:transported|rushed|taken|airlifted) to/.test(trigger)) return null;
      const head = m.groups!["head"];
      const group: VictimGroup = head ? SINGULAR_NOUNS[head]! : "children";
      const headAt = head ? m[0].indexOf(head, 1) : 2;
      const victims: VictimRef = {
        group,
        attacker: head ? ATTACKER_NOUNS.has(head) : false,
        start: m.index + Math.max(0, headAt),
        end: m.index + Math.max(0, headAt) + (head?.length ?? 0),
      };
      // "the officer and her daughter died": two people; "an official and activist": one.
      const value = m.groups!["det2"] ? 2 : 1;
      const main: Finding = { rule: this.name, metric: passiveMetric.get(trigger)!, q: null, value, victims, start: m.index, end, trigger };
      return [...coordinated(v, m.index, main), main, ...thenKilled(v, main), ...alongWith(v, main)];
    },
  },
  {
    // "killing a soldier and injuring another one", "shot a man"
    name: "singular-object",
    pattern: new RegExp(
      `(?<!\\b(?:was|were|been|be|being|is|are) (?:${WORD} )?)\\b(?<trigger>${ACTIVE}) (?:a|an|another|one other|his|her|their|the|[a-z][a-z-]*'s?(?= ))(?<mods>(?: ${WORD}| #\\d+#(?:-year-old)?){0,4}?) (?<head>${SING}|one)\\b|(?<!\\b(?:was|were|been|be|being|is|are) (?:${WORD} )?)\\b(?<trigger2>${ACTIVE}) another\\b(?! #)`
        // Headline style, no article: "gunmen kill NISS officer", "militants behead village chief".
        + `|(?<!\\b(?:was|were|been|be|being|is|are|to) (?:${WORD} )?)\\b(?<trigger3>kill|kills|killed|assassinate|assassinates|assassinated|behead|beheads|beheaded|execute|executes|executed|shoot dead|shoots dead|shot dead|fatally shot|fatally shoots|fatally stabbed|fatally stabs|shot and killed|shoots and kills)(?<mods3>(?: (?!(?:a|an|the|this|that|these|those|his|her|their|its|another|one|two)\\b)${MOD}){0,2}?) (?<head3>${SING})\\b(?= [.,;:]|[.,;:]|$| (?:in|at|near|on|during|after|outside|inside)\\b)`,
      "g",
    ),
    extract(m, v) {
      const trigger = m.groups!["trigger"] ?? m.groups!["trigger2"] ?? m.groups!["trigger3"]!;
      const head = m.groups!["head"] ?? m.groups!["head3"];
      const end = m.index + m[0].length;
      // "attempted to kill a detainee", "plotted to assassinate a minister": an aim, not a death.
      if (/\b(?:to|could|would|might|may|will) $/.test(v.masked.slice(Math.max(0, m.index - 8), m.index))) return null;
      let metric = m.groups!["trigger3"] ? "killed" : activeMetric.get(trigger)!;
      if (/^(?:shot|shooting)$/.test(trigger) && /^ dead\b/.test(v.masked.slice(end))) metric = "killed";
      const group: VictimGroup = head && head !== "one" ? SINGULAR_NOUNS[head]! : "people";
      const victims: VictimRef = { group, attacker: head ? ATTACKER_NOUNS.has(head) : false, start: end - (head?.length ?? 0), end };
      // "stabbed a man to death", "shot an 18 year old man of Chechen origin dead"
      if (/^(?: of [a-z' -]{1,30}?)? (?:to death|dead)\b/.test(v.masked.slice(end))) metric = "killed";
      const main: Finding = { rule: this.name, metric, q: null, value: 1, victims, start: m.index, end, trigger };
      return [main, ...coordinatedAfter(v, end, main)];
    },
  },
  {
    // "a drug trafficker was killed", "a fugitive from the penitentiary system was killed": one person named by
    // a noun the lexicon does not know, with a singular auxiliary.
    name: "singular-any-noun",
    pattern: new RegExp(
      `\\b(?:a|an)(?: ${MOD}){0,3}? (?<head>${WORD})(?: (?:from|of|in) (?:the )?(?:${MOD} ){0,3}?${MOD})?(?:,? #\\d+#,)?(?<bridge>(?: (?:was|has been|had been|reportedly|allegedly|later|also|then|fatally|accidentally))*) (?<trigger>killed|shot dead|shot and killed|found dead|stabbed to death|beaten to death|burnt to death|burned to death|murdered|beheaded|lynched|wounded|injured|kidnapped|abducted|died|succumbed)\\b(?! #| a | an | the )`,
      "g",
    ),
    extract(m, v) {
      const head = m.groups!["head"]!;
      const trigger = m.groups!["trigger"]!;
      // Only "died" and "succumbed" cannot take an object: the other verbs need an auxiliary to be passive.
      const intransitive = trigger === "died" || trigger === "succumbed";
      if ((!intransitive && !/\b(?:was|has been|had been)\b/.test(m.groups!["bridge"]!)) || NOT_PEOPLE.test(head)) return null;
      const at = m.index + m[0].indexOf(" " + head) + 1;
      const main: Finding = {
        rule: this.name, metric: passiveMetric.get(trigger) ?? "killed", q: null, value: 1,
        victims: { group: "people", attacker: false, start: at, end: at + head.length },
        start: m.index, end: m.index + m[0].length, trigger,
      };
      return [main, ...alongWith(v, main)];
    },
  },
  {
    // "turned the gun on himself", "kills himself", "a murder-suicide": the perpetrator died too. (Suicide
    // bombers are read by attacker-died only when the text makes them a subject: "the bomber blew himself up".)
    name: "perpetrator-suicide",
    pattern: /\b(?:turn(?:ed|s|ing)? (?:the |a )?(?:gun|weapon|rifle|pistol) on (?:himself|herself)|(?:killed|kills|killing|kill) (?:himself|herself)|took (?:his|her) own life|taking (?:his|her) own life|murder-suicide|murder suicide)\b|\b(?:killed|kills|killing|kill) (?:only )?themselves\b/g,
    extract(m, v) {
      // "two suicide bombers detonated, killing only themselves": as many as the attackers named before.
      if (/themselves$/.test(m[0])) {
        const before = v.masked.slice(0, m.index);
        const subject = [...before.matchAll(new RegExp(`#(\\d+)#(?: [a-z'-]+){0,3} (?:${alt([...ATTACKER_NOUNS].filter((n) => n.endsWith("s")))})\\b`, "g"))].at(-1);
        if (!subject) return null;
        return [{ rule: this.name, metric: "killed", q: Number(subject[1]), victims: { group: "fighters", attacker: true, start: m.index, end: m.index + m[0].length }, start: m.index, end: m.index + m[0].length, trigger: "suicide" }];
      }
      const main: Finding = {
        rule: this.name, metric: "killed", q: null, value: 1,
        victims: { group: "fighters", attacker: true, start: m.index, end: m.index + m[0].length },
        start: m.index, end: m.index + m[0].length, trigger: "suicide",
      };
      // "blew herself up, killing herself and a soldier who stopped her"
      const others = /^kill/.test(m[0]) ? coordinatedAfter(v, main.end, main).map((f) => ({ ...f, rule: "singular-object+coordinated" })) : [];
      return [main, ...others];
    },
  },
  {
    // "a boy accidentally shot himself in the arm": one person hurt by their own gun. Only when the text says it
    // was an accident and nobody died in the sentence: "then shot himself" after a killing is a suicide.
    name: "self-inflicted",
    hint: (v) => /accident|unintentional/.test(v.masked),
    pattern: /\b(?:shot|shoots|shooting|shoot) (?:him|her)self\b|\bshoots? self\b/g,
    extract(m, v) {
      if (/\b(?:killed|kill|died|dies|dead|death|fatal|fatally|suicide|lethal)\b/.test(v.masked)) return null;
      return [{ rule: this.name, metric: "injured", q: null, value: 1, victims: null, start: m.index, end: m.index + m[0].length, trigger: "shot" }];
    },
  },
  {
    // "a quadruple homicide", "double murder": the figure is in the word.
    name: "multiple-homicide",
    pattern: /\b(?<n>double|triple|quadruple|quintuple)[ -](?:homicides?|murders?|killings?|slayings?|fatal shootings?)\b/g,
    extract(m) {
      const value = { double: 2, triple: 3, quadruple: 4, quintuple: 5 }[m.groups!["n"] as "double"];
      return [{ rule: this.name, metric: "killed", q: null, value, victims: null, start: m.index, end: m.index + m[0].length, trigger: "homicide" }];
    },
  },
  {
    // "the attacker was also killed", "the gunman then shot himself", "the suicide bomber blew himself up"
    name: "attacker-died",
    pattern: new RegExp(
      `\\bthe (?:${WORD} ){0,2}?(?<head>${alt([...ATTACKER_NOUNS].filter((n) => !n.endsWith("s")))})\\b(?:,? (?:${WORD} ){0,4}?${WORD},)?(?<bridge>${BRIDGE}) (?:(?<trigger>killed|shot dead|died|dead|was killed|shot and killed|gunned down)\\b(?! #| a | an | the | his | her | two )|(?:shot|killed) (?:himself|herself)|blew (?:himself|herself) up|detonated (?:his|her) (?:${WORD} )?(?:vest|belt|explosives))|\\b(?:killed|shot dead|shot and killed|fatally shot|gunned down|neutrali[sz]ed) the (?:${WORD} ){0,2}?(?<head2>${alt([...ATTACKER_NOUNS].filter((n) => !n.endsWith("s")))})\\b`,
      "g",
    ),
    extract(m) {
      const head = m.groups!["head"] ?? m.groups!["head2"]!;
      const at = m.index + m[0].lastIndexOf(head);
      return [{
        rule: this.name, metric: "killed", q: null, value: 1,
        victims: { group: "fighters", attacker: true, start: at, end: at + head.length },
        start: m.index, end: m.index + m[0].length, trigger: m.groups!["trigger"] ?? "killed",
      }];
    },
  },
  {
    // "Corporal Bill Cooper was shot and killed", "Michael Parsons, 17, died": a named person, in mixed-case text.
    name: "named-victim",
    hint: (v) => !v.upper && /\p{Lu}\p{Ll}+[ -]\p{Lu}/u.test(v.text),
    pattern: new RegExp(
      `(?<name>(?:${NAME_WORD} ){1,3}${NAME_WORD})(?:,? #\\d+#,)?(?<bridge>(?: (?:was|has been|had been|later|reportedly|also|then|allegedly|fatally|accidentally))*) (?<trigger>killed|shot dead|shot and killed|fatally shot|found dead|pronounced dead|died|murdered|stabbed to death|beaten to death|slain|wounded|injured|shot)\\b(?! #| a | an | the | his | her | him | himself | herself )`,
      "g",
    ),
    extract(m, v) {
      if (v.upper) return null;
      const name = m.groups!["name"]!;
      const start = v.toText(m.index);
      const words = v.text.slice(start, v.toText(m.index + name.length)).split(" ");
      // Only capitalised words that are not sentence furniture: "Police said", "The officer".
      if (words.length < 2 || !words.every((w) => /^\p{Lu}[\p{L}'.-]*$/u.test(w))) return null;
      if (/^(?:The|A|An|Police|Officers?|Authorities|Deputies|Investigators|Officials|He|She|They|It|His|Her|Their|When|After|Before|On|In|At|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(words[0]!)) return null;
      if (start > 0 && /\p{Lu}/u.test(v.text[start - 2] ?? "") && v.text[start - 1] === " ") return null;
      const trigger = m.groups!["trigger"]!;
      const bridge = m.groups!["bridge"] ?? "";
      // "Smith shot two people": an active verb; the victim form needs an auxiliary unless it is "died".
      if (!/\b(?:was|has been|had been)\b/.test(bridge) && !/^(?:died|found dead|pronounced dead)$/.test(trigger)) return null;
      const metric = /^(?:wounded|injured|shot)$/.test(trigger) ? "injured" : "killed";
      return [{ rule: this.name, metric, q: null, value: 1, victims: null, start: m.index, end: m.index + m[0].length, trigger }];
    },
  },
  {
    // "he was pronounced dead at the scene", "she died at the hospital"
    name: "pronoun-died",
    pattern: /\b(?:he|she) (?:(?:was|has been|had been|later|then|subsequently|also|both|was later|was also) )*(?:(?<trigger>pronounced dead|found dead|killed|shot dead|fatally shot|shot and killed|declared dead|murdered|assassinated|slain|beheaded|executed|stabbed to death|beaten to death|shot to death|burned to death|burnt to death)\b(?! #| a | an | the | his | her | him )|(?<intrans>died|succumbed)\b)/g,
    extract(m) {
      const trigger = m.groups!["trigger"] ?? m.groups!["intrans"]!;
      // "he killed" is the killer: the victim form needs an auxiliary unless the verb cannot take an object.
      if (m.groups!["trigger"] && !/\b(?:was|has been|had been)\b/.test(m[0]) && !/^(?:pronounced|found|declared) dead$/.test(trigger)) return null;
      return [{ rule: this.name, metric: "killed", q: null, value: 1, victims: null, start: m.index, end: m.index + m[0].length, trigger }];
    },
  },
];
