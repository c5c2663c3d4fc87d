// Words of the claim grammar, as data: who the victims are and which words report which metric.
import type { Metric, VictimGroup } from "../types.ts";

/** Plural (or mass) nouns naming a group of people, mapped to the normalised victim group. */
export const VICTIM_NOUNS: Record<string, VictimGroup> = {
  // civilians ("residents" and "villagers" are civilians)
  civilians: "civilians", "civilian": "civilians", residents: "civilians", villagers: "civilians",
  inhabitants: "civilians", locals: "civilians", worshippers: "civilians", worshipers: "civilians",
  passengers: "civilians", pilgrims: "civilians", shoppers: "civilians", pedestrians: "civilians",
  bystanders: "civilians", students: "civilians", pupils: "civilians", farmers: "civilians", miners: "civilians",
  fishermen: "civilians", refugees: "civilians", migrants: "civilians", protesters: "civilians",
  protestors: "civilians", demonstrators: "civilians", mourners: "civilians", tourists: "civilians",
  "family members": "civilians", "members of the family": "civilians", relatives: "civilians", guests: "civilians",
  spectators: "civilians", "displaced people": "civilians", "non-combatants": "civilians", noncombatants: "civilians",
  // people
  people: "people", persons: "people", individuals: "people", others: "people", victims: "people",
  adults: "people", youths: "people", palestinians: "people", israelis: "people", iraqis: "people", syrians: "people",
  afghans: "people", yemenis: "people", nigerians: "people", somalis: "people", pakistanis: "people",
  americans: "people", ukrainians: "people", russians: "people", kurds: "people", christians: "people",
  muslims: "people", shiites: "people", sunnis: "people", nationals: "people", foreigners: "people",
  "human beings": "people", souls: "people",
  // children, women, men
  children: "children", kids: "children", boys: "children", girls: "children", minors: "children",
  babies: "children", infants: "children", toddlers: "children", teenagers: "children", teens: "children",
  schoolchildren: "children", schoolgirls: "children", schoolboys: "children", juveniles: "children",
  women: "women", mothers: "women", men: "men", fathers: "men",
  // fighters
  fighters: "fighters", militants: "fighters", insurgents: "fighters", rebels: "fighters", jihadists: "fighters",
  terrorists: "fighters", gunmen: "fighters", attackers: "fighters", assailants: "fighters", extremists: "fighters",
  combatants: "fighters", guerrillas: "fighters", guerrilas: "fighters", elements: "fighters", militiamen: "fighters",
  "suicide bombers": "fighters", bombers: "fighters", shooters: "fighters", suspects: "fighters",
  subversives: "fighters", terrorist: "fighters", militia: "fighters", "militia members": "fighters",
  // soldiers
  soldiers: "soldiers", troops: "soldiers", servicemen: "soldiers", "service members": "soldiers",
  "security forces": "soldiers", "security personnel": "soldiers", "security force members": "soldiers",
  "members of the security forces": "soldiers", "army personnel": "soldiers", marines: "soldiers",
  paratroopers: "soldiers", commandos: "soldiers", sailors: "soldiers", airmen: "soldiers", personnel: "soldiers",
  "military personnel": "soldiers", servicemembers: "soldiers", conscripts: "soldiers", recruits: "soldiers",
  "security men": "soldiers", "security officers": "soldiers", "army officers": "soldiers", "military officers": "soldiers",
  // police
  police: "police", policemen: "police", "police officers": "police", officers: "police", cops: "police",
  troopers: "police", gendarmes: "police", deputies: "police", constables: "police", patrolmen: "police",
  policewomen: "police", "law enforcement officers": "police", agents: "police",
  // professions
  journalists: "journalists", reporters: "journalists", photographers: "journalists", cameramen: "journalists",
  "media workers": "journalists",
  medics: "medical_workers", paramedics: "medical_workers", doctors: "medical_workers", nurses: "medical_workers",
  "health workers": "medical_workers", "healthcare workers": "medical_workers", "medical workers": "medical_workers",
  "medical staff": "medical_workers", "health care workers": "medical_workers", "ambulance workers": "medical_workers",
  "aid workers": "aid_workers", "humanitarian workers": "aid_workers", "relief workers": "aid_workers",
  "un staff": "aid_workers",
  // other
  males: "men", females: "women", "adult males": "men", "adult females": "women",
  priests: "civilians", jesuits: "civilians", nuns: "civilians", clergy: "civilians", missionaries: "civilians",
  peasants: "civilians", campesinos: "civilians", unionists: "civilians", "trade unionists": "civilians",
  teachers: "civilians", lawyers: "civilians", judges: "civilians", politicians: "civilians", candidates: "civilians",
  councillors: "other", councilmen: "other", mayors: "other", ministers: "other", diplomats: "other",
  hostages: "other", prisoners: "other", inmates: "other", detainees: "other", guards: "other",
  employees: "other", staff: "other", crew: "other", "crew members": "other", rescuers: "other", workers: "other",
  members: "people", pilots: "other", firefighters: "other", officials: "other", leaders: "other",
  bodyguards: "other", escorts: "other", citizens: "civilians", peacekeepers: "soldiers", delegates: "other", rioters: "civilians", technicians: "civilians",
};

