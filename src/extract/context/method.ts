// The weapon or means behind a claim, read from the method lexicon.
import type { Claim } from "../types.ts";
import type { DocState } from "./doc.ts";
import { METHOD_LEXICON, type Method } from "./lexicon.ts";
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
  if (i < 0) {
    const text = state.doc.text.slice(claim.sentence.start, claim.sentence.end);
    return nearest(scan(METHOD_LEXICON, text, claim.sentence.start), claim.evidence) ?? null;
  }
  const here = nearest(methodsIn(state, i), claim.evidence);
  if (here) return here;
  for (const j of state.carriedFrom(i)) {
    const first = methodsIn(state, j)[0];
    if (first) return first;
  }
  return null;
}
