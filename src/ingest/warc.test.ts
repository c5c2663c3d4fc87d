import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";
import { readSources } from "./index.ts";
import {
  ARABIC_MOSUL,
  articles,
  buildWarc,
  collect,
  encodeWindows1256,
  errors,
  newsPage,
  SAMPLE_PARAGRAPHS,
  withTempDir,
  type WarcEntry,
} from "./test-helpers.ts";

const entries: WarcEntry[] = [
  { type: "warcinfo", url: "", body: "" },
  { type: "request", url: "https://news.example.org/one", body: "" },
  { type: "response", url: "https://news.example.org/one", body: newsPage({ title: "Record one headline here", paragraphs: SAMPLE_PARAGRAPHS }) },
  {
    type: "response",
    url: "https://arabic.example.org/two",
    contentType: "text/html; charset=windows-1256",
    body: encodeWindows1256(`<html><body><article><p>Fighting in ${ARABIC_MOSUL} killed 12 civilians, the agency reported on Sunday.</p></article></body></html>`),
  },
  { type: "response", url: "https://news.example.org/logo.png", contentType: "image/png", body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) },
  { type: "response", url: "https://news.example.org/missing", status: 404, body: "<html><body><p>Not found</p></body></html>" },
  { type: "resource", url: "file:///notes.txt", contentType: "text/plain", body: "Three people were killed in the raid, police said on Monday." },
  { type: "response", url: "https://news.example.org/last", body: newsPage({ title: "Last record headline words", paragraphs: SAMPLE_PARAGRAPHS.slice(0, 2) }) },
];

async function readWarcFile(dir: string, name: string, bytes: Buffer): Promise<{ path: string; items: Awaited<ReturnType<typeof collect>>; skipped: string[] }> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  const skipped: string[] = [];
  const items = await collect(readSources([path], { onSkip: (origin) => skipped.push(origin) }));
  return { path, items, skipped };
}

describe("WARC", () => {
  for (const gzip of [false, true]) {
    const name = gzip ? "crawl.warc.gz" : "crawl.warc";

    test(`${name}: response and resource records become articles; others are skipped`, async () => {
      await withTempDir(async (dir) => {
        const { path, items, skipped } = await readWarcFile(dir, name, Buffer.concat(await buildWarc(entries, gzip)));
        assert.deepEqual(errors(items), []);
        const got = articles(items);
        assert.deepEqual(
          got.map((a) => [a.origin, a.url]),
          [
            [`file:${path}#record=3`, "https://news.example.org/one"],
            [`file:${path}#record=4`, "https://arabic.example.org/two"],
            [`file:${path}#record=7`, "file:///notes.txt"],
            [`file:${path}#record=8`, "https://news.example.org/last"],
          ],
        );
        assert.ok(got[0]?.text.includes(SAMPLE_PARAGRAPHS[1] ?? "?"));
        assert.ok(!got[0]?.text.includes("SCRIPTTEXT"));
        assert.ok(got[1]?.text.includes(`Fighting in ${ARABIC_MOSUL} killed 12 civilians`), "charset from the HTTP Content-Type");
        assert.equal(got[1]?.outlet, "arabic.example.org");
        assert.equal(got[2]?.text, "Three people were killed in the raid, police said on Monday.");
        assert.deepEqual(skipped, [`file:${path}#record=5`, `file:${path}#record=6`]);
      });
    });

    test(`${name} cut short: one clear error naming file and record, earlier records kept`, async () => {
      await withTempDir(async (dir) => {
        const records = await buildWarc(entries, gzip);
        const whole = Buffer.concat(records);
        const last = records[records.length - 1]?.length ?? 0;
        // Cut inside the last record's payload.
        const { path, items } = await readWarcFile(dir, gzip ? "cut.warc.gz" : "cut.warc", whole.subarray(0, whole.length - Math.floor(last / 3)));
        const errs = errors(items);
        assert.equal(errs.length, 1, JSON.stringify(errs));
        assert.equal(errs[0]?.origin, `file:${path}#record=8`);
        assert.match(errs[0]?.error ?? "", /truncated/);
        assert.deepEqual(
          articles(items).map((a) => a.origin),
          [3, 4, 7].map((n) => `file:${path}#record=${n}`),
        );
      });
    });
  }

  test("a WARC cut inside the record headers still reports that record", async () => {
    await withTempDir(async (dir) => {
      const records = await buildWarc(entries, false);
      const before = Buffer.concat(records.slice(0, -1));
      const { path, items } = await readWarcFile(dir, "cut-headers.warc", Buffer.concat([before, (records.at(-1) ?? Buffer.alloc(0)).subarray(0, 60)]));
      const errs = errors(items);
      assert.equal(errs.length, 1, JSON.stringify(items));
      assert.equal(errs[0]?.origin, `file:${path}#record=8`);
      assert.equal(articles(items).length, 3);
    });
  });
});
