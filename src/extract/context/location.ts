// Where each claim happened: place mentions are found in the text, resolved against the gazetteer with the
// article's own country context, and each claim takes the nearest one. No I/O: the gazetteer is passed in.
import type { Claim, DocContext, Gazetteer, Location, LocationPrecision, Place, TextSpan } from "../types.ts";

/** A place named in the text, resolved. */
export interface PlaceMention extends TextSpan {
  /** As written, with any direction words ("western Mosul", "East of Khan Yunis"). */
  name: string;
  /** Where the name itself starts, after any direction words. */
  coreStart: number;
  place: Place;
  precision: LocationPrecision;
  /** After a locative word ("in", "at", "near" …): the likeliest place of an event in its sentence. */
  cued: boolean;
  dateline: boolean;
  sentence: number;
}

// English words that are also place names somewhere (Police, Poland; Of, Turkey; March, England …), plus words
// that start sentences. Only single-word matches are checked against it, so "Nice" stays out but "Split" in
// "Split, Croatia" does too: precision over recall for common words.
const STOP = new Set(
  (
    "a about above across after again against all also am an and any are around as at away back be because been " +
    "before being below between both but by can could did do does down during each even ever every few for from " +
    "further had has have he her here hers him his how however i if in inside into is it its just last least less " +
    "like many may me might more most much must my near never new next no nor not now of off on once one only or " +
    "other our out over own per same she should since so some still such than that the their them then there these " +
    "they this those through to too under until up upon us very was we were what when where which while who whom " +
    "why will with within without would yet you your " +
    // calendar
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august " +
    "september october november december today yesterday tomorrow week month year morning evening night " +
    // titles and roles, which precede person names that are also towns
    "mr mrs ms dr gen general col colonel major maj capt captain lt sgt president minister prime king queen prince " +
    "sheikh judge senator governor mayor chief officer commander police army military forces force government " +
    "officials official spokesman spokeswoman ministry security health hospital hospitals court state states " +
    // news vocabulary and words that are towns somewhere
    "said says told reported report reports read according news agency press media people civilians victims " +
    "young mobile reading split nice mission hope victory liberty union independence justice unity university " +
    "college church mosque school street road bridge airport camp centre center hall house home homes north south " +
    "east west northern southern eastern western central upper lower middle island islands lake river mount " +
    "city town village province region district county area zone border gate hill valley beach bay port " +
    "early late long little big great old white black green red blue brown gold silver rock stone wood " +
    "best good bad well fine dover bath sale deal kill killed dead death deaths man men woman women child children " +
    "boy girl boys girls family friend friends ben jan dan don tom sam max rose grace mary john paul david " +
    "victoria jackson lincoln washington houston austin florence charlotte " +
    "english british american russian french german arab arabs muslim muslims christian christians jewish kurdish " +
    "sunni shia shiite islamic islam daesh isis isil taliban hamas hezbollah qaeda " +
    "fire attack attacks bomb bombs strike strikes war peace camp base"
  ).split(" "),
);
// Town-named words that are safe when capitalised mid-sentence in mixed case, because in mixed case their
// capital letter marks them as names ("in Washington", "Victoria police").
const STOP_ONLY_WHEN_CAPS = new Set([
  "washington",
  "houston",
  "austin",
  "lincoln",
  "victoria",
  "jackson",
  "florence",
  "charlotte",
  "dover",
  "bath",
]);

/** Lowercase words allowed inside a multi-word name ("Deir ez-Zor", "Ma'arrat al-Numan", "Gulf of Aden"). */
const PARTICLES = new Set([
  "al",
  "el",
  "ad",
  "ar",
  "as",
  "ash",
  "at",
  "az",
  "ez",
  "es",
  "ed",
  "an",
  "de",
  "del",
  "della",
  "di",
  "da",
  "do",
  "dos",
  "das",
  "la",
  "le",
  "les",
  "of",
  "the",
  "on",
  "upon",
  "en",
  "sur",
  "am",
  "im",
  "bin",
  "ibn",
  "bani",
  "beni",
  "y",
]);

