// The doors of the server (issue 14), in process with app.request(): body size limits before anything else, who is
// asking before what is asked, login throttling and lockout with an audit trail, token revocation, disabled users,
// password resets, Secure cookies behind a proxy, upload names, and URL ingest that cannot reach this network.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { Command } from "commander";
import { registerUser } from "../cli/commands/user.ts";
import { openStore } from "../store/index.ts";
import type { Store } from "../store/types.ts";
import { createApp, uploadName } from "./app.ts";
import type { AppOptions, TollApp } from "./app.ts";
import { hashPassword } from "./auth.ts";

let dir: string;
let db: string;
let store: Store;

interface Session {
  cookie: string;
  csrf: string;
}

const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

async function req(
  t: TollApp,
  p: string,
  init: {
    method?: string;
    body?: unknown;
    s?: Session;
    headers?: Record<string, string>;
    address?: string;
  } = {},
) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.body !== undefined) headers["content-type"] ??= "application/json";
  if (init.s) {
    headers["cookie"] = init.s.cookie;
    if (init.method && init.method !== "GET") headers["x-csrf-token"] ??= init.s.csrf;
  }
  const res = await t.app.request(
    p,
    {
      method: init.method ?? "GET",
      headers,
      body:
        init.body === undefined
          ? undefined
          : typeof init.body === "string"
            ? init.body
            : JSON.stringify(init.body),
    },
    from(init.address ?? "192.0.2.1"),
  );
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { status: res.status, json, text, res };
}

async function login(t: TollApp, name: string, password: string, address?: string): Promise<Session> {
  const r = await req(t, "/api/login", {
    method: "POST",
    body: { name, password },
    ...(address ? { address } : {}),
  });
  assert.equal(r.status, 200, r.text);
  return {
    cookie: (r.res.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    csrf: String(r.json?.["csrf"]),
  };
}

const apps: TollApp[] = [];
async function app(extra: Partial<AppOptions> = {}): Promise<TollApp> {
  const t = await createApp({ store, gazetteer: false, log: () => undefined, ...extra });
  apps.push(t);
  return t;
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "toll-hard-"));
  db = path.join(dir, "t.db");
  store = await openStore(db);
  const t = await app();
  for (const [name, role] of [
    ["ada", "admin"],
    ["ann", "analyst"],
    ["vic", "viewer"],
    ["lou", "viewer"],
  ] as const)
    await t.reviews.addUser(name, role, await hashPassword(`${name}-password`), "test");
});

after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("request bodies", () => {
  it("a 200 MB login body is refused with 413 without being read (declared length, and streamed without one)", async () => {
    const t = await app();
    let pulled = 0;
    const huge = () =>
      new ReadableStream<Uint8Array>({
        pull(ctrl) {
          if (pulled >= 200 * 1024 * 1024) return ctrl.close();
          const chunk = new Uint8Array(64 * 1024).fill(0x61);
          pulled += chunk.byteLength;
          ctrl.enqueue(chunk);
        },
      });
    const declared = await t.app.request(
      "/api/login",
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(200 * 1024 * 1024) },
        body: huge(),
        duplex: "half",
      } as RequestInit,
      from("192.0.2.9"),
    );
    assert.equal(declared.status, 413);
    assert.ok(pulled <= 256 * 1024, `read ${pulled} bytes of a body it refused by its length`);
    pulled = 0;
    const chunked = await t.app.request(
      "/api/login",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: huge(),
        duplex: "half",
      } as RequestInit,
      from("192.0.2.9"),
    );
    assert.equal(chunked.status, 413);
    assert.ok(pulled < 4 * 1024 * 1024, `read ${pulled} bytes before refusing`);
  });

  it("an unauthenticated write with a malformed body is a 401, not a 400; a viewer's is a 403", async () => {
    const t = await app();
    for (const [p, method] of [
      ["/api/ingest", "POST"],
      ["/api/users", "POST"],
      ["/api/claims/1/review", "POST"],
      ["/api/incidents/inc_abc/merge", "POST"],
      ["/api/tokens", "POST"],
      ["/api/tokens/1", "DELETE"],
    ] as const) {
      const r = await req(t, p, { method, body: "{not json" });
      assert.equal(r.status, 401, `${method} ${p}: ${r.text}`);
    }
    const vic = await login(t, "vic", "vic-password");
    assert.equal((await req(t, "/api/users", { method: "POST", body: "{not json", s: vic })).status, 403);
    assert.equal((await req(t, "/api/ingest", { method: "POST", body: { nothing: 1 }, s: vic })).status, 403);
    // A logged-in admin's malformed body is still a 400 that names the problem.
    const ada = await login(t, "ada", "ada-password");
    assert.equal((await req(t, "/api/users", { method: "POST", body: { name: "x" }, s: ada })).status, 400);
  });
});

