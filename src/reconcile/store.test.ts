// Persisted reconciliation (store.ts) against both backends, like the store contract suite: SQLite always (a real
// temp file), PostgreSQL when TOLL_TEST_DATABASE_URL is set (a fresh database per run, dropped at the end).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before as nodeBefore, describe, test as nodeTest } from "node:test";
import { sql } from "kysely";
import type { DocumentIncident } from "../extract/types.ts";
import { openStore } from "../store/index.ts";
import type { KyselyStore } from "../store/store.ts";
import type { Store } from "../store/types.ts";
import { syntheticArticles } from "./bench.ts";
import { shortHash } from "./normalize.ts";
import { emptyState, reconcile } from "./reconcile.ts";
import { explainIncident } from "./report.ts";
import {
  getIncident,
  incidentJson,
  incidentTotals,
  listIncidents,
  loadReconClaims,
  loadState,
  rebuildIncidents,
  reconCounts,
  reconcileArticles,
  reconcilePending,
} from "./store.ts";
import { MOSUL, RAQQA, article, day, loc } from "./testing.ts";
import type { ClaimSpec } from "./testing.ts";
import type { ArticleMeta, ReconClaim, ReconState } from "./types.ts";
import { storeTargets } from "../store/throwaway.ts";

const NOW = "2024-01-01T00:00:00Z";

/** reconcileArticles in a separate Node process (SQLite's cross-process locking is what is under test). */
function reconcileInChild(db: string, articleId: number): Promise<void> {
  const code = `
    const { openStore } = await import(${JSON.stringify(new URL("../store/index.ts", import.meta.url).href)});
    const { reconcileArticles } = await import(${JSON.stringify(new URL("./store.ts", import.meta.url).href)});
    const store = await openStore(${JSON.stringify(db)});
    try { await reconcileArticles(store, [${articleId}], { now: ${JSON.stringify(NOW)} }); } finally { await store.close(); }
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (codeOut) =>
      codeOut === 0 ? resolve() : reject(new Error(`child exited ${codeOut}: ${err}`)),
    );
  });
}

/** Stores one hand-written article (testing.ts builders) the way ingest would: article row, claims, doc incidents. */
async function save(store: Store, rcs: readonly ReconClaim[], extra: { url?: string; text?: string } = {}) {
  const first = rcs[0];
  assert.ok(first);
  const meta: ArticleMeta = first.article;
  const text =
    extra.text ??
    `${meta.article_id} ${meta.outlet ?? ""}: ${rcs.map((r) => r.claim.evidence.text).join(". ")}`;
  const docs = new Map<string, string[]>();
  for (const r of rcs)
    if (r.doc_incident) docs.set(r.doc_incident, [...(docs.get(r.doc_incident) ?? []), r.claim.id]);
  const incidents: DocumentIncident[] = [...docs].map(([id, claims]) => ({
    id,
    claims,
    killed: null,
    injured: null,
  }));
  const input = {
    external_id: meta.article_id,
    title: meta.title,
    published: meta.published,
    outlet: meta.outlet,
    url: extra.url ?? meta.url ?? `https://news.example/${meta.article_id}`,
    text,
    origin: "test",
  };
  const res = await store.saveArticle(
    input,
    {
      article: { title: meta.title, published: meta.published, outlet: meta.outlet, url: input.url, text },
      claims: rcs.map((r) => r.claim),
      incidents,
      totals: { killed: null, injured: null },
    },
    "test",
  );
  return res;
}

// One strike in Mosul, three outlets: 30, "at least 35", "as many as 43".
const strike = (
  id: string,
  outlet: string,
  published: string,
  spec: Partial<ClaimSpec> & { value: number },
) =>
  article({ article_id: id, outlet, published }, [
    {
      id: "c1",
      period: day("2017-03-17"),
      location: loc(MOSUL),
      method: "airstrike",
      doc: "i1",
      ...spec,
    },
  ]);
