// End-to-end: the built dashboard in Debian's Chromium (playwright-core, never a downloaded browser). Logs in,
// filters the table, opens an incident and an article, corrects a claim and finds it in the audit trail, and
// checks that a hostile article stays inert text. Screenshots of each main view go to test-artifacts/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { serve } from "@hono/node-server";
import type { ServerType } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { runIngest } from "../cli/commands/ingest.ts";
import { openStore } from "../store/index.ts";
import type { Store } from "../store/types.ts";
import { createApp } from "./app.ts";
import { hashPassword } from "./auth.ts";

const CHROMIUM = process.env["TOLL_CHROMIUM"] ?? "/usr/bin/chromium";
const root = path.resolve(import.meta.dirname, "../..");
const artifacts = path.join(root, "test-artifacts");
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;

const HOSTILE = [
  'Bomb kills 12 in <script>window.__pwned = 1; alert("x")</script> Hostileville',
  "",
  'At least 12 people were killed on Monday when a bomb exploded in a market in <img src=x onerror="window.__pwned = 2">Hostileville, police said. <a href="javascript:window.__pwned=3">Read more</a> <b onmouseover="window.__pwned=4">hover</b>',
].join("\n");

describe("dashboard in Chromium", { skip }, () => {
  let dir: string;
  let store: Store;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    if (!existsSync(path.join(root, "web/dist/index.html"))) {
      const { build } = await import("vite");
      await build({ configFile: path.join(root, "web/vite.config.ts"), logLevel: "warn" });
    }
    mkdirSync(artifacts, { recursive: true });
    dir = mkdtempSync(path.join(tmpdir(), "toll-e2e-"));
    const db = path.join(dir, "e2e.db");
    const hostile = path.join(dir, "hostile.txt");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(hostile, HOSTILE);
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    await runIngest(
      [path.join(root, "examples/mosul-2017-03-25.txt"), path.join(root, "examples/illustrative-reports.jsonl"), hostile],
      { db, quiet: true },
      { out: sink, err: sink, isTTY: false },
    );
    store = await openStore(db);
    const t = await createApp({ store, public: false, webDist: path.join(root, "web/dist"), log: (l) => errors.push(l) });
    await t.reviews.addUser("ann", "analyst", await hashPassword("ann-password"), "test");
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}`);
    });
    page.on("dialog", (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("logs in and shows the incidents table, timeline and map", async () => {
    await page.goto(base);
    await page.getByLabel("Name").fill("ann");
    await page.getByLabel("Password").fill("ann-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForSelector("table.incidents tbody tr");
    // Incident markers: clusters with counts or single markers (the country outlines are SVG paths).
    await page.waitForSelector(".map .cluster, .map .incident-marker");
    await page.waitForSelector(".timeline canvas");
    assert.ok((await page.locator("table.incidents tbody tr").count()) >= 3);
    assert.ok((await page.locator(".badge.illustrative").count()) > 0, "illustrative badge shown");
    await page.screenshot({ path: path.join(artifacts, "incidents.png"), fullPage: true });
  });

  it("filters the table", async () => {
    const before = await page.locator("table.incidents tbody tr").count();
    await page.getByLabel("Grade").selectOption("corroborated");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForFunction((n) => document.querySelectorAll("table.incidents tbody tr").length < n, before);
    const grades = await page.locator("table.incidents tbody .grade").allTextContents();
    assert.ok(grades.length > 0 && grades.every((g) => g === "corroborated"), grades.join());
    await page.screenshot({ path: path.join(artifacts, "incidents-filtered.png"), fullPage: true });
  });

  it("opens an incident, then an article with its claims highlighted", async () => {
    await page.locator("table.incidents tbody tr a").first().click();
    await page.waitForSelector("#incident-h");
    await page.waitForSelector("pre.explanation");
    await page.screenshot({ path: path.join(artifacts, "incident.png"), fullPage: true });
    await page.locator("ul.sources a").first().click();
    await page.waitForSelector(".text mark.hl");
    assert.ok((await page.locator(".text mark.hl").count()) > 0);
    await page.screenshot({ path: path.join(artifacts, "article.png"), fullPage: true });
  });

  it("the seed article flags the figures the machine is unsure of; correcting a claim shows in its audit trail", async () => {
    const articles = (await (await page.request.get(`${base}/api/articles?q=Mousawi`)).json()) as { items: { id: number }[] };
    const seed = articles.items[0];
    assert.ok(seed);
    await page.goto(`${base}/#/article/${seed.id}`);
    await page.waitForSelector(".text mark.hl");
    assert.ok((await page.locator(".text mark.hl.unsure").count()) > 0, "hedged figures stand out");
    const card = page.locator("article.claim").filter({ hasText: "237" }).first();
    await card.getByRole("button", { name: "Correct" }).click();
    await card.getByLabel("low", { exact: true }).fill("200");
    await card.getByLabel("note").fill("other reports say at least 200");
    await card.getByRole("button", { name: "Save correction" }).click();
    await card.locator(".audit li").filter({ hasText: "claim.correct" }).waitFor();
    assert.match(await card.locator("dd.corrected").first().innerText(), /200.*machine: 237/);
    await page.screenshot({ path: path.join(artifacts, "article-corrected.png"), fullPage: true });
  });

  it("the review queue moves with j/k and confirms with c", async () => {
    await page.goto(`${base}/#/review`);
    await page.waitForSelector(".queue li.active");
    const first = await page.locator(".queue li.active").innerText();
    await page.keyboard.press("j");
    assert.notEqual(await page.locator(".queue li.active").innerText(), first);
    const countText = async () => (await page.locator("#queue-h + p").innerText()).match(/^(\d+)/)?.[1];
    const n = await countText();
    await page.keyboard.press("c");
    await page.waitForFunction((prev) => !document.querySelector("#queue-h + p")?.textContent?.startsWith(`${prev} `), n);
    await page.screenshot({ path: path.join(artifacts, "review-queue.png"), fullPage: true });
  });

  it("a hostile article shows as inert text", async () => {
    const found = (await (await page.request.get(`${base}/api/articles?q=Hostileville`)).json()) as { items: { id: number }[] };
    const a = found.items[0];
    assert.ok(a);
    await page.goto(`${base}/#/article/${a.id}`);
    await page.waitForSelector(".article-view .text");
    const text = await page.locator(".article-view .text").innerText();
    assert.match(text, /<script>window.__pwned/);
    assert.match(text, /href="javascript:/);
    assert.equal(await page.locator(".article-view .text script, .article-view .text img, .article-view .text a, .article-view h1 script").count(), 0);
    await page.locator(".article-view .text").hover();
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await page.screenshot({ path: path.join(artifacts, "hostile-article.png"), fullPage: true });
    assert.deepEqual(errors, [], "no page errors, console errors, dialogs or server errors");
  });
});
