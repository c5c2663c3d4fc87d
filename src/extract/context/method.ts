// The weapon or means behind a claim, read from the method lexicon.
import type { Claim } from "../types.ts";
import type { DocState } from "./doc.ts";
import { GENERIC_METHODS, METHOD_LEXICON, type Method } from "./lexicon.ts";
import { nearest, scan, type Hit } from "./match.ts";

export function methodsIn(state: DocState, i: number): Hit<Method>[] {
  return state.cached("methods", i, () => {
    const s = state.sentence(i);
    return s ? scan(METHOD_LEXICON, state.sentenceText(i), s.start) : [];
  });
}

/**
 * The method nearest the figure in its sentence; else the first one named in the sentences the claim's sentence
 * carries on from ("A car bomb exploded …, killing 12. The blast also wounded 30.").
 */
export function methodFor(state: DocState, claim: Claim): Hit<Method> | null {
  const i = state.sentenceOf(claim);
  const hits =
    i >= 0
      ? methodsIn(state, i)
      : scan(
          METHOD_LEXICON,
          state.doc.text.slice(claim.sentence.start, claim.sentence.end),
          claim.sentence.start,
        );
  // "A bomb exploded …, killing 9": "bomb" says more than the nearer "exploded".
  const specific = hits.filter((h) => !GENERIC_METHODS.has(h.value));
  const here = nearest(specific, claim.evidence);
  if (here) return here;
  const generic = nearest(hits, claim.evidence) ?? null;
  if (i < 0) return generic;
  // "The blast also wounded 30" after "A car bomb exploded …": the blast is the car bomb.
  for (const j of state.carriedFrom(i)) {
    const earlier = methodsIn(state, j);
    const specificEarlier = earlier.find((h) => !GENERIC_METHODS.has(h.value));
    if (specificEarlier) return specificEarlier;
    if (!generic && earlier[0]) return earlier[0];
  }
  return generic;
}
