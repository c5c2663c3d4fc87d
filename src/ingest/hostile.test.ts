// Hostile input to the readers (issue 14): deeply nested pages, decompression bombs, damaged UTF-8.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { decodeBytes } from "./charset.ts";
import { htmlToArticle, markupDepth, MAX_HTML_DEPTH } from "./html.ts";
import { readSources } from "./index.ts";
import { HtmlReader } from "./offthread.ts";
import {
  articles,
  buildWarc,
  collect,
  errors,
  newsPage,
  SAMPLE_PARAGRAPHS,
  withTempDir,
} from "./test-helpers.ts";
import { MAX_WARC_GAP_BYTES } from "./warc.ts";

const nested = (depth: number): string =>
  `<html><body>${"<div>".repeat(depth)}<p>Five people were killed in the market on Monday, police said.</p>${"</div>".repeat(depth)}</body></html>`;

function cpuMs(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

describe("deeply nested HTML", () => {
  test("a page nested 1,000 divs deep is read, quickly (37 s before the guard)", { timeout: 60_000 }, () => {
    htmlToArticle(nested(5), { origin: "warm" });
    let text = "";
    const ms = cpuMs(() => (text = htmlToArticle(nested(1000), { origin: "deep" }).text));
    assert.equal(text, "Five people were killed in the market on Monday, police said.");
    assert.ok(ms < 2000, `${ms} ms`);
  });

  test("10,000 deep is refused with a clear error, not a stack overflow", { timeout: 60_000 }, () => {
    assert.equal(markupDepth(nested(10_000)), 10_000);
    assert.throws(
      () => htmlToArticle(nested(10_000), { origin: "deeper" }),
      (err: Error) => {
        assert.doesNotMatch(err.message, /call stack/);
        assert.match(err.message, /nests 10,000 elements deep \(more than 2,000/);
        return true;
      },
    );
  });

  test("the depth estimate counts what a parser nests, not loose markup", () => {
    assert.equal(markupDepth("<p>a<p>b<p>c<li>d<li>e<br><img src=x><hr>"), 0);
    assert.equal(markupDepth("<div><div></div><div><span>x</span></div></div>"), 3);
    assert.equal(markupDepth(`<script>${"<div>".repeat(5000)}</script><div>x</div>`), 1);
    assert.equal(markupDepth(`<!-- ${"<div>".repeat(5000)} --><div>x</div>`), 1);
    // A page of unclosed "<x" runs is scanned once, not once per "<".
    assert.ok(cpuMs(() => markupDepth("<a".repeat(200_000))) < 1000);
    assert.ok(MAX_HTML_DEPTH >= 1000);
  });

  test("in a batch, the refused page is an error item and the other files are read", async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, "a-deep.html"), nested(5000));
      await writeFile(
        join(dir, "b-news.html"),
        newsPage({ title: "Market blast kills five people", paragraphs: SAMPLE_PARAGRAPHS }),
      );
      const items = await collect(readSources([dir]));
      assert.equal(articles(items).length, 1);
      assert.match(errors(items)[0]?.error ?? "", /nests 5,000 elements deep/);
    });
  });
});

describe("HTML off the calling thread", () => {
  const reader = new HtmlReader();
  after(() => reader.close());

  test("a page is cleaned on the worker and comes back whole", { timeout: 60_000 }, async () => {
    const a = await reader.read(
      newsPage({ title: "Market blast kills five people", paragraphs: SAMPLE_PARAGRAPHS }),
      { origin: "w", url: "https://news.example.org/a" },
    );
    assert.equal(a.url, "https://news.example.org/a");
    assert.match(a.text, /killed/);
  });

  test("the worker's errors come back as errors", { timeout: 60_000 }, async () => {
    await assert.rejects(reader.read(nested(5000), { origin: "w" }), /nests 5,000 elements deep/);
  });

  test(
    "a page over its time budget is abandoned with an error, and the next page still read",
    { timeout: 60_000 },
    async () => {
      await assert.rejects(
        reader.read(nested(1500), { origin: "slow" }, 1),
        /page not read: cleaning it took longer than 0 s/,
      );
      const a = await reader.read(nested(3), { origin: "next" });
      assert.match(a.text, /Five people/);
    },
  );
});

