// Store-backed reconciliation with linking profiles (profiles.ts, migration 0006) against in-memory reconciliation,
// on SQLite (a real temp file) and PostgreSQL (a fresh database when TOLL_TEST_DATABASE_URL is set).
//
// The batch is a dense world on purpose: few places close to each other, two weeks of days, several events per
// place and day, so every article has many candidates and most must be left on disk; plus what exercises the
// other paths of reconcile (two document incidents in one article, loose claims, running totals, headline repeats,
// breakdown parts, historical claims, undated and unplaced claims, a bridge that merges two incidents, a revision).
import assert from "node:assert/strict";
import { after, before as nodeBefore, describe, test as nodeTest } from "node:test";
import { sql } from "kysely";
import type { DocumentIncident, Period } from "../extract/types.ts";
import { openStore } from "../store/index.ts";
import type { KyselyStore } from "../store/store.ts";
import type { Store } from "../store/types.ts";
import { storeTargets } from "../store/throwaway.ts";
import { decodeProfile, encodeProfile, incidentProfile } from "./profiles.ts";
import { emptyState, incidentBucketKeys, reconcile } from "./reconcile.ts";
import { loadReconClaims, loadState, reconcileArticles } from "./store.ts";
import type { ReconcileReport } from "./store.ts";
import { MOSUL, RAQQA, article, day, loc, rng } from "./testing.ts";
import type { ClaimSpec, PlaceDef } from "./testing.ts";
import type { ArticleMeta, IncidentRecord, ReconClaim, ReconState } from "./types.ts";

const NOW = "2024-01-01T00:00:00Z";

const PLACES: PlaceDef[] = [
  MOSUL,
  {
    name: "Hammam al-Alil",
    place: "Hammam al-Alil",
    country: "IQ",
    lat: 36.16,
    lon: 43.26,
    geonameid: 98001,
  },
  { name: "Bartella", place: "Bartella", country: "IQ", lat: 36.35, lon: 43.38, geonameid: 98002 },
  { name: "Tal Afar", place: "Tal Afar", country: "IQ", lat: 36.37, lon: 42.45, geonameid: 98003 },
  RAQQA,
  { name: "Tabqa", place: "Tabqa", country: "SY", lat: 35.84, lon: 38.55, geonameid: 98004 },
];
const METHODS = ["airstrike", "shelling", "car bomb", null];
const PERPS = ["US-led coalition", "Islamic State", null];
const OUTLETS = ["Reuters", "AP", "AFP", "Rudaw", "NRT", "Al Jazeera", "SANA", "Shafaq"];

