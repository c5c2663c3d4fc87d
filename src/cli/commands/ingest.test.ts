import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import { Command } from "commander";
import { newsPage, withTempDir } from "../../ingest/test-helpers.ts";
import { registerIngest, runIngest, type IngestIo } from "./ingest.ts";

function captureIo(isTTY = false): IngestIo & { outText: () => string; errText: () => string } {
  const out = new PassThrough();
  const err = new PassThrough();
  const o: Buffer[] = [];
  const e: Buffer[] = [];
  out.on("data", (c: Buffer) => o.push(c));
  err.on("data", (c: Buffer) => e.push(c));
  return { out, err, isTTY, outText: () => Buffer.concat(o).toString(), errText: () => Buffer.concat(e).toString() };
}

async function fixtures(dir: string): Promise<string> {
  const inputs = join(dir, "in");
  await mkdir(join(inputs, "feeds"), { recursive: true });
  await writeFile(
    join(inputs, "page.html"),
    newsPage({
      title: "Air strike kills 12 civilians in Mosul",
      published: "2017-03-25",
      siteName: "Example News",
      paragraphs: [
        "An air strike killed 12 civilians in western Mosul on Friday, a local official said.",
        "Residents said the shelling went on through the night and that several houses were destroyed.",
        "The official said rescue teams were still searching the rubble on Saturday.",
      ],
    }),
  );
  await writeFile(
    join(inputs, "batch.jsonl"),
    [
      JSON.stringify({ id: "j1", text: "At least 5 people were killed in a car bomb in Baghdad on Monday, police said.", published: "2017-03-20" }),
      "{not json",
      JSON.stringify({ id: "j3", text: "Three soldiers were wounded in clashes near Kirkuk on Sunday.", published: "2017-03-19" }),
    ].join("\n"),
  );
  await writeFile(join(inputs, "feeds", "broken.xml"), `<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>
<item><title>Good item title here</title><link>https://w.example/1</link><description>Seven people died in floods.</description></item>
<item><title>Bad & broken</title></item></channel></rss>`);
  return inputs;
}

describe("toll ingest", () => {
  test("reads, extracts and stores; bad inputs get one stderr line each; a rerun finds duplicates", { timeout: 60_000 }, async () => {
    await withTempDir(async (dir) => {
      const inputs = await fixtures(dir);
      const db = join(dir, "toll.db");
      const io = captureIo();
      const first = await runIngest([inputs], { db, progressIntervalMs: 0 }, io);
      assert.equal(first.read, 4);
      assert.equal(first.inserted, 4);
      assert.equal(first.errors, 2);
      const err = io.errText();
      assert.match(err, new RegExp(`error: file:${join(inputs, "batch.jsonl")}#line=2: line 2: invalid JSON`));
      assert.match(err, new RegExp(`error: file:${join(inputs, "feeds", "broken.xml")}#item=2: broken item`));
      assert.match(err, /^ingest: \d+ articles, \d+ claims, \d+ errors, [\d.]+ articles\/s$/m);
      assert.match(io.outText(), /^read 4 articles from 1 input: 4 inserted, 0 duplicates, 0 revisions, \d+ claims, 2 errors \(/);

      const again = captureIo();
      const second = await runIngest([inputs], { db, json: true, quiet: true, gazetteer: false }, again);
      assert.deepEqual([second.read, second.inserted, second.duplicates, second.claims], [4, 0, 4, 0]);
      assert.equal((JSON.parse(again.outText()) as { duplicates: number }).duplicates, 4);
      assert.doesNotMatch(again.errText(), /^ingest:/m, "--quiet prints no progress");
    });
  });

  test("the command sets exit status 1 when anything failed and 0 otherwise", { timeout: 60_000 }, async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, "toll.db");
      const good = join(dir, "good.txt");
      await writeFile(good, "Two killed in shelling of village\n\nMarch 25, 2017\n\nTwo people were killed in shelling on Saturday.");
      const run = async (args: string[]): Promise<number> => {
        const io = captureIo();
        const program = new Command().exitOverride();
        registerIngest(program, io);
        const saved = process.exitCode;
        process.exitCode = 0;
        try {
          await program.parseAsync(["node", "toll", "ingest", ...args, "--db", db, "--no-gazetteer", "-q"]);
          return Number(process.exitCode ?? 0);
        } finally {
          process.exitCode = saved;
        }
      };
      assert.equal(await run([good]), 0);
      assert.equal(await run([good, join(dir, "missing.html")]), 1);
    });
  });

  test("on a terminal a progress bar is drawn", { timeout: 60_000 }, async () => {
    await withTempDir(async (dir) => {
      const inputs = await fixtures(dir);
      const io = captureIo(true);
      // cli-progress draws only on a TTY stream; this stands in for one.
      Object.assign(io.err, { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
      await runIngest([inputs], { db: join(dir, "toll.db"), gazetteer: false }, io);
      assert.match(io.errText(), /ingest \| 4 articles \| \d+ claims \| 2 errors \| [\d.]+ articles\/s/);
      // Error lines logged just before the end are not lost with the bar.
      assert.match(io.errText(), /error: file:\S+broken\.xml#item=2: broken item/);
      assert.match(io.errText(), /error: file:\S+batch\.jsonl#line=2: line 2: invalid JSON/);
    });
  });
});