describe("login throttling", () => {
  it("5 wrong passwords lock the account: 429 with Retry-After, the right password too; every failure is audited", async () => {
    const t = await app();
    for (let i = 0; i < 5; i++)
      assert.equal(
        (await req(t, "/api/login", { method: "POST", body: { name: "lou", password: `guess-${i}` } }))
          .status,
        401,
      );
    const locked = await req(t, "/api/login", {
      method: "POST",
      body: { name: "lou", password: "lou-password" },
    });
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.res.headers.get("retry-after")) > 0);
    // The lock is on the account, wherever the attempt comes from.
    assert.equal(
      (
        await req(t, "/api/login", {
          method: "POST",
          body: { name: "LOU", password: "lou-password" },
          address: "198.51.100.7",
        })
      ).status,
      429,
    );
    // Other accounts are not locked.
    await login(t, "ann", "ann-password");
    const audit = await t.reviews.auditFor("user", "lou");
    assert.equal(audit.filter((a) => a.action === "session.login_failed").length, 5);
    assert.equal(audit.filter((a) => a.action === "session.lockout").length, 1);
    assert.deepEqual(audit.find((a) => a.action === "session.login_failed")?.after, {
      address: "192.0.2.1",
      reason: "wrong password",
    });
    // Unknown names are audited too (a guesser's list is worth seeing).
    await req(t, "/api/login", { method: "POST", body: { name: "nobody", password: "whatever" } });
    assert.equal((await t.reviews.auditFor("user", "nobody"))[0]?.action, "session.login_failed");
  });

  it("one address guessing across many names is throttled; a parallel burst cannot slip past the limit", async () => {
    const t = await app({ loginThrottle: { perAddress: 10, perAccount: 5 } });
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        req(t, "/api/login", {
          method: "POST",
          body: { name: `name${i}`, password: "guess-guess" },
          address: "203.0.113.5",
        }),
      ),
    );
    assert.equal(burst.filter((r) => r.status === 401).length, 10);
    assert.equal(burst.filter((r) => r.status === 429).length, 30);
    const parallelOneAccount = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        req(t, "/api/login", {
          method: "POST",
          body: { name: "vic", password: `guess-${i}` },
          address: `203.0.113.${100 + i}`,
        }),
      ),
    );
    assert.equal(parallelOneAccount.filter((r) => r.status === 401).length, 5);
    // Another address is not held back by the first one's lockout.
    assert.equal(
      (
        await req(t, "/api/login", {
          method: "POST",
          body: { name: "ada", password: "ada-password" },
          address: "203.0.113.6",
        })
      ).status,
      200,
    );
  });
});