/** Words that mark the following capitalised word as a person, not a place ("Mr. Jordan", "Gen. Tripoli"). */
const TITLES =
  /\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Pte|Rep|Sen|Gov|St|President|Minister|Sheikh|Judge|Senator|Governor|Mayor|Imam|Pope|Brother|Sister|Father|Saint|Lord|Lady|Sir|Dame|General|Colonel|Major|Captain|Sergeant|Commander|Brigadier)\.?\s+$/i;
/** Words after a name that make it an organisation rather than a place ("Washington Post"). */
const ORG_AFTER =
  /^\s+(?:Post|Times|Herald|Journal|Tribune|Agency|University|Institute|Airlines|Airways|Group|Bank|Corp|Inc|Ltd|Company|Club|FC|United|Rovers|News|Radio|Television|TV|Gazette|Chronicle|Observer|Monitor|Daily|Express|Review)\b/;

const DIRECTION = "(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|central)";
/** "western Mosul", "north Gaza", "East of Khan Yunis": kept in the name as written. */
const MODIFIER_BEFORE = new RegExp(
  `\\b(?:${DIRECTION}(?:ern)?|${DIRECTION}\\s+of|outskirts\\s+of)\\s+(?:the\\s+)?$`,
  "i",
);
/** Words before a name that make its precision "near". */
const NEAR_BEFORE = new RegExp(
  `\\b(?:near|nearby|outside|close\\s+to|outskirts\\s+of|vicinity\\s+of|edge\\s+of|(?:kms?|kilomet(?:re|er)s?|miles?|mi)\\s+(?:from|of|outside|${DIRECTION}(?:ern)?(?:\\s+of)?)|${DIRECTION}\\s+of)\\s+(?:the\\s+)?(?:(?:city|town|village|province|district)\\s+of\\s+)?$`,
  "i",
);
/** Locative words: the place they introduce is where things happened. */
const CUE_BEFORE =
  /\b(?:in|at|near|nearby|outside|inside|across|around|throughout|into|within|on|of|from|to|toward|towards|through|entered|hit|struck|shelled|bombed|attacked)\s+(?:the\s+)?(?:(?:city|town|village|province|region|district|governorate|area|capital|outskirts|suburbs?|centre|center|streets)\s+of\s+)?(?:(?:war-torn|besieged|embattled|northern|southern|eastern|western|central|north|south|east|west|restive|occupied)\s+)?$/i;
/** Strong locatives only: used to prefer one mention over another within a sentence. */
const STRONG_CUE =
  /\b(?:in|at|near|outside|inside|across|around|throughout|into|within|outskirts\s+of|of)\s+(?:the\s+)?(?:\S+\s+)?$/i;