/** Singular nouns that, after "a", "an", "one" or "another", count one person. */
export const SINGULAR_NOUNS: Record<string, VictimGroup> = {
  man: "men", woman: "women", child: "children", boy: "children", girl: "children", baby: "children",
  infant: "children", toddler: "children", teenager: "children", teen: "children", minor: "children",
  person: "people", civilian: "civilians", resident: "civilians", villager: "civilians", student: "civilians",
  farmer: "civilians", pedestrian: "civilians", passenger: "civilians", bystander: "civilians", worker: "civilians",
  driver: "civilians", shopkeeper: "civilians", motorist: "civilians", cyclist: "civilians", protester: "civilians",
  soldier: "soldiers", serviceman: "soldiers", "security guard": "other", guard: "other", officer: "police",
  policeman: "police", "police officer": "police", policewoman: "police", cop: "police", trooper: "police",
  deputy: "police", journalist: "journalists", reporter: "journalists", photographer: "journalists",
  doctor: "medical_workers", nurse: "medical_workers", medic: "medical_workers", paramedic: "medical_workers",
  "aid worker": "aid_workers", fighter: "fighters", militant: "fighters", insurgent: "fighters", rebel: "fighters",
  gunman: "fighters", attacker: "fighters", assailant: "fighters", shooter: "fighters", suspect: "fighters",
  bomber: "fighters", "suicide bomber": "fighters", member: "people", victim: "people", youth: "people",
  individual: "people", "family member": "civilians", relative: "civilians", employee: "other", prisoner: "other",
  official: "other", leader: "other", commander: "fighters",
  // kin and roles, as news names victims: "his 3-year-old daughter", "her grandson"
  daughter: "people", son: "people", wife: "women", husband: "men", father: "men", mother: "women",
  brother: "men", sister: "women", grandson: "people", granddaughter: "people", grandmother: "women",
  grandfather: "men", stepdaughter: "people", stepson: "people", girlfriend: "women", boyfriend: "men",
  friend: "people", cousin: "people", nephew: "people", niece: "people", uncle: "men", aunt: "women",
  neighbor: "people", neighbour: "people", roommate: "people", fiance: "people", "ex-wife": "women",
  "ex-girlfriend": "women", "ex-boyfriend": "men", "ex-husband": "men", mom: "women", dad: "men",
  kid: "children", newborn: "children", senior: "people", homeowner: "civilians",
  clerk: "civilians", cashier: "civilians", customer: "civilians", security: "other", corporal: "police",
  sergeant: "police", agent: "police", marshal: "police", juvenile: "children", "college student": "civilians",
  male: "men", female: "women", "adult male": "men", "adult female": "women", conscript: "soldiers", recruit: "soldiers", activist: "civilians", head: "other", chief: "other", elder: "civilians",
  cleric: "civilians", imam: "civilians", priest: "civilians", pastor: "civilians", teacher: "civilians",
  lawyer: "civilians", judge: "civilians", politician: "civilians", candidate: "civilians", mayor: "other",
  governor: "other", councillor: "other", councilor: "other", businessman: "civilians", trader: "civilians",
  merchant: "civilians", herder: "civilians", shepherd: "civilians", fisherman: "civilians", miner: "civilians",
  citizen: "civilians", national: "civilians", tribesman: "civilians", volunteer: "civilians", contractor: "civilians",
  watchman: "other", chieftain: "other", headman: "other", militiaman: "fighters", jihadist: "fighters",
  terrorist: "fighters", guerrilla: "fighters", widow: "women", pilot: "other", sailor: "soldiers",
  marine: "soldiers", paratrooper: "soldiers", inmate: "other", detainee: "other",
  hostage: "other", refugee: "civilians", migrant: "civilians", pilgrim: "civilians", worshipper: "civilians",
  // titles: "the murder of presidency minister X", "the assassination of liberal presidential candidate Y"
  minister: "other", president: "other", "vice president": "other", attorney: "civilians", "attorney general": "other",
  prosecutor: "other", senator: "other", congressman: "other", legislator: "other", lawmaker: "other",
  manager: "civilians", director: "civilians", newsman: "journalists", editor: "journalists", bishop: "civilians",
  archbishop: "civilians", nun: "civilians", missionary: "civilians", unionist: "civilians", "union leader": "civilians",
  "labor leader": "civilians", "trade unionist": "civilians", ambassador: "other", diplomat: "other", consul: "other",
  colonel: "soldiers", general: "soldiers", captain: "soldiers", lieutenant: "soldiers", major: "soldiers",
  magistrate: "civilians", councilman: "other", "police chief": "police", economist: "civilians", professor: "civilians",
  physician: "medical_workers", surgeon: "medical_workers", "health worker": "medical_workers", rancher: "civilians",
  peasant: "civilians", landowner: "civilians", industrialist: "civilians", banker: "civilians", owner: "civilians",
  bodyguard: "other", delegate: "other", alderman: "other", councilwoman: "other", rioter: "civilians",
  demonstrator: "civilians", technician: "civilians", announcer: "journalists", analyst: "civilians",
  companion: "people", fiancee: "women", peacekeeper: "soldiers", secretary: "other", spokesman: "other", spokeswoman: "other",
};

