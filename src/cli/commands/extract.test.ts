import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../../..");
const seed = resolve(root, "../shared/seed/mosul-2017-03-25.txt");

function toll(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(root, "bin/toll.js"), ...args], { input, encoding: "utf8", cwd: root });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("toll extract --format json reads the seed article", { skip: !existsSync(seed) && "seed not present" }, () => {
  const r = toll(["extract", seed, "--format", "json", "--no-gazetteer"]);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.match(doc.article.published, /^2017-03-25/);
  assert.equal(doc.article.title, "4,000 Iraq civilians killed in west Mosul offensive");
  const values = doc.claims.map((c: { value: number }) => c.value).sort((a: number, b: number) => a - b);
  assert.deepEqual(values, [43, 80, 237, 3864, 4000, 10000, 22000]);
  for (const c of doc.claims) assert.ok("period" in c && "location" in c && "perpetrator" in c, "context fields present");
  assert.equal(doc.totals.killed.best, 280);
});

test("HTML input: page furniture stripped, title and date from the page", () => {
  const dir = mkdtempSync(join(tmpdir(), "toll-extract-"));
  const file = join(dir, "page.html");
  writeFileSync(
    file,
    `<!doctype html><html><head><title>Blast kills 12 in market</title><meta property="article:published_time" content="2021-06-02T10:00:00Z"></head>
     <body><nav>Home | World | 3 sections</nav><article><h1>Blast kills 12 in market</h1>
     <p>At least 12 people were killed and 30 others wounded when a car bomb exploded in a crowded market on Tuesday, officials said.</p>
     <p>Rescue workers searched the rubble for survivors through the night, and hospitals appealed for blood donors.</p></article>
     <footer>Share this story</footer><script>var x = "5 people were killed";</script></body></html>`,
  );
  const r = toll(["extract", file, "--format", "json", "--no-gazetteer"]);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.article.title, "Blast kills 12 in market");
  assert.match(doc.article.published, /^2021-06-02/);
  assert.equal(doc.totals.killed.best, 12);
  assert.equal(doc.totals.injured.best, 30);
  assert.ok(!doc.article.text.includes("var x"), "script text never enters the article");
});

test("--jsonl: one output line per input line, in order; a bad record does not stop the batch", () => {
  const input = [
    JSON.stringify({ id: "a", text: "Three people were killed and four injured in the attack.", published: "2020-05-09" }),
    "{not json",
    JSON.stringify({ id: "c", text: 42 }),
    JSON.stringify({ id: "d", text: "No one was hurt." }),
  ].join("\n");
  const r = toll(["extract", "--jsonl", "-", "--no-gazetteer"], input);
  assert.equal(r.status, 1, "exit status reports the failed records");
  const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  assert.equal(lines[0].id, "a");
  assert.equal(lines[0].totals.killed.best, 3);
  assert.equal(lines[0].totals.injured.best, 4);
  assert.match(lines[1].error.message, /line 2/);
  assert.equal(lines[2].id, "c");
  assert.match(lines[2].error.message, /text/);
  assert.equal(lines[3].totals.injured.best, 0);
});

test("a missing file is a clear error, and the others are still read", () => {
  const dir = mkdtempSync(join(tmpdir(), "toll-extract-"));
  const ok = join(dir, "ok.txt");
  writeFileSync(ok, "Two soldiers were killed.");
  const r = toll(["extract", join(dir, "missing.txt"), ok, "--format", "json", "--no-gazetteer"]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /missing\.txt/);
  const docs = JSON.parse(r.stdout);
  assert.equal(docs.length, 1);
  assert.equal(docs[0].totals.killed.best, 2);
});
