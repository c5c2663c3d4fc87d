// npm run bench — performance of Toll, each figure beside a baseline measured in the same run.
//
//   npm run bench                      every section
//   npm run bench -- --only extract    one section (see the list at the bottom)
//   npm run bench -- --mb 20           size of the extraction corpus (default 10 MB)
//   npm run bench -- --claims 20000    synthetic claims for the store sections (default: benchQueries' own)
//   npm run bench -- --json            machine-readable output on stdout
//
// Sections are `{ name, description, run(): Promise<Row[]> }` (scripts/lib/bench.ts); a section that needs something
// missing calls skip(reason) and prints "skipped: <reason>". Add new sections to SECTIONS below.
//
// Throughput and memory are measured in fresh child processes (this script re-run with --worker KIND), so that each
// figure's peak RSS belongs to that measurement alone and the JIT state of one pass does not help the next.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { evalDir, listDataFiles, loadDataFile, profileFor, publishedFor, repoRoot } from "./lib/dataset.ts";
import type { BenchSection, Row } from "./lib/bench.ts";
import { formatResults, median, runSections, skip } from "./lib/bench.ts";

const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    mb: { type: "string" },
    json: { type: "boolean", default: false },
    worker: { type: "string" },
    claims: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
  strict: true,
});

const targetBytes = Math.max(0.1, Number(args.mb ?? "10") || 10) * 1e6;

// ---------------------------------------------------------------------------------------------------------------
// The corpus: every dev record's text, in file order, repeated until it reaches the target size.

interface CorpusDoc {
  text: string;
  published: string | null;
  detectHeader: boolean;
}

function buildCorpus(): { docs: CorpusDoc[]; bytes: number; distinct: number } {
  // Round-robin over the files, so that a corpus smaller than the data still mixes every source.
  const perFile: CorpusDoc[][] = listDataFiles(evalDir()).map((f) => {
    const df = loadDataFile(f);
    const profile = profileFor(df.name);
    return df.records
      .filter((rec) => rec.text !== "")
      .map((rec) => ({
        text: rec.text,
        published: publishedFor(rec, profile),
        detectHeader: profile.detectHeader,
      }));
  });
  const base: CorpusDoc[] = [];
  for (let i = 0; perFile.some((docs) => i < docs.length); i++) {
    for (const docs of perFile) {
      const d = docs[i];
      if (d) base.push(d);
    }
  }
  const docs: CorpusDoc[] = [];
  let bytes = 0;
  if (base.length === 0) return { docs, bytes, distinct: 0 };
  for (let i = 0; bytes < targetBytes; i = (i + 1) % base.length) {
    const d = base[i]!;
    docs.push(d);
    bytes += Buffer.byteLength(d.text, "utf8");
  }
  return { docs, bytes, distinct: base.length };
}

// ---------------------------------------------------------------------------------------------------------------
// Worker mode: one pass of one kind over the corpus, result as JSON on stdout.

type PassKind = "extract" | "extract-places" | "wink" | "regex";

interface PassResult {
  kind: PassKind;
  bytes: number;
  records: number;
  ms: number;
  /** CPU time (user + system) of the pass: less sensitive than wall time to other load on the machine. */
  cpuMs: number;
  /** Tokens (tokenisers) or claims (extraction), to keep the work observable. */
  units: number;
  rssBefore: number;
  rssPeak: number;
}

type DocFn = (d: CorpusDoc) => number;

