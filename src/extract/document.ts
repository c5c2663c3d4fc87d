// One document through the pipeline: header → sentences → grammar → refiners → context → incidents.
import { addContext } from "./context/index.ts";
import { readSentence } from "./grammar/engine.ts";
import type { Finding } from "./grammar/rules.ts";
import { buildView, type SentenceView } from "./grammar/view.ts";
import { documentTotals, groupIncidents } from "./incidents.ts";
import { REFINERS, type DocInfo, type Draft } from "./refiners.ts";
import { detectHeader } from "./text/header.ts";
import { capSentences, MAX_SENTENCE, splitSentences } from "./text/segment.ts";
import type { Claim, ExtractOptions, ExtractResult, ExtractWarning, TextSpan } from "./types.ts";

/**
 * The longest text read (UTF-16 code units, about 2 MB of English): some hundred times the longest news report.
 * Text beyond it is not read, and the result says so (a `document_too_long` warning): its claims are missing,
 * never misread, since the sentence the cap falls in is left out whole.
 */
export const MAX_DOCUMENT = 2_000_000;

/**
 * The largest casualty figure a claim may carry. More people than died in any event in history is not a count
 * of casualties but a misread (a phone number, a sum of money, a run of digits): such a claim is dropped with a
 * `figure_out_of_range` warning, so no total is ever made of it.
 */
export const MAX_FIGURE = 1_000_000_000;

function saneFigure(c: Claim): boolean {
  return [c.value, c.low, c.high].every((x) => Number.isSafeInteger(x) && x >= 0 && x <= MAX_FIGURE);
}

function toDraft(f: Finding, v: SentenceView, text: string, n: number): Draft {
  const q = f.q !== null ? v.quantities[f.q] : undefined;
  const start = v.span.start + v.toText(f.start);
  const end = v.span.start + v.toText(f.end);
  const victimsText = f.victims ? text.slice(v.span.start + v.toText(f.victims.start), v.span.start + v.toText(f.victims.end)).trim() : null;
  const value = q ? q.value : (f.value ?? 0);
  const claim: Claim = {
    id: `c${n}`,
    metric: f.metric,
    victims: f.victims?.group ?? "people",
    victims_text: victimsText || null,
    victim_name: f.person ? text.slice(v.span.start + v.toText(f.person.start), v.span.start + v.toText(f.person.end)).trim() || null : null,
    value,
    low: q ? q.low : value,
    high: q ? q.high : value,
    qualifier: q ? q.qualifier : "exact",
    scope: "incident",
    in_headline: false,
    historical: false,
    period: null,
    location: null,
    perpetrator: null,
    perpetrator_certainty: null,
    method: null,
    source: null,
    certainty: null,
    evidence: { text: text.slice(start, end), start, end },
    sentence: { start: v.span.start, end: v.span.end },
    rule: q ? `${f.rule}/${q.reason}` : f.rule,
    breakdown: [],
    part_of: null,
    same_as: null,
  };
  return { claim, finding: f, view: v };
}

function yearOf(published: string | null): number | null {
  const m = /^(\d{4})/.exec(published ?? "");
  return m ? Number(m[1]) : null;
}

