// Groups one document's claims into the events it reports and sums the document's totals.
//
// Rules (documented in the README):
// - Running totals (scope cumulative), background events (historical) and breakdown parts (part_of) never count.
// - A new incident starts at a sentence that announces another event ("another airstrike", "in a separate
//   attack", "elsewhere"). Dates alone do not split: news copy repeats one event under its report, court and
//   funeral dates, and splitting on them double counts far more often than it separates two events.
// - Within an incident, repeated figures for the same victim group are one figure (the largest: a headline
//   and its body, a toll and its update); different groups add up, but a general figure ("25 people")
//   already contains its specific groups ("21 civilians") when it is at least as large as their sum.
//   Attackers who die are added to the victims' figure.
import { sameName } from "./grammar/names.ts";
import type { Claim, DocumentIncident, Metric, Range, VictimGroup } from "./types.ts";

const NEW_EVENT =
  /\b(?:another|a second|a third|a separate|a further|a different|a later|an earlier)(?: [\w-]+)? (?:attack|strike|airstrike|air strike|air raid|raid|bombing|blast|explosion|incident|shooting|shelling|clash|clashes|ambush|assault|operation|drone strike|suicide bombing)s?\b|\bseparately\b|\belsewhere\b|\bin (?:a )?separate\b|\bin another\b|\bin a similar\b|\b(?:minutes?|hours?|an hour|moments) later,? (?:a|an|another|the) [^.;]{0,40}?\b(?:bomb|blast|explosion|attack|strike|gunm[ae]n)/i;

const UPDATE = /\b(?:rose|risen|rising|climbed|increased|jumped|reached|now|later|toll|revised|updated|since died|has died|have died|succumbed)\b/i;

const ADDITIVE = /\b(?:additional|further)\b(?! than)/i;

const CIVILIAN_PARTS: VictimGroup[] = ["children", "women", "men", "journalists", "medical_workers", "aid_workers"];

function pick(a: Range | null, b: Range | null): Range | null {
  if (!a) return b;
  if (!b) return a;
  return b.best > a.best ? b : a;
}

function maxRange(a: Range, b: Range): Range {
  return { low: Math.max(a.low, b.low), best: Math.max(a.best, b.best), high: Math.max(a.high, b.high) };
}

function add(a: Range | null, b: Range | null): Range | null {
  if (!a) return b;
  if (!b) return a;
  return { low: a.low + b.low, best: a.best + b.best, high: a.high + b.high };
}

/** A claim for one person the text names: "the murder of Carlos Pizarro", "Jose Marin, 32, was killed". */
function isNamed(c: Claim): boolean {
  return c.victim_name !== null;
}

/**
 * The figure of one metric in one incident. Named people are counted by name: two mentions of one name are one
 * person. They are already inside a figure stated before them ("two leaders were killed … Perez and Ramirez were
 * shot": the larger of the two stands); otherwise they add to it ("Rodriguez Porth was killed … two of his
 * bodyguards were also killed").
 */
export function incidentFigure(claims: readonly Claim[], metric: Metric): Range | null {
  const named = claims.filter((c) => c.metric === metric && isNamed(c));
  if (named.length === 0) return groupFigure(claims, metric);
  const persons: string[] = [];
  for (const c of named) if (!persons.some((p) => sameName(p, c.victim_name!))) persons.push(c.victim_name!);
  // "the minister's death" after "the murder of minister Rodriguez": the title names the same person.
  const titles = named.map((c) => (c.victims_text ?? "").toLowerCase());
  const sameTitle = (c: Claim) =>
    c.value === 1 && c.victims_text !== null && titles.some((t) => new RegExp(`\\b${c.victims_text!.toLowerCase().split(/\s+/).at(-1)!.replace(/[^a-z]/g, "")}\\b`).test(t));
  // A single person after the first name, not announced as another ("also", "another"), is the named one again:
  // "Jecar Neghme … died … the MIR spokesman was gunned down".
  const firstNamed = Math.min(...named.map((c) => c.sentence.start));
  const again = (c: Claim) => c.value === 1 && c.low === 1 && c.sentence.start > firstNamed && !c.rule.includes("/") && !/\b(?:also|another|other|second|too)\b/i.test(c.evidence.text);
  const rest = claims.filter((c) => !(c.metric === metric && (isNamed(c) || sameTitle(c) || again(c))));
  const g = groupFigure(rest, metric);
  const n: Range = { low: persons.length, best: persons.length, high: persons.length };
  if (!g) return n;
  const covered = rest.some((c) => c.metric === metric && c.value > 0 && c.sentence.start < firstNamed);
  return covered ? maxRange(g, n) : add(g, n);
}

