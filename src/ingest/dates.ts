// Publication dates: normalise what pages and feeds declare to ISO, and find a dateline near the top of a text.
// Dates without a zone stay zone-less ("2017-03-25T11:22:00") instead of being guessed into UTC.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const MONTH_RE = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const WEEKDAY_RE = "(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?";
// "March 25, 2017" / "Saturday, March 25 2017"
const MDY = new RegExp(`^${WEEKDAY_RE}${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, "i");
// "25 March 2017" / "Sat 25 Mar, 2017"
const DMY = new RegExp(`^${WEEKDAY_RE}(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE},?\\s+(\\d{4})`, "i");
const TIME_TAIL = /^(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?/i;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function ymd(y: number, m: number, d: number): string | null {
  return validYmd(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
}

function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, "").slice(0, name.toLowerCase().startsWith("sept") ? 4 : 3)];
}

/** A date written out with a month name at the start of `s`; returns the ISO date and how many chars it used. */
export function parseWrittenDate(s: string): { date: string; length: number } | null {
  let y: number, mo: number | undefined, d: number, used: number;
  const a = MDY.exec(s);
  if (a?.[1] && a[2] && a[3]) {
    mo = monthNumber(a[1]);
    d = Number(a[2]);
    y = Number(a[3]);
    used = a[0].length;
  } else {
    const b = DMY.exec(s);
    if (!b?.[1] || !b[2] || !b[3]) return null;
    mo = monthNumber(b[2]);
    d = Number(b[1]);
    y = Number(b[3]);
    used = b[0].length;
  }
  if (mo === undefined) return null;
  const date = ymd(y, mo, d);
  if (!date) return null;
  const t = TIME_TAIL.exec(s.slice(used));
  return { date, length: used + (t?.[0].length ?? 0) };
}

/**
 * Normalises a declared date to ISO 8601: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" (no zone given) or a UTC
 * "…Z" instant (zone given). Returns null for anything that is not clearly a date.
 */
export function normaliseDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (!s) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(s);
  if (iso) {
    const [, y, mo, d, hh, mm, ss, zone] = iso;
    const date = ymd(Number(y), Number(mo), Number(d));
    if (!date) return null;
    if (hh === undefined || mm === undefined) return date;
    if (Number(hh) > 23 || Number(mm) > 59) return date;
    if (zone) {
      const t = Date.parse(s.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
      return Number.isNaN(t) ? date : new Date(t).toISOString();
    }
    return `${date}T${hh}:${mm}:${ss ?? "00"}`;
  }
  if (/^\d{4}-\d{2}$/.test(s) || /^\d{4}$/.test(s)) return null; // too coarse to be a publication date
  const written = parseWrittenDate(s);
  if (written) return written.date;
  // RFC 2822 and friends ("Sat, 25 Mar 2017 11:22:00 GMT"), as RSS pubDate uses.
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const dt = new Date(t);
  if (/\bgmt\b|\butc\b|\bz\b|[+-]\d{4}\b|\b[ecmp][sd]t\b/i.test(s)) return dt.toISOString();
  return ymd(dt.getFullYear(), dt.getMonth() + 1, dt.getDate());
}

/**
 * A dateline among the first lines of a text: a short line that is mostly a date, e.g. "March 25, 2017 at 11:22 am"
 * or "Published: 25 March 2017". Returns the date (day precision: a dateline's clock time has no zone) and its line.
 */
export function findDateline(lines: readonly string[], maxLines = 12): { date: string; line: number } | null {
  const limit = Math.min(lines.length, maxLines);
  for (let i = 0; i < limit; i++) {
    const line = (lines[i] ?? "").trim();
    if (!line || line.length > 80) continue;
    const body = line.replace(/^(?:published|posted|updated|last updated|date)\s*(?:on)?\s*:?\s*/i, "");
    const iso = /^(\d{4}-\d{2}-\d{2})\b/.exec(body);
    const date = iso?.[1] ? normaliseDate(iso[1]) : (parseWrittenDate(body)?.date ?? null);
    if (!date) continue;
    const used = iso?.[1] ? iso[1].length : (parseWrittenDate(body)?.length ?? 0);
    // The rest may hold a time zone or a place ("| Baghdad"), but not a sentence.
    const rest = body.slice(used).trim();
    if (rest.length <= 24 && !/[.!?]\s*\S/.test(rest)) return { date, line: i };
  }
  return null;
}
