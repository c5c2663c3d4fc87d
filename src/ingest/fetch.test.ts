import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { readSources } from "./index.ts";

/** The test server is on loopback, which fetches refuse unless the operator allows it. */
const LOCAL = { allowPrivateUrls: true } as const;
import { ARABIC_MOSUL, articles, collect, encodeWindows1256, errors, newsPage, SAMPLE_PARAGRAPHS } from "./test-helpers.ts";

// A loopback server only: tests never touch the internet.
let server: Server;
let base = "";
const timers = new Set<NodeJS.Timeout>();

const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title><link>http://127.0.0.1/</link><description>d</description>
<item><title>Two killed in local test blast</title><link>http://127.0.0.1/a</link><pubDate>Sun, 26 Mar 2017 08:00:00 GMT</pubDate><description>Two people were killed.</description></item>
</channel></rss>`;

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    if (path === "/page") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(newsPage({ title: "Local page headline words", paragraphs: SAMPLE_PARAGRAPHS, siteName: "Local News" }));
    } else if (path === "/redirect") {
      res.writeHead(302, { location: "/page" });
      res.end();
    } else if (path === "/arabic") {
      // The charset is only in the HTTP header.
      res.writeHead(200, { "content-type": "text/html; charset=windows-1256" });
      res.end(encodeWindows1256(`<html><body><article><p>Officials in ${ARABIC_MOSUL} said 7 civilians died on Monday.</p></article></body></html>`));
    } else if (path === "/feed") {
      // Served with a misleading type: the kind comes from the content.
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(feed);
    } else if (path === "/slow") {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><body><p>Start");
      const t = setTimeout(() => res.end("</p></body></html>"), 5000);
      timers.add(t);
    } else if (path === "/endless") {
      // No Content-Length and more bytes than the limit allows.
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, "<p>more</p>");
      let sent = 0;
      const pump = (): void => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once("drain", pump);
        else res.end();
      };
      pump();
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not here");
    }
  });
  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const t of timers) clearTimeout(t);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("URLs", () => {
  test("a page: cleaned article with the final URL after redirects", async () => {
    const items = await collect(readSources([`${base}/redirect`], LOCAL));
    assert.deepEqual(errors(items), []);
    const [a] = articles(items);
    assert.equal(a?.url, `${base}/page`);
    assert.equal(a?.origin, `${base}/redirect`);
    assert.equal(a?.outlet, "Local News");
    assert.equal(a?.title, "Local page headline words");
    assert.ok(a?.text.includes(SAMPLE_PARAGRAPHS[0] ?? "?"));
    assert.ok(!a?.text.includes("SCRIPTTEXT"));
  });

  test("the charset from the HTTP header decodes the page", async () => {
    const [a] = articles(await collect(readSources([`${base}/arabic`], LOCAL)));
    assert.ok(a?.text.includes(`Officials in ${ARABIC_MOSUL} said 7 civilians died`), a?.text);
  });

  test("a feed is detected by content", async () => {
    const [a] = articles(await collect(readSources([`${base}/feed`], LOCAL)));
    assert.equal(a?.origin, `${base}/feed#item=1`);
    assert.equal(a?.title, "Two killed in local test blast");
    assert.equal(a?.published, "2017-03-26T08:00:00.000Z");
  });

  test("404, timeout, size limit and an unreachable host are clear errors; later inputs still run", async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    probe.listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => probe.once("listening", resolve));
    const deadPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const started = Date.now();
    const items = await collect(
      readSources([`${base}/missing`, `${base}/slow`, `${base}/endless`, `http://127.0.0.1:${deadPort}/x`, `${base}/page`], {
        timeoutMs: 500,
        maxBytes: 1024 * 1024,
        ...LOCAL,
      }),
    );
    assert.ok(Date.now() - started < 4000, "the slow response was cut by the timeout");
    assert.deepEqual(
      errors(items).map((e) => [e.origin, e.error]),
      [
        [`${base}/missing`, "HTTP 404 Not Found"],
        [`${base}/slow`, "reading the body failed: timed out after 0.5 s"],
        [`${base}/endless`, "response too large (more than 1.0 MB limit)"],
        [`http://127.0.0.1:${deadPort}/x`, "connection refused (ECONNREFUSED): is the network reachable?"],
      ],
    );
    assert.equal(articles(items).length, 1);
  });
});
