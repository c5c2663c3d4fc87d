// End-to-end: the built dashboard in Debian's Chromium (playwright-core, never a downloaded browser). Logs in,
// filters the table, opens an incident and an article, corrects a claim and finds it in the audit trail, and
// checks that a hostile article stays inert text. Screenshots of each main view go to test-artifacts/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { serve } from "@hono/node-server";
import type { ServerType } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { ingestSources } from "../pipeline/index.ts";
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
    store = await openStore(db);
    await ingestSources(store, [path.join(root, "examples/mosul-2017-03-25.txt"), path.join(root, "examples/illustrative-reports.jsonl"), hostile], { threads: 0 });
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

  /** Errors the browser logs for answers a test asked for (a 409 of a stale write, a 404 of a mistyped id). */
  const expectedHttpErrors = (...statuses: number[]) => {
    const re = new RegExp(`status of (?:${statuses.join("|")})\\b`);
    for (let i = errors.length - 1; i >= 0; i--) if (re.test(errors[i] ?? "")) errors.splice(i, 1);
  };

  /** axe-core run in the page on one part of it (evaluate is not subject to the page's CSP). */
  const axe = async (selector: string) => {
    const { readFileSync } = await import("node:fs");
    const { createRequire } = await import("node:module");
    const src = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    await page.evaluate(src);
    const violations = await page.evaluate(async (sel) => {
      const r = await (window as unknown as { axe: { run(ctx: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run({ include: [sel] });
      return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    }, selector);
    assert.deepEqual(violations, [], `axe on ${selector}`);
  };

  /** The seed article and its "43 civilians … killed" claim (the one these tests correct). */
  const seedClaim = async () => {
    const articles = (await (await page.request.get(`${base}/api/articles?q=Mousawi`)).json()) as { items: { id: number }[] };
    const seed = articles.items[0]!;
    const a = (await (await page.request.get(`${base}/api/articles/${seed.id}`)).json()) as { claims: { id: number; value: number; metric: string }[] };
    const c = a.claims.find((x) => x.value === 43 && x.metric === "killed");
    assert.ok(c, "the seed's 43 killed");
    return { article: seed.id, id: c.id };
  };

  it("two corrections of different fields both survive a reload and a confirm; undo restores the machine's value", async () => {
    const seed = await seedClaim();
    const claimIn = async () => {
      await page.goto(`${base}/#/article/${seed.article}`);
      await page.reload();
      await page.waitForSelector(".text mark.hl");
      return page.locator(`#claim-${seed.id}`);
    };
    let card = await claimIn();
    const machineVictims = (await card.locator("dt:text-is('victims') + dd").innerText()).trim();
    const victims = machineVictims === "children" ? "women" : "children";
    // `e`-free path first: the Correct button opens the form with focus inside it; Esc closes it.
    await card.getByRole("button", { name: "Correct", exact: true }).click();
    await page.waitForFunction(() => Boolean(document.activeElement?.closest("form.review-form")), undefined, { timeout: 3000 });
    await axe("form.review-form");
    await page.keyboard.press("Escape");
    await card.locator("form.review-form").waitFor({ state: "detached" });
    // First correction: victims, from the fixed vocabulary.
    await card.getByRole("button", { name: "Correct", exact: true }).click();
    await card.locator("select[name=victims]").selectOption(victims);
    await card.getByRole("button", { name: "Save correction" }).click();
    await card.locator("form.review-form").waitFor({ state: "detached" });
    // Second correction: another field; a non-number is refused with a human message first.
    await card.getByRole("button", { name: "Correct", exact: true }).click();
    await card.getByLabel("value", { exact: true }).fill("forty");
    await card.getByRole("button", { name: "Save correction" }).click();
    assert.match(await card.locator("form [role=alert]").innerText(), /value: enter a whole number of people/);
    await card.getByLabel("value", { exact: true }).fill("43");
    await card.getByLabel("high", { exact: true }).fill("45");
    await card.getByLabel("source", { exact: true }).fill("Iraqi army officer (analyst)");
    await card.getByRole("button", { name: "Save correction" }).click();
    await card.locator("form.review-form").waitFor({ state: "detached", timeout: 3000 }).catch(async (e: Error) => {
      throw new Error(`${e.message}: ${await card.locator("form [role=alert]").innerText()}`);
    });

    card = await claimIn();
    const dd = (f: string) => card.locator(`dt:text-is('${f}') + dd`);
    assert.match(await dd("victims").innerText(), new RegExp(`^${victims}.*machine: ${machineVictims}`));
    assert.match(await dd("source").innerText(), /^Iraqi army officer \(analyst\)/);
    await card.getByRole("button", { name: "Confirm" }).click();
    await card.locator(".badge.confirmed").waitFor();
    card = await claimIn();
    await card.locator(".badge.confirmed").waitFor();
    assert.match(await dd("victims").innerText(), new RegExp(`^${victims}`), "confirm kept the first correction");
    assert.match(await dd("source").innerText(), /^Iraqi army officer/, "confirm kept the second correction");

    // Undo restores the machine's value of that field only.
    await card.getByRole("button", { name: "Undo correction of victims" }).click();
    await dd("victims").filter({ hasNotText: "machine:" }).waitFor();
    assert.equal((await dd("victims").innerText()).trim(), machineVictims);
    assert.match(await dd("source").innerText(), /^Iraqi army officer/);

    // The card's trail: each step with before → after.
    const trail = card.locator(".audit li");
    await trail.filter({ hasText: "undid a correction of" }).waitFor();
    const text = (await trail.allInnerTexts()).join("\n");
    assert.match(text, new RegExp(`victims: ${machineVictims} → ${victims}`), "the machine's value is the first before");
    assert.match(text, /source: .* → Iraqi army officer \(analyst\)/);
    assert.match(text, /status: corrected → confirmed/);
    assert.match(text, new RegExp(`victims: ${victims} → ${machineVictims}`));
    await page.screenshot({ path: path.join(artifacts, "claim-corrections.png"), fullPage: true });
  });

  it("a stale second writer sees the other's change (409) and keeps their own edit", async () => {
    const { article, id } = await seedClaim();
    await page.goto(`${base}/#/article/${article}`);
    await page.reload();
    await page.waitForSelector(".text mark.hl");
    const card = page.locator(`#claim-${id}`);
    await card.getByRole("button", { name: "Correct", exact: true }).click();
    await card.getByLabel("method", { exact: true }).fill("airstrike (analyst A)");
    // Meanwhile someone else saves the claim (same account here; another tab or analyst alike).
    const me = (await (await page.request.get(`${base}/api/me`)).json()) as { csrf: string };
    const now = (await (await page.request.get(`${base}/api/claims/${id}`)).json()) as { version: number };
    const other = await page.request.post(`${base}/api/claims/${id}/review`, {
      headers: { "x-csrf-token": me.csrf, origin: base },
      data: { action: "correct", corrections: { perpetrator: "US-led coalition (analyst B)" }, version: now.version },
    });
    assert.equal(other.status(), 200, await other.text());
    await card.getByRole("button", { name: "Save correction" }).click();
    const alert = card.locator("form [role=alert]");
    await alert.waitFor();
    assert.match(await alert.innerText(), /was changed by ann/);
    assert.match(await alert.innerText(), /perpetrator .* → US-led coalition \(analyst B\)/);
    assert.equal(await card.getByLabel("method", { exact: true }).inputValue(), "airstrike (analyst A)", "own edit kept");
    assert.equal(await card.getByLabel("perpetrator", { exact: true }).inputValue(), "US-led coalition (analyst B)", "their change shown");
    await page.screenshot({ path: path.join(artifacts, "claim-conflict.png"), fullPage: true });
    await card.getByRole("button", { name: "Save correction" }).click();
    await card.locator("form.review-form").waitFor({ state: "detached" });
    const saved = (await (await page.request.get(`${base}/api/claims/${id}`)).json()) as { method: string; perpetrator: string };
    assert.equal(saved.method, "airstrike (analyst A)");
    assert.equal(saved.perpetrator, "US-led coalition (analyst B)", "neither write lost");
    expectedHttpErrors(409);
  });

  it("the audit page shows who, when, before → after, and links to the record", async () => {
    await page.goto(`${base}/#/audit`);
    await page.waitForSelector(".audit.global li");
    const first = page.locator(".audit.global li").filter({ hasText: "method:" }).first();
    const entry = await first.innerText();
    assert.match(entry, /^\S+ \S+ ann corrected claim \d+ /);
    assert.match(entry, /method: \S+ → airstrike \(analyst A\)/);
    await axe(".audit.global");
    await page.screenshot({ path: path.join(artifacts, "audit.png"), fullPage: true });
    await first.locator('a[href^="#/claim/"]').click();
    await page.waitForSelector("#claim-h");
    assert.match(await page.locator("article.claim dt:text-is('method') + dd").innerText(), /airstrike \(analyst A\)/);
  });

  it("merge asks first and refuses an unknown id in place; split links the new incident", async () => {
    const list = (await (await page.request.get(`${base}/api/incidents?limit=100&sort=claims`)).json()) as { items: { id: string; claims: number }[] };
    const [a, b] = list.items;
    assert.ok(a && b);
    await page.goto(`${base}/#/incident/${a.id}`);
    await page.waitForSelector("#incident-h");
    await page.getByLabel("Merge incident").fill("inc_doesnotexist1");
    await page.getByRole("button", { name: "Merge into this…" }).click();
    await page.locator(".incident-actions ~ [role=alert]").filter({ hasText: "No incident inc_doesnotexist1" }).waitFor();
    assert.equal(await page.locator("#incident-h").count(), 1, "the incident page stays");
    await page.getByLabel("Merge incident").fill("not an id");
    await page.getByRole("button", { name: "Merge into this…" }).click();
    await page.locator("[role=alert]").filter({ hasText: "is not an incident id" }).waitFor();
    await page.getByLabel("Merge incident").fill(b.id);
    await page.getByRole("button", { name: "Merge into this…" }).click();
    await page.locator(".confirm-merge").waitFor();
    await axe(".incident-actions");
    assert.equal((await (await page.request.get(`${base}/api/incidents/${b.id}`)).json() as { id: string }).id, b.id, "nothing merged before the confirmation");
    await page.getByRole("button", { name: `Yes, merge ${b.id}` }).click();
    await page.locator("[role=status]").filter({ hasText: `Merged ${b.id}` }).waitFor();
    // Split the first selected claim out: the message links the new incident.
    await page.locator('input[type=checkbox][aria-label^="Select claim"]').first().check();
    await page.getByRole("button", { name: /Split selected claims out/ }).click();
    const done = page.locator("[role=status]").filter({ hasText: "moved to the new incident" });
    await done.waitFor();
    const link = done.locator('a[href^="#/incident/"]');
    const newId = (await link.innerText()).trim();
    assert.match(newId, /^inc_/);
    await page.screenshot({ path: path.join(artifacts, "incident-split.png"), fullPage: true });
    await link.click();
    await page.waitForFunction((id) => document.querySelector(".meta code")?.textContent === id, newId);
    await page.locator(".audit li").filter({ hasText: "created by a split" }).waitFor();
    expectedHttpErrors(404);
  });

  it("the review queue moves with j/k and confirms with c", async () => {
    await page.goto(`${base}/#/review`);
    await page.waitForSelector(".queue li.active");
    const first = await page.locator(".queue li.active").innerText();
    await page.keyboard.press("j");
    assert.notEqual(await page.locator(".queue li.active").innerText(), first);
    // Each item says where it was read and what kind of figure it is.
    assert.match(await page.locator(".queue li.active .source-line").innerText(), /— .+, (?:\d{4}-\d\d-\d\d|undated)/);
    assert.match(await page.locator(".queue li.active").innerText(), /one incident|running total/);
    // `e` opens the correction form with focus inside it; Esc closes it and the keys work again.
    await page.keyboard.press("e");
    await page.locator("form.review-form").waitFor();
    await page.waitForFunction(() => Boolean(document.activeElement?.closest("form.review-form")), undefined, { timeout: 3000 });
    await page.keyboard.press("Escape");
    await page.locator("form.review-form").waitFor({ state: "detached" });
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
