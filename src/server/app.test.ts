// In-process API tests (app.request(), no open port): every endpoint, its validation errors and its permissions.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { ingestSources } from "../pipeline/index.ts";
import { openStore } from "../store/index.ts";
import type { Store } from "../store/types.ts";
import { createApp } from "./app.ts";
import type { TollApp } from "./app.ts";
import { hashPassword } from "./auth.ts";

const root = path.resolve(import.meta.dirname, "../..");

let dir: string;
let store: Store;
let t: TollApp;
let pub: TollApp;

interface Session {
  cookie: string;
  csrf: string;
}

async function req(app: TollApp, p: string, init: { method?: string; body?: unknown; s?: Session; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.s) {
    headers["cookie"] = init.s.cookie;
    if (init.method && init.method !== "GET" && headers["x-csrf-token"] === undefined) headers["x-csrf-token"] = init.s.csrf;
  }
  const res = await app.app.request(p, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json: json as Record<string, any>, text, res }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function login(name: string, password: string): Promise<Session> {
  const r = await req(t, "/api/login", { method: "POST", body: { name, password } });
  assert.equal(r.status, 200, r.text);
  const set = r.res.headers.get("set-cookie") ?? "";
  assert.match(set, /HttpOnly/i);
  assert.match(set, /SameSite=Strict/i);
  return { cookie: set.split(";")[0] ?? "", csrf: r.json["csrf"] as string };
}

let admin: Session;
let analyst: Session;
let viewer: Session;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "toll-api-"));
  const db = path.join(dir, "t.db");
  store = await openStore(db);
  await ingestSources(store, [path.join(root, "examples/mosul-2017-03-25.txt"), path.join(root, "examples/illustrative-reports.jsonl")], { gazetteer: false, threads: 0 });
  t = await createApp({ store, public: false, gazetteer: false, log: () => undefined });
  pub = await createApp({ store, public: true, gazetteer: false, log: () => undefined });
  for (const [name, role] of [
    ["ada", "admin"],
    ["ann", "analyst"],
    ["vic", "viewer"],
  ] as const)
    await t.reviews.addUser(name, role, await hashPassword(`${name}-password`), "test");
  admin = await login("ada", "ada-password");
  analyst = await login("ann", "ann-password");
  viewer = await login("vic", "vic-password");
});