/** A dense synthetic batch: `events` events, each reported by 1–4 articles. */
function denseWorld(events: number, seed: number): ReconClaim[][] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const out: ReconClaim[][] = [];
  let n = 0;
  for (let e = 0; e < events; e++) {
    const place = pick(PLACES);
    const d = 1 + Math.floor(rand() * 14);
    const date = `2017-03-${String(d).padStart(2, "0")}`;
    const method = pick(METHODS);
    const perp = pick(PERPS);
    const toll = 1 + Math.floor(rand() ** 2 * 60);
    const reports = 1 + Math.floor(rand() * 4);
    for (let r = 0; r < reports; r++) {
      const id = `d${seed}-${n++}`;
      const published =
        rand() < 0.05
          ? null
          : `2017-03-${String(d + 1 + r).padStart(2, "0")}T${String(8 + r).padStart(2, "0")}:00`;
      const value = Math.max(1, Math.round(toll * (0.8 + 0.15 * r + rand() * 0.2)));
      const roll = rand();
      const location = roll < 0.05 ? null : roll < 0.1 ? loc(place, place.country, "country") : loc(place);
      const period: Period | null =
        rand() < 0.05
          ? null
          : rand() < 0.1
            ? { start: "2017-03-01", end: "2017-03-15", precision: "days" }
            : day(date);
      const doc = rand() < 0.15 ? null : "i1";
      const evidence = rand() < 0.1 ? `${value} members of the Abu Hassan family killed` : undefined;
      const specs: ClaimSpec[] = [
        {
          id: "c1",
          value,
          qualifier: pick(["exact", "exact", "at_least", "at_most", "approximately"] as const),
          period,
          location,
          method,
          perpetrator: perp,
          doc,
          ...(evidence ? { evidence } : {}),
        },
      ];
      if (rand() < 0.5) specs.push({ id: "c2", value: value * 2, metric: "injured", period, location, doc });
      if (rand() < 0.15)
        specs.push({ id: "c3", value, in_headline: true, same_as: "c1", period, location, doc });
      if (rand() < 0.1)
        specs.push({
          id: "c4",
          value: Math.max(1, Math.floor(value / 2)),
          victims: "children",
          part_of: "c1",
          doc,
        });
      if (rand() < 0.1)
        specs.push({
          id: "c5",
          value: 400 + Math.floor(rand() * 40),
          scope: "cumulative",
          period: { start: "2017-02-19", end: date, precision: "days" },
          location: location && loc(place, place.place, "region"),
        });
      if (rand() < 0.05) specs.push({ id: "c6", value: 12, historical: true, period: day("2014-06-10") });
      if (rand() < 0.1) {
        // A second event in the same article: another document incident.
        const other = pick(PLACES);
        specs.push({
          id: "c7",
          value: 1 + Math.floor(rand() * 30),
          period: day(`2017-03-${String(1 + Math.floor(rand() * 14)).padStart(2, "0")}`),
          location: loc(other),
          method: pick(METHODS),
          doc: "i2",
        });
      }
      out.push(article({ article_id: id, outlet: pick(OUTLETS), published }, specs));
    }
  }
  return out;
}

// Two reports kept apart (a neighbourhood name without coordinates vs the city), then a report bridging them.
const nb = (name: string) => ({
  ...loc({ name, place: name, country: "IQ", lat: 0, lon: 0 }, name),
  lat: null,
  lon: null,
  geonameid: null,
});
const mosulNoCoords = { ...loc(MOSUL), lat: null, lon: null, geonameid: null };
const BRIDGED: ReconClaim[][] = [
  article({ article_id: "m1", outlet: "NRT", published: "2017-03-29T08:00" }, [
    {
      id: "c1",
      value: 30,
      period: day("2017-03-28"),
      location: mosulNoCoords,
      method: "airstrike",
      doc: "i1",
    },
  ]),
  article({ article_id: "m2", outlet: "Shafaq", published: "2017-03-29T09:00" }, [
    {
      id: "c1",
      value: 28,
      period: day("2017-03-28"),
      location: nb("Mosul al-Jadida"),
      method: "airstrike",
      doc: "i1",
    },
  ]),
  article({ article_id: "m4", outlet: "Reuters", published: "2017-03-30T09:00" }, [
    {
      id: "c1",
      value: 30,
      period: day("2017-03-28"),
      location: nb("Mosul al-Jadida"),
      method: "airstrike",
      doc: "i1",
    },
    { id: "c2", value: 50, metric: "injured", period: day("2017-03-28"), location: mosulNoCoords, doc: "i1" },
  ]),
];

/** Stores one article the way ingest would (article row, claims, document incidents). */
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
  const url = extra.url ?? `https://news.example/${meta.article_id}`;
  return store.saveArticle(
    {
      external_id: meta.article_id,
      title: meta.title,
      published: meta.published,
      outlet: meta.outlet,
      url,
      text,
      origin: "test",
    },
    {
      article: { title: meta.title, published: meta.published, outlet: meta.outlet, url, text },
      claims: rcs.map((r) => r.claim),
      incidents,
      totals: { killed: null, injured: null },
    },
    "test",
  );
}

function shape(s: ReconState) {
  return {
    incidents: s.incidents,
    aggregates: s.aggregates,
    claims: s.claims,
    aliases: s.aliases,
    retired: s.retired,
  };
}

async function profileRows(store: Store): Promise<Map<string, string>> {
  const rows = await sql<{
    incident_id: string;
    profile: string;
  }>`select incident_id, profile from recon_profiles`.execute((store as KyselyStore).db);
  return new Map(rows.rows.map((r) => [r.incident_id, r.profile]));
}