async function passFunction(kind: PassKind): Promise<DocFn> {
  if (kind === "regex") {
    return (d) => d.text.match(/\S+/g)?.length ?? 0;
  }
  if (kind === "wink") {
    const winkNLP = (await import("wink-nlp")).default;
    const model = (await import("wink-eng-lite-web-model")).default;
    // An empty pipe: tokenisation only (no sentence boundaries, POS, entities …).
    const nlp = winkNLP(model, []);
    return (d) => nlp.readDoc(d.text).tokens().length();
  }
  const { extract } = await import("../src/extract/index.ts");
  if (kind === "extract-places") {
    // The full pipeline as `toll ingest` runs it: context fields including places from the gazetteer.
    const { sharedGazetteer } = await import("../src/gazetteer/index.ts");
    const gazetteer = sharedGazetteer();
    return (d) => extract(d.text, { published: d.published, detectHeader: d.detectHeader, gazetteer }).claims.length;
  }
  return (d) => extract(d.text, { published: d.published, detectHeader: d.detectHeader }).claims.length;
}

async function worker(kind: PassKind): Promise<void> {
  const { docs, bytes } = buildCorpus();
  const fn = await passFunction(kind);
  // Warm-up on the first records so the timed pass measures steady state; start-up is measured separately.
  for (const d of docs.slice(0, 200)) fn(d);
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let units = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i++) {
    units += fn(docs[i]!);
    if (i % 100 === 0) {
      const rss = process.memoryUsage().rss;
      if (rss > rssPeak) rssPeak = rss;
    }
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // maxRSS (KiB) is the kernel's peak for the whole process: it catches peaks between samples.
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const out: PassResult = { kind, bytes, records: docs.length, ms, cpuMs, units, rssBefore, rssPeak };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function runWorker(kind: PassKind): Promise<PassResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(repoRoot, "scripts/bench.ts"),
        "--worker",
        kind,
        "--mb",
        String(targetBytes / 1e6),
      ],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) {
        reject(new Error(`worker ${kind} exited ${code}: ${stderr.trim().split("\n").slice(-5).join("\n")}`));
        return;
      }
      resolve(JSON.parse(line) as PassResult);
    });
  });
}

/** Wall-clock time of a fresh node process running `code` (with tsx loaded), median of `runs`. */
function timeProcess(argv: string[], runs = 3): { ms: number; ok: boolean; error: string } {
  const times: number[] = [];
  let ok = true;
  let error = "";
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    // A large maxBuffer: `toll extract --jsonl` over the corpus writes far more than the 1 MB default.
    const r = spawnSync(process.execPath, argv, { cwd: repoRoot, encoding: "utf8", maxBuffer: 1 << 30 });
    times.push(performance.now() - t0);
    if (r.status !== 0) {
      ok = false;
      error =
        (r.stderr || r.stdout || "")
          .trim()
          .split("\n")
          .find((l) => /Error|error/.test(l)) ?? `exit ${r.status}`;
      break;
    }
  }
  return { ms: median(times), ok, error };
}

const SAMPLE =
  "Three people were killed and four injured when a car bomb exploded in Kabul on Monday, police said.";

// ---------------------------------------------------------------------------------------------------------------
// Sections

const MB = 1e6;

