// ONE contract suite for every backend: SQLite always (on a real temp file), PostgreSQL whenever
// TOLL_TEST_DATABASE_URL is set (a fresh, uniquely named database per run, dropped at the end).
import assert from "node:assert/strict";
import { after, before as nodeBefore, describe, test as nodeTest } from "node:test";
import type { Claim } from "../extract/types.ts";
import { EXPORT_COLUMNS, toCsv, toGeoJson, toJson } from "./export.ts";
import { makeArticle, makeClaim, makeExtraction } from "./fixtures.ts";
import { StoreError, openStore } from "./index.ts";
import type { ExportRow, Store, StoredClaim } from "./types.ts";
import { storeTargets } from "./throwaway.ts";


const TARGETS = storeTargets("contract suite", "toll_test");

/** The claim as the JSON contract has it (what extract() produced), for comparing round trips. */
function asClaim(c: StoredClaim): Claim {
  const { article_id: _a, local_id: _l, claim_id: _c, date: _d, ...claim } = c;
  return claim;
}

/** RFC 4180 reader, strict enough to catch quoting mistakes in the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  if (text.startsWith("\uFEFF")) i = 1;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') {
      assert.equal(cell, "", `quote inside an unquoted cell at ${i}`);
      quoted = true;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      assert.notEqual(ch, "\n", `bare LF at ${i}`);
      cell += ch;
    }
  }
  assert.equal(quoted, false, "unterminated quoted cell");
  assert.equal(cell, "", "last line without CRLF");
  return rows;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function allClaims(
  store: Store,
  filter: Parameters<Store["listClaims"]>[0] = {},
): Promise<StoredClaim[]> {
  const out: StoredClaim[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await store.listClaims({ ...filter, ...(after ? { after } : {}) });
    out.push(...page.items);
    if (page.next === null) return out;
    after = page.next;
  }
  throw new Error("pagination did not end");
}

for (const target of TARGETS) {
  describe(`store contract: ${target.name}`, () => {
    let store: Store;
    let location = "";
    // Each test is marked skipped (not just the suite) so the runner's count shows what did not run.
    const skip = target.skip ?? false;
    const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { skip }, fn);
    const before = (fn: () => Promise<void>) => nodeBefore(skip ? async () => {} : fn);

    before(async () => {
      location = await target.setup();
      store = await openStore(location);
    });
    after(async () => {
      if (skip) return;
      await store?.close();
      await target.teardown();
    });

    test("opens on the right backend and migrations are idempotent", async () => {
      assert.equal(store.kind, target.name);
      const again = await openStore(location);
      assert.deepEqual(await again.counts(), { articles: 0, claims: 0 });
      await again.close();
    });

    test("saves an article with its claims and reads them back unchanged", async () => {
      const article = makeArticle({
        external_id: "rec-1",
        author: "A. Writer",
        canonical_url: "https://news.example/canonical/mosul",
        meta: { illustrative: true, tags: ["iraq"] },
      });
      const claims = [
        makeClaim({ id: "c1", in_headline: true }),
        makeClaim({
          id: "c2",
          metric: "injured",
          value: 30,
          low: 30,
          high: 40,
          qualifier: "range",
          location: null,
          period: null,
          perpetrator: null,
          perpetrator_certainty: null,
          certainty: null,
          breakdown: [{ victims: "children", victims_text: "children", value: 4 }],
          part_of: null,
          same_as: "c1",
          evidence: { text: "30 to 40 injured", start: 41, end: 57 },
          sentence: { start: 41, end: 79 },
        }),
        makeClaim({
          id: "c3",
          victims: "children",
          victims_text: "his son Karim Haddad",
          victim_name: "Karim Haddad",
          value: 4,
          low: 4,
          high: 4,
          part_of: "c2",
          historical: true,
        }),
      ];
      const extraction = makeExtraction(article, claims);
      extraction.totals = { killed: { low: 12, best: 12, high: 12 }, injured: null };
      const res = await store.saveArticle(article, extraction, "test-1");
      assert.equal(res.outcome, "inserted");
      assert.equal(res.claims, 3);

      const got = await store.getArticle(res.article_id);
      assert.ok(got);
      assert.equal(got.title, article.title);
      assert.equal(got.text, article.text);
      assert.equal(got.external_id, "rec-1");
      assert.equal(got.author, "A. Writer");
      assert.equal(got.canonical_url, "https://news.example/canonical/mosul");
      assert.equal(got.revision, 1);
      assert.equal(got.revision_of, null);
      assert.equal(got.extractor_version, "test-1");
      assert.match(got.content_hash, /^[0-9a-f]{64}$/);
      assert.deepEqual(got.meta, { illustrative: true, tags: ["iraq"] });
      assert.deepEqual(got.extraction?.incidents, extraction.incidents);
      assert.deepEqual(got.extraction?.totals, extraction.totals);
      assert.ok(!Number.isNaN(Date.parse(got.ingested_at)));

      const stored = await store.claimsForArticle(res.article_id);
      assert.deepEqual(stored.map(asClaim), claims);
      assert.deepEqual(
        stored.map((c) => c.date),
        ["2024-03-05", "2024-03-05", "2024-03-05"], // c2 has no period: falls back to the published day
      );
      assert.equal(await store.getArticle(999_999), null);
      assert.deepEqual(await store.claimsForArticle(999_999), []);
    });

    test("dedupes the same text (whitespace aside) and makes revisions of changed text at one URL", async () => {
      const base = makeArticle({
        url: "https://news.example/gaza-1",
        text: "Five people were killed in Gaza City.",
      });
      const first = await store.saveArticle(base, makeExtraction(base, [makeClaim()]), "test-1");
      assert.equal(first.outcome, "inserted");

      const sameText = { ...base, text: "  Five people  were killed\nin Gaza City. " };
      const dup = await store.saveArticle(sameText, makeExtraction(sameText, [makeClaim()]), "test-1");
      assert.deepEqual(dup, { outcome: "duplicate", article_id: first.article_id, claims: 1 });

      const elsewhere = { ...base, url: "https://mirror.example/x" };
      const dup2 = await store.saveArticle(elsewhere, makeExtraction(elsewhere, []), "test-1");
      assert.equal(dup2.outcome, "duplicate");
      assert.equal(dup2.article_id, first.article_id);

      const changed = { ...base, text: "Seven people were killed in Gaza City, officials said." };
      const rev = await store.saveArticle(
        changed,
        makeExtraction(changed, [makeClaim({ value: 7, low: 7, high: 7 })]),
        "test-1",
      );
      assert.equal(rev.outcome, "revision");
      const revArticle = await store.getArticle(rev.article_id);
      assert.equal(revArticle?.revision, 2);
      assert.equal(revArticle?.revision_of, first.article_id);

      const changedAgain = { ...base, text: "Nine people were killed in Gaza City." };
      const rev3 = await store.saveArticle(changedAgain, makeExtraction(changedAgain, []), "test-1");
      assert.equal(rev3.outcome, "revision");
      assert.equal((await store.getArticle(rev3.article_id))?.revision_of, rev.article_id);

      // The canonical URL groups revisions even when the fetched URLs differ (tracking parameters …).
      const c1 = makeArticle({
        url: "https://news.example/a?utm=1",
        canonical_url: "https://news.example/a",
        text: "One.",
      });
      const c2 = makeArticle({
        url: "https://news.example/a?utm=2",
        canonical_url: "https://news.example/a",
        text: "Two.",
      });
      const r1 = await store.saveArticle(c1, makeExtraction(c1, []), "test-1");
      const r2 = await store.saveArticle(c2, makeExtraction(c2, []), "test-1");
      assert.equal(r2.outcome, "revision");
      assert.equal((await store.getArticle(r2.article_id))?.revision_of, r1.article_id);
    });

    test("concurrent saves of one article store it once", async () => {
      const a = makeArticle({ url: "https://news.example/race", text: "Racing writers: 3 killed." });
      const results = await Promise.all(
        [1, 2, 3, 4].map(() => store.saveArticle(a, makeExtraction(a, [makeClaim()]), "test-1")),
      );
      assert.deepEqual(results.map((r) => r.outcome).sort(), [
        "duplicate",
        "duplicate",
        "duplicate",
        "inserted",
      ]);
      assert.equal(new Set(results.map((r) => r.article_id)).size, 1);
      assert.equal((await store.claimsForArticle(results[0]?.article_id ?? 0)).length, 1);
    });

    test("a failing claim rolls the whole article back, and the error says which article", async () => {
      const initial = await store.counts();
      const a = makeArticle({ url: "https://news.example/broken", text: "A broken extraction." });
      // Two claims with one local id violate the (article_id, local_id) unique constraint.
      const err = await store
        .saveArticle(a, makeExtraction(a, [makeClaim({ id: "c1" }), makeClaim({ id: "c1" })]), "test-1")
        .then(
          () => assert.fail("saved a broken extraction"),
          (e: unknown) => e,
        );
      assert.ok(err instanceof StoreError);
      assert.equal(err.operation, "saveArticle");
      assert.match(err.message, /https:\/\/news\.example\/broken/);
      assert.ok(err.cause);
      assert.deepEqual(await store.counts(), initial);
      assert.equal((await store.listArticles({ q: "broken extraction" })).items.length, 0);

      // A figure outside its own range violates the check constraint: same outcome.
      await assert.rejects(
        store.saveArticle(a, makeExtraction(a, [makeClaim({ value: 50, low: 1, high: 10 })]), "test-1"),
        StoreError,
      );
      // A batch is all or nothing.
      const good = makeArticle({
        url: "https://news.example/good-in-batch",
        text: "Good article in a bad batch.",
      });
      await assert.rejects(
        store.saveArticles([
          { article: good, extraction: makeExtraction(good, [makeClaim()]), extractorVersion: "test-1" },
          {
            article: a,
            extraction: makeExtraction(a, [makeClaim(), makeClaim()]),
            extractorVersion: "test-1",
          },
        ]),
        /batch of 2 rolled back/,
      );
      assert.deepEqual(await store.counts(), initial);
      // The article saves fine once the extraction is valid.
      assert.equal(
        (await store.saveArticle(a, makeExtraction(a, [makeClaim()]), "test-1")).outcome,
        "inserted",
      );
    });

    describe("queries", () => {
      const ids: Record<string, number> = {};
      before(async () => {
        const batch = [
          {
            key: "ua",
            article: makeArticle({
              url: "https://q.example/ua",
              title: "Shelling in Kharkiv",
              outlet: "Kyiv Daily",
              published: "2023-07-02",
              text: "Russian shelling killed four people in Kharkiv. Another 11 were injured.",
            }),
            claims: [
              {
                metric: "killed" as const,
                value: 4,
                low: 4,
                high: 4,
                victims: "people" as const,
                perpetrator: "Russian forces",
                location: {
                  name: "Kharkiv",
                  place: "Kharkiv",
                  country: "UA",
                  lat: 49.98,
                  lon: 36.25,
                  precision: "exact" as const,
                },
                period: { start: "2023-07-01", end: "2023-07-01", precision: "day" as const },
              },
              {
                metric: "injured" as const,
                value: 11,
                low: 11,
                high: 11,
                victims: "people" as const,
                perpetrator: "Russian forces",
                location: {
                  name: "Kharkiv",
                  place: "Kharkiv",
                  country: "UA",
                  lat: 49.98,
                  lon: 36.25,
                  precision: "exact" as const,
                },
                period: { start: "2023-07-01", end: "2023-07-01", precision: "day" as const },
              },
            ],
          },
          {
            key: "sd",
            article: makeArticle({
              url: "https://q.example/sd",
              title: "Displacement in Darfur",
              outlet: "Sudan Monitor",
              published: "2024-01-20",
              text: "=cmd|' /C calc'!A0 More than 2,000 people were displaced from El Geneina, \"aid workers\" said.",
            }),
            claims: [
              {
                metric: "displaced" as const,
                value: 2000,
                low: 2001,
                high: 2001,
                qualifier: "more_than" as const,
                victims: "people" as const,
                perpetrator: null,
                certainty: "confirmed" as const,
                location: {
                  name: "El Geneina",
                  place: "Geneina",
                  country: "SD",
                  lat: 13.45,
                  lon: 22.44,
                  precision: "exact" as const,
                },
                period: { start: "2024-01-01", end: null, precision: "month" as const },
                evidence: { text: '=More than 2,000, "quoted"\r\nline', start: 0, end: 10 },
              },
            ],
          },
          {
            key: "undated",
            article: makeArticle({
              url: "https://q.example/undated",
              title: "An undated report",
              outlet: "Kyiv Daily",
              published: null,
              text: "Two soldiers were killed near the border, the ministry said.",
            }),
            claims: [
              {
                metric: "killed" as const,
                value: 2,
                low: 2,
                high: 2,
                victims: "soldiers" as const,
                location: null,
                period: null,
                perpetrator: null,
              },
              {
                metric: "killed" as const,
                value: 3,
                low: 3,
                high: 3,
                victims: "soldiers" as const,
                location: null,
                period: null,
                perpetrator: null,
              },
            ],
          },
        ];
        for (const b of batch) {
          // low/high fixed up so the range check holds
          const claims = b.claims.map((o, i) =>
            makeClaim({
              id: `c${i + 1}`,
              ...o,
              low: Math.min(o.low, o.value),
              high: Math.max(o.high, o.value),
            }),
          );
          const [r] = await store.saveArticles([
            { article: b.article, extraction: makeExtraction(b.article, claims), extractorVersion: "test-1" },
          ]);
          assert.equal(r?.outcome, "inserted");
          ids[b.key] = r?.article_id ?? 0;
        }
      });

      test("filters claims by date, country, place, metric, victims, perpetrator, certainty and text", async () => {
        const q = async (f: Parameters<Store["listClaims"]>[0]) =>
          (await allClaims(store, f)).map((c) => `${c.article_id}:${c.local_id}`).sort();
        assert.deepEqual(await q({ country: "ua" }), [`${ids["ua"]}:c1`, `${ids["ua"]}:c2`]);
        assert.deepEqual(await q({ place: "geneina" }), [`${ids["sd"]}:c1`]);
        assert.deepEqual(await q({ metric: "displaced" }), [`${ids["sd"]}:c1`]);
        assert.deepEqual(await q({ victims: "soldiers" }), [`${ids["undated"]}:c1`, `${ids["undated"]}:c2`]);
        assert.deepEqual(await q({ perpetrator: "russian FORCES" }), [`${ids["ua"]}:c1`, `${ids["ua"]}:c2`]);
        assert.deepEqual(await q({ certainty: "confirmed" }), [`${ids["sd"]}:c1`]);
        assert.deepEqual(await q({ from: "2023-07", to: "2023-07" }), [`${ids["ua"]}:c1`, `${ids["ua"]}:c2`]);
        assert.deepEqual(
          await q({ from: "2024", to: "2024-01-20" }).then((r) =>
            r.filter((x) => x.startsWith(`${ids["sd"]}:`)),
          ),
          [`${ids["sd"]}:c1`],
        );
        assert.deepEqual(await q({ q: "shelling", metric: "injured" }), [`${ids["ua"]}:c2`]);
        assert.deepEqual(await q({ q: "geneina", country: "UA" }), []);
        await assert.rejects(store.listClaims({ from: "July 2023" }), /YYYY, YYYY-MM or YYYY-MM-DD/);
        // A period with only a start is filed under the start.
        const sd = (await store.claimsForArticle(ids["sd"] ?? 0))[0];
        assert.equal(sd?.date, "2024-01-01");
      });

      test("paginates with a stable keyset cursor: every claim exactly once, newest first, undated last", async () => {
        const total = (await store.counts()).claims;
        const seen: StoredClaim[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const page = await store.listClaims({ limit: 2, ...(after ? { after } : {}) });
          assert.ok(page.items.length <= 2);
          seen.push(...page.items);
          after = page.next ?? undefined;
          pages++;
        } while (after);
        assert.equal(seen.length, total);
        assert.equal(new Set(seen.map((c) => c.claim_id)).size, total);
        assert.equal(pages, Math.ceil(total / 2));
        const dates = seen.map((c) => c.date);
        const firstNull = dates.indexOf(null);
        assert.ok(firstNull > 0, "there are dated and undated claims");
        assert.ok(
          dates.slice(firstNull).every((d) => d === null),
          "undated claims come last",
        );
        const dated = dates.slice(0, firstNull) as string[];
        assert.deepEqual(dated, [...dated].sort().reverse());
        // The default page has a limit but says where the rest is.
        const page = await store.listClaims({ limit: total - 1 });
        assert.ok(page.next);
        assert.equal((await store.listClaims({ after: page.next })).items.length, 1);
        await assert.rejects(store.listClaims({ after: "garbage" }), /not a claims cursor/);
        await assert.rejects(store.listClaims({ limit: 0 }), /positive integer/);
      });

      test("lists articles with claim counts and a cursor", async () => {
        const page = await store.listArticles({ outlet: "Kyiv Daily" });
        assert.deepEqual(
          page.items.map((a) => a.id),
          [ids["undated"], ids["ua"]],
        );
        assert.deepEqual(
          page.items.map((a) => a.claims),
          [2, 2],
        );
        assert.equal(page.next, null);
        const first = await store.listArticles({ limit: 1 });
        assert.ok(first.next);
        const second = await store.listArticles({ limit: 1, after: first.next });
        assert.ok((second.items[0]?.id ?? Infinity) < (first.items[0]?.id ?? 0));
        const dated = await store.listArticles({ from: "2024-01-01", to: "2024-01-31" });
        assert.deepEqual(
          dated.items.map((a) => a.id),
          [ids["sd"]],
        );
      });

      test("full-text search: stems, ranks title matches first, tolerates any input", async () => {
        const hits = await store.searchArticles("shelled");
        assert.equal(hits[0]?.id, ids["ua"]);
        assert.equal(hits[0]?.claims, 2);
        assert.ok(typeof hits[0]?.rank === "number");
        assert.deepEqual(
          (await store.searchArticles("displacement darfur")).map((h) => h.id),
          [ids["sd"]],
        );
        assert.deepEqual(
          (await store.searchArticles('"killed four people"')).map((h) => h.id),
          [ids["ua"]],
        );
        assert.deepEqual(await store.searchArticles("zzyzx"), []);
        for (const odd of [
          '"unterminated',
          "al-Shifa",
          "OR",
          "-",
          "NEAR(",
          "C++ AND",
          "   ",
          "'; drop table articles; --",
        ]) {
          await store.searchArticles(odd);
          await store.listClaims({ q: odd });
        }
        assert.ok((await store.counts()).articles > 0);
        const listed = await store.listArticles({ q: "kharkiv" });
        assert.deepEqual(
          listed.items.map((a) => a.id),
          [ids["ua"]],
        );
      });

      test("stats: totals, by country, by month, by metric", async () => {
        const s = await store.stats();
        const c = await store.counts();
        assert.equal(s.articles, c.articles);
        assert.equal(s.claims, c.claims);
        const ua = s.by_country.find((r) => r.country === "UA");
        assert.deepEqual(ua, { country: "UA", claims: 2, articles: 1 });
        assert.equal(
          s.by_country.reduce((n, r) => n + r.claims, 0),
          c.claims,
        );
        assert.deepEqual(
          s.by_month.find((r) => r.month === "2023-07"),
          { month: "2023-07", claims: 2, articles: 1 },
        );
        assert.equal(s.by_month.at(-1)?.month, null, "undated last");
        const months = s.by_month.map((r) => r.month).filter((m) => m !== null);
        assert.deepEqual(months, [...months].sort());
        assert.equal(
          s.by_metric.reduce((n, r) => n + r.claims, 0),
          c.claims,
        );
      });

      test("export: every claim with its article; CSV parses back; GeoJSON is valid", async () => {
        const rows = await collect(store.exportRows());
        assert.equal(rows.length, (await store.counts()).claims);
        assert.deepEqual(
          rows.map((r) => r.claim_id),
          [...rows.map((r) => r.claim_id)].sort((a, b) => a - b),
        );
        const ua = rows.find((r) => r.article_id === ids["ua"]);
        assert.ok(ua);
        assert.equal(ua.article_title, "Shelling in Kharkiv");
        assert.equal(ua.article_outlet, "Kyiv Daily");
        assert.equal(ua.article_url, "https://q.example/ua");
        assert.equal(ua.article_published, "2023-07-02");
        assert.equal(ua.in_headline, false);

        const csv = (await collect(toCsv(store.exportRows()))).join("");
        assert.ok(csv.startsWith("\uFEFF"));
        const table = parseCsv(csv);
        assert.deepEqual(table[0], [...EXPORT_COLUMNS]);
        assert.equal(table.length, rows.length + 1);
        const col = (name: keyof ExportRow) => EXPORT_COLUMNS.indexOf(name);
        const sdRow = table.find((r) => r[col("article_id")] === String(ids["sd"]));
        assert.ok(sdRow);
        // Formula-looking text is neutralised; quotes and line breaks survive quoting.
        assert.equal(sdRow[col("evidence_text")], '\'=More than 2,000, "quoted"\r\nline');
        assert.equal(sdRow[col("value")], "2000");
        assert.equal(sdRow[col("lon")], "22.44");
        for (const r of table.slice(1)) {
          assert.equal(r.length, EXPORT_COLUMNS.length);
          for (const cell of r) assert.ok(!/^[=+@]/.test(cell), `unguarded cell ${cell}`);
        }

        const json = JSON.parse((await collect(toJson(store.exportRows()))).join("")) as Record<
          string,
          unknown
        >[];
        assert.equal(json.length, rows.length);
        assert.ok(Array.isArray(json[0]?.["breakdown"]));

        const geo = JSON.parse((await collect(toGeoJson(store.exportRows()))).join("")) as {
          type: string;
          features: {
            type: string;
            geometry: { type: string; coordinates: number[] };
            properties: Record<string, unknown>;
          }[];
        };
        assert.equal(geo.type, "FeatureCollection");
        const located = rows.filter((r) => r.lat !== null && r.lon !== null);
        assert.equal(geo.features.length, located.length);
        for (const f of geo.features) {
          assert.equal(f.type, "Feature");
          assert.equal(f.geometry.type, "Point");
          assert.equal(f.geometry.coordinates.length, 2);
          const [lon, lat] = f.geometry.coordinates as [number, number];
          assert.ok(Math.abs(lon) <= 180 && Math.abs(lat) <= 90);
          assert.ok(!("lat" in f.properties) && !("lon" in f.properties));
        }
        const kharkiv = geo.features.find((f) => f.properties["article_id"] === ids["ua"]);
        assert.deepEqual(kharkiv?.geometry.coordinates, [36.25, 49.98]);
        assert.deepEqual(JSON.parse((await collect(toJson([]))).join("")), []);
        assert.deepEqual(JSON.parse((await collect(toGeoJson([]))).join("")).features, []);
      });

      test("export streams past one batch", async () => {
        const a = makeArticle({ url: "https://q.example/many", text: "Many claims in one article." });
        const claims = Array.from({ length: 2_345 }, (_, i) => makeClaim({ id: `m${i}` }));
        const r = await store.saveArticle(a, makeExtraction(a, claims), "test-1");
        assert.equal(r.claims, 2_345);
        let n = 0;
        for await (const row of store.exportRows()) if (row.article_id === r.article_id) n++;
        assert.equal(n, 2_345);
        assert.equal((await allClaims(store, { q: "many claims" })).length, 2_345);
      });
    });
  });
}