/**
 * Every live incident has a profile row, equal to the profile built from its claims, and exactly the bucket rows
 * reconcile's own index files it under, each carrying its date window; no row is left over.
 */
async function assertProfilesRight(store: Store, what: string): Promise<void> {
  const state = await loadState(store);
  const buckets = await sql<{
    bucket: string;
    incident_id: string;
    w_start: number | null;
    w_end: number | null;
    w_reported: number | null;
  }>`select bucket, incident_id, w_start, w_end, w_reported from recon_buckets`.execute(
    (store as KyselyStore).db,
  );
  const expected = Object.keys(state.incidents).flatMap((id) => {
    const w = incidentProfile(state, state.incidents[id] as IncidentRecord).window;
    return incidentBucketKeys(state, id).map(
      (b) => `${b} ${id} ${w?.start ?? null} ${w?.end ?? null} ${w ? Number(w.reported) : null}`,
    );
  });
  assert.deepEqual(
    buckets.rows.map((r) => `${r.bucket} ${r.incident_id} ${r.w_start} ${r.w_end} ${r.w_reported}`).sort(),
    expected.sort(),
    `${what}: bucket rows and their windows`,
  );
  const rows = await profileRows(store);
  assert.deepEqual(
    [...rows.keys()].sort(),
    Object.keys(state.incidents).sort(),
    `${what}: one row per live incident`,
  );
  for (const inc of Object.values(state.incidents)) {
    const text = rows.get(inc.id);
    assert.equal(text, encodeProfile(incidentProfile(state, inc)), `${what}: profile of ${inc.id}`);
    assert.deepEqual(
      decodeProfile(text),
      incidentProfile(state, inc),
      `${what}: ${inc.id} decodes to its profile`,
    );
  }
}

const TARGETS = storeTargets("profile store tests", "toll_prof");