const A1 = strike("a1", "The National", "2017-03-18T08:00", { value: 30 });
const A2 = strike("a2", "Al Jazeera", "2017-03-19T10:00", { value: 35, qualifier: "at_least" });
const A3 = strike("a3", "Rudaw", "2017-03-20T09:00", { value: 43, qualifier: "at_most", low: 0 });
// A different strike the same day in the same city (shelling, far smaller toll).
const B1 = strike("b1", "NRT", "2017-03-18T09:00", { value: 2, method: "mortar shelling" });
const R1 = article({ article_id: "r1", outlet: "SANA", published: "2017-03-18T09:00" }, [
  { id: "c1", value: 3, period: day("2017-03-17"), location: loc(RAQQA), method: "shelling", doc: "i1" },
]);

function shape(s: ReconState) {
  return {
    incidents: s.incidents,
    aggregates: s.aggregates,
    claims: s.claims,
    aliases: s.aliases,
    retired: s.retired,
  };
}

const TARGETS = storeTargets("incident store tests", "toll_recon");

for (const target of TARGETS) {
  describe(`incident store: ${target.name}`, () => {
    let store: Store;
    let location = "";
    const skip = target.skip ?? false;
    const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { skip, timeout: 120_000 }, fn);
    const before = (fn: () => Promise<void>) => nodeBefore(skip ? async () => {} : fn);
    const wipe = async () => {
      const db = (store as KyselyStore).db;
      for (const t of [
        "recon_buckets",
        "recon_incidents",
        "recon_aggregates",
        "recon_claims",
        "recon_aliases",
      ])
        await sql`delete from ${sql.table(t)}`.execute(db);
      for (const t of ["recon_retired", "recon_ids", "recon_articles", "claims", "articles"])
        await sql`delete from ${sql.table(t)}`.execute(db);
    };

    before(async () => {
      location = await target.setup();
      store = await openStore(location);
    });
    after(async () => {
      if (skip) return;
      await store?.close();
      await target.teardown();
    });

    test("two copies of one wire story are one source family; two independent outlets are two", async () => {
      await wipe();
      // One Reuters story printed by two papers under their own headers: different texts (so different content
      // hashes), the agency credited only in the dateline, which no claim sentence holds.
      const body =
        "MOSUL, Iraq (Reuters) - An air strike on a crowded market in western Mosul killed 12 civilians on Friday, " +
        "local officials said, as fighting for the city's old quarter went on for a third week. Residents said the " +
        "strike hit shortly after noon, when the market was at its busiest, and that rescuers were still searching " +
        "the rubble of two buildings late into the evening.";
      const wire = (id: string, outlet: string, header: string) =>
        article({ article_id: id, outlet, published: "2017-03-18T09:00" }, [
          {
            id: "c1",
            value: 12,
            period: day("2017-03-17"),
            location: loc(MOSUL),
            method: "airstrike",
            doc: "i1",
          },
        ]).map((rc) => ({ rc, text: `${header}\n\n${body}\n\n© ${outlet}` }));
      // The same text again without any credit (a syndication partner), and an independent report.
      const copies = [
        wire("w1", "The Gulf Daily", "World news | Saturday"),
        wire("w2", "Kurdistan Herald", "Latest from Iraq"),
      ];
      const syndicated = article(
        { article_id: "s1", outlet: "Daily Mirror Iraq", published: "2017-03-18T11:00" },
        [
          {
            id: "c1",
            value: 12,
            period: day("2017-03-17"),
            location: loc(MOSUL),
            method: "airstrike",
            doc: "i1",
          },
        ],
      );
      const own = article({ article_id: "o1", outlet: "Rudaw", published: "2017-03-18T12:00" }, [
        {
          id: "c1",
          value: 12,
          period: day("2017-03-17"),
          location: loc(MOSUL),
          method: "air strike",
          doc: "i1",
        },
      ]);
      const ids: number[] = [];
      for (const c of copies) {
        const first = c[0];
        assert.ok(first);
        ids.push(
          (
            await save(
              store,
              c.map((x) => x.rc),
              { text: first.text },
            )
          ).article_id,
        );
      }
      const uncredited = body.replace("MOSUL, Iraq (Reuters) - ", "");
      ids.push((await save(store, syndicated, { text: `Iraq desk\n\n${uncredited}` })).article_id);
      for (const id of ids) await reconcileArticles(store, [id], { now: NOW });
      let { incidents } = await listIncidents(store, { country: "iq" });
      assert.equal(incidents.length, 1, "one strike");
      let inc = incidents[0];
      assert.ok(inc);
      assert.equal(inc.families.length, 1, "three copies of one text: one source family");
      assert.equal(inc.grade, "single_source");
      const because = inc.grade_because.map((b) => b.text).join(" ");
      assert.match(because, /3 reports, 1 source family/);
      assert.match(because, /both carry Reuters copy/);
      assert.match(because, /same text under different outlets/);

      // An outlet's own reporting, in its own words: a second, independent family.
      const ownText =
        "Rudaw's correspondent in Mosul counted twelve dead after the raid on the market. Doctors at the Republican " +
        "hospital said most of the wounded were women who had been shopping for the weekend.";
      const o = (await save(store, own, { text: ownText })).article_id;
      await reconcileArticles(store, [o], { now: NOW });
      ({ incidents } = await listIncidents(store, { country: "iq" }));
      assert.equal(incidents.length, 1);
      inc = incidents[0];
      assert.ok(inc);
      assert.equal(inc.families.length, 2, "the wire family and Rudaw");
      assert.equal(inc.grade, "corroborated");
      assert.match(
        inc.grade_because.map((b) => b.text).join(" "),
        /4 reports, 2 independent source families/,
      );

      // The store's families are the in-memory ones: the wire credit and fingerprint kept beside each article.
      const mem = reconcile(emptyState(), await loadReconClaims(store, [...ids, o]), { now: NOW }).state;
      const memInc = Object.values(mem.incidents)[0];
      assert.deepEqual(memInc?.families, inc.families);
      assert.deepEqual(memInc?.grade_because, inc.grade_because);
    });

    test("three outlets (30, at least 35, as many as 43) → one incident, low 35, high 43; another strike stays apart", async () => {
      await wipe();
      const ids: number[] = [];
      for (const a of [A1, B1, A2, R1, A3]) ids.push((await save(store, a)).article_id);
      for (const id of ids) await reconcileArticles(store, [id], { now: NOW });
      const { incidents, articles } = await listIncidents(store, { country: "iq" });
      assert.equal(incidents.length, 2);
      const big = incidents.map((i) => incidentJson(i, articles)).find((i) => i.killed?.high === 43);
      assert.ok(big, "the 43 incident");
      assert.deepEqual(big.killed, { low: 35, best: 35, high: 43 });
      assert.deepEqual([...big.articles].sort(), ["a1", "a2", "a3"], "articles listed by their input ids");
      assert.equal(big.place, "Mosul");
      assert.equal(big.grade, "corroborated");
      // Filters: metric, place, dates, grade, text.
      assert.equal(
        (await listIncidents(store, { place: "mosul", from: "2017-03-17", to: "2017-03" })).incidents.length,
        2,
      );
      assert.equal((await listIncidents(store, { from: "2017-03-18" })).incidents.length, 0);
      assert.equal((await listIncidents(store, { metric: "injured" })).incidents.length, 0);
      assert.equal((await listIncidents(store, { country: "SY" })).incidents.length, 1);
      const byText = await listIncidents(store, { q: "Rudaw" });
      assert.deepEqual(
        byText.incidents.map((i) => i.id),
        [big.id],
      );
      // Totals: the incidents' sums per country.
      const rows = await incidentTotals(store, "country", { metric: "killed" });
      const iq = rows.find((r) => r.key === "IQ");
      assert.deepEqual(iq && { n: iq.incidents.count, low: iq.incidents.low, high: iq.incidents.high }, {
        n: 2,
        low: 37,
        high: 45,
      });
    });

    test("incremental slices persist exactly what in-memory reconciliation gives; re-running changes nothing", async () => {
      await wipe();
      const world = syntheticArticles(400, 5);
      const ids: number[] = [];
      for (const a of world) ids.push((await save(store, a)).article_id);
      let touched = 0;
      for (const id of ids) {
        const r = await reconcileArticles(store, [id], { now: NOW });
        touched = Math.max(touched, r.loaded.incidents);
      }
      // The in-memory reference: the same claims as the store hands them over, one article at a time.
      const mem = emptyState();
      for (const id of ids) reconcile(mem, await loadReconClaims(store, [id]), { now: NOW });
      const persisted = await loadState(store);
      assert.deepEqual(shape(persisted), shape(mem));
      const counts = await reconCounts(store);
      assert.ok(
        touched < counts.incidents / 4,
        `a slice loads a few incidents (${touched} of ${counts.incidents})`,
      );
      const again = await reconcileArticles(store, ids, { now: NOW });
      assert.equal(again.articles, 0);
      assert.equal(again.skipped, ids.length);
      assert.deepEqual(shape(await loadState(store)), shape(mem));
    });

    test("ids survive re-ingestion, a merge (the absorbed id resolves as an alias) and a rebuild", async () => {
      await wipe();
      const nb = (name: string) => ({
        ...loc({ name, place: name, country: "IQ", lat: 0, lon: 0 }, name),
        lat: null,
        lon: null,
        geonameid: null,
      });
      const mosul = { ...loc(MOSUL), lat: null, lon: null, geonameid: null };
      const m1 = article({ article_id: "m1", outlet: "NRT", published: "2017-03-18T08:00" }, [
        { id: "c1", value: 30, period: day("2017-03-17"), location: mosul, method: "airstrike", doc: "i1" },
      ]);
      const m2 = article({ article_id: "m2", outlet: "Shafaq", published: "2017-03-18T09:00" }, [
        {
          id: "c1",
          value: 28,
          period: day("2017-03-17"),
          location: nb("Mosul al-Jadida"),
          method: "airstrike",
          doc: "i1",
        },
      ]);
      const bridge = article({ article_id: "m4", outlet: "Reuters", published: "2017-03-19T09:00" }, [
        {
          id: "c1",
          value: 30,
          period: day("2017-03-17"),
          location: nb("Mosul al-Jadida"),
          method: "airstrike",
          doc: "i1",
        },
        { id: "c2", value: 50, metric: "injured", period: day("2017-03-17"), location: mosul, doc: "i1" },
      ]);
      const s1 = await save(store, m1);
      const s2 = await save(store, m2);
      await reconcileArticles(store, [s1.article_id], { now: NOW });
      await reconcileArticles(store, [s2.article_id], { now: NOW });
      const before = (await listIncidents(store)).incidents.map((i) => i.id).sort();
      assert.equal(before.length, 2, "kept apart: two names, no coordinates");

      // Re-ingesting the same article is a duplicate: nothing changes.
      const dup = await save(store, m1);
      assert.equal(dup.outcome, "duplicate");
      const rerun = await reconcileArticles(store, [dup.article_id], { now: NOW });
      assert.equal(rerun.articles, 0);
      assert.deepEqual((await listIncidents(store)).incidents.map((i) => i.id).sort(), before);

      const s4 = await save(store, bridge);
      const r = await reconcileArticles(store, [s4.article_id], { now: "2024-01-02T00:00:00Z" });
      const merged = r.changes.find((c) => c.type === "merged");
      assert.ok(merged && merged.type === "merged", "the bridge merges the two");
      assert.equal(r.written.deleted, 1, "the absorbed incident's row is gone");
      const after = (await listIncidents(store)).incidents.map((i) => i.id);
      assert.deepEqual(after, [merged.id]);
      assert.ok(before.includes(merged.id));
      const viaAlias = await getIncident(store, merged.absorbed);
      assert.equal(viaAlias.status, "alias");
      assert.ok(viaAlias.status === "alias" && viaAlias.id === merged.id);
      assert.match(explainIncident(viaAlias.state, merged.absorbed), /merged into it/);
      assert.match(explainIncident(viaAlias.state, merged.absorbed), /NRT/);

      // A rebuild from the stored claims (all at once) keeps the live id and every alias resolving.
      const rb = await rebuildIncidents(store, { now: NOW });
      assert.equal(rb.articles, 3);
      for (const id of before) {
        const got = await getIncident(store, id);
        assert.ok(got.status === "live" || got.status === "alias", `${id} still resolves (${got.status})`);
        const live = (await listIncidents(store)).incidents.map((i) => i.id);
        assert.ok(live.includes(got.id));
      }
      assert.equal((await getIncident(store, "inc_nonexistent")).status, "unknown");
    });

    test("a revised article withdraws its earlier revision's claims", async () => {
      await wipe();
      const v1 = strike("v1", "Local", "2017-03-18T08:00", { value: 9 });
      const v2 = strike("v1", "Local", "2017-03-18T12:00", { value: 11 });
      const a = await save(store, v1, { url: "https://news.example/rev", text: "Nine killed in Mosul." });
      await reconcileArticles(store, [a.article_id], { now: NOW });
      const b = await save(store, v2, { url: "https://news.example/rev", text: "Eleven killed in Mosul." });
      assert.equal(b.outcome, "revision");
      await reconcileArticles(store, [b.article_id], { now: NOW });
      const { incidents } = await listIncidents(store);
      const killed = incidents.flatMap((i) =>
        i.totals.filter((t) => t.metric === "killed").map((t) => t.best),
      );
      assert.deepEqual(killed, [11], "only the revision counts");
      const state = await loadState(store);
      assert.ok(!Object.values(state.claims).some((c) => c.article_id === String(a.article_id)));
      // A rebuild agrees: the superseded revision is not reconciled.
      await rebuildIncidents(store, { now: NOW });
      const again = (await listIncidents(store)).incidents.flatMap((i) => i.totals.map((t) => t.best));
      assert.deepEqual(again, [11]);
    });

    test("two reconcilers at once (two connections or processes) do not split one event", async () => {
      await wipe();
      const a = await save(store, A1);
      const b = await save(store, A2);
      const c = await save(store, A3);
      if (target.name === "sqlite") {
        // better-sqlite3 waits for a lock synchronously, so two connections of one process would block each
        // other's event loop: the real case is two processes (two `toll ingest` runs), so run two.
        await Promise.all([
          reconcileInChild(location, a.article_id),
          reconcileInChild(location, b.article_id),
        ]);
        await reconcileArticles(store, [c.article_id], { now: NOW });
      } else {
        const others = await Promise.all([openStore(location), openStore(location)]);
        try {
          await Promise.all([
            reconcileArticles(others[0] as Store, [a.article_id], { now: NOW }),
            reconcileArticles(others[1] as Store, [b.article_id], { now: NOW }),
            reconcileArticles(store, [c.article_id], { now: NOW }),
          ]);
        } finally {
          for (const o of others) await o.close();
        }
      }
      const { incidents } = await listIncidents(store);
      assert.equal(incidents.length, 1, "one incident, whatever the interleaving");
      assert.deepEqual(incidents[0]?.articles.length, 3);
    });

    test("an id already issued elsewhere is never reused (unique ids across the store)", async () => {
      await wipe();
      const s = await save(store, R1);
      const seed = `${s.article_id}|i1`;
      const natural = `inc_${shortHash(seed)}`;
      // Pretend another incident, outside any slice this article loads, already holds the natural id.
      await (store as KyselyStore).db
        .insertInto("recon_ids" as never)
        .values({ id: natural, kind: "incident", created_at: NOW } as never)
        .execute();
      await reconcileArticles(store, [s.article_id], { now: NOW });
      const ids = (await listIncidents(store)).incidents.map((i) => i.id);
      assert.equal(ids.length, 1);
      assert.notEqual(ids[0], natural);
      assert.equal(ids[0], `inc_${shortHash(`${seed}#1`)}`);
    });

    test("pending articles are caught up; running totals stay beside the incidents", async () => {
      await wipe();
      const withTotal = article({ article_id: "t1", outlet: "AP", published: "2017-03-25T08:00" }, [
        {
          id: "c1",
          value: 43,
          period: day("2017-03-24"),
          location: loc(MOSUL),
          method: "airstrike",
          doc: "i1",
        },
        {
          id: "c2",
          value: 3864,
          scope: "cumulative",
          period: { start: "2017-02-19", end: "2017-03-25", precision: "days" },
          location: loc(MOSUL),
        },
      ]);
      await save(store, withTotal);
      await save(store, A1);
      const r = await reconcilePending(store, { now: NOW });
      assert.equal(r.articles, 2);
      assert.equal((await reconcilePending(store, { now: NOW })).articles, 0);
      const rows = await incidentTotals(store, "country", { metric: "killed" });
      const iq = rows.find((x) => x.key === "IQ");
      assert.ok(iq);
      assert.equal(iq.incidents.best, 73, "43 + 30: the running total is not added");
      assert.equal(iq.aggregate?.best, 3864);
    });
  });
}
