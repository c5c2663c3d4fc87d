// The forms issue 11 lists as failing on text Toll was never tuned on.
import type { Family } from "../family.ts";
import { c } from "../family.ts";

const ISSUE = "issue 11: forms that fail on unseen text";

export const longNumberedSubject: Family = {
  name: "long-numbered-subject",
  source: ISSUE,
  reading: "a numbered subject is a victim group whatever its head noun and however long its modifiers",
  cases: [
    c(
      "Four employees of the state broadcaster Radio Nacional and its regional affiliate were killed when the building was shelled.",
      4,
    ),
    c("Twelve ISWAP fighters were killed in an ambush near Monguno, the army said.", 12),
    c("Five members of the navy's special boat unit were killed when a missile hit their patrol vessel.", 5),
    c(
      "Two CPI-Maoist cadres and a police constable were killed in an exchange of fire in Bijapur district.",
      3,
    ),
    c(
      "Seven workers of a Chinese-run road construction company were shot dead in Balochistan on Tuesday.",
      7,
    ),
    c(
      "Nine volunteers of the Palestine Red Crescent Society were killed in the strike on the ambulance convoy.",
      9,
    ),
    c("Three off-duty officers of the municipal police were gunned down outside a taco stand in Celaya.", 3),
    c("Six Hazara coal miners were abducted and killed near Machh overnight.", 6),
    c(
      "At least 14 al-Shabaab militants were killed in an airstrike in the Jilib area, the Somali government said.",
      14,
    ),
    c(
      "Two peacekeepers from the Bangladeshi contingent of the UN mission were wounded when their vehicle hit a mine.",
      0,
      2,
    ),
    c(
      "Four Tigrayan aid workers employed by a Dutch charity were killed in the region, the charity said.",
      4,
    ),
    c("17 Yazidi women held captive by the group were executed, a local official said.", 17),
    c("Eight pro-government Sunni tribal militiamen were wounded in the mortar attack.", 0, 8),
  ],
};

export const loneUnnamedVictim: Family = {
  name: "lone-unnamed-victim",
  source: ISSUE,
  reading: "a singular victim without a number or a name is one person",
  cases: [
    c("A reporter was shot dead outside his home in Culiacán on Monday.", 1),
    c("A teenager was shot to death in a drive-by shooting on the city's south side.", 1),
    c("Gunmen shot dead an army captain in Peshawar.", 1),
    c("The abducted village chief has been killed by his captors, police said.", 1),
    c("A nurse was wounded when a stray bullet struck the clinic.", 0, 1),
    c("A schoolgirl died after being hit by shrapnel in Kharkiv.", 1),
    c("Unknown assailants stabbed a taxi driver to death late on Saturday.", 1),
    c("A Buddhist monk was hacked to death in Yala province.", 1),
    c("A police constable was injured in the grenade attack.", 0, 1),
    c("Suspected militants killed a tribal elder in North Waziristan.", 1),
    c("An elderly woman was killed when a shell hit her house.", 1),
    c("The kidnapped businessman was found dead in a ditch outside the town.", 1),
  ],
};

export const figureSplitByAside: Family = {
  name: "figure-split-by-aside",
  source: ISSUE,
  reading: "an aside between the figure and its verb (a breakdown, an attribution) does not break the claim",
  cases: [
    c("At least 22 people, most of them women and children, were killed in the raid.", 22),
    c("Thirty villagers, including the local imam, were killed when gunmen stormed the mosque.", 30),
    c(
      "Nine soldiers, the army said in a statement on Sunday, were killed when their convoy was ambushed.",
      9,
    ),
    c("Six people – four of them from the same family – were killed in the strike.", 6),
    c("The blast killed, according to hospital officials, at least 31 people and wounded 80 others.", 31, 80),
    c("Fourteen civilians, among them a pregnant woman, were reportedly killed in the shelling.", 14),
    c("Eleven police officers, officials said on Tuesday, had been wounded in the clashes.", 0, 11),
    c("At least 12 people, the rescue service said, were injured when the bomb went off.", 0, 12),
    c("Five protesters, all of them students, were shot dead by security forces.", 5),
    c("The gunmen killed, witnesses said, 19 worshippers.", 19),
    c("Twenty-three people, most of them, police said, passengers waiting for a bus, were killed.", 23),
    c("No fewer than 40 miners, the union said, were killed when soldiers opened fire on the strikers.", 40),
  ],
};