const extractSection: BenchSection = {
  name: "extract",
  description: "extraction throughput, memory and start-up vs plain tokenisation of the same text",
  async run(): Promise<Row[]> {
    const dir = evalDir();
    if (!existsSync(dir) || listDataFiles(dir).length === 0)
      skip(`no evaluation data at ${dir} to build the corpus from`);
    let winkOk = true;
    try {
      await import("wink-nlp");
      await import("wink-eng-lite-web-model");
    } catch {
      winkOk = false;
    }
    // The baseline: wink-nlp's tokeniser (a real English tokeniser: punctuation, contractions, URLs …) when installed,
    // else a bare \S+ split.
    const baseKind: PassKind = winkOk ? "wink" : "regex";
    const baseName = winkOk ? "wink-nlp tokeniser (empty pipe)" : "regex \\S+ split";
    const regex = await runWorker("regex");
    const base = baseKind === "regex" ? regex : await runWorker(baseKind);
    const ext = await runWorker("extract");
    const places = await runWorker("extract-places");

    const mbps = (r: PassResult): number => r.bytes / MB / (r.ms / 1000);
    const cpuMbps = (r: PassResult): number => r.bytes / MB / (r.cpuMs / 1000);
    const rps = (r: PassResult): number => r.records / (r.ms / 1000);
    const peak = (r: PassResult): number => r.rssPeak / MB;
    const growth = (r: PassResult): number => (r.rssPeak - r.rssBefore) / MB;

    const startExtract = timeProcess([
      "--import",
      "tsx",
      "-e",
      `import('./src/extract/index.ts').then((m) => { m.extract(${JSON.stringify(SAMPLE)}, {}); })`,
    ]);
    const startBase = timeProcess(
      winkOk
        ? [
            "-e",
            `const w = require('wink-nlp'); const m = require('wink-eng-lite-web-model'); w(m, []).readDoc(${JSON.stringify(SAMPLE)}).tokens().length();`,
          ]
        : ["-e", `${JSON.stringify(SAMPLE)}.match(/\\S+/g);`],
    );
    const startNode = timeProcess(["--import", "tsx", "-e", "0"]);
    const cli = timeProcess([path.join(repoRoot, "bin/toll.js"), "extract", "--help"]);
    // The issue 15 figures: a one-record `toll extract` as a user runs it, and `toll extract --jsonl` over the
    // corpus with the extraction threads against one thread, beside a plain regex scan of the same text.
    const tmp = mkdtempSync(path.join(tmpdir(), "toll-bench-extract-"));
    let oneRecord: ReturnType<typeof timeProcess>;
    let jsonlThreads: ReturnType<typeof timeProcess>;
    let jsonlOne: ReturnType<typeof timeProcess>;
    let jsonlBytes = 0;
    try {
      const one = path.join(tmp, "one.txt");
      writeFileSync(one, SAMPLE);
      oneRecord = timeProcess([path.join(repoRoot, "bin/toll.js"), "extract", "--format", "json", one], 5);
      const { docs } = buildCorpus();
      const jsonl = path.join(tmp, "corpus.jsonl");
      writeFileSync(jsonl, docs.map((d, i) => JSON.stringify({ id: String(i), text: d.text, ...(d.published ? { published: d.published } : {}) })).join("\n") + "\n");
      jsonlBytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text, "utf8"), 0);
      jsonlThreads = timeProcess([path.join(repoRoot, "bin/toll.js"), "extract", "--jsonl", jsonl], 1);
      jsonlOne = timeProcess([path.join(repoRoot, "bin/toll.js"), "extract", "--jsonl", "--threads", "0", jsonl], 1);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }

    const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
    const jsonlMbps = (t: { ms: number; ok: boolean }): number | null => (t.ok && t.ms > 0 ? jsonlBytes / MB / (t.ms / 1000) : null);
    const threadsRate = jsonlMbps(jsonlThreads);
    const rows: Row[] = [
      {
        measure: "toll extract, one record",
        value: oneRecord.ok ? oneRecord.ms : null,
        unit: "ms",
        note: oneRecord.ok ? "node bin/toll.js extract --format json FILE (one sentence), median of 5 fresh processes; target ≤ 600 ms" : `failed: ${oneRecord.error.slice(0, 100)}`,
      },
      {
        measure: "toll extract --jsonl (threads)",
        value: threadsRate,
        unit: "MB/s",
        baseline: mbps(regex),
        ratio: threadsRate !== null ? mbps(regex) / threadsRate : null,
        note: `whole process, places on, one thread per core; ratio = time of extraction / time of a regex \\S+ scan (target ≤ 30)`,
      },
      {
        measure: "toll extract --jsonl --threads 0",
        value: jsonlMbps(jsonlOne),
        unit: "MB/s",
        note: "the same on the main thread alone",
      },
      {
        measure: "throughput",
        value: mbps(ext),
        unit: "MB/s",
        baseline: mbps(base),
        ratio: ratio(mbps(ext), mbps(base)),
        note: `${(ext.bytes / MB).toFixed(1)} MB, ${ext.records} records; baseline: ${baseName}`,
      },
      {
        measure: "throughput with places",
        value: mbps(places),
        unit: "MB/s",
        baseline: mbps(base),
        ratio: ratio(mbps(places), mbps(base)),
        note: `gazetteer passed in (location resolved); the added cost of places is ${(mbps(ext) / mbps(places)).toFixed(2)}× the time`,
      },
      {
        measure: "throughput, CPU time",
        value: cpuMbps(ext),
        unit: "MB/s",
        baseline: cpuMbps(base),
        ratio: ratio(cpuMbps(ext), cpuMbps(base)),
        note: "bytes / (user + system CPU time): steadier when the machine is busy",
      },
      {
        measure: "records",
        value: rps(ext),
        unit: "records/s",
        baseline: rps(base),
        ratio: ratio(rps(ext), rps(base)),
        note: `${ext.units} claims extracted`,
      },
      {
        measure: "peak RSS",
        value: peak(ext),
        unit: "MB",
        baseline: peak(base),
        ratio: ratio(peak(ext), peak(base)),
        note: "whole process, corpus included",
      },
      {
        measure: "RSS growth in pass",
        value: growth(ext),
        unit: "MB",
        baseline: growth(base),
        note: "peak minus RSS after loading and warm-up",
      },
      {
        measure: "start-up + first call",
        value: startExtract.ok ? startExtract.ms : null,
        unit: "ms",
        baseline: startBase.ms,
        ratio: startExtract.ok ? ratio(startExtract.ms, startBase.ms) : null,
        note: startExtract.ok
          ? `fresh process: import + extract() of a sentence; baseline: ${winkOk ? "load wink-nlp + tokenise it" : "regex"}`
          : `failed: ${startExtract.error.slice(0, 100)}`,
      },
      {
        measure: "node --import tsx alone",
        value: startNode.ms,
        unit: "ms",
        note: "the floor under the start-up figure",
      },
      {
        measure: "toll extract --help",
        value: cli.ok ? cli.ms : null,
        unit: "ms",
        note: cli.ok ? "node bin/toll.js extract --help" : `not runnable yet: ${cli.error.slice(0, 100)}`,
      },
    ];
    if (baseKind !== "regex") {
      rows.push({
        measure: "regex \\S+ split",
        value: mbps(regex),
        unit: "MB/s",
        ratio: ratio(mbps(ext), mbps(regex)),
        note: "second, cruder baseline (ratio = extraction / it)",
      });
    }
    const speed = (b: PassResult, name: string): string => {
      const n = mbps(b) / mbps(ext);
      return n >= 1
        ? `1/${n.toFixed(1)} of ${name} speed (${mbps(b).toFixed(2)} MB/s)`
        : `${(1 / n).toFixed(1)}× ${name} speed (${mbps(b).toFixed(2)} MB/s)`;
    };
    lastSummary =
      `extraction runs at ${mbps(ext).toFixed(2)} MB/s: ${speed(base, baseName)}` +
      (baseKind !== "regex" ? `; ${speed(regex, "a regex \\S+ split")}` : "") +
      ` (wall clock; by CPU time 1/${(cpuMbps(base) / cpuMbps(ext)).toFixed(1)} of ${baseName})`;
    return rows;
  },
};

