// End-to-end in Debian's Chromium (playwright-core, never a downloaded browser): the researcher's views of issue 16.
// One filter in the address narrows table, timeline and map alike and survives Back; dates are calendar dates in
// any time zone; an invalid filter empties every view beside its error; the totals view shows the seed's incidents
// beside its 3,864 running total; the export button downloads the filtered incidents; Enter opens a map marker; a
// phone-width page does not scroll sideways; the admin upload form adds an article; axe-core finds no violations.
// Screenshots go to test-artifacts/.
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { serve } from "@hono/node-server";
import type { ServerType } from "@hono/node-server";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { runIngest } from "../cli/commands/ingest.ts";
import { openStore } from "../store/index.ts";
import type { Store } from "../store/types.ts";
import { createApp } from "./app.ts";
import { hashPassword } from "./auth.ts";

const CHROMIUM = process.env["TOLL_CHROMIUM"] ?? "/usr/bin/chromium";
const root = path.resolve(import.meta.dirname, "../..");
const artifacts = path.join(root, "test-artifacts");
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const INCIDENT_COLUMNS =
  "id,date_start,date_end,date_prec,country,place,latitude,longitude,where_prec,killed_low,killed_best,killed_high,injured_low,injured_best,injured_high,perpetrator,method,grade,sources,claims,review_status,url";

/** The newest modification time under a directory (to rebuild a stale web/dist). */
function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

interface Summary {
  id: string;
  lat: number | null;
  date: { start: string } | null;
  country: string | null;
  grade: string;
}