/** The figure of one metric by the group rules above. */
function groupFigure(claims: readonly Claim[], metric: Metric): Range | null {
  // Figures listed in one sentence for different groups ("3 soldiers and 2 civilians were killed") add up
  // there; across sentences, the group rules decide.
  const bySentence = new Map<number, Map<string, Range>>();
  for (const c of claims) {
    if (c.metric !== metric) continue;
    let key: string = c.victims_text && /attacker|gunm[ae]n|shooter|assailant|bomber|suspect|perpetrator/.test(c.victims_text.toLowerCase()) && c.victims === "fighters" ? "attackers" : c.victims;
    // Listed figures ("40 GNA soldiers and eight LNA soldiers") add up even within one group.
    if (c.rule.includes("+coordinated")) key = `${key}#${c.id}`;
    // "3 fatalities" closing an event note counts everyone, attackers included.
    if (c.victims === "people" && /^count-noun/.test(c.rule) && /fatalit|deaths?\b/i.test(c.evidence.text)) key = "all";
    const groups = bySentence.get(c.sentence.start) ?? new Map<string, Range>();
    bySentence.set(c.sentence.start, groups);
    const r = { low: c.low, best: c.value, high: c.high };
    const prev = groups.get(key);
    groups.set(key, prev ? maxRange(prev, r) : r);
  }
  // Across sentences, the first statement of a group's figure (the lede, or the headline) stands: later
  // figures for the same group are repeats, or background; only an explicit update ("rose to", "later
  // died") replaces it.
  const byGroup = new Map<string, Range>();
  // "2 other policemen were killed", "4 Taliban militants were also killed": more people, not a repeat.
  const additive = new Set(claims.filter((c) => c.metric === metric && ADDITIVE.test(c.evidence.text)).map((c) => c.sentence.start));
  const updates = new Set(claims.filter((c) => c.metric === metric && UPDATE.test(c.evidence.text + " " + (c.rule.startsWith("death-toll") ? "toll" : ""))).map((c) => c.sentence.start));
  for (const [sentence, groups] of bySentence) {
    let key: string;
    let r: Range | null = null;
    if (groups.size === 1) {
      [[key, r]] = [...groups.entries()] as [[string, Range]];
      key = key.split("#")[0]!;
    }
    else {
      const keys = [...groups.keys()];
      const base = keys.map((k) => k.split("#")[0]!);
      key = base.every((k) => k === "civilians" || CIVILIAN_PARTS.includes(k as VictimGroup)) ? "civilians" : base.every((k) => k === base[0]) ? base[0]! : "people";
      for (const v of groups.values()) r = add(r, v);
    }
    const prev = byGroup.get(key);
    if (prev && additive.has(sentence)) byGroup.set(key, add(prev, r)!);
    else if (!prev || updates.has(sentence) || prev.best === 0) byGroup.set(key, prev && updates.has(sentence) ? maxRange(prev, r!) : r!);
  }
  if (byGroup.size === 0) return null;
  const g = (k: string) => byGroup.get(k) ?? null;
  let civilians = g("civilians");
  let parts: Range | null = null;
  for (const k of CIVILIAN_PARTS) parts = add(parts, g(k));
  civilians = pick(civilians, parts);
  let everyone: Range | null = civilians;
  for (const k of ["soldiers", "police", "fighters", "other"]) everyone = add(everyone, g(k));
  everyone = pick(g("people"), everyone);
  return pick(g("all"), add(everyone, g("attackers")));
}

const SHOT_ONLY = /\b(?:shot|shooting|shoots|stabbed|stabbing|hit|struck)\b/i;
const HURT_WORDS = /\b(?:injur|wound|hurt|hospital|critical|condition|survive)/i;

/**
 * "Shot" says a bullet hit, not that the person lived: people shot include those who died, so an incident's
 * shot figure is reduced by its dead unless the text says they were wounded or injured.
 */
function injuredFigure(claims: readonly Claim[], killed: Range | null): Range | null {
  const isShot = (c: Claim) =>
    c.metric === "injured" && c.value > 0 && !c.rule.includes("+shot-includes-killed") && SHOT_ONLY.test(c.evidence.text) && !HURT_WORDS.test(c.evidence.text);
  const explicit = incidentFigure(claims.filter((c) => !isShot(c)), "injured");
  const shot = incidentFigure(claims.filter(isShot), "injured");
  if (!shot) return explicit;
  const dead = killed?.best ?? 0;
  const net: Range = { low: Math.max(0, shot.low - dead), best: Math.max(0, shot.best - dead), high: Math.max(0, shot.high - dead) };
  return pick(explicit, net);
}

export function groupIncidents(claims: readonly Claim[], sentenceText: (c: Claim) => string): DocumentIncident[] {
  // Figures the text itself says are unconfirmed or denied ("claimed 15 soldiers died, which has not been
  // confirmed") stay claims but do not enter the totals.
  const countable = claims.filter((c) => !c.historical && c.scope === "incident" && c.part_of === null && c.same_as === null && c.certainty !== "unconfirmed" && c.certainty !== "denied");
  const groups: Claim[][] = [];
  let current: Claim[] | null = null;
  let lastSentence = -1;
  for (const c of countable) {
    const newSentence = c.sentence.start !== lastSentence;
    const announcesNew = newSentence && current !== null && current.length > 0 && NEW_EVENT.test(sentenceText(c));
    if (!current || announcesNew) {
      current = [];
      groups.push(current);
    }
    current.push(c);
    lastSentence = c.sentence.start;
  }
  return groups.map((cs, i) => {
    const killed = incidentFigure(cs, "killed");
    return { id: `i${i + 1}`, claims: cs.map((c) => c.id), killed, injured: injuredFigure(cs, killed) };
  });
}

export function documentTotals(incidents: readonly DocumentIncident[]): { killed: Range | null; injured: Range | null } {
  let killed: Range | null = null;
  let injured: Range | null = null;
  for (const i of incidents) {
    killed = add(killed, i.killed);
    injured = add(injured, i.injured);
  }
  return { killed, injured };
}
