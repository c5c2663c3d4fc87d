// reporting-patterns.md, "Where the number sits": the constructions that carry a figure.
import type { Family } from "../family.ts";
import { c } from "../family.ts";

const WHERE = "reporting-patterns: where the number sits";
/** ACLED reads "dozens" as 12, Airwars as 12–24; either is a careful reading. */
const DOZENS = [12, 24] as const;

export const numberVictimsPassive: Family = {
  name: "number-victims-passive",
  source: WHERE,
  reading: "number + victims + passive verb: that many killed or injured",
  cases: [
    c("18 civilians were killed in the village of Kafr Nabl on Thursday.", 18),
    c("Three police officers were wounded in the attack.", 0, 3),
    c("Twenty-six passengers were killed when gunmen attacked the bus.", 26),
    c("Forty-two people have been killed in clashes between rival militias in Tripoli.", 42),
    c("Seven children were injured by flying glass.", 0, 7),
    c("At least 60 protesters were shot dead by the security forces in Khartoum.", 60),
    c("Nine gold miners were murdered in the Amazon.", 9),
    c("Two journalists were killed while covering the fighting in Kherson.", 2),
    c("Fifteen soldiers died and 23 were injured in the ambush.", 15, 23),
    c("Five worshippers were stabbed to death in the church in Ondo.", 5),
    c("130 people were wounded in the blasts.", 0, 130),
    c("Four Red Cross workers were killed in Mali.", 4),
  ],
};

export const participleAfterEvent: Family = {
  name: "participle-after-event",
  source: WHERE,
  reading: "an event followed by 'killing N' / 'wounding N': the event's toll",
  cases: [
    c("An airstrike hit a crowded market in Hajjah, killing 23 civilians.", 23),
    c("A suicide bomber blew himself up at a checkpoint, killing six soldiers.", 6),
    c("Gunmen opened fire on worshippers, killing 17 and wounding 30.", 17, 30),
    c("The car bomb exploded near a school, wounding at least 40 people.", 0, 40),
    c(
      "Militants attacked a military base in Niger on Tuesday, killing 29 soldiers, the defence ministry said.",
      29,
    ),
    c("A mortar round landed in the courtyard, injuring four children.", 0, 4),
    c("The drone struck a wedding party in Yemen, killing 12 guests.", 12),
    c("A landmine exploded under a minibus in Kordofan, killing all nine passengers.", 9),
    c("Police fired live rounds into the crowd, killing two protesters and injuring dozens.", 2, DOZENS),
    c("A grenade was thrown into a bar in Bujumbura, killing one person and injuring 15 others.", 1, 15),
    c("Shells hit a residential block in Donetsk overnight, killing five people.", 5),
  ],
};

export const twoMetricsOneClause: Family = {
  name: "two-metrics-one-clause",
  source: WHERE,
  reading: "killed and injured in one clause: each metric takes its own figure",
  cases: [
    c("The attack killed 14 people and wounded another 8.", 14, 8),
    c("Fighting in the town killed 8 soldiers and wounded 14.", 8, 14),
    c("The bombing left 31 dead and more than 100 wounded.", 31, 100),
    c("Security forces killed four demonstrators and injured 27 on Friday.", 4, 27),
    c("The explosion killed two firefighters and injured five others.", 2, 5),
    c("Two people were killed and 19 injured when a bomb exploded in a crowded bus station.", 2, 19),
    c("The ambush killed 11 troops and wounded 7.", 11, 7),
    c("Three people died and eight were hurt in the shooting at the party.", 3, 8),
    c("Clashes between herders and farmers killed 22 people and wounded 40, the governor said.", 22, 40),
    c("The attackers killed one guard and injured two others before fleeing.", 1, 2),
    c("A rocket attack on the base killed a contractor and wounded several service members.", 1, [2, 3]),
  ],
};