describe("the researcher's dashboard in Chromium", { skip }, () => {
  let dir: string;
  let store: Store;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let refresh: () => Promise<unknown>;
  let page: Page;
  const errors: string[] = [];

  const watch = (p: Page) => {
    p.setDefaultTimeout(10_000);
    p.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    p.on("console", (m) => {
      // The invalid-filter test provokes 400s on purpose; the browser logs each failed fetch.
      if (m.type() === "error" && !/status of 400/.test(m.text())) errors.push(`console: ${m.text()}`);
    });
  };
  const api = async <T>(p: string): Promise<T> => (await (await page.request.get(`${base}${p}`)).json()) as T;
  /** Incidents the map shows: the counts of its clusters plus its single markers. */
  const mapCount = (p: Page) =>
    p.evaluate(() => {
      let n = document.querySelectorAll(".map .incident-marker").length;
      for (const c of document.querySelectorAll(".map .cluster span")) n += Number(c.textContent);
      return n;
    });
  const axe = async (p: Page, what: string) => {
    // Runs through the DevTools protocol, so the page's CSP (no inline scripts) does not stop it.
    await p.evaluate(readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8"));
    const r = await p.evaluate(async () => {
      const res = await (
        window as unknown as {
          axe: { run: () => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> };
        }
      ).axe.run();
      return res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`);
    });
    assert.deepEqual(r, [], `axe on ${what}`);
  };

  before(async () => {
    const dist = path.join(root, "web/dist/index.html");
    if (
      !existsSync(dist) ||
      statSync(dist).mtimeMs <
        Math.max(newest(path.join(root, "web/src")), statSync(path.join(root, "web/vite.config.ts")).mtimeMs)
    ) {
      const { build } = await import("vite");
      await build({ configFile: path.join(root, "web/vite.config.ts"), logLevel: "warn" });
    }
    mkdirSync(artifacts, { recursive: true });
    dir = mkdtempSync(path.join(tmpdir(), "toll-dash-"));
    const db = path.join(dir, "dash.db");
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    await runIngest(
      [
        path.join(root, "examples/mosul-2017-03-25.txt"),
        path.join(root, "examples/illustrative-reports.jsonl"),
      ],
      { db, quiet: true },
      { out: sink, err: sink, isTTY: false },
    );
    store = await openStore(db);
    const t = await createApp({
      store,
      public: false,
      webDist: path.join(root, "web/dist"),
      log: (l) => errors.push(l),
    });
    refresh = () => t.refresh();
    await t.reviews.addUser("ada", "admin", await hashPassword("ada-password"), "test");
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    // A western time zone: the dates on screen must still be the calendar dates of the reports.
    context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      timezoneId: "America/Los_Angeles",
      acceptDownloads: true,
    });
    page = await context.newPage();
    watch(page);
    await page.goto(base);
    await page.getByLabel("Name").fill("ada");
    await page.getByLabel("Password").fill("ada-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForSelector("table.incidents tbody tr");
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a filter in the address narrows table, timeline and map alike, and survives Back", async () => {
    const all = await api<{ items: Summary[] }>("/api/incidents?limit=10000");
    const some = await api<{ items: Summary[]; total: number }>(
      "/api/incidents?limit=10000&grade=corroborated",
    );
    assert.ok(some.total > 0 && some.total < all.items.length, "the filter narrows");
    await page.goto(`${base}/#/?grade=corroborated`);
    await page.waitForFunction(
      (n) => document.querySelectorAll("table.incidents tbody tr").length === n,
      some.total,
    );
    assert.equal(await page.getByLabel("Grade").inputValue(), "corroborated");
    assert.match(await page.locator(".count").innerText(), new RegExp(`^${some.total} incidents`));
    // The timeline's table counts the same incidents, the map shows the same ones.
    const timelineCount = async () =>
      page.evaluate(() =>
        [...document.querySelectorAll(".timeline-table tbody tr td:nth-child(2)")].reduce(
          (n, td) => n + Number(td.textContent),
          0,
        ),
      );
    await page.waitForFunction(
      (n) => {
        let k = document.querySelectorAll(".map .incident-marker").length;
        for (const c of document.querySelectorAll(".map .cluster span")) k += Number(c.textContent);
        return k === n;
      },
      some.items.filter((s) => s.lat !== null).length,
    );
    assert.equal(await timelineCount(), some.items.filter((s) => s.date).length);
    await page.screenshot({ path: path.join(artifacts, "dash-filtered-url.png"), fullPage: true });

    // Applying a filter from the form writes it into the address; Back returns to the previous one.
    await page.getByLabel("From").fill("2017-03-20");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForFunction(() => location.hash.includes("from=2017-03-20"));
    const both = await api<{ total: number }>("/api/incidents?limit=1&grade=corroborated&from=2017-03-20");
    await page.waitForFunction(
      (n) => document.querySelectorAll("table.incidents tbody tr").length === n,
      both.total,
    );
    await page.goBack();
    await page.waitForFunction(() => location.hash === "#/?grade=corroborated");
    await page.waitForFunction(
      (n) => document.querySelectorAll("table.incidents tbody tr").length === n,
      some.total,
    );
    assert.equal(await page.getByLabel("From").inputValue(), "");

    // Sorting goes into the address too; open an incident, come Back: same filters, same order, same rows.
    await page.getByRole("button", { name: /^Killed/ }).click();
    await page.waitForFunction(() => location.hash.includes("sort=killed"));
    await page.waitForFunction(() =>
      document.querySelector('th[aria-sort="descending"]')?.textContent?.includes("Killed"),
    );
    const rowsBefore = await page.locator("table.incidents tbody tr").allInnerTexts();
    await page.locator("table.incidents tbody tr a").first().click();
    await page.waitForSelector("#incident-h");
    await page.goBack();
    await page.waitForFunction(
      (n) => document.querySelectorAll("table.incidents tbody tr").length === n,
      some.total,
    );
    assert.match(
      await page.evaluate(() => location.hash),
      /grade=corroborated.*sort=killed|sort=killed.*grade=corroborated/,
    );
    assert.deepEqual(await page.locator("table.incidents tbody tr").allInnerTexts(), rowsBefore);
    assert.equal(await page.getByLabel("Grade").inputValue(), "corroborated");
    assert.equal(await mapCount(page), some.items.filter((s) => s.lat !== null).length);
    await page.screenshot({ path: path.join(artifacts, "dash-back-restored.png"), fullPage: true });

    // Shared by its address: a fresh tab opened on it shows the same view.
    const other = await context.newPage();
    watch(other);
    await other.goto(page.url());
    await other.waitForFunction(
      (n) => document.querySelectorAll("table.incidents tbody tr").length === n,
      some.total,
    );
    assert.deepEqual(await other.locator("table.incidents tbody tr").allInnerTexts(), rowsBefore);
    await other.close();
  });

  it("dates are calendar dates in a western time zone; weeks have no time of day", async () => {
    assert.equal(
      await page.evaluate(() => new Date("2017-03-01T00:00:00Z").getDate()),
      28,
      "the browser is west of UTC",
    );
    await page.goto(`${base}/#/`);
    await page.waitForSelector(".timeline-table tbody tr", { state: "attached" });
    const months = await page.locator(".timeline-table tbody th").allTextContents();
    assert.deepEqual(months, ["2017-03"]);
    // uPlot's legend names the bucket under the cursor: hover the March point.
    const box = await page.locator(".timeline .u-over").boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.waitForFunction(
      () =>
        document.querySelector(".timeline .u-legend .u-series:first-child .u-value")?.textContent ===
        "2017-03",
    );
    await page.getByLabel("Timeline bucket").selectOption("week");
    await page.waitForFunction(() => location.hash.includes("by=week"));
    await page.waitForFunction(
      () => document.querySelector(".timeline-table th[scope=row]")?.textContent?.length === 10,
    );
    const weeks = await page.locator(".timeline-table tbody th").allTextContents();
    assert.ok(weeks.length >= 2, weeks.join());
    for (const w of weeks) {
      assert.match(w, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(new Date(`${w}T00:00:00Z`).getUTCDay(), 1, `${w} is a Monday`);
    }
    const text = await page.locator(".timeline-table").innerText();
    assert.doesNotMatch(text, /\d:\d\d|[ap]m\b|2017-02-28/i);
    await page.locator(".timeline-table summary").click();
    await page.screenshot({ path: path.join(artifacts, "dash-timeline-week-west.png"), fullPage: true });
  });

  it("an invalid filter empties table, count, timeline and map beside its error", async () => {
    await page.goto(`${base}/#/`);
    await page.waitForSelector("table.incidents tbody tr");
    await page.waitForSelector(".map .cluster, .map .incident-marker");
    await page.goto(`${base}/#/?from=2017-13`);
    await page.waitForSelector("p.error[role=alert]");
    assert.match(await page.locator("p.error[role=alert]").innerText(), /from/);
    await page.waitForFunction(() => document.querySelectorAll("table.incidents tbody tr").length === 0);
    assert.match(await page.locator(".count").innerText(), /invalid/);
    assert.equal(await mapCount(page), 0);
    assert.equal(await page.locator(".timeline-table tbody tr").count(), 0);
    await page.screenshot({ path: path.join(artifacts, "dash-invalid-filter.png"), fullPage: true });
  });

  it("the totals view shows the seed's incidents beside its 3,864 running total, with the evidence", async () => {
    await page.goto(`${base}/#/`);
    await page.locator("a", { hasText: "Totals for these filters" }).click();
    await page.waitForSelector("table.totals tbody tr");
    const march = page
      .locator("table.totals tbody tr")
      .filter({ has: page.locator("th", { hasText: "2017-03" }) });
    assert.equal(await march.count(), 1);
    const cells = await march.locator("td").allInnerTexts();
    assert.match(cells[4] ?? "", /^3,864/, cells.join(" | "));
    const api3 = await api<{ items: { key: string; incidents: { count: number; best: number } }[] }>(
      "/api/totals?by=month&metric=killed",
    );
    const row = api3.items.find((r) => r.key === "2017-03");
    assert.ok(row);
    assert.equal(cells[0], String(row.incidents.count));
    assert.equal(cells[2], row.incidents.best.toLocaleString("en-US"));
    // Each side links to its evidence: the incidents of the month, the report that gave the running total.
    const seedLink = march.locator(".evidence a").first();
    assert.match((await seedLink.getAttribute("href")) ?? "", /^#\/article\/\d+$/);
    await page.screenshot({ path: path.join(artifacts, "dash-totals.png"), fullPage: true });
    await axe(page, "totals");
    await march.locator("td a").first().click();
    await page.waitForFunction(
      () => location.hash.includes("from=2017-03") && location.hash.includes("to=2017-03"),
    );
    await page.waitForFunction(
      (n) => document.querySelectorAll("table.incidents tbody tr").length === n,
      row.incidents.count,
    );
    await page.goto(`${base}/#/totals?by=country`);
    await page.waitForFunction(() => document.querySelector("table.totals tbody th")?.textContent === "IQ");
  });

  it("the export button downloads the filtered incidents", async () => {
    await page.goto(`${base}/#/?grade=corroborated`);
    const some = await api<{ items: Summary[] }>("/api/incidents?limit=10000&grade=corroborated");
    await page.waitForFunction(
      (n) => document.querySelectorAll("table.incidents tbody tr").length === n,
      some.items.length,
    );
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "CSV" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "toll-incidents.csv");
    const file = path.join(dir, "download.csv");
    await download.saveAs(file);
    const lines = readFileSync(file, "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    assert.equal(lines[0], INCIDENT_COLUMNS);
    assert.deepEqual(
      lines
        .slice(1)
        .map((l) => JSON.parse(l.split(",")[0] ?? ""))
        .sort(),
      some.items.map((s) => s.id).sort(),
    );
    for (const l of lines.slice(1)) assert.match(l, /,"corroborated",/);
    const [geo] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "GeoJSON" }).click(),
    ]);
    const gfile = path.join(dir, "download.geojson");
    await geo.saveAs(gfile);
    assert.equal(
      (JSON.parse(readFileSync(gfile, "utf8")) as { features: unknown[] }).features.length,
      some.items.filter((s) => s.lat !== null).length,
    );
    await page.screenshot({ path: path.join(artifacts, "dash-export.png") });
  });

  it("the map clusters markers with counts, lists incidents of one place, and Enter opens one", async () => {
    await page.goto(`${base}/#/`);
    const cluster = page.locator(".map .cluster").first();
    await cluster.waitFor();
    const all = await api<{ items: Summary[] }>("/api/incidents?limit=10000");
    assert.equal(await mapCount(page), all.items.filter((s) => s.lat !== null).length);
    assert.equal(await cluster.getAttribute("role"), "button");
    await cluster.focus();
    await page.keyboard.press("Enter");
    // Every seed incident is in Mosul: they never come apart by zooming, so the cluster lists them.
    const first = page.locator(".leaflet-popup .stack a").first();
    await first.waitFor();
    await page.screenshot({ path: path.join(artifacts, "dash-map-stack.png"), fullPage: true });
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest(".stack") !== null),
      true,
      "focus moves into the list",
    );
    await page.keyboard.press("Enter");
    await page.waitForSelector("#incident-h");
    assert.match(page.url(), /#\/incident\/inc_/);
    // A single marker: Enter opens its incident.
    await page.goto(`${base}/#/?from=2017-03-26`);
    const marker = page.locator(".map .incident-marker").first();
    await marker.waitFor();
    await marker.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#incident-h");
  });

  it("the zoomed-out world has no line across it", async () => {
    await page.goto(`${base}/#/?from=2099`);
    await page.waitForSelector(".map .leaflet-overlay-pane path", { state: "attached" });
    // No outline runs (nearly) the whole width of the world: that is what a ring crossing ±180 drew.
    const widest = await page.evaluate(() => {
      const map = document.querySelector(".map")!.getBoundingClientRect();
      let w = 0;
      for (const p of document.querySelectorAll(".map .leaflet-overlay-pane path"))
        w = Math.max(w, (p as SVGPathElement).getBBox().width);
      return { w, worldPx: 256 * 2 ** 2, map: map.width };
    });
    assert.ok(widest.w < widest.worldPx * 0.6, JSON.stringify(widest));
    await page.screenshot({ path: path.join(artifacts, "dash-world.png") });
  });

  it("at 390 px wide no page scrolls sideways", async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      storageState: await context.storageState(),
      isMobile: true,
      hasTouch: true,
    });
    const p = await phone.newPage();
    watch(p);
    const first = (await api<{ items: Summary[] }>("/api/incidents?limit=1")).items[0];
    assert.ok(first);
    for (const [name, hash, ready] of [
      ["incidents", "#/", "table.incidents tbody tr"],
      ["totals", "#/totals", "table.totals tbody tr"],
      ["incident", `#/incident/${first.id}`, "#incident-h"],
      ["upload", "#/upload", "#upload-h"],
    ] as const) {
      await p.goto(`${base}/${hash}`);
      await p.waitForSelector(ready);
      await p.waitForTimeout(200);
      const { scroll, client } = await p.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      assert.ok(scroll <= client, `${name}: page is ${scroll} px wide in a ${client} px screen`);
      await p.screenshot({ path: path.join(artifacts, `dash-phone-${name}.png`), fullPage: true });
      await axe(p, `${name} at 390 px`);
    }
    await phone.close();
  });

  it("an admin adds an article from the upload form", async () => {
    await page.goto(`${base}/#/upload`);
    await axe(page, "upload");
    const file = path.join(dir, "report.txt");
    writeFileSync(
      file,
      "Gunmen kill 9 in Kandahar\n\nGunmen killed nine people in Kandahar, Afghanistan on 4 May 2017, police said.",
    );
    await page.getByLabel(/^File/).setInputFiles(file);
    await page.getByRole("button", { name: "Upload and extract" }).click();
    await page.waitForSelector(".result");
    assert.match(await page.locator(".result").innerText(), /1 new/);
    const found = await api<{ total: number }>("/api/incidents?limit=1&country=AF");
    assert.equal(found.total, 1);
    await page.screenshot({ path: path.join(artifacts, "dash-upload.png"), fullPage: true });
  });

  it("Back from an incident restores the loaded pages and the scroll position", async () => {
    // Enough incidents for a second page (50 a page): short reports written here, each its own place and day.
    const cities = [
      "Kabul",
      "Kandahar",
      "Herat",
      "Aleppo",
      "Homs",
      "Idlib",
      "Baghdad",
      "Basra",
      "Kirkuk",
      "Sanaa",
      "Aden",
      "Taiz",
    ];
    const lines = Array.from({ length: 60 }, (_, i) => {
      const city = cities[i % cities.length] ?? "Kabul";
      const day = new Date(Date.UTC(2018, 0, 1 + i * 3)).toISOString().slice(0, 10);
      return JSON.stringify({
        id: `gen-${i}`,
        outlet: "Test Wire",
        published: day,
        title: `Attack in ${city}`,
        text: `Gunmen killed ${i + 2} people in ${city} on ${day}, police said.`,
      });
    });
    // One report names only a country: its incident is drawn as a circle, not a point.
    lines.push(
      JSON.stringify({
        id: "gen-country",
        outlet: "Test Wire",
        published: "2019-06-02",
        title: "Attack in Somalia",
        text: "Gunmen killed 5 people in Somalia on 1 June 2019, officials said.",
      }),
    );
    const file = path.join(dir, "many.jsonl");
    writeFileSync(file, lines.join("\n"));
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    await runIngest(
      [file],
      { db: path.join(dir, "dash.db"), quiet: true },
      { out: sink, err: sink, isTTY: false },
    );
    await refresh();
    const total = (await api<{ total: number }>("/api/incidents?limit=1")).total;
    assert.ok(total > 50, `${total} incidents`);
    await page.goto(`${base}/#/?sort=place&order=asc`);
    await page.waitForFunction(() => document.querySelectorAll("table.incidents tbody tr").length === 50);
    await page.getByRole("button", { name: "More" }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll("table.incidents tbody tr").length === n,
      Math.min(total, 100),
    );
    assert.match(await page.evaluate(() => location.hash), /pages=2/);
    const rows = await page.locator("table.incidents tbody tr").allInnerTexts();
    const link = page.locator("table.incidents tbody tr a").nth(55);
    await link.scrollIntoViewIfNeeded();
    const y = await page.evaluate(() => window.scrollY);
    assert.ok(y > 500, `scrolled to ${y}`);
    await link.click();
    await page.waitForSelector("#incident-h");
    await page.goBack();
    await page.waitForFunction(
      (n) => document.querySelectorAll("table.incidents tbody tr").length === n,
      rows.length,
    );
    assert.deepEqual(await page.locator("table.incidents tbody tr").allInnerTexts(), rows);
    await page.waitForFunction((want) => Math.abs(window.scrollY - want) < 5, y);
    await page.screenshot({ path: path.join(artifacts, "dash-back-pages.png") });
    // The incident page's own link back leads to the same view.
    await page.locator("table.incidents tbody tr a").nth(3).click();
    await page.waitForSelector("#incident-h");
    await page.getByRole("link", { name: "← Incidents" }).click();
    await page.waitForFunction(() => /sort=place/.test(location.hash) && /pages=2/.test(location.hash));
    await page.waitForFunction(
      (n) => document.querySelectorAll("table.incidents tbody tr").length === n,
      rows.length,
    );
    // The many places spread the map out: clusters carry counts that add up to every located incident.
    const all = await api<{ items: Summary[] }>("/api/incidents?limit=10000");
    await page.waitForFunction(
      (n) => {
        let k = document.querySelectorAll(".map .incident-marker").length;
        for (const c of document.querySelectorAll(".map .cluster span")) k += Number(c.textContent);
        return k === n;
      },
      all.items.filter((s) => s.lat !== null).length,
    );
    await page.locator(".map").screenshot({ path: path.join(artifacts, "dash-map-clusters.png") });
    const so = await api<{ items: (Summary & { where_prec: string | null })[] }>("/api/incidents?country=SO");
    assert.equal(so.items[0]?.where_prec, "country", JSON.stringify(so.items));
    await page.goto(`${base}/#/?country=SO`);
    await page.waitForSelector(".map .incident-marker.coarse");
    await page.waitForSelector('.map .leaflet-overlay-pane path[stroke-dasharray="4 3"]', {
      state: "attached",
    });
    assert.match(
      (await page.locator(".map .incident-marker").getAttribute("aria-label")) ?? "",
      /country-level place/,
    );
    await page.locator(".map").screenshot({ path: path.join(artifacts, "dash-map-country-circle.png") });
  });

  it("axe-core finds no violations on the incidents view; no page errors", async () => {
    await page.goto(`${base}/#/?grade=corroborated`);
    await page.waitForSelector("table.incidents tbody tr");
    await page.waitForSelector(".map .cluster, .map .incident-marker");
    await page.locator(".timeline-table summary").click();
    await axe(page, "incidents");
    assert.deepEqual(errors, [], "no page errors, console errors or server errors");
  });
});
