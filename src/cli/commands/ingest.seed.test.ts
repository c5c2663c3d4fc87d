// The acceptance test for ingestion: the seed article as text, as an HTML page, inside an RSS feed and
// inside a WARC file is each stored once with its seven claims; a second run adds nothing; the three export
// formats carry the claims; and a kill in the middle of an ingest leaves a consistent store that a re-run completes.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import Database from "better-sqlite3";
import { buildWarc, withTempDir } from "../../ingest/test-helpers.ts";
import { openStore } from "../../store/index.ts";
import { runIngest, type IngestIo } from "./ingest.ts";

const root = resolve(import.meta.dirname, "../../..");
const seedPath = resolve(root, "../shared/seed/mosul-2017-03-25.txt");
const haveSeed = existsSync(seedPath);

function quietIo(): IngestIo {
  return { out: new PassThrough(), err: new PassThrough(), isTTY: false };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The seed as four kinds of input, each in its own folder. */
async function seedInputs(dir: string): Promise<Record<string, string>> {
  const text = readFileSync(seedPath, "utf8");
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const title = "4,000 Iraq civilians killed in west Mosul offensive";
  const bodyStart = lines.findIndex((l) => l.startsWith("As many as 3,864"));
  const paragraphs = lines.slice(bodyStart).filter((l) => !l.startsWith("Read:") && !l.startsWith("UN: Size"));
  const articleHtml = paragraphs.map((p) => `<p>${esc(p)}</p>`).join("\n");
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)} – Middle East Monitor</title>
<meta property="og:site_name" content="Middle East Monitor"><meta property="article:published_time" content="2017-03-25T11:22:00+00:00">
<link rel="canonical" href="https://www.middleeastmonitor.com/20170325-4000-iraq-civilians-killed-in-west-mosul-offensive/"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav><article><h1>${esc(title)}</h1>${articleHtml}</article>
<aside>Read: Civilians bear brunt of US, Iraq assault on Mosul</aside><footer>Share on Facebook</footer></body></html>`;
  const feed = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Middle East Monitor</title><link>https://www.middleeastmonitor.com/</link>
<item><title>${esc(title)}</title><link>https://www.middleeastmonitor.com/20170325-4000-iraq-civilians-killed-in-west-mosul-offensive/</link>
<pubDate>Sat, 25 Mar 2017 11:22:00 +0000</pubDate><content:encoded><![CDATA[${articleHtml}]]></content:encoded></item></channel></rss>`;
  const warc = Buffer.concat(
    await buildWarc(
      [
        { type: "warcinfo", url: "", body: "" },
        { type: "response", url: "https://www.middleeastmonitor.com/20170325-4000-iraq-civilians-killed-in-west-mosul-offensive/", body: page },
      ],
      true,
    ),
  );
  const dirs: Record<string, string> = {};
  for (const [kind, name, content] of [
    ["text", "mosul.txt", text],
    ["html", "mosul.html", page],
    ["rss", "feed.xml", feed],
    ["warc", "crawl.warc.gz", warc],
  ] as const) {
    const d = join(dir, kind);
    await mkdir(d, { recursive: true });
    await writeFile(join(d, name), content);
    dirs[kind] = d;
  }
  return dirs;
}