/** Nouns for a perpetrator who may die too: counted as fighters, and added to the victims' figure. */
export const ATTACKER_NOUNS = new Set([
  "gunman", "attacker", "assailant", "shooter", "suspect", "bomber", "suicide bomber", "perpetrator", "gunmen",
  "attackers", "assailants", "shooters", "bombers", "suicide bombers", "suspects", "terrorist", "terrorists",
]);

export interface TriggerEntry {
  words: string;
  metric: Metric;
}

function entries(metric: Metric, words: string[]): TriggerEntry[] {
  return words.map((w) => ({ words: w, metric }));
}

/** Participles and adjectives that state what happened to the people named before them. */
export const PASSIVE_TRIGGERS: TriggerEntry[] = [
  ...entries("killed", [
    "killed", "dead", "slain", "murdered", "massacred", "executed", "beheaded", "assassinated", "lynched",
    "shot dead", "shot and killed", "shot to death", "gunned down", "burned to death", "burnt to death",
    "stabbed to death", "beaten to death", "hacked to death", "crushed to death", "bludgeoned to death",
    "found dead", "pronounced dead", "confirmed dead", "feared dead", "declared dead", "died", "die", "dies",
    "perished", "lost their lives", "lost his life", "lost her life", "succumbed", "fatally shot",
    "fatally wounded", "fatally injured", "fatally stabbed", "mortally wounded", "drowned", "slaughtered",
    "martyred", "fatalities", "deaths", "death", "fatality", "bodies", "corpses", "burned alive", "buried alive",
    "decapitated",
    "shot and died", "found killed",
  ]),
  ...entries("injured", [
    "injured", "wounded", "hurt", "maimed", "hospitalized", "hospitalised", "taken to hospital",
    "taken to the hospital", "taken to hospitals", "suffered injuries", "sustained injuries",
    "suffered wounds", "sustained wounds", "suffered gunshot wounds", "sustained gunshot wounds",
    "treated for injuries", "treated for wounds", "injuries", "shot", "stabbed",
    // "five others escaped with injuries": the survivors were hurt
    "escaped with injuries", "escaped with minor injuries", "escaped with serious injuries", "escaped with wounds",
    "escaped with gunshot wounds", "survived with injuries", "survived with wounds", "escaped with severe injuries",
    "escaped with bullet wounds", "escaped with burns", "escaped with machete wounds", "escaped with stab wounds",
    "escaped with slight injuries", "escaped with gunshot injuries", "escaped with shrapnel wounds",
    // taken to hospital, in the words local news uses
    "transported to the hospital", "transported to a hospital", "transported to a local hospital",
    "transported to an area hospital", "transported to area hospitals", "transported to local hospitals",
    "transported to hospital", "rushed to the hospital", "rushed to a hospital", "rushed to hospital",
    "rushed to a local hospital", "rushed to an area hospital", "taken to a hospital", "taken to a local hospital",
    "taken to an area hospital", "taken to area hospitals", "taken to local hospitals", "airlifted to a hospital",
  ]),
  ...entries("missing", ["missing", "unaccounted for", "disappeared", "remain missing"]),
  ...entries("abducted", ["abducted", "kidnapped", "taken hostage", "taken captive", "held hostage", "captured"]),
  ...entries("detained", ["detained", "arrested", "taken into custody", "apprehended", "rounded up", "jailed"]),
  ...entries("displaced", ["displaced", "forced to flee", "made homeless", "uprooted", "forcibly displaced"]),
];

