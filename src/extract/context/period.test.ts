import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as chrono from "chrono-node";
import { contextOf, one } from "./testkit.ts";

// 2017-03-25 is a Saturday, the seed article's date.
const SAT = "2017-03-25";

describe("chrono-node as configured", () => {
  it("reads weekdays into the past with forwardDate false", () => {
    const ref = { instant: new Date("2017-03-25T12:00:00Z"), timezone: "UTC" };
    const d = chrono.casual.parseDate("on Wednesday", ref, { forwardDate: false });
    assert.equal(d?.toISOString().slice(0, 10), "2017-03-22");
  });
});

describe("period: dates in the claim's sentence", () => {
  it("a weekday is the one before publication", () => {
    const c = one(
      "On Wednesday, 43 civilians were killed in an air strike.",
      SAT,
      "43 civilians were killed",
    );
    assert.deepEqual(c.period, {
      start: "2017-03-22",
      end: "2017-03-22",
      precision: "day",
      text: "On Wednesday,",
    });
  });

  it("never a weekday after publication: 'on Sunday' in a Saturday paper is six days back", () => {
    const c = one("Five people were killed on Sunday in Kabul.", SAT, "Five people were killed");
    assert.equal(c.period?.start, "2017-03-19");
  });

  it("mid-, early- and late-month", () => {
    const mid = one("In mid-February, 12 people were killed.", SAT, "12 people were killed");
    assert.deepEqual(
      [mid.period?.start, mid.period?.end, mid.period?.precision],
      ["2017-02-11", "2017-02-20", "month"],
    );
    const early = one("In early February, 12 people were killed.", SAT, "12 people were killed");
    assert.deepEqual([early.period?.start, early.period?.end], ["2017-02-01", "2017-02-10"]);
    const late = one("In late-February, 12 people were killed.", SAT, "12 people were killed");
    assert.deepEqual([late.period?.start, late.period?.end], ["2017-02-21", "2017-02-28"]);
  });

  it("a month without a year is the last one before publication", () => {
    const c = one("The campaign launched last October killed 300 people.", SAT, "killed 300 people");
    assert.deepEqual(
      [c.period?.start, c.period?.end, c.period?.precision],
      ["2016-10-01", "2016-10-31", "month"],
    );
    const d = one("In December, 40 people were killed.", "2017-01-10", "40 people were killed");
    assert.equal(d.period?.start, "2016-12-01");
  });

  it("'since' makes a running total that ends at publication", () => {
    const c = one(
      "As many as 3,864 civilians have been killed since mid-February.",
      SAT,
      "3,864 civilians have been killed",
    );
    assert.deepEqual(c.period, {
      start: "2017-02-11",
      end: SAT,
      precision: "month",
      text: "since mid-February",
    });
    const d = one(
      "Hospitals received more than 22,000 injured since the start of the army campaign almost six weeks ago.",
      SAT,
      "more than 22,000 injured",
    );
    assert.deepEqual([d.period?.start, d.period?.end], ["2017-02-11", SAT]);
    const y = one("Some 900 people have been killed since 2014.", SAT, "900 people have been killed");
    assert.deepEqual([y.period?.start, y.period?.end], ["2014-01-01", SAT]);
  });

  it("relative expressions chrono misses", () => {
    const cases: [string, string, string | null, string | null, string][] = [
      ["Six people were killed overnight.", SAT, "2017-03-24", SAT, "days"],
      ["Six people were killed last night.", SAT, "2017-03-24", "2017-03-24", "day"],
      ["Six people were killed over the weekend.", "2017-03-27", "2017-03-25", "2017-03-26", "days"],
      ["Six people were killed in the past 24 hours.", SAT, "2017-03-24", SAT, "days"],
      ["Six people were killed so far this year.", SAT, "2017-01-01", SAT, "year"],
      ["Six people were killed this week.", SAT, "2017-03-20", SAT, "week"],
      ["Six people were killed last week.", SAT, "2017-03-13", "2017-03-19", "week"],
      ["Six people were killed in mid-2014.", SAT, "2014-05-01", "2014-08-31", "year"],
    ];
    for (const [text, pub, start, end, precision] of cases) {
      const c = one(text, pub, "Six people were killed");
      assert.deepEqual([c.period?.start, c.period?.end, c.period?.precision], [start, end, precision], text);
    }
  });

  it("absolute dates need no publication date (ACLED, Airwars)", () => {
    const a = one("On 9 May 2020, clashes left 20 people killed in Marib.", null, "20 people killed");
    assert.deepEqual(
      [a.period?.start, a.period?.end, a.period?.precision],
      ["2020-05-09", "2020-05-09", "day"],
    );
    const b = one("Around 9 May 2020 (as reported), 3 people were killed.", null, "3 people were killed");
    // "Around": a day either side; "(as reported)": the report's day or the day before.
    assert.deepEqual(
      [b.period?.start, b.period?.end, b.period?.precision],
      ["2020-05-08", "2020-05-10", "days"],
    );
    const r = one("On 9 May 2020 (as reported), 3 people were killed.", null, "3 people were killed");
    assert.deepEqual(
      [r.period?.start, r.period?.end, r.period?.precision],
      ["2020-05-08", "2020-05-09", "days"],
    );
    const between = one("Between 3 and 5 May 2020, 3 people were killed.", null, "3 people were killed");
    assert.deepEqual(
      [between.period?.start, between.period?.end, between.period?.precision],
      ["2020-05-03", "2020-05-05", "days"],
    );
    const over = one("Clashes over 24–26 June 2020 left 3 people killed.", null, "3 people killed");
    assert.deepEqual([over.period?.start, over.period?.end], ["2020-06-24", "2020-06-26"]);
    const c = one(
      "On October 7, 2023, a paramedic was reportedly killed.",
      null,
      "a paramedic was reportedly killed",
    );
    assert.equal(c.period?.start, "2023-10-07");
    const d = one("In the evening of October 7th, 2023, a strike killed 4 people.", null, "killed 4 people");
    assert.deepEqual([d.period?.start, d.period?.end], ["2023-10-07", "2023-10-07"]);
  });

  it("a dateline is the report date: the anchor for relative dates; the lead's date is the document's", () => {
    const text =
      "SAN SALVADOR, 4 JAN 90 -- [TEXT] FIVE PEASANTS WERE KILLED YESTERDAY. TWO SOLDIERS WERE KILLED.";
    const [a, b] = contextOf(text, null, ["FIVE PEASANTS WERE KILLED", "TWO SOLDIERS WERE KILLED"]);
    assert.equal(a?.period?.start, "1990-01-03");
    assert.deepEqual(b?.period, {
      start: "1990-01-03",
      end: "1990-01-03",
      precision: "day",
      text: "YESTERDAY",
    });
  });

  it("a dateline without a year takes the publication's year and does not beat 'on Thursday'", () => {
    const text =
      "MOSUL, Iraq, March 26 (Reuters) - At least 200 people were killed on Thursday in an air strike.";
    const c = one(text, "2017-03-27", "At least 200 people were killed");
    assert.deepEqual(
      [c.period?.start, c.period?.end, c.period?.precision],
      ["2017-03-23", "2017-03-23", "day"],
    );
  });

  it("relative days never fall after the dateline", () => {
    const text = "MOSUL, Iraq, March 26 (Reuters) - Nine people were killed on Sunday.";
    const c = one(text, null, "Nine people were killed");
    assert.equal(c.period?.start, null); // no year anywhere: nothing to resolve against
    const d = one(text, "2017-03-30", "Nine people were killed");
    assert.equal(d.period?.start, "2017-03-26");
    const y = one(
      "BAGHDAD, 26 March 2017 — Nine people were killed yesterday.",
      null,
      "Nine people were killed",
    );
    assert.equal(y.period?.start, "2017-03-25");
  });
});