describe("the seed article through every reader", { skip: !haveSeed && "../shared/seed is not present" }, () => {
  test("text, HTML, RSS and WARC: stored once with seven claims; a second run adds nothing; exports carry them", { timeout: 180_000 }, async () => {
    await withTempDir(async (dir) => {
      const inputs = await seedInputs(dir);
      for (const [kind, folder] of Object.entries(inputs)) {
        const db = join(dir, `${kind}.db`);
        const first = await runIngest([folder], { db, quiet: true, gazetteer: false, reconcile: false }, quietIo());
        assert.equal(first.errors, 0, `${kind}: no errors`);
        assert.equal(first.inserted, 1, `${kind}: one article stored`);
        assert.equal(first.claims, 7, `${kind}: seven claims`);
        const second = await runIngest([folder], { db, quiet: true, gazetteer: false, reconcile: false }, quietIo());
        assert.equal(second.inserted, 0, `${kind}: the second run stores nothing new`);
        assert.equal(second.duplicates, 1, `${kind}: the second run sees a duplicate`);

        const store = await openStore(db);
        try {
          const counts = await store.counts();
          assert.deepEqual([counts.articles, counts.claims], [1, 7], `${kind}: counts`);
          const values = (await store.listClaims({ limit: 100 })).items.map((c) => c.value).sort((a, b) => a - b);
          assert.deepEqual(values, [43, 80, 237, 3864, 4000, 10000, 22000], `${kind}: the seven figures`);
          const articles = await store.listArticles({});
          const article = articles.items[0]!;
          assert.match(article.published ?? "", /^2017-03-25/, `${kind}: publication date`);
        } finally {
          await store.close();
        }
      }
      // Exports of the HTML store, through the CLI.
      const db = join(dir, "html.db");
      for (const format of ["csv", "json", "geojson"]) {
        const out = join(dir, `export.${format}`);
        const r = await run(["export", "--format", format, "--out", out, "--db", db]);
        assert.equal(r.code, 0, r.stderr);
        const body = readFileSync(out, "utf8");
        if (format === "csv") {
          const rows = body.replace(/^\uFEFF/, "").trim().split(/\r\n/);
          assert.equal(rows.length, 8, "header + 7 claims");
          assert.match(rows[0]!, /title/);
          assert.ok(rows.some((r) => r.includes("237")));
        } else if (format === "json") {
          const doc = JSON.parse(body) as Array<{ value: number; evidence_sentence?: string; title?: string }>;
          assert.equal(doc.length, 7);
        } else {
          const geo = JSON.parse(body) as { type: string; features: unknown[] };
          assert.equal(geo.type, "FeatureCollection");
        }
      }
    });
  });
});

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, "bin/toll.js"), ...args], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => done({ code, stderr }));
  });
}

describe("a kill in the middle of an ingest", () => {
  test("SIGKILL mid-run leaves every stored article whole, and a re-run completes the batch", { timeout: 240_000 }, async () => {
    await withTempDir(async (dir) => {
      const n = 400;
      const lines: string[] = [];
      for (let i = 0; i < n; i++) {
        lines.push(JSON.stringify({
          id: `r${i}`,
          text: `Report ${i}. At least ${i + 2} people were killed and ${i + 3} others wounded when a car bomb exploded in a market on Monday, police said. Officials said ${i % 7} of the wounded were children.`,
          published: "2020-05-11",
        }));
      }
      const input = join(dir, "batch.jsonl");
      await writeFile(input, lines.join("\n"));
      const db = join(dir, "kill.db");
      const child = spawn(process.execPath, [join(root, "bin/toll.js"), "ingest", input, "--db", db, "--no-gazetteer", "-q"], {
        cwd: root,
        stdio: "ignore",
      });
      // Wait until some articles are in, then kill without warning.
      const started = Date.now();
      let stored = 0;
      while (Date.now() - started < 120_000) {
        await new Promise((r) => setTimeout(r, 100));
        if (!existsSync(db)) continue;
        try {
          const conn = new Database(db, { readonly: true, fileMustExist: true });
          try {
            stored = (conn.prepare("select count(*) as n from articles").get() as { n: number }).n;
          } finally {
            conn.close();
          }
        } catch {
          continue; // tables not created yet
        }
        if (stored >= 20) break;
      }
      child.kill("SIGKILL");
      await new Promise((r) => child.once("close", r));
      assert.ok(stored >= 20, "the ingest was running when it was killed");

      const check = () => {
        const conn = new Database(db, { readonly: true });
        try {
          const articles = (conn.prepare("select count(*) as n from articles").get() as { n: number }).n;
          // Each stored article carries the claims of its extraction: none is half-written.
          const rows = conn.prepare("select a.id, a.extraction, (select count(*) from claims c where c.article_id = a.id) as claims from articles a").all() as Array<{ id: number; extraction: string; claims: number }>;
          for (const r of rows) {
            const extraction = JSON.parse(r.extraction) as { claims?: unknown[] };
            if (extraction.claims) assert.equal(r.claims, extraction.claims.length, `article ${r.id} is whole`);
            else assert.ok(r.claims > 0, `article ${r.id} has its claims`);
          }
          return articles;
        } finally {
          conn.close();
        }
      };
      const afterKill = check();
      assert.ok(afterKill < n, "the kill interrupted the batch");

      const rerun = await runIngest([input], { db, quiet: true, gazetteer: false }, quietIo());
      assert.equal(rerun.errors, 0);
      assert.equal(rerun.inserted + rerun.duplicates, n);
      assert.equal(check(), n, "the re-run completed the batch, each article once");
    });
  });
});
