// Fills each claim's context fields (period, perpetrator, method, source, certainty, location) from the text
// around it. Pure: no I/O; the gazetteer is passed in.
import type { Claim, DocContext, Gazetteer, Period } from "../types.ts";
import { perpetratorFor } from "./actor.ts";
import { UNNAMED_STATE_FORCES } from "./actors.ts";
import { certaintyFor } from "./certainty.ts";
import { DocState } from "./doc.ts";
import { locateClaims } from "./location.ts";
import { methodFor } from "./method.ts";
import { periodFor } from "./period.ts";
import { sourceFor } from "./source.ts";

export interface ContextOptions {
  gazetteer?: Gazetteer;
}

/**
 * Mutates `claims`. Fields an earlier stage already set (non-null) are kept, so the grammar can settle a case it
 * knows better and running this twice changes nothing.
 */
export function addContext(doc: DocContext, claims: Claim[], options: ContextOptions = {}): void {
  const state = new DocState(doc);
  // Text order matters: "over the same period" takes the period of the claim before.
  const ordered = [...claims].sort((a, b) => a.evidence.start - b.evidence.start);
  const headline: Claim[] = [];
  let previous: Period | null = null;

  for (const claim of ordered) {
    const inHeadline = claim.in_headline || state.inHeadline(claim.evidence);
    if (inHeadline) headline.push(claim);
    else {
      claim.period ??= periodFor(state, claim, previous);
      previous = claim.period;
    }
    const attribution = perpetratorFor(state, claim);
    if (claim.perpetrator === null && attribution) {
      claim.perpetrator = attribution.perpetrator;
      claim.perpetrator_certainty ??= attribution.certainty;
    }
    claim.method ??= methodFor(state, claim)?.value ?? null;
    claim.source ??= sourceFor(state, claim);
    claim.certainty ??= certaintyFor(state, claim, attribution?.hedge ? [attribution.hedge] : []);
  }

  // A headline restates the lede's figure in fewer words ("4,000 killed" for "3,864 have been killed since
  // mid-February"), so it takes the period of the first body claim of the same metric.
  for (const claim of headline) {
    if (claim.period) continue;
    const lede =
      ordered.find((c) => c.id === claim.same_as) ??
      ordered.find((c) => c.metric === claim.metric && !headline.includes(c));
    claim.period = lede?.period ? { ...lede.period } : periodFor(state, claim, null);
  }

  if (options.gazetteer) locateClaims(doc, claims, options.gazetteer);
  // "troops", "police" without a country are the forces of the country where the claim happened.
  for (const claim of claims) {
    const of = claim.perpetrator ? UNNAMED_STATE_FORCES[claim.perpetrator] : undefined;
    const country = claim.location?.country;
    if (!of || !country) continue;
    const name = countryName(country);
    if (name) claim.perpetrator = `${of} ${name}`;
  }
}

const COUNTRY_NAMES = new Intl.DisplayNames(["en"], { type: "region" });

function countryName(cc: string): string | null {
  try {
    return COUNTRY_NAMES.of(cc.toUpperCase()) ?? null;
  } catch {
    return null;
  }
}