export const soFarInOneAttack: Family = {
  name: "so-far-in-one-attack",
  source: ISSUE,
  reading: '"so far" inside one attack is that attack\'s latest toll, not a running total of a campaign',
  cases: [
    c("Twenty-three people have so far been killed in Friday's bombing of the market in Kabul.", 23),
    c("At least 40 people have so far died in the attack on the hotel, officials said.", 40),
    c("So far, 12 bodies have been recovered from the rubble of the bombed apartment block.", 12),
    c("The number of people killed in the mosque attack has so far risen to 54.", 54),
    c("Eighteen people have so far been confirmed dead in the suicide bombing at the rally.", 18),
    c("Hospital officials said 31 people have so far been treated for injuries from the blast.", 0, 31),
    c(
      "So far nine people have died and 27 have been injured in Tuesday's shooting at the shopping centre.",
      9,
      27,
    ),
    c("Sixty-one people are so far known to have died in the attack on the concert hall.", 61),
    c("Police said five people had so far been killed in the stabbing spree.", 5),
    c("The toll from the car bomb so far stands at 15 dead and 40 wounded.", 15, 40),
    c("Rescuers have so far pulled 26 bodies from the ruins of the school hit by the airstrike.", 26),
  ],
};

export const pronounCarriesCount: Family = {
  name: "pronoun-carries-count",
  source: ISSUE,
  reading: "a pronoun or 'all of them' takes the count of the group named before",
  cases: [
    c("Militants abducted six soldiers near the border on Monday. They later executed them.", 6),
    c("Gunmen seized four aid workers in Darfur; they were found dead two days later.", 4),
    c(
      "Three journalists were kidnapped last week. All of them have now been killed, their employer said.",
      3,
    ),
    c("Two hostages were taken from the convoy. Both were beheaded the following day.", 2),
    c("The group kidnapped 11 fishermen off the coast. Seven of them were later killed.", 7),
    c("Rebels captured eight policemen at a checkpoint and shot them dead.", 8),
    c("Two brothers were abducted from their farm; their captors later killed them.", 2),
    c("Bandits kidnapped nine travellers on the highway and killed three of them.", 3),
    c("The militants held 14 villagers overnight and executed them at dawn.", 14),
    c("Four miners were taken hostage by the gang. They were released unharmed a week later.", 0),
    c(
      "Soldiers detained five youths in the raid. Their bodies were found the next morning by the roadside.",
      5,
    ),
    c(
      "Twelve hunters went missing in the forest last month. Villagers later found them dead, apparently killed by militiamen.",
      12,
    ),
  ],
};

export const othersEscapedWithInjuries: Family = {
  name: "others-escaped-with-injuries",
  source: ISSUE,
  reading: '"N (others) escaped with injuries" is N injured',
  cases: [
    c(
      "Three people were killed and 12 others escaped with injuries when gunmen opened fire on the bus.",
      3,
      12,
    ),
    c("Two policemen died in the blast, while four others escaped with injuries.", 2, 4),
    c("The driver was killed on the spot, but his two passengers escaped with minor injuries.", 1, 2),
    c("Five others escaped with serious injuries, the police said.", 0, 5),
    c("One soldier was killed and seven others escaped with bullet wounds.", 1, 7),
    c("Nine worshippers escaped with injuries after a grenade was hurled into the church.", 0, 9),
    c("Eleven people escaped with burns when the petrol bomb hit the shop.", 0, 11),
    c("A woman was killed and her three children escaped with injuries.", 1, 3),
    c("Six villagers were hacked to death, while eight others escaped with machete wounds.", 6, 8),
    c("Two guards were killed; 15 others narrowly escaped with injuries.", 2, 15),
    c(
      "Twelve students escaped with minor injuries when police fired on the march, and two were killed.",
      2,
      12,
    ),
  ],
};

export const attributionNotVictim: Family = {
  name: "attribution-not-victim",
  source: ISSUE,
  reading: "the people who report the toll (officials, witnesses, sources) are not among its victims",
  cases: [
    c("The bomb killed 12 people and wounded 30, a police official said.", 12, 30),
    c("Five soldiers were killed, an army spokesman said.", 5),
    c("Gunmen killed eight villagers, two residents told Reuters.", 8),
    c("At least 14 people were wounded, three security sources said.", 0, 14),
    c("Twenty people died in the strike, a doctor at the hospital told AFP.", 20),
    c("The clashes left 6 dead and 21 injured, two local officials said on condition of anonymity.", 6, 21),
    c("Four civilians were killed in the shelling, one witness said.", 4),
    c("Nine people were hurt in the blast, a fire brigade official said.", 0, 9),
    c("Police killed three protesters, four witnesses said.", 3),
    c("The raid killed 17 militants, the ministry said, adding that two soldiers were wounded.", 17, 2),
    c("Thirty-one people were killed, a spokesman for the provincial governor said.", 31),
    c("A man was shot dead at the gate, a neighbour told local television.", 1),
  ],
};