/** Capitalised words after a name that keep it a place ("Mosul Dam", "Jabalia Camp", "Gaza City"). */
const PLACE_NOUNS = new Set([
  "city",
  "town",
  "village",
  "camp",
  "province",
  "governorate",
  "region",
  "oblast",
  "state",
  "district",
  "county",
  "department",
  "prefecture",
  "municipality",
  "dam",
  "airport",
  "valley",
  "river",
  "square",
  "road",
  "street",
  "highway",
  "bridge",
  "port",
  "harbour",
  "harbor",
  "border",
  "crossing",
  "countryside",
  "suburb",
  "suburbs",
  "neighbourhood",
  "neighborhood",
  "hospital",
  "mosque",
  "market",
  "university",
  "stadium",
  "station",
  "heights",
  "plain",
  "plains",
  "mountains",
  "hills",
  "desert",
  "old",
  "central",
  "downtown",
]);
const DIRECTION_WORD =
  /^(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?$/;
const REGION_AFTER =
  /^[ -](?:province|governorate|region|oblast|state|district|county|department|prefecture)\b/i;

/** Demonyms point at a country without being a location: they only feed the country context. */
const DEMONYMS: Readonly<Record<string, string>> = {
  iraqi: "IQ",
  syrian: "SY",
  ukrainian: "UA",
  russian: "RU",
  israeli: "IL",
  palestinian: "PS",
  lebanese: "LB",
  libyan: "LY",
  afghan: "AF",
  pakistani: "PK",
  indian: "IN",
  yemeni: "YE",
  somali: "SO",
  sudanese: "SD",
  nigerian: "NG",
  malian: "ML",
  mexican: "MX",
  salvadoran: "SV",
  salvadorean: "SV",
  colombian: "CO",
  american: "US",
  british: "GB",
  turkish: "TR",
  iranian: "IR",
  egyptian: "EG",
  saudi: "SA",
  ethiopian: "ET",
  kenyan: "KE",
  congolese: "CD",
  burmese: "MM",
  filipino: "PH",
  nicaraguan: "NI",
  guatemalan: "GT",
  honduran: "HN",
  peruvian: "PE",
  jordanian: "JO",
  kurdish: "IQ",
  chechen: "RU",
  gazan: "PS",
  gazans: "PS",
};

/** Below this population a place needs support (a locative, its country in context) to count. */
const SUPPORT_POPULATION = 15_000;
/** Sentence-initial single words and all-caps words need this much population without support. */
const STRONG_POPULATION = 100_000;

interface Token {
  start: number;
  end: number;
  lower: string;
  capitalised: boolean;
  caps: boolean;
}

const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’]*(?:\.(?=\p{Lu}\.))?/gu;

function tokenize(text: string, capsLine: (offset: number) => boolean): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    let end = start + m[0].length;
    // "U.S." is one token; keep its final dot.
    if (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(m[0]) && text[end] === ".") end++;
    // Possessives: "Pakistan's Sindh province".
    else if (/['’]s$/i.test(m[0])) end -= 2;
    // Hyphenated words join tokens only when the next part is a name ("Khan-Younis", "al-Numan"); "US-led",
    // "Mosul-based" stay one token that never matches.
    const prev = out[out.length - 1];
    const raw = text.slice(start, end);
    const caps = capsLine(start);
    if (prev && text[start - 1] === "-" && prev.end === start - 1) {
      const suffixLower = raw.toLowerCase();
      const glued = caps ? ADJECTIVE_SUFFIX.has(suffixLower) : !/^\p{Lu}/u.test(raw);
      if (glued) {
        // Mark the previous token unusable: it is the head of an adjective like "US-led".
        out[out.length - 1] = { ...prev, end, lower: `${prev.lower}-${suffixLower}`, capitalised: false };
        continue;
      }
    }
    out.push({ start, end, lower: raw.toLowerCase(), capitalised: /^\p{Lu}/u.test(raw), caps });
  }
  return out;
}

const ADJECTIVE_SUFFIX = new Set([
  "led",
  "backed",
  "based",
  "born",
  "run",
  "controlled",
  "held",
  "aligned",
  "made",
  "brokered",
  "bound",
  "style",
  "funded",
  "allied",
  "owned",
  "linked",
]);

/** Lines where most letters are capitals (wire datelines, MUC-style all-caps texts). */
function capsLines(text: string): (offset: number) => boolean {
  const starts: number[] = [];
  const caps: boolean[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    let upper = 0;
    let letters = 0;
    for (let i = pos; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) {
        upper++;
        letters++;
      } else if (c >= 97 && c <= 122) letters++;
    }
    starts.push(pos);
    caps.push(letters >= 8 && upper / letters > 0.8);
    pos = end + 1;
  }
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return caps[lo] ?? false;
  };
}

interface RawMention {
  start: number;
  end: number;
  /** Start of the name itself, after any modifier. */
  coreStart: number;
  candidates: readonly Place[];
  words: number;
  caps: boolean;
  sentenceInitial: boolean;
  supported: boolean;
  /** Next to another capitalised word that is not part of the name: a person ("Adel Abu …") or a body. */
  inRun: boolean;
  /** All-capitals acronym in mixed-case text ("UN", "ID"): only a country alias may match. */
  acronym: boolean;
  cued: boolean;
  near: boolean;
  regionSuffix: boolean;
  dateline: boolean;
}