let lastSummary = "";

interface StoreBenchModule {
  benchQueries: (store: unknown, n?: number) => Promise<unknown>;
}
interface StoreModule {
  openStore: (target?: string) => Promise<{ close(): Promise<void> }>;
}

/** src/store/bench.ts and src/store/index.ts, checked dynamically: the store may not have landed yet. */
async function storeModules(): Promise<{ bench: StoreBenchModule; store: StoreModule }> {
  const benchFile = path.join(repoRoot, "src/store/bench.ts");
  const indexFile = path.join(repoRoot, "src/store/index.ts");
  if (!existsSync(benchFile)) skip("src/store/bench.ts not present yet");
  if (!existsSync(indexFile)) skip("src/store/index.ts not present yet");
  const bench = (await import(pathToFileURL(benchFile).href)) as Record<string, unknown>;
  if (typeof bench["benchQueries"] !== "function") skip("src/store/bench.ts does not export benchQueries");
  const store = (await import(pathToFileURL(indexFile).href)) as Record<string, unknown>;
  if (typeof store["openStore"] !== "function") skip("src/store/index.ts does not export openStore");
  return { bench: bench as unknown as StoreBenchModule, store: store as unknown as StoreModule };
}

const benchClaims = args.claims === undefined ? undefined : Math.max(100, Number(args.claims) || 100_000);

