// reporting-patterns.md, "Scope: one incident or a running total", and the negatives a recorder must read as
// no figure: running totals, hypotheticals and threats, negation, "no casualties", casualties without a number.
import type { Family } from "../family.ts";
import { c } from "../family.ts";

const SCOPE = "reporting-patterns: scope";

export const runningTotals: Family = {
  name: "running-totals",
  source: SCOPE,
  reading:
    "a running total ('since', 'so far this year', 'in all') is never added to the incidents it overlaps",
  cases: [
    c("More than 1,200 civilians have been killed since the start of the offensive.", 0),
    c("So far this year, 310 people have been killed in attacks in the region.", 0),
    c("The total number of soldiers killed in the conflict has risen to 2,800.", 0),
    c("In all, 4,000 people have been killed since the insurgency began in 2009.", 0),
    c("Overall, the violence has claimed 900 lives since March.", 0),
    c(
      "A bomb killed three people in Maiduguri on Friday. More than 35,000 people have been killed since the insurgency began.",
      3,
    ),
    c(
      "Two soldiers were killed in a clash on Monday, bringing to 150 the number of troops killed this year.",
      2,
    ),
    c(
      "Gunmen killed five villagers overnight; some 600 people have died in attacks in the state since January.",
      5,
    ),
    c("The death toll from the war has risen to 18,000 since October.", 0),
    c("The UN says 1,100 civilians have been wounded in the region so far this year.", 0),
    c("Police shot dead a protester on Sunday, the 31st person killed since the demonstrations began.", 1),
    c(
      "A roadside bomb wounded four soldiers. Since the ceasefire collapsed in May, 87 soldiers have been wounded.",
      0,
      4,
    ),
  ],
};

export const hypotheticalsThreats: Family = {
  name: "hypotheticals-threats",
  source: SCOPE,
  reading: "threats, warnings and what could or would have happened are not claims",
  cases: [
    c("The militants threatened to kill all 30 hostages.", 0),
    c("Officials warned that an assault on the city could kill thousands of civilians.", 0),
    c("Police said the device would have killed dozens of shoppers had it gone off.", 0),
    c("Aid groups said there was a risk of hundreds of deaths if the siege continued.", 0),
    c("Police said the plot could have killed as many as 200 people.", 0),
    c("The group vowed to kill 100 soldiers for every fighter it lost.", 0),
    c("If the dam is breached by shelling, up to 10,000 people could die.", 0),
    c("Analysts fear the offensive may leave hundreds dead.", 0),
    c("The kidnappers threatened to execute the five aid workers unless a ransom was paid.", 0),
    c("Had the device exploded, it could have killed everyone on the bus.", 0),
    c("Residents fear more than 50 people may be killed if the militia returns.", 0),
    c("The defence minister said the new missiles were capable of killing thousands.", 0),
  ],
};

export const negation: Family = {
  name: "negation",
  source: SCOPE,
  reading: "'no one was hurt', 'was not injured': zero for that group",
  cases: [
    c("No one was hurt in the blast.", 0),
    c("The officer who was fired at was not injured.", 0),
    c("Nobody was killed in the attack, police said.", 0),
    c("None of the passengers were injured when gunmen fired on the bus.", 0),
    c("The ambassador was unhurt.", 0),
    c("There were no reports of injuries.", 0),
    c("No one was killed, but three houses were destroyed.", 0),
    c("The guards escaped unharmed.", 0),
    c("Police denied that anyone had been killed in the operation.", 0),
    c("The driver escaped without injury.", 0),
    c("Neither soldier was hurt in the explosion.", 0),
    c("The grenade failed to explode and no one was harmed.", 0),
    c("Two people were killed, but none of the children at the school were hurt.", 2),
  ],
};

export const noCasualties: Family = {
  name: "no-casualties",
  source: SCOPE,
  reading: "'no casualties', 'no fatalities', 'no loss of life': zero",
  cases: [
    c("There were no casualties.", 0),
    c("No casualties were reported.", 0),
    c("The blast caused no casualties, officials said.", 0),
    c("The rocket fell in an open field without causing casualties.", 0),
    c("No deaths or injuries were reported after the explosion.", 0),
    c("The attack on the base caused damage but no casualties.", 0),
    c("Police said there were no fatalities.", 0),
    c("The shells landed on the outskirts, with no immediate reports of casualties.", 0),
    c("The protest ended peacefully with no injuries.", 0),
    c("No loss of life was reported.", 0),
    c("The army said the strike on the depot resulted in zero casualties.", 0),
  ],
};

export const casualtiesUnknown: Family = {
  name: "casualties-unknown",
  source: SCOPE,
  reading: "casualties without a number ('heavy casualties, numbers unknown') give no figure: 0, not a guess",
  cases: [
    c("Heavy casualties were reported, but the number is unknown.", 0),
    c("The attack caused casualties, but no figures were given.", 0),
    c("There were casualties on both sides, the army said, without giving numbers.", 0),
    c("The number of dead and wounded is not yet known.", 0),
    c("It was not immediately clear whether there were any casualties.", 0),
    c("The rebels claimed to have inflicted heavy losses on the army.", 0),
    c("The bombing caused an unknown number of casualties.", 0),
    c("Hospitals were overwhelmed with casualties, a doctor said.", 0),
    c("Officials declined to say how many people had been killed.", 0),
    c("There was no immediate word on casualties.", 0),
    c("Casualty figures were not available.", 0),
  ],
};

export const scope: readonly Family[] = [
  runningTotals,
  hypotheticalsThreats,
  negation,
  noCasualties,
  casualtiesUnknown,
];