export function extractDocument(text: string, options: ExtractOptions = {}): ExtractResult & { warnings: ExtractWarning[] } {
  const header = options.detectHeader === false ? null : detectHeader(text);
  const title = options.title ?? header?.title ?? null;
  const published = options.published ?? header?.published ?? null;
  let headline: TextSpan | null = header?.titleSpan ?? null;
  let body = text;
  let offset = 0;
  // A title given apart from the text is read as the first line, so its figures are claims too; offsets
  // stay those of `text` (the title's claims carry in_headline and offsets into the title, shifted below).
  if (options.title && !text.slice(0, 2000).includes(options.title)) {
    body = `${options.title}\n\n${text}`;
    offset = options.title.length + 2;
    headline = { start: 0, end: options.title.length };
  } else if (options.title) {
    const at = text.indexOf(options.title);
    headline = { start: at, end: at + options.title.length };
  }
  const warnings: ExtractWarning[] = [];
  let sentences = splitSentences(body.length > MAX_DOCUMENT ? body.slice(0, MAX_DOCUMENT) : body);
  if (body.length > MAX_DOCUMENT) {
    // The sentence the cap falls in is left out whole: half a sentence could read as a different figure.
    const last = sentences.at(-1);
    if (last && !/^\s*\n/.test(body.slice(last.end, MAX_DOCUMENT + 1))) sentences = sentences.slice(0, -1);
    const from = sentences.at(-1)?.end ?? 0;
    warnings.push({
      code: "document_too_long",
      message: `text of ${body.length.toLocaleString("en")} characters is longer than the ${MAX_DOCUMENT.toLocaleString("en")} read: characters ${from.toLocaleString("en")} to the end were not read, and claims there are missing`,
      start: from,
      end: body.length,
    });
  }
  const capped = capSentences(body, sentences);
  const spans = capped.spans;
  for (const c of capped.cut) {
    warnings.push({
      code: "sentence_too_long",
      message: `a sentence of ${(c.end - c.start).toLocaleString("en")} characters at ${c.start.toLocaleString("en")} was read in pieces of at most ${MAX_SENTENCE.toLocaleString("en")}: a claim near a cut may lack words on the other side`,
      start: c.start,
      end: c.end,
    });
  }
  const views = spans.map((s, i) => buildView(body, s, i));
  let n = 0;
  let drafts: Draft[] = [];
  for (const v of views) {
    for (const f of readSentence(v)) {
      const d = toDraft(f, v, body, ++n);
      if (saneFigure(d.claim)) drafts.push(d);
      else {
        const { evidence } = d.claim;
        warnings.push({
          code: "figure_out_of_range",
          message: `claim dropped: "${clip(evidence.text)}" reads as ${Number.isFinite(d.claim.value) ? d.claim.value.toLocaleString("en") : "a number too large to represent"} ${d.claim.metric}, beyond ${MAX_FIGURE.toLocaleString("en")}, the bound of a casualty figure`,
          start: evidence.start,
          end: evidence.end,
        });
      }
    }
  }
  const doc: DocInfo = { text: body, headline, year: yearOf(published) };
  for (const r of REFINERS) drafts = r.refine(drafts, doc);
  const claims = drafts.map((d) => d.claim);
  addContext(
    { text: body, published: published ? published.slice(0, 10) : null, sentences: spans, headline, title },
    claims,
    { gazetteer: options.gazetteer },
  );
  // Ids in text order, with references remapped.
  const ids = new Map<string, string>();
  claims.forEach((c, i) => ids.set(c.id, `c${i + 1}`));
  for (const c of claims) {
    c.id = ids.get(c.id)!;
    if (c.part_of) c.part_of = ids.get(c.part_of) ?? null;
    if (c.same_as) c.same_as = ids.get(c.same_as) ?? null;
  }
  const incidents = groupIncidents(claims, (c) => body.slice(c.sentence.start, c.sentence.end));
  if (offset > 0) {
    shiftOutOfTitle(claims, offset, options.title!.length);
    for (const w of warnings) {
      if (w.end <= options.title!.length) continue;
      w.start = Math.max(0, w.start - offset);
      w.end = Math.max(0, w.end - offset);
    }
  }
  return {
    article: { title, published, outlet: options.outlet ?? null, url: options.url ?? null, text },
    claims,
    incidents,
    totals: documentTotals(incidents),
    warnings,
  };
}

function clip(s: string): string {
  return s.length <= 80 ? s : `${s.slice(0, 40)}…${s.slice(-40)}`;
}

/** Offsets of claims read from a prepended title are made relative to the title (in_headline) or the text. */
function shiftOutOfTitle(claims: Claim[], offset: number, titleLength: number): void {
  for (const c of claims) {
    if (c.evidence.end <= titleLength) continue;
    c.evidence.start -= offset;
    c.evidence.end -= offset;
    c.sentence.start -= offset;
    c.sentence.end -= offset;
  }
}
