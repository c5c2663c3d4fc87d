// The seed article against its hand-coded reading. Both are read from the shared folder at test time (never
// copied into the repository); without it the test is skipped.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { METRICS, type Claim, type Metric } from "../types.ts";
import { addContext } from "./index.ts";
import { claimAt, docOf } from "./testkit.ts";

const SEED = "/work/shared/seed/mosul-2017-03-25.txt";
const GOLD = "/work/shared/seed/mosul-2017-03-25.gold.json";
const present = existsSync(SEED) && existsSync(GOLD);

interface GoldClaim {
  evidence: string;
  metric: string;
  period?: { start?: string; end?: string };
  perpetrator?: string;
  perpetrator_certainty?: string;
  method?: string;
  source?: string;
  certainty?: string;
}

function load(): { claims: Claim[]; gold: GoldClaim[]; ms: number } {
  const text = readFileSync(SEED, "utf8");
  const goldDoc = JSON.parse(readFileSync(GOLD, "utf8")) as {
    article: { title: string; published: string };
    claims: GoldClaim[];
  };
  const doc = docOf(text, goldDoc.article.published.slice(0, 10));
  const at = text.indexOf(goldDoc.article.title);
  doc.headline = at >= 0 ? { start: at, end: at + goldDoc.article.title.length } : null;
  doc.title = goldDoc.article.title;
  const claims = goldDoc.claims.map((g) => {
    const metric = (METRICS as readonly string[]).includes(g.metric) ? (g.metric as Metric) : "killed";
    return claimAt(doc, g.evidence, { metric });
  });
  const t0 = performance.now();
  addContext(doc, claims);
  return { claims, gold: goldDoc.claims, ms: performance.now() - t0 };
}

describe("seed: Mosul, 2017-03-25", { skip: present ? false : `seed not found at ${SEED}` }, () => {
  const { claims, gold } = present ? load() : { claims: [], gold: [] };
  const byValue = (evidence: string): [Claim, GoldClaim] => {
    const k = gold.findIndex((g) => g.evidence.includes(evidence));
    const c = claims[k];
    const g = gold[k];
    assert.ok(c && g, `no gold claim with ${evidence}`);
    return [c, g];
  };

  it("periods match the gold (start to the gold's precision, end exactly, no start where the gold has none)", () => {
    for (const [k, g] of gold.entries()) {
      const c = claims[k];
      assert.ok(c);
      if (!g.period) continue;
      if (g.period.start)
        assert.ok(c.period?.start?.startsWith(g.period.start), `${g.evidence}: start ${c.period?.start}`);
      else assert.equal(c.period?.start, null, `${g.evidence}: start`);
      assert.equal(c.period?.end, g.period.end, `${g.evidence}: end`);
    }
  });

  it("the 43: Wednesday, coalition airstrike, believed, anonymous officer", () => {
    const [c] = byValue("43 civilians");
    assert.deepEqual(c.period, {
      start: "2017-03-22",
      end: "2017-03-22",
      precision: "day",
      text: "On Wednesday,",
    });
    assert.deepEqual(
      [c.perpetrator, c.perpetrator_certainty, c.method],
      ["US-led coalition", "reported", "airstrike"],
    );
    assert.equal(c.certainty, "believed");
    assert.match(c.source ?? "", /Iraqi army officer.*anonymous/);
  });

  it("the 237: Thursday, airstrike, likely coalition or its allies, toll reported, no source", () => {
    const [c] = byValue("237 civilians");
    assert.deepEqual([c.period?.start, c.period?.end], ["2017-03-23", "2017-03-23"]);
    assert.deepEqual(
      [c.perpetrator, c.perpetrator_certainty, c.method, c.certainty, c.source],
      ["US-led coalition or its Iraqi allies", "likely", "airstrike", "reported", null],
    );
  });

  it("sources, carried across sentences", () => {
    assert.match(byValue("3,864")[0].source ?? "", /Iraqi army source/);
    assert.match(byValue("22,000")[0].source ?? "", /Al-Mousawi/);
    assert.match(byValue("10,000")[0].source ?? "", /Al-Mousawi/);
    assert.equal(byValue("80 dead")[0].source, "Iraqi officials");
  });

  it("every field the gold gives agrees", () => {
    for (const [k, g] of gold.entries()) {
      const c = claims[k];
      assert.ok(c);
      if (g.certainty) assert.equal(c.certainty, g.certainty, `${g.evidence}: certainty`);
      assert.equal(c.perpetrator, g.perpetrator ?? null, `${g.evidence}: perpetrator`);
      assert.equal(c.method, g.method ?? null, `${g.evidence}: method`);
      if (g.perpetrator_certainty) assert.equal(c.perpetrator_certainty, g.perpetrator_certainty);
    }
  });

  it("is fast once chrono is warm", () => {
    const { ms } = load();
    assert.ok(ms < 50, `addContext took ${ms.toFixed(1)} ms on one article`);
  });
});
