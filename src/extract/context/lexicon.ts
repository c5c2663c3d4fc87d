// The words the context rules read, as data. Adding a weapon, an actor or a hedge is a new line here, not new code.
// Overlapping matches resolve to the longest (see match.ts), so specific phrases can sit beside general ones.
import type { Certainty } from "../types.ts";
import { actorGazetteer } from "./actors.ts";
import type { LexEntry } from "./match.ts";

// ---------------------------------------------------------------------------------------------------------------
// Method: the weapon or means that caused the casualties.

export const METHODS = [
  "airstrike",
  "drone_strike",
  "shelling",
  "rocket",
  "missile",
  "suicide_bombing",
  "car_bomb",
  "ied",
  "bombing",
  "explosion",
  "landmine",
  "gunfire",
  "stabbing",
  "massacre",
  "execution",
  "arson",
  "crush",
  "vehicle_ramming",
  "grenade",
  "beating",
] as const;
export type Method = (typeof METHODS)[number];

export const METHOD_LEXICON: readonly LexEntry<Method>[] = [
  { match: /\bair[- ]?strikes?\b/i, value: "airstrike", reason: "air strike" },
  { match: /\bair[- ]?raids?\b/i, value: "airstrike", reason: "air raid" },
  { match: /\bair (?:attacks?|bombardments?)\b/i, value: "airstrike", reason: "air attack" },
  {
    match: /\baerial (?:bombardments?|bombings?|attacks?)\b/i,
    value: "airstrike",
    reason: "aerial bombardment",
  },
  { match: /\bbombing raids?\b/i, value: "airstrike", reason: "a bombing raid is dropped from aircraft" },
  {
    match: /\b(?:war ?planes?|fighter jets?|jets|bombers|helicopter gunships?)\b/i,
    value: "airstrike",
    reason: "aircraft",
  },
  { match: /\bbarrel bombs?\b/i, value: "airstrike", reason: "barrel bombs are dropped from helicopters" },
  {
    match: /\b(?:Israeli|Russian|coalition|US|U\.S\.|American|Saudi|Turkish|Syrian|military) strikes?\b/i,
    value: "airstrike",
    reason: "a state's 'strike' in conflict reporting is an air strike",
  },
  {
    // Not "strike on Monday" (a labour strike).
    match: /\bstrikes? (?:on (?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)|hit|targeted|against)\b/i,
    value: "airstrike",
    reason: "a strike on a target",
  },
  { match: /\bdrone (?:strikes?|attacks?)\b/i, value: "drone_strike", reason: "drone strike" },
  { match: /\b(?:drones?|UAVs?|unmanned aerial vehicles?)\b/i, value: "drone_strike", reason: "drone" },
  { match: /\bshell(?:ing|ed|s)\b/i, value: "shelling", reason: "shelling" },
  { match: /\bartillery\b/i, value: "shelling", reason: "artillery" },
  { match: /\bmortars?(?: (?:rounds?|shells?|fire|attacks?))?\b/i, value: "shelling", reason: "mortar" },
  { match: /\b(?:Grad|Katyusha) rockets?\b/i, value: "rocket", reason: "named rocket" },
  { match: /\brockets?(?: (?:fire|attacks?))?\b/i, value: "rocket", reason: "rocket" },
  { match: /\brocket[- ]propelled grenades?\b|\bRPGs?\b/, value: "rocket", reason: "an RPG is a rocket" },
  { match: /\b(?:ballistic |cruise )?missiles?\b/i, value: "missile", reason: "missile" },
  {
    match:
      /\bsuicide (?:bomb(?:ing|er)?s?|attacks?|attackers?|vests?|belts?|car bomb(?:ing|er)?s?|truck bombs?)\b/i,
    value: "suicide_bombing",
    reason: "suicide attack",
  },
  {
    match: /\bblew (?:himself|herself|themselves) up\b/i,
    value: "suicide_bombing",
    reason: "the bomber died in it",
  },
  { match: /\b(?:car|truck|lorry)[- ]bomb(?:ing)?s?\b/i, value: "car_bomb", reason: "car bomb" },
  { match: /\bVBIEDs?\b|\bvehicle[- ]borne\b/i, value: "car_bomb", reason: "vehicle-borne IED" },
  {
    match: /\bbooby[- ]trapped (?:car|vehicle|truck)s?\b/i,
    value: "car_bomb",
    reason: "booby-trapped vehicle",
  },
  { match: /\broadside (?:bombs?|explosions?|blasts?)\b/i, value: "ied", reason: "roadside bomb" },
  { match: /\bIEDs?\b/, value: "ied", reason: "IED" },
  {
    match: /\bimprovised explosive devices?\b|\bexplosive devices?\b/i,
    value: "ied",
    reason: "explosive device",
  },
  { match: /\bbomb(?:ing)?s?\b|\bbomb (?:attacks?|blasts?)\b/i, value: "bombing", reason: "bomb" },
  {
    match: /\b(?:explosions?|blasts?|exploded|detonated)\b/i,
    value: "explosion",
    reason: "explosion (cause unstated)",
  },
  { match: /\b(?:land ?mines?|mine (?:explosions?|blasts?))\b/i, value: "landmine", reason: "landmine" },
  { match: /\b(?:stepped on|hit|struck) an? mine\b/i, value: "landmine", reason: "stepped on a mine" },
  {
    match: /\bunexploded (?:ordnance|munitions?|shells?)\b|\bUXOs?\b/i,
    value: "landmine",
    reason: "explosive remnants",
  },
  {
    match: /\b(?:gun ?fire|gunshots?|gunshot wounds?|shootings?|shoot-?outs?|cross-?fire)\b/i,
    value: "gunfire",
    reason: "gunfire",
  },
  { match: /\bopened fire\b|\bfired (?:shots|on|at|into)\b/i, value: "gunfire", reason: "opened fire" },
  { match: /\bshot(?: (?:dead|and killed|to death))?\b/i, value: "gunfire", reason: "shot" },
  { match: /\b(?:gunmen|sniper(?:s| fire)?)\b/i, value: "gunfire", reason: "gunmen shoot" },
  {
    match: /\bstabb(?:ed|ing|ings)\b|\bknife attacks?\b|\bhacked to death\b|\bmachetes?\b/i,
    value: "stabbing",
    reason: "blade",
  },
  { match: /\bmassacres?d?\b/i, value: "massacre", reason: "massacre" },
  { match: /\bexecut(?:ed|ions?)\b|\bbeheaded\b|\bbeheadings?\b/i, value: "execution", reason: "execution" },
  {
    match: /\barson\b|\bset (?:on )?fire\b|\bset ablaze\b|\btorched\b|\bburn(?:ed|t) (?:alive|to death)\b/i,
    value: "arson",
    reason: "fire set",
  },
  { match: /\b(?:fire|blaze) (?:broke out|swept|engulfed|gutted)\b/i, value: "arson", reason: "a fire" },
  {
    match: /\bstampedes?\b|\bcrowd crush\b|\btrampled\b|\bcrush(?:ed)? (?:in|at) the crowd\b/i,
    value: "crush",
    reason: "crowd crush",
  },
  { match: /\bramm(?:ed|ing)\b|\bvehicle attacks?\b/i, value: "vehicle_ramming", reason: "ramming" },
  {
    match:
      /\b(?:drove|ploughed|plowed|crashed) (?:a |an |his |her |the )?(?:car |truck |van |lorry |vehicle )?into (?:a |the )?(?:crowd|pedestrians|people)\b/i,
    value: "vehicle_ramming",
    reason: "drove into a crowd",
  },
  { match: /\bgrenades?\b/i, value: "grenade", reason: "grenade" },
  {
    match: /\bbeat(?:en)? to death\b|\bbeatings?\b|\blynch(?:ed|ing)\b|\bclubbed\b/i,
    value: "beating",
    reason: "beating",
  },
];