export const adjectiveForms: Family = {
  name: "adjective-forms",
  source: WHERE,
  reading: "'N dead', 'left N dead', 'among the dead': killed N (at least one for 'among')",
  cases: [
    c("The clashes left four dead and 15 wounded.", 4, 15),
    c("The attack on the convoy left six dead.", 6),
    c("A 15-year-old schoolboy was among the dead.", 1),
    c("Four dead, 20 injured in Lagos market blast.", 4, 20),
    c("Police said two were dead and four injured after the shooting.", 2, 4),
    c("At least nine people are dead after gunmen stormed a hotel in Mogadishu.", 9),
    c("The raid left 14 people dead and dozens injured.", 14, DOZENS),
    c("Six people lay dead in the street after the militia withdrew.", 6),
    c("The blast left one police officer dead and another seriously injured.", 1, 1),
    c("Two civilians are dead and three wounded after a shell struck a bus stop in Kherson.", 2, 3),
    c("Among the dead were two children and their mother.", 3),
    c("The shooting at the nightclub left seven people wounded.", 0, 7),
  ],
};

export const deathTollUpdate: Family = {
  name: "death-toll-update",
  source: "reporting-patterns: noun forms (the death toll rose to N) and scope / updates",
  reading: "a later toll of the same incident replaces the earlier figure; it is not added to it",
  cases: [
    c("Twelve people were killed in the bombing on Monday. By Tuesday, the death toll had risen to 47.", 47),
    c("The death toll from Friday's attack on the mosque has risen to 27, officials said.", 27),
    c("Initial reports said four people died; later hospital figures put the toll at 9.", 9),
    c("At least 20 people were killed in the raid, and the toll is expected to rise.", 20),
    c("The number of dead from the market bombing climbed to 62 on Sunday.", 62),
    c("The toll of the attack stands at 14 dead and 30 injured.", 14, 30),
    c("Officials revised the death toll from the shooting down to 9 from 11.", 9),
    c("The ministry raised the toll of Thursday's airstrike to 33 killed and 50 wounded.", 33, 50),
    c("Three more victims died in hospital overnight, bringing the death toll from the blast to 18.", 18),
    c("The death toll in the prison riot rose to 31 after two more inmates died of their wounds.", 31),
    c(
      "A police officer was killed in the attack. The death toll rose to two when a wounded colleague died in hospital.",
      2,
    ),
  ],
};

export const fatalitiesNoun: Family = {
  name: "fatalities-noun",
  source: WHERE,
  reading: "'N fatalities', 'N deaths', 'N injuries': the metric of the noun",
  cases: [
    c("The attack resulted in 4 fatalities.", 4),
    c("There were 11 fatalities among the soldiers.", 11),
    c("Police reported two fatalities and six injuries.", 2, 6),
    c("The clashes caused at least 17 deaths.", 17),
    c("Hospitals recorded 40 deaths and 120 injuries after the bombing.", 40, 120),
    c("The raid led to four deaths, according to residents.", 4),
    c("Fatalities from the ambush numbered 23.", 23),
    c("The shelling caused five civilian deaths.", 5),
    c("The riot left nine fatalities and dozens of injuries.", 9, DOZENS),
    c("Authorities confirmed one fatality in the shooting.", 1),
    c("Medics said the gunfire and the stampede that followed led to 12 deaths.", 12),
  ],
};

export const casualtiesNotDeaths: Family = {
  name: "casualties-not-deaths",
  source: WHERE,
  reading: "'casualties' alone is killed + injured: never read as deaths",
  cases: [
    c("The bombing caused 30 casualties.", 0, [0, 30]),
    c("The hospital received 45 casualties from the blast.", 0, [0, 45]),
    c("Twelve casualties were evacuated by helicopter.", 0, [0, 12]),
    c("There were 20 casualties, including five dead.", 5, [0, 15]),
    c("Casualties included three killed and 11 wounded.", 3, 11),
    c("The civilian casualties numbered 60, according to the UN.", 0, [0, 60]),
    c("Police said the attack left 18 casualties, four of them in critical condition.", 0, [0, 18]),
    c("Six casualties were reported after the shell hit the bus stop.", 0, [0, 6]),
    c("Medics treated 25 casualties at the scene.", 0, [0, 25]),
    c("The raid caused 14 casualties among the villagers.", 0, [0, 14]),
    c("Military officials reported 9 casualties, among them two soldiers who died.", 2, [0, 7]),
  ],
};

