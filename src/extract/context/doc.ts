// Per-document state for the context rules: sentence lookup, paragraphs, and memoised per-sentence readings so
// that chrono and the lexicons run at most once per sentence however many claims and look-backs need it.
import type { Claim, DocContext, TextSpan } from "../types.ts";
import { CONTINUATION_LEXICON, NEW_STORY } from "./lexicon.ts";
import { scan } from "./match.ts";

export class DocState {
  readonly doc: DocContext;
  private readonly memo = new Map<string, unknown>();

  constructor(doc: DocContext) {
    this.doc = doc;
  }

  get sentenceCount(): number {
    return this.doc.sentences.length;
  }

  sentence(i: number): TextSpan | undefined {
    return this.doc.sentences[i];
  }

  sentenceText(i: number): string {
    const s = this.doc.sentences[i];
    return s ? this.doc.text.slice(s.start, s.end) : "";
  }

  /** Index of the sentence holding `offset`, or -1 (binary search: sentences are in text order). */
  sentenceAt(offset: number): number {
    const ss = this.doc.sentences;
    let lo = 0;
    let hi = ss.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = ss[mid];
      if (!s) break;
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** The claim's sentence index; falls back to its `sentence` span when the evidence lies between sentences. */
  sentenceOf(claim: Claim): number {
    const i = this.sentenceAt(claim.evidence.start);
    return i >= 0 ? i : this.sentenceAt(claim.sentence.start);
  }

  /** The span to read a claim's context from: its sentence, or the claim's own sentence span. */
  spanOf(claim: Claim): TextSpan {
    const i = this.sentenceOf(claim);
    return this.sentence(i) ?? claim.sentence;
  }

  inHeadline(span: TextSpan): boolean {
    const h = this.doc.headline;
    return h !== null && span.start >= h.start && span.end <= h.end;
  }

  /** A line break between sentence i-1 and i: a new paragraph. */
  paragraphStarts(i: number): boolean {
    const prev = this.doc.sentences[i - 1];
    const cur = this.doc.sentences[i];
    if (!prev || !cur) return true;
    return this.doc.text.slice(prev.end, cur.start).includes("\n");
  }

  /** Sentence i goes on with the story of sentence i-1 ("The blast also wounded …", "He added …"). */
  continues(i: number): boolean {
    return this.cached("continues", i, () => {
      const text = this.sentenceText(i);
      if (NEW_STORY.test(text)) return false;
      return scan(CONTINUATION_LEXICON, text).some(
        (h) => h.start === 0 || text.slice(0, h.start).trim() === "",
      );
    });
  }

  /**
   * Sentences before i that the claim's sentence carries on from, nearest first: the rest of its paragraph, and
   * across a paragraph break only when the sentence opens with an explicit continuation.
   */
  carriedFrom(i: number, limit = 3): number[] {
    const out: number[] = [];
    let cur = i;
    while (out.length < limit && cur > 0) {
      const text = this.sentenceText(cur);
      if (NEW_STORY.test(text)) break;
      if (this.paragraphStarts(cur) && !this.continues(cur)) break;
      cur -= 1;
      const prev = this.sentence(cur);
      // The headline is not part of the story's prose.
      if (!prev || this.inHeadline(prev)) break;
      out.push(cur);
    }
    return out;
  }

  cached<T>(kind: string, i: number, make: () => T): T {
    const key = `${kind}:${i}`;
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = make();
    this.memo.set(key, value);
    return value;
  }
}
