import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";
import { decodeBytes } from "./charset.ts";
import { htmlFragmentToText, htmlToArticle } from "./html.ts";
import { readSources } from "./index.ts";
import { ARABIC_MOSUL, articles, collect, encodeWindows1256, errors, newsPage, SAMPLE_PARAGRAPHS, withTempDir } from "./test-helpers.ts";
import { textToArticle } from "./text.ts";

describe("htmlToArticle", () => {
  const html = newsPage({
    title: "Thousands of civilians killed in west Mosul",
    paragraphs: [...SAMPLE_PARAGRAPHS, "Markup shown as text: &lt;b&gt;bold&lt;/b&gt; &amp; more."],
    published: "2017-03-25T11:22:00+03:00",
    siteName: "Example News",
    canonical: "/2017/03/25/mosul",
    head: `<meta name="author" content="Jane Roe"><meta property="og:title" content="Thousands of civilians killed in west Mosul">`,
  });
  const a = htmlToArticle(html, { origin: "file:page.html", url: "https://www.example.com/story?id=1" });

  test("keeps the article text with paragraph breaks and drops furniture", () => {
    const paras = a.text.split("\n\n");
    for (const p of SAMPLE_PARAGRAPHS) assert.ok(paras.includes(p), `missing paragraph: ${p.slice(0, 40)}`);
    assert.doesNotMatch(a.text, /Most read|All rights reserved|\bSport\b/);
  });

  test("never lets script, style, noscript or event-handler content into the text", () => {
    for (const marker of ["SCRIPTTEXT", "SCRIPTWRITE", "STYLETEXT", "HANDLERTEXT", "steal()", "NOSCRIPTTEXT", "tracker"]) {
      assert.ok(!a.text.includes(marker), `text contains ${marker}`);
      assert.ok(!(a.title ?? "").includes(marker));
    }
  });

  test("stores HTML that the page shows as text, as text", () => {
    assert.ok(a.text.includes("Markup shown as text: <b>bold</b> & more."));
  });

  test("keeps title, date, outlet, author, URLs", () => {
    assert.equal(a.title, "Thousands of civilians killed in west Mosul");
    assert.equal(a.published, "2017-03-25T08:22:00.000Z");
    assert.equal(a.outlet, "Example News");
    assert.equal(a.author, "Jane Roe");
    assert.equal(a.url, "https://www.example.com/story?id=1");
    assert.equal(a.canonical_url, "https://www.example.com/2017/03/25/mosul");
    assert.equal(a.origin, "file:page.html");
  });

  test("finds the date in JSON-LD, itemprop, <time> or a dateline, and the outlet from the host", () => {
    const base = { paragraphs: SAMPLE_PARAGRAPHS, title: "A headline of several words" };
    const ld = htmlToArticle(
      newsPage({ ...base, head: `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2017-03-24","author":[{"@type":"Person","name":"A. Writer"}],"publisher":{"@type":"Organization","name":"LD Outlet"}}]}</script>` }),
      { origin: "x" },
    );
    assert.equal(ld.published, "2017-03-24");
    assert.equal(ld.author, "A. Writer");
    assert.equal(ld.outlet, "LD Outlet");

    const itemprop = htmlToArticle(newsPage({ ...base, head: `<meta itemprop="datePublished" content="2017-03-23T10:00:00Z">` }), { origin: "x" });
    assert.equal(itemprop.published, "2017-03-23T10:00:00.000Z");

    const time = htmlToArticle(
      newsPage({ ...base, paragraphs: [`<time datetime="2017-03-22">22 March</time>`, ...SAMPLE_PARAGRAPHS] }),
      { origin: "x", url: "https://www.news.example.org/x" },
    );
    assert.equal(time.published, "2017-03-22");
    assert.equal(time.outlet, "news.example.org");

    const dateline = htmlToArticle(newsPage({ ...base, paragraphs: ["March 21, 2017 at 11:22 am", ...SAMPLE_PARAGRAPHS] }), { origin: "x" });
    assert.equal(dateline.published, "2017-03-21");
  });

  test("falls back to the page body when the page is tiny", () => {
    const t = htmlToArticle("<p>Two people died.</p><p>Three were hurt.</p>", { origin: "x" });
    assert.equal(t.text, "Two people died.\n\nThree were hurt.");
  });

  test("throws on a page with no text", () => {
    assert.throws(() => htmlToArticle("<html><body><script>x()</script></body></html>", { origin: "x" }), /no article text/);
  });

  test("fragment text keeps <br> as a line break and blocks as paragraphs", () => {
    assert.equal(htmlFragmentToText("<div>One<br>two</div><ul><li>a</li><li>b</li></ul><script>no</script>"), "One\ntwo\n\na\n\nb");
  });
});