export const shotNotKilled: Family = {
  name: "shot-not-killed",
  source: WHERE,
  reading: "shot, stabbed, hit, struck: injured unless a death is stated ('two fatally' moves two to killed)",
  cases: [
    c("A gunman shot six people outside a bar in Memphis.", 0, 6),
    c("Four other men were hit by gunfire.", 0, 4),
    c("Police shot two suspects during the raid.", 0, 2),
    c("Seven people were shot, two fatally.", 2, 5),
    c("Three teenagers were stabbed at the bus station.", 0, 3),
    c("A gunman shot six people at a family gathering, killing three of them.", 3, 3),
    c("Two officers were struck by bullets during the exchange.", 0, 2),
    c("The man stabbed four people, one of them fatally, before police arrested him.", 1, 3),
    c("Nine people were shot in a drive-by on Saturday night; all are expected to survive.", 0, 9),
    c("Snipers hit 14 protesters near the square.", 0, 14),
    c("Five people were shot and wounded near the stadium.", 0, 5),
    c("Three people were shot, one of whom later died in hospital.", 1, 2),
  ],
};

export const bodiesFound: Family = {
  name: "bodies-found",
  source: WHERE,
  reading: "bodies recovered or people found dead: killed",
  cases: [
    c("The bodies of some 60 civilians were pulled from the rubble of the market.", 60),
    c("Police found the bodies of 12 men dumped by the roadside in Zacatecas.", 12),
    c("Three men were found dead in a ditch with gunshot wounds.", 3),
    c("Villagers discovered 15 bodies in a shallow grave after the militia left.", 15),
    c("Rescue workers recovered nine bodies from the bombed building.", 9),
    c("The body of a missing journalist was found in the river on Monday.", 1),
    c("A farmer was found dead in his field, his throat slit.", 1),
    c("Soldiers retrieved the bodies of 31 comrades after the battle.", 31),
    c("The remains of six people were found in the burnt-out car.", 6),
    c("Two bodies bearing signs of torture were found in a street in Mosul.", 2),
    c("Divers recovered 4 bodies from the lake where the gunmen had dumped their victims.", 4),
  ],
};

export const singularWithoutNumber: Family = {
  name: "singular-without-number",
  source: WHERE,
  reading: "'a man was killed', 'another wounded', 'taken to hospital with injuries': one",
  cases: [
    c("A man was killed in the shooting.", 1),
    c("The second suspect was taken to hospital with a gunshot wound.", 0, 1),
    c("A woman was killed and another wounded.", 1, 1),
    c("A policeman was wounded in the exchange of fire.", 0, 1),
    c("A child died when the roof collapsed after the strike.", 1),
    c("One person was killed and another injured when the grenade exploded.", 1, 1),
    c("A soldier died of his wounds on Saturday.", 1),
    c("An employee was shot and wounded during the robbery.", 0, 1),
    c("A bystander was hit by a stray bullet.", 0, 1),
    c("The gunman killed a security guard before fleeing.", 1),
    c("A passer-by was also hurt.", 0, 1),
    c("A teacher was killed and a student injured in the attack on the school.", 1, 1),
  ],
};

export const namedPersons: Family = {
  name: "named-persons",
  source: WHERE,
  reading: "named people count one each, with the relatives and companions named beside them",
  cases: [
    c("Khalid Mansour and his two sons were killed in the strike.", 3),
    c("Journalist Maria Lopez was shot dead in Tijuana.", 1),
    c("Mayor Juan Carlos Ruiz and his bodyguard were killed in an ambush.", 2),
    c("The attack killed local councillor Fatima Bello and her driver.", 2),
    c("Opposition leader Chokri Belaid was shot dead outside his home.", 1),
    c("Police officer James Kerr was injured in the stabbing.", 0, 1),
    c("Ali Reza, his wife and their three children died when the missile hit their home.", 5),
    c("Sgt. David Ortiz and Cpl. Mark Tran were killed when their vehicle struck a roadside bomb.", 2),
    c("Father Joseph Adeyemi was kidnapped and killed in Kaduna state.", 1),
    c("Rancher Tomás Gil and two of his workers were killed by gunmen on Tuesday.", 3),
    c("Noura al-Masri, 9, was wounded by shrapnel.", 0, 1),
    c("Gunmen killed Pastor Samuel Okafor and two members of his congregation.", 3),
  ],
};

