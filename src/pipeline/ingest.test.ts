// The pipeline against itself: the same articles ingested one per transaction, extracted on this thread, and in
// batches extracted on worker threads must leave the same claims and the same incidents, on SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { loadState } from "../reconcile/store.ts";
import type { ReconState } from "../reconcile/types.ts";
import { openStore } from "../store/index.ts";
import type { Store } from "../store/index.ts";
import { storeTargets } from "../store/throwaway.ts";
import { ingestSources } from "./ingest.ts";

const PLACES = ["Mosul", "Raqqa", "Aleppo", "Kabul", "Kandahar", "Idlib"];
const METHODS = ["an airstrike on", "shelling of", "a car bomb in", "a suicide attack in"];
const SOURCES = [
  "police said",
  "a local official said",
  "the health ministry said",
  "witnesses told reporters",
];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Several reports of each of a set of events (figures that grow, hedges that differ), plus running totals. */
function reports(): string[] {
  const lines: string[] = [];
  let seed = 7;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let e = 0; e < 24; e++) {
    const place = PLACES[e % PLACES.length]!;
    const method = METHODS[Math.floor(rand() * METHODS.length)]!;
    const day = 3 + Math.floor(rand() * 20);
    const killed = 2 + Math.floor(rand() * 40);
    const n = 1 + Math.floor(rand() * 3);
    for (let r = 0; r < n; r++) {
      const published = `2019-05-${String(day + r).padStart(2, "0")}T10:00`;
      const weekday = WEEKDAYS[(new Date(`2019-05-${String(day).padStart(2, "0")}`).getUTCDay() + 6) % 7]!;
      const hedge = r === 0 ? "" : r === 1 ? "at least " : "as many as ";
      const text =
        `${hedge}${killed + r * 3} civilians were killed and ${killed * 2} wounded in ${method} ${place} on ${weekday}, ${SOURCES[(e + r) % SOURCES.length]}. ` +
        (rand() < 0.3
          ? `More than ${400 + e * 10} people have been killed in ${place} since January. `
          : "") +
        `The ${method.split(" ").slice(1, 2).join("")} hit a market in the centre of ${place}.`;
      lines.push(
        JSON.stringify({
          id: `r${e}-${r}`,
          title: `${place}: ${killed + r * 3} killed`,
          published,
          text: text[0]!.toUpperCase() + text.slice(1),
        }),
      );
    }
  }
  return lines;
}

function shape(s: ReconState): unknown {
  const incidents = Object.values(s.incidents)
    .map(({ history: _h, created_at: _c, updated_at: _u, ...rest }) => rest)
    .sort((a, b) => a.id.localeCompare(b.id));
  const aggregates = Object.values(s.aggregates)
    .map((a) => {
      const {
        created_at: _c,
        updated_at: _u,
        ...rest
      } = a as typeof a & { created_at?: string; updated_at?: string };
      return rest;
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  // Clock times (when a run reconciled) differ between the two runs by design; everything else must not.
  const clockless = JSON.stringify(
    { incidents, aggregates, claims: s.claims, aliases: s.aliases },
    (k, v: unknown) => (k === "at" || k === "created_at" || k === "updated_at" ? undefined : v),
  );
  return JSON.parse(clockless) as unknown;
}

async function claimsOf(store: Store): Promise<unknown[]> {
  const out: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listClaims({ limit: 500, ...(cursor ? { cursor } : {}) });
    for (const c of page.items) out.push({ ...c, id: undefined });
    cursor = page.next ?? undefined;
  } while (cursor);
  return out;
}

const dir = mkdtempSync(path.join(tmpdir(), "toll-pipeline-"));
const input = path.join(dir, "reports.jsonl");
writeFileSync(input, reports().join("\n") + "\n");
after(() => rmSync(dir, { recursive: true, force: true }));

const one = storeTargets("pipeline tests (one at a time)", "toll_pipe1");
const many = storeTargets("pipeline tests (batched)", "toll_pipeb");

for (const [i, target] of one.entries()) {
  const batched = many[i]!;
  describe(`ingest pipeline: ${target.name}`, () => {
    const skip = target.skip ?? false;
    let a: Store;
    let b: Store;
    before(async () => {
      if (skip) return;
      a = await openStore(await target.setup());
      b = await openStore(await batched.setup());
    });
    after(async () => {
      if (skip) return;
      await a.close();
      await b.close();
      await target.teardown();
      await batched.teardown();
    });

    test(
      "batched transactions and extraction threads give the same claims and incidents as one article at a time",
      { skip, timeout: 300_000 },
      async () => {
        const errors: string[] = [];
        const events = { error: (o: string, m: string) => errors.push(`${o}: ${m}`) };
        const s1 = await ingestSources(a, [input], { threads: 0, batch: 1 }, events);
        const s2 = await ingestSources(b, [input], { threads: 2, batch: 25 }, events);
        assert.deepEqual(errors, []);
        assert.ok(s1.inserted > 40, `a real batch (${s1.inserted} articles)`);
        assert.deepEqual({ ...s2, seconds: 0 }, { ...s1, seconds: 0 });
        assert.deepEqual(await claimsOf(b), await claimsOf(a));
        const [sa, sb] = [await loadState(a), await loadState(b)];
        const incidents = Object.keys(sa.incidents).length;
        assert.ok(
          incidents >= 10 && incidents < s1.inserted,
          `reports grouped into incidents (${incidents} of ${s1.inserted} articles)`,
        );
        assert.ok(
          Object.values(sa.incidents).some((x) => x.articles.length > 1),
          "some incident told by several reports",
        );
        assert.deepEqual(shape(sb), shape(sa));
      },
    );

    test(
      "a second run stores nothing new and reports every article as a duplicate",
      { skip, timeout: 300_000 },
      async () => {
        const before = shape(await loadState(b));
        const s = await ingestSources(b, [input], { threads: 2, batch: 10 });
        assert.equal(s.inserted, 0);
        assert.equal(s.duplicates, s.read);
        assert.deepEqual(shape(await loadState(b)), before);
      },
    );
  });
}

describe("ingest pipeline: bad input", () => {
  test(
    "a bad record costs one error; the rest of the batch is stored in order",
    { timeout: 120_000 },
    async () => {
      const d = mkdtempSync(path.join(tmpdir(), "toll-pipeline-bad-"));
      try {
        const file = path.join(d, "mixed.jsonl");
        const good = reports().slice(0, 6);
        writeFileSync(
          file,
          [good[0], "{not json", ...good.slice(1), JSON.stringify({ id: "no-text" })].join("\n") + "\n",
        );
        const store = await openStore(path.join(d, "t.db"));
        try {
          const errors: string[] = [];
          const s = await ingestSources(
            store,
            [file],
            { threads: 2, batch: 4, gazetteer: false },
            { error: (o, m) => errors.push(`${o}: ${m}`) },
          );
          assert.equal(s.inserted, 6);
          assert.equal(s.errors, 2, errors.join("\n"));
          assert.match(errors.join("\n"), /mixed\.jsonl.*line 2/);
          const titles = (await store.listArticles({ limit: 50 })).items.map((x) => x.title);
          assert.equal(titles.length, 6);
        } finally {
          await store.close();
        }
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
    },
  );
});
