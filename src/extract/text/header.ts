// Finds an article's title and publication date where plain text carries them: a headline line near the top,
// a date line under it ("March 25, 2017 at 11:22 am"), or a wire dateline ("SAN SALVADOR, 4 JAN 90 --").
import type { TextSpan } from "../types.ts";

export interface Header {
  title: string | null;
  titleSpan: TextSpan | null;
  /** "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM". */
  published: string | null;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7,
  july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const TIME = "(?:,? (?:at )?(\\d{1,2}):(\\d{2}) ?([ap])\\.?m\\.?)?";
const DATE_PATTERNS: Array<{ re: RegExp; read(m: RegExpExecArray): [number, number, number, number | null, number | null] }> = [
  {
    // March 25, 2017 at 11:22 am
    re: new RegExp(`\\b${MONTH} (\\d{1,2}),? (\\d{4})${TIME}`, "i"),
    read: (m) => [Number(m[3]), MONTHS[m[1]!.toLowerCase()]!, Number(m[2]), hour(m[4], m[6]), m[5] ? Number(m[5]) : null],
  },
  {
    // 25 March 2017
    re: new RegExp(`\\b(\\d{1,2}) ${MONTH},? (\\d{4})${TIME}`, "i"),
    read: (m) => [Number(m[3]), MONTHS[m[2]!.toLowerCase()]!, Number(m[1]), hour(m[4], m[6]), m[5] ? Number(m[5]) : null],
  },
  {
    // 2017-03-25
    re: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/,
    read: (m) => [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ? Number(m[4]) : null, m[5] ? Number(m[5]) : null],
  },
];

function hour(h: string | undefined, ampm: string | undefined): number | null {
  if (!h) return null;
  let n = Number(h) % 12;
  if (ampm?.toLowerCase() === "p") n += 12;
  return n;
}

const pad = (n: number) => String(n).padStart(2, "0");

function readDate(line: string): string | null {
  for (const p of DATE_PATTERNS) {
    const m = p.re.exec(line);
    if (!m) continue;
    const [y, mo, d, h, mi] = p.read(m);
    if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && y > 1900 && y < 2200)) continue;
    const date = `${y}-${pad(mo)}-${pad(d)}`;
    return h !== null && mi !== null ? `${date}T${pad(h)}:${pad(mi)}` : date;
  }
  return null;
}

// "SAN SALVADOR, 4 JAN 90 --", "LIMA, 4 JUN 89 (EFE) --"
const WIRE_DATELINE = new RegExp(`^[A-Z][A-Z .'-]{1,40}, (\\d{1,2}) ${MONTH} (\\d{2}|\\d{4})\\b`, "i");

export function detectHeader(text: string): Header {
  const lines: Array<{ text: string; start: number }> = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m && lines.length < 12; m = re.exec(text)) {
    if (m[0].trim()) lines.push({ text: m[0], start: m.index });
  }
  const first = lines[0];
  if (!first) return { title: null, titleSpan: null, published: null };
  const wire = WIRE_DATELINE.exec(first.text);
  if (wire) {
    const yy = Number(wire[3]);
    const year = wire[3]!.length === 2 ? (yy > 40 ? 1900 + yy : 2000 + yy) : yy;
    const mo = MONTHS[wire[2]!.toLowerCase()]!;
    return { title: null, titleSpan: null, published: `${year}-${pad(mo)}-${pad(Number(wire[1]))}` };
  }
  let published: string | null = null;
  let dateLine = -1;
  for (let i = 0; i < Math.min(lines.length, 8); i++) {
    const l = lines[i]!.text.trim();
    if (l.length > 90) continue;
    const d = readDate(l);
    // A date line is mostly date: few other words ("Published:", "Updated", "at 11:22 am").
    if (d && l.replace(/[\d,:.\s-]/g, "").length <= 40) {
      published = d;
      dateLine = i;
      break;
    }
  }
  const looksLikeTitle = (l: string) => {
    const t = l.trim();
    return t.length >= 10 && t.length <= 200 && t.split(/\s+/).length >= 3 && !/[.:;,]$/.test(t);
  };
  let titleLine: { text: string; start: number } | undefined;
  if (dateLine > 0) {
    for (let i = dateLine - 1; i >= 0; i--) {
      if (looksLikeTitle(lines[i]!.text)) {
        titleLine = lines[i];
        break;
      }
    }
  } else if (lines.length > 1 && looksLikeTitle(first.text) && !/[.!?]["”’]?$/.test(first.text.trim())) {
    titleLine = first;
  }
  if (!titleLine) return { title: null, titleSpan: null, published };
  const lead = titleLine.text.length - titleLine.text.trimStart().length;
  const title = titleLine.text.trim();
  const start = titleLine.start + lead;
  return { title, titleSpan: { start, end: start + title.length }, published };
}