after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("openapi and errors", () => {
  it("serves an OpenAPI document generated from the request schemas", async () => {
    const r = await req(t, "/openapi.json");
    assert.equal(r.status, 200);
    const paths = Object.keys(r.json["paths"] as object);
    for (const p of ["/api/incidents", "/api/incidents/{id}", "/api/claims", "/api/articles/{id}", "/api/export", "/api/ingest", "/api/claims/{id}/review", "/api/incidents/{id}/merge", "/api/incidents/{id}/split", "/api/totals", "/api/timeline", "/api/search", "/api/aggregates", "/api/stats", "/api/login", "/api/users", "/api/tokens", "/api/audit", "/api/review/queue"])
      assert.ok(paths.includes(p), `missing ${p}`);
    const params = (r.json["paths"] as any)["/api/claims"].get.parameters.map((x: { name: string }) => x.name); // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const n of ["from", "to", "country", "place", "metric", "victims", "q", "cursor", "limit"]) assert.ok(params.includes(n), n);
  });

  it("unknown routes are JSON 404s; malformed JSON is a 400 without a stack trace", async () => {
    assert.equal((await req(t, "/api/nope", { s: viewer })).status, 404);
    const r = await req(t, "/api/claims/1/review", { method: "POST", s: analyst, body: "{not json" });
    assert.equal(r.status, 400);
    assert.doesNotMatch(r.text, /at \w+ \(|\.ts:\d+/);
  });
});

describe("permissions", () => {
  it("a private instance needs a login or a token to read", async () => {
    assert.equal((await req(t, "/api/incidents")).status, 401);
    assert.equal((await req(t, "/api/incidents", { s: viewer })).status, 200);
    assert.equal((await req(pub, "/api/incidents")).status, 200, "public instance: anonymous viewer");
    assert.equal((await req(pub, "/api/review/queue")).status, 401);
  });

  it("roles: viewer cannot review, analyst cannot ingest or add users", async () => {
    const claim = (await req(t, "/api/claims?limit=1", { s: viewer })).json["items"][0];
    assert.equal((await req(t, `/api/claims/${claim.claim_id}/review`, { method: "POST", s: viewer, body: { action: "confirm" } })).status, 403);
    assert.equal((await req(t, "/api/ingest", { method: "POST", s: analyst, body: { filename: "a.txt", content: "x" } })).status, 403);
    assert.equal((await req(t, "/api/users", { method: "POST", s: analyst, body: { name: "x", role: "admin", password: "12345678" } })).status, 403);
    assert.equal((await req(t, "/api/users", { s: analyst })).status, 403);
    assert.equal((await req(t, "/api/review/queue", { s: viewer })).status, 403);
    assert.equal((await req(t, "/api/audit", { s: viewer })).status, 403);
  });

  it("wrong password is a 401; logout ends the session", async () => {
    assert.equal((await req(t, "/api/login", { method: "POST", body: { name: "ada", password: "nope-nope" } })).status, 401);
    assert.equal((await req(t, "/api/login", { method: "POST", body: { name: "nobody", password: "nope-nope" } })).status, 401);
    const s = await login("vic", "vic-password");
    assert.equal((await req(t, "/api/me", { s })).json["user"].name, "vic");
    assert.equal((await req(t, "/api/logout", { method: "POST", s })).status, 200);
    assert.equal((await req(t, "/api/me", { s })).json["user"], null);
  });

  it("CSRF: cookie writes need the token header and a same-origin Origin; Bearer tokens need neither", async () => {
    const claim = (await req(t, "/api/claims?limit=1", { s: viewer })).json["items"][0];
    const url = `/api/claims/${claim.claim_id}/review`;
    const noToken = await req(t, url, { method: "POST", s: analyst, body: { action: "confirm" }, headers: { "x-csrf-token": "" } });
    assert.equal(noToken.status, 403);
    assert.match(noToken.json["message"], /CSRF/);
    const cross = await req(t, url, { method: "POST", s: analyst, body: { action: "confirm" }, headers: { origin: "https://evil.example" } });
    assert.equal(cross.status, 403);
    const tok = await req(t, "/api/tokens", { method: "POST", s: analyst, body: { name: "script" } });
    assert.equal(tok.status, 200);
    const bearer = await req(t, url, { method: "POST", body: { action: "confirm" }, headers: { authorization: `Bearer ${tok.json["token"]}` } });
    assert.equal(bearer.status, 200, bearer.text);
    assert.equal((await req(t, "/api/incidents", { headers: { authorization: "Bearer wrong" } })).status, 401);
  });

  it("admin manages users", async () => {
    const r = await req(t, "/api/users", { method: "POST", s: admin, body: { name: "newbie", role: "analyst", password: "long-enough" } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json["role"], "analyst");
    assert.equal((await req(t, "/api/users", { method: "POST", s: admin, body: { name: "newbie", role: "analyst", password: "long-enough" } })).status, 409);
    const bad = await req(t, "/api/users", { method: "POST", s: admin, body: { name: "x", role: "boss", password: "short" } });
    assert.equal(bad.status, 400);
    const params = bad.json["issues"].map((i: { param: string }) => i.param);
    assert.ok(params.includes("role") && params.includes("password"), JSON.stringify(bad.json));
    assert.ok((await req(t, "/api/users", { s: admin })).json["items"].length >= 4);
  });
});

describe("reads", () => {
  it("incidents: list, every page once via the cursor, filters, sorting, one incident with its explanation", async () => {
    const all = await req(t, "/api/incidents?limit=10000", { s: viewer });
    assert.equal(all.status, 200);
    const total = all.json["total"] as number;
    assert.ok(total >= 3, `incidents: ${total}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { json: Record<string, any> } = await req(t, `/api/incidents?limit=1&sort=killed${cursor ? `&cursor=${cursor}` : ""}`, { s: viewer }); // eslint-disable-line @typescript-eslint/no-explicit-any
      seen.push(...r.json["items"].map((i: { id: string }) => i.id));
      cursor = r.json["next"];
    } while (cursor);
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total);
    const killed = (await req(t, "/api/incidents?sort=killed&order=desc", { s: viewer })).json["items"].map((i: { killed: { best: number } | null }) => i.killed?.best ?? -1);
    assert.deepEqual(killed, [...killed].sort((a: number, b: number) => b - a));
    const filtered = await req(t, "/api/incidents?metric=injured&grade=corroborated&from=2017-03&to=2017", { s: viewer });
    assert.equal(filtered.status, 200);
    for (const i of filtered.json["items"]) assert.equal(i.grade, "corroborated");
    const id = all.json["items"][0].id as string;
    const one = await req(t, `/api/incidents/${id}`, { s: viewer });
    assert.equal(one.status, 200);
    assert.match(one.json["explanation"], /^Incident inc_/);
    assert.ok(one.json["claims_detail"].length > 0);
    assert.ok(one.json["sources"].length > 0);
  });

  it("incidents: 400 names the parameter, 404 for unknown ids", async () => {
    const bad = await req(t, "/api/incidents?sort=size&limit=0&from=March", { s: viewer });
    assert.equal(bad.status, 400);
    const params = bad.json["issues"].map((i: { param: string }) => i.param).sort();
    assert.deepEqual(params, ["from", "limit", "sort"]);
    assert.equal((await req(t, "/api/incidents?limit=10001", { s: viewer })).status, 400, "no silent cap");
    assert.equal((await req(t, "/api/incidents?cursor=garbage", { s: viewer })).status, 400);
    assert.equal((await req(t, "/api/incidents/inc_000000000000", { s: viewer })).status, 404);
    assert.equal((await req(t, "/api/incidents/DROP%20TABLE", { s: viewer })).status, 400);
  });

  it("claims: filters as the CLI, cursors, validation", async () => {
    const r = await req(t, "/api/claims?metric=killed&limit=2", { s: viewer });
    assert.equal(r.status, 200);
    assert.equal(r.json["items"].length, 2);
    for (const c of r.json["items"]) assert.equal(c.metric, "killed");
    assert.ok(r.json["next"]);
    const p2 = await req(t, `/api/claims?metric=killed&limit=2&cursor=${r.json["next"]}`, { s: viewer });
    assert.equal(p2.status, 200);
    assert.notEqual(p2.json["items"][0].claim_id, r.json["items"][0].claim_id);
    assert.ok((await req(t, "/api/claims?q=airstrike&from=2017-03-01&to=2017-03-31", { s: viewer })).json["items"].length > 0);
    const bad = await req(t, "/api/claims?metric=eaten&country=Iraq", { s: viewer });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json["issues"].map((i: { param: string }) => i.param).sort(), ["country", "metric"]);
    const badCursor = await req(t, "/api/claims?cursor=abc", { s: viewer });
    assert.equal(badCursor.status, 400);
    assert.equal(badCursor.json["issues"][0].param, "cursor");
    const one = await req(t, `/api/claims/${r.json["items"][0].claim_id}`, { s: viewer });
    assert.equal(one.status, 200);
    assert.ok(Array.isArray(one.json["audit"]));
    assert.equal((await req(t, "/api/claims/999999", { s: viewer })).status, 404);
    assert.equal((await req(t, "/api/claims/abc", { s: viewer })).status, 400);
  });

  it("articles: list with the illustrative flag, one with text and claims, 404", async () => {
    const r = await req(t, "/api/articles", { s: viewer });
    assert.equal(r.status, 200);
    assert.equal(r.json["items"].length, 5);
    assert.equal(r.json["items"].filter((a: { illustrative: boolean }) => a.illustrative).length, 4);
    const seed = r.json["items"].find((a: { illustrative: boolean }) => !a.illustrative);
    const one = await req(t, `/api/articles/${seed.id}`, { s: viewer });
    assert.equal(one.status, 200);
    assert.match(one.json["text"], /3,864/);
    for (const c of one.json["claims"]) assert.equal(one.json["text"].slice(c.evidence.start, c.evidence.end), c.evidence.text);
    assert.ok(one.json["claims"].some((c: { doubt: string[] }) => c.doubt.length > 0), "hedged figures are flagged");
    assert.equal((await req(t, "/api/articles/424242", { s: viewer })).status, 404);
    assert.equal((await req(t, "/api/articles?from=2017-13", { s: viewer })).status, 400);
  });

  it("search, totals, timeline, aggregates, stats", async () => {
    const s = await req(t, "/api/search?q=coalition", { s: viewer });
    assert.equal(s.status, 200);
    assert.ok(s.json["items"].length >= 2);
    assert.equal((await req(t, "/api/search?q=", { s: viewer })).status, 400);
    const tot = await req(t, "/api/totals?by=month&metric=killed", { s: viewer });
    assert.equal(tot.status, 200);
    assert.ok(tot.json["items"].some((r: { key: string }) => r.key === "2017-03"));
    assert.equal((await req(t, "/api/totals?by=galaxy", { s: viewer })).status, 400);
    const tl = await req(t, "/api/timeline?by=week", { s: viewer });
    assert.equal(tl.status, 200);
    assert.ok(tl.json["items"].length > 0);
    assert.equal(tl.json["items"][0].killed.length, 3);
    const ag = await req(t, "/api/aggregates", { s: viewer });
    assert.ok(ag.json["items"].some((a: { best: number }) => a.best === 3864), "the running total is kept apart");
    const st = await req(t, "/api/stats", { s: viewer });
    assert.equal(st.json["articles"], 5);
    assert.ok(st.json["incidents"] > 0);
  });

  it("exports CSV, JSON and GeoJSON", async () => {
    const csv = await req(t, "/api/export?format=csv", { s: viewer });
    assert.equal(csv.status, 200);
    assert.match(csv.res.headers.get("content-type") ?? "", /text\/csv/);
    assert.match(csv.text.split("\n")[0] ?? "", /^claim_id,/);
    const js = await req(t, "/api/export?format=json", { s: viewer });
    assert.ok(Array.isArray(js.json));
    const geo = await req(t, "/api/export?format=geojson", { s: viewer });
    assert.equal(geo.json["type"], "FeatureCollection");
    assert.equal((await req(t, "/api/export?format=xml", { s: viewer })).status, 400);
  });

  it("one filter drives list, timeline, totals and the incident export alike", async () => {
    type Row = { id: string; killed: unknown; date: { start: string } | null };
    const all = (await req(t, "/api/incidents?limit=10000", { s: viewer })).json["items"] as Row[];
    assert.ok(all.length >= 3);
    const queries = [
      "",
      "grade=corroborated",
      "from=2017-03&to=2017-03",
      "place=mosul",
      "review=unreviewed&metric=killed",
      "from=2099",
    ];
    let narrowed = 0;
    for (const q of queries) {
      const list = await req(t, `/api/incidents?limit=10000&${q}`, { s: viewer });
      assert.equal(list.status, 200, list.text);
      const items = list.json["items"] as Row[];
      assert.equal(list.json["total"], items.length);
      if (items.length < all.length) narrowed++;
      const ids = items.map((i) => i.id).sort();
      const exp = await req(t, `/api/export/incidents?format=json&${q}`, { s: viewer });
      assert.equal(exp.status, 200, exp.text);
      assert.deepEqual(
        (exp.json as unknown as { id: string }[]).map((r) => r.id).sort(),
        ids,
        `export for ${q}`,
      );
      assert.equal(exp.res.headers.get("x-total-count"), String(ids.length));
      const tl = await req(t, `/api/timeline?by=month&${q}`, { s: viewer });
      const inTimeline = (tl.json["items"] as { incidents: number }[]).reduce((n, b) => n + b.incidents, 0);
      assert.equal(inTimeline, items.filter((i) => i.date).length, `timeline for ${q}`);
      const tot = await req(t, `/api/totals?by=country&${q.includes("metric=") ? q : `metric=killed&${q}`}`, {
        s: viewer,
      });
      assert.equal(tot.status, 200, tot.text);
      const inTotals = (tot.json["items"] as { incidents: { count: number } }[]).reduce(
        (n, r) => n + r.incidents.count,
        0,
      );
      assert.equal(inTotals, items.filter((i) => i.killed).length, `totals for ${q}`);
      if (q === "from=2099") assert.equal(items.length, 0);
    }
    assert.ok(narrowed >= 3, "the filters narrow");
    // An invalid filter is the same 400 everywhere.
    for (const p of ["/api/incidents", "/api/timeline", "/api/totals", "/api/export/incidents"]) {
      const bad = await req(t, `${p}?from=2017-13`, { s: viewer });
      assert.equal(bad.status, 400, p);
      assert.match(bad.json["message"], /^from: /);
    }
  });

  it("incident export: UCDP GED-style columns in CSV, GeoJSON with [lon, lat], url to the incident page", async () => {
    const csv = await req(t, "/api/export/incidents?format=csv", {
      s: viewer,
      headers: { host: "toll.example:8080" },
    });
    assert.equal(csv.status, 200);
    assert.match(csv.res.headers.get("content-disposition") ?? "", /toll-incidents\.csv/);
    const [head, first] = csv.text.replace(/^\uFEFF/, "").split("\r\n");
    assert.equal(
      head,
      "id,date_start,date_end,date_prec,country,place,latitude,longitude,where_prec,killed_low,killed_best,killed_high,injured_low,injured_best,injured_high,perpetrator,method,grade,sources,claims,review_status,url",
    );
    assert.match(first ?? "", /"http:\/\/toll\.example:8080\/#\/incident\/inc_[0-9a-z]+"$/);
    const geo = await req(t, "/api/export/incidents?format=geojson", { s: viewer });
    assert.equal(geo.json["type"], "FeatureCollection");
    for (const f of geo.json["features"] as {
      geometry: { coordinates: number[] };
      properties: { latitude: number; longitude: number };
    }[])
      assert.deepEqual(f.geometry.coordinates, [f.properties.longitude, f.properties.latitude]);
    assert.equal((await req(t, "/api/export/incidents?format=xml", { s: viewer })).status, 400);
    assert.equal((await req(t, "/api/export/incidents")).status, 401);
  });

  it("totals: each running total comes with its evidence (articles, claims, who gave it)", async () => {
    const tot = await req(t, "/api/totals?by=month&metric=killed", { s: viewer });
    type Agg = {
      best: number;
      articles: { article_id: string; title: string | null }[];
      claims: number[];
      sources: string[];
    };
    const march = (
      tot.json["items"] as {
        key: string;
        aggregate: Agg | null;
        incidents: { ids: string[]; best: number };
      }[]
    ).find((r) => r.key === "2017-03");
    assert.ok(march?.aggregate, JSON.stringify(tot.json));
    assert.equal(march.aggregate.best, 3864);
    assert.ok(march.aggregate.articles.length >= 1 && march.aggregate.claims.length >= 1);
    assert.ok(
      march.incidents.ids.length >= 1 && march.incidents.best < 3864,
      "incidents summed apart from the running total",
    );
    // A filter for another country leaves no running total of Iraq behind.
    const none = await req(t, "/api/totals?by=month&metric=killed&country=NG", { s: viewer });
    assert.ok(
      (none.json["items"] as { aggregate: { best: number } | null }[]).every(
        (r) => r.aggregate?.best !== 3864,
      ),
    );
  });

  it("grade sorts by strength, not alphabetically", async () => {
    // Its own store: two outlets on one Mosul strike (corroborated) and a lone report (single source).
    const d = mkdtempSync(path.join(tmpdir(), "toll-grades-"));
    const { writeFileSync } = await import("node:fs");
    const reports = [
      { id: "a", outlet: "Reuters", published: "2017-03-18", title: "Air strike kills 30 civilians in Mosul", text: "An air strike killed 30 civilians in Mosul on Friday, a local official said." },
      { id: "b", outlet: "Iraq Gazette", published: "2017-03-19", title: "Mosul toll", text: "At least 35 civilians were killed in an air strike in Mosul on Friday, residents said." },
      { id: "c", outlet: "Nigeria Today", published: "2017-05-02", title: "Gunmen kill 7", text: "Gunmen shot dead 7 villagers in Maiduguri on Monday, police said." },
    ];
    writeFileSync(path.join(d, "r.jsonl"), reports.map((r) => JSON.stringify(r)).join("\n"));
    const gs = await openStore(path.join(d, "g.db"));
    try {
      await ingestSources(gs, [path.join(d, "r.jsonl")], { gazetteer: true, threads: 0 });
      const g = await createApp({ store: gs, public: true, gazetteer: false, log: () => undefined });
      const grades = async (order: string) =>
        ((await req(g, `/api/incidents?sort=grade&order=${order}&limit=100`)).json["items"] as { grade: string }[]).map((i) => i.grade);
      // Alphabetically "corroborated" < "single_source" either way round; by strength corroborated comes first descending.
      assert.deepEqual(await grades("desc"), ["corroborated", "single_source"]);
      assert.deepEqual(await grades("asc"), ["single_source", "corroborated"]);
    } finally {
      await gs.close();
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe("the dashboard's static files", () => {
  it("hashed assets are compressed and cached for a year; index.html is revalidated", async () => {
    const { mkdirSync, writeFileSync } = await import("node:fs");
    const dist = path.join(dir, "dist");
    mkdirSync(path.join(dist, "assets"), { recursive: true });
    writeFileSync(
      path.join(dist, "index.html"),
      '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>',
    );
    const js = `console.log(${JSON.stringify("x".repeat(5000))});`;
    writeFileSync(path.join(dist, "assets/index-abc123.js"), js);
    const web = await createApp({
      store,
      public: true,
      gazetteer: false,
      webDist: dist,
      log: () => undefined,
    });
    const index = await web.app.request("/");
    assert.equal(index.headers.get("cache-control"), "no-cache");
    const br = await web.app.request("/assets/index-abc123.js", {
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    assert.equal(br.status, 200);
    assert.equal(br.headers.get("content-encoding"), "br");
    assert.match(br.headers.get("cache-control") ?? "", /max-age=31536000/);
    assert.match(br.headers.get("content-type") ?? "", /javascript/);
    const { brotliDecompressSync, gunzipSync } = await import("node:zlib");
    const brBody = Buffer.from(await br.arrayBuffer());
    assert.ok(brBody.length < js.length / 10);
    assert.equal(brotliDecompressSync(brBody).toString(), js);
    const gz = await web.app.request("/assets/index-abc123.js", { headers: { "accept-encoding": "gzip" } });
    assert.equal(gz.headers.get("content-encoding"), "gzip");
    assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), js);
    const plain = await web.app.request("/assets/index-abc123.js");
    assert.equal(plain.headers.get("content-encoding"), null);
    assert.equal(await plain.text(), js);
    assert.equal((await web.app.request("/assets/..%2F..%2Fetc%2Fpasswd")).status, 404);
    assert.equal((await web.app.request("/assets/nope.js")).status, 404);
  });
});

describe("review, audit and incident actions", () => {
  it("a correction keeps the machine's value beside it, is audited, and survives a re-ingest", async () => {
    const claims = (await req(t, "/api/claims?metric=killed&limit=100", { s: viewer })).json["items"];
    const c = claims.find((x: { value: number }) => x.value === 237);
    assert.ok(c, "the 237 claim");
    const bad = await req(t, `/api/claims/${c.claim_id}/review`, { method: "POST", s: analyst, body: { action: "correct", corrections: { value: 300 } } });
    assert.equal(bad.status, 400, "low <= value <= high is checked");
    const none = await req(t, `/api/claims/${c.claim_id}/review`, { method: "POST", s: analyst, body: { action: "correct" } });
    assert.equal(none.status, 400);
    assert.equal(none.json["issues"][0].param, "corrections");
    const unknownField = await req(t, `/api/claims/${c.claim_id}/review`, { method: "POST", s: analyst, body: { action: "correct", corrections: { colour: "red" } } });
    assert.equal(unknownField.status, 400);
    const r = await req(t, `/api/claims/${c.claim_id}/review`, {
      method: "POST",
      s: analyst,
      body: { action: "correct", corrections: { value: 230, low: 230, high: 240, qualifier: "range" }, note: "later figure" },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json["value"], 230);
    assert.equal(r.json["machine"].value, 237);
    assert.equal(r.json["review"].status, "corrected");
    const audit = r.json["audit"].at(-1);
    assert.equal(audit.actor, "ann");
    assert.equal(audit.action, "claim.correct");
    assert.equal(audit.after.corrections.value, 230);
    // The incident's figures use the corrected claim.
    const inc = await req(t, `/api/incidents/${r.json["incident"]}`, { s: viewer });
    assert.ok(inc.json["figures"].some((f: { high: number }) => f.high === 240), JSON.stringify(inc.json["figures"]));
    // A later automatic run (the same files again) does not overwrite the review.
    await ingestSources(store, [path.join(root, "examples/mosul-2017-03-25.txt")], { gazetteer: false, threads: 0 });
    await t.refresh();
    const again = await req(t, `/api/claims/${c.claim_id}`, { s: viewer });
    assert.equal(again.json["value"], 230);
    assert.equal(again.json["machine"].value, 237);
    // Export carries the analyst's value.
    const exp = (await req(t, "/api/export?format=json", { s: viewer })).json as { claim_id: number; value: number }[];
    assert.equal(exp.find((x) => x.claim_id === c.claim_id)?.value, 230);
  });

  it("reject leaves the claim out of incidents and exports but keeps it with its trail", async () => {
    const queue = await req(t, "/api/review/queue?limit=5", { s: analyst });
    assert.equal(queue.status, 200);
    const c = queue.json["items"][0];
    const r = await req(t, `/api/claims/${c.claim_id}/review`, { method: "POST", s: analyst, body: { action: "reject", note: "not a casualty figure" } });
    assert.equal(r.status, 200);
    assert.equal(r.json["incident"], null);
    const exp = (await req(t, "/api/export?format=json", { s: viewer })).json as { claim_id: number }[];
    assert.ok(!exp.some((x) => x.claim_id === c.claim_id));
    const incl = (await req(t, "/api/export?format=json&rejected=include", { s: viewer })).json as { claim_id: number }[];
    assert.ok(incl.some((x) => x.claim_id === c.claim_id));
    const after = await req(t, "/api/review/queue?limit=1000", { s: analyst });
    assert.ok(!after.json["items"].some((x: { claim_id: number }) => x.claim_id === c.claim_id));
    assert.equal(after.json["total"], queue.json["total"] - 1);
    // Undo by confirming: the rejection stays in the trail.
    await req(t, `/api/claims/${c.claim_id}/review`, { method: "POST", s: analyst, body: { action: "confirm" } });
    const trail = (await req(t, `/api/claims/${c.claim_id}`, { s: viewer })).json["audit"].map((a: { action: string }) => a.action);
    assert.deepEqual(trail.slice(-2), ["claim.reject", "claim.confirm"]);
  });

  it("a plain confirmation updates the view in place (no rebuild), exactly as a rebuild would have it", async () => {
    const queue = (await req(t, "/api/review/queue?limit=1000", { s: analyst })).json["items"] as { claim_id: number; incident: string | null }[];
    const c = queue.filter((x) => x.incident !== null).at(-1);
    assert.ok(c, "an unreviewed claim in an incident");
    const before = await req(t, `/api/incidents/${c.incident}`, { s: viewer });
    assert.equal(before.status, 200);
    const reviewedBefore = before.json["summary"].reviewed as number;
    const rebuilds = t.rebuilds();
    const r = await req(t, `/api/claims/${c.claim_id}/review`, { method: "POST", s: analyst, body: { action: "confirm", note: "checked" } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json["review"].status, "confirmed");
    assert.equal(r.json["incident"], c.incident);
    assert.equal(t.rebuilds(), rebuilds, "no rebuild for a plain confirmation");
    assert.equal((await t.view()).updates > 0, true);
    // The cached detail of the incident was dropped: the claim shows its review and the count moved.
    const after = await req(t, `/api/incidents/${c.incident}`, { s: viewer });
    assert.equal(after.res.headers.get("content-type")?.startsWith("application/json"), true);
    assert.equal(after.json["summary"].reviewed, reviewedBefore + 1);
    assert.equal(after.json["claims_detail"].find((x: { claim_id: number }) => x.claim_id === c.claim_id).review.status, "confirmed");
    assert.ok(!(await req(t, `/api/incidents?limit=1000&review=unreviewed`, { s: viewer })).json["items"].some((x: { id: string }) => x.id === c.incident));
    // A view built from scratch over the same store answers the same, byte for byte up to the build's clock.
    const fresh = await createApp({ store, public: false, gazetteer: false, log: () => undefined });
    const clock = (s: string) => s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, "<time>");
    for (const p of [`/api/incidents/${c.incident}`, "/api/incidents?limit=1000", "/api/incidents?limit=1000&sort=claims&review=partly", "/api/review/queue?limit=1000", "/api/timeline", "/api/stats"]) {
      const a = await req(t, p, { s: analyst });
      const b = await req(fresh, p, { s: analyst });
      assert.equal(a.status, 200, p);
      if (p === "/api/stats") assert.equal(a.json["reviewed"], b.json["reviewed"]);
      else assert.equal(clock(a.text), clock(b.text), p);
    }
    // Anything else still rebuilds, and the rebuilt view drops the old cache: a correction of the same claim shows.
    const corr = await req(t, `/api/claims/${c.claim_id}/review`, { method: "POST", s: analyst, body: { action: "correct", corrections: { victims_text: "checked victims" } } });
    assert.equal(corr.status, 200, corr.text);
    assert.equal(t.rebuilds(), rebuilds + 1);
    const detail = await req(t, `/api/incidents/${c.incident}`, { s: viewer });
    assert.equal(detail.json["claims_detail"].find((x: { claim_id: number }) => x.claim_id === c.claim_id).victims_text, "checked victims");
  });

  it("corrections accumulate field by field, survive a reload and a confirm; a stale writer gets 409; undo restores the machine's value", async () => {
    const queue = (await req(t, "/api/review/queue?limit=1000", { s: analyst })).json["items"] as { id: number; claim_id: number; victims: string; source: string | null; incident: string | null }[];
    const c = queue.filter((x) => x.incident !== null).at(-2);
    assert.ok(c, "an unreviewed claim in an incident");
    // The id a client sees is the one the routes take.
    assert.equal(c.id, c.claim_id);
    const url = `/api/claims/${c.id}/review`;
    const first = await req(t, `/api/claims/${c.id}`, { s: viewer });
    assert.equal(first.json["version"], 0);
    assert.equal(first.res.headers.get("etag"), '"0"');
    const machineVictims = first.json["victims"] as string;
    const machineSource = first.json["source"] as string | null;
    const victims = machineVictims === "children" ? "women" : "children";

    const r1 = await req(t, url, { method: "POST", s: analyst, body: { action: "correct", corrections: { victims }, version: 0 } });
    assert.equal(r1.status, 200, r1.text);
    assert.equal(r1.json["version"], 1);
    const r2 = await req(t, url, { method: "POST", s: analyst, body: { action: "correct", corrections: { source: "UN human rights office" }, version: 1 } });
    assert.equal(r2.status, 200, r2.text);
    assert.equal(r2.json["victims"], victims, "the second correction keeps the first");
    assert.equal(r2.json["source"], "UN human rights office");
    assert.deepEqual(r2.json["machine"], { victims: machineVictims, source: machineSource });

    // A second analyst who loaded the claim before r2 (version 1) is refused and shown what is there now.
    const stale = await req(t, url, { method: "POST", s: admin, body: { action: "correct", corrections: { qualifier: "approximately" }, version: 1 } });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.json["error"], "conflict");
    assert.match(stale.json["message"], /changed by ann/);
    assert.equal(stale.json["current"].version, 2);
    assert.equal(stale.json["current"].source, "UN human rights office");
    assert.equal(stale.json["current"].victims, victims);
    const staleTag = await req(t, url, { method: "POST", s: admin, body: { action: "confirm" }, headers: { "if-match": '"1"' } });
    assert.equal(staleTag.status, 409, "If-Match is a version too");
    // Two writers racing with the same version: exactly one lands.
    const race = await Promise.all([
      req(t, url, { method: "POST", s: analyst, body: { action: "correct", corrections: { method: "grenade thrown from a drone" }, version: 2 } }),
      req(t, url, { method: "POST", s: admin, body: { action: "reject", version: 2 } }),
    ]);
    assert.deepEqual(race.map((r) => r.status).sort(), [200, 409]);
    const winner = race.find((r) => r.status === 200)!;
    const undoWinner = winner.json["review"].status === "rejected" ? { action: "confirm" } : { action: "undo", fields: ["method"] };
    const settle = await req(t, url, { method: "POST", s: analyst, body: { ...undoWinner, version: 3 } });
    assert.equal(settle.status, 200, settle.text);

    // Confirm keeps the corrections; so does a reload, and a server started afresh on the same database.
    const conf = await req(t, url, { method: "POST", s: analyst, body: { action: "confirm", version: 4 } });
    assert.equal(conf.status, 200, conf.text);
    assert.equal(conf.json["review"].status, "confirmed");
    assert.equal(conf.json["victims"], victims);
    assert.equal(conf.json["source"], "UN human rights office");
    const fresh = await createApp({ store, public: false, gazetteer: false, log: () => undefined });
    for (const app of [t, fresh]) {
      const again = await req(app, `/api/claims/${c.id}`, { s: viewer });
      assert.equal(again.json["victims"], victims);
      assert.equal(again.json["source"], "UN human rights office");
      assert.equal(again.json["review"].status, "confirmed");
      assert.equal(again.res.headers.get("etag"), '"5"');
    }
    const inIncident = (await req(fresh, `/api/incidents/${c.incident}`, { s: viewer })).json["claims_detail"].find((x: { claim_id: number }) => x.claim_id === c.id);
    assert.equal(inIncident.victims, victims);

    // Undo one field: the machine's value is back, the other correction stays.
    assert.equal((await req(t, url, { method: "POST", s: analyst, body: { action: "undo", fields: ["source"], version: 4 } })).status, 409);
    const undo = await req(t, url, { method: "POST", s: analyst, body: { action: "undo", fields: ["source"], version: 5 } });
    assert.equal(undo.status, 200, undo.text);
    assert.equal(undo.json["source"], machineSource);
    assert.equal(undo.json["victims"], victims);
    assert.deepEqual(undo.json["machine"], { victims: machineVictims });
    const again = await req(t, url, { method: "POST", s: analyst, body: { action: "undo", fields: ["source"] } });
    assert.equal(again.status, 400);
    assert.match(again.json["message"], /source is not corrected/);

    // The trail: every step, before → after per field, the machine's value first.
    const trail = (await req(t, `/api/claims/${c.id}`, { s: viewer })).json["audit"] as { action: string; actor: string; before: { status: string | null; fields: Record<string, unknown> }; after: { status: string; fields: Record<string, unknown> } }[];
    const mine = trail.filter((e) => e.action !== "claim.reject" && !(e.action === "claim.correct" && "method" in e.after.fields) && !(e.action === "claim.undo" && "method" in e.after.fields) && !(e.action === "claim.confirm" && e.before.status === "rejected"));
    assert.deepEqual(
      mine.map((e) => e.action),
      ["claim.correct", "claim.correct", "claim.confirm", "claim.undo"],
    );
    assert.deepEqual(mine[0]!.before, { status: null, fields: { victims: machineVictims } });
    assert.deepEqual(mine[0]!.after.fields, { victims });
    assert.deepEqual([mine[1]!.before.fields, mine[1]!.after.fields], [{ source: machineSource }, { source: "UN human rights office" }]);
    assert.deepEqual([mine[2]!.before.status, mine[2]!.after.status], ["corrected", "confirmed"]);
    assert.deepEqual([mine[3]!.before.fields, mine[3]!.after.fields], [{ source: "UN human rights office" }, { source: machineSource }]);
  });

  it("undoing every correction of a corrected claim puts it back in the queue, unreviewed", async () => {
    const queue = (await req(t, "/api/review/queue?limit=1000", { s: analyst })).json as { items: { id: number; victims_text: string | null }[]; total: number };
    const c = queue.items.at(-3);
    assert.ok(c);
    const url = `/api/claims/${c.id}/review`;
    const r = await req(t, url, { method: "POST", s: analyst, body: { action: "correct", corrections: { victims_text: "checked by hand" }, version: 0 } });
    assert.equal(r.status, 200, r.text);
    const mid = (await req(t, "/api/review/queue?limit=1000", { s: analyst })).json as { items: { id: number }[]; total: number };
    assert.equal(mid.total, queue.total - 1);
    assert.ok(!mid.items.some((x) => x.id === c.id));
    const u = await req(t, url, { method: "POST", s: analyst, body: { action: "undo", fields: ["victims_text"], version: 1 } });
    assert.equal(u.status, 200, u.text);
    assert.equal(u.json["review"].status, "pending");
    assert.equal(u.json["victims_text"], c.victims_text);
    assert.equal(u.json["machine"], null);
    const back = (await req(t, "/api/review/queue?limit=1000", { s: analyst })).json as { items: { id: number }[]; total: number };
    assert.equal(back.total, queue.total);
    assert.ok(back.items.some((x) => x.id === c.id));
    // Its version goes on (2): a writer holding an older copy is still refused.
    assert.equal((await req(t, url, { method: "POST", s: analyst, body: { action: "confirm", version: 1 } })).status, 409);
    assert.equal((await req(t, url, { method: "POST", s: analyst, body: { action: "confirm", version: 2 } })).status, 200);
  });

  it("review bodies get human messages; a claim's local_id is refused with a pointer to its id", async () => {
    const c = (await req(t, "/api/claims?limit=1", { s: viewer })).json["items"][0] as { id: number; local_id: string };
    const url = `/api/claims/${c.id}/review`;
    const nan = await req(t, url, { method: "POST", s: analyst, body: { action: "correct", corrections: { value: null } } });
    assert.equal(nan.status, 400);
    assert.match(nan.json["message"], /value must be a whole number of people/);
    assert.doesNotMatch(nan.json["message"], /expected number/);
    const lat = await req(t, url, { method: "POST", s: analyst, body: { action: "correct", corrections: { lat: 123 } } });
    assert.match(lat.json["message"], /lat must be between -90 and 90/);
    const vocab = await req(t, url, { method: "POST", s: analyst, body: { action: "correct", corrections: { metric: "murdered" } } });
    assert.equal(vocab.status, 400);
    const local = await req(t, `/api/claims/${c.local_id}/review`, { method: "POST", s: analyst, body: { action: "confirm" } });
    assert.equal(local.status, 400);
    assert.match(local.json["message"], /not its local_id/);
    const doc = (await req(t, "/openapi.json")).json;
    assert.match(JSON.stringify(doc.paths["/api/claims/{id}/review"]), /not `local_id`/);
    assert.ok(doc.paths["/api/claims/{id}/review"].post.responses["409"]);
    const vocabs = await req(t, "/api/vocabularies", { s: viewer });
    assert.equal(vocabs.status, 200);
    assert.ok((vocabs.json["metric"] as string[]).includes("killed"));
    assert.ok((vocabs.json["perpetrator_certainty"] as string[]).includes("alleged"));
    assert.deepEqual(vocabs.json["scope"], ["incident", "cumulative"]);
  });

  it("merge and split incidents, audited; the absorbed id resolves to the survivor", async () => {
    const list = (await req(t, "/api/incidents?limit=100", { s: viewer })).json["items"] as { id: string; claims: number }[];
    const [a, b] = list;
    assert.ok(a && b);
    assert.equal((await req(t, `/api/incidents/${a.id}/merge`, { method: "POST", s: viewer, body: { other: b.id } })).status, 403);
    assert.equal((await req(t, `/api/incidents/${a.id}/merge`, { method: "POST", s: analyst, body: { other: a.id } })).status, 400);
    assert.equal((await req(t, `/api/incidents/${a.id}/merge`, { method: "POST", s: analyst, body: { other: "inc_ffffffffffff" } })).status, 404);
    const m = await req(t, `/api/incidents/${a.id}/merge`, { method: "POST", s: analyst, body: { other: b.id } });
    assert.equal(m.status, 200, m.text);
    assert.equal(m.json["claims"], a.claims + b.claims);
    const viaAlias = await req(t, `/api/incidents/${b.id}`, { s: viewer });
    assert.equal(viaAlias.status, 200);
    assert.equal(viaAlias.json["id"], a.id);
    assert.equal(viaAlias.json["resolved_from"], b.id);
    assert.ok(viaAlias.json["audit"].some((e: { action: string }) => e.action === "incident.merge"));
    const claimIds = viaAlias.json["claims_detail"].filter((c: { article_id: number }) => c.article_id === viaAlias.json["claims_detail"].at(-1).article_id).map((c: { claim_id: number }) => c.claim_id);
    assert.equal((await req(t, `/api/incidents/${a.id}/split`, { method: "POST", s: analyst, body: { claims: [999999] } })).status, 400);
    const sp = await req(t, `/api/incidents/${a.id}/split`, { method: "POST", s: analyst, body: { claims: claimIds } });
    assert.equal(sp.status, 200, sp.text);
    assert.equal(sp.json["parts"].length, 2, JSON.stringify({ claimIds, sp: sp.json, inc: viaAlias.json["claims"] }));
    assert.equal(sp.json["created"].length, 1);
    const created = sp.json["created"][0] as string;
    assert.ok(sp.json["parts"].some((p: { id: string }) => p.id === created));
    const audit = await req(t, "/api/audit?limit=5", { s: analyst });
    const [newest, split] = audit.json["items"] as { action: string; entity_id: string; after: { from?: string } }[];
    assert.equal(split?.action, "incident.split");
    assert.equal(newest?.action, "incident.split_from");
    assert.equal(newest?.entity_id, created);
    assert.equal(newest?.after.from, a.id);
    const newPage = await req(t, `/api/incidents/${created}`, { s: viewer });
    assert.ok(newPage.json["audit"].some((e: { action: string }) => e.action === "incident.split_from"));
  });

  it("ingest: admin uploads a file (a hostile article is stored as plain text) or posts a URL; bad bodies are 400", async () => {
    const hostile =
      'Bomb kills 12 in <script>alert("x")</script> Testville\n\nAt least 12 people were killed on Monday when a bomb exploded in a market in <img src=x onerror="alert(1)">Testville, police said. <a href="javascript:alert(2)">More</a>';
    const r = await req(t, "/api/ingest", { method: "POST", s: admin, body: { filename: "hostile.txt", content: hostile } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json["inserted"], 1);
    const list = (await req(t, "/api/articles?q=Testville", { s: viewer })).json["items"];
    assert.equal(list.length, 1);
    const art = await req(t, `/api/articles/${list[0].id}`, { s: viewer });
    assert.ok(art.json["text"].includes("<script>"), "stored verbatim: the client renders it as text");
    assert.equal((await req(t, "/api/ingest", { method: "POST", s: admin, body: {} })).status, 400);
    const badUrl = await req(t, "/api/ingest", { method: "POST", s: admin, body: { url: "file:///etc/passwd" } });
    assert.equal(badUrl.status, 400);
    assert.equal(badUrl.json["issues"][0].param, "url");
    const audit = await req(t, "/api/audit?limit=50", { s: admin });
    assert.ok(audit.json["items"].some((e: { action: string; actor: string }) => e.action === "ingest" && e.actor === "ada"));
  });
});
