// npm run eval:reconcile — measures reconciliation on real data, read from ../shared/eval/dev at run time (never
// copied into the repository). Each text is ingested the way `toll ingest` does it: extracted, stored, then
// reconciled incrementally through the store (src/reconcile/store.ts), one article at a time, into ONE store per file.
//
//   (1) Airwars (airwars_gaza2023.jsonl): every record is one gold incident with a killed range [killed_min,
//       killed_max]. How often Toll's incident figures fit it, how many records Toll split (> 1 incident from one
//       record) and how many Toll incidents merge claims from more than one record.
//   (2) GVA (gva_news_articles.jsonl): several news articles per shooting (record id gva:<incident>:<hash>). Pairwise
//       and B-cubed precision/recall of Toll's grouping against the gold incidents, and how often the incident's
//       killed / injured equal the gold figures.
//
//   npm run eval:reconcile                     both files
//   npm run eval:reconcile -- --file gva       one file
//   npm run eval:reconcile -- --half tune      one half (tune or check; default: both, each in its own store)
//   npm run eval:reconcile -- --errors 20      also print up to 20 grouping errors, from the tune half only
//   npm run eval:reconcile -- --limit 300      the first 300 records of each half (quick iterations)
//   npm run eval:reconcile -- --json           machine-readable output
//   npm run eval:reconcile -- --db postgres://…   a throwaway PostgreSQL database instead of a temp SQLite file
//
// Protocol (../shared/eval/README.md): records are split into tune and check halves by the stable hash of their id
// (halfOf, as `npm run eval`); each half is ingested into its own store and scored on its own. Errors are shown from
// the tune half only. `published` is never the coders' event date: Airwars is read without a date, GVA with its
// article_date only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { extract, EXTRACTOR_VERSION } from "../src/extract/index.ts";
import type { Gazetteer } from "../src/extract/index.ts";
import { loadGazetteer } from "../src/gazetteer/index.ts";
import { explainScore, scorePair } from "../src/reconcile/link.ts";
import { incidentProfile } from "../src/reconcile/profiles.ts";
import { unitProfileOf } from "../src/reconcile/reconcile.ts";
import { loadState, reconcileArticles } from "../src/reconcile/store.ts";
import type { IncidentRecord, ReconState, StoredReconClaim } from "../src/reconcile/types.ts";
import { openStore } from "../src/store/index.ts";
import type { Store } from "../src/store/index.ts";
import type { EvalRecord } from "./lib/dataset.ts";
import type { Half } from "./lib/dataset.ts";
import { HALVES, evalDir, halfOf, loadDataFile, num, parseGoldDate, str } from "./lib/dataset.ts";
import { fmtRatio, formatTable } from "./lib/table.ts";