/** Verbs in the active voice or participle clauses that take the victims as their object. */
export const ACTIVE_TRIGGERS: TriggerEntry[] = [
  ...entries("killed", [
    "killing", "killed", "kills", "claiming the lives of", "claimed the lives of", "took the lives of",
    "taking the lives of", "claimed the life of", "shot dead", "shooting dead", "gunned down", "executed",
    "executing", "massacred", "murdered", "murdering", "slaughtered", "slaughtering", "beheaded", "beheading",
    "assassinated", "fatally shot", "fatally shooting", "left dead", "leaving dead",
    // present tense, as event notes and headlines write it: "shells kill one", "gunmen assassinate a colonel"
    "kill", "assassinate", "assassinates", "behead", "beheads", "execute", "executes", "massacre", "massacres",
    "decapitated", "decapitating",
  ]),
  ...entries("injured", [
    "wounding", "wounded", "injuring", "injured", "hurting", "maiming", "hospitalizing", "hospitalising",
    "wound", "wounds", "injure", "injures",
    "shot", "shooting", "stabbed", "stabbing",
  ]),
  ...entries("abducted", ["kidnapped", "kidnapping", "abducted", "abducting", "kidnaps", "abducts"]),
  ...entries("detained", ["detained", "detaining", "arrested", "arresting"]),
  ...entries("displaced", ["displaced", "displacing", "uprooted", "uprooting"]),
];

/** Words after "left"/"leaving" + figure that say what the figure is. */
export const RESULT_WORDS: Record<string, Metric> = {
  dead: "killed", killed: "killed", injured: "injured", wounded: "injured", hurt: "injured",
  homeless: "displaced", missing: "missing",
};

