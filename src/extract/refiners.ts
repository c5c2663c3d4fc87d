// Refiners run after the grammar over all drafts of a document (chrono's refiners): each reads the words
// around a figure and adjusts the claim: drops hypotheticals, marks breakdowns, running totals and
// background events, fills victims from the clause, and moves "shot … two fatally" figures between metrics.
import { sameName } from "./grammar/names.ts";
import type { Finding } from "./grammar/rules.ts";
import type { SentenceView } from "./grammar/view.ts";
import type { Claim, TextSpan } from "./types.ts";

export interface Draft {
  claim: Claim;
  finding: Finding;
  view: SentenceView;
}

export interface DocInfo {
  text: string;
  headline: TextSpan | null;
  /** Year of publication (or of the dateline), to tell background events. */
  year: number | null;
}

export interface Refiner {
  name: string;
  refine(drafts: Draft[], doc: DocInfo): Draft[];
}

/** Masked text of the clause before a finding: from the last clause break to the finding's start. */
function clauseBefore(d: Draft, max = 80): string {
  const before = d.view.masked.slice(Math.max(0, d.finding.start - max), d.finding.start);
  const cut = Math.max(before.lastIndexOf(";"), before.lastIndexOf(". "));
  return cut >= 0 ? before.slice(cut + 1) : before;
}

const HYPOTHETICAL = /\b(?:could|would|might|may|threaten(?:s|ed|ing)?(?: to)?|vow(?:s|ed)? to|plan(?:s|ned|ning)? (?:to|for)|plot(?:s|ted|ting)? (?:to|for)|attempt(?:s|ed|ing)? (?:to|on)|tr(?:y|ies|ied|ying) to|conspir(?:e|ed|acy|ing) to|intend(?:s|ed)? to|aim(?:s|ed)? to|capable of|enough to|risk(?:s|ed|ing)?|potential(?:ly)?|if)(?: [a-z'-]+){0,3} ?$/;

const CUMULATIVE =
  /\bsince\b(?! then\b)|\bso far\b|\bto date\b|\bthus far\b|\bover the (?:past|last) (?:#\d+#|few|several|two|three|four|five|six) (?:days|weeks|months|years)\b|\bsince the (?:start|beginning|outbreak)\b|\bover the same period\b|\bcumulative\b|\boverall (?:death )?toll\b|\btotal (?:number|death toll)\b|\b(?:war|conflict|offensive|campaign|fighting|violence|crisis|siege) (?:has|had) (?:killed|claimed)\b|\bin the (?:past|last) #\d+# (?:hours|days|weeks|months)\b|\bthis year\b|\blast year\b/;
// "have so far been killed in the bombing": "so far" counts the victims of one event as they are found.
const SO_FAR = /\b(?:so far|thus far|to date)\b/;
const IN_ONE_EVENT =
  /\b(?:in|from|of|at|by) (?:the|this|that|a|an|[a-z]+'s) (?:[a-z'-]+ ){0,3}?(?:attack|bombing|blast|explosion|raid|strike|airstrike|air strike|shooting|stabbing|spree|ambush|assault|massacre|crash|incident|fire|stampede|collapse|clash|bomb|rubble|ruins|wreckage)\b/;
const CAMPAIGN = /\b(?:war|offensive|campaign|conflict|fighting|violence|crisis|siege|insurgency|year|month|week|since)\b/;

function oneEventSoFar(near: string, d: Draft): boolean {
  if (!SO_FAR.test(near) || CUMULATIVE.test(near.replace(/\b(?:so far|thus far|to date)\b/g, ""))) return false;
  return IN_ONE_EVENT.test(d.view.masked) && !CAMPAIGN.test(d.view.masked);
}

const SUPERLATIVE_SINCE = /\b(?:deadliest|worst|largest|biggest|first|bloodiest|most)\b[^.;]* since\b/;

const HISTORICAL_CUES =
  /\b(?:last year's|a year ago|years ago|previous(?:ly)?|anniversary|in memory of|commemorat\w+|similar attack|in a (?:similar|previous|prior) \w+|history|historic(?:al)?|(?:in )?retaliation for|(?:in )?revenge for|avenge|earlier in the (?:week|month|year)|last (?:week|month)'s)\b/;

// A protest, vigil or march held over a death reports the protest: the death it answers happened before.
// The cue must lead straight into the figure ("demonstrated against the killing of a demonstrator").
const PROTEST = /\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied|ying)|march(?:ed|es|ing)?|vigils?|sit-ins?|riot\w*|mourn\w*)\b/;
const PROTEST_CAUSE = /\b(?:against|over|condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|following|after|justice for|justice to|in reaction to|in response to|in protest at|outrage at|anger (?:at|over))(?: (?:the|a|an|his|her|their|its|alleged|recent|brutal|reported|extrajudicial|suspected|last week's|yesterday's))* $/;

