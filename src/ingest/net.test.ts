// Fetches that cannot be turned against this machine or its network (issue 14): address classes, refusal before
// connecting, refusal at a redirect, and a third-party feed's loopback link that the watcher's worker never fetches.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { makeHandlers } from "../queue/jobs.ts";
import { SqliteQueue } from "../queue/sqlite.ts";
import { openStore } from "../store/index.ts";
import { pollFeed } from "../watch/index.ts";
import { BlockedAddressError, guardedGet, isPublicAddress } from "./net.ts";

function listen(server: Server, host: string): Promise<number> {
  return new Promise((r) => server.listen(0, host, () => r((server.address() as AddressInfo).port)));
}

describe("address classes", () => {
  it("loopback, private, link-local, unspecified and their IPv6 forms are not public", () => {
    for (const ip of [
      "127.0.0.1",
      "127.1.2.3",
      "0.0.0.0",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "::",
      "::1",
      "fe80::1",
      "fc00::1",
      "fd12::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "64:ff9b::a00:1",
      "2002:7f00:1::1",
      "ff02::1",
      "not an ip",
    ])
      assert.equal(isPublicAddress(ip), false, ip);
    for (const ip of ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
      assert.equal(isPublicAddress(ip), true, ip);
  });
});

describe("guardedGet", () => {
  let hits = 0;
  const inner = createServer((_req, res) => {
    hits++;
    res.end("inner");
  });
  let innerPort = 0;
  // Stands for a public server (127.0.0.2 is treated as public below) that redirects to this machine.
  const outer = createServer((req, res) => {
    res.writeHead(302, {
      location: req.url === "/to-name" ? `http://localhost:${innerPort}/` : `http://127.0.0.1:${innerPort}/`,
    });
    res.end();
  });
  let outerPort = 0;
  before(async () => {
    innerPort = await listen(inner, "127.0.0.1");
    outerPort = await listen(outer, "127.0.0.2");
  });
  after(() => {
    inner.close();
    outer.close();
  });

  it("refuses a literal loopback address and a name that resolves to one, without connecting", async () => {
    await assert.rejects(guardedGet(`http://127.0.0.1:${innerPort}/`), BlockedAddressError);
    await assert.rejects(guardedGet(`http://localhost:${innerPort}/`), BlockedAddressError);
    assert.equal(hits, 0);
  });

  it("refuses at a redirect to this machine, by address and by name", async () => {
    const isPublic = (ip: string) => ip === "127.0.0.2";
    await assert.rejects(guardedGet(`http://127.0.0.2:${outerPort}/`, { isPublic }), BlockedAddressError);
    await assert.rejects(
      guardedGet(`http://127.0.0.2:${outerPort}/to-name`, { isPublic }),
      BlockedAddressError,
    );
    assert.equal(hits, 0);
    // Allowed by the operator, the same chain is followed to the end.
    const res = await guardedGet(`http://127.0.0.2:${outerPort}/`, { allowPrivate: true });
    let body = "";
    for await (const c of res.body as AsyncIterable<Buffer>) body += c.toString();
    assert.equal(body, "inner");
    assert.equal(res.url, `http://127.0.0.1:${innerPort}/`);
    assert.equal(hits, 1);
  });
});

describe("toll watch and a third-party feed's links", () => {
  it("a feed item linking to a loopback address is not fetched by the worker: the item's own text is stored", async () => {
    let pageHits = 0;
    const page = createServer((_req, res) => {
      pageHits++;
      res.end("<html><body><p>secret internal page</p></body></html>");
    });
    const pagePort = await listen(page, "127.0.0.1");
    const feed = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Third party</title>
        <item><title>Blast kills four</title><link>http://127.0.0.1:${pagePort}/admin</link><guid>item-1</guid>
        <description>Four people were killed in a blast in Gao on Monday, officials said.</description></item></channel></rss>`);
    });
    const feedPort = await listen(feed, "127.0.0.1");
    const dir = mkdtempSync(path.join(tmpdir(), "toll-ssrf-"));
    const db = path.join(dir, "w.db");
    const queue = SqliteQueue.open(db);
    const store = await openStore(db);
    try {
      // The operator allows the watcher this one local feed; the worker runs with the default policy.
      const r = await pollFeed(queue, `http://127.0.0.1:${feedPort}/rss`, {
        timeoutMs: 2000,
        allowPrivateUrls: true,
      });
      assert.equal(r.enqueued, 1, r.error ?? "");
      const w = await queue.runWorker({
        concurrency: 1,
        once: true,
        handlers: makeHandlers({ store, reconcile: false }),
        log: () => {},
      });
      await w.done;
      assert.equal(pageHits, 0);
      const items = (await store.listArticles({})).items;
      assert.equal(items.length, 1);
      const a = await store.getArticle(items[0]?.id ?? 0);
      assert.match(a?.text ?? "", /Four people were killed/);
      assert.doesNotMatch(a?.text ?? "", /secret internal page/);
      // Without the operator's flag the feed itself is refused too.
      const refused = await pollFeed(queue, `http://127.0.0.1:${feedPort}/rss`, { timeoutMs: 2000 });
      assert.match(refused.error ?? "", /refused to fetch 127\.0\.0\.1/);
    } finally {
      await store.close();
      await queue.close();
      page.close();
      feed.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
