// Who the report makes responsible. An actor counts only when the sentence makes it the agent ("launched by the
// US-led coalition", "Houthi forces shelled", "Islamic State claimed responsibility"), never for a bare mention
// ("to wrest the area from Daesh"). The actor's hedge is kept apart from the toll's.
import type { Certainty, Claim, TextSpan } from "../types.ts";
import { actorEntriesFor } from "./actors.ts";
import { hedgesIn } from "./certainty.ts";
import type { DocState } from "./doc.ts";
import {
  ACTOR_ACT,
  ACTOR_AGENT_BEFORE,
  ACTOR_CLAIMS_AFTER,
  ACTOR_COORDINATION,
  ACTOR_GROUP_NOUN,
  ACTOR_LEXICON,
  CLAUSE_START_BEFORE,
  CLAUSE_VIOLENT_VERB,
  GENERIC_ACTORS,
  NOT_AGENT_VERB,
} from "./lexicon.ts";
import { gap, scan } from "./match.ts";

export interface Attribution extends TextSpan {
  perpetrator: string;
  certainty: Certainty;
  /** Introduced by "by" (or "blamed on" …): may sit inside the claim's evidence ("were killed by gunmen"). */
  byAgent: boolean;
  /** The hedge that governs the actor, not the toll. */
  hedge: TextSpan | null;
}

/** What may stand between an actor's hedge and the actor: "likely again launched by the", "believed to have been carried out by". */
const HEDGE_TO_ACTOR =
  /^(?:\s+(?:again|also|to|have|has|been|be|was|were|by|launched|carried out|conducted|fired|perpetrated|behind|the|a|an|its|their))*\s*$/i;

export function attributionsIn(state: DocState, i: number): Attribution[] {
  return state.cached("actors", i, () => {
    const s = state.sentence(i);
    if (!s) return [];
    const text = state.sentenceText(i);
    const hedges = hedgesIn(state, i);
    const out: Attribution[] = [];
    let coveredTo = -1;
    for (const hit of scan(actorEntriesFor(ACTOR_LEXICON, text), text, s.start)) {
      const from = hit.start - s.start;
      const to = hit.end - s.start;
      const after = text.slice(to);
      const group = ACTOR_GROUP_NOUN.exec(after);
      // "Daesh militants": the group noun belongs to the named actor, not a second, generic one.
      if (hit.start < coveredTo) continue;
      coveredTo = hit.end + (group ? group[0].length : 0);
      const before = text.slice(Math.max(0, from - 60), from);
      const byAgent = ACTOR_AGENT_BEFORE.test(before) && !NOT_AGENT_VERB.test(before);
      const acts = ACTOR_ACT.test(group ? after.slice(group[0].length) : after);
      const claims = ACTOR_CLAIMS_AFTER.test(after);
      // The subject of a violent clause: "suspected ISGS militants on motorbikes attacked …".
      const subject =
        CLAUSE_START_BEFORE.test(text.slice(Math.max(0, from - 40), from)) && CLAUSE_VIOLENT_VERB.test(after);
      if (!byAgent && !acts && !claims && !subject) continue;

      const coordination = ACTOR_COORDINATION.exec(after);
      const perpetrator = coordination ? `${hit.value} ${coordination[0].trim()}` : hit.value;
      let certainty: Certainty = "reported";
      let hedge: TextSpan | null = null;
      // A hedge just before the actor, joined to it only by attribution words, is about the actor.
      for (const h of hedges) {
        if (h.end > hit.start || h.value.certainty === null) continue;
        if (!HEDGE_TO_ACTOR.test(state.doc.text.slice(h.end, hit.start))) continue;
        certainty = h.value.certainty;
        hedge = h;
      }
      // "… claimed responsibility", "… denied involvement", "blamed on …": an allegation by one side.
      const own = hedges.find(
        (h) => h.value.about === "perpetrator" && h.value.certainty !== null && gap(h, hit) <= 40,
      );
      if (!hedge && own?.value.certainty) {
        certainty = own.value.certainty;
        hedge = own;
      }
      out.push({ start: hit.start, end: hit.end, perpetrator, certainty, byAgent, hedge });
    }
    return out;
  });
}

/**
 * The attribution nearest the figure in its sentence; else the first in the sentences it carries on from.
 * An actor inside the figure's own words is a victim ("30 Daesh militants were killed") unless "by" names it.
 */
export function perpetratorFor(state: DocState, claim: Claim): Attribution | null {
  const i = state.sentenceOf(claim);
  if (i < 0) return null;
  const ev = claim.evidence;
  const here = attributionsIn(state, i).filter((a) => a.byAgent || a.end <= ev.start || a.start >= ev.end);
  let best: Attribution | null = null;
  for (const a of here) if (!best || gap(a, ev) < gap(best, ev)) best = a;
  if (best && GENERIC_ACTORS.has(best.perpetrator)) {
    const named = here.filter((a) => !GENERIC_ACTORS.has(a.perpetrator));
    for (const a of named) if (GENERIC_ACTORS.has(best.perpetrator) || gap(a, ev) < gap(best, ev)) best = a;
  }
  if (best) return best;
  for (const j of state.carriedFrom(i)) {
    const first = attributionsIn(state, j)[0];
    if (first) return first;
  }
  // A short report is one event: the agent named earlier in the paragraph ("On 7 May, Al Shabaab militants
  // attacked a base. … 3 soldiers were killed") is the agent of its later figures, a named group before a kind.
  let generic: Attribution | null = null;
  for (let j = i; j > 0 && !state.paragraphStarts(j);) {
    j -= 1;
    const s = state.sentence(j);
    if (!s || state.inHeadline(s)) break;
    for (const a of attributionsIn(state, j)) {
      if (!GENERIC_ACTORS.has(a.perpetrator)) return a;
      generic ??= a;
    }
  }
  return generic;
}