describe("period: carried dates", () => {
  it("'on the same day' takes the date just mentioned", () => {
    const text =
      "On Wednesday, 43 civilians were killed.\nOn the same day, officials said 12 soldiers were killed.";
    const [, b] = contextOf(text, SAT, ["43 civilians were killed", "12 soldiers were killed"]);
    assert.deepEqual(
      [b?.period?.start, b?.period?.end, b?.period?.text],
      ["2017-03-22", "2017-03-22", "On the same day"],
    );
  });

  it("'over the same period' takes the previous claim's period", () => {
    const text =
      "Some 3,000 people have been killed since mid-February.\nMore than 10,000 homes were destroyed over the same period.";
    const [, b] = contextOf(text, SAT, ["3,000 people have been killed", "10,000 homes were destroyed"]);
    assert.deepEqual([b?.period?.start, b?.period?.end], ["2017-02-11", SAT]);
  });

  it("a sentence that continues the story takes the previous sentence's date", () => {
    const text =
      "A car bomb exploded in Baghdad on Monday, killing 12 people.\nThe blast also wounded 30 others.";
    const [, b] = contextOf(text, SAT, ["killing 12 people", "wounded 30 others"]);
    assert.equal(b?.period?.start, "2017-03-20");
  });

  it("bodies found on a date died on or before it", () => {
    const text =
      "On Wednesday, 43 were killed.\nOn the same day, the bodies of some 80 dead civilians were pulled from the rubble.";
    const [, b] = contextOf(text, SAT, ["43 were killed", "the bodies of some 80 dead civilians"]);
    assert.deepEqual([b?.period?.start, b?.period?.end, b?.period?.precision], [null, "2017-03-22", null]);
  });
});