describe("tokens, disabled users, password resets", () => {
  it("an admin revokes a token (API); it stops working at once; the revocation is audited", async () => {
    const t = await app();
    const ann = await login(t, "ann", "ann-password");
    const made = await req(t, "/api/tokens", { method: "POST", body: { name: "script" }, s: ann });
    assert.equal(made.status, 200);
    const token = String(made.json?.["token"]);
    const bearer = { authorization: `Bearer ${token}` };
    assert.equal((await req(t, "/api/me", { headers: bearer })).json?.["via"], "token");
    // Not the analyst's to revoke: admin only.
    assert.equal(
      (await req(t, `/api/tokens/${String(made.json?.["id"])}`, { method: "DELETE", s: ann })).status,
      403,
    );
    const ada = await login(t, "ada", "ada-password");
    const listed = await req(t, "/api/users/ann/tokens", { s: ada });
    assert.ok((listed.json?.["items"] as Array<{ id: number }>).some((x) => x.id === made.json?.["id"]));
    const revoked = await req(t, `/api/tokens/${String(made.json?.["id"])}`, { method: "DELETE", s: ada });
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal((await req(t, "/api/me", { headers: bearer })).status, 401);
    assert.ok(
      (await t.reviews.auditFor("user", "ann")).some((a) => a.action === "token.revoke" && a.actor === "ada"),
    );
  });

  it("a disabled user's session and tokens stop working at once; enabled again, the user can log in", async () => {
    const t = await app();
    const vic = await login(t, "vic", "vic-password");
    const made = await req(t, "/api/tokens", { method: "POST", body: { name: "script" }, s: vic });
    const bearer = { authorization: `Bearer ${String(made.json?.["token"])}` };
    const ada = await login(t, "ada", "ada-password");
    assert.equal((await req(t, "/api/users/ada/disable", { method: "POST", s: ada })).status, 400);
    const off = await req(t, "/api/users/vic/disable", { method: "POST", s: ada });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.json?.["disabled"], true);
    assert.equal((await req(t, "/api/me", { s: vic })).json?.["user"], null);
    assert.equal((await req(t, "/api/me", { headers: bearer })).status, 401);
    assert.equal(
      (await req(t, "/api/login", { method: "POST", body: { name: "vic", password: "vic-password" } }))
        .status,
      401,
    );
    assert.equal((await req(t, "/api/users/vic/enable", { method: "POST", s: ada })).status, 200);
    await login(t, "vic", "vic-password");
    const audit = (await t.reviews.auditFor("user", "vic")).map((a) => a.action);
    assert.ok(audit.includes("user.disable") && audit.includes("user.enable"));
  });

  it("toll user add --reset ends the user's sessions and revokes the tokens; toll user disable/revoke work from the CLI", async () => {
    const t = await app();
    const ann = await login(t, "ann", "ann-password");
    const made = await req(t, "/api/tokens", { method: "POST", body: { name: "script" }, s: ann });
    const bearer = { authorization: `Bearer ${String(made.json?.["token"])}` };
    let out = "";
    const io = {
      out: new Writable({ write: (c: Buffer, _e, cb) => ((out += c.toString()), cb()) }),
      err: new Writable({ write: (_c, _e, cb) => cb() }),
    };
    const cli = async (args: string[]) => {
      const program = new Command().exitOverride();
      registerUser(program, io, { read: () => Promise.resolve("unused-password") });
      await program.parseAsync(["node", "toll", ...args, "--db", db]);
    };
    await cli(["user", "add", "ann", "--reset", "--password", "ann-new-password"]);
    assert.match(out, /password of ann reset; [1-9]\d* sessions ended, 1 API tokens revoked/);
    assert.equal((await req(t, "/api/me", { s: ann })).json?.["user"], null);
    assert.equal((await req(t, "/api/me", { headers: bearer })).status, 401);
    const again = await login(t, "ann", "ann-new-password");
    const second = await req(t, "/api/tokens", { method: "POST", body: { name: "second" }, s: again });
    await cli(["user", "revoke", "ann"]);
    assert.match(out, /1 API token of ann revoked/);
    assert.equal(
      (await req(t, "/api/me", { headers: { authorization: `Bearer ${String(second.json?.["token"])}` } }))
        .status,
      401,
    );
    await cli(["user", "tokens", "ann"]);
    assert.match(out, /\tsecond\t.*\trevoked /);
    await cli(["user", "disable", "ann"]);
    assert.equal((await req(t, "/api/me", { s: again })).json?.["user"], null);
    await cli(["user", "enable", "ann"]);
    await cli(["user", "add", "ann", "--reset", "--password", "ann-password"]);
  });
});

describe("the session cookie behind a TLS proxy", () => {
  const cookieOf = async (t: TollApp, headers: Record<string, string> = {}) =>
    (
      await req(t, "/api/login", { method: "POST", body: { name: "ada", password: "ada-password" }, headers })
    ).res.headers.get("set-cookie") ?? "";
  it("--secure-cookies marks it Secure; X-Forwarded-Proto counts only with --trust-proxy", async () => {
    assert.doesNotMatch(await cookieOf(await app()), /;\s*Secure/i);
    assert.match(await cookieOf(await app({ secureCookies: true })), /;\s*Secure/i);
    assert.doesNotMatch(await cookieOf(await app(), { "x-forwarded-proto": "https" }), /;\s*Secure/i);
    assert.match(
      await cookieOf(await app({ trustProxy: true }), { "x-forwarded-proto": "https" }),
      /;\s*Secure/i,
    );
  });
});

