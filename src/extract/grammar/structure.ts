// Rules over sentence structure (chunks.ts): a human noun phrase in a casualty relation with a casualty verb,
// whatever its head noun. They run after the word-list rules of rules.ts and read only figures those left.
import type { Metric } from "../types.ts";
import {
  attributionBefore,
  nominal,
  nounPhrase,
  tokensOf,
  verbGroupEndingAt,
  type NounPhrase,
  type Token,
} from "./chunks.ts";
import { nonPerson, PASSIVE_TRIGGERS } from "./lexicon.ts";
import { classify, type Finding, type Rule } from "./rules.ts";
import type { SentenceView } from "./view.ts";

const passiveMetric = new Map(PASSIVE_TRIGGERS.map((t) => [t.words, t.metric]));

// Verbs that take no object: their subject is the victim without an auxiliary ("5 miners died").
const INTRANSITIVE = /^(?:died|perished|succumbed|drowned)$/;

/** Token index whose span starts at a masked position. */
function tokenAt(tokens: Token[], at: number): number {
  return tokens.findIndex((t) => t.start === at);
}

/**
 * The subject before token `last` (inclusive): a run of noun phrases joined by "and" or commas, read back from
 * the verb, with an aside between them and the verb skipped ("17 persons, most of them children, were").
 */
function subjectBefore(tokens: Token[], last: number): { from: number; to: number } | null {
  let to = last + 1;
  // "Six people - four of them from the same family - were killed"
  if (tokens[last]?.w === "-" && last > 0 && tokens[last - 1]!.end < tokens[last]!.start) {
    let open = last - 1;
    while (open > 0 && last - open <= 14 && tokens[open]!.w !== "-") open--;
    if (tokens[open]?.w !== "-" || open === 0) return null;
    return subjectBefore(tokens, open - 1);
  }
  if (tokens[last]?.w === ",") {
    const open = attributionBefore(tokens, last);
    if (open === null) return null;
    to = open;
  }
  let from = to;
  for (let k = to - 1; k >= 0 && to - k <= 24; k--) {
    const t = tokens[k]!;
    const after = tokens[k + 1];
    // A determiner or a count opens its phrase: only "of", "and", a comma or another determiner ("all 5",
    // "the 3") may stand before it ("4 Caption Close Image 1 of 4 A child" is a child).
    if (
      after &&
      k + 1 < to &&
      (after.pos === "DET" || startsCount(after)) &&
      !/^(?:of|and|,)$/.test(t.w) &&
      t.pos !== "DET" &&
      !/^(?:his|her|their|its|our)$/.test(t.w)
    )
      break;
    if (
      nominal(t, after) ||
      t.w === "of" ||
      t.w === "and" ||
      (t.w === "," && k > 0 && nominal(tokens[k - 1]!, t))
    ) {
      from = k;
      continue;
    }
    break;
  }
  // A comma or "and" cannot open a subject.
  while (from < to && (tokens[from]!.w === "," || tokens[from]!.w === "and")) from++;
  return from < to ? { from, to } : null;
}

/** The counted phrases of a subject: "Three CPI-Maoist cadres and a police constable" is two. */
function conjuncts(tokens: Token[], from: number, to: number): NounPhrase[] {
  const out: NounPhrase[] = [];
  let start = from;
  let depth = 0;
  for (let k = from; k <= to; k++) {
    const t = tokens[k];
    if (t?.w === "of") depth = 1;
    const boundary =
      k === to || ((t!.w === "and" || t!.w === ",") && !(depth > 0 && !startsCount(tokens[k + 1])));
    if (!boundary) continue;
    if (k > start) out.push(nounPhrase(tokens, countStart(tokens, start, k), k));
    start = k + 1;
    depth = 0;
  }
  return out;
}

const TIME_AFTER = /^(?:a\.?m\.?|p\.?m\.?|gmt|utc|hours?|hrs|o'clock|local)$/;

/** A count opens a phrase: a figure (not an age, "18-month-old", nor a time, "9 p.m.") or a singular article. */
function startsCount(t: Token | undefined, next?: Token): boolean {
  if (t === undefined) return false;
  if (t.q === null) return /^(?:a|an|another|one)$/.test(t.w);
  return !(next && ((next.start === t.end && /^[-./:]/.test(next.w)) || TIME_AFTER.test(next.w)));
}

/** Where the count begins inside a phrase: words before it ("the attack 5 soldiers") belong to no victim. */
function countStart(tokens: Token[], from: number, to: number): number {
  let at = from;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.w === "of") break;
    if (startsCount(t, tokens[k + 1])) at = k;
  }
  return at;
}

function findingsOf(
  v: SentenceView,
  tokens: Token[],
  nps: NounPhrase[],
  rule: string,
  metric: Metric,
  trigger: string,
  end: number,
): Finding[] {
  const out: Finding[] = [];
  for (const np of nps) {
    if (!np.quantity || !np.head || nonPerson(np.head)) continue;
    if ("q" in np.quantity && !startsCount(tokens[np.from], tokens[np.from + 1])) continue;
    const start = tokens[np.from]!.start;
    const npStart = tokens[Math.min(np.from + 1, np.to - 1)]!.start;
    const npEnd = tokens[np.to - 1]!.end;
    const c = classify(v.masked.slice(npStart, npEnd));
    const victims = {
      group: c?.group ?? "people",
      attacker: c?.attacker ?? false,
      start: npStart,
      end: npEnd,
    };
    if ("q" in np.quantity) out.push({ rule, metric, q: np.quantity.q, victims, start, end, trigger });
    else out.push({ rule, metric, q: null, value: 1, victims, start, end, trigger, consumed: [] });
  }
  return out;
}