describe("charsets", () => {
  const arabicPage = (head: string): Uint8Array =>
    encodeWindows1256(`<html><head>${head}<title>Mosul report</title></head><body><article><p>The city of ${ARABIC_MOSUL} (Mosul) saw heavy fighting on Saturday, officials said.</p></article></body></html>`);

  test("Node has full ICU: windows-1256 decodes", () => {
    assert.equal(new TextDecoder("windows-1256").decode(encodeWindows1256(ARABIC_MOSUL)), ARABIC_MOSUL);
  });

  test("<meta charset>, http-equiv and the HTTP header select windows-1256", () => {
    assert.equal(decodeBytes(arabicPage(`<meta charset="windows-1256">`), { flavour: "html" }).charset, "windows-1256");
    const eq = decodeBytes(arabicPage(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`), { flavour: "html" });
    assert.equal(eq.charset, "windows-1256");
    assert.ok(eq.text.includes(ARABIC_MOSUL));
    const hdr = decodeBytes(arabicPage(""), { flavour: "html", contentType: "text/html; charset=windows-1256" });
    assert.equal(hdr.source, "header");
    assert.ok(hdr.text.includes(ARABIC_MOSUL));
  });

  test("a BOM wins; undeclared bytes are UTF-8 when valid, else windows-1252", () => {
    const bom = decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x68, 0x69]), { contentType: "text/html; charset=windows-1256" });
    assert.deepEqual([bom.text, bom.source], ["hi", "bom"]);
    assert.equal(decodeBytes(new TextEncoder().encode("café")).text, "café");
    const latin = decodeBytes(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]));
    assert.deepEqual([latin.text, latin.charset], ["café", "windows-1252"]);
  });

  test("a windows-1256 file is read with Arabic intact", async () => {
    await withTempDir(async (dir) => {
      const p = join(dir, "arabic.html");
      await writeFile(p, arabicPage(`<meta charset="windows-1256">`));
      const items = await collect(readSources([p]));
      assert.deepEqual(errors(items), []);
      const [a] = articles(items);
      assert.ok(a?.text.includes(`The city of ${ARABIC_MOSUL} (Mosul)`), a?.text);
    });
  });
});

describe("plain text", () => {
  // The shared folder sits beside the repository (read-only); the test is skipped where it is absent.
  const seed = new URL("../../../shared/seed/mosul-2017-03-25.txt", import.meta.url);
  test("the seed article: headline above the dateline, date from the dateline", { skip: !existsSync(seed) }, () => {
    const raw = readFileSync(seed, "utf8");
    const a = textToArticle(raw, "file:seed.txt");
    assert.equal(a.title, "4,000 Iraq civilians killed in west Mosul offensive");
    assert.equal(a.published, "2017-03-25");
    assert.equal(a.text, raw.replace(/\r\n?/g, "\n"));
  });

  test("first line as title only when it reads like a headline", () => {
    assert.equal(textToArticle("Five killed in market blast\n\nFive people died.", "x").title, "Five killed in market blast");
    assert.equal(textToArticle("Five people died in a blast on Monday, police said.\nMore follows.", "x").title, null);
    assert.equal(textToArticle("Five people died.", "x").published, null);
  });
});
