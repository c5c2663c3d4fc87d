import assert from "node:assert/strict";
import { createWriteStream } from "node:fs";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";
import { once } from "node:events";
import { gzipSync } from "node:zlib";
import { readSources } from "./index.ts";
import { sniffKind } from "./sniff.ts";
import { articles, collect, errors, newsPage, SAMPLE_PARAGRAPHS, withTempDir } from "./test-helpers.ts";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("sniffing", () => {
  test("kinds come from the first bytes", () => {
    assert.equal(sniffKind(enc("WARC/1.1\r\nWARC-Type: warcinfo\r\n")), "warc");
    assert.equal(sniffKind(enc('<?xml version="1.0"?>\n<!-- c --><rss version="2.0"><channel>')), "feed");
    assert.equal(sniffKind(enc('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">')), "feed");
    assert.equal(sniffKind(enc("<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>")), "feed");
    assert.equal(sniffKind(enc("<?xml version='1.0'?><urlset>")), "xml");
    assert.equal(sniffKind(enc("\ufeff<!DOCTYPE html><html>")), "html");
    assert.equal(sniffKind(enc('<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN"><html>')), "html");
    assert.equal(sniffKind(enc("  <div><p>x</p></div>")), "html");
    assert.equal(sniffKind(enc('{"id":"1","text":"x"}\n')), "jsonl");
    assert.equal(sniffKind(enc("Five killed in blast\n\nText.")), "text");
    assert.equal(sniffKind(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])), "binary");
    assert.equal(sniffKind(enc("  \n")), "empty");
  });
});

