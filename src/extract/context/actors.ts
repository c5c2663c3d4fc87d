// The actor gazetteer: state forces by country and the major armed groups with the names news copy gives them.
// Data only; actor.ts decides whether a sentence makes a named actor the perpetrator. `value` is the name Toll
// records; `aliases` are regular-expression sources matched case-insensitively, `acronyms` case-sensitively (so
// "IS" and "ADF" do not match "is" and "adf").
import type { LexEntry } from "./match.ts";

export interface ArmedGroup {
  value: string;
  aliases: readonly string[];
  acronyms?: readonly string[];
  /** Why these names mean this actor (kept for review). */
  note?: string;
}

export const ARMED_GROUPS: readonly ArmedGroup[] = [
  {
    value: "Islamic State West Africa Province",
    aliases: ["Islamic State(?:'s| in)? West Africa(?: Province)?", "Wilayat Gharb Ifriqiyyah"],
    acronyms: ["ISWAP", "ISWA"],
  },
  {
    value: "Islamic State Greater Sahara",
    aliases: [
      "Islamic State (?:in (?:the )?)?Greater Sahara",
      "Islamic State in the Sahel",
      "Sahel Province",
    ],
    acronyms: ["ISGS", "EIGS"],
  },
  {
    value: "Islamic State Khorasan Province",
    aliases: ["Islamic State[- ]Khorasan(?: Province)?", "ISIS[- ]K"],
    acronyms: ["ISKP", "ISK"],
  },
  {
    value: "Islamic State Sinai Province",
    aliases: ["Sinai Province", "Wilayat Sinai", "Islamic State(?:'s)? Sinai"],
  },
  {
    value: "Islamic State Central Africa Province",
    aliases: ["Islamic State Central Africa(?: Province)?"],
    acronyms: ["ISCAP"],
  },
  {
    value: "Islamic State",
    aliases: ["(?:so-called )?Islamic State(?: group)?", "Daesh", "Da'esh"],
    acronyms: [
      "ISIS",
      "ISIL",
      "IS(?= (?:militants?|fighters?|group|jihadists?|attacks?|claimed|gunmen|suicide|cells?|members?|elements?|insurgents?))",
    ],
  },
  { value: "al-Shabaab", aliases: ["(?:al[- ])?Shabb?aa?b", "Harakat al-Shabaab al-Mujahideen"] },
  {
    value: "Boko Haram",
    aliases: ["Boko Haram", "Jama'?atu Ahlis? Sunna(?:h)? Lid(?:daawati|-Da'?awati) wal-Jihad"],
    acronyms: ["JAS"],
  },
  {
    value: "Houthis",
    aliases: ["(?:pro-)?Hou?this?", "Ansar ?Allah", "Ansarullah"],
    note: "the Houthi movement",
  },
  {
    value: "Libyan National Army",
    aliases: [
      "Libyan National Army",
      "Libyan Arab Armed Forces",
      "Haftar(?:'s|’s)?(?: forces| troops| militias?)?",
      "pro-Haftar forces",
    ],
    acronyms: ["LNA", "LAAF"],
  },
  {
    value: "Government of National Accord forces",
    aliases: ["Government of National Accord", "pro-GNA forces", "GNA-(?:aligned|allied) forces"],
    acronyms: ["GNA"],
  },
  {
    value: "Taliban",
    aliases: ["(?:Afghan )?Taliban", "Tehreek-e-Taliban(?: Pakistan)?", "Pakistani Taliban"],
    acronyms: ["TTP"],
  },
  { value: "Rapid Support Forces", aliases: ["Rapid Support Forces?"], acronyms: ["RSF"] },
  { value: "Sudanese Armed Forces", aliases: ["Sudanese Armed Forces"], acronyms: ["SAF"] },
  { value: "Wagner Group", aliases: ["Wagner(?: Group| mercenaries| PMC)?", "Africa Corps"] },
  { value: "Abu Sayyaf", aliases: ["Abu Sayyaf(?: Group)?"], acronyms: ["ASG"] },
  {
    value: "JNIM",
    aliases: ["Jama'?at Nus?r al-Islam wal[- ]Muslimin", "Group for the Support of Islam and Muslims"],
    acronyms: ["JNIM", "GSIM"],
  },
  { value: "Allied Democratic Forces", aliases: ["Allied Democratic Forces"], acronyms: ["ADF", "ADF-Nalu"] },
  { value: "M23", aliases: ["March 23 Movement"], acronyms: ["M23"] },
  {
    value: "al-Qaeda in the Islamic Maghreb",
    aliases: ["al[- ]Qa[ei]da in the Islamic Maghreb"],
    acronyms: ["AQIM"],
  },
  {
    value: "al-Qaeda in the Arabian Peninsula",
    aliases: ["al[- ]Qa[ei]da in the Arabian Peninsula"],
    acronyms: ["AQAP"],
  },
  { value: "al-Qaeda", aliases: ["al[- ]Qa[ei]da"] },
  { value: "Hamas", aliases: ["Qassam Brigades", "Izz ad-Din al-Qassam"], acronyms: ["Hamas", "HAMAS"] },
  {
    value: "Palestinian Islamic Jihad",
    aliases: ["Palestinian Islamic Jihad", "Islamic Jihad", "al-Quds Brigades"],
    acronyms: ["PIJ"],
  },
  { value: "Hezbollah", aliases: ["Hezbollah", "Hizbullah", "Hizbollah"] },
  {
    value: "Hayat Tahrir al-Sham",
    aliases: ["Hayat Tahrir al-Sham", "al-Nusra(?: Front)?", "Nusra Front"],
    acronyms: ["HTS"],
  },
  {
    value: "Syrian Democratic Forces",
    aliases: ["Syrian Democratic Forces", "People's Protection Units"],
    acronyms: ["SDF", "QSD", "YPG"],
    note: "QSD is the SDF's Arabic acronym",
  },
  { value: "PKK", aliases: ["Kurdistan Workers'? Party"], acronyms: ["PKK"] },
  {
    value: "New People's Army",
    aliases: ["New People(?:'s|’s) Army", "communist rebels"],
    acronyms: ["NPA"],
  },
  {
    value: "Popular Mobilization Forces",
    aliases: ["Popular Mobili[sz]ation (?:Forces|Units)", "Hashd al-Shaabi"],
    acronyms: ["PMF", "PMU"],
  },
  {
    value: "Southern Transitional Council",
    aliases: ["Southern Transitional Council", "pro-STC forces"],
    acronyms: ["STC"],
  },
  { value: "Security Belt Forces", aliases: ["Security Belt(?: Forces)?"] },
  { value: "Southern Resistance", aliases: ["Southern Resistance"] },
  { value: "National Resistance", aliases: ["National Resistance(?: Forces)?"] },
  {
    value: "AMISOM",
    aliases: ["African Union Mission in Somalia", "African Union (?:forces|troops|peacekeepers)"],
    acronyms: ["AMISOM", "ATMIS"],
  },
  { value: "MINUSMA", aliases: ["UN peacekeepers in Mali"], acronyms: ["MINUSMA"] },
  { value: "French forces", aliases: ["Operation Barkhane", "Barkhane(?: forces)?"] },
  {
    value: "FARC dissidents",
    aliases: ["FARC dissidents?", "Revolutionary Armed Forces of Colombia"],
    acronyms: ["FARC"],
  },
  { value: "ELN", aliases: ["National Liberation Army"], acronyms: ["ELN"] },
  {
    value: "Jalisco New Generation Cartel",
    aliases: ["Jalisco (?:New Generation )?Cartel"],
    acronyms: ["CJNG"],
  },
  { value: "Sinaloa Cartel", aliases: ["Sinaloa Cartel"] },
  { value: "FDLR", aliases: ["Democratic Forces for the Liberation of Rwanda"], acronyms: ["FDLR"] },
  { value: "CODECO", aliases: [], acronyms: ["CODECO"] },
  { value: "Mai-Mai", aliases: ["Mai[- ]Mai(?: militias?)?", "Mayi[- ]Mayi"] },
  {
    value: "Ambazonian separatists",
    aliases: ["Ambazonian? (?:separatists|fighters|forces|militants)", "Amba boys", "Anglophone separatists"],
  },
  { value: "Anti-Balaka", aliases: ["Anti-?Balaka"] },
  {
    value: "Fulani militia",
    aliases: ["Fulani (?:militias?|militants?|herdsmen|herders|gunmen|ethnic militias?)"],
  },
  { value: "Ansarul Islam", aliases: ["Ansar(?:ul|ul-| al-)Islam"] },
  { value: "Naxalites", aliases: ["Naxal(?:ite)?s?", "Maoists?", "CPI \\(Maoist\\)"] },
  { value: "Hizb-ul-Mujahideen", aliases: ["Hizb-?ul-?Mujahideen"], acronyms: ["HM"] },
  { value: "Lashkar-e-Taiba", aliases: ["Lashkar-e-Ta(?:i|y)y?ba"], acronyms: ["LeT"] },
  { value: "Jaish-e-Mohammed", aliases: ["Jaish-e-Moh?amm?ed"], acronyms: ["JeM"] },
  { value: "Baloch Liberation Army", aliases: ["Baloch Liberation Army"], acronyms: ["BLA"] },
  { value: "Arakan Army", aliases: ["Arakan Army"] },
  { value: "Ahlu Sunnah Wal Jamaa", aliases: ["Ahlu Sunn?ah? Wa(?:l)?[- ]Jama'?a"], acronyms: ["ASWJ"] },
  { value: "Janjaweed", aliases: ["Janjaweed"] },
  { value: "SPLA-IO", aliases: ["SPLA-IO", "SPLM-IO"] },
  {
    value: "Saudi-led coalition",
    aliases: ["Saudi[- ]led (?:military )?coalition", "Operation (?:Restoring Hope|Decisive Storm)"],
  },
  {
    value: "US-led coalition",
    aliases: [
      "(?:US|U\\.S\\.|American|Western|international|anti-IS|anti-ISIS|anti-Daesh)[- ]led (?:military )?coalition",
      "coalition (?:forces|warplanes|jets|aircraft)",
    ],
  },
];