// "The attack came months after a bombing in the city that killed 40": an earlier event named to set the scene.
const EARLIER_EVENT =
  /\b(?:days|weeks|months|years|a (?:day|week|month|year)|shortly|soon|just|not long) (?:after|before) (?:a|an|the|last)\b[^,;.]{0,60}? (?:that|which|in which|when) (?:had )?(?:[a-z'-]+ )?$|\b(?:days|weeks|months|years|a (?:day|week|month|year)) (?:after|before) (?:a|an|the) [^,;.]{0,50}?(?:killed|left|claimed) $/;

// Whether a sentence speaks of a protest is asked once per sentence, not once per claim in it.
const protestCache = new WeakMap<SentenceView, boolean>();
function protestIn(v: SentenceView): boolean {
  let found = protestCache.get(v);
  if (found === undefined) protestCache.set(v, (found = PROTEST.test(v.masked)));
  return found;
}

// After the figure only the cues that point back to another event: "… in retaliation for the killing of 3".
const AFTER_CUES = /\b(?:(?:in )?retaliation for|(?:in )?revenge for|avenge|earlier in the (?:week|month|year)|last (?:week|month)'s)\b/;

const BREAKDOWN_CUE =
  /\b(?:including|among them|among whom|of whom|among the (?:dead|victims|killed|injured|wounded|casualties)|among those (?:killed|injured|wounded|dead|hurt))(?: (?:were|are|was|is))?(?: [a-z'-]+| #\d+# [a-z'-]+(?: and)?){0,4} $/;
const OF_THEM = /^ of (?:them|whom|those|the (?:dead|victims|injured|wounded|people|casualties))\b/;

export const REFINERS: Refiner[] = [
  {
    // "could kill thousands", "threatened to kill 50 hostages": not a claim.
    name: "drop-hypothetical",
    refine: (drafts) => drafts.filter((d) => !HYPOTHETICAL.test(clauseBefore(d, 50)) && !/\b(?:would|could|might) have\b/.test(d.view.masked.slice(d.finding.start, d.finding.end))),
  },
  {
    // "abducted 6 soldiers near the border. They later executed them": the pronoun's figure is the one counted
    // in the same or the two sentences before, of people taken, held or missing; with none, nothing is claimed.
    name: "pronoun-antecedent",
    refine: (drafts) =>
      drafts.filter((d, i) => {
        if (!d.finding.antecedent) return true;
        const taken = drafts
          .slice(0, i)
          .reverse()
          .find((p) => /^(?:abducted|detained|missing)$/.test(p.claim.metric) && p.claim.value > 0 && d.view.index - p.view.index <= 2);
        if (!taken) return false;
        d.claim.value = taken.claim.value;
        d.claim.low = taken.claim.low;
        d.claim.high = taken.claim.high;
        d.claim.qualifier = taken.claim.qualifier;
        d.claim.victims = taken.claim.victims;
        d.claim.victims_text = taken.claim.victims_text;
        return true;
      }),
  },
  {
    // "seven people, including two children, were killed": the children are a part of the seven.
    name: "breakdown",
    refine: (drafts) => {
      for (let i = 0; i < drafts.length; i++) {
        const d = drafts[i]!;
        const q = d.finding.q;
        const before = d.view.masked.slice(Math.max(0, d.finding.start - 90), d.finding.start);
        const after = q !== null ? d.view.masked.slice(d.finding.start).replace(/^[^#]*#\d+#/, "") : "";
        const isPart = BREAKDOWN_CUE.test(before) || (q !== null && OF_THEM.test(after));
        if (!isPart) continue;
        const whole = [...drafts.slice(0, i)].reverse().find((w) => w.claim.metric === d.claim.metric && w.claim.part_of === null && w.claim.value >= d.claim.value);
        if (!whole) continue;
        d.claim.part_of = whole.claim.id;
        whole.claim.breakdown.push({ victims: d.claim.victims, victims_text: d.claim.victims_text ?? "", value: d.claim.value });
      }
      return drafts;
    },
  },
  {
    // "shot five people, killing two" / "five were shot, two fatally": the shot figure includes the dead.
    name: "shot-includes-killed",
    refine: (drafts) => {
      for (const d of drafts) {
        if (d.claim.metric !== "injured" || !/^(?:shot|shooting|stabbed|stabbing)$/.test(d.finding.trigger)) continue;
        const killed = drafts.find((k) => k.view === d.view && k.claim.metric === "killed" && k.claim.part_of === null && k.finding.start > d.finding.start && k.claim.value <= d.claim.value);
        if (!killed) continue;
        d.claim.value -= killed.claim.value;
        d.claim.low = Math.max(0, d.claim.low - killed.claim.value);
        d.claim.high = Math.max(0, d.claim.high - killed.claim.value);
        d.claim.rule += "+shot-includes-killed";
      }
      return drafts;
    },
  },
  {
    // "since mid-February", "so far this year": running totals.
    name: "scope",
    refine: (drafts) => {
      for (const d of drafts) {
        // The cue must sit in the claim's own clause: near the figure, not across a sentence break.
        const window = d.view.masked.slice(Math.max(0, d.finding.start - 60), d.finding.end + 90);
        const near = window.slice(Math.max(0, window.lastIndexOf(";", 60) + 1));
        if (CUMULATIVE.test(near) && !SUPERLATIVE_SINCE.test(near) && !oneEventSoFar(near, d)) d.claim.scope = "cumulative";
      }
      return drafts;
    },
  },
  {
    // "the 2014 bombing that killed 50": a past event cited for background.
    name: "historical",
    refine: (drafts, doc) => {
      const earlier: Draft[] = [];
      for (const d of drafts) {
        const upTo = clauseBefore(d, 70) + d.view.masked.slice(d.finding.start, d.finding.end);
        const after = d.view.masked.slice(d.finding.end, d.finding.end + 50).split(/[;.,]/)[0] ?? "";
        const clause = upTo + after;
        const protestOver = protestIn(d.view) && PROTEST_CAUSE.test(d.view.masked.slice(Math.max(0, d.finding.start - 60), d.finding.start));
        if (EARLIER_EVENT.test(clauseBefore(d, 100))) earlier.push(d);
        else if (HISTORICAL_CUES.test(upTo) || AFTER_CUES.test(after) || protestOver) {
          d.claim.historical = true;
          continue;
        }
        if (doc.year === null) continue;
        for (const k of clause.matchAll(/#(\d+)#/g)) {
          const q = d.view.quantities[Number(k[1])];
          if (q?.yearLike && q.value < doc.year) d.claim.historical = true;
        }
      }
      // An earlier event named to set the scene is background only beside the event the text reports: a
      // follow-up ("four weeks after a massacre in which six people were killed, police have a suspect") has no
      // other event, and the earlier one is its subject.
      const current = drafts.filter((d) => !earlier.includes(d) && !d.claim.historical && d.claim.value > 0 && (d.claim.metric === "killed" || d.claim.metric === "injured"));
      if (current.length > 0) for (const d of earlier) d.claim.historical = true;
      // A named person is one person: the murder the text dates to a past year ("Archbishop Romero, murdered in
      // 1980") is background wherever else the text names it.
      const named = drafts.filter((d) => d.claim.victim_name !== null);
      for (const d of named) {
        if (d.claim.historical) continue;
        if (named.some((o) => o.claim.historical && sameName(o.claim.victim_name!, d.claim.victim_name!))) d.claim.historical = true;
      }
      return drafts;
    },
  },
  {
    // "killing 13 people and wounding another 9": the 9 are people too.
    name: "victims-from-clause",
    refine: (drafts) => {
      for (let i = 0; i < drafts.length; i++) {
        const d = drafts[i]!;
        // A closing count ("3 fatalities") speaks for everyone: it takes no group from its neighbours.
        if (d.finding.victims || d.finding.rule === "count-noun") continue;
        const prev = drafts.slice(0, i).reverse().find((p) => p.view === d.view && p.finding.victims);
        const next = drafts.slice(i + 1).find((n) => n.view === d.view && n.finding.victims && n.finding.start - d.finding.end < 40);
        const from = prev ?? next;
        if (from) d.claim.victims = from.claim.victims;
      }
      return drafts;
    },
  },
  {
    // "the bodies of some 80 civilians were pulled from the rubble": recovery tallies gather deaths of an
    // undated period, so they are running totals, not one event.
    name: "recovered-bodies",
    refine: (drafts) => {
      for (const d of drafts) {
        if (d.claim.metric !== "killed" || !/bodies|corpses|remains/.test(d.finding.trigger + d.claim.evidence.text.toLowerCase())) continue;
        if (/\b(?:rubble|debris|mass graves?|ruins)\b/.test(d.view.masked)) d.claim.scope = "cumulative";
      }
      return drafts;
    },
  },
  {
    // A headline figure is the same report as the body's: "4,000 Iraq civilians killed" over "as many as
    // 3,864 civilians have been killed" takes the body's scope and reads as approximate when rounder.
    name: "headline",
    refine: (drafts, doc) => {
      if (!doc.headline) return drafts;
      const inHead = (d: Draft) => d.claim.evidence.start >= doc.headline!.start && d.claim.evidence.end <= doc.headline!.end;
      for (const d of drafts) if (inHead(d)) d.claim.in_headline = true;
      for (const h of drafts) {
        if (!h.claim.in_headline || h.claim.value === 0) continue;
        const candidates = drafts.filter((b) => !b.claim.in_headline && b.claim.metric === h.claim.metric && b.claim.value > 0 && Math.abs(h.claim.value - b.claim.value) <= 0.15 * b.claim.value);
        const body = candidates.sort((a, b) => Math.abs(a.claim.value - h.claim.value) - Math.abs(b.claim.value - h.claim.value))[0];
        if (!body) continue;
        h.claim.same_as = body.claim.id;
        h.claim.scope = body.claim.scope;
        h.claim.historical = body.claim.historical;
        if (h.claim.value !== body.claim.value && roundness(h.claim.value) > roundness(body.claim.value)) h.claim.qualifier = "approximately";
      }
      return drafts;
    },
  },
];

/** Trailing zeros: 4,000 is rounder than 3,864. */
function roundness(n: number): number {
  let k = 0;
  while (n !== 0 && n % 10 === 0) {
    n /= 10;
    k++;
  }
  return k;
}