describe("readSources", () => {
  test("folders are read recursively, kinds by content, hidden and binary files passed over", async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, "a", "b"), { recursive: true });
      await mkdir(join(dir, ".git"));
      await writeFile(join(dir, "a", "page.txt"), newsPage({ title: "Page saved as text file", paragraphs: SAMPLE_PARAGRAPHS }));
      await writeFile(join(dir, "a", "b", "story.dat"), "Five killed in market blast\n\nMarch 25, 2017\n\nFive people were killed on Saturday.");
      await writeFile(join(dir, "a", "b", "page.html.gz"), gzipSync(newsPage({ title: "Gzipped page headline here", paragraphs: SAMPLE_PARAGRAPHS })));
      await writeFile(join(dir, "logo.png"), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
      await writeFile(join(dir, ".git", "HEAD"), "ref: refs/heads/main\n");
      await writeFile(join(dir, "z.jsonl"), '{"id":"j1","text":"Two people died."}\n');
      await symlink(dir, join(dir, "a", "loop")); // a cycle must not recurse forever
      const skipped: string[] = [];
      const items = await collect(readSources([dir], { onSkip: (o) => skipped.push(o) }));
      assert.deepEqual(errors(items), []);
      const got = articles(items);
      assert.deepEqual(
        got.map((a) => [a.origin, a.title]),
        [
          [`file:${join(dir, "a", "b", "page.html.gz")}`, "Gzipped page headline here"],
          [`file:${join(dir, "a", "b", "story.dat")}`, "Five killed in market blast"],
          [`file:${join(dir, "a", "page.txt")}`, "Page saved as text file"],
          [`file:${join(dir, "z.jsonl")}#line=1`, null],
        ],
      );
      assert.equal(got[1]?.published, "2017-03-25");
      assert.ok(!got[2]?.text.includes("SCRIPTTEXT"), "the .txt file was read as HTML");
      assert.deepEqual(skipped, [`file:${join(dir, "logo.png")}`]);
    });
  });

  test("a missing path and an explicitly named binary file are errors; the rest goes on", async () => {
    await withTempDir(async (dir) => {
      const bin = join(dir, "x.bin");
      await writeFile(bin, Uint8Array.from([0, 1, 2, 3, 0, 0]));
      const good = join(dir, "ok.txt");
      await writeFile(good, "Three wounded in shelling of town\n\nThree people were wounded.");
      const items = await collect(readSources([join(dir, "nope.html"), bin, good]));
      assert.deepEqual(
        errors(items).map((e) => [e.origin, e.error]),
        [
          [`file:${join(dir, "nope.html")}`, "no such file or directory"],
          [`file:${bin}`, "unsupported content (binary data; expected HTML, text, RSS/Atom, WARC or JSON lines)"],
        ],
      );
      assert.equal(articles(items)[0]?.title, "Three wounded in shelling of town");
    });
  });

  test("JSONL: a bad line gives an error naming its line number; the others are read", async () => {
    await withTempDir(async (dir) => {
      const p = join(dir, "batch.jsonl");
      await writeFile(
        p,
        [
          '{"id":"a1","text":"Four killed.","title":"Four killed","published":"2017-03-25","url":"https://x.example/a1","outlet":"X","source_lang":"en"}',
          "",
          '{"id":"a2","text":"Broken',
          '{"id":3,"text":"Five hurt.","published":"2017-03-26T10:00:00Z"}',
          '{"id":"a4"}',
          '{"id":"a5","text":"x","published":"last Tuesday"}',
          "[1,2]",
        ].join("\r\n"),
      );
      const items = await collect(readSources([p]));
      assert.deepEqual(
        errors(items).map((e) => e.origin),
        [3, 5, 6, 7].map((n) => `file:${p}#line=${n}`),
      );
      assert.match(errors(items)[0]?.error ?? "", /^line 3: invalid JSON/);
      assert.match(errors(items)[1]?.error ?? "", /^line 5: missing or empty "text"/);
      assert.match(errors(items)[2]?.error ?? "", /^line 6: "published" is not a date/);
      const [a, b] = articles(items);
      assert.deepEqual(a, {
        external_id: "a1",
        title: "Four killed",
        published: "2017-03-25",
        outlet: "X",
        author: null,
        url: "https://x.example/a1",
        canonical_url: null,
        text: "Four killed.",
        origin: `file:${p}#line=1`,
        meta: { source_lang: "en" },
      });
      assert.equal(b?.external_id, "3");
      assert.equal(b?.published, "2017-03-26T10:00:00.000Z");
    });
  });

  test("a 50 MB JSONL file streams in bounded memory", { timeout: 120_000 }, async () => {
    await withTempDir(async (dir) => {
      const p = join(dir, "big.jsonl");
      const out = createWriteStream(p);
      const filler = "Residents said the shelling went on through the night. ".repeat(180); // about 10 KB
      let lines = 0;
      let bytes = 0;
      while (bytes < 50 * 1024 * 1024) {
        const line = JSON.stringify({ id: `n${lines}`, text: `Article ${lines}. ${filler}` }) + "\n";
        bytes += Buffer.byteLength(line);
        lines++;
        if (!out.write(line)) await once(out, "drain");
      }
      out.end();
      await once(out, "finish");
      global.gc?.();
      const base = process.memoryUsage().heapUsed;
      let peak = base;
      let count = 0;
      for await (const item of readSources([p])) {
        assert.ok(item.ok);
        count++;
        if (count % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      assert.equal(count, lines);
      // Holding the file would need well over 100 MB of heap (50 MB as UTF-16 strings); streaming needs a few MB.
      assert.ok(peak - base < 64 * 1024 * 1024, `heap grew by ${Math.round((peak - base) / 1048576)} MB`);
    });
  });

  test("a 50 MB HTML or text file is refused with a clear error, without reading it", async () => {
    await withTempDir(async (dir) => {
      const html = join(dir, "huge.html");
      const text = join(dir, "huge.txt");
      const chunk = Buffer.alloc(1024 * 1024, "<p>word word word word word.</p>\n");
      const out = createWriteStream(html);
      out.write("<!doctype html><html><body>");
      for (let i = 0; i < 50; i++) if (!out.write(chunk)) await once(out, "drain");
      out.end();
      await once(out, "finish");
      await writeFile(text, Buffer.alloc(50 * 1024 * 1024, "Plain words in a line.\n"));
      const items = await collect(readSources([html, text]));
      assert.deepEqual(
        items.map((i) => (i.ok ? "ok" : i.error)),
        ["file too large (50 MB > 20 MB limit)", "file too large (50 MB > 20 MB limit)"],
      );
      // A gzipped page that inflates past the limit is stopped while inflating.
      const gz = join(dir, "bomb.html.gz");
      await writeFile(gz, gzipSync(Buffer.concat([Buffer.from("<html><body>"), Buffer.alloc(30 * 1024 * 1024, "<p>x</p>")])));
      const [g] = await collect(readSources([gz]));
      assert.equal(g?.ok, false);
      assert.match(g && !g.ok ? g.error : "", /file too large \(more than 20 MB limit\)/);
    });
  });
});
