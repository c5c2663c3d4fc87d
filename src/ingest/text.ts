// Plain-text articles. The extractor detects titles and datelines too; this only fills the article's
// fields when the top of the text makes them obvious.
import type { ArticleInput } from "../store/types.ts";
import { findDateline } from "./dates.ts";

const HEAD_LINES = 12;

/** A line that reads like a headline: a few words, no sentence end, not a date or a URL. */
export function looksLikeHeadline(line: string): boolean {
  const s = line.trim();
  if (s.length < 12 || s.length > 200) return false;
  const words = s.split(/\s+/);
  if (words.length < 3 || words.length > 30) return false;
  if (/[.,;:]$/.test(s)) return false;
  if (/^(?:https?:\/\/|www\.)/i.test(s)) return false;
  if (!/\p{L}/u.test(s)) return false;
  return true;
}

export function textToArticle(raw: string, origin: string): ArticleInput {
  const text = raw.replace(/\r\n?/g, "\n").replace(/^\ufeff/, "");
  if (!text.trim()) throw new Error("empty text");
  const lines = text.split("\n");
  const nonEmpty: { line: string; index: number }[] = [];
  for (let i = 0; i < lines.length && nonEmpty.length < HEAD_LINES; i++) {
    const l = (lines[i] ?? "").trim();
    if (l) nonEmpty.push({ line: l, index: i });
  }
  const dateline = findDateline(nonEmpty.map((x) => x.line), HEAD_LINES);
  let title: string | null = null;
  if (dateline && dateline.line > 0) {
    // Web copies often carry a site tagline or menu words above the headline: take the headline-like line
    // closest above the dateline.
    for (let i = dateline.line - 1; i >= 0; i--) {
      const l = nonEmpty[i]?.line ?? "";
      if (looksLikeHeadline(l)) {
        title = l;
        break;
      }
    }
  }
  if (title === null) {
    const first = nonEmpty[0]?.line ?? "";
    if (looksLikeHeadline(first)) title = first;
  }
  return {
    title,
    published: dateline?.date ?? null,
    outlet: null,
    author: null,
    url: null,
    text,
    origin,
  };
}