export const listsOfGroups: Family = {
  name: "lists-of-groups",
  source: WHERE,
  reading: "a list of victim groups sums: 'five policemen and a civilian' is six",
  cases: [
    c("Five gendarmes and a civilian were killed near the border post.", 6),
    c("Two soldiers and three civilians died in the attack.", 5),
    c("The blast killed four children, two women and an elderly man.", 7),
    c("Seven militants and two soldiers were killed in the clash.", 9),
    c("Three nurses, a doctor and two patients were wounded when the hospital was shelled.", 0, 6),
    c("The attack killed 11 soldiers, four police officers and a customs official.", 16),
    c("A journalist and his cameraman were killed in the crossfire.", 2),
    c("Six farmers and a local vigilante were killed in the raid on Tuesday.", 7),
    c("Gunmen killed two teachers and a pupil.", 3),
    c("Ten civilians and eight members of the security forces were injured.", 0, 18),
    c("Two firefighters, a paramedic and a police officer were hurt in the second blast.", 0, 4),
    c("Eight soldiers, two militiamen and a guide were killed in the ambush.", 11),
  ],
};

export const breakdownsNotAdded: Family = {
  name: "breakdowns-not-added",
  source: WHERE,
  reading: "'including', 'among them', 'N of them' break a figure down; the parts are not added to it",
  cases: [
    c("The air raid killed 25 people, including 19 civilians.", 25),
    c("Eight people, among them three children, died.", 8),
    c("The blast killed 40 people, 12 of them police officers.", 40),
    c("At least 18 people were killed, including a five-year-old girl.", 18),
    c("Thirty people were wounded, including eight women.", 0, 30),
    c("The strike killed 14 members of one family, among them six children.", 14),
    c("Of the 22 dead, 15 were civilians and seven were soldiers.", 22),
    c("Nine people were killed, most of them farmers, and 13 were injured, including three children.", 9, 13),
    c("The attack killed 60 people, at least half of them children.", 60),
    c("Among the 35 people killed were four foreigners.", 35),
    c("Eleven people died, two of whom were police officers.", 11),
    c("Fifty-three people were injured, 20 of them seriously.", 0, 53),
  ],
};

export const perpetratorDiesToo: Family = {
  name: "perpetrator-dies-too",
  source: WHERE,
  reading: "attackers killed are casualties too and count in the all-victims totals",
  cases: [
    c("A suicide bomber killed 12 people at a checkpoint; the attacker was also killed.", 13),
    c("Three gunmen were shot dead by police after the siege.", 3),
    c("The gunman killed four people before being shot dead by police.", 5),
    c("Police said the shooter killed two people and then turned the gun on himself.", 3),
    c("Three assailants were killed when troops returned fire.", 3),
    c("The militants killed six soldiers; 15 of the attackers were also killed.", 21),
    c("The suicide bomber died in the blast, which wounded 11 people.", 1, 11),
    c("A man who stabbed three people on a train was shot dead by officers.", 1, 3),
    c("Soldiers killed 9 insurgents who had attacked the base.", 9),
    c("The robbers shot a cashier dead; one of them was killed by security guards.", 2),
    c(
      "The hostage-taker was killed when special forces stormed the building, and two hostages were injured.",
      1,
      2,
    ),
    c("Both attackers died when their explosives detonated prematurely.", 2),
  ],
};

export const whereNumberSits: readonly Family[] = [
  numberVictimsPassive,
  participleAfterEvent,
  twoMetricsOneClause,
  adjectiveForms,
  deathTollUpdate,
  fatalitiesNoun,
  casualtiesNotDeaths,
  shotNotKilled,
  bodiesFound,
  singularWithoutNumber,
  namedPersons,
  listsOfGroups,
  breakdownsNotAdded,
  perpetratorDiesToo,
];