function findSentence(sentences: readonly TextSpan[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (!s) break;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function isSentenceInitial(text: string, start: number, sentences: readonly TextSpan[]): boolean {
  const i = findSentence(sentences, start);
  const s = i >= 0 ? sentences[i] : undefined;
  const from = s ? s.start : Math.max(0, text.lastIndexOf("\n", start - 1) + 1);
  return /^[\s"“‘'([]*$/.test(text.slice(from, start));
}

/** Candidate n-grams: runs of capitalised words (any word on all-caps lines), longest match first. */
function scanMentions(doc: DocContext, gazetteer: Gazetteer): RawMention[] {
  const text = doc.text;
  const capsLine = capsLines(text);
  const tokens = tokenize(text, capsLine);
  const maxWords = Math.max(1, gazetteer.maxWords);
  const out: RawMention[] = [];
  const adjacent = (a: Token, b: Token): boolean => {
    const gap = text.slice(a.end, b.start);
    return gap === " " || gap === "-";
  };
  const usable = (t: Token): boolean => t.capitalised && !t.lower.includes("-");
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    if (!usable(first)) {
      i++;
      continue;
    }
    // The run of tokens that could continue a name.
    let runEnd = i + 1;
    while (runEnd < tokens.length && runEnd - i < maxWords) {
      const t = tokens[runEnd] as Token;
      const prev = tokens[runEnd - 1] as Token;
      if (!adjacent(prev, t)) break;
      if (!(usable(t) || PARTICLES.has(t.lower))) break;
      runEnd++;
    }
    let matched = 0;
    let candidates: readonly Place[] = [];
    for (let n = runEnd - i; n >= 1; n--) {
      const last = tokens[i + n - 1] as Token;
      if (PARTICLES.has(last.lower) && n > 1) continue;
      // "Al Mawsil" may start with a particle; a lone "Al" or "De" is no place.
      if (n === 1 && PARTICLES.has(first.lower)) break;
      if (n === 1 && STOP.has(first.lower) && (first.caps || !STOP_ONLY_WHEN_CAPS.has(first.lower))) break;
      const found = gazetteer.lookup(text.slice(first.start, last.end));
      if (found.length > 0) {
        matched = n;
        candidates = found;
        break;
      }
    }
    if (matched === 0) {
      i++;
      continue;
    }
    const last = tokens[i + matched - 1] as Token;
    const before = text.slice(Math.max(0, first.start - 60), first.start);
    const after = text.slice(last.end, last.end + 40);
    i += matched;
    if (TITLES.test(before) || ORG_AFTER.test(after)) continue;
    // "Hawi al-Hawa": the name goes on with a particle and another name the gazetteer lacks, so the place named is
    // not the "Hawi" it knows (a hamlet in Hawaii); the sentence's other places will say where it is.
    if (
      /^(?:[ -](?:al|el|ad|ar|as|ash|at|az|an|ez|ed|es|bin|ibn|bani|beni)-\p{Lu}|[ -](?:al|el|ad|ar|as|ash|at|az|an|ez|ed|es) \p{Lu})/u.test(
        after,
      )
    )
      continue;
    const modifier = MODIFIER_BEFORE.exec(before);
    const prevTok = tokens[i - matched - 1];
    const nextTok = tokens[i];
    const isName = (t: Token | undefined): t is Token =>
      t !== undefined && usable(t) && !PARTICLES.has(t.lower) && !STOP.has(t.lower);
    const neighbourBefore = isName(prevTok) && adjacent(prevTok, first);
    const neighbourAfter = isName(nextTok) && adjacent(last, nextTok);
    const inRun =
      !first.caps &&
      ((neighbourBefore && !DIRECTION_WORD.test(prevTok.lower)) ||
        (neighbourAfter && !PLACE_NOUNS.has(nextTok.lower)));
    const written = text.slice(first.start, last.end);
    const start = modifier
      ? first.start - modifier[0].length + (modifier[0].length - modifier[0].trimStart().length)
      : first.start;
    const outer = text.slice(Math.max(0, start - 60), start);
    const caps = first.caps;
    const cued = CUE_BEFORE.test(outer) || CUE_BEFORE.test(before);
    out.push({
      start,
      end: last.end,
      coreStart: first.start,
      candidates,
      words: matched,
      caps,
      sentenceInitial: !modifier && isSentenceInitial(text, first.start, doc.sentences),
      supported: cued || /^,\s*\p{Lu}/u.test(after),
      inRun,
      acronym: !first.caps && matched === 1 && written.length <= 5 && written === written.toUpperCase(),
      cued: STRONG_CUE.test(outer) || STRONG_CUE.test(before),
      near: NEAR_BEFORE.test(before),
      regionSuffix: REGION_AFTER.test(after),
      dateline: false,
    });
  }
  return out;
}

/** "MOSUL, Iraq (Reuters) -", "SAN SALVADOR, 4 JAN 90 --": an upper-case place opening one of the first lines. */
function markDateline(doc: DocContext, mentions: RawMention[]): void {
  const text = doc.text;
  for (const m of mentions) {
    if (m.start > 600) break;
    const lineStart = text.lastIndexOf("\n", m.start - 1) + 1;
    if (text.slice(lineStart, m.start).trim() !== "") continue;
    const written = text.slice(m.coreStart, m.end);
    if (written !== written.toUpperCase()) continue;
    const rest = text.slice(m.end, m.end + 80);
    if (/^(?:\s*,[^\n]{0,50}?)?\s*(?:[(—–]|--|-\s)/.test(rest)) {
      m.dateline = true;
      return;
    }
  }
}

/** Evidence a mention gives for its country, before any disambiguation: none when it could be a word. */
function ownEvidence(m: RawMention): { country: string; weight: number } | null {
  const w = m.dateline ? 2 : 1;
  // A country name is that country whatever towns share it ("Lebanon", Ohio).
  const country = m.candidates.find((p) => p.kind === "country");
  if (country) return { country: country.country, weight: 2 * w };
  const first = m.candidates[0];
  if (!first || m.acronym) return null;
  for (const p of m.candidates) if (p.country !== first.country) return null;
  if (m.inRun) return null;
  const big = m.candidates.some((p) => p.population >= STRONG_POPULATION);
  const fair = m.candidates.some((p) => p.population >= SUPPORT_POPULATION);
  // On all-caps lines every word looks like a name, so only multi-word names and datelines vouch there.
  if (m.caps && m.words === 1 && !m.dateline && first.kind === "city") return null;
  if (first.kind === "region" || m.words > 1 || (m.cued && fair) || (big && !m.sentenceInitial)) {
    return { country: first.country, weight: w };
  }
  return null;
}

function countryContext(doc: DocContext, mentions: readonly RawMention[]): Map<string, number> {
  const weight = new Map<string, number>();
  const add = (cc: string, w: number): void => {
    weight.set(cc, (weight.get(cc) ?? 0) + w);
  };
  for (const m of mentions) {
    const e = ownEvidence(m);
    if (e) add(e.country, e.weight);
  }
  for (const m of doc.text.matchAll(/\b(\p{Lu}\p{Ll}+|\p{Lu}+)\b/gu)) {
    const cc = DEMONYMS[m[1]?.toLowerCase() ?? ""];
    if (cc) add(cc, 1);
  }
  return weight;
}

function choose(m: RawMention, context: ReadonlyMap<string, number>): Place | null {
  let best: Place | null = null;
  let bestScore = -Infinity;
  // A bare country name is the country, never a town sharing it ("Lebanon", Ohio); a US state may still win
  // "Georgia" by context.
  const hasCountry = m.candidates.some((p) => p.kind === "country");
  for (const p of m.candidates) {
    if ((m.acronym || hasCountry) && p.kind === "city") continue;
    const ctx = context.get(p.country) ?? 0;
    // Context outweighs population: one mention of Lebanon beats Tripoli, Libya's larger size.
    const score =
      Math.min(ctx, 6) * 2 +
      Math.log10(p.population + 10) +
      (p.kind === "country" ? 3 : p.kind === "region" ? 0.5 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = p;
    }
  }
  if (!best) return null;
  if (best.kind !== "city") return best;
  // The mention must not vouch for itself.
  const own = ownEvidence(m);
  const ctx = (context.get(best.country) ?? 0) - (own?.country === best.country ? own.weight : 0);
  const inContext = ctx > 0;
  if (m.inRun && m.words === 1 && !(best.population >= 1_000_000 && !m.sentenceInitial)) return null;
  // Weakly evidenced small places are usually ordinary words or names that happen to be villages.
  if (
    (m.sentenceInitial || m.caps) &&
    m.words === 1 &&
    !inContext &&
    !(m.supported && best.population >= STRONG_POPULATION)
  )
    return null;
  if (best.population < SUPPORT_POPULATION && !m.supported && !inContext) return null;
  if (m.caps && m.words === 1 && !m.dateline && !(m.cued && inContext)) return null;
  if (best.population < STRONG_POPULATION && !m.supported && !inContext && context.size > 0) return null;
  // Inside the article's country unless the text says otherwise: a town abroad that nothing in the text points to
  // loses to the country the article is about ("Hawi" in a Raqqa report is not Hāwī, Hawaii).
  const [top, topWeight] = [...context.entries()].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  if (!inContext && top !== best.country && topWeight >= 2 && best.population < 1_000_000 && m.words <= 2)
    return null;
  return best;
}

/** Every place named in the document, resolved, in text order. */
export function findPlaces(doc: DocContext, gazetteer: Gazetteer): PlaceMention[] {
  const raw = scanMentions(doc, gazetteer);
  markDateline(doc, raw);
  const context = countryContext(doc, raw);
  // A word once seen inside a person's name ("Henry Jackson") is that person when it recurs alone.
  const personWords = new Set<string>();
  for (const m of raw)
    if (m.inRun && m.words === 1) personWords.add(doc.text.slice(m.coreStart, m.end).toLowerCase());
  const out: PlaceMention[] = [];
  for (const m of raw) {
    const chosen = choose(m, context);
    if (!chosen) continue;
    if (chosen.kind === "city" && m.words === 1 && !m.cued) {
      if (personWords.has(doc.text.slice(m.coreStart, m.end).toLowerCase())) continue;
      // "Jackson, 17, was charged": a name with an age.
      if (/^,\s*\d{1,3}\s*,/.test(doc.text.slice(m.end, m.end + 12))) continue;
    }
    let place = chosen;
    if (m.regionSuffix && place.kind === "city") {
      // A region the gazetteer lacks ("Cook County", "Balkh Province"): only a big city is likely its seat,
      // so only then are its coordinates a fair stand-in.
      const suffix = REGION_AFTER.exec(doc.text.slice(m.end))?.[0] ?? "";
      const trusted = place.population >= STRONG_POPULATION && (context.get(place.country) ?? 0) > 0;
      place = {
        ...place,
        name: doc.text.slice(m.coreStart, m.end) + suffix,
        kind: "region",
        geonameid: 0,
        lat: trusted ? place.lat : NaN,
        lon: trusted ? place.lon : NaN,
      };
    }
    const precision: LocationPrecision =
      place.kind === "country"
        ? "country"
        : place.kind === "region"
          ? m.near
            ? "near"
            : "region"
          : m.near
            ? "near"
            : "exact";
    let end = m.end;
    if (m.regionSuffix && chosen.kind === "city")
      end = m.end + (REGION_AFTER.exec(doc.text.slice(m.end))?.[0].length ?? 0);
    out.push({
      start: m.start,
      end,
      name: doc.text.slice(m.start, end),
      coreStart: m.coreStart,
      place,
      precision,
      cued: m.cued,
      dateline: m.dateline,
      sentence: findSentence(doc.sentences, m.coreStart),
    });
  }
  return out;
}

function toLocation(m: PlaceMention): Location {
  return {
    name: m.name,
    place: m.place.name,
    country: m.place.country || null,
    lat: Number.isNaN(m.place.lat) ? null : m.place.lat,
    lon: Number.isNaN(m.place.lon) ? null : m.place.lon,
    precision: m.precision,
    geonameid:
      m.place.kind === "city" && m.place.geonameid > 0 && m.precision !== "region" ? m.place.geonameid : null,
  };
}

const KIND_RANK: Readonly<Record<Place["kind"], number>> = { city: 0, region: 1, country: 2 };

/** The mention in a span that best names where a figure happened. */
function bestInSpan(mentions: readonly PlaceMention[], span: TextSpan, anchor: number): PlaceMention | null {
  let best: PlaceMention | null = null;
  let bestScore = Infinity;
  for (const m of mentions) {
    if (m.start < span.start || m.end > span.end) continue;
    const distance = m.end <= anchor ? anchor - m.end : Math.max(0, m.start - anchor);
    // A cued, specific place wins over a bare country adjective ("4,000 Iraq civilians killed in west Mosul").
    const score = distance + (m.cued ? 0 : 400) + KIND_RANK[m.place.kind] * 150;
    if (score < bestScore) {
      bestScore = score;
      best = m;
    }
  }
  return best;
}

/** The document's main place: the most-mentioned city or region (the dateline counts double), else country. */
function focusOf(mentions: readonly PlaceMention[]): PlaceMention | null {
  const counts = new Map<string, { n: number; first: PlaceMention }>();
  for (const m of mentions) {
    const key = `${m.place.kind}:${m.place.country}:${m.place.name}`;
    const c = counts.get(key);
    const w = m.dateline ? 2 : 1;
    if (c) c.n += w;
    else counts.set(key, { n: w, first: m });
  }
  let best: { n: number; first: PlaceMention } | null = null;
  for (const c of counts.values()) {
    const rank = (x: { n: number; first: PlaceMention }): number =>
      (x.first.place.kind === "country" ? 0 : 1000) + x.n;
    if (!best || rank(c) > rank(best)) best = c;
  }
  return best?.first ?? null;
}

function paragraphStarts(text: string): number[] {
  const blank = /\n[ \t]*\n/.test(text);
  const re = blank ? /\n[ \t]*\n\s*/g : /\n\s*/g;
  const starts = [0];
  for (const m of text.matchAll(re)) starts.push(m.index + m[0].length);
  return starts;
}

function paragraphOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Sets `claim.location` for each claim from the places named in the document. */
export function locateClaims(doc: DocContext, claims: Claim[], gazetteer: Gazetteer): void {
  if (claims.length === 0) return;
  const mentions = findPlaces(doc, gazetteer);
  if (mentions.length === 0) {
    for (const c of claims) c.location = null;
    return;
  }
  const focus = focusOf(mentions);
  const paragraphs = paragraphStarts(doc.text);
  // The focus is named as the article names it most plainly, without a one-off direction word.
  const focusLocation = (): Location | null => {
    if (!focus) return null;
    const plain = mentions.find(
      (m) => m.place === focus.place && m.start === m.coreStart && m.precision !== "near",
    );
    return toLocation(plain ?? focus);
  };
  for (const claim of claims) {
    const anchor = claim.evidence.start;
    const own = bestInSpan(mentions, claim.sentence, anchor);
    if (own) {
      claim.location = toLocation(own);
      continue;
    }
    // Look back through earlier sentences of the same paragraph.
    const para = paragraphOf(paragraphs, claim.sentence.start);
    const paraStart = paragraphs[para] ?? 0;
    let back: PlaceMention | null = null;
    for (let k = mentions.length - 1; k >= 0; k--) {
      const m = mentions[k] as PlaceMention;
      if (m.end > claim.sentence.start) continue;
      if (m.start < paraStart) break;
      const sentence = doc.sentences[m.sentence];
      // The first place a lead names ("On 9 May, in Celaya, Guanajuato, … in Camargo community") is where it happened.
      back = sentence ? bestInSpan(mentions, sentence, sentence.start) : m;
      break;
    }
    claim.location = back ? toLocation(back) : focusLocation();
  }
}