const { values: args } = parseArgs({
  options: {
    file: { type: "string" },
    limit: { type: "string" },
    db: { type: "string" },
    half: { type: "string" },
    errors: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
  strict: true,
});

if (args.help) {
  process.stdout.write(
    "usage: npm run eval:reconcile -- [--file airwars|gva] [--half tune|check] [--errors N] [--limit N] [--db URL] [--json]\n",
  );
  process.exit(0);
}

const limit = args.limit ? Math.max(1, Number(args.limit) || 0) : Infinity;
const errorsToShow = args.errors ? Math.max(0, Number(args.errors) || 0) : 0;
if (args.half !== undefined && !HALVES.includes(args.half as Half)) {
  process.stderr.write(`--half: expected tune or check, got "${args.half}"\n`);
  process.exit(2);
}
const halves: readonly Half[] = args.half ? [args.half as Half] : HALVES;

/** The records of one half (by the stable hash of the id), with text, at most --limit of them. */
function halfRecords(records: readonly EvalRecord[], half: Half): EvalRecord[] {
  return records.filter((r) => r.text !== "" && halfOf(r.id) === half).slice(0, limit);
}
const log = (s: string) => process.stderr.write(`${s}\n`);

interface Ingested {
  store: Store;
  /** Record id → store article id. */
  articleOf: Map<string, number>;
  state: ReconState;
  seconds: number;
  close(): Promise<void>;
}

/** Stores and reconciles every record (extract → saveArticle → reconcileArticles), then loads the state. */
async function ingest(
  records: readonly EvalRecord[],
  meta: (r: EvalRecord) => {
    published: string | null;
    outlet: string | null;
    title: string | null;
    detectHeader: boolean;
  },
  gazetteer: Gazetteer | undefined,
): Promise<Ingested> {
  const dir = args.db ? null : mkdtempSync(path.join(tmpdir(), "toll-recon-eval-"));
  const store = await openStore(args.db ?? path.join(dir ?? "", "eval.db"));
  const articleOf = new Map<string, number>();
  const t0 = performance.now();
  let n = 0;
  for (const rec of records) {
    const m = meta(rec);
    const result = extract(rec.text, {
      published: m.published,
      title: m.title,
      outlet: m.outlet,
      detectHeader: m.detectHeader,
      ...(gazetteer ? { gazetteer } : {}),
    });
    const saved = await store.saveArticle(
      {
        external_id: rec.id,
        title: m.title,
        published: m.published,
        outlet: m.outlet,
        url: null,
        text: rec.text,
        origin: `eval:${rec.id}`,
      },
      result,
      EXTRACTOR_VERSION,
    );
    articleOf.set(rec.id, saved.article_id);
    await reconcileArticles(store, [saved.article_id]);
    if (++n % 250 === 0) log(`  ${n}/${records.length} articles`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const state = await loadState(store);
  return {
    store,
    articleOf,
    state,
    seconds,
    close: async () => {
      await store.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Incidents holding counted claims of an article (breakdown parts and repeats follow their whole). */
function incidentsOf(state: ReconState, articleId: number): IncidentRecord[] {
  const ids = new Set<string>();
  for (const c of Object.values(state.claims))
    if (c.article_id === String(articleId) && c.incident) ids.add(c.incident);
  return [...ids].flatMap((id) => (state.incidents[id] ? [state.incidents[id]] : []));
}

function killedOf(inc: IncidentRecord, metric: "killed" | "injured" = "killed") {
  const t = inc.totals.find((x) => x.metric === metric);
  return t ? { low: t.low, best: t.best, high: t.high } : { low: 0, best: 0, high: 0 };
}

/** Why two incidents were not linked, or what the merge history of one says: the linking rules' own words. */
function whyApart(state: ReconState, a: IncidentRecord, b: IncidentRecord): string {
  return explainScore(scorePair(incidentProfile(state, a), incidentProfile(state, b)));
}

/** How each pair of the incident's articles scores on its own (its counted claims in this incident). */
function pairReasons(state: ReconState, inc: IncidentRecord): string[] {
  const byArticle = new Map<string, StoredReconClaim[]>();
  for (const k of inc.claims) {
    const c = state.claims[k];
    if (!c || c.claim.part_of !== null || c.claim.same_as !== null || c.claim.historical) continue;
    byArticle.set(c.article_id, [...(byArticle.get(c.article_id) ?? []), c]);
  }
  const arts = [...byArticle.keys()];
  const out: string[] = [];
  for (let i = 0; i < arts.length; i++)
    for (let j = i + 1; j < arts.length; j++) {
      const a = unitProfileOf(state.articles, byArticle.get(arts[i] ?? "") ?? []);
      const b = unitProfileOf(state.articles, byArticle.get(arts[j] ?? "") ?? []);
      const s = scorePair(a, b);
      out.push(`${arts[i]}~${arts[j]} ${s.veto ? "VETO" : s.score}: ${explainScore(s)}`);
    }
  return out;
}

function firstLine(text: string, n = 160): string {
  return text.replace(/\s+/g, " ").slice(0, n);
}

const pct = (a: number, b: number) => (b === 0 ? "–" : `${((100 * a) / b).toFixed(1)}%`);

// ---------------------------------------------------------------------------------------------------------------
// (1) Airwars

async function airwars(
  all: readonly EvalRecord[],
  half: Half,
  gazetteer: Gazetteer | undefined,
): Promise<Record<string, unknown>> {
  const records = halfRecords(all, half);
  log(`airwars/${half}: ${records.length} records`);
  const run = await ingest(
    records,
    (r) => ({
      // Protocol: an Airwars assessment is read without a date (its `date` is the coders' event date).
      published: null,
      outlet: "Airwars",
      title: null,
      detectHeader: false,
    }),
    gazetteer,
  );
  try {
    const recordOfArticle = new Map<string, string>();
    for (const [rec, a] of run.articleOf) recordOfArticle.set(String(a), rec);
    let none = 0;
    let one = 0;
    let split = 0;
    const withGold = { n: 0, bestIn: 0, overlap: 0, exact: 0, lowOk: 0, highOk: 0 };
    const clean = { n: 0, bestIn: 0, overlap: 0, exact: 0 };
    for (const rec of records) {
      const a = run.articleOf.get(rec.id);
      if (a === undefined) continue;
      const incs = incidentsOf(run.state, a);
      if (incs.length === 0) none++;
      else if (incs.length === 1) one++;
      else split++;
      const min = num(rec, "killed_min");
      const max = num(rec, "killed_max");
      if (min === null || max === null) continue;
      // The record's killed figure in Toll: the sum over the incidents its claims went to (0 when none).
      const k = incs
        .map((i) => killedOf(i))
        .reduce((s, x) => ({ low: s.low + x.low, best: s.best + x.best, high: s.high + x.high }), {
          low: 0,
          best: 0,
          high: 0,
        });
      const score = (s: { n: number; bestIn: number; overlap: number; exact: number }) => {
        s.n++;
        if (k.best >= min && k.best <= max) s.bestIn++;
        if (k.low <= max && k.high >= min) s.overlap++;
        if (k.low === min && k.high === max) s.exact++;
      };
      score(withGold);
      if (k.low >= min) withGold.lowOk++;
      if (k.high <= max) withGold.highOk++;
      const merged = incs.some((i) => i.articles.length > 1);
      if (incs.length === 1 && !merged) score(clean);
    }
    const incidents = Object.values(run.state.incidents);
    const mixed = incidents.filter((i) => new Set(i.articles.map((a) => recordOfArticle.get(a))).size > 1);
    const recordsInMixed = new Set(mixed.flatMap((i) => i.articles));
    if (half === "tune" && errorsToShow > 0) {
      process.stdout.write(`\nWrong merges (tune half, first ${errorsToShow}):\n`);
      const byId = new Map(records.map((r) => [r.id, r]));
      for (const inc of mixed.slice(0, errorsToShow)) {
        process.stdout.write(
          `\n  ${inc.id} ${inc.date?.start ?? "?"} ${inc.place ?? "?"} killed ${JSON.stringify(killedOf(inc))}\n`,
        );
        for (const a of inc.articles) {
          const rec = byId.get(recordOfArticle.get(a) ?? "");
          if (rec)
            process.stdout.write(
              `    ${a} ${rec.id} gold ${str(rec, "date") ?? "?"} killed ${num(rec, "killed_min")}-${num(rec, "killed_max")}: ${firstLine(rec.text)}\n`,
            );
        }
        for (const h of inc.history.filter((x) => x.action === "merge"))
          process.stdout.write(`    merge: ${h.reason}\n`);
        process.stdout.write(`    pairs: ${pairReasons(run.state, inc).join("\n           ")}\n`);
      }
    }
    const out = {
      records: records.length,
      incidents: incidents.length,
      seconds: run.seconds,
      records_no_incident: none,
      records_one_incident: one,
      records_split: split,
      incidents_merging_records: mixed.length,
      records_in_merged_incidents: recordsInMixed.size,
      figures: withGold,
      figures_clean: clean,
    };
    process.stdout.write(
      `\n(1) Airwars Gaza 2023, ${half} half: ${records.length} records (gold: 1 incident each), ${incidents.length} Toll incidents, ` +
        `${run.seconds.toFixed(1)} s\n\n` +
        formatTable(
          ["grouping", "count", "share"],
          [
            ["records → exactly 1 incident", String(one), pct(one, records.length)],
            ["records split (> 1 incident)", String(split), pct(split, records.length)],
            ["records with no incident (no casualty claim)", String(none), pct(none, records.length)],
            [
              "Toll incidents merging > 1 record (wrong merges)",
              String(mixed.length),
              pct(mixed.length, incidents.length),
            ],
            [
              "records inside a wrong merge",
              String(recordsInMixed.size),
              pct(recordsInMixed.size, records.length),
            ],
          ],
        ) +
        "\n\n" +
        formatTable(
          ["killed vs gold [min,max]", "all records", "share", "clean records", "share"],
          [
            ["records", String(withGold.n), "", String(clean.n), ""],
            [
              "best within [min,max]",
              String(withGold.bestIn),
              pct(withGold.bestIn, withGold.n),
              String(clean.bestIn),
              pct(clean.bestIn, clean.n),
            ],
            [
              "[low,high] overlaps [min,max]",
              String(withGold.overlap),
              pct(withGold.overlap, withGold.n),
              String(clean.overlap),
              pct(clean.overlap, clean.n),
            ],
            [
              "low = min and high = max",
              String(withGold.exact),
              pct(withGold.exact, withGold.n),
              String(clean.exact),
              pct(clean.exact, clean.n),
            ],
            ["low ≥ min", String(withGold.lowOk), pct(withGold.lowOk, withGold.n), "", ""],
            ["high ≤ max", String(withGold.highOk), pct(withGold.highOk, withGold.n), "", ""],
          ],
        ) +
        "\n  (clean: the record gave exactly one incident and no other record's claims joined it)\n",
    );
    return out;
  } finally {
    await run.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// (2) GVA

function hostOf(url: string | null): string | null {
  if (!url) return null;
  // Archived copies: web.archive.org/web/<stamp>/http://host/… → the original host.
  const m = /^https?:\/\/web\.archive\.org\/web\/\d+\/(?:https?:\/{0,2})?([^/]+)/i.exec(url);
  try {
    return (m?.[1] ?? new URL(url).host).replace(/^www\./, "");
  } catch {
    return null;
  }
}

interface ClusterScores {
  pairwise: { p: number; r: number; f: number };
  bcubed: { p: number; r: number; f: number };
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Pairwise and B-cubed precision/recall of a predicted clustering against gold, over the same items. */
export function clusterScores(
  gold: ReadonlyMap<string, string>,
  pred: ReadonlyMap<string, string>,
): ClusterScores {
  const items = [...gold.keys()];
  const groups = (m: ReadonlyMap<string, string>) => {
    const g = new Map<string, Set<string>>();
    for (const i of items) {
      const k = m.get(i) ?? `solo:${i}`;
      let s = g.get(k);
      if (!s) g.set(k, (s = new Set()));
      s.add(i);
    }
    return g;
  };
  const gg = groups(gold);
  const pg = groups(pred);
  const goldOf = (i: string) => gg.get(gold.get(i) ?? "") ?? new Set([i]);
  const predOf = (i: string) => pg.get(pred.get(i) ?? `solo:${i}`) ?? new Set([i]);
  let tp = 0;
  let predPairs = 0;
  let goldPairs = 0;
  for (const s of pg.values()) predPairs += (s.size * (s.size - 1)) / 2;
  for (const s of gg.values()) goldPairs += (s.size * (s.size - 1)) / 2;
  for (const s of pg.values()) {
    const arr = [...s];
    for (let i = 0; i < arr.length; i++)
      for (let j = i + 1; j < arr.length; j++) if (gold.get(arr[i] ?? "") === gold.get(arr[j] ?? "")) tp++;
  }
  let bp = 0;
  let br = 0;
  for (const i of items) {
    const P = predOf(i);
    const G = goldOf(i);
    let both = 0;
    for (const x of P) if (G.has(x)) both++;
    bp += both / P.size;
    br += both / G.size;
  }
  const pp = predPairs === 0 ? 1 : tp / predPairs;
  const pr = goldPairs === 0 ? 1 : tp / goldPairs;
  return {
    pairwise: { p: pp, r: pr, f: f1(pp, pr) },
    bcubed: { p: bp / items.length, r: br / items.length, f: f1(bp / items.length, br / items.length) },
  };
}

async function gva(
  all: readonly EvalRecord[],
  half: Half,
  gazetteer: Gazetteer | undefined,
): Promise<Record<string, unknown>> {
  const records = halfRecords(all, half);
  log(`gva/${half}: ${records.length} records`);
  const run = await ingest(
    records,
    (r) => ({
      // Protocol: the article's own publication date only, never the coders' event date.
      published: parseGoldDate(str(r, "article_date")),
      outlet: hostOf(str(r, "article_url")),
      title: null,
      detectHeader: true,
    }),
    gazetteer,
  );
  try {
    const gold = new Map<string, string>();
    const pred = new Map<string, string>();
    let noIncident = 0;
    let several = 0;
    for (const rec of records) {
      const incId = rec.id.split(":")[1] ?? rec.id;
      gold.set(rec.id, incId);
      const a = run.articleOf.get(rec.id);
      const incs = a === undefined ? [] : incidentsOf(run.state, a);
      if (incs.length === 0) {
        noIncident++;
        continue;
      }
      if (incs.length > 1) several++;
      // One label per article: the incident holding most of its claims (ties: the larger incident, then the id).
      const count = (i: IncidentRecord) => i.claims.filter((k) => k.startsWith(`${a}#`)).length;
      const best = [...incs].sort(
        (x, y) => count(y) - count(x) || y.articles.length - x.articles.length || (x.id < y.id ? -1 : 1),
      )[0];
      if (best) pred.set(rec.id, best.id);
    }
    // Articles in no incident count as their own singleton cluster.
    const scores = clusterScores(gold, pred);
    if (half === "tune" && errorsToShow > 0) {
      const byId = new Map(records.map((r) => [r.id, r]));
      const line = (id: string) => {
        const r = byId.get(id);
        return r ? `${id} (${str(r, "article_date") ?? "?"}): ${firstLine(r.text)}` : id;
      };
      process.stdout.write(
        `\nMissed links (tune half, first ${errorsToShow}): one gold shooting, two Toll incidents\n`,
      );
      let shown = 0;
      const seenPair = new Set<string>();
      for (const [i, gi] of gold) {
        if (shown >= errorsToShow) break;
        for (const [j, gj] of gold) {
          if (j <= i || gi !== gj) continue;
          const pi = pred.get(i);
          const pj = pred.get(j);
          if (!pi || !pj || pi === pj || seenPair.has(`${pi}|${pj}`)) continue;
          seenPair.add(`${pi}|${pj}`);
          const a = run.state.incidents[pi];
          const b = run.state.incidents[pj];
          if (!a || !b) continue;
          process.stdout.write(`\n  ${line(i)}\n  ${line(j)}\n    ${whyApart(run.state, a, b)}\n`);
          if (++shown >= errorsToShow) break;
        }
      }
      process.stdout.write(
        `\nWrong merges (tune half, first ${errorsToShow}): one Toll incident, several gold shootings\n`,
      );
      const members = new Map<string, string[]>();
      for (const [id, p] of pred) members.set(p, [...(members.get(p) ?? []), id]);
      shown = 0;
      for (const [p, ids] of members) {
        if (new Set(ids.map((x) => gold.get(x))).size < 2) continue;
        if (++shown > errorsToShow) break;
        process.stdout.write(
          `\n  ${p}\n${ids.map((x) => `    gold ${gold.get(x)} ${line(x)}`).join("\n")}\n`,
        );
        for (const h of run.state.incidents[p]?.history.filter((x) => x.action === "merge") ?? [])
          process.stdout.write(`    merge: ${h.reason}\n`);
      }
    }
    // Baseline: every article alone (what counting reports, not incidents, would give).
    const alone = clusterScores(gold, new Map());

    // Figures: per gold incident, the Toll incident holding most of its articles.
    const byGold = new Map<string, EvalRecord[]>();
    for (const r of records) {
      const g = gold.get(r.id) ?? r.id;
      byGold.set(g, [...(byGold.get(g) ?? []), r]);
    }
    const fig = { incidents: 0, matched: 0, killed: 0, injured: 0, both: 0 };
    for (const [, recs] of byGold) {
      fig.incidents++;
      const votes = new Map<string, number>();
      for (const r of recs) {
        const p = pred.get(r.id);
        if (p) votes.set(p, (votes.get(p) ?? 0) + 1);
      }
      const top = [...votes.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
      const first = recs[0];
      if (!top || !first) continue;
      const inc = run.state.incidents[top[0]];
      if (!inc) continue;
      fig.matched++;
      const k = killedOf(inc, "killed").best;
      const i = killedOf(inc, "injured").best;
      const gk = num(first, "killed") ?? 0;
      const gi = num(first, "injured") ?? 0;
      if (k === gk) fig.killed++;
      if (i === gi) fig.injured++;
      if (k === gk && i === gi) fig.both++;
    }
    const row = (name: string, s: ClusterScores): string[] => [
      name,
      fmtRatio(s.pairwise.p),
      fmtRatio(s.pairwise.r),
      fmtRatio(s.pairwise.f),
      fmtRatio(s.bcubed.p),
      fmtRatio(s.bcubed.r),
      fmtRatio(s.bcubed.f),
    ];
    process.stdout.write(
      `\n(2) GVA news articles, ${half} half: ${records.length} articles about ${byGold.size} gold incidents, ` +
        `${Object.keys(run.state.incidents).length} Toll incidents, ${run.seconds.toFixed(1)} s ` +
        `(${noIncident} articles in no incident, ${several} in more than one)\n\n` +
        formatTable(
          ["grouping", "pair P", "pair R", "pair F1", "B³ P", "B³ R", "B³ F1"],
          [row("Toll incidents", scores), row("baseline: every article alone", alone)],
        ) +
        "\n\n" +
        formatTable(
          ["figures (best) vs gold", "incidents", "share"],
          [
            ["gold incidents with a Toll incident", String(fig.matched), pct(fig.matched, fig.incidents)],
            ["killed = gold", String(fig.killed), pct(fig.killed, fig.incidents)],
            ["injured = gold", String(fig.injured), pct(fig.injured, fig.incidents)],
            ["both = gold", String(fig.both), pct(fig.both, fig.incidents)],
          ],
        ) +
        "\n",
    );
    return {
      articles: records.length,
      gold_incidents: byGold.size,
      incidents: Object.keys(run.state.incidents).length,
      seconds: run.seconds,
      articles_no_incident: noIncident,
      articles_several_incidents: several,
      scores,
      baseline_alone: alone,
      figures: fig,
    };
  } finally {
    await run.close();
  }
}

async function main(): Promise<void> {
  let gazetteer: Gazetteer | undefined;
  try {
    gazetteer = loadGazetteer();
  } catch (err) {
    log(
      `warning: no gazetteer (${err instanceof Error ? err.message : String(err)}): places are not resolved`,
    );
  }
  const which = args.file ?? "all";
  const out: Record<string, Record<string, unknown>> = {};
  if (which === "all" || which.startsWith("airwars")) {
    const df = loadDataFile(path.join(evalDir(), "airwars_gaza2023.jsonl"));
    out["airwars"] = {};
    for (const h of halves) out["airwars"][h] = await airwars(df.records, h, gazetteer);
  }
  if (which === "all" || which.startsWith("gva")) {
    const df = loadDataFile(path.join(evalDir(), "gva_news_articles.jsonl"));
    out["gva"] = {};
    for (const h of halves) out["gva"][h] = await gva(df.records, h, gazetteer);
  }
  if (args.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

await main();