for (const target of TARGETS) {
  describe(`store-backed reconcile with profiles: ${target.name}`, () => {
    let store: Store;
    const skip = target.skip ?? false;
    const test = (name: string, fn: () => Promise<void>) => nodeTest(name, { skip, timeout: 300_000 }, fn);
    nodeBefore(async () => {
      if (skip) return;
      store = await openStore(await target.setup());
    });
    after(async () => {
      if (skip) return;
      await store?.close();
      await target.teardown();
    });

    // Shared by the tests below, in order: the batch is reconciled once and then re-run and extended.
    const ids: number[] = [];
    const reports: ReconcileReport[] = [];
    const mem = emptyState();

    test("a dense batch persisted one article at a time equals in-memory reconciliation, loading only matching incidents", async () => {
      const world = [...denseWorld(110, 11), ...BRIDGED];
      for (const a of world) ids.push((await save(store, a)).article_id);
      for (const id of ids) {
        reports.push(await reconcileArticles(store, [id], { now: NOW }));
        // The reference: the same claims as the store hands them over, one article at a time.
        reconcile(mem, await loadReconClaims(store, [id]), { now: NOW });
      }
      // A revision of the first article: same URL, new text and figures; it withdraws its predecessor's claims.
      const first = world[0];
      assert.ok(first?.[0]);
      const revised = first.map((rc) => ({
        ...rc,
        claim: { ...rc.claim, value: rc.claim.value + 3, low: rc.claim.low + 3, high: rc.claim.high + 3 },
      }));
      const rev = await save(store, revised, {
        url: `https://news.example/${first[0].article.article_id}`,
        text: "revised text",
      });
      assert.equal(rev.outcome, "revision");
      reports.push(await reconcileArticles(store, [rev.article_id], { now: NOW }));
      reconcile(mem, await loadReconClaims(store, [rev.article_id]), {
        now: NOW,
        replaceArticles: [String(ids[0])],
      });
      ids.push(rev.article_id);
      const persisted = await loadState(store);
      assert.deepEqual(shape(persisted), shape(mem));
      assert.ok(
        Object.keys(mem.incidents).length > 50,
        `a non-trivial batch (${Object.keys(mem.incidents).length} incidents)`,
      );
      assert.ok(Object.keys(mem.aggregates).length > 0, "running totals in the batch");
      assert.ok(Object.keys(mem.aliases).length > 0, "merges in the batch");
      assert.ok(
        Object.values(mem.claims).some((c) => c.note?.startsWith("historical")),
        "historical claims in the batch",
      );

      const merged = reports.flatMap((r) => r.changes.filter((c) => c.type === "merged"));
      assert.ok(merged.length > 0, "at least one merge through the store");
      const candidates = reports.reduce((s, r) => s + r.loaded.candidates, 0);
      const loaded = reports.reduce((s, r) => s + r.loaded.incidents, 0);
      assert.ok(candidates > 1000, `dense: many candidates scored (${candidates})`);
      assert.ok(
        loaded * 4 < candidates,
        `only matching incidents loaded in full (${loaded} of ${candidates} candidates)`,
      );
    });

    test("profiles stay right after merges and the revision", async () => {
      await assertProfilesRight(store, "after the batch");
      // The incidents that survived a merge have their new profile (not the pre-merge one).
      const state = await loadState(store);
      const survivors = new Set(Object.values(state.aliases));
      assert.ok(survivors.size > 0);
      const rows = await profileRows(store);
      for (const id of survivors) {
        const p = decodeProfile(rows.get(id));
        const inc = state.incidents[id];
        assert.ok(p && inc);
        assert.equal(
          [...p.docIncidents.keys()].length,
          inc.articles.length,
          `${id}: the profile covers every article of the merged incident`,
        );
      }
    });

    test("re-running articles (forgotten as reconciled) changes nothing: same state, same profiles", async () => {
      const db = (store as KyselyStore).db;
      const profilesBefore = await profileRows(store);
      const skipped = await reconcileArticles(store, ids, { now: "2024-02-01T00:00:00Z" });
      assert.equal(skipped.articles, 0);
      // Forget that some articles were reconciled: they are processed again, and every claim is already known.
      const again = ids.filter((_, i) => i % 7 === 0 && i < ids.length - 1);
      await sql`delete from recon_articles where article_id in (${sql.join(again)})`.execute(db);
      for (const id of again) {
        const r = await reconcileArticles(store, [id], { now: "2024-02-01T00:00:00Z" });
        assert.equal(r.articles, 1, `article ${id} processed again`);
        assert.equal(
          r.written.incidents + r.written.claims + r.written.deleted,
          0,
          `article ${id}: nothing rewritten`,
        );
      }
      assert.deepEqual(shape(await loadState(store)), shape(mem));
      assert.deepEqual(await profileRows(store), profilesBefore);
    });

    test("a store without profile rows (before migration 0006) reconciles the same and fills them in", async () => {
      const db = (store as KyselyStore).db;
      await sql`delete from recon_profiles`.execute(db);
      await sql`update recon_buckets set w_start = null, w_end = null, w_reported = null`.execute(db);
      const more = denseWorld(30, 12);
      const newIds: number[] = [];
      for (const a of more) newIds.push((await save(store, a)).article_id);
      for (const id of newIds) {
        await reconcileArticles(store, [id], { now: NOW });
        reconcile(mem, await loadReconClaims(store, [id]), { now: NOW });
      }
      assert.deepEqual(shape(await loadState(store)), shape(mem));
      const rows = await profileRows(store);
      assert.ok(rows.size > 0, "profiles written for the incidents these articles loaded");
      const state = await loadState(store);
      for (const [id, text] of rows) {
        const inc = state.incidents[id];
        assert.ok(inc, `profile ${id} belongs to a live incident`);
        assert.equal(text, encodeProfile(incidentProfile(state, inc)));
      }
      // The bucket rows of every incident that got its profile carry its window again.
      const buckets = await sql<{ incident_id: string; w_end: number | null }>`
        select incident_id, w_end from recon_buckets`.execute(db);
      let windowed = 0;
      for (const b of buckets.rows) {
        const inc = state.incidents[b.incident_id];
        if (!rows.has(b.incident_id) || !inc) continue;
        assert.equal(b.w_end, incidentProfile(state, inc).window?.end ?? null, `window of ${b.incident_id}`);
        windowed++;
      }
      assert.ok(windowed > 0);
    });
  });
}