describe("period: negatives", () => {
  it("no date in the text: the publication day or the day before, said as 'days'", () => {
    const c = one("Twelve people were killed in the attack.", SAT, "Twelve people were killed");
    assert.deepEqual(c.period, { start: "2017-03-24", end: SAT, precision: "days", text: null });
  });

  it("a lead date that is not about violence is not the document's event date", () => {
    const text =
      "On Wednesday, the president visited Mosul.\nTwelve people were killed in the city, police said.";
    const c = contextOf(text, SAT, ["Twelve people were killed"])[0];
    assert.deepEqual([c?.period?.start, c?.period?.text], ["2017-03-24", null]);
  });

  it("claims after the lead inherit its date with its precision", () => {
    const text = "On 9 May 2020, militants attacked a village near Gao. Three soldiers were killed.";
    const c = contextOf(text, null, ["Three soldiers were killed"])[0];
    assert.deepEqual(c?.period, {
      start: "2020-05-09",
      end: "2020-05-09",
      precision: "day",
      text: "On 9 May 2020",
    });
    const m = contextOf("In May 2020, militants attacked a village. Three soldiers were killed.", null, [
      "Three soldiers were killed",
    ])[0];
    assert.deepEqual(
      [m?.period?.start, m?.period?.end, m?.period?.precision],
      ["2020-05-01", "2020-05-31", "month"],
    );
  });

  it("relative dates stay unresolved without a publication date", () => {
    const c = one("On Wednesday, 43 civilians were killed.", null, "43 civilians were killed");
    assert.deepEqual(c.period, { start: null, end: null, precision: null, text: null });
  });

  it("the date line under a headline is not an event date", () => {
    const text = "Blast kills 9\nMarch 25, 2017 at 11:22 am\nNine people were killed in a blast.";
    const c = contextOf(text, null, ["Nine people were killed"])[0];
    assert.deepEqual(c?.period, { start: "2017-03-24", end: SAT, precision: "days", text: null });
  });

  it("a time of day alone is not a date", () => {
    const c = one("At 12:00 local time a strike killed 4 people.", SAT, "killed 4 people");
    assert.deepEqual([c.period?.start, c.period?.text], ["2017-03-24", null]);
  });
});

describe("period: report dates and time stamps", () => {
  it("'police said Friday' yields to the event's 'Thursday afternoon'", () => {
    const text =
      "Police said Friday morning two people are in custody after a shooting which killed a 3-year-old girl Thursday afternoon.";
    const c = one(text, "2014-10-17", "killed a 3-year-old girl");
    assert.equal(c.period?.start, "2014-10-16");
  });

  it("a page's time stamp is not an event date", () => {
    const text = "Boy dies in shooting Posted: Wednesday, March 12, 2014 8:04 AM EST";
    const c = one(text, "2014-03-12", "Boy dies");
    assert.deepEqual([c.period?.start, c.period?.text], ["2014-03-11", null]);
  });

  it("'two weeks after' counts from an event, not from publication", () => {
    const c = one(
      "More than two weeks after a 5-year-old boy was fatally shot, a man was charged.",
      "2014-11-22",
      "a 5-year-old boy was fatally shot",
    );
    assert.notEqual(c.period?.start, "2014-11-22");
    assert.equal(c.period?.text, null);
  });
});

describe("period: MUC-style wire copy", () => {
  it("a dateline with the agency in parentheses is the report date", () => {
    const text =
      "BOGOTA, 3 NOV 89 (RADIO CADENA NACIONAL) -- [TEXT] FOUR PEOPLE KILLED IN A CAR BOMB EXPLOSION.";
    const c = one(text, null, "FOUR PEOPLE KILLED");
    assert.deepEqual(c.period, { start: "1989-11-02", end: "1989-11-03", precision: "days", text: null });
  });

  it("a month name that is not a date ('the funeral MARCH OF') is ignored", () => {
    const text =
      "SAN SALVADOR, 3 NOV 89 (AFP) -- [TEXT] LEADERS HEADED THE FUNERAL MARCH OF THE 10 UNION MEMBERS KILLED.";
    const c = one(text, null, "10 UNION MEMBERS KILLED");
    assert.deepEqual([c.period?.start, c.period?.text], ["1989-11-02", null]);
  });
});
