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

// --incidents: reconciled incidents of a real SQLite store filled by `toll ingest` (real extraction, hand-written
// reports), with the UCDP GED-style columns and the filters of `toll incidents`.
const INCIDENT_COLUMNS =
  "id,date_start,date_end,date_prec,country,place,latitude,longitude,where_prec,killed_low,killed_best,killed_high,injured_low,injured_best,injured_high,perpetrator,method,grade,sources,claims,review_status,url";

test("toll export --incidents: columns, filters, formats, review status", { timeout: 120_000 }, async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { PassThrough } = await import("node:stream");
  const { runIngest } = await import("./ingest.ts");
  const { openStore } = await import("../../store/index.ts");
  const { ReviewStore } = await import("../../store/review.ts");
  const dir = mkdtempSync(path.join(tmpdir(), "toll-export-inc-"));
  try {
    const reports = [
      {
        id: "w1",
        outlet: "Reuters",
        published: "2017-03-18",
        title: "Air strike kills 30 civilians in Mosul",
        text: "An air strike killed 30 civilians in Mosul on Friday, a local official said.",
      },
      {
        id: "g7",
        outlet: "Iraq Gazette",
        published: "2017-03-19",
        title: "Mosul toll rises",
        text: "At least 35 civilians were killed and 12 wounded in an air strike in Mosul on Friday, residents said.",
      },
      {
        id: "n1",
        outlet: "Nigeria Today",
        published: "2017-05-02",
        title: "Gunmen kill 7 in Maiduguri",
        text: "Gunmen shot dead 7 villagers in Maiduguri on Monday, police said.",
      },
    ];
    const file = path.join(dir, "r.jsonl");
    writeFileSync(file, reports.map((r) => JSON.stringify(r)).join("\n"));
    const db2 = path.join(dir, "toll.db");
    const sink = new PassThrough();
    sink.resume();
    await runIngest(
      [file],
      { db: db2, quiet: true, gazetteer: true },
      { out: sink, err: sink, isTTY: false },
    );
    // An analyst reviews one claim of the Nigerian incident: its review_status must say so.
    const store = await openStore(db2);
    const claims = (await store.listClaims({ q: "Maiduguri", limit: 10 })).items;
    assert.ok(claims.length > 0);
    for (const c of claims)
      await ReviewStore.of(store).reviewClaim(c.claim_id, { action: "confirm" }, "ann", () => null);
    await store.close();

    const csv = await runCommand(registerExport, [
      "export",
      "--incidents",
      "--db",
      db2,
      "--format",
      "csv",
      "--no-bom",
      "--base-url",
      "https://toll.example/",
    ]);
    const lines = csv.out.trim().split("\r\n");
    assert.equal(lines[0], INCIDENT_COLUMNS);
    assert.equal(lines.length, 3, csv.out);
    assert.match(csv.err, /Exported 2 incidents as csv/);
    const json = await runCommand(registerExport, ["export", "--incidents", "--db", db2, "--format", "json"]);
    const rows = JSON.parse(json.out) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(rows[0] ?? {}).join(","), INCIDENT_COLUMNS);
    const mosul = rows.find((r) => r["place"] === "Mosul");
    assert.ok(mosul, json.out);
    assert.equal(mosul["country"], "IQ");
    // "At least 35" outweighs 30 (reconcile's rules); the row carries what the incident says.
    assert.deepEqual([mosul["killed_low"], mosul["killed_best"], mosul["killed_high"]], [35, 35, 35]);
    assert.equal(mosul["date_start"], "2017-03-17");
    assert.equal(mosul["injured_best"], 12);
    assert.equal(mosul["sources"], 2);
    assert.equal(mosul["where_prec"], "exact");
    assert.equal(mosul["date_prec"], "day");
    assert.equal(mosul["review_status"], "unreviewed");
    assert.match(String(mosul["url"]), /^http:\/\/127\.0\.0\.1:8080\/#\/incident\/inc_/);
    const nigeria = rows.find((r) => r["country"] === "NG");
    assert.equal(nigeria?.["review_status"], "reviewed");
    assert.match(csv.out, /"https:\/\/toll\.example\/#\/incident\/inc_/);

    // The filters of `toll incidents`.
    const iq = JSON.parse(
      (
        await runCommand(registerExport, [
          "export",
          "--incidents",
          "--db",
          db2,
          "--format",
          "json",
          "--country",
          "iq",
        ])
      ).out,
    ) as { id: string }[];
    assert.deepEqual(
      iq.map((r) => r.id),
      [mosul["id"]],
    );
    const may = JSON.parse(
      (
        await runCommand(registerExport, [
          "export",
          "--incidents",
          "--db",
          db2,
          "--format",
          "json",
          "--from",
          "2017-04",
          "--to",
          "2017-05",
        ])
      ).out,
    ) as { id: string }[];
    assert.deepEqual(
      may.map((r) => r.id),
      [nigeria?.["id"]],
    );

    const out = path.join(dir, "inc.geojson");
    await runCommand(registerExport, [
      "export",
      "--incidents",
      "--db",
      db2,
      "--format",
      "geojson",
      "--out",
      out,
    ]);
    const geo = JSON.parse(readFileSync(out, "utf8")) as {
      features: { id: string; geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
    };
    const f = geo.features.find((x) => x.id === mosul["id"]);
    assert.ok(f);
    assert.deepEqual(f.geometry.coordinates, [mosul["longitude"], mosul["latitude"]]);
    assert.equal(f.properties["killed_best"], mosul["killed_best"]);

    await assert.rejects(
      runCommand(registerExport, ["export", "--db", db2, "--format", "csv", "--country", "IQ"]),
      /add --incidents/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
