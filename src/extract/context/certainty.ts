// How sure the report is of the toll. Hedges that govern the perpetrator ("likely launched by …") are kept out:
// actor.ts consumes them and passes their spans here.
import type { Certainty, Claim, TextSpan } from "../types.ts";
import type { DocState } from "./doc.ts";
import { CERTAINTY_LEXICON, type Hedge } from "./lexicon.ts";
import { nearest, scan, type Hit } from "./match.ts";

export function hedgesIn(state: DocState, i: number): Hit<Hedge>[] {
  return state.cached("hedges", i, () => {
    const s = state.sentence(i);
    return s ? scan(CERTAINTY_LEXICON, state.sentenceText(i), s.start) : [];
  });
}

/**
 * The hedge nearest the figure in its sentence, ignoring hedges about who did it; "reported" when there is none
 * (a news report is a report).
 */
export function certaintyFor(
  state: DocState,
  claim: Claim,
  perpetratorHedges: readonly TextSpan[] = [],
): Certainty {
  const i = state.sentenceOf(claim);
  const hits =
    i >= 0
      ? hedgesIn(state, i)
      : scan(
          CERTAINTY_LEXICON,
          state.doc.text.slice(claim.sentence.start, claim.sentence.end),
          claim.sentence.start,
        );
  const aboutToll = hits.filter(
    (h) =>
      h.value.certainty !== null &&
      h.value.about !== "perpetrator" &&
      !perpetratorHedges.some((p) => p.start < h.end && h.start < p.end),
  );
  return nearest(aboutToll, claim.evidence)?.value.certainty ?? "reported";
}
