// Families the extractor is known to fall short on (below PASS_RATE), each with the pass rate recorded when it
// was listed. The capability tests do not fail on a listed family while it holds that rate; they fail when it
// drops below it (a regression), and they fail when it reaches PASS_RATE (remove the entry: the family is now
// guarded like every other). Raise a rate when a family improves but is still short, so that the gain is kept.
// `npm run capabilities` shows these families as SHORT, never as passing.
export const KNOWN_SHORT: Readonly<Record<string, number>> = {
  "long-numbered-subject": 0.61, // 8/13
  "figure-split-by-aside": 0.75, // 9/12
  "so-far-in-one-attack": 0.72, // 8/11
  "pronoun-carries-count": 0.58, // 7/12
  "background-not-counted": 0.41, // 5/12
  "separate-attacks-summed": 0.66, // 8/12
  "adjective-forms": 0.83, // 10/12
  "shot-not-killed": 0.41, // 5/12
  "singular-without-number": 0.58, // 7/12
  "named-persons": 0.5, // 6/12
  "lists-of-groups": 0.83, // 10/12
  "perpetrator-dies-too": 0.58, // 7/12
  "running-totals": 0.75, // 9/12
  "hypotheticals-threats": 0.83, // 10/12
  "dates-ages-times": 0.76, // 10/13
};
