// reporting-patterns.md, "Quantities and qualifiers": how a figure is worded. The best figure of a qualified
// number is the number itself; of a range or a vague word, any reading between the conventions recorders publish.
import type { Family } from "../family.ts";
import { c } from "../family.ts";

const QUANT = "reporting-patterns: quantities and qualifiers";

export const atLeast: Family = {
  name: "at-least",
  source: QUANT,
  reading: "'at least N', 'no fewer than N', 'a minimum of N': best N",
  cases: [
    c("At least 30 people were killed in the raid.", 30),
    c("No fewer than 12 soldiers died in the ambush.", 12),
    c("A minimum of 8 civilians were killed, according to the UN.", 8),
    c("The attack killed at least 19 people and wounded at least 50.", 19, 50),
    c("At least one person was killed.", 1),
    c("No less than 70 people were killed in the massacre, survivors said.", 70),
    c("At the very least, 45 people died in the shelling.", 45),
    c("The bombing left at least four dead.", 4),
    c("Not less than 16 people were injured.", 0, 16),
    c("Officials said at least 3 police officers had been killed.", 3),
    c("At least two dozen people were killed.", 24),
  ],
};

export const moreThan: Family = {
  name: "more-than",
  source: QUANT,
  reading: "'more than N', 'over N', 'upwards of N': best N",
  cases: [
    c("More than 40 people were killed in the attack on the village.", 40),
    c("Over 100 people were injured in the explosion.", 0, 100),
    c("Upwards of 60 people died when militants attacked the camp.", 60),
    c("The bombing killed more than 80 people.", 80),
    c("Well over 200 people were wounded.", 0, 200),
    c("The attack killed over a dozen soldiers.", 12),
    c("More than 1,000 people were killed in the massacre, according to the commission.", 1000),
    c("Gunmen killed more than 30 villagers overnight.", 30),
    c("In excess of 50 people were hurt.", 0, 50),
    c("The raid left more than 20 dead.", 20),
    c("Over 300 people were killed and more than 600 injured in the coordinated bombings.", 300, 600),
  ],
};

export const asManyAs: Family = {
  name: "as-many-as",
  source: QUANT,
  reading: "'as many as N', 'up to N', 'a maximum of N': best N",
  cases: [
    c("As many as 38 people were killed.", 38),
    c("Up to 15 people were killed in the airstrike, local sources said.", 15),
    c("The army said a maximum of nine people had been killed.", 9),
    c("The strike killed as many as 70 civilians.", 70),
    c("Up to 200 people were injured.", 0, 200),
    c("As many as 12 soldiers died in the ambush.", 12),
    c("Residents said up to 30 people had been shot dead.", 30),
    c("The clashes killed up to 25 people and injured as many as 80.", 25, 80),
    c("As many as 5 police officers were wounded.", 0, 5),
    c("Up to a dozen people were killed when the bomb went off.", 12),
    c("Officials said as many as 19 worshippers died.", 19),
  ],
};

export const approximately: Family = {
  name: "approximately",
  source: QUANT,
  reading: "'some', 'about', 'around', 'roughly', 'nearly', 'an estimated' N: about N",
  cases: [
    c("Some 70 people were killed in the fighting.", 70),
    c("About 20 people were wounded.", 0, 20),
    c("Around 35 civilians died in the bombardment.", 35),
    c("Roughly 50 people were killed.", 50),
    c("Nearly 100 people were injured in the blast.", 0, [90, 100]),
    c("Almost 40 people were killed in the attack.", [30, 40]),
    c("Approximately 15 soldiers were killed.", 15),
    c("An estimated 300 people died in the massacre.", 300),
    c("Close to 60 people were killed.", [50, 60]),
    c("The attack killed about a dozen people.", 12),
    c("Some two dozen people were wounded.", 0, 24),
    c("Roughly 1,200 people were killed in the week-long siege of the town.", 1200),
  ],
};

export const ranges: Family = {
  name: "ranges",
  source: QUANT,
  reading: "'between 6 and 12', '6 to 12', '6-12', 'three or four': a figure within the range",
  cases: [
    c("Between 7 and 11 people were killed in the ambush.", [7, 11]),
    c("Six to 12 people were killed in the attack on the market.", [6, 12]),
    c("Witnesses said 20-25 people died in the attack.", [20, 25]),
    c("The strike killed between 30 and 40 civilians.", [30, 40]),
    c("Between 50 and 60 people were injured.", 0, [50, 60]),
    c("Officials put the toll at 10 to 15 dead.", [10, 15]),
    c("Three or four people were killed in the ambush.", [3, 4]),
    c("Fifteen to twenty villagers were killed.", [15, 20]),
    c("Some 100 to 150 people were wounded in the clashes.", 0, [100, 150]),
    c("The shelling killed between eight and ten people and injured 20 to 30.", [8, 10], [20, 30]),
    c("Two to three soldiers were killed.", [2, 3]),
  ],
};

export const vagueQuantities: Family = {
  name: "vague-quantities",
  source: QUANT,
  reading:
    "vague words read by a published convention (ACLED: tens 10, dozens 12, hundreds 100; Airwars: several 2, dozens 12–24)",
  cases: [
    c("Dozens of people were killed in the attack.", [12, 24]),
    c("Several people were wounded.", 0, [2, 3]),
    c("Hundreds of people were injured.", 0, [100, 200]),
    c("Scores of civilians were killed.", [20, 40]),
    c("Tens of people died in the clashes.", [10, 20]),
    c("A handful of soldiers were wounded.", 0, [2, 5]),
    c("A number of policemen were killed in the ambush.", [2, 3]),
    c("The blast killed several people and injured dozens.", [2, 3], [12, 24]),
    c("Gunmen killed a few villagers.", [2, 3]),
    c("Hundreds of civilians were killed in the massacre.", [100, 200]),
    c("Dozens were wounded when police opened fire.", 0, [12, 24]),
    c("The airstrike killed dozens of fighters.", [12, 24]),
  ],
};

export const numberWords: Family = {
  name: "number-words",
  source: QUANT,
  reading: "numbers in words ('a dozen', 'two hundred and thirty-seven', 'fourteen hundred') are exact",
  cases: [
    c("A dozen people were killed.", 12),
    c("Two dozen soldiers were killed in the ambush.", 24),
    c("The massacre killed twenty-one thousand people, the commission found.", 21000),
    c("Two hundred and forty-six people were killed in the bombings.", 246),
    c("One hundred and five people were wounded.", 0, 105),
    c("Thirty-four miners were shot dead.", 34),
    c("Eleven people were killed and forty-two injured.", 11, 42),
    c("Half a dozen people were injured.", 0, 6),
    c("A hundred people were killed in the raid on the village.", 100),
    c("Ninety-nine people died in the attack.", 99),
    c("Seventeen were killed and thirteen hurt.", 17, 13),
    c("One person was killed and three hundred injured.", 1, 300),
    c("The attack killed 2,300 people.", 2300),
  ],
};

export const quantities: readonly Family[] = [
  atLeast,
  moreThan,
  asManyAs,
  approximately,
  ranges,
  vagueQuantities,
  numberWords,
];
