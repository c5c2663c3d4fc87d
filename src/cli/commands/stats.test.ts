import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runCommand, seedSqlite } from "../../store/fixtures.ts";
import { registerStats } from "./stats.ts";

let db = "";
let cleanup = () => {};
before(async () => ({ db, cleanup } = await seedSqlite()));
after(() => cleanup());

test("toll stats --format json has top-level counts and breakdowns", async () => {
  const { out } = await runCommand(registerStats, ["stats", "--db", db, "--format", "json"]);
  const s = JSON.parse(out) as {
    articles: number;
    claims: number;
    by_country: unknown[];
    by_month: { month: string | null }[];
  };
  assert.equal(s.articles, 3);
  assert.equal(s.claims, 5);
  assert.deepEqual(s.by_country, [
    { country: "UA", claims: 2, articles: 1 },
    { country: null, claims: 2, articles: 1 },
    { country: "SD", claims: 1, articles: 1 },
  ]);
  assert.ok(s.by_month.some((m) => m.month === "2023-07"));
});

test("toll stats: readable table", async () => {
  const { out } = await runCommand(registerStats, ["stats", "--db", db]);
  assert.match(out, /^Articles: 3\nClaims: {3}5\n/);
  assert.match(out, /By country\ncountry\s+claims\s+articles\n/);
  assert.match(out, /\(undated\)/);
});