const TRIGGERS = [...new Set(PASSIVE_TRIGGERS.map((t) => t.words))].filter(
  (w) => !/^(?:dead|deaths?|fatalit|bodies|corpses|injuries)/.test(w),
);

const HELD =
  /\b(?:held|holding|captured|capturing|seized|seizing|took|taking|kidnapped|kidnapping|abducted|abducting|detained|detaining|arrested|arresting|rounded up) (?:(?:at least|some|about) )?#(\d+)#/g;

export const STRUCTURE_RULES: Rule[] = [
  {
    // "31 IS/ISWAP fighters were killed", "3 members of the army's intelligence branch were killed", "No fewer
    // than 17 persons, most of them children, were, witnesses said, killed", "Three CPI-Maoist cadres and a
    // police constable were killed": a counted noun phrase, any head but a thing, subject of a passive verb.
    name: "np-passive",
    hint: (v) =>
      /kill|wound|injur|hurt|shot|slain|murder|execut|behead|died|perish|stabb|abduct|kidnap|lynch/.test(
        v.masked,
      ),
    pattern: new RegExp(
      `(?<=[ ,])(?:${TRIGGERS.sort((a, b) => b.length - a.length)
        .map((w) => w.replace(/ /g, " "))
        .join("|")})\\b`,
      "g",
    ),
    extract(m, v, read) {
      const trigger = m[0];
      const metric = passiveMetric.get(trigger);
      if (!metric) return null;
      const end = m.index + trigger.length;
      // "shot dead", "shot and killed" are read whole; "shot" alone must not read a "shot dead" again.
      if (/^(?:dead|to death|and killed)\b/.test(v.masked.slice(end + 1))) return null;
      // "7 militants were killed and wounded": one figure for two metrics cannot be split.
      if (/^(?: or|,? and|,) (?:wounded|injured|hurt|killed|dead)\b/.test(v.masked.slice(end))) return null;
      if (
        /\b(?:killed|wounded|injured|hurt) (?:and|or) $/.test(
          v.masked.slice(Math.max(0, m.index - 12), m.index),
        )
      )
        return null;
      const tokens = tokensOf(v);
      const at = tokenAt(tokens, m.index);
      if (at <= 0) return null;
      const vg = verbGroupEndingAt(tokens, at);
      if (vg.negated || vg.modal) return null;
      if (!vg.passive && !INTRANSITIVE.test(trigger.split(" ")[0]!)) return null;
      // "Twelve people have so far been killed in the bombing": the subject sits before the whole group.
      const subject = subjectBefore(tokens, vg.from - 1);
      if (!subject) return null;
      // "the men who were killed", "those arrested and killed": a relative or a bare plural names no count.
      const nps = conjuncts(tokens, subject.from, subject.to);
      // A subject an earlier rule read in part was read as a whole: its other figures are breakdowns or other
      // clauses ("18 people, 8 civilians and 10 soldiers, and another 27 people were wounded").
      if (nps.some((np) => np.quantity && "q" in np.quantity && read.has(np.quantity.q))) return null;
      // One person taken to hospital is the victim counted already, who may have died there.
      if (
        / (?:hospital|hospitals)$/.test(trigger) &&
        nps.every((np) => !np.quantity || !("q" in np.quantity))
      )
        return null;
      const found = findingsOf(v, tokens, nps, this.name, metric, trigger, end);
      // Number agreement: "two separate shootings ... has died" has another subject.
      const singularVerb =
        /^(?:was|is|has)$/.test(tokens[vg.from]?.w ?? "") ||
        (vg.from > 0 && /^(?:was|is|has)$/.test(tokens[vg.from - 1]?.w ?? ""));
      if (singularVerb && found.some((f) => f.q !== null && (v.quantities[f.q]?.value ?? 0) > 1)) return null;
      return found.length > 0 ? found : null;
    },
  },
  {
    // "abducted 6 soldiers … They later executed them": the pronoun carries the earlier count, which the
    // pronoun-antecedent refiner fills in (or drops the finding when nothing earlier was counted).
    name: "pronoun-object",
    hint: (v) => /\bthem\b/.test(v.masked),
    pattern:
      /(?<!\b(?:to|could|would|might|may|will|was|were) (?:[a-z]+ )?)\b(?<trigger>killed|executed|murdered|beheaded|slaughtered|shot dead|killing|executing|murdering|beheading|shot)(?: (?:all|both)(?: of)?)? them(?: (?:all|both))?(?<dead> dead)?\b/g,
    extract(m, v) {
      if (m.groups!["trigger"] === "shot" && !m.groups!["dead"]) return null;
      // "held 14 villagers overnight and executed them": the people taken earlier in the sentence.
      const held = [...v.masked.slice(0, m.index).matchAll(HELD)].at(-1);
      const q = held ? v.quantities[Number(held[1])] : undefined;
      if (q && !q.yearLike && q.unit === null) {
        return [
          {
            rule: this.name,
            metric: "killed",
            q: null,
            value: q.value,
            victims: null,
            start: m.index,
            end: m.index + m[0].length,
            trigger: m.groups!["trigger"]!,
            consumed: [],
          },
        ];
      }
      return [
        {
          rule: this.name,
          metric: "killed",
          q: null,
          value: 0,
          victims: null,
          start: m.index,
          end: m.index + m[0].length,
          trigger: m.groups!["trigger"]!,
          antecedent: true,
          consumed: [],
        },
      ];
    },
  },
];