export interface StateForces {
  /** Country name as written in news ("Nigeria"). */
  country: string;
  /** Adjectives news uses for the country's forces ("Nigerian"). */
  demonyms: readonly string[];
  /** Names of the forces themselves ("FARDC", "Tatmadaw"), matched case-sensitively. */
  names?: readonly string[];
}

export const STATE_FORCES: readonly StateForces[] = [
  { country: "Afghanistan", demonyms: ["Afghan"], names: ["ANDSF", "ANA", "NDS"] },
  { country: "Algeria", demonyms: ["Algerian"] },
  { country: "Bangladesh", demonyms: ["Bangladeshi"] },
  { country: "Brazil", demonyms: ["Brazilian"] },
  { country: "Burkina Faso", demonyms: ["Burkinabe", "Burkinabè"] },
  { country: "Burundi", demonyms: ["Burundian"] },
  { country: "Cameroon", demonyms: ["Cameroonian"] },
  { country: "Central African Republic", demonyms: ["Central African"], names: ["FACA"] },
  { country: "Chad", demonyms: ["Chadian"] },
  { country: "Colombia", demonyms: ["Colombian"] },
  { country: "Democratic Republic of Congo", demonyms: ["Congolese"], names: ["FARDC"] },
  { country: "Egypt", demonyms: ["Egyptian"] },
  { country: "El Salvador", demonyms: ["Salvadoran", "Salvadorean"] },
  { country: "Ethiopia", demonyms: ["Ethiopian"], names: ["ENDF"] },
  { country: "France", demonyms: ["French"] },
  { country: "India", demonyms: ["Indian"], names: ["BSF", "CRPF"] },
  { country: "Iran", demonyms: ["Iranian"], names: ["IRGC"] },
  { country: "Iraq", demonyms: ["Iraqi"], names: ["ISF"] },
  { country: "Israel", demonyms: ["Israeli"], names: ["IDF"] },
  { country: "Kenya", demonyms: ["Kenyan"], names: ["KDF"] },
  { country: "Libya", demonyms: ["Libyan"] },
  { country: "Mali", demonyms: ["Malian"], names: ["FAMa"] },
  { country: "Mexico", demonyms: ["Mexican"] },
  { country: "Mozambique", demonyms: ["Mozambican"] },
  { country: "Myanmar", demonyms: ["Myanmar", "Burmese"], names: ["Tatmadaw"] },
  { country: "Niger", demonyms: ["Nigerien"] },
  { country: "Nigeria", demonyms: ["Nigerian"] },
  { country: "Pakistan", demonyms: ["Pakistani"] },
  { country: "Philippines", demonyms: ["Philippine", "Filipino"], names: ["AFP"] },
  { country: "Russia", demonyms: ["Russian"] },
  { country: "Saudi Arabia", demonyms: ["Saudi"] },
  { country: "Somalia", demonyms: ["Somali"], names: ["SNA"] },
  { country: "South Sudan", demonyms: ["South Sudanese"], names: ["SSPDF", "SPLA"] },
  { country: "Sudan", demonyms: ["Sudanese"] },
  { country: "Syria", demonyms: ["Syrian"], names: ["SAA"] },
  { country: "Turkey", demonyms: ["Turkish"] },
  { country: "Uganda", demonyms: ["Ugandan"], names: ["UPDF"] },
  { country: "Ukraine", demonyms: ["Ukrainian"] },
  { country: "United States", demonyms: ["US", "U\\.S\\.", "American"] },
  { country: "Venezuela", demonyms: ["Venezuelan"] },
  { country: "Yemen", demonyms: ["Yemeni"] },
];

