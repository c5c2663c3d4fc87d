// reporting-patterns.md, "Who says so, and how sure": attribution and hedges change who vouches for a figure,
// not the figure.
import type { Family } from "../family.ts";
import { c } from "../family.ts";

const WHO = "reporting-patterns: who says so, and how sure";

export const attributedFigures: Family = {
  name: "attributed-figures",
  source: WHO,
  reading:
    "'according to X', 'X said', 'X told', 'X's figures show', carried forward by 'he added': the figure stands",
  cases: [
    c("According to the health ministry, 27 people were killed in the strike.", 27),
    c("Seventeen people were killed, the Syrian Observatory for Human Rights said.", 17),
    c("A police spokesman told reporters that four officers had been wounded.", 0, 4),
    c("The hospital reported 12 dead and 44 injured.", 12, 44),
    c("Local officials announced that 9 villagers had died in the raid.", 9),
    c(
      "The army confirmed that three soldiers were killed. Two others were wounded, the spokesman added.",
      3,
      2,
    ),
    c("UN figures show 14 civilians were killed in the shelling.", 14),
    c("A source who requested anonymity said 6 guards died in the attack.", 6),
    c("Residents told the BBC that gunmen killed 20 people.", 20),
    c(
      "The interior ministry said 11 militants were killed in the operation. The ministry also said one policeman was wounded.",
      11,
      1,
    ),
    c("Eight people were killed, the mayor said. He added that 15 others were hurt.", 8, 15),
    c("Reuters reported that at least 5 people were killed.", 5),
  ],
};

export const hedgedTolls: Family = {
  name: "hedged-tolls",
  source: WHO,
  reading: "'reportedly', 'believed to have been', 'allegedly' hedge the toll: it is still the reported toll",
  cases: [
    c("At least 10 people are believed to have been killed in the blast.", 10),
    c("Eight civilians were reportedly killed in the airstrike.", 8),
    c("Three people were allegedly shot dead by police.", 3),
    c("Twenty people are thought to have died in the attack.", 20),
    c("Police are said to have killed four protesters.", 4),
    c("The strike reportedly wounded 12 people.", 0, 12),
    c("Nine villagers were apparently killed by the militia.", 9),
    c("Residents said at least 7 people were reportedly killed.", 7),
    c("Two aid workers were believed to be among those killed.", 2),
    c("It is believed that 14 people died in the fire set by the attackers.", 14),
    c("The airstrikes are reported to have killed 23 civilians.", 23),
  ],
};

export const perpetratorHedge: Family = {
  name: "perpetrator-hedge",
  source: WHO,
  reading:
    "a hedge on who did it ('likely launched by', 'suspected', 'blamed on') leaves the toll as reported",
  cases: [
    c("A strike killed 41 civilians in a raid likely launched by the coalition, monitors said.", 41),
    c("At least 12 people were killed in a bombing apparently carried out by the Islamic State.", 12),
    c("Five villagers were shot dead by gunmen suspected to be members of the militia.", 5),
    c("The blast, which officials blamed on separatists, killed 9 people.", 9),
    c("Eighteen civilians died in shelling that each side blamed on the other.", 18),
    c("A drone strike believed to have been carried out by the US killed four militants.", 4),
    c("Suspected jihadists killed 30 people in attacks on two villages.", 30),
    c("Four policemen were wounded in an ambush that no group has claimed.", 0, 4),
    c("Unidentified gunmen, possibly bandits, killed seven traders.", 7),
    c("Three people were injured in an explosion that police said may have been caused by a grenade.", 0, 3),
    c("A strike widely attributed to Israel killed six people near Damascus.", 6),
    c("The massacre of 21 farmers, allegedly by soldiers, sparked protests.", 21),
  ],
};

export const sources: readonly Family[] = [attributedFigures, hedgedTolls, perpetratorHedge];
