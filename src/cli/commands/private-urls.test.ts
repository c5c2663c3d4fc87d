// --allow-private-urls on the commands that fetch: without it a loopback URL is refused (and never connected to),
// with it the operator's own local source is read.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, test } from "node:test";
import { Command } from "commander";
import { REFUSED_ADDRESS } from "../../ingest/guard.ts";
import { newsPage, SAMPLE_PARAGRAPHS, withTempDir } from "../../ingest/test-helpers.ts";
import { fetchJob } from "../../queue/jobs.ts";
import { SqliteQueue } from "../../queue/sqlite.ts";
import { openStore } from "../../store/index.ts";
import { registerIngest } from "./ingest.ts";
import { registerServe } from "./serve.ts";
import { registerWatch } from "./watch.ts";
import { registerWorker, runWorkerCommand } from "./worker.ts";

let server: Server;
let base = "";
let hits = 0;

before(async () => {
  server = createServer((req, res) => {
    hits++;
    if (req.url === "/feed.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><item><title>Strike</title><guid>l-1</guid><description>A strike killed 3 people, officials said.</description></item></channel></rss>`,
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      newsPage({ title: "Local page headline words", paragraphs: SAMPLE_PARAGRAPHS, siteName: "Local News" }),
    );
  });
  server.listen(0, "127.0.0.1");
  await new Promise<void>((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

function io() {
  const out = new PassThrough();
  const err = new PassThrough();
  const o: Buffer[] = [];
  const e: Buffer[] = [];
  out.on("data", (c: Buffer) => o.push(c));
  err.on("data", (c: Buffer) => e.push(c));
  return {
    out,
    err,
    isTTY: false,
    outText: () => Buffer.concat(o).toString(),
    errText: () => Buffer.concat(e).toString(),
  };
}

/** Runs one command line; returns the exit status and what it wrote. */
async function run(register: (p: Command, i: ReturnType<typeof io>) => void, args: string[]) {
  const i = io();
  const program = new Command().exitOverride();
  register(program, i);
  const saved = process.exitCode;
  process.exitCode = 0;
  try {
    await program.parseAsync(["node", "toll", ...args]);
    return { code: Number(process.exitCode ?? 0), err: i.errText(), out: i.outText() };
  } finally {
    process.exitCode = saved;
  }
}

describe("--allow-private-urls", () => {
  test("toll ingest URL: loopback refused without the flag, read with it", { timeout: 60_000 }, async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, "toll.db");
      const before = hits;
      const refused = await run(registerIngest, [
        "ingest",
        `${base}/page`,
        "--db",
        db,
        "--no-gazetteer",
        "-q",
      ]);
      assert.equal(refused.code, 1);
      assert.equal(refused.err.trim(), `error: ${base}/page: ${REFUSED_ADDRESS}`);
      assert.equal(hits, before, "never connected");
      const allowed = await run(registerIngest, [
        "ingest",
        `${base}/page`,
        "--db",
        db,
        "--no-gazetteer",
        "-q",
        "--allow-private-urls",
        "--json",
      ]);
      assert.equal(allowed.code, 0, allowed.err);
      assert.equal((JSON.parse(allowed.out) as { inserted: number }).inserted, 1);
    });
  });

  test(
    "toll watch: a loopback feed refused without the flag, polled with it",
    { timeout: 60_000 },
    async () => {
      await withTempDir(async (dir) => {
        const db = join(dir, "toll.db");
        const refused = await run(registerWatch, ["watch", `${base}/feed.xml`, "--db", db, "--once"]);
        assert.equal(refused.code, 1);
        assert.match(refused.err, new RegExp(`error: ${REFUSED_ADDRESS.replace(/[()/]/g, "\\$&")}`));
        const allowed = await run(registerWatch, [
          "watch",
          `${base}/feed.xml`,
          "--db",
          db,
          "--once",
          "--allow-private-urls",
        ]);
        assert.equal(allowed.code, 0, allowed.err);
        assert.match(allowed.out, /1 items, 1 new enqueued/);
      });
    },
  );

  test(
    "toll worker: a fetch job of a loopback URL fails as refused without the flag, is stored with it",
    { timeout: 60_000 },
    async () => {
      await withTempDir(async (dir) => {
        const db = join(dir, "toll.db");
        const queue = SqliteQueue.open(db);
        try {
          await queue.enqueue([fetchJob(`${base}/page`)]);
          const before = hits;
          const log = io();
          const refused = await runWorkerCommand(
            { db, once: true, gazetteer: false, reconcile: false, quiet: true },
            log,
          );
          assert.equal(refused.failed, 1);
          assert.equal(hits, before, "never connected");
          assert.match(
            log.errText(),
            /\(fetch\) failed, attempt 1\/\d+: .*refused: address not allowed \(private\/loopback\)/,
          );
          await queue.enqueue([fetchJob(`${base}/other-page`)]);
          const allowed = await runWorkerCommand(
            { db, once: true, gazetteer: false, reconcile: false, quiet: true, allowPrivateUrls: true },
            io(),
          );
          assert.deepEqual([allowed.jobs.fetch, allowed.jobs.ingest], [1, 1]);
        } finally {
          await queue.close();
        }
        const store = await openStore(db);
        try {
          assert.equal((await store.listArticles({})).items.length, 1);
        } finally {
          await store.close();
        }
      });
    },
  );

  test("the flag is on every command that fetches", () => {
    const program = new Command();
    registerIngest(program);
    registerWatch(program);
    registerWorker(program);
    registerServe(program);
    for (const name of ["ingest", "watch", "worker", "serve"]) {
      const cmd = program.commands.find((c) => c.name() === name);
      assert.ok(
        cmd?.options.some((o) => o.long === "--allow-private-urls"),
        name,
      );
    }
  });
});