describe("WARC decompression limits", () => {
  test(
    "one record then 64 MB of padding in 64 KB of gzip: an error, the record kept, the stream stopped early",
    { timeout: 120_000 },
    async () => {
      await withTempDir(async (dir) => {
        const [record] = await buildWarc(
          [
            {
              type: "response",
              url: "https://news.example.org/one",
              body: newsPage({ title: "Record one headline here", paragraphs: SAMPLE_PARAGRAPHS }),
            },
          ],
          false,
        );
        const padding = Buffer.alloc(64 * 1024 * 1024);
        const gz = Buffer.concat([gzipSync(record!), gzipSync(padding)]);
        assert.ok(gz.length < 200_000);
        const path = join(dir, "bomb.warc.gz");
        await writeFile(path, gz);
        const items = await collect(readSources([path]));
        assert.equal(articles(items).length, 1);
        const errs = errors(items);
        assert.equal(errs.length, 1);
        assert.match(errs[0]!.origin, /bomb\.warc\.gz#record=2$/);
        assert.match(
          errs[0]!.error,
          /after 1 complete records: more than 16 MB of data beyond record 1's declared length hold no WARC record/,
        );
        // The reader gave up at the gap limit, not at the end of the 64 MB of padding.
        assert.ok(MAX_WARC_GAP_BYTES < padding.length);
      });
    },
  );

  test("a file over its decompressed limit stops with an error; the records before are kept", async () => {
    await withTempDir(async (dir) => {
      const page = newsPage({ title: "Record headline words here", paragraphs: SAMPLE_PARAGRAPHS });
      const records = await buildWarc(
        Array.from({ length: 40 }, (_, i) => ({
          type: "response" as const,
          url: `https://news.example.org/${i}`,
          body: page,
        })),
        true,
      );
      const path = join(dir, "many.warc.gz");
      await writeFile(path, Buffer.concat(records));
      const items = await collect(readSources([path], { maxFileBytes: 20_000 }));
      const read = articles(items).length;
      assert.ok(read >= 1 && read < 40, `${read} read`);
      assert.match(
        errors(items)[0]?.error ?? "",
        /more than 0\.0 MB once decompressed \(the limit of one WARC file\)/,
      );
    });
  });
});

describe("character sets", () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  test("UTF-8 with one invalid byte is read as UTF-8, the byte replaced, and a warning says where", () => {
    const good = utf8("Five people were killed in Bogotá, the mayor’s office said. ");
    const bytes = Buffer.concat([good, Buffer.from([0xff]), good]);
    const d = decodeBytes(bytes, { flavour: "text" });
    assert.equal(d.charset, "utf-8");
    assert.equal(d.source, "utf8-repaired");
    assert.match(d.text, /Bogotá, the mayor’s office said\. \uFFFDFive/);
    assert.equal(
      d.warning,
      `1 byte not valid UTF-8 (the first at byte ${good.length}) replaced by U+FFFD; the rest read as UTF-8`,
    );
  });

  test("windows-1252 text is still read as windows-1252, with a warning that it was a guess", () => {
    const d = decodeBytes(Buffer.from("Caf\xe9 owner and two others were killed.", "latin1"), {
      flavour: "text",
    });
    assert.equal(d.charset, "windows-1252");
    assert.match(d.text, /Café owner and two others/);
    assert.match(d.warning ?? "", /not UTF-8 \(the first invalid at byte 3\): read as windows-1252/);
  });

  test("valid UTF-8 gives no warning", () => {
    assert.equal(decodeBytes(utf8("Bogotá"), { flavour: "text" }).warning, undefined);
  });

  test("ingest passes the warning on with the article", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "damaged.txt");
      await writeFile(
        path,
        Buffer.concat([
          utf8("Five people were killed in Bogotá on Monday, police said."),
          Buffer.from([0xc3, 0x28]),
        ]),
      );
      const items = await collect(readSources([path]));
      const item = items[0];
      assert.ok(item?.ok);
      assert.match(item.warning ?? "", /1 byte not valid UTF-8/);
    });
  });
});