/** Methods that only say something went off: a specific method in the sentence or the story wins over them. */
export const GENERIC_METHODS: ReadonlySet<Method> = new Set<Method>(["explosion"]);

// ---------------------------------------------------------------------------------------------------------------
// Actors that may be named as responsible. The match says who; actor.ts decides whether the sentence makes them
// responsible (a bare mention such as "retake Mosul from Daesh" does not).

export const ACTOR_LEXICON: readonly LexEntry<string>[] = [
  // Named groups and state forces by country: the actor gazetteer (actors.ts).
  ...actorGazetteer(),
  // A country's name or adjective alone is its forces where the sentence makes it the agent ("Israeli strikes").
  {
    match: /\b(?:Israeli|Israel(?:'s|’s)?|Israel Defen[cs]e Forces)\b/,
    value: "Israeli forces",
    reason: "Israel",
  },
  { match: /\b(?:Russian|Russia(?:'s|’s)?)\b/, value: "Russian forces", reason: "Russia" },
  { match: /\b(?:Ukrainian|Ukraine(?:'s|’s)?)\b/, value: "Ukrainian forces", reason: "Ukraine" },
  { match: /\b(?:Turkish|Turkey(?:'s|’s)?)\b/, value: "Turkish forces", reason: "Turkey" },
  {
    match:
      /\b(?:Syrian (?:government|regime|army|military|air force)|regime forces|Assad(?:'s|’s)? forces|pro-(?:Assad|regime) forces)\b/i,
    value: "Syrian forces",
    reason: "Syrian government",
  },
  {
    match: /\b(?:pro-Hadi|Hadi government|Yemeni government|pro-government) forces\b/i,
    value: "Yemeni forces",
    reason: "Yemen's recognised government and allies",
  },
  // Generic perpetrators, used when no group is named.
  {
    match: /\b(?:unidentified|unknown) (?:gunmen|assailants|attackers|armed men)\b/i,
    value: "unidentified gunmen",
    reason: "unidentified",
  },
  { match: /\b(?:gunmen|armed men|assailants|attackers)\b/i, value: "gunmen", reason: "gunmen" },
  { match: /\bsuicide bombers?\b/i, value: "suicide bomber", reason: "suicide bomber" },
  { match: /\b(?:gangs?|gang members|criminals|cartel)\b/i, value: "gang", reason: "criminal group" },
  {
    match: /\b(?:(?:communal|ethnic|clan|tribal|local) )?(?:militias?|militiamen)\b/i,
    value: "militia",
    reason: "militia unnamed",
  },
  {
    match:
      /\b(?:mob|vigilantes?|residents|villagers|community members)(?= (?:lynched|stoned|beat|burned|killed|attacked))/i,
    value: "mob",
    reason: "mob violence",
  },
  {
    match: /\b(?:militants|jihadists|insurgents|rebels|extremists|terrorists)\b/i,
    value: "militants",
    reason: "unnamed armed group",
  },
  { match: /\bsecurity forces\b/i, value: "security forces", reason: "state forces unnamed" },
  { match: /\bprison guards?\b/i, value: "prison guards", reason: "prison guards" },
  { match: /\bborder guards?\b/i, value: "border guards", reason: "border guards" },
  {
    match: /\b(?:military )?police(?:men)?(?: forces| officers)?\b/i,
    value: "police",
    reason: "police unnamed",
  },
  {
    match: /\b(?:soldiers|troops|military forces|armed forces|government forces|the military|the army)\b/i,
    value: "military forces",
    reason: "military unnamed",
  },
];

/** Kinds rather than names: a named actor in the same sentence says more ("gunmen … the Taliban claimed"). */
export const GENERIC_ACTORS: ReadonlySet<string> = new Set([
  "unidentified gunmen",
  "gang",
  "militia",
  "mob",
  "gunmen",
  "suicide bomber",
  "militants",
  "security forces",
  "police",
  "military forces",
]);

/** Nouns that may follow an actor name before the act: "Daesh militants", "Houthi forces", "Israeli warplanes". */
export const ACTOR_GROUP_NOUN =
  /^(?:\s+|-)(?:militants?|fighters?|forces|troops|soldiers|army|military|police|jets|warplanes|aircraft|drones?|gunmen|insurgents|militias?|militiamen|rebels|jihadists|navy|air force|artillery|tanks?|security forces|government forces|elements|cells?|members|operatives|loyalists|affiliated forces|IEDs?|car bombs?|landmines?|suicide bombers?|snipers?)\b/i;

/** An act of violence right after the actor (and its group noun): this makes the actor the perpetrator. */
export const ACTOR_ACT =
  /^\s+(?:(?:have|has|had|reportedly|allegedly|also|then|later|again|apparently|probably|likely)\s+)*(?:air ?strikes?|air raids?|strikes?|struck|shelling|shelled|bombardments?|bombarded|attacks?|attacked|bombings?|bombed|raids?|raided|killed|kill|opened fire|fired|stormed|ambushed|executed|abducted|kidnapped|massacred|shot|hit|launched|carried out|targeted|drone (?:strikes?|attacks?)|missiles?|rockets?|mortars?|gunfire|offensive|assault|clashed|engaged|fought|exchanged|detonated|planted|assassinated|gunned down|beheaded|burned|burnt|torched|set fire|stoned|lynched|hacked|stabbed|beat|overran|repelled|thwarted|repulsed|conducted|used|besieged|invaded|intercepted|claimed to have killed)\b/i;

/** Words before an actor that make it the agent: "launched by a US-led coalition airstrike", "blamed on Boko Haram". */
export const ACTOR_AGENT_BEFORE =
  /(?:\bby|\bclaimed by|\bblamed (?:it |the attack )?on|\battributed to|\baccused|\b(?:clash(?:es|ed)?|fighting|battles?|exchanges? of fire|skirmish(?:es)?)(?: \w+)? (?:between|with)|\bencountered|\bengaged(?: in \w+ \w+ with)?)\s+(?:(?:a|an|the|its|their|suspected|alleged|presumed|apparent|fellow|two|three|four|five|several|some|unidentified|unknown|armed|\d+)\s+)*$/i;

/**
 * The actor opens a clause ("On 9 May 2020, suspected ISGS militants …", "…, and Houthi forces …"): with a violent
 * verb later in the same clause it is the clause's subject, the agent.
 */
export const CLAUSE_START_BEFORE =
  /(?:^|[,;:]\s*|\b(?:and|while|when|after|as|where|before|then)\s+)(?:(?:the|a|an|suspected|alleged|presumed|apparent|reportedly|likely)\s+)*$/i;
/** A violent verb in the clause that an actor opens (within a few words, before the clause ends). */
export const CLAUSE_VIOLENT_VERB =
  /^[^,;.:]{0,70}?\b(?:attacked|killed|shot|fired|opened fire|shelled|bombed|struck|stormed|raided|ambushed|clashed|fought|engaged|exchanged|detonated|planted|assassinated|gunned down|beheaded|burned|burnt|torched|stoned|lynched|hacked|stabbed|beat|abducted|kidnapped|executed|massacred|targeted|conducted|carried out|launched|overran|repelled|thwarted|repulsed|hit|intercepted|used force)\b/i;

/** "by" after these verbs names a supporter or holder, not a perpetrator ("backed by US-led coalition air power"). */
export const NOT_AGENT_VERB =
  /\b(?:backed|supported|led|controlled|held|surrounded|founded|run|trained|armed|funded|recaptured|captured|seized|retaken|liberated|besieged|overrun|protected|escorted|evacuated|rescued|treated|condemned|reported|confirmed|announced|denied)\s+by\s+(?:(?:a|an|the|its|their)\s+)*$/i;

/** "the US-led coalition or its Iraqi allies": the coordination is part of the attribution. */
export const ACTOR_COORDINATION =
  /^\s+(?:or|and)\s+(?:its|their|the)\s+(?:[A-Z][\w-]*\s+)?(?:allies|partners|forces|proxies|affiliates)\b/;

/** The group itself says it did it, or the text blames it: the attribution is an allegation, not a finding. */
export const ACTOR_CLAIMS_AFTER =
  /^(?:\s+(?:militants|fighters|group))?\s+(?:(?:has|have|had|later|quickly)\s+)*(?:claimed(?: responsibility)?|said it (?:carried out|was behind)|took responsibility)\b/i;

// ---------------------------------------------------------------------------------------------------------------
// Certainty: hedges. `value: null` entries swallow phrases that look like hedges but are not about this toll.

export interface Hedge {
  /** null: looks like a hedge but is not one about this toll ("likely to rise"). */
  certainty: Certainty | null;
  /** "perpetrator": the phrase is always about who did it (claimed responsibility, denied involvement). */
  about?: "perpetrator";
}

const h = (certainty: Certainty | null, about?: "perpetrator"): Hedge =>
  about ? { certainty, about } : { certainty };

export const CERTAINTY_LEXICON: readonly LexEntry<Hedge>[] = [
  {
    match: /\breported(?:ly)?\b|\breports? (?:said|say|suggest)\b/i,
    value: h("reported"),
    reason: "reported",
  },
  { match: /\bconfirm(?:ed|s|ing)?\b/i, value: h("confirmed"), reason: "confirmed" },
  {
    match:
      /\b(?:could not|cannot|can't|couldn't|unable to|not (?:been |be )?(?:immediately |independently )?)(?:be )?(?:immediately |independently )?(?:confirm|verif)\w*/i,
    value: h("unconfirmed"),
    reason: "could not be confirmed",
  },
  { match: /\bunconfirmed\b|\bunverified\b/i, value: h("unconfirmed"), reason: "unconfirmed" },
  {
    match: /\b(?:unconfirmed|unverified) (?:reports?|figures|accounts)(?: (?:said|say|suggest(?:ed)?))?/i,
    value: h("unconfirmed"),
    reason: "unconfirmed reports (longer than 'reports said')",
  },
  { match: /\b(?:believed|thought|presumed) (?:to|dead)\b/i, value: h("believed"), reason: "believed" },
  { match: /\b(?:likely|probably|possibly)\b/i, value: h("likely"), reason: "likely" },
  { match: /\b(?:alleged(?:ly)?|purported(?:ly)?|suspected)\b/i, value: h("alleged"), reason: "alleged" },
  {
    match:
      /\bclaim(?:s|ed)? (?:to have |that (?:it|they) (?:had |have )?|it had |they had )(?:killed|shot|destroyed|wounded)\b/i,
    value: h("alleged"),
    reason: "the perpetrator's own claim",
  },
  {
    match: /\bsaid (?:it|they) (?:had )?killed\b/i,
    value: h("alleged"),
    reason: "the perpetrator's own claim",
  },
  { match: /\bfeared (?:dead|killed|to have)\b|\bfeared\b/i, value: h("feared"), reason: "feared" },
  { match: /\bden(?:ied|ies|y)\b/i, value: h("denied"), reason: "denied" },
  {
    match:
      /\bden(?:ied|ies|y) (?:any )?(?:responsibility|involvement|carrying out|(?:that )?(?:it|they) (?:had )?(?:carried out|launched|conducted))\b/i,
    value: h("denied", "perpetrator"),
    reason: "denial of responsibility",
  },
  {
    match: /\bclaimed responsibility\b|\btook responsibility\b/i,
    value: h("alleged", "perpetrator"),
    reason: "responsibility claimed",
  },
  { match: /\bblamed\b|\baccused\b/i, value: h("alleged", "perpetrator"), reason: "an accusation" },
  {
    match: /\b(?:likely|expected|set|feared) to (?:rise|climb|increase|grow)\b/i,
    value: h(null),
    reason: "about a future toll",
  },
  {
    match: /\bclaimed the lives\b|\bclaiming the lives\b|\bclaimed \d/i,
    value: h(null),
    reason: "'claimed' as 'took'",
  },
  { match: /\bconfirmed cases\b|\bconfirmed dead\b/i, value: h("confirmed"), reason: "confirmed" },
];

// ---------------------------------------------------------------------------------------------------------------
// Continuation: a sentence that opens like this goes on with the previous sentence's story.

export const CONTINUATION_LEXICON: readonly LexEntry<"continues">[] = [
  {
    match:
      /^\W*(?:the|that|this)\s+(?:(?:air|drone|suicide|car|bomb|latest|deadly)\s+)?(?:attack|strike|airstrike|air ?raid|blast|explosion|bombing|bomb|raid|shelling|assault|incident|shooting|fire|crash|massacre|violence|clashes|fighting)s?\b/i,
    value: "continues",
    reason: "anaphoric event",
  },
  {
    match:
      /^\W*(?:he|she|they|it)\s+(?:also\s+)?(?:said|added|says|adds|told|killed|wounded|injured|left)\b/i,
    value: "continues",
    reason: "pronoun",
  },
  {
    match: /^\W*(?:among|of)\s+(?:the|those)\s+(?:dead|killed|victims|wounded|injured)\b/i,
    value: "continues",
    reason: "the victims",
  },
  {
    match: /^\W*the\s+(?:dead|victims|wounded|injured|death toll|toll)\b/i,
    value: "continues",
    reason: "the victims",
  },
  { match: /^\W*(?:another|at least another|a further)\s+\S+/i, value: "continues", reason: "another N" },
];

/** A sentence that opens like this starts a new story even inside a paragraph. */
export const NEW_STORY =
  /^\W*(?:in (?:another|a separate) (?:incident|attack)|separately|elsewhere|meanwhile|in other news)\b/i;

// ---------------------------------------------------------------------------------------------------------------
// Source: who gives the figure.

/** Verbs of saying whose subject is the source. */
export const SPEECH_VERB =
  /\b(?:said|says|say|told|tells|announced|announces|reported|reports|confirmed|confirms|stated|states|added|adds|estimated|estimates|tweeted|wrote|noted|asserted|declared|explained|claimed|insisted|revealed|counted|recorded|put the (?:death )?toll|puts the (?:death )?toll|went on to (?:say|assert|add|state)|informed)\b/gi;

export const ANONYMITY =
  /\banonymity\b|\bnot authori[sz]ed to\b|\b(?:declined|asked not|did not want) to be (?:named|identified)\b|\bwho (?:could not|cannot) be named\b/i;

/** Role nouns: "the army officer said" points back to the last person who was quoted. */
export const PERSON_ROLE =
  /\b(?:officers?|officials?|spokes(?:man|woman|person)|sources?|commanders?|generals?|colonel|major|captain|ministers?|governor|mayor|witness(?:es)?|doctors?|medics?|director|chief|head|lieutenant|brigadier(?:-general)?|sheikh|lawmaker|MP|resident|activist|paramedic|nurse)\b/i;

/** Institutions: "the ministry said" points back to the last source naming a ministry. */
export const INSTITUTION_HEAD =
  /\b(?:ministry|police|army|military|agency|office|hospital|authorit(?:y|ies)|government|council|department|commission|committee|mission|group|organi[sz]ation|coalition)\b/i;

/** Pronouns that carry the last source. */
export const SOURCE_PRONOUN = /^(?:he|she|they|it|we|i)$/i;

// ---------------------------------------------------------------------------------------------------------------
// Dates: expressions chrono-node does not read, or reads wrongly for news. Resolution is in period.ts.

export type RelativeDate =
  | "part_of_month"
  | "part_of_year"
  | "weekend"
  | "overnight"
  | "last_night"
  | "past_n"
  | "this_year"
  | "this_month"
  | "this_week"
  | "last_week"
  | "last_month"
  | "last_year"
  | "year"
  | "same_day"
  | "same_period";

export const MONTH_NAMES =
  "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec";

export const RELATIVE_DATE_LEXICON: readonly LexEntry<RelativeDate>[] = [
  {
    match: new RegExp(`\\b(?:mid|early|late)[- ](?:${MONTH_NAMES})\\b(?:,? (?:19|20)\\d\\d)?`, "i"),
    value: "part_of_month",
    reason: "mid = 11–20, early = 1–10, late = 21–end",
  },
  {
    match:
      /\b(?:the )?(?:beginning|start|end|middle) of (?:January|February|March|April|May|June|July|August|September|October|November|December)\b(?:,? (?:19|20)\d\d)?/i,
    value: "part_of_month",
    reason: "start/middle/end of a month",
  },
  {
    match: /\b(?:mid|early|late)[- ](?:19|20)\d\d\b/i,
    value: "part_of_year",
    reason: "early = Jan–Apr, mid = May–Aug, late = Sep–Dec",
  },
  {
    match: /\b(?:over|during|at) the (?:past |last )?weekend\b|\bthis weekend\b|\blast weekend\b/i,
    value: "weekend",
    reason: "weekend",
  },
  { match: /\bweekend\b/i, value: "weekend", reason: "weekend (chrono reads it as one day)" },
  { match: /\bovernight\b/i, value: "overnight", reason: "the night before publication" },
  {
    match: /\blast night\b|\blate (?:on )?(?:yesterday|last evening)\b/i,
    value: "last_night",
    reason: "the evening before",
  },
  {
    match:
      /\b(?:in|over|during|within) the (?:past|last|previous) (?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve) )?(?:hours?|days?|weeks?|months?|years?)\b/i,
    value: "past_n",
    reason: "a window ending at publication",
  },
  {
    match: /\b(?:so far|earlier) this year\b|\bthis year\b|\bsince the (?:start|beginning) of the year\b/i,
    value: "this_year",
    reason: "from 1 January",
  },
  { match: /\b(?:so far|earlier) this month\b|\bthis month\b/i, value: "this_month", reason: "from the 1st" },
  { match: /\b(?:earlier |so far )?this week\b/i, value: "this_week", reason: "from Monday" },
  { match: /\blast week\b/i, value: "last_week", reason: "the previous Monday–Sunday" },
  { match: /\blast month\b/i, value: "last_month", reason: "the previous month" },
  { match: /\blast year\b/i, value: "last_year", reason: "the previous year" },
  {
    match: /\b(?:in|since|during|throughout|by|until) (?:19|20)\d\d\b/i,
    value: "year",
    reason: "a bare year",
  },
  {
    match: /\b(?:on |during |later )?(?:the )?same day\b|\bthe same night\b/i,
    value: "same_day",
    reason: "the date just mentioned",
  },
  {
    match: /\b(?:over|during|in) the same (?:period|time|timeframe|span)\b/i,
    value: "same_period",
    reason: "the period just mentioned",
  },
];

/** A date right after these dates the report, not the event: "police said Friday", "announced on Monday". */
export const REPORT_VERB_BEFORE =
  /\b(?:said|says|told|announced|reported|confirmed|stated|added|declared|(?:press|news) conference|statement)\s+(?:on\s+|late\s+|early\s+|in a statement\s+)?$/i;

/** Words before a date that turn it into the start of a running total: "since mid-February". */
export const SINCE_BEFORE = /\b(?:since|starting (?:from|in|on))\b/gi;

/** The date is when the dead were found or announced, not when they died: only an upper bound. */
export const RECOVERY =
  /\bbod(?:y|ies)\b|\bremains\b|\bfound dead\b|\bpulled from\b|\brecovered\b|\bexhumed\b|\bmass graves?\b/i;

/** Parts of a day chrono misreads ("the evening of October 7th, 2023" → today): blanked before chrono runs. */
export const TIME_OF_DAY_OF =
  /\b(?:(?:early |late )?(?:morning|afternoon|evening|night)|(?:the )?early hours|dawn|dusk) of\b/gi;