/** Runs benchQueries on a store opened at `target` (a throwaway: the synthetic rows stay). */
async function storeRows(target: string, label: string): Promise<Row[]> {
  const { bench, store: storeMod } = await storeModules();
  const store = await storeMod.openStore(target);
  let result: unknown;
  try {
    result = await bench.benchQueries(store, benchClaims);
  } finally {
    await store.close();
  }
  return benchResultRows(result, label);
}

/** BenchResult ({ fill, queries: [{ name, ms, rows }] }) → rows; a plain list of rows is accepted too. */
function benchResultRows(out: unknown, label: string): Row[] {
  const r = (out ?? {}) as { fill?: Record<string, unknown>; queries?: unknown };
  const rows: Row[] = [];
  const fill = r.fill;
  if (fill && typeof fill["ms"] === "number") {
    rows.push({
      measure: "fill (batched saves)",
      value: typeof fill["claimsPerSecond"] === "number" ? fill["claimsPerSecond"] : null,
      unit: "claims/s",
      note: `${label}: ${String(fill["claims"])} claims in ${String(fill["articles"])} articles, ${((fill["ms"] as number) / 1000).toFixed(1)} s`,
    });
  }
  const list = Array.isArray(out) ? out : Array.isArray(r.queries) ? r.queries : [];
  for (const o of list as unknown[]) {
    const q = (o ?? {}) as Record<string, unknown>;
    const val = typeof q["ms"] === "number" ? q["ms"] : typeof q["value"] === "number" ? q["value"] : null;
    rows.push({
      measure: String(q["name"] ?? q["measure"] ?? "?"),
      value: val,
      unit: typeof q["unit"] === "string" ? q["unit"] : "ms",
      note:
        typeof q["rows"] === "number"
          ? `${q["rows"]} rows, median`
          : typeof q["note"] === "string"
            ? q["note"]
            : "",
    });
  }
  return rows;
}

