// The URL guard against a real loopback server. Host names that stand for public sites (wire.example) are resolved
// by an injected resolver to the loopback server and let through with allowHosts, so a "public" page can redirect
// to loopback without touching the internet; every other check runs as in production.
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { readSources } from "./index.ts";
import {
  checkedAddress,
  guardedGet,
  isPublicAddress,
  NO_ANSWER,
  REFUSED_ADDRESS,
  REFUSED_SCHEME,
} from "./guard.ts";
import type { Resolver } from "./guard.ts";
import { articles, collect, errors, newsPage, SAMPLE_PARAGRAPHS } from "./test-helpers.ts";

let server: Server;
let port = 0;
let base = "";
const hits: { path: string; headers: IncomingHttpHeaders }[] = [];

/** A TCP service that is not HTTP (an SSH-like banner), and how many connections it saw. */
let banner: TcpServer;
let bannerPort = 0;
let bannerConnections = 0;

/** A port that was just free: nothing listens there. */
let closedPort = 0;

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    hits.push({ path, headers: req.headers });
    if (path === "/page") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        newsPage({
          title: "Local page headline words",
          paragraphs: SAMPLE_PARAGRAPHS,
          siteName: "Local News",
        }),
      );
    } else if (path === "/to-loopback") {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/page` });
      res.end();
    } else if (path === "/to-localhost") {
      res.writeHead(301, { location: `http://localhost:${port}/page` });
      res.end();
    } else if (path === "/to-mapped") {
      res.writeHead(307, { location: `http://[::ffff:127.0.0.1]:${port}/page` });
      res.end();
    } else if (path === "/to-metadata") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      res.end();
    } else if (path === "/to-file") {
      res.writeHead(302, { location: "file:///etc/passwd" });
      res.end();
    } else if (path === "/to-same-host") {
      res.writeHead(302, { location: "/page" });
      res.end();
    } else if (path.startsWith("/loop")) {
      res.writeHead(302, { location: `/loop${Number(path.slice(5) || 0) + 1}` });
      res.end();
    } else if (path === "/teapot") {
      // A custom reason phrase can name the software: only the standard one is reported.
      res.writeHead(418, "SecretAdminPanel v2.3", { "content-type": "text/plain" });
      res.end("no");
    } else if (path === "/gzip-page") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" });
      res.end(
        gzipSync(
          newsPage({ title: "Compressed page headline", paragraphs: SAMPLE_PARAGRAPHS, siteName: "Gz News" }),
        ),
      );
    } else if (path === "/gzip-bomb") {
      // 40 KB on the wire, 40 MB inflated.
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
      res.end(gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20)));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  banner = createTcpServer((socket) => {
    bannerConnections++;
    socket.end("SSH-2.0-OpenSSH_9.6p1 Debian-3\r\n");
  });
  banner.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => banner.once("listening", resolve));
  bannerPort = (banner.address() as AddressInfo).port;

  const probe = createTcpServer();
  probe.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => probe.once("listening", resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => banner.close(() => resolve()));
});

/** Stands for DNS: wire.example and localhost are the loopback server; anything else does not exist. */
function fakeDns(): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    if (host === "wire.example" || host === "localhost")
      return [{ address: "127.0.0.1", family: 4 as const }];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  };
  return Object.assign(resolve, { calls });
}

const hitsTo = (path: string) => hits.filter((h) => h.path === path).length;

async function errorOf(
  url: string,
  opts: Parameters<typeof readSources>[1] = {},
): Promise<string | undefined> {
  const items = await collect(readSources([url], { timeoutMs: 3000, ...opts }));
  return errors(items)[0]?.error;
}

describe("addresses", () => {
  test("loopback, private, link-local, unspecified, multicast, reserved and their IPv6 forms are not public", () => {
    const refused = [
      "127.0.0.1",
      "127.255.255.254",
      "0.0.0.0",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "100.64.0.1",
      "100.127.255.255",
      "169.254.169.254",
      "224.0.0.1",
      "239.255.255.250",
      "255.255.255.255",
      "240.0.0.1",
      "192.0.2.10",
      "198.18.0.1",
      "::",
      "::1",
      "::127.0.0.1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "::ffff:169.254.169.254",
      "::ffff:0:127.0.0.1",
      "64:ff9b::a9fe:a9fe",
      "2002:7f00:1::1",
      "2002:c0a8:101::",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "fe80::1%eth0",
      "febf::1",
      "ff02::1",
      "2001:db8::1",
      "not an address",
    ];
    const allowed = [
      "8.8.8.8",
      "1.1.1.1",
      "93.184.216.34",
      "100.128.0.1",
      "172.32.0.1",
      "2606:4700:4700::1111",
      "2a00:1450:4001::200e",
      "::ffff:8.8.8.8",
      "2002:808:808::1",
    ];
    assert.deepEqual(
      refused.filter((a) => isPublicAddress(a)),
      [],
      "refused",
    );
    assert.deepEqual(
      allowed.filter((a) => !isPublicAddress(a)),
      [],
      "allowed",
    );
  });

  test("the URL parser's spellings of 127.0.0.1 are refused, as are names that resolve to loopback", async () => {
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://2130706433:${port}/`,
      `http://0x7f.1:${port}/`,
      `http://127.1:${port}/`,
      `http://0.0.0.0:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      "http://169.254.169.254/latest/meta-data/",
    ])
      await assert.rejects(checkedAddress(new URL(url)), { message: REFUSED_ADDRESS }, url);
    // The system resolver, offline: localhost comes from the hosts file.
    await assert.rejects(checkedAddress(new URL(`http://localhost:${port}/`)), { message: REFUSED_ADDRESS });
    await assert.rejects(checkedAddress(new URL(`http://LOCALHOST.:${port}/`)), { message: REFUSED_ADDRESS });
    await assert.rejects(checkedAddress(new URL("http://admin.localhost/")), { message: REFUSED_ADDRESS });
  });

  test("a name is refused when any one of its addresses is not public", async () => {
    const mixed: Resolver = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "10.0.0.5", family: 4 },
    ];
    await assert.rejects(checkedAddress(new URL("https://news.example/a"), { resolve: mixed }), {
      message: REFUSED_ADDRESS,
    });
    const publicOnly: Resolver = async () => [{ address: "93.184.216.34", family: 4 }];
    assert.deepEqual(await checkedAddress(new URL("https://news.example/a"), { resolve: publicOnly }), {
      address: "93.184.216.34",
      family: 4,
    });
  });

  test("only http and https", async () => {
    for (const url of [
      "file:///etc/passwd",
      "ftp://example.org/x",
      "gopher://127.0.0.1:70/",
      "data:text/html,hi",
    ])
      await assert.rejects(
        guardedGet(url, { timeoutMs: 1000, maxBytes: 1000 }),
        { message: REFUSED_SCHEME },
        url,
      );
  });
});

