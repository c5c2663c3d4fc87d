// The admin URL ingest (POST /api/ingest {url}) is not a window onto the server's own network: loopback is refused
// unless the operator started the server with --allow-private-urls, and the answer never tells an open port from
// a closed one.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { REFUSED_ADDRESS } from "../ingest/guard.ts";
import { newsPage, SAMPLE_PARAGRAPHS } from "../ingest/test-helpers.ts";
import { openStore } from "../store/index.ts";
import type { Store } from "../store/types.ts";
import { createApp } from "./app.ts";
import type { TollApp } from "./app.ts";
import { hashPassword } from "./auth.ts";

let dir: string;
let store: Store;
let web: Server;
let webPort = 0;
let webHits = 0;
let service: TcpServer;
let servicePort = 0;
let serviceConnections = 0;
let closedPort = 0;

async function listening(s: Server | TcpServer): Promise<number> {
  s.listen(0, "127.0.0.1");
  await new Promise<void>((r) => s.once("listening", r));
  return (s.address() as AddressInfo).port;
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "toll-ssrf-"));
  store = await openStore(path.join(dir, "t.db"));
  web = createHttpServer((_req, res) => {
    webHits++;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", server: "InternalAdmin/1.0" });
    res.end(
      newsPage({
        title: "Internal page headline words",
        paragraphs: SAMPLE_PARAGRAPHS,
        siteName: "Intranet",
      }),
    );
  });
  webPort = await listening(web);
  service = createTcpServer((socket) => {
    serviceConnections++;
    socket.end("220 mail.internal ESMTP Postfix\r\n");
  });
  servicePort = await listening(service);
  const probe = createTcpServer();
  closedPort = await listening(probe);
  await new Promise<void>((r) => probe.close(() => r()));
});

after(async () => {
  web.closeAllConnections();
  await new Promise<void>((r) => web.close(() => r()));
  await new Promise<void>((r) => service.close(() => r()));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function adminSession(t: TollApp, name: string): Promise<{ cookie: string; csrf: string }> {
  await t.reviews.addUser(name, "admin", await hashPassword(`${name}-password`), "test");
  const r = await t.app.request("/api/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: `${name}-password` }),
  });
  assert.equal(r.status, 200);
  const body = (await r.json()) as { csrf: string };
  return { cookie: (r.headers.get("set-cookie") ?? "").split(";")[0] ?? "", csrf: body.csrf };
}

async function ingestUrl(
  t: TollApp,
  s: { cookie: string; csrf: string },
  url: string,
): Promise<{ status: number; inserted: number; errors: string[] }> {
  const r = await t.app.request("/api/ingest", {
    method: "POST",
    headers: { "content-type": "application/json", cookie: s.cookie, "x-csrf-token": s.csrf },
    body: JSON.stringify({ url }),
  });
  const body = (await r.json()) as { inserted: number; errors: string[] };
  // The error lines name the URL that was asked for (and so its port); what follows it must not differ.
  return {
    status: r.status,
    inserted: body.inserted,
    errors: body.errors.map((e) => e.replaceAll(url, "URL")),
  };
}

describe("admin URL ingest and private addresses", () => {
  it("refuses loopback by default, and an open port reads exactly like a closed one", async () => {
    const t = await createApp({ store, gazetteer: false, log: () => undefined });
    const s = await adminSession(t, "ada");
    const open = await ingestUrl(t, s, `http://127.0.0.1:${webPort}/`);
    const other = await ingestUrl(t, s, `http://127.0.0.1:${servicePort}/`);
    const closed = await ingestUrl(t, s, `http://127.0.0.1:${closedPort}/`);
    const unspecified = await ingestUrl(t, s, `http://0.0.0.0:${webPort}/`);
    for (const r of [open, other, closed, unspecified]) {
      assert.equal(r.status, 200);
      assert.equal(r.inserted, 0);
      assert.deepEqual(r.errors, [`error: URL: ${REFUSED_ADDRESS}`]);
    }
    assert.deepEqual([webHits, serviceConnections], [0, 0], "nothing was connected to");
  });

  it("with allowPrivateUrls (toll serve --allow-private-urls) a loopback page is ingested, and failures still say nothing of the service", async () => {
    const t = await createApp({ store, gazetteer: false, log: () => undefined, allowPrivateUrls: true });
    const s = await adminSession(t, "bea");
    const page = await ingestUrl(t, s, `http://127.0.0.1:${webPort}/`);
    assert.deepEqual([page.inserted, page.errors], [1, []]);
    assert.equal(webHits, 1);
    const other = await ingestUrl(t, s, `http://127.0.0.1:${servicePort}/`);
    const closed = await ingestUrl(t, s, `http://127.0.0.1:${closedPort}/`);
    assert.equal(serviceConnections, 1);
    assert.deepEqual(other.errors, closed.errors);
    assert.equal(other.errors.length, 1);
    assert.doesNotMatch(other.errors[0] ?? "", /ESMTP|Postfix|ECONN|refused|HPE_/);
  });
});
