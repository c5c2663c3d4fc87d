// The feed watcher against a local HTTP server on 127.0.0.1 whose feed changes, times out and returns garbage.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { makeHandlers } from "../queue/jobs.ts";
import { SqliteQueue } from "../queue/sqlite.ts";
import { openStore } from "../store/index.ts";
import { pollFeed, watchFeeds } from "./index.ts";
import type { PollResult } from "./index.ts";

const item = (i: number) => `<item><title>Strike ${i}</title><link>https://news.example.org/${i}</link><guid>g-${i}</guid>
<pubDate>Sat, 25 Mar 2017 11:22:00 GMT</pubDate><description>An air strike killed ${i + 2} people in Mosul on Saturday, officials said.</description></item>`;
const rss = (ids: number[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title><link>https://news.example.org/</link>${ids.map(item).join("")}</channel></rss>`;

type Mode = "feed" | "hang" | "garbage" | "error";

async function withServer<T>(fn: (base: string, set: (m: Mode, ids?: number[]) => void, hits: { n: number; conditional: number; notModified: number }) => Promise<T>): Promise<T> {
  let mode: Mode = "feed";
  let ids = [1, 2];
  let version = 1;
  const hits = { n: 0, conditional: 0, notModified: 0 };
  const hanging: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    hits.n++;
    if (mode === "hang") {
      // Headers are never sent: the watcher must give up on its own.
      hanging.push(res);
      return;
    }
    if (mode === "garbage") {
      res.writeHead(200, { "content-type": "application/rss+xml", etag: '"garbage"' });
      res.end("\u0000\u0001 this is <not a feed> at all {{{");
      return;
    }
    if (mode === "error") {
      res.writeHead(503);
      res.end("busy");
      return;
    }
    const etag = `"v${version}"`;
    const lastModified = new Date(Date.UTC(2024, 0, version)).toUTCString();
    if (req.headers["if-none-match"] || req.headers["if-modified-since"]) hits.conditional++;
    if (req.headers["if-none-match"] === etag) {
      hits.notModified++;
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": "application/rss+xml", etag, "last-modified": lastModified });
    res.end(rss(ids));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    return await fn(
      base,
      (m, next) => {
        mode = m;
        if (next) {
          ids = next;
          version++;
        }
      },
      hits,
    );
  } finally {
    for (const r of hanging) r.destroy();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

test("watch: new items only, 304 on an unchanged feed, survives a timeout, garbage and a 503", { timeout: 30_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "toll-watch-"));
  const queue = SqliteQueue.open(join(dir, "toll.db"));
  try {
    await withServer(async (base, set, hits) => {
      const url = `${base}/feed.xml`;
      const poll = () => pollFeed(queue, url, { timeoutMs: 500, allowPrivateUrls: true });

      let r = await poll();
      assert.deepEqual([r.status, r.items, r.enqueued], ["new", 2, 2]);
      assert.equal((await queue.status()).pending, 2);

      r = await poll();
      assert.equal(r.status, "not-modified");
      assert.equal(hits.notModified, 1);

      // The feed changes: one old item, two new ones.
      set("feed", [2, 3, 4]);
      r = await poll();
      assert.deepEqual([r.status, r.items, r.enqueued], ["new", 3, 2]);
      assert.equal((await queue.status()).pending, 4);

      set("hang");
      const t0 = Date.now();
      r = await poll();
      assert.equal(r.status, "error");
      assert.match(r.error ?? "", /timed out/);
      assert.ok(Date.now() - t0 < 5000);
      assert.match((await queue.feedState(url))?.last_error ?? "", /timed out/);

      set("garbage");
      r = await poll();
      assert.equal(r.status, "error");
      assert.match(r.error ?? "", /not a readable feed/);
      // Validators of a bad answer are not kept: the last good ETag is.
      assert.equal((await queue.feedState(url))?.etag, '"v2"');

      set("error");
      r = await poll();
      assert.deepEqual([r.status, r.error], ["error", "HTTP 503 Service Unavailable"]);

      // Back to normal: still the same version, so a 304 and nothing enqueued twice.
      set("feed");
      r = await poll();
      assert.equal(r.status, "not-modified");
      assert.equal((await queue.feedState(url))?.last_error, null);
      set("feed", [4, 5]);
      r = await poll();
      assert.deepEqual([r.status, r.enqueued], ["new", 1]);
      assert.equal((await queue.status()).pending, 5);
      assert.equal(hits.conditional, 4, "every poll after the first sent its validators");

      // The loop: a bad feed beside a good one does not stop it; the abort signal ends it.
      set("feed", [4, 5, 6]);
      const seen: PollResult[] = [];
      const ac = new AbortController();
      await watchFeeds(queue, [`${base}/other-but-garbage`.replace(base, "http://127.0.0.1:9"), url], {
        everyMs: 50,
        timeoutMs: 500,
        allowPrivateUrls: true,
        signal: ac.signal,
        onPoll: (p) => {
          seen.push(p);
          if (seen.length >= 4) ac.abort();
        },
      });
      assert.equal(seen[0]?.status, "error");
      assert.deepEqual([seen[1]?.status, seen[1]?.enqueued], ["new", 1]);
      assert.equal(seen[3]?.status, "not-modified");
      assert.equal((await queue.status()).pending, 6);
    });
  } finally {
    await queue.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("watch + worker: an item is stored from its page; a page that is gone falls back to the item; a failing page is retried", { timeout: 30_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "toll-watch-article-"));
  const db = join(dir, "toll.db");
  const queue = SqliteQueue.open(db);
  const store = await openStore(db);
  const page = `<!doctype html><html><head><title>Strike on Mosul market kills 12</title>
<meta property="article:published_time" content="2017-03-25T10:00:00Z"></head><body><nav>Home | World | Sport</nav>
<article><h1>Strike on Mosul market kills 12</h1><p>An air strike on a crowded market in western Mosul killed 12 civilians on Saturday, including three children, residents and hospital officials said.</p>
<p>At least 20 other people were wounded in the strike, which hit the market shortly after noon. Rescue workers were still searching the rubble late on Saturday, a civil defence officer said.</p>
<p>The coalition said it was looking into the report.</p></article><footer>Copyright</footer></body></html>`;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "/feed.xml") {
      const items = [1, 2, 3]
        .map((i) => `<item><title>Story ${i}</title><link>${base}/story/${i}</link><guid>s-${i}</guid><pubDate>Sat, 25 Mar 2017 11:22:00 GMT</pubDate><description>A strike killed ${i + 2} people, officials said.</description></item>`)
        .join("");
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items}</channel></rss>`);
    } else if (req.url === "/story/1") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(page);
    } else if (req.url === "/story/2") {
      res.writeHead(404);
      res.end("gone");
    } else {
      res.writeHead(503);
      res.end("busy");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const r = await pollFeed(queue, `${base}/feed.xml`, { timeoutMs: 2000, allowPrivateUrls: true });
    assert.deepEqual([r.status, r.enqueued], ["new", 3]);
    const w = await queue.runWorker({ concurrency: 1, once: true, handlers: makeHandlers({ store, reconcile: false, allowPrivateUrls: true }), log: () => {} });
    await w.done;
    const articles = (await store.listArticles({})).items;
    const byUrl = new Map(articles.map((a) => [a.url, a]));
    assert.equal(articles.length, 2, "story 3 waits for a retry");
    const one = await store.getArticle(byUrl.get(`${base}/story/1`)!.id);
    assert.match(one?.text ?? "", /At least 20 other people were wounded/, "the page's text, not the feed summary");
    assert.doesNotMatch(one?.text ?? "", /Home \| World/, "page furniture stripped");
    assert.equal(one?.external_id, "s-1", "the item's id is kept");
    const claims1 = await store.claimsForArticle(one!.id);
    assert.ok(claims1.some((c) => c.metric === "killed" && c.value === 12));
    const two = await store.getArticle(byUrl.get(`${base}/story/2`)!.id);
    assert.equal(two?.text.trim(), "A strike killed 4 people, officials said.", "a page that is gone: the item's own text");
    const status = await queue.status();
    assert.equal(status.retrying, 1);
    assert.equal(status.failed, 0, "a page that may come back is retried, not given up");
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await queue.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