describe("fetching", () => {
  test("a loopback URL is refused without the flag (nothing is sent to it) and fetched with it", async () => {
    const before = hitsTo("/page");
    assert.equal(await errorOf(`${base}/page`), REFUSED_ADDRESS);
    assert.equal(hitsTo("/page"), before, "the server was never asked");
    const items = await collect(readSources([`${base}/page`], { allowPrivateUrls: true }));
    assert.deepEqual(errors(items), []);
    assert.equal(articles(items)[0]?.title, "Local page headline words");
  });

  test("a public page that redirects to loopback, localhost, an IPv4-mapped address or cloud metadata is refused at that hop", async () => {
    for (const path of ["/to-loopback", "/to-localhost", "/to-mapped", "/to-metadata"]) {
      const dns = fakeDns();
      const pagesBefore = hitsTo("/page");
      const err = await errorOf(`http://wire.example:${port}${path}`, {
        resolve: dns,
        allowHosts: ["wire.example"],
      });
      assert.equal(err, REFUSED_ADDRESS, path);
      assert.equal(hitsTo("/page"), pagesBefore, `${path}: the redirect target was never asked`);
    }
    assert.equal(
      await errorOf(`http://wire.example:${port}/to-file`, {
        resolve: fakeDns(),
        allowHosts: ["wire.example"],
      }),
      REFUSED_SCHEME,
    );
  });

  test("the checked address is the one connected to, with the name as Host; each hop is resolved once", async () => {
    const dns = fakeDns();
    const items = await collect(
      readSources([`http://wire.example:${port}/to-same-host`], {
        resolve: dns,
        allowHosts: ["wire.example"],
      }),
    );
    assert.deepEqual(errors(items), []);
    // The system resolver does not know wire.example: the page was reached through the pinned address only.
    assert.equal(articles(items)[0]?.url, `http://wire.example:${port}/page`);
    assert.deepEqual(dns.calls, ["wire.example", "wire.example"]);
    assert.equal(hits.at(-1)?.headers.host, `wire.example:${port}`);
  });

  test("a redirect loop stops at the hop limit", async () => {
    assert.equal(
      await errorOf(`${base}/loop`, { allowPrivateUrls: true }),
      "could not fetch URL: more than 10 redirects",
    );
  });

  test("no port-scan oracle: a closed port, a non-HTTP service and a refused address read alike", async () => {
    const refusedClosed = await errorOf(`http://127.0.0.1:${closedPort}/`);
    const refusedBanner = await errorOf(`http://127.0.0.1:${bannerPort}/`);
    assert.equal(refusedClosed, REFUSED_ADDRESS);
    assert.equal(refusedBanner, REFUSED_ADDRESS);
    assert.equal(bannerConnections, 0, "a refused address is never connected to");
    // With the flag (an operator's own network): whatever fails before an HTTP answer has one message.
    const closed = await errorOf(`http://127.0.0.1:${closedPort}/`, { allowPrivateUrls: true });
    const service = await errorOf(`http://127.0.0.1:${bannerPort}/`, { allowPrivateUrls: true });
    assert.equal(closed, NO_ANSWER);
    assert.equal(service, NO_ANSWER);
    assert.equal(bannerConnections, 1);
    assert.doesNotMatch(`${closed} ${service}`, /ECONN|SSH|OpenSSH|parse|HPE_/);
  });

  test("HTTP errors give the status and the standard reason, never the server's own words", async () => {
    assert.equal(
      await errorOf(`${base}/teapot`, { allowPrivateUrls: true }),
      "could not fetch URL: HTTP 418 I'm a Teapot",
    );
  });

  test("a resolver that never answers is cut by the deadline", async () => {
    const started = Date.now();
    const hang: Resolver = () => new Promise(() => undefined);
    assert.equal(await errorOf("http://slow-dns.example/", { resolve: hang, timeoutMs: 300 }), NO_ANSWER);
    assert.ok(Date.now() - started < 2000);
  });

  test("unknown names: host not found", async () => {
    assert.equal(
      await errorOf(`http://nowhere.invalid/`, { resolve: fakeDns() }),
      "could not fetch URL: host not found",
    );
  });

  test("a gzip-encoded page is decoded; a gzip bomb is cut at the size limit counted after decoding", async () => {
    const [a] = articles(await collect(readSources([`${base}/gzip-page`], { allowPrivateUrls: true })));
    assert.equal(a?.title, "Compressed page headline");
    assert.equal(
      await errorOf(`${base}/gzip-bomb`, { allowPrivateUrls: true, maxBytes: 1024 * 1024 }),
      "response too large (more than 1.0 MB limit)",
    );
  });
});
