import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runCommand, seedSqlite } from "../../store/fixtures.ts";
import { registerClaims } from "./claims.ts";

let db = "";
let cleanup = () => {};
before(async () => ({ db, cleanup } = await seedSqlite()));
after(() => cleanup());

test("toll claims: table with filters", async () => {
  const { out } = await runCommand(registerClaims, ["claims", "--db", db, "--country", "ua"]);
  const lines = out.trim().split("\n");
  assert.match(lines[0] ?? "", /^\s*id\s+date\s+metric/);
  assert.equal(lines.length, 3);
  assert.match(out, /injured/);
  assert.doesNotMatch(out, /displaced/);
});

test("toll claims: JSON page with a cursor, --after continues, --all gets every claim", async () => {
  const first = await runCommand(registerClaims, ["claims", "--db", db, "--format", "json", "--limit", "2"]);
  const page = JSON.parse(first.out) as { items: { claim_id: number }[]; next: string | null };
  assert.equal(page.items.length, 2);
  assert.ok(page.next);
  const rest = await runCommand(registerClaims, [
    "claims",
    "--db",
    db,
    "--format",
    "json",
    "--after",
    page.next,
  ]);
  const page2 = JSON.parse(rest.out) as { items: { claim_id: number }[]; next: string | null };
  assert.equal(page2.items.length, 3);
  assert.equal(page2.next, null);

  const table = await runCommand(registerClaims, ["claims", "--db", db, "--limit", "2"]);
  assert.match(table.err, /--after \S+ \(or --all/);

  const all = await runCommand(registerClaims, [
    "claims",
    "--db",
    db,
    "--format",
    "json",
    "--all",
    "--limit",
    "2",
  ]);
  const everything = JSON.parse(all.out) as { items: { claim_id: number }[]; next: null };
  assert.deepEqual(
    everything.items.map((c) => c.claim_id).sort(),
    [...page.items, ...page2.items].map((c) => c.claim_id).sort(),
  );
});

test("toll claims: CSV and option validation", async () => {
  const { out } = await runCommand(registerClaims, [
    "claims",
    "--db",
    db,
    "--format",
    "csv",
    "--metric",
    "displaced",
  ]);
  const lines = out.split("\r\n");
  assert.match(lines[0] ?? "", /^claim_id,article_id,local_id,date,metric/);
  assert.match(lines[1] ?? "", /"'=2,000 displaced"/);
  await assert.rejects(
    runCommand(registerClaims, ["claims", "--db", db, "--metric", "dead"]),
    /Allowed choices/,
  );
  await assert.rejects(
    runCommand(registerClaims, ["claims", "--db", db, "--limit", "ten"]),
    /positive whole number/,
  );
  await assert.rejects(runCommand(registerClaims, ["claims", "--db", db, "--from", "July"]), /YYYY/);
});
