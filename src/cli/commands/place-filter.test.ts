// Place filters accept English spellings and names without diacritics: the stored place is the gazetteer's name
// ("Al Fallūjah"), what people type is "Fallujah". Real extraction, real gazetteer, real SQLite file (and the real
// PostgreSQL server when TOLL_TEST_DATABASE_URL is set, since the filter is SQL).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { extract } from "../../extract/index.ts";
import { placeContains, placeSpellings, sharedGazetteer } from "../../gazetteer/index.ts";
import { openStore } from "../../store/index.ts";
import { makeArticle, runCommand } from "../../store/fixtures.ts";
import { withFreshDatabase } from "../../store/throwaway.ts";
import type { Store } from "../../store/types.ts";
import { registerClaims } from "./claims.ts";

const TEXT =
  "BAGHDAD, 12 June 2016 (Reuters) - A car bomb killed 14 people in Al Fallūjah on Saturday, police said. " +
  "Separately, a roadside bomb killed three soldiers near Sāmarrā’.";

async function seed(store: Store): Promise<void> {
  const extraction = extract(TEXT, { detectHeader: true, gazetteer: sharedGazetteer() });
  const places = extraction.claims.map((c) => c.location?.place);
  assert.ok(places.includes("Al Fallūjah"), `extracted places: ${places.join(", ")}`);
  await store.saveArticles([
    {
      article: makeArticle({
        url: "https://place.example/1",
        title: "Iraq bombs",
        published: "2016-06-12",
        text: TEXT,
      }),
      extraction,
      extractorVersion: "test",
    },
  ]);
}

let dir = "";
let db = "";
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "toll-place-"));
  db = path.join(dir, "toll.db");
  const store = await openStore(db);
  await seed(store);
  await store.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("placeSpellings: English and ASCII spellings reach the gazetteer's name", () => {
  assert.ok(placeSpellings("Fallujah").includes("Al Fallūjah"));
  assert.ok(placeSpellings("samarra").includes("Sāmarrā’"));
  assert.ok(placeContains("Al Fallūjah", ["fallu"]));
  assert.ok(!placeContains("Al Fallūjah", ["Mosul"]));
});

test("toll claims --place Fallujah finds the claims stored as 'Al Fallūjah' (SQLite)", async () => {
  const { out } = await runCommand(registerClaims, [
    "claims",
    "--db",
    db,
    "--place",
    "Fallujah",
    "--format",
    "json",
  ]);
  const page = JSON.parse(out) as { items: { location: { place: string | null } | null; value: number }[] };
  assert.ok(page.items.length > 0, "no claim found for Fallujah");
  assert.ok(page.items.every((c) => c.location?.place === "Al Fallūjah"));
  assert.ok(page.items.some((c) => c.value === 14));
  const samarra = JSON.parse(
    (await runCommand(registerClaims, ["claims", "--db", db, "--place", "Samarra", "--format", "json"])).out,
  ) as { items: { location: { place: string | null } | null }[] };
  assert.ok(samarra.items.length > 0 && samarra.items.every((c) => c.location?.place === "Sāmarrā’"));
  const none = JSON.parse(
    (await runCommand(registerClaims, ["claims", "--db", db, "--place", "Mosul", "--format", "json"])).out,
  ) as { items: unknown[] };
  assert.equal(none.items.length, 0);
});

const pgUrl = process.env["TOLL_TEST_DATABASE_URL"];
test(
  "the same filter on PostgreSQL",
  { skip: pgUrl ? false : "TOLL_TEST_DATABASE_URL not set" },
  async () => {
    await withFreshDatabase(pgUrl as string, "toll_place", async (url) => {
      const store = await openStore(url);
      try {
        await seed(store);
        const page = await store.listClaims({
          place: "Fallujah",
          placeSpellings: placeSpellings("Fallujah"),
        });
        assert.ok(page.items.length > 0 && page.items.every((c) => c.location?.place === "Al Fallūjah"));
        const plain = await store.listClaims({ place: "Fallujah" });
        assert.equal(
          plain.items.length,
          0,
          "without the spellings nothing matches: the test would prove nothing",
        );
      } finally {
        await store.close();
      }
    });
  },
);
