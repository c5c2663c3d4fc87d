import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { runCommand, seedSqlite } from "../../store/fixtures.ts";
import { registerExport } from "./export.ts";

let db = "";
let cleanup = () => {};
before(async () => ({ db, cleanup } = await seedSqlite()));
after(() => cleanup());

test("toll export --format csv to stdout", async () => {
  const { out, err } = await runCommand(registerExport, ["export", "--db", db, "--format", "csv"]);
  assert.ok(out.startsWith("\uFEFFclaim_id,"));
  assert.equal(out.split("\r\n").length, 1 + 5 + 1); // header, 5 claims, final empty string
  assert.match(out, /"Shelling in Kharkiv"/);
  assert.match(out, /"https:\/\/c\.example\/ua"/);
  assert.match(err, /Exported 5 claims as csv to stdout/);
  const noBom = await runCommand(registerExport, ["export", "--db", db, "--format", "csv", "--no-bom"]);
  assert.ok(noBom.out.startsWith("claim_id,"));
});

test("toll export --format geojson --out FILE", async () => {
  const file = path.join(path.dirname(db), "claims.geojson");
  const { out, err } = await runCommand(registerExport, [
    "export",
    "--db",
    db,
    "--format",
    "geojson",
    "--out",
    file,
  ]);
  assert.equal(out, "");
  assert.match(err, /3 located, 2 without coordinates/);
  const geo = JSON.parse(readFileSync(file, "utf8")) as {
    type: string;
    features: { geometry: { coordinates: number[] } }[];
  };
  assert.equal(geo.type, "FeatureCollection");
  assert.equal(geo.features.length, 3);
  assert.deepEqual(geo.features[0]?.geometry.coordinates, [36.25, 49.98]);
});

test("toll export --format json, and --format is required", async () => {
  const { out } = await runCommand(registerExport, ["export", "--db", db, "--format", "json"]);
  const rows = JSON.parse(out) as { article_title: string; sentence_text: string }[];
  assert.equal(rows.length, 5);
  assert.ok(rows.every((r) => typeof r.sentence_text === "string"));
  await assert.rejects(runCommand(registerExport, ["export", "--db", db]), /--format/);
});