describe("uploads", () => {
  it('filename "." or ".." is a 400 naming it, and no temporary folder is left behind', async () => {
    const uploads = mkdtempSync(path.join(tmpdir(), "toll-uploads-"));
    try {
      const t = await app({ uploadTmpDir: uploads });
      const ada = await login(t, "ada", "ada-password");
      for (const filename of [".", ".."]) {
        const r = await req(t, "/api/ingest", {
          method: "POST",
          body: { filename, content: "Five people were killed." },
          s: ada,
        });
        assert.equal(r.status, 400, r.text);
        assert.match(String(r.json?.["message"]), /filename/);
      }
      const okUpload = await req(t, "/api/ingest", {
        method: "POST",
        body: { filename: "report.txt", content: "Five people were killed in Gao on Monday." },
        s: ada,
      });
      assert.equal(okUpload.status, 200, okUpload.text);
      assert.deepEqual(readdirSync(uploads), []);
    } finally {
      rmSync(uploads, { recursive: true, force: true });
    }
  });

  it("names written to disk are one safe path part, never . or ..", () => {
    assert.equal(uploadName(".."), "upload.txt");
    assert.equal(uploadName("."), "upload.txt");
    assert.equal(uploadName(undefined), "upload.txt");
    assert.equal(uploadName("../../etc/passwd"), "passwd");
    assert.equal(uploadName("a\\..\\b.html"), "b.html");
    assert.equal(uploadName("r\u00e9sum\u00e9 1.txt"), "r_sum__1.txt");
  });
});

describe("URL ingest and this machine's network", () => {
  let hits = 0;
  const local = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("Seven people were killed in an attack on a market in Gao on Monday, officials said.");
  });
  let port = 0;
  let closedPort = 0;
  before(async () => {
    await new Promise<void>((r) => local.listen(0, "127.0.0.1", () => r()));
    port = (local.address() as AddressInfo).port;
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
  });
  after(() => new Promise<void>((r) => local.close(() => r())));

  it("loopback, localhost, 0.0.0.0 and link-local are refused before connecting, with one message for open and closed ports", async () => {
    const t = await app();
    const ada = await login(t, "ada", "ada-password");
    const ingest = async (url: string) => {
      const r = await req(t, "/api/ingest", { method: "POST", body: { url }, s: ada });
      assert.equal(r.status, 200, r.text);
      return (r.json?.["errors"] as string[]).join("\n");
    };
    const open = await ingest(`http://127.0.0.1:${port}/page.txt`);
    const closed = await ingest(`http://127.0.0.1:${closedPort}/page.txt`);
    assert.match(open, /refused to fetch 127\.0\.0\.1: not a public address/);
    assert.equal(open.replace(String(port), "P"), closed.replace(String(closedPort), "P"));
    assert.match(await ingest(`http://localhost:${port}/x`), /refused to fetch localhost/);
    assert.match(await ingest(`http://0.0.0.0:${port}/x`), /refused to fetch 0\.0\.0\.0/);
    assert.match(
      await ingest("http://169.254.169.254/latest/meta-data/"),
      /refused to fetch 169\.254\.169\.254/,
    );
    assert.match(await ingest(`http://[::1]:${port}/x`), /refused to fetch ::1/);
    assert.equal(hits, 0);
    // The operator's flag lets an intranet source through.
    const allowed = await app({ allowPrivateUrls: true });
    const ada2 = await login(allowed, "ada", "ada-password");
    const r = await req(allowed, "/api/ingest", {
      method: "POST",
      body: { url: `http://127.0.0.1:${port}/page.txt` },
      s: ada2,
    });
    assert.deepEqual(r.json?.["errors"], []);
    assert.equal(hits, 1);
    // With the flag, a failure to connect still does not say what answered.
    const failed = await req(allowed, "/api/ingest", {
      method: "POST",
      body: { url: `http://127.0.0.1:${closedPort}/x` },
      s: ada2,
    });
    assert.match(
      (failed.json?.["errors"] as string[]).join(""),
      /could not fetch the URL \(no connection or no answer in time\)/,
    );
  });
});
