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

export const datelines: Family = {
  name: "datelines-and-dates",
  source: "reporting-patterns: dates in reports (datelines, weekdays, parts of months)",
  reading:
    "the numbers of a dateline, a timestamp or a part of a month are not counts; the toll after them is",
  cases: [
    c("TEGUCIGALPA, 12 MAR 90 -- [TEXT] UNIDENTIFIED MEN KILLED TWO PEASANTS IN OLANCHO DEPARTMENT.", 2),
    c(
      "LIMA, 7 APR 90 -- [TEXT] FIVE SOLDIERS WERE WOUNDED WHEN GUERRILLAS ATTACKED A PATROL IN AYACUCHO.",
      0,
      5,
    ),
    c("KABUL, Afghanistan (AP) — A roadside bomb killed four police officers on Sunday.", 4),
    c(
      "MOGADISHU, Somalia (Reuters) - At least 11 people were killed when a car bomb exploded outside a hotel.",
      11,
    ),
    c(
      "March 25, 2017 at 11:22 am. Two people were shot and wounded in the Eastside neighbourhood overnight.",
      0,
      2,
    ),
    c("Updated 6:45 PM ET, Sat July 8, 2023. A man was killed in a shooting at a gas station.", 1),
    c("LAGOS, Nigeria, Jan. 14 (UPI) -- Gunmen killed 16 worshippers in a church in Ondo state.", 16),
    c("Published 14 August 2022. Three soldiers were killed in clashes in mid-August, officials said.", 3),
    c("DAMASCUS, 22 Oct 2019 - Six civilians were injured by shells fired on the city.", 0, 6),
    c("Posted: Mon 12:05 PM, Jun 03, 2019. One person died after a stabbing early on Sunday.", 1),
    c(
      "BAGHDAD, Oct 3 (Reuters) - Security forces killed 18 protesters on Thursday, medical sources said.",
      18,
    ),
    c("In early March, militants attacked a convoy, killing 7 soldiers.", 7),
    c("Late on Wednesday, a drone strike killed a commander and his two guards.", 3),
  ],
};

export const notCounts: readonly Family[] = [nonPersons, attackersNotVictims, datesAgesTimes, datelines];
