// Numbers that are not casualty counts (reporting-patterns: "not claims"; dates in reports): things, attackers,
// dates, ages and times.
import type { Family } from "../family.ts";
import { c } from "../family.ts";

export const nonPersons: Family = {
  name: "non-persons",
  source: "reporting-patterns: quantities ('two cars' is not a claim)",
  reading: "buildings, vehicles and goods destroyed are not casualties",
  cases: [
    c("Two cars were destroyed in the blast.", 0),
    c("The airstrike destroyed three houses and a mosque.", 0),
    c("Militants torched 40 homes in the village.", 0),
    c("Four armoured vehicles were hit by the missiles.", 0),
    c("Two helicopters were shot down, but their crews survived.", 0),
    c("The explosion damaged 15 shops.", 0),
    c("Two schools were destroyed and one mosque damaged by the shelling.", 0),
    c("Rebels seized 12 trucks carrying food aid.", 0),
    c("The rocket hit a power station, cutting electricity to 300,000 homes.", 0),
    c("Three tanks were destroyed in the fighting.", 0),
    c("Five bridges were blown up by retreating forces.", 0),
    c("The strike destroyed 20 tonnes of grain.", 0),
  ],
};

export const attackersNotVictims: Family = {
  name: "attackers-not-victims",
  source: "reporting-patterns: quantities ('a few hundred militants', 'four gunmen' are not claims)",
  reading: "counts of attackers, troops, suspects or marchers are not casualties",
  cases: [
    c("A few hundred militants attacked the town at dawn.", 0),
    c("Three gunmen on motorcycles opened fire on the crowd, wounding two people.", 0, 2),
    c("About 200 fighters stormed the base, killing 14 soldiers.", 14),
    c("Twenty armed men raided the village.", 0),
    c("Dozens of attackers armed with machetes attacked the farm.", 0),
    c("Police arrested 15 suspects after the attack.", 0),
    c("Five soldiers were arrested over the killing of a civilian.", 1),
    c("Two attackers fled on foot after stabbing a man.", 0, 1),
    c("The 40 militants who took part in the raid escaped into the forest.", 0),
    c("Around 300 troops were deployed after gunmen killed three villagers.", 3),
    c("Hundreds of protesters marched peacefully through the capital.", 0),
    c("Two suspects were detained in connection with the shooting that wounded four.", 0, 4),
  ],
};

export const datesAgesTimes: Family = {
  name: "dates-ages-times",
  source: "reporting-patterns: quantities ('six weeks', '2017' are not claims) and dates in reports",
  reading: "dates, ages, times, road numbers and years are not counts",
  cases: [
    c("Maria Gonzalez, 34, was killed in the attack on the bus.", 1),
    c("The shooting happened at 2:45 a.m. on Sunday, police said; one man was wounded.", 0, 1),
    c("On 17 March 2021, gunmen killed two farmers.", 2),
    c("A 23-year-old man was stabbed to death.", 1),
    c("The 67-year-old priest was killed in his church.", 1),
    c("Three people were killed on Highway 12 near mile marker 40.", 3),
    c("The blast on 9 May wounded five people in the 400 block of Main Street.", 0, 5),
    c("The village had 300 residents; on Friday gunmen killed 8 of them.", 8),
    c("The bomb exploded at 10.30 am, killing a 12-year-old boy.", 1),
    c("Four people aged between 18 and 25 were injured.", 0, 4),
    c("Two officers with 20 years of service were killed on Route 9.", 2),
    c("The attack on 11 September killed four guards.", 4),
    c("The fighting, now in its sixth week, killed three civilians on Thursday.", 3),
  ],
};

export const notCounts: readonly Family[] = [nonPersons, attackersNotVictims, datesAgesTimes];