const MILITARY_NOUN =
  "(?:(?:army|military|security|government|national|armed|air|naval|special|defen[cs]e|regular)\\s+)*(?:forces|army|military|troops|soldiers|air ?force|navy|gendarmes|gendarmerie|jets|warplanes|aircraft|drones?|artillery|national guard|special forces)";
const POLICE_NOUN =
  "(?:(?:federal|state|national|military|riot|border|anti-riot)\\s+)?police(?:men| forces| officers)?";

function names(list: readonly string[]): string {
  return list.join("|");
}

/**
 * Lower-case words one of which must be in a sentence for an entry to match there: scanning ~200 patterns over every
 * sentence doubled the context stage's time, and most sentences name no actor of the gazetteer.
 */
const ACTOR_HINTS = new WeakMap<LexEntry<string>, readonly string[]>();

/** The literal start of an alias ("Boko Haram" → "boko haram"; "(?:pro-)?Hou?this?" → null: always scanned). */
function literalHead(alias: string): string | null {
  const head = /^[a-z0-9' -]+/i.exec(alias)?.[0] ?? "";
  // A quantifier right after the head makes its last letter optional.
  const next = alias.charAt(head.length);
  const safe = (next === "?" || next === "*" ? head.slice(0, -1) : head).trim();
  return safe.length >= 2 ? safe.toLowerCase() : null;
}

function hinted(entry: LexEntry<string>, hints: readonly (string | null)[]): LexEntry<string> {
  if (hints.length > 0 && hints.every((h): h is string => h !== null)) ACTOR_HINTS.set(entry, hints);
  return entry;
}

/** The entries that can match in a sentence (by their hints); entries without hints always can. */
export function actorEntriesFor<E extends LexEntry<string>>(entries: readonly E[], sentence: string): E[] {
  const lower = sentence.toLowerCase();
  return entries.filter((e) => {
    const hints = ACTOR_HINTS.get(e);
    return !hints || hints.some((h) => lower.includes(h));
  });
}

/** The gazetteer as lexicon entries: armed groups first, then state forces, each by its most specific names. */
export function actorGazetteer(): LexEntry<string>[] {
  const out: LexEntry<string>[] = [];
  for (const g of ARMED_GROUPS) {
    if (g.aliases.length > 0) {
      const entry = {
        match: new RegExp(`\\b(?:${names(g.aliases)})\\b`, "i"),
        value: g.value,
        reason: g.note ?? g.value,
      };
      out.push(hinted(entry, g.aliases.map(literalHead)));
    }
    if (g.acronyms?.length) {
      const entry = {
        match: new RegExp(`\\b(?:${names(g.acronyms)})\\b`),
        value: g.value,
        reason: `${g.value} (acronym)`,
      };
      out.push(hinted(entry, g.acronyms.map(literalHead)));
    }
  }
  for (const s of STATE_FORCES) {
    const of = `(?:${names(s.demonyms)}|${s.country}(?:'s|’s)?)`;
    const demonym = s.demonyms[0]?.replace(/\\/g, "") ?? s.country;
    const hints = [s.country, ...s.demonyms].map((d) => d.replace(/\\/g, "").toLowerCase());
    // "Military Forces of Nigeria", "the Nigerian army", "Nigeria's security forces".
    const military = {
      match: new RegExp(
        `\\b${of} ${MILITARY_NOUN}\\b|\\b(?:military|armed|security) forces of (?:the )?${s.country}\\b`,
        "i",
      ),
      value: `${demonym} forces`,
      reason: `state forces of ${s.country}`,
    };
    out.push(hinted(military, hints));
    const police = {
      match: new RegExp(`\\b${of} ${POLICE_NOUN}\\b|\\bpolice(?: forces)? of (?:the )?${s.country}\\b`, "i"),
      value: `${demonym} police`,
      reason: `police of ${s.country}`,
    };
    out.push(hinted(police, hints));
    if (s.names?.length) {
      const named = {
        match: new RegExp(`\\b(?:${names(s.names)})\\b`),
        value: `${demonym} forces`,
        reason: `state forces of ${s.country}`,
      };
      out.push(
        hinted(
          named,
          s.names.map((n) => n.toLowerCase()),
        ),
      );
    }
  }
  return out;
}

/** The country of state forces named without one ("troops", "police"), to be read from where the claim happened. */
export const UNNAMED_STATE_FORCES: Readonly<Record<string, string>> = {
  "military forces": "military forces of",
  "security forces": "security forces of",
  police: "police of",
};
