// When a claim's casualties happened: a period resolved against the publication date. chrono-node reads the
// ordinary dates; the lexicon's relative expressions cover what chrono misses or misreads for news (which is
// always about the past).
// The English locale alone: the package root loads every language's parsers (a quarter second at start-up) and its
// `casual` is this same object.
import * as chrono from "chrono-node/en";
import type { Claim, Period, PeriodPrecision, TextSpan } from "../types.ts";
import type { DocState } from "./doc.ts";
import {
  MONTH_NAMES,
  RECOVERY,
  REPORT_VERB_BEFORE,
  RELATIVE_DATE_LEXICON,
  SINCE_BEFORE,
  TIME_OF_DAY_OF,
  type RelativeDate,
} from "./lexicon.ts";
import { blank, nearest, scan } from "./match.ts";

export interface DateMention extends TextSpan {
  text: string;
  /** Dates a verb of saying ("said Friday", "announced on Monday"): when the report was made, not the event. */
  ofReport: boolean;
  /** Null for the markers that point at another date ("on the same day"). */
  period: Period | null;
  kind: "date" | "same_day" | "same_period";
  /** "since …": the period runs from this date to publication. */
  since: boolean;
}

const DAY_MS = 86_400_000;
const MONTH_CUE_BEFORE =
  /(?:\b(?:in|since|during|until|till|by|last|this|next|from|through|to|of|early|mid|late|and|or|before|after)|[,(–—-])\s*$/i;

// ---------------------------------------------------------------------------------------------------------------
// Calendar helpers, all in UTC so that no machine time zone leaks into the dates.

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

export function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function parseIso(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  return m ? utc(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function addDays(date: Date, n: number): Date {
  return new Date(date.getTime() + n * DAY_MS);
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function monthPeriod(y: number, m: number, text: string): Period {
  return { start: iso(utc(y, m, 1)), end: iso(utc(y, m, lastDayOfMonth(y, m))), precision: "month", text };
}

function span(start: Date, end: Date, text: string, precision?: PeriodPrecision): Period {
  const days = Math.round((end.getTime() - start.getTime()) / DAY_MS) + 1;
  const p: PeriodPrecision =
    precision ??
    (days <= 1 ? "day" : days <= 6 ? "days" : days <= 7 ? "week" : days <= 31 ? "month" : "year");
  return { start: iso(start), end: iso(end), precision: p, text };
}

const MONTH_INDEX: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function monthOf(word: string): number | null {
  return MONTH_INDEX[word.slice(0, 3).toLowerCase()] ?? null;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};

// ---------------------------------------------------------------------------------------------------------------
// The reference date: the publication date, else a dateline the text carries ("SAN SALVADOR, 4 JAN 90 --").

const DATELINE = new RegExp(
  `^\\s*[A-Z][A-Z .'’-]+(?:,\\s*[A-Za-z .'’-]+)?,\\s*(\\d{1,2}\\s+(?:${MONTH_NAMES})\\.?\\s+\\d{2,4}|(?:${MONTH_NAMES})\\.? \\d{1,2},? \\d{4})\\s*(?:\\([^()]{1,60}\\)\\s*)?(?:--|—|–|-)`,
  "i",
);
/** A line that is only a date, as under a headline: "March 25, 2017 at 11:22 am". */
const DATE_LINE = new RegExp(
  `^\\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?(?:(?:${MONTH_NAMES})\\.? \\d{1,2},? \\d{4}|\\d{1,2} (?:${MONTH_NAMES})\\.? \\d{4})(?:,? (?:at )?\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?(?: [A-Z]{2,4})?)?\\s*$`,
  "i",
);

/** A wire dateline without a year: "MOSUL, Iraq, March 26 (Reuters) -", "BAGHDAD, 26 March —". */
const SHORT_DATELINE = new RegExp(
  `^\\s*[A-Z][A-Z .'’-]+(?:,\\s*[A-Za-z .'’-]+)?,\\s*((?:${MONTH_NAMES})\\.? \\d{1,2}|\\d{1,2} (?:${MONTH_NAMES})\\.?)\\s*(?:\\([^()]{1,60}\\)\\s*)?(?:--|—|–|-)`,
  "i",
);

/** "between 3 and 5 May 2020", "between the 3rd and 5th of May". */
const BETWEEN_DAYS = new RegExp(
  `\\bbetween (?:the )?(\\d{1,2})(?:st|nd|rd|th)? and (?:the )?(\\d{1,2})(?:st|nd|rd|th)?(?: of)? (${MONTH_NAMES})\\.?(?:,? ((?:19|20)\\d\\d))?\\b`,
  "gi",
);

const TIMESTAMP = /\d{4},? (?:at )?\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,4})?$/i;
const STAMP_LABEL = /\b(?:posted|updated|published|last modified|created)(?: on| at)?:? *$/i;

export interface Reference {
  /** Dateline date, else publication date; null when the text gives none: then only absolute dates resolve. */
  date: Date | null;
  /** Report-date spans in the text: never an event date. */
  reportSpans: TextSpan[];
}

export function reference(state: DocState): Reference {
  return state.cached("reference", 0, () => {
    const { doc } = state;
    const reportSpans: TextSpan[] = [];
    const published = doc.published ? parseIso(doc.published) : null;
    let date = published;
    let dateline: Date | null = null;
    const dl = DATELINE.exec(doc.text.slice(0, 300)) ?? SHORT_DATELINE.exec(doc.text.slice(0, 300));
    if (dl?.[1]) {
      const at = dl.index + dl[0].indexOf(dl[1]);
      reportSpans.push({ start: at, end: at + dl[1].length });
      // A dateline without a year ("MOSUL, Iraq, March 26 (Reuters) -") takes the publication's year, else none.
      const instant = published
        ? new Date(published.getTime() + 12 * 3_600_000)
        : new Date(Date.UTC(2000, 0, 1, 12));
      const parsed = chrono.casual.parse(dl[1], { instant, timezone: "UTC" }, { forwardDate: false })[0];
      if (parsed && (parsed.start.isCertain("year") || published)) {
        const d = parsed.start.date();
        dateline = utc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
        if (published && dateline > published)
          dateline = utc(dateline.getUTCFullYear() - 1, dateline.getUTCMonth() + 1, dateline.getUTCDate());
      }
      // The dateline is when the text itself was written: relative days ("on Thursday") count back from it.
      if (dateline) date = dateline;
    }
    for (let i = 0; i < Math.min(state.sentenceCount, 8); i++) {
      const text = state.sentenceText(i);
      const s = state.sentence(i);
      if (!s || !DATE_LINE.test(text)) continue;
      reportSpans.push(s);
      if (!date) {
        const parsed = chrono.casual.parseDate(text, {
          instant: new Date(Date.UTC(2000, 0, 1, 12)),
          timezone: "UTC",
        });
        if (parsed) date = utc(parsed.getUTCFullYear(), parsed.getUTCMonth() + 1, parsed.getUTCDate());
      }
    }
    return { date, reportSpans };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the dates in one sentence.

function fromChrono(r: chrono.ParsedResult, pub: Date | null, before: string, after = ""): Period | null {
  const s = r.start;
  const known = (c: chrono.Component) => s.isCertain(c);
  if (!known("day") && !known("weekday") && !known("month") && !known("year")) return null; // a time of day only
  if (r.tags().has("casualReference/now")) return null;
  // "yesterday", "last week" with neither a dateline nor a publication date: no day to count back from.
  if (!pub && [...r.tags()].some((t) => t.startsWith("casualReference/") || t === "result/relativeDate"))
    return null;
  // "two weeks after a boy was shot", "three days later": counted from an event, not from publication.
  if (/\b(?:after|later|from now|hence)$/i.test(r.text)) return null;
  if (!pub && !known("year")) return null; // nothing to resolve a relative date against
  const text = r.text;

  if (r.end) {
    const a = utc(s.get("year") ?? 0, s.get("month") ?? 1, s.get("day") ?? 1);
    const e = r.end;
    const b = utc(e.get("year") ?? 0, e.get("month") ?? 1, e.get("day") ?? 1);
    return span(a, b, text);
  }

  let y = s.get("year") ?? pub?.getUTCFullYear() ?? 0;
  const m = s.get("month") ?? 1;
  if (known("day") || known("weekday")) {
    let d = utc(y, m, s.get("day") ?? 1);
    if (pub && d > pub) {
      // chrono picks the nearest weekday, which can be ahead: "on Sunday" in a Saturday paper is six days back.
      if (!known("day")) d = addDays(d, -7);
      else if (!known("year")) d = utc(y - 1, m, s.get("day") ?? 1);
    }
    const ago = /\b(week|month|year)s? ago\b/i.exec(text)?.[1]?.toLowerCase() as PeriodPrecision | undefined;
    if (ago) return { start: iso(d), end: iso(d), precision: ago, text };
    // "Around 9 May 2020", "on or about": a day either side. "(as reported)" after the date: the day it was
    // reported, so the event fell on it or the day before.
    const approx = /\b(?:around|about|circa|approximately|on or about|or about)\s*$/i.test(before);
    const asReported = /^\s*\(?as reported\b/i.test(after);
    if (approx || asReported) {
      const first = addDays(d, -1);
      const last = approx ? addDays(d, 1) : d;
      return {
        start: iso(first),
        end: iso(pub && last > pub ? pub : last),
        precision: "days",
        text: asReported ? `${text} (as reported)` : text,
      };
    }
    return { start: iso(d), end: iso(d), precision: "day", text };
  }
  if (known("month")) {
    // A bare month name must read as a date: not "the funeral MARCH OF the ten", not "they MAY".
    if (!known("year") && !MONTH_CUE_BEFORE.test(before)) return null;
    if (pub && !known("year") && utc(y, m, 1) > pub) y -= 1;
    return monthPeriod(y, m, text);
  }
  return span(utc(y, 1, 1), utc(y, 12, 31), text, "year");
}

function fromRelative(kind: RelativeDate, text: string, pub: Date | null): Period | null {
  if (kind === "same_day" || kind === "same_period") return null;
  if (kind === "part_of_month") {
    const mm = new RegExp(`(${MONTH_NAMES})`, "i").exec(text);
    const month = mm?.[1] ? monthOf(mm[1]) : null;
    const yearWord = /\b((?:19|20)\d\d)\b/.exec(text)?.[1];
    if (!month || (!yearWord && !pub)) return null;
    let y = yearWord ? Number(yearWord) : (pub?.getUTCFullYear() ?? 0);
    const part = /^\W*(?:the )?(\w+)/i.exec(text)?.[1]?.toLowerCase() ?? "mid";
    const [from, to] =
      part === "early" || part === "beginning" || part === "start"
        ? [1, 10]
        : part === "late" || part === "end"
          ? [21, lastDayOfMonth(y, month)]
          : [11, 20];
    if (!yearWord && pub && utc(y, month, from) > pub) y -= 1;
    const last = Math.min(to, lastDayOfMonth(y, month));
    return { start: iso(utc(y, month, from)), end: iso(utc(y, month, last)), precision: "month", text };
  }
  if (kind === "part_of_year") {
    const y = Number(/(\d{4})/.exec(text)?.[1]);
    const part = /(early|mid|late)/i.exec(text)?.[1]?.toLowerCase();
    const [a, b] = part === "early" ? [1, 4] : part === "late" ? [9, 12] : [5, 8];
    return { start: iso(utc(y, a, 1)), end: iso(utc(y, b, lastDayOfMonth(y, b))), precision: "year", text };
  }
  if (kind === "year") {
    const y = Number(/(\d{4})/.exec(text)?.[1]);
    return span(utc(y, 1, 1), utc(y, 12, 31), text, "year");
  }
  if (!pub) return null; // everything below is relative to publication
  const y = pub.getUTCFullYear();
  const m = pub.getUTCMonth() + 1;
  const dow = pub.getUTCDay(); // 0 = Sunday
  switch (kind) {
    case "weekend": {
      let sat = addDays(pub, -((dow + 1) % 7));
      // In a weekend paper, "last weekend" is the one before this.
      if (/\blast weekend\b/i.test(text) && (dow === 0 || dow === 6)) sat = addDays(sat, -7);
      const sun = addDays(sat, 1);
      return span(sat, sun > pub ? pub : sun, text, "days");
    }
    case "overnight":
      return span(addDays(pub, -1), pub, text, "days");
    case "last_night":
      return span(addDays(pub, -1), addDays(pub, -1), text, "day");
    case "past_n": {
      const n = /\b(\d+|[a-z]+) (hour|day|week|month|year)s?\b/i.exec(text);
      const count = n?.[1] ? Number(n[1]) || NUMBER_WORDS[n[1].toLowerCase()] || 1 : 1;
      const unit = (n?.[2] ?? /(hour|day|week|month|year)/i.exec(text)?.[1] ?? "day").toLowerCase();
      const days =
        unit === "hour"
          ? Math.max(1, Math.ceil(count / 24))
          : unit === "week"
            ? 7 * count
            : unit === "month"
              ? 30 * count
              : unit === "year"
                ? 365 * count
                : count;
      return span(addDays(pub, -days), pub, text);
    }
    case "this_year":
      return span(utc(y, 1, 1), pub, text, "year");
    case "this_month":
      return span(utc(y, m, 1), pub, text, "month");
    case "this_week":
      return span(addDays(pub, -((dow + 6) % 7)), pub, text, "week");
    case "last_week": {
      const monday = addDays(pub, -((dow + 6) % 7) - 7);
      return span(monday, addDays(monday, 6), text, "week");
    }
    case "last_month":
      return m === 1 ? monthPeriod(y - 1, 12, text) : monthPeriod(y, m - 1, text);
    case "last_year":
      return span(utc(y - 1, 1, 1), utc(y - 1, 12, 31), text, "year");
  }
  return null;
}

/** The date expressions of sentence i, each resolved; run once per sentence. */
export function mentionsIn(state: DocState, i: number): DateMention[] {
  return state.cached("dates", i, () => {
    const s = state.sentence(i);
    if (!s) return [];
    const text = state.sentenceText(i);
    const ref = reference(state);
    const pub = ref.date;
    const out: DateMention[] = [];

    for (const hit of scan(RELATIVE_DATE_LEXICON, text, s.start)) {
      const kind =
        hit.value === "same_day" ? "same_day" : hit.value === "same_period" ? "same_period" : "date";
      const period = fromRelative(hit.value, hit.text, pub);
      if (kind === "date" && !period) continue;
      out.push({
        start: hit.start,
        end: hit.end,
        text: hit.text,
        period,
        kind,
        since: false,
        ofReport: false,
      });
    }

    // "between 3 and 5 May 2020": chrono reads only the second day.
    for (const m of text.matchAll(BETWEEN_DAYS)) {
      const month = monthOf(m[3] ?? "");
      const yearWord = m[4];
      if (!month || (!yearWord && !pub)) continue;
      let y = yearWord ? Number(yearWord) : (pub as Date).getUTCFullYear();
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (!(a >= 1 && b >= a && b <= lastDayOfMonth(y, month))) continue;
      if (!yearWord && pub && utc(y, month, a) > pub) y -= 1;
      const start = s.start + m.index;
      const period = span(utc(y, month, a), utc(y, month, b), m[0]);
      out.push({
        start,
        end: start + m[0].length,
        text: m[0],
        period,
        kind: "date",
        since: false,
        ofReport: false,
      });
    }

    let prepared = text;
    for (const m of text.matchAll(TIME_OF_DAY_OF)) prepared = blank(prepared, m.index, m.index + m[0].length);
    const instant = pub ? new Date(pub.getTime() + 12 * 3_600_000) : new Date(Date.UTC(2000, 0, 1, 12));
    const refDate = { instant, timezone: "UTC" };
    for (let r of chrono.casual.parse(prepared, refDate, { forwardDate: false })) {
      let index = r.index;
      // "In December, 40 people were killed": chrono takes the count for a two-digit year.
      const count = /,\s*\d{1,2}$/.exec(r.text);
      if (count && /^\s+\D/.test(prepared.slice(r.index + r.text.length))) {
        const again = chrono.casual.parse(prepared.slice(r.index, r.index + count.index), refDate, {
          forwardDate: false,
        })[0];
        if (!again) continue;
        index = r.index + again.index;
        r = again;
      }
      const start = s.start + index;
      const end = start + r.text.length;
      if (out.some((m) => m.start < end && start < m.end)) continue; // the lexicon's reading wins
      if (ref.reportSpans.some((d) => d.start < end && start < d.end)) continue;
      // "Posted: Wednesday, March 12, 2014 8:04 AM EST": the page's time stamp, not the event's.
      if (TIMESTAMP.test(r.text) || STAMP_LABEL.test(prepared.slice(Math.max(0, index - 20), index)))
        continue;
      const period = fromChrono(
        r,
        pub,
        prepared.slice(Math.max(0, index - 20), index),
        prepared.slice(index + r.text.length, index + r.text.length + 20),
      );
      if (period) out.push({ start, end, text: r.text, period, kind: "date", since: false, ofReport: false });
    }

    out.sort((a, b) => a.start - b.start);
    markSince(text, s.start, out);
    for (const m of out)
      m.ofReport = REPORT_VERB_BEFORE.test(
        text.slice(Math.max(0, m.start - s.start - 40), m.start - s.start),
      );
    return out;
  });
}

/** "since mid-February", "since the start of the army campaign almost six weeks ago": a running total's start. */
function markSince(text: string, offset: number, mentions: DateMention[]): void {
  for (const m of text.matchAll(SINCE_BEFORE)) {
    const from = offset + m.index;
    const next = mentions.find((d) => d.start >= from);
    if (!next || next.kind !== "date") continue;
    const between = text.slice(m.index + m[0].length, next.start - offset);
    if (between.length > 80 || /[.;:]/.test(between)) continue;
    next.since = true;
    next.text = text.slice(m.index, next.end - offset);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Choosing the claim's period.

function upperBound(end: string | null, text: string | null = null): Period {
  return { start: null, end, precision: null, text };
}

/** The last dated mention in the sentences before i (for "on the same day"). */
function lastDateBefore(state: DocState, i: number, limit = 5): Period | null {
  for (let j = i - 1; j >= 0 && j >= i - limit; j--) {
    const dated = mentionsIn(state, j).filter((m) => m.kind === "date" && m.period);
    const last = dated[dated.length - 1];
    if (last?.period) return last.period;
  }
  return null;
}

function fromMention(state: DocState, m: DateMention, i: number, previous: Period | null): Period | null {
  const pubIso = reference(state).date ? iso(reference(state).date as Date) : null;
  if (m.kind === "same_period") return previous ? { ...previous, text: m.text } : null;
  if (m.kind === "same_day") {
    const p = lastDateBefore(state, i) ?? previous;
    return p ? { ...p, text: m.text } : null;
  }
  if (!m.period) return null;
  if (m.since)
    return { start: m.period.start, end: pubIso ?? null, precision: m.period.precision, text: m.text };
  return { ...m.period };
}

/**
 * The period of one claim: the date nearest the figure in its sentence; else a date carried from the sentence
 * it continues; else only the upper bound (publication), because the report date is never the event date.
 * `previous` is the period of the claim before it ("over the same period").
 */
export function periodFor(state: DocState, claim: Claim, previous: Period | null): Period {
  const ref = reference(state);
  const pubIso = ref.date ? iso(ref.date) : null;
  const i = state.sentenceOf(claim);
  let period: Period | null = null;

  const mentions = mentionsIn(state, i);
  // The event's date beats the report's ("police said Friday … a shooting Thursday afternoon"); a report date is
  // used only when it is all the sentence has (the seed's "On Wednesday, an officer told Anadolu …").
  const events = mentions.filter((m) => !m.ofReport);
  const here = nearest(events.length > 0 ? events : mentions, claim.evidence);
  if (here) period = fromMention(state, here, i, previous);
  if (!period && i > 0 && state.continues(i)) {
    const carried = mentionsIn(state, i - 1);
    const last = carried[carried.length - 1];
    if (last) period = fromMention(state, last, i - 1, previous);
  }
  // A claim without a date of its own happened when the document's event did.
  period ??= inheritedPeriod(state, i);
  if (!period) return upperBound(pubIso);

  // Bodies found or announced on a date died on or before it.
  const sentence = state.spanOf(claim);
  const after = state.doc.text.slice(claim.evidence.start, Math.min(sentence.end, claim.evidence.end + 80));
  if (RECOVERY.test(after)) return upperBound(period.end, period.text ?? null);
  return period;
}

/** A lead sentence about violence: its date is the event's ("On Wednesday, the president visited …" is not). */
const VIOLENCE =
  /\b(?:kill|dead|die[ds]?\b|dying|death|attack|clash|strike|struck|shell|bomb|explo|shot|shoot|gun|fire[ds]?\b|fighting|fought|raid|ambush|assault|massacre|murder|wound|injur|abduct|kidnap|behead|hit\b|target|fatalit|casualt|violen|battle|drone|mortar|rocket|missile|IED|grenade|protest|riot|stab|lynch|execut|torture|burn|loot|displac)/i;

/** How many body sentences count as the lead, where a report states when its event happened. */
const LEAD_SENTENCES = 2;

/**
 * The document's event date, which claims without a date of their own inherit. In order of evidence: the first
 * event date of the lead ("On 9 May 2020, …"), with its own precision; else the dateline's or publication date,
 * read as that day or the day before (news reports what happened since the last edition). Null when the text
 * gives none of them.
 */
export function documentPeriod(state: DocState): Period | null {
  return leadDate(state)?.period ?? fallbackPeriod(state);
}

/** The dateline's or publication date: that day or the day before. */
function fallbackPeriod(state: DocState): Period | null {
  const ref = reference(state).date;
  if (!ref) return null;
  return { start: iso(addDays(ref, -1)), end: iso(ref), precision: "days", text: null };
}

/**
 * Sentence i takes the lead's date when it is in the lead's paragraph (a short report is one event) or when the
 * lead is about violence; otherwise ("On Wednesday, the president visited Mosul." then a new paragraph) only the
 * dateline's or publication date.
 */
function inheritedPeriod(state: DocState, i: number): Period | null {
  const lead = leadDate(state);
  if (lead && lead.sentence <= i) {
    let sameParagraph = true;
    for (let j = lead.sentence + 1; j <= i; j++) if (state.paragraphStarts(j)) sameParagraph = false;
    if (sameParagraph || lead.violent) return { ...lead.period };
  }
  return fallbackPeriod(state);
}

function leadDate(state: DocState): { period: Period; sentence: number; violent: boolean } | null {
  return state.cached("leadDate", 0, () => {
    let body = 0;
    for (let i = 0; i < state.sentenceCount && body < LEAD_SENTENCES; i++) {
      const s = state.sentence(i);
      if (!s || state.inHeadline(s)) continue;
      const text = state.sentenceText(i);
      if (
        DATE_LINE.test(text) ||
        reference(state).reportSpans.some((r) => r.start <= s.start && r.end >= s.end)
      )
        continue;
      body++;
      const lead = mentionsIn(state, i).find(
        (m) =>
          m.kind === "date" &&
          !m.since &&
          !m.ofReport &&
          m.period?.start &&
          m.period.end &&
          m.period.precision !== "year",
      );
      if (lead?.period)
        return { period: { ...lead.period, text: lead.text }, sentence: i, violent: VIOLENCE.test(text) };
    }
    return null;
  });
}
