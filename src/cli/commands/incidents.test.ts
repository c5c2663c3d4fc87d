// `toll ingest` reconciles as it stores; `toll incidents`, `toll incident`, `toll totals` and `toll reconcile` read
// and rebuild the persisted incidents. Real extraction on short hand-written reports (nothing from /work/shared).
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { test } from "node:test";
import { withTempDir } from "../../ingest/test-helpers.ts";
import { runCommand } from "../../store/fixtures.ts";
import { registerIncident } from "./incident.ts";
import { registerIncidents } from "./incidents.ts";
import { registerReconcile } from "./reconcile.ts";
import { registerTotals } from "./totals.ts";
import { runIngest } from "./ingest.ts";

const REPORTS = [
  {
    id: "wire-1",
    outlet: "Reuters",
    published: "2017-03-18",
    title: "Air strike kills 30 civilians in Mosul",
    text: "An air strike killed 30 civilians in Mosul on Friday, a local official said.",
  },
  {
    id: "gazette-7",
    outlet: "Iraq Gazette",
    published: "2017-03-19",
    title: "Mosul air strike toll rises",
    text: "At least 35 civilians were killed in an air strike in Mosul on Friday, residents said.",
  },
  {
    id: "daily-3",
    outlet: "Daily Monitor",
    published: "2017-03-20",
    title: "Mosul strike",
    text: "As many as 43 civilians were killed by the air strike in Mosul on Friday, medics said.",
  },
  {
    id: "far-1",
    outlet: "Nigeria Today",
    published: "2017-05-02",
    title: "Gunmen kill 7 in Maiduguri",
    text: "Gunmen shot dead 7 villagers in Maiduguri on Monday, police said.",
  },
];

function io() {
  const out = new PassThrough();
  const err = new PassThrough();
  out.resume();
  err.resume();
  return { out, err, isTTY: false };
}

test(
  "ingest reconciles; incidents, incident, totals and reconcile --rebuild read and rebuild them",
  { timeout: 120_000 },
  async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, "reports.jsonl");
      await writeFile(file, REPORTS.map((r) => JSON.stringify(r)).join("\n"));
      const db = join(dir, "toll.db");
      const summary = await runIngest([file], { db, quiet: true, gazetteer: true }, io());
      assert.equal(summary.errors, 0);

      const json = await runCommand(registerIncidents, ["incidents", "--db", db, "--format", "json"]);
      const { items } = JSON.parse(json.out) as {
        items: {
          id: string;
          articles: string[];
          killed: { low: number; best: number; high: number } | null;
        }[];
      };
      const mosul = items.find((i) => i.articles.includes("wire-1"));
      assert.ok(mosul, json.out);
      assert.deepEqual(
        [...mosul.articles].sort(),
        ["daily-3", "gazette-7", "wire-1"],
        "one incident, three reports",
      );
      assert.deepEqual(mosul.killed, { low: 35, best: 35, high: 43 });
      assert.equal(items.length, 2);

      const table = await runCommand(registerIncidents, ["incidents", "--db", db, "--country", "IQ"]);
      assert.match(table.out, /35–43 \(35\)/);
      const csv = await runCommand(registerIncidents, ["incidents", "--db", db, "--format", "csv"]);
      assert.equal(csv.out.trim().split("\r\n").length, 3);
      const geo = JSON.parse(
        (await runCommand(registerIncidents, ["incidents", "--db", db, "--format", "geojson"])).out,
      ) as { type: string; features: { geometry: { coordinates: number[] } }[] };
      assert.equal(geo.type, "FeatureCollection");
      const q = await runCommand(registerIncidents, [
        "incidents",
        "--db",
        db,
        "--q",
        "Maiduguri",
        "--format",
        "json",
      ]);
      assert.equal((JSON.parse(q.out) as { items: unknown[] }).items.length, 1);

      const explained = await runCommand(registerIncident, ["incident", mosul.id, "--db", db]);
      assert.match(explained.out, new RegExp(`Incident ${mosul.id}`));
      assert.match(explained.out, /low 35/);
      assert.match(explained.out, /Reuters/);

      const totals = await runCommand(registerTotals, [
        "totals",
        "--db",
        db,
        "--by",
        "country",
        "--metric",
        "killed",
        "--format",
        "json",
      ]);
      const rows = (
        JSON.parse(totals.out) as { rows: { key: string; incidents: { count: number; best: number } }[] }
      ).rows;
      assert.equal(rows.find((r) => r.key === "IQ")?.incidents.best, 35);

      // A rebuild gives the same ids.
      await runCommand(registerReconcile, ["reconcile", "--db", db, "--rebuild"]);
      const again = JSON.parse(
        (await runCommand(registerIncidents, ["incidents", "--db", db, "--format", "json"])).out,
      ) as {
        items: { id: string }[];
      };
      assert.deepEqual(again.items.map((i) => i.id).sort(), items.map((i) => i.id).sort());
      const pending = await runCommand(registerReconcile, ["reconcile", "--db", db]);
      assert.match(pending.out, /reconciled 0 articles/);
    });
  },
);
