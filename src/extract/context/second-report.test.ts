// One raid, two reports: the seed article (read from ../shared/seed at run time, never copied here) tells of the
// airstrike "On Thursday" that killed 237 civilians in western Mosul; a second report, written for this test, gives
// "At least 200 … on Thursday" under a later dateline (26 March). The dateline must not beat "on Thursday": both
// claims are dated 23 March and reconcile into one incident, so the month is not counted twice.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { sharedGazetteer } from "../../gazetteer/index.ts";
import { emptyState, fromExtraction, reconcile, totals } from "../../reconcile/index.ts";
import { extract } from "../index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const SEED = path.resolve(here, "../../../../shared/seed/mosul-2017-03-25.txt");

const SECOND_REPORT = [
  "Coalition strike killed at least 200 in Mosul, officials say",
  "",
  "MOSUL, Iraq, March 26 (Wire) - At least 200 civilians were killed on Thursday when an air strike hit two " +
    "residential compounds in western Mosul, Iraqi officials said on Sunday, blaming the US-led coalition.",
  "",
  "Rescue teams were still searching the rubble, a civil defence officer said.",
].join("\n");

describe(
  "a second report of the seed's Thursday raid",
  { skip: existsSync(SEED) ? false : `no seed at ${SEED}` },
  () => {
    const gazetteer = sharedGazetteer();
    const seedText = existsSync(SEED) ? readFileSync(SEED, "utf8") : "";
    const seed = extract(seedText, { detectHeader: true, gazetteer });
    const second = extract(SECOND_REPORT, { detectHeader: true, published: "2017-03-26", gazetteer });
    const raid = seed.claims.find((c) => c.metric === "killed" && c.value === 237);
    const report = second.claims.find((c) => c.metric === "killed" && c.value === 200);

    it("dates both to Thursday 23 March, not to the dateline", () => {
      assert.ok(raid && report, "the 237 and the 200 must both be read");
      assert.deepEqual([raid.period?.start, raid.period?.end], ["2017-03-23", "2017-03-23"]);
      assert.deepEqual(
        [report.period?.start, report.period?.end, report.period?.precision],
        ["2017-03-23", "2017-03-23", "day"],
      );
      assert.equal(report.location?.country, "IQ");
    });

    it("reconciles them into one incident, so March is not counted twice", () => {
      const alone = reconcile(emptyState(), fromExtraction(seed, { article_id: "seed", external_id: null }), {
        now: "2026-01-01T00:00:00Z",
      });
      const both = reconcile(
        alone.state,
        fromExtraction(second, { article_id: "second", external_id: null }),
        {
          now: "2026-01-01T00:00:00Z",
        },
      );
      const incidents = Object.values(both.state.incidents);
      const joined = incidents.find((i) => i.claims.some((c) => c.startsWith("second#")));
      assert.ok(joined, "the second report's claim is in an incident");
      assert.ok(
        joined.claims.some((c) => c.startsWith("seed#")),
        `incident ${joined.id} holds only the second report`,
      );
      const march = (s: typeof alone.state) =>
        totals(s, "month", { metric: "killed" }).find((r) => r.key === "2017-03")?.incidents.best ?? 0;
      assert.equal(march(both.state), march(alone.state), "the second report adds no deaths to March");
    });
  },
);