export const animalsNotCounted: Family = {
  name: "animals-not-counted",
  source: ISSUE,
  reading: "livestock and other animals are not casualties",
  cases: [
    c("A dozen herders and 60 cattle were killed in the attack.", 12),
    c("Gunmen killed four shepherds and stole 200 sheep.", 4),
    c("The airstrike killed three farmers and about 40 goats.", 3),
    c("Raiders shot dead two villagers and killed dozens of cows.", 2),
    c("The explosion killed 15 camels but no people were hurt.", 0),
    c("A farmer and his 30 goats were killed when the shell landed.", 1),
    c("Militiamen killed seven herdsmen and more than 100 cattle in the raid.", 7),
    c("The drone strike hit a farm, killing 20 sheep and injuring the shepherd.", 0, 1),
    c("Five donkeys and a mule were killed in the crossfire; no one was injured.", 0),
    c("Three soldiers and a sniffer dog were killed when the bomb went off.", 3),
    c("Poachers shot dead 12 elephants in the park.", 0),
    c("Ten horses were killed and two stable hands wounded when the barracks were shelled.", 0, 2),
  ],
};

export const backgroundNotCounted: Family = {
  name: "background-not-counted",
  source: "issue 11 (an earlier event cited for background) and reporting-patterns: scope / background",
  reading: "a past event cited for background is kept apart and never added to the totals",
  cases: [
    c(
      "A car bomb killed seven people in Mogadishu on Sunday. The attack came months after a truck bombing in the city that killed more than 500.",
      7,
    ),
    c("Two soldiers were wounded in the ambush, near the site where 19 troops were killed in 2019.", 0, 2),
    c(
      "The shooting left three dead. It was the city's deadliest since a 2016 nightclub attack that killed 49.",
      3,
    ),
    c(
      "Gunmen killed 11 worshippers at the mosque, which was also attacked in 2017, when 305 people died.",
      11,
    ),
    c(
      "Four people were injured in Tuesday's blast. Last year's attack on the same market killed 23.",
      0,
      4,
      "2024-05-08",
    ),
    c(
      "The suicide bomber killed 9 police officers. In 2015, a similar attack on the academy killed 61 cadets.",
      9,
    ),
    c("Eight civilians were killed in the strike, the deadliest since a 2014 bombing that killed 50.", 8),
    c(
      "The town has a history of violence: in 1998 rebels massacred 300 villagers there. On Monday, gunmen killed two farmers.",
      2,
    ),
    c(
      "A grenade wounded six people at the bus stop. The group was behind the 2013 siege of a shopping mall in which 67 people died.",
      0,
      6,
    ),
    c(
      "Police shot dead one suspect. The incident revived memories of the 2012 strike, in which 34 miners were killed by police.",
      1,
    ),
    c(
      "Three aid workers were killed on Friday, two years after an ambush on the same road killed 17 staff members.",
      3,
    ),
    c("Five people died in the attack on the church, which was bombed in 2019, killing 12 worshippers.", 5),
  ],
};

export const separateAttacksSummed: Family = {
  name: "separate-attacks-summed",
  source: ISSUE,
  reading: "a text reporting two separate attacks gives their sum",
  cases: [
    c(
      "In Kandahar, a roadside bomb killed four soldiers. Hours later, in Helmand, gunmen killed three police officers.",
      7,
    ),
    c(
      "Two people were killed in a shooting in the north of the city on Saturday. In a separate incident, a man was stabbed to death in the east.",
      3,
    ),
    c(
      "A suicide bomber killed 12 people at a market in Maiduguri. In a separate attack, militants killed five farmers in Konduga.",
      17,
    ),
    c("Airstrikes on Idlib killed nine civilians, while shelling in Aleppo killed another four.", 13),
    c(
      "Gunmen killed six people in Kajuru on Monday, and on Tuesday another attack in Kauru left eight dead.",
      14,
    ),
    c(
      "One man was shot dead and two wounded on Elm Street. Later, in an unrelated shooting, a teenager was wounded.",
      1,
      3,
    ),
    c("A bomb in Quetta wounded 10 people. Separately, in Peshawar, two policemen were shot dead.", 2, 10),
    c(
      "Three soldiers died when their vehicle hit a mine near Gao; elsewhere, an attack on a checkpoint killed two gendarmes.",
      5,
    ),
    c(
      "Rebels killed 15 villagers in Beni on Wednesday. On Thursday, eight more were killed in a separate raid nearby.",
      23,
    ),
    c(
      "The first blast killed four people and the second, an hour later at a bus stop across town, killed six.",
      10,
    ),
    c("In one attack, gunmen killed a trader; in another, a policeman was wounded.", 1, 1),
    c(
      "Clashes in the south killed 7 people and injured 20, while a separate grenade attack in the capital injured 5.",
      7,
      25,
    ),
  ],
};

export const issueForms: readonly Family[] = [
  longNumberedSubject,
  loneUnnamedVictim,
  figureSplitByAside,
  soFarInOneAttack,
  pronounCarriesCount,
  othersEscapedWithInjuries,
  attributionNotVictim,
  animalsNotCounted,
  backgroundNotCounted,
  separateAttacksSummed,
];
