// Test helpers: a DocContext from plain text and claims placed at a phrase. Only the tests import this.
import type { Claim, DocContext, TextSpan } from "../types.ts";
import { addContext } from "./index.ts";

/** Lines, then sentences at . ! ? followed by a capital or an opening quote: enough for hand-written tests. */
export function splitSimple(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const line of text.matchAll(/[^\n]+/g)) {
    let start = line.index;
    const end = line.index + line[0].length;
    for (const m of line[0].matchAll(/[.!?][”"’)]?\s+(?=[“"A-Z])/g)) {
      const cut = line.index + m.index + m[0].trimEnd().length;
      out.push({ start, end: cut });
      start = line.index + m.index + m[0].length;
    }
    if (line[0].slice(start - line.index).trim()) out.push({ start, end });
  }
  return out.map((s) => {
    const lead = text.slice(s.start, s.end).search(/\S/);
    return { start: s.start + Math.max(0, lead), end: s.end };
  });
}

export function docOf(text: string, published: string | null, opts: { headline?: boolean } = {}): DocContext {
  const sentences = splitSimple(text);
  const first = sentences[0];
  const headline = opts.headline && first ? first : null;
  return {
    text,
    published,
    sentences,
    headline,
    title: headline ? text.slice(headline.start, headline.end) : null,
  };
}

/** A claim whose evidence is the `occurrence`-th appearance of `evidence` in the text. */
export function claimAt(doc: DocContext, evidence: string, over: Partial<Claim> = {}, occurrence = 0): Claim {
  let start = -1;
  for (let k = 0; k <= occurrence; k++) {
    start = doc.text.indexOf(evidence, start + 1);
    if (start < 0) throw new Error(`evidence not in text: ${evidence}`);
  }
  const end = start + evidence.length;
  const sentence = doc.sentences.find((s) => s.start <= start && start < s.end) ?? { start, end };
  const inHeadline = doc.headline !== null && start >= doc.headline.start && end <= doc.headline.end;
  return {
    id: `c${start}`,
    metric: "killed",
    victims: "people",
    victims_text: null,
    victim_name: null,
    value: 0,
    low: 0,
    high: 0,
    qualifier: "exact",
    scope: "incident",
    in_headline: inHeadline,
    historical: false,
    period: null,
    location: null,
    perpetrator: null,
    perpetrator_certainty: null,
    method: null,
    source: null,
    certainty: null,
    evidence: { start, end, text: evidence },
    sentence: { start: sentence.start, end: sentence.end },
    rule: "test",
    breakdown: [],
    part_of: null,
    same_as: null,
    ...over,
  };
}

/** addContext over `text` with one claim per evidence phrase; returns the claims in the order given. */
export function contextOf(
  text: string,
  published: string | null,
  evidence: readonly string[],
  opts: { headline?: boolean } = {},
): Claim[] {
  const doc = docOf(text, published, opts);
  const claims = evidence.map((e) => claimAt(doc, e));
  addContext(doc, claims);
  return claims;
}

/** The one claim of contextOf(text, published, [evidence]). */
export function one(text: string, published: string | null, evidence: string): Claim {
  const [claim] = contextOf(text, published, [evidence]);
  if (!claim) throw new Error("no claim");
  return claim;
}