const queriesSection: BenchSection = {
  name: "queries",
  description: "SQLite store: fill and query times (src/store/bench.ts benchQueries) on a temporary file",
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(path.join(tmpdir(), "toll-bench-"));
    try {
      return await storeRows(path.join(dir, "bench.db"), "SQLite");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

const queriesPgSection: BenchSection = {
  name: "queries-pg",
  description: "PostgreSQL store: fill and query times (src/store/bench.ts benchQueries)",
  async run(): Promise<Row[]> {
    // A separate variable from TOLL_DATABASE_URL on purpose: the bench leaves its synthetic rows behind. Without
    // it, a throwaway database is created on the local server and dropped afterwards.
    const url = process.env["TOLL_BENCH_DATABASE_URL"];
    try {
      if (url) return await storeRows(url, "PostgreSQL");
      const { withFreshDatabase } = await import("../src/store/throwaway.ts");
      const admin = process.env["TOLL_BENCH_PG_ADMIN_URL"] ?? process.env["TOLL_TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";
      return await withFreshDatabase(admin, "toll_bench", (db) => storeRows(db, "PostgreSQL"));
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/ECONNREFUSED|ENOTFOUND|does not exist|password authentication|timeout/i.test(msg)) {
        skip(`PostgreSQL not reachable: ${msg.split("\n")[0]}`);
      }
      throw err;
    }
  },
};

const reconcileSection: BenchSection = {
  name: "reconcile",
  description:
    "reconciliation: claims/s adding 10,000 articles (one call each) to 100,000 claims, in memory and through the SQLite store (src/reconcile/bench.ts)",
  async run(): Promise<Row[]> {
    const { benchReconcile, benchReconcileStore } = await import("../src/reconcile/bench.ts");
    // --claims scales the base (default 100,000); the added articles are a tenth of it.
    const baseClaims = benchClaims ?? 100_000;
    const addArticles = Math.max(10, Math.round(baseClaims / 10));
    const mem = benchReconcile({ baseClaims, addArticles });
    const st = await benchReconcileStore({ baseClaims, addArticles });
    return [
      {
        measure: "add articles, in memory",
        value: mem.claimsPerSecond,
        unit: "claims/s",
        note: `${mem.addedArticles} articles (${mem.addedClaims} claims) onto ${mem.baseClaims} claims, ${mem.incidents} incidents`,
      },
      {
        measure: "build, in memory",
        value: mem.buildClaimsPerSecond,
        unit: "claims/s",
        note: `${mem.baseClaims} claims in one reconcile call, ${(mem.buildMs / 1000).toFixed(1)} s`,
      },
      {
        measure: "add articles, SQLite store",
        value: st.claimsPerSecond,
        unit: "claims/s",
        ratio: st.claimsPerSecond / mem.claimsPerSecond,
        note: `${st.articlesPerSecond} articles/s; one locked transaction each, ${st.meanSliceIncidents} incidents loaded per article of ${st.incidents}`,
      },
      {
        measure: "rebuild, SQLite store",
        value: Math.round(st.baseClaims / (st.rebuildMs / 1000)),
        unit: "claims/s",
        note: `toll reconcile --rebuild of ${st.baseClaims} claims, ${(st.rebuildMs / 1000).toFixed(1)} s`,
      },
    ];
  },
};

const apiSection: BenchSection = {
  name: "api",
  description: "HTTP API under load (autocannon on 127.0.0.1): incident list and one incident's explanation (src/server/bench.ts)",
  async run(): Promise<Row[]> {
    const { benchApi } = await import("../src/server/bench.ts");
    const r = await benchApi({ claims: args.claims ? Number(args.claims) : 100_000, seconds: 5 });
    const note = `${r.claims} claims, ${r.incidents} incidents, ${r.connections} connections`;
    return [
      { measure: "incident view build", value: Math.round(r.viewBuildMs), unit: "ms", note },
      { measure: "view update after one review: confirm (in place)", value: Math.round(r.confirmMs * 10) / 10, unit: "ms", note: `POST to updated view; a correction (full rebuild) took ${Math.round(r.correctMs)} ms, ${(r.correctMs / r.confirmMs).toFixed(0)}× longer` },
      ...r.runs.flatMap((x): Row[] => [
        { measure: `${x.name}: throughput`, value: x.requestsPerSecond, unit: "req/s", note: x.non2xx || x.errors ? `${x.non2xx} non-2xx, ${x.errors} errors` : note },
        { measure: `${x.name}: p99 latency`, value: x.p99ms, unit: "ms" },
      ]),
    ];
  },
};

/** The sections, in running order. Other engineers: append yours here (ingest, reconcile, api …). */
const queueSection: BenchSection = {
  name: "queue",
  description: "job queue on PostgreSQL: ingest throughput with 1, 2 and 4 worker processes, queue overhead per job (src/queue/bench.ts)",
  async run(): Promise<Row[]> {
    // Fresh databases are created and dropped on this server, so the default local server is safe to use.
    const url =
      process.env["TOLL_BENCH_DATABASE_URL"] ?? process.env["TOLL_TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const pgMod = (await import("pg")).default;
    const probe = new pgMod.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await probe.connect();
      await probe.query("select 1");
    } catch (err) {
      skip(`PostgreSQL not reachable at ${url.replace(/:[^:@/]*@/, ":***@")}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    } finally {
      await probe.end().catch(() => {});
    }
    const { benchQueue } = await import("../src/queue/bench.ts");
    const rows = await benchQueue(url, { log: (l) => process.stderr.write(`${l}\n`) });
    return rows.map((r) => ({ measure: r.measure, value: r.value, unit: r.unit, ...(r.ratio !== undefined ? { ratio: r.ratio } : {}), ...(r.note ? { note: r.note } : {}) }));
  },
};

const ingestSection: BenchSection = {
  name: "ingest",
  description: "toll ingest of a WARC built from the dev texts, into SQLite and PostgreSQL (articles/s), vs reading it",
  async run(): Promise<Row[]> {
    if (!existsSync(evalDir())) skip(`no dev data at ${evalDir()}`);
    const { benchIngest } = await import("./lib/ingest-bench.ts");
    const texts: string[] = [];
    for (const f of listDataFiles(evalDir())) for (const r of loadDataFile(f).records.slice(0, 300)) texts.push(r.text);
    const pgUrl = process.env["TOLL_BENCH_PG_ADMIN_URL"] ?? process.env["TOLL_TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";
    return benchIngest(texts, pgUrl);
  },
};

const hostileSection: BenchSection = {
  name: "hostile",
  description: "issue 14: time growth per ×10 of input size of each hostile input family (extraction and HTML; target ≤ 15)",
  async run(): Promise<Row[]> {
    const { benchHostile } = await import("./lib/hostile-bench.ts");
    return benchHostile((line) => process.stderr.write(line + "\n"));
  },
};

const ingestJsonlSection: BenchSection = {
  name: "ingest-jsonl",
  description: "1,000 GVA dev articles from JSONL into a new store, places and reconciliation on: pipeline vs one article per transaction",
  async run(): Promise<Row[]> {
    if (!existsSync(evalDir())) skip(`no dev data at ${evalDir()}`);
    const gva = listDataFiles(evalDir()).find((f) => /gva/i.test(path.basename(f)));
    if (!gva) skip("no GVA dev file");
    const records = loadDataFile(gva).records.filter((r) => r.text !== "").slice(0, 1000);
    const { benchIngestJsonl } = await import("./lib/ingest-bench.ts");
    const pgUrl = process.env["TOLL_BENCH_PG_ADMIN_URL"] ?? process.env["TOLL_TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";
    return benchIngestJsonl(records, pgUrl);
  },
};

const SECTIONS: BenchSection[] = [extractSection, hostileSection, ingestJsonlSection, ingestSection, queriesSection, queriesPgSection, reconcileSection, apiSection, queueSection];

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (args.help) {
    process.stdout.write(
      `usage: npm run bench -- [--only NAME] [--mb N] [--claims N] [--json]\nsections: ${SECTIONS.map((s) => s.name).join(", ")}\n`,
    );
    return;
  }
  if (args.worker) {
    const kind = args.worker as PassKind;
    if (!["extract", "extract-places", "wink", "regex"].includes(kind)) throw new Error(`unknown worker ${kind}`);
    await worker(kind);
    return;
  }
  const sections = args.only ? SECTIONS.filter((s) => s.name === args.only) : SECTIONS;
  if (sections.length === 0) {
    process.stderr.write(
      `bench: no section "${args.only}" (have: ${SECTIONS.map((s) => s.name).join(", ")})\n`,
    );
    process.exitCode = 2;
    return;
  }
  const log = args.json ? () => {} : (s: string) => process.stderr.write(`${s}\n`);
  const results = await runSections(sections, log);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ results, summary: lastSummary || null }, null, 2)}\n`);
  } else {
    process.stdout.write(`\n${formatResults(results)}`);
    if (lastSummary) process.stdout.write(`${lastSummary}\n`);
  }
  if (results.some((r) => r.status === "failed")) process.exitCode = 1;
}

await main();