export const HOME_NOUNS = [
  "homes", "houses", "buildings", "dwellings", "residences", "residential buildings", "housing units",
  "residential units", "apartments", "shelters", "homesteads", "huts", "structures",
];
export const DESTROYED_WORDS = [
  "destroyed", "razed", "flattened", "demolished", "levelled", "leveled", "burned", "burnt", "torched",
  "reduced to rubble", "destroyed or damaged", "completely destroyed", "totally destroyed",
];

/** Words allowed between the victims and the participle: auxiliaries, hedges and adverbs. */
export const BRIDGE_WORDS = [
  "was", "were", "is", "are", "been", "being", "be", "have", "has", "had", "got", "get", "reportedly",
  "allegedly", "also", "all", "both", "later", "subsequently", "initially", "eventually", "then", "since",
  "now", "already", "confirmed", "believed", "feared", "thought", "said", "reported", "understood", "known",
  "presumed", "to", "each", "instantly", "immediately", "critically", "seriously", "severely", "badly",
  "slightly", "lightly", "gravely", "tragically", "apparently", "likely", "probably", "possibly", "not",
  "who", "that", "which", "in", "the",
  "as", "result", "a", "of", "earlier", "yesterday", "today", "reportedly", "officially", "wrongly", "recovering", "after",
  "accidentally", "fatally", "reportedly", "fatally", "just", "who", "had", "allegedly",
  "seriously", "moderately", "left", "say", "says", "remain", "remained", "still", "were", "being",
  "among", "them", "those", "either", "so", "far",
];

/**
 * Heads of noun phrases that are not people: animals, buildings, vehicles, weapons, events, times and units.
 * They type a phrase out of the casualty figures; they never decide whether a phrase is read ("31 IS/ISWAP
 * fighters" needs no entry to be read as people).
 */
export const ANIMAL_NOUNS = new Set([
  "livestock", "cattle", "cow", "goat", "sheep", "camel", "animal", "donkey", "horse", "dog", "cat", "chicken",
  "pig", "bird", "poultry", "ox", "oxen", "bull", "buffalo", "mule", "calf", "calves", "herd", "flock", "elephant",
]);

export const NON_PERSON_NOUNS = new Set([
  ...ANIMAL_NOUNS,
  // buildings and places
  "house", "home", "building", "structure", "shop", "store", "school", "hospital", "mosque", "church", "temple",
  "village", "town", "city", "market", "bridge", "road", "office", "post", "checkpoint", "base", "camp", "hut",
  "apartment", "dwelling", "shelter", "facility", "property", "properties", "site", "position",
  // vehicles and weapons
  "car", "vehicle", "truck", "bus", "tank", "plane", "aircraft", "helicopter", "drone", "boat", "ship", "train",
  "bomb", "device", "mine", "shell", "rocket", "missile", "weapon", "gun", "rifle", "round", "bullet",
  // events, documents and measures
  "attack", "clash", "raid", "strike", "airstrike", "blast", "explosion", "shot", "fire", "incident", "report",
  "statement", "year", "month", "week", "day", "hour", "minute", "second", "time", "percent", "per", "cent",
  "kilometre", "kilometer", "mile", "km", "metre", "meter", "hectare", "acre", "ton", "tonne", "kg", "dollar",
  "number", "total", "lot", "majority", "series", "count", "case", "charge", "shooting", "stabbing", "bombing",
  "killing", "murder", "homicide", "crash", "accident", "collision", "fight", "dispute", "ambush", "assault",
  "night", "morning", "evening", "afternoon", "weekend", "caption", "image", "photo", "video", "page", "story",
]);

/** Is this head noun (singular or plural) in the set: a thing rather than a person, by default? */
export function nonPerson(head: string, nouns: ReadonlySet<string> = NON_PERSON_NOUNS): boolean {
  if (nouns.has(head)) return true;
  const singular = head.replace(/ies$/, "y").replace(/(?:ches|shes|xes|ses)$/, (s) => s.slice(0, -2)).replace(/s$/, "");
  return nouns.has(singular) || nouns.has(head.replace(/s$/, ""));
}
