// The HTTP API (Hono + @hono/zod-openapi): every route's request schema validates the request and is the source of
// /openapi.json. Errors are JSON ({error, message, issues?}) and never carry a stack trace. Static files of the
// dashboard (web/dist) are served from the same app when a directory is given.
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { RouteConfig } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import { stream } from "hono/streaming";
import { HTTPException } from "hono/http-exception";
import { bodyLimit } from "hono/body-limit";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { ingestSources } from "../pipeline/index.ts";
import { CERTAINTIES, METRICS, QUALIFIERS, VICTIM_GROUPS } from "../extract/types.ts";
import { explainIncident, totals } from "../reconcile/index.ts";
import type { ReconState } from "../reconcile/index.ts";
import { incidentExportRow, incidentUrl } from "../reconcile/export.ts";
import { EXPORT_CONTENT_TYPES, exportChunks, incidentExportChunks } from "../store/export.ts";
import type { IncidentExportRow } from "../store/export.ts";
import { ReviewConflict, ReviewRefused, ReviewStore } from "../store/review.ts";
import type { ClaimReview, Role, User } from "../store/review.ts";
import type { ExportRow, Store, StoredClaim } from "../store/types.ts";
import { hashPassword, newSecret, sameSecret, sha256, verifyPassword } from "./auth.ts";
import { CORRECTABLE, IncidentView, aggregateMatcher, applyCorrections, doubt, incidentMatcher, isReviewed, machineValue } from "./incidents.ts";
import type { CorrectableField } from "./incidents.ts";
import type { IncidentSummary } from "./incidents.ts";
import * as S from "./schemas.ts";
import { LoginThrottle } from "./throttle.ts";
import type { ThrottleOptions } from "./throttle.ts";

export interface AppOptions {
  store: Store;
  /** Anonymous visitors may read (role viewer). Default false: reads need a login or a token. */
  public?: boolean;
  /** Directory of the built dashboard (web/dist); not served when absent. */
  webDist?: string | null;
  /** Load the gazetteer for ingested articles (default true; tests turn it off for speed). */
  gazetteer?: boolean;
  /** Session lifetime. Default 12 hours. */
  sessionTtlMs?: number;
  /** Where unexpected errors are logged (never sent to the client). */
  log?: (line: string) => void;
  /** Cache incident detail responses per view (default true; the bench turns it off to measure the difference). */
  cacheIncidentDetail?: boolean;
  /** Largest request body of any API route but the upload, in bytes (default 1 MiB); larger gets 413 unread. */
  maxBodyBytes?: number;
  /** Largest body of POST /api/ingest, in bytes (default 32 MiB: a 20 MB file in base64 and its JSON). */
  maxUploadBytes?: number;
  /** Mark the session cookie Secure whatever the request says (behind a TLS-terminating proxy). */
  secureCookies?: boolean;
  /**
   * Trust the proxy in front: X-Forwarded-Proto https makes the cookie Secure, and the last X-Forwarded-For hop is
   * the client address that login throttling counts. Off by default: without a proxy, clients could forge both.
   */
  trustProxy?: boolean;
  /** Login throttling and lockout (see throttle.ts for the defaults). */
  loginThrottle?: ThrottleOptions;
  /** Let URL ingest fetch loopback, private and link-local addresses (an intranet source; tests). Default false. */
  allowPrivateUrls?: boolean;
  /** Where uploads are written for the ingest readers (default the OS temporary folder). */
  uploadTmpDir?: string;
}

/** The role each state-changing route needs, checked before its body is read or validated (401/403 before 400). */
const WRITE_ROLES: Array<[RegExp, Role | "any"]> = [
  [/^\/api\/(?:users|ingest)(?:\/|$)/, "admin"],
  [/^\/api\/tokens\/[^/]+$/, "admin"],
  [/^\/api\/tokens$/, "any"],
  [/^\/api\/(?:claims|incidents|reviews)(?:\/|$)/, "analyst"],
];
/** Writes that need no login: logging in, and logging out (which ends whatever session it finds). */
const OPEN_WRITES = new Set(["/api/login", "/api/logout"]);
const MiB = 1024 * 1024;

type Vars = { user: User | null; via: "session" | "token" | null; csrf: string | null; sessionHash: string | null };
type Env = { Variables: Vars };

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };
/** Evidence grades by strength, so sorting by grade means strongest first (descending), not alphabetical. */
const GRADE_STRENGTH: Record<IncidentSummary["grade"], number> = { confirmed: 4, corroborated: 3, single_source: 2, contested: 1 };
const SESSION_COOKIE = "toll_session";
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const json = (description: string, schema: z.ZodType = S.Json) => ({
  200: { description, content: { "application/json": { schema } } },
  400: { description: "Bad request: which parameter and why", content: { "application/json": { schema: S.ErrorResponse } } },
});

/** A route: tags and the error responses every route can give, so the document says it. */
function route<R extends RouteConfig>(r: R): R {
  return createRoute({
    ...r,
    responses: {
      ...r.responses,
      401: { description: "Not logged in" },
      403: { description: "Role too low, or CSRF check failed" },
    },
  }) as R;
}

export interface TollApp {
  app: OpenAPIHono<Env>;
  /** Rebuilds the incident view (after writes; exposed for tests and the CLI). */
  refresh(): Promise<IncidentView>;
  view(): Promise<IncidentView>;
  /** How many full rebuilds of the view this app has started (tests check that a confirmation makes none). */
  rebuilds(): number;
  reviews: ReviewStore;
}

export async function createApp(opts: AppOptions): Promise<TollApp> {
  const { store } = opts;
  const reviews = ReviewStore.of(store);
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const ttl = opts.sessionTtlMs ?? 12 * 3600_000;
  const cacheDetail = opts.cacheIncidentDetail ?? true;
  const throttle = new LoginThrottle(opts.loginThrottle);
  /** The client's address: the socket's peer, or the proxy's last X-Forwarded-For hop when the proxy is trusted. */
  const clientAddress = (c: Context<Env>): string => {
    if (opts.trustProxy) {
      const hops = (c.req.header("x-forwarded-for") ?? "").split(",").map((h) => h.trim()).filter(Boolean);
      const last = hops[hops.length - 1];
      if (last) return last;
    }
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    return env?.incoming?.socket?.remoteAddress ?? "unknown";
  };
  const secureRequest = (c: Context<Env>): boolean =>
    Boolean(opts.secureCookies) ||
    new URL(c.req.url).protocol === "https:" ||
    (Boolean(opts.trustProxy) && (c.req.header("x-forwarded-proto") ?? "").split(",")[0]?.trim().toLowerCase() === "https");

  let current: Promise<IncidentView> | null = null;
  let rebuilds = 0;
  let building = 0;
  const refresh = (): Promise<IncidentView> => {
    rebuilds++;
    building++;
    const next = IncidentView.build(store, reviews);
    // Readers keep the old view until the new one is ready.
    next.then(
      () => {
        building--;
        current = next;
      },
      () => building--,
    );
    return next;
  };
  const view = (): Promise<IncidentView> => (current ??= refresh());

  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({
          param: i.path.length ? i.path.join(".") : result.target,
          message: i.message,
        }));
        return c.json(
          {
            error: "bad_request",
            message: issues.map((i) => `${i.param}: ${i.message}`).join("; "),
            issues,
          },
          400,
        );
      }
      return undefined;
    },
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json({ error: err.code, message: err.message }, err.status);
    // Hono's own 4xx (a malformed JSON body, for one): its message, never its stack.
    if (err instanceof HTTPException && err.status < 500)
      return c.json({ error: "bad_request", message: err.message || "bad request" }, err.status);
    // The store throws RangeError for a malformed cursor or date: the client's fault.
    if (err instanceof RangeError || (err as { cause?: unknown }).cause instanceof RangeError) {
      const msg = err instanceof RangeError ? err.message : (err.cause as RangeError).message;
      return c.json({ error: "bad_request", message: msg, issues: [{ param: /cursor/.test(msg) ? "cursor" : "query", message: msg }] }, 400);
    }
    if (err instanceof SyntaxError) return c.json({ error: "bad_request", message: "body is not valid JSON" }, 400);
    log(`toll serve: ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return c.json({ error: "internal", message: "internal error (logged on the server)" }, 500);
  });
  app.notFound((c) => c.json({ error: "not_found", message: `no route ${c.req.method} ${c.req.path}` }, 404));

  // ---- body size: before anything reads the body, or even asks who is sending it -------------------------

  const tooLarge = (limit: number) => (c: Context) =>
    c.json({ error: "payload_too_large", message: `request body larger than ${limit} bytes` }, 413);
  const maxBody = opts.maxBodyBytes ?? MiB;
  const maxUpload = opts.maxUploadBytes ?? 32 * MiB;
  const uploadLimit = bodyLimit({ maxSize: maxUpload, onError: tooLarge(maxUpload) });
  const apiLimit = bodyLimit({ maxSize: maxBody, onError: tooLarge(maxBody) });
  // A declared Content-Length over the limit is refused unread; a chunked body is counted as it streams and cut off.
  app.use("/api/*", (c, next) => (c.req.path === "/api/ingest" ? uploadLimit(c, next) : apiLimit(c, next)));

  // ---- who is asking; CSRF ----------------------------------------------------------------------------

  const identify: MiddlewareHandler<Env> = async (c, next) => {
    c.set("user", null);
    c.set("via", null);
    c.set("csrf", null);
    c.set("sessionHash", null);
    const auth = c.req.header("authorization");
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const user = m?.[1] ? await reviews.tokenUser(sha256(m[1])) : null;
      if (!user) throw new ApiError(401, "unauthorized", "invalid or revoked API token");
      c.set("user", user);
      c.set("via", "token");
    } else {
      const sid = getCookie(c, SESSION_COOKIE);
      if (sid) {
        const s = await reviews.sessionUser(sha256(sid));
        if (s) {
          c.set("user", s.user);
          c.set("via", "session");
          c.set("csrf", s.csrf);
          c.set("sessionHash", sha256(sid));
        }
      }
    }
    if (STATE_CHANGING.has(c.req.method) && c.get("via") !== "token") {
      // Cookie-authenticated writes: the Origin (when the browser sends one) must be this host, and the CSRF
      // token the session was given must come back in a header a cross-site form cannot set.
      const origin = c.req.header("origin");
      if (origin !== undefined && origin !== "null") {
        let host: string | null = null;
        try {
          host = new URL(origin).host;
        } catch {
          host = null;
        }
        if (host !== (c.req.header("host") ?? new URL(c.req.url).host))
          throw new ApiError(403, "csrf", `cross-origin request from ${origin} refused`);
      } else if (origin === "null") throw new ApiError(403, "csrf", "opaque origin refused");
      if (c.get("via") === "session" && c.req.path !== "/api/login") {
        const sent = c.req.header("x-csrf-token") ?? "";
        const want = c.get("csrf") ?? "";
        if (!sent || !sameSecret(sent, want)) throw new ApiError(403, "csrf", "missing or wrong X-CSRF-Token header");
      }
      // Who may write is settled before the body is read or validated: a stranger's malformed write is a 401, and
      // the server does not parse what it would refuse anyway.
      if (!OPEN_WRITES.has(c.req.path)) {
        const user = c.get("user");
        if (!user) throw new ApiError(401, "unauthorized", "log in or send an API token to make changes");
        const role = WRITE_ROLES.find(([re]) => re.test(c.req.path))?.[1] ?? "any";
        if (role !== "any" && RANK[user.role] < RANK[role])
          throw new ApiError(403, "forbidden", `role ${role} needed; ${user.name} is ${user.role}`);
      }
    }
    await next();
  };
  app.use("/api/*", identify);
  app.use("/api/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });

  const need = (c: Context<Env>, role: Role): User => {
    const user = c.get("user");
    if (!user) {
      if (role === "viewer" && opts.public)
        return { id: 0, name: "anonymous", role: "viewer", created_at: "", disabled: false };
      throw new ApiError(401, "unauthorized", `log in (role ${role} or above) or send an API token`);
    }
    if (RANK[user.role] < RANK[role])
      throw new ApiError(403, "forbidden", `role ${role} needed; ${user.name} is ${user.role}`);
    return user;
  };

  // ---- session ----------------------------------------------------------------------------------------

  app.openapi(
    route({ method: "get", path: "/api/me", tags: ["session"], summary: "Who am I (and the CSRF token for writes)", responses: json("The user or null") }),
    async (c) => {
      const u = c.get("user");
      return c.json({ user: u, csrf: c.get("csrf"), public: Boolean(opts.public), via: c.get("via") }, 200);
    },
  );

  app.openapi(
    route({
      method: "post",
      path: "/api/login",
      tags: ["session"],
      summary: "Password login: sets an HttpOnly SameSite=Strict session cookie",
      request: { body: { content: { "application/json": { schema: S.LoginBody } }, required: true } },
      responses: json("Logged in: the user and the CSRF token to send as X-CSRF-Token"),
    }),
    async (c) => {
      const { name, password } = c.req.valid("json");
      const address = clientAddress(c);
      const refusal = throttle.begin(name, address);
      if (refusal) {
        c.header("Retry-After", String(refusal.retryAfter));
        return c.json(
          { error: "too_many_attempts", message: `too many failed logins for this ${refusal.what}; try again in ${refusal.retryAfter} s` },
          429,
        ) as never;
      }
      const u = await reviews.userByName(name);
      // Verify even for unknown names so response time does not tell which names exist.
      const ok = await verifyPassword(password, u?.password_hash ?? "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
      if (!u || !ok || u.disabled) {
        const locked = throttle.failed(name, address);
        // The name as typed (an unknown one too: a guesser's list is worth seeing), never the password.
        const who = name.slice(0, 100);
        await reviews.audit("anonymous", "session.login_failed", "user", who, { address, reason: !u ? "unknown user" : u.disabled ? "user disabled" : "wrong password" });
        for (const what of locked)
          await reviews.audit("anonymous", "session.lockout", "user", who, { address, locked: what, for_seconds: Math.ceil(throttle.lockoutMs / 1000) });
        throw new ApiError(401, "unauthorized", "wrong name or password");
      }
      throttle.succeeded(name, address);
      const sid = newSecret();
      const csrf = newSecret();
      await reviews.createSession(sha256(sid), u.id, csrf, ttl);
      setCookie(c, SESSION_COOKIE, sid, {
        httpOnly: true,
        sameSite: "Strict",
        path: "/",
        secure: secureRequest(c),
        maxAge: Math.floor(ttl / 1000),
      });
      await reviews.audit(u.name, "session.login", "user", u.name, { address });
      const { password_hash: _h, ...user } = u;
      return c.json({ user, csrf }, 200);
    },
  );

  app.openapi(
    route({ method: "post", path: "/api/logout", tags: ["session"], summary: "Ends the session", responses: json("Logged out") }),
    async (c) => {
      const h = c.get("sessionHash");
      if (h) await reviews.deleteSession(h);
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure: secureRequest(c) });
      return c.json({ ok: true }, 200);
    },
  );

  // ---- users and tokens (admin) -------------------------------------------------------------------------

  app.openapi(
    route({ method: "get", path: "/api/users", tags: ["accounts"], summary: "List users (admin)", responses: json("Users", z.object({ items: z.array(S.UserSchema) })) }),
    async (c) => {
      need(c, "admin");
      return c.json({ items: await reviews.listUsers() }, 200);
    },
  );

  app.openapi(
    route({
      method: "post",
      path: "/api/users",
      tags: ["accounts"],
      summary: "Create a user (admin)",
      request: { body: { content: { "application/json": { schema: S.UserBody } }, required: true } },
      responses: json("The new user", S.UserSchema),
    }),
    async (c) => {
      const me = need(c, "admin");
      const b = c.req.valid("json");
      if (await reviews.userByName(b.name)) throw new ApiError(409, "conflict", `user ${b.name} exists`);
      return c.json(await reviews.addUser(b.name, b.role, await hashPassword(b.password), me.name), 200);
    },
  );

  app.openapi(
    route({
      method: "post",
      path: "/api/tokens",
      tags: ["accounts"],
      summary: "Create an API token for yourself (shown once; send as Authorization: Bearer …)",
      request: { body: { content: { "application/json": { schema: S.TokenBody } }, required: true } },
      responses: json("The token"),
    }),
    async (c) => {
      const me = need(c, "viewer");
      if (me.id === 0) throw new ApiError(401, "unauthorized", "log in to create a token");
      const token = newSecret("toll_");
      const id = await reviews.createToken(me.id, c.req.valid("json").name, sha256(token), me.name);
      return c.json({ id, token }, 200);
    },
  );

  const userNamed = async (name: string): Promise<User> => {
    const u = await reviews.userByName(name);
    if (!u) throw new ApiError(404, "not_found", `no user ${name}`);
    const { password_hash: _h, ...user } = u;
    return user;
  };

  app.openapi(
    route({
      method: "get",
      path: "/api/users/{name}/tokens",
      tags: ["accounts"],
      summary: "A user's API tokens, revoked ones too (admin; the secrets are never shown again)",
      request: { params: S.UserNameParam },
      responses: { ...json("Tokens"), 404: { description: "No such user" } },
    }),
    async (c) => {
      need(c, "admin");
      const u = await userNamed(c.req.valid("param").name);
      return c.json({ items: await reviews.listTokens(u.id) }, 200);
    },
  );

  for (const action of ["disable", "enable"] as const)
    app.openapi(
      route({
        method: "post",
        path: `/api/users/{name}/${action}`,
        tags: ["accounts"],
        summary:
          action === "disable"
            ? "Disable a user (admin): sessions end at once, tokens stop working, nothing is deleted"
            : "Enable a disabled user again (admin)",
        request: { params: S.UserNameParam },
        responses: { ...json("The user", S.UserSchema), 404: { description: "No such user" } },
      }),
      async (c) => {
        const me = need(c, "admin");
        const u = await userNamed(c.req.valid("param").name);
        if (action === "disable" && u.id === me.id) throw new ApiError(400, "bad_request", "name: an admin cannot disable themselves");
        return c.json(await reviews.setDisabled(u.name, action === "disable", me.name), 200);
      },
    );

  app.openapi(
    route({
      method: "post",
      path: "/api/users/{name}/revoke-tokens",
      tags: ["accounts"],
      summary: "Revoke every live API token of a user (admin)",
      request: { params: S.UserNameParam },
      responses: { ...json("How many were revoked"), 404: { description: "No such user" } },
    }),
    async (c) => {
      const me = need(c, "admin");
      const u = await userNamed(c.req.valid("param").name);
      return c.json({ revoked: await reviews.revokeTokens(u.id, undefined, me.name, u.name) }, 200);
    },
  );

  app.openapi(
    route({
      method: "delete",
      path: "/api/tokens/{id}",
      tags: ["accounts"],
      summary: "Revoke one API token (admin)",
      request: { params: S.IdParam },
      responses: { ...json("Revoked"), 404: { description: "No such token" } },
    }),
    async (c) => {
      const me = need(c, "admin");
      const { id } = c.req.valid("param");
      const t = await reviews.tokenById(id);
      const owner = t ? await reviews.userById(t.user_id) : null;
      if (!t || !owner) throw new ApiError(404, "not_found", `no token ${id}`);
      const n = await reviews.revokeTokens(owner.id, id, me.name, owner.name);
      return c.json({ revoked: n, token: id }, 200);
    },
  );

  // ---- articles and claims ------------------------------------------------------------------------------

  /**
   * A claim as the API shows it: the analyst's values in place, the machine's value of each corrected field beside
   * them, the review with its version. `id` is the store id (the one the claim routes take); the extraction's own
   * per-article id stays in `local_id`. `review` overrides the view's (a fresher read, or the state a 409 reports).
   */
  const claimOut = async (c: StoredClaim, v: IncidentView, review: ClaimReview | null = v.reviews.get(c.claim_id) ?? null) => {
    const machine: Record<string, unknown> = {};
    if (review) for (const f of Object.keys(review.corrections)) if ((CORRECTABLE as readonly string[]).includes(f)) machine[f] = machineValue(c, f as CorrectableField);
    const shown = review ? applyCorrections(c, review.corrections) : c;
    return {
      ...shown,
      id: c.claim_id,
      review,
      /** The review's version (0: never reviewed): send it back with a review so a stale write is refused. */
      version: review?.version ?? 0,
      /** The machine's values of the corrected fields, beside the analyst's (null when nothing is corrected). */
      machine: Object.keys(machine).length > 0 ? machine : null,
      doubt: doubt(shown),
      incident: v.incidentOfClaim(c.claim_id),
    };
  };

  app.openapi(
    route({
      method: "get",
      path: "/api/articles",
      tags: ["articles"],
      summary: "List articles, newest first",
      request: { query: S.ArticlesQuery },
      responses: json("A page of articles"),
    }),
    async (c) => {
      need(c, "viewer");
      const q = c.req.valid("query");
      const page = await store.listArticles({ q: q.q, outlet: q.outlet, from: q.from, to: q.to, limit: q.limit, after: q.cursor });
      const v = await view();
      return c.json({ items: page.items.map((a) => ({ ...a, illustrative: v.articles.get(String(a.id))?.illustrative ?? false })), next: page.next }, 200);
    },
  );

  app.openapi(
    route({
      method: "get",
      path: "/api/articles/{id}",
      tags: ["articles"],
      summary: "One article with its text and every claim (offsets into the text)",
      request: { params: S.IdParam },
      responses: { ...json("The article"), 404: { description: "No such article" } },
    }),
    async (c) => {
      need(c, "viewer");
      const { id } = c.req.valid("param");
      const a = await store.getArticle(id);
      if (!a) throw new ApiError(404, "not_found", `no article ${id}`);
      const v = await view();
      const claims = await Promise.all((await store.claimsForArticle(id)).map((cl) => claimOut(cl, v)));
      return c.json({ ...a, illustrative: a.meta["illustrative"] === true, claims, audit: await reviews.auditFor("article", String(id)) }, 200);
    },
  );

  app.openapi(
    route({
      method: "get",
      path: "/api/claims",
      tags: ["claims"],
      summary:
        "List claims, newest first (filters as `toll claims`). Each item's `id` (= `claim_id`) is the id the claim routes take; `local_id` is the extraction's per-article id",
      request: { query: S.ClaimsQuery },
      responses: json("A page of claims"),
    }),
    async (c) => {
      need(c, "viewer");
      const { cursor, ...f } = c.req.valid("query");
      const page = await store.listClaims({ ...f, after: cursor });
      const v = await view();
      return c.json({ items: await Promise.all(page.items.map((cl) => claimOut(cl, v))), next: page.next }, 200);
    },
  );

  app.openapi(
    route({
      method: "get",
      path: "/api/vocabularies",
      tags: ["claims"],
      summary: "The fixed vocabularies of claim fields (the choices of a correction) and the fields an analyst may correct",
      responses: json("Field → its allowed values"),
    }),
    async (c) => {
      need(c, "viewer");
      return c.json(
        {
          metric: METRICS,
          victims: VICTIM_GROUPS,
          qualifier: QUALIFIERS,
          certainty: CERTAINTIES,
          perpetrator_certainty: CERTAINTIES,
          scope: S.SCOPES,
          correctable: CORRECTABLE,
        },
        200,
      );
    },
  );

  const getClaim = async (id: number) => {
    const v = await view();
    const cl = v.claims.get(id);
    if (!cl) throw new ApiError(404, "not_found", `no claim ${id}`);
    // The view holds the reviewed claim; the store row is the machine's.
    const raw = (await store.claimsForArticle(cl.article_id)).find((x) => x.claim_id === id);
    if (!raw) throw new ApiError(404, "not_found", `no claim ${id}`);
    return { raw, v };
  };

  app.openapi(
    route({
      method: "get",
      path: "/api/claims/{id}",
      tags: ["claims"],
      summary: "One claim with its review (machine value beside the corrected one) and its audit trail; ETag is its version",
      request: { params: S.ClaimIdParam },
      responses: { ...json("The claim"), 404: { description: "No such claim" } },
    }),
    async (c) => {
      need(c, "viewer");
      const { id } = c.req.valid("param");
      const { raw, v } = await getClaim(id);
      // The review is read from the store, not the view: another process (or server) may have written since.
      const review = await reviews.reviewFor(id);
      c.header("ETag", `"${review?.version ?? 0}"`);
      return c.json({ ...(await claimOut(raw, v, review)), audit: await reviews.auditFor("claim", String(id)) }, 200);
    },
  );

  app.openapi(
    route({
      method: "post",
      path: "/api/claims/{id}/review",
      tags: ["review"],
      summary:
        "Confirm, correct (field by field, adding to earlier corrections; the machine's value is kept), undo a field's correction, or reject a claim (analyst). Send the `version` you read (or If-Match): a stale write is refused with 409 and the claim as it is now",
      request: { params: S.ClaimIdParam, body: { content: { "application/json": { schema: S.ReviewBody } }, required: true } },
      responses: {
        ...json("The claim as reviewed (ETag: its new version)"),
        404: { description: "No such claim" },
        409: {
          description: "Someone saved the claim since the version you sent: `current` is the claim as it is now (their change)",
          content: { "application/json": { schema: S.ConflictResponse } },
        },
      },
    }),
    async (c) => {
      const me = need(c, "analyst");
      const { id } = c.req.valid("param");
      const b = c.req.valid("json");
      const { raw, v } = await getClaim(id);
      let version = b.version;
      const ifMatch = c.req.header("if-match");
      if (ifMatch !== undefined) {
        const m = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
        if (!m) throw new ApiError(400, "bad_request", `If-Match: expected the claim's ETag such as "3", got ${ifMatch.slice(0, 40)}`);
        const tag = Number(m[1]);
        if (version !== undefined && version !== tag) throw new ApiError(400, "bad_request", `version ${version} and If-Match ${ifMatch} disagree`);
        version = tag;
      }
      let saved: ClaimReview;
      try {
        saved = await reviews.reviewClaim(
          id,
          { action: b.action, ...(b.corrections ? { corrections: b.corrections } : {}), ...(b.fields ? { undo: b.fields } : {}), ...(b.note !== undefined ? { note: b.note } : {}), ...(version !== undefined ? { version } : {}) },
          me.name,
          (f) => ((CORRECTABLE as readonly string[]).includes(f) ? machineValue(raw, f as CorrectableField) : undefined),
          (corrections) => {
            // The corrected claim must still be a valid claim: the store's own range rule.
            const after = applyCorrections(raw, corrections);
            if (!(after.low <= after.value && after.value <= after.high))
              throw new ApiError(400, "bad_request", `corrections: need low <= value <= high, got ${after.low} <= ${after.value} <= ${after.high}`);
          },
        );
      } catch (e) {
        if (e instanceof ReviewRefused) throw new ApiError(400, "bad_request", e.message);
        if (!(e instanceof ReviewConflict)) throw e;
        // The other writer may be another process: the view catches up in the background, the answer is the store's.
        if (building === 0 && (v.reviews.get(id)?.version ?? 0) !== (e.current?.version ?? 0)) void refresh().catch(() => undefined);
        c.header("ETag", `"${e.current?.version ?? 0}"`);
        return c.json(
          { error: "conflict", message: e.message, current: { ...(await claimOut(raw, v, e.current)), audit: await reviews.auditFor("claim", String(id)) } },
          409,
        ) as never;
      }
      // A first plain confirmation is applied to the view in place. While a rebuild is running it may or may not
      // have read this review yet, so then a rebuild is the only safe answer.
      const v0 = await view();
      const nv = building === 0 && v0.applyConfirm(saved) ? v0 : await refresh();
      c.header("ETag", `"${saved.version}"`);
      return c.json({ ...(await claimOut(raw, nv, saved)), audit: await reviews.auditFor("claim", String(id)) }, 200);
    },
  );

  app.openapi(
    route({
      method: "get",
      path: "/api/review/queue",
      tags: ["review"],
      summary: "Claims nobody has reviewed yet, the ones the machine is least sure of first (analyst)",
      request: { query: S.QueueQuery },
      responses: json("A page of claims; `next` is the cursor"),
    }),
    async (c) => {
      need(c, "analyst");
      const q = c.req.valid("query");
      const v = await view();
      // Order: most doubts first, then claim id; the cursor is the position key [doubts, id] encoded as the id
      // of the last item plus its doubt count, so a review between pages does not skip anything still pending.
      const pending = [...v.claims.values()]
        .filter((cl) => !isReviewed(v.reviews.get(cl.claim_id)))
        .map((cl) => ({ cl, d: doubt(cl).length }))
        .sort((a, b) => b.d - a.d || a.cl.claim_id - b.cl.claim_id);
      let start = 0;
      if (q.cursor !== undefined) {
        const k = q.cursor;
        const last = v.claims.get(k);
        const d = last ? doubt(last).length : 0;
        start = pending.findIndex((p) => p.d < d || (p.d === d && p.cl.claim_id > k));
        if (start < 0) start = pending.length;
      }
      const items = pending.slice(start, start + q.limit);
      // Each item says where it was read (title, outlet, date) so the analyst can judge it without opening it.
      const out = await Promise.all(
        items.map(async (p) => {
          const a = v.articles.get(String(p.cl.article_id));
          return { ...(await claimOut(p.cl, v)), article: { id: p.cl.article_id, title: a?.title ?? null, outlet: a?.outlet ?? null, published: a?.published ?? null } };
        }),
      );
      const last = items[items.length - 1];
      return c.json({ items: out, total: pending.length, next: start + q.limit < pending.length && last ? String(last.cl.claim_id) : null }, 200);
    },
  );

  // ---- incidents ----------------------------------------------------------------------------------------

  const sortKey = (s: IncidentSummary, by: (typeof S.INCIDENT_SORTS)[number]): string | number => {
    switch (by) {
      case "date":
        return s.date?.start ?? "";
      case "killed":
        return s.killed?.best ?? -1;
      case "injured":
        return s.injured?.best ?? -1;
      case "claims":
        return s.claims;
      case "place":
        return (s.place ?? "").toLowerCase();
      case "grade":
        return GRADE_STRENGTH[s.grade];
    }
  };

  const sortedSummaries = (v: IncidentView, by: (typeof S.INCIDENT_SORTS)[number], order: "asc" | "desc"): IncidentSummary[] => {
    const dir = order === "asc" ? 1 : -1;
    const cmp = (a: IncidentSummary, b: IncidentSummary) => {
      const x = sortKey(a, by);
      const y = sortKey(b, by);
      return (x < y ? -1 : x > y ? 1 : 0) * dir || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * dir;
    };
    return v.sortedBy(`${by}:${order}`, cmp);
  };

  app.openapi(
    route({
      method: "get",
      path: "/api/incidents",
      tags: ["incidents"],
      summary: "List incidents with filters and sorting; keyset cursor (stable across pages)",
      request: { query: S.IncidentsQuery },
      responses: json("A page of incidents", S.PageOf(S.IncidentSummarySchema, "IncidentPage").extend({ total: z.number() })),
    }),
    async (c) => {
      need(c, "viewer");
      const q = c.req.valid("query");
      const v = await view();
      const dir = q.order === "asc" ? 1 : -1;
      // Each order is sorted once per view and reused: a page is then a filter over a sorted array.
      const rows = sortedSummaries(v, q.sort, q.order).filter(incidentMatcher(v, q));
      let start = 0;
      if (q.cursor) {
        let k: unknown;
        try {
          k = JSON.parse(Buffer.from(q.cursor, "base64url").toString("utf8"));
        } catch {
          k = null;
        }
        if (!Array.isArray(k) || k[0] !== q.sort || typeof k[2] !== "string" || (typeof k[1] !== "string" && typeof k[1] !== "number"))
          throw new ApiError(400, "bad_request", "cursor: not a cursor of this list (sort changed?)");
        const [, key, id] = k as [string, string | number, string];
        // Keyset: the first row strictly after (key, id) in this order, so rows added or removed meanwhile
        // neither repeat nor shift the page.
        start = rows.findIndex((s) => {
          const x = sortKey(s, q.sort);
          const c1 = (x < key ? -1 : x > key ? 1 : 0) * dir;
          return c1 > 0 || (c1 === 0 && (s.id < id ? -1 : s.id > id ? 1 : 0) * dir > 0);
        });
        if (start < 0) start = rows.length;
      }
      const items = rows.slice(start, start + q.limit);
      const last = items[items.length - 1];
      const next =
        start + q.limit < rows.length && last
          ? Buffer.from(JSON.stringify([q.sort, sortKey(last, q.sort), last.id])).toString("base64url")
          : null;
      return c.json({ items, next, total: rows.length }, 200);
    },
  );

  app.openapi(
    route({
      method: "get",
      path: "/api/incidents/{id}",
      tags: ["incidents"],
      summary: "One incident: figures, grade, claims, sources, explanation and audit trail",
      request: { params: S.IncidentIdParam },
      responses: { ...json("The incident"), 404: { description: "No such incident" } },
    }),
    async (c) => {
      need(c, "viewer");
      const { id } = c.req.valid("param");
      const v = await view();
      const inc = v.incident(id);
      if (!inc) {
        const retired = v.state.retired[id];
        throw new ApiError(404, "not_found", retired ? `incident ${id} was retired: ${retired.reason}` : `no incident ${id}`);
      }
      // Everything but the audit trail and resolved_from depends only on the view, so it is serialized once per
      // incident and view (the claims' outputs, the explanation text and the JSON encoding were most of the cost).
      // The audit trail is read per request: other processes may write to it.
      let head = cacheDetail ? v.detailCache.get(inc.id) : undefined;
      if (head === undefined) {
        const claims = await Promise.all(
          inc.claims.flatMap((k) => {
            const cid = v.keyToId.get(k);
            const cl = cid !== undefined ? v.claims.get(cid) : undefined;
            return cl ? [claimOut(cl, v).then((o) => ({ ...o, key: k }))] : [];
          }),
        );
        const sources = inc.articles.map((a) => v.articles.get(a) ?? { article_id: a });
        const body = JSON.stringify({ ...inc, summary: v.summary(inc), claims_detail: claims, sources, explanation: explainIncident(v.state, inc.id) });
        // The object without its closing brace, so the per-request fields follow in the same order as before.
        head = body.slice(0, -1);
        if (cacheDetail) v.detailCache.set(inc.id, head);
      }
      const tail = JSON.stringify({ resolved_from: inc.id !== id ? id : null, audit: await reviews.auditFor("incident", inc.id) });
      return c.body(`${head},${tail.slice(1)}`, 200, { "Content-Type": "application/json" }) as never;
    },
  );

  const incidentWrite = async (c: Context<Env>, id: string) => {
    const v = await view();
    const inc = v.incident(id);
    if (!inc) throw new ApiError(404, "not_found", `no incident ${id}`);
    return { v, inc };
  };

  app.openapi(
    route({
      method: "post",
      path: "/api/incidents/{id}/merge",
      tags: ["review"],
      summary: "Merge another incident into this one (analyst)",
      request: { params: S.IncidentIdParam, body: { content: { "application/json": { schema: S.MergeBody } }, required: true } },
      responses: { ...json("The merged incident"), 404: { description: "No such incident" } },
    }),
    async (c) => {
      const me = need(c, "analyst");
      const { id } = c.req.valid("param");
      const { other } = c.req.valid("json");
      const { v, inc } = await incidentWrite(c, id);
      const gone = v.incident(other);
      if (!gone) throw new ApiError(404, "not_found", `no incident ${other}`);
      if (gone.id === inc.id) throw new ApiError(400, "bad_request", "other: cannot merge an incident with itself");
      await reviews.recordIncidentAction(
        { action: "merge", target: inc.id, absorbed: gone.id },
        me.name,
        { [inc.id]: v.summary(inc), [gone.id]: v.summary(gone) },
        { merged_into: inc.id, absorbed: gone.id, claims: [...inc.claims, ...gone.claims].length },
      );
      await reviews.audit(me.name, "incident.merged_into", "incident", gone.id, { merged_into: inc.id });
      const nv = await refresh();
      const now = nv.incident(inc.id);
      return c.json(now ? nv.summary(now) : null, 200);
    },
  );

  app.openapi(
    route({
      method: "post",
      path: "/api/incidents/{id}/split",
      tags: ["review"],
      summary: "Move the given claims (store claim ids) out into a new incident (analyst)",
      request: { params: S.IncidentIdParam, body: { content: { "application/json": { schema: S.SplitBody } }, required: true } },
      responses: { ...json("Both parts"), 404: { description: "No such incident" } },
    }),
    async (c) => {
      const me = need(c, "analyst");
      const { id } = c.req.valid("param");
      const { claims } = c.req.valid("json");
      const { v, inc } = await incidentWrite(c, id);
      const keys: string[] = [];
      for (const cid of claims) {
        const cl = v.claims.get(cid);
        const key = cl ? `${cl.article_id}#${cl.local_id}` : null;
        if (!key || !inc.claims.includes(key)) throw new ApiError(400, "bad_request", `claims: claim ${cid} is not in incident ${inc.id}`);
        keys.push(key);
      }
      if (keys.length === inc.claims.length) throw new ApiError(400, "bad_request", "claims: cannot move every claim out (nothing would be left)");
      const before = new Set(inc.claims);
      await reviews.recordIncidentAction({ action: "split", incident: inc.id, claims: keys }, me.name, v.summary(inc), { moved: keys });
      const nv = await refresh();
      const parts = Object.values(nv.state.incidents)
        // The larger part keeps the id, so look for every incident now holding one of the claims.
        .filter((x) => x.claims.some((k) => before.has(k)))
        .map((x) => nv.summary(x));
      // The new part's id is known only now (the view was rebuilt with the split replayed): its own audit entry
      // says where it came from, so both incidents' trails tell the story.
      const created = parts.filter((p) => p.id !== inc.id).map((p) => p.id);
      for (const n of created) await reviews.audit(me.name, "incident.split_from", "incident", n, { from: inc.id, claims: nv.incident(n)?.claims ?? keys });
      return c.json({ parts, kept: parts.some((p) => p.id === inc.id) ? inc.id : null, created }, 200);
    },
  );

  // ---- aggregates, totals, timeline, stats, search -------------------------------------------------------

  app.openapi(
    route({ method: "get", path: "/api/aggregates", tags: ["totals"], summary: "Running totals reported in the news (never added to incidents)", responses: json("Aggregates") }),
    async (c) => {
      need(c, "viewer");
      const v = await view();
      return c.json({ items: Object.values(v.state.aggregates).sort((a, b) => (a.id < b.id ? -1 : 1)) }, 200);
    },
  );

  app.openapi(
    route({
      method: "get",
      path: "/api/totals",
      tags: ["totals"],
      summary: "Incident sums (low/best/high) by country, place or month, with the highest running total beside",
      request: { query: S.TotalsQuery },
      responses: json("Totals rows"),
    }),
    async (c) => {
      need(c, "viewer");
      const q = c.req.valid("query");
      const v = await view();
      const { by, ...filters } = q;
      const match = incidentMatcher(v, filters);
      const aggMatch = aggregateMatcher(filters);
      // totals() sums a state: hand it the matching incidents and running totals only.
      const slice: ReconState = {
        ...v.state,
        incidents: Object.fromEntries(v.summaries.filter(match).map((s) => [s.id, v.state.incidents[s.id]!])),
        aggregates: Object.fromEntries(Object.entries(v.state.aggregates).filter(([, a]) => aggMatch(a))),
      };
      const items = totals(slice, by, { ...(q.grade ? { grades: [q.grade] } : {}), ...(q.metric ? { metric: q.metric } : {}) }).map((r) => {
        const agg = r.aggregate ? v.state.aggregates[r.aggregate.id] : undefined;
        // The evidence of a running total: the reports that gave it and who they quote.
        const evidence = agg
          ? {
              claims: agg.claims.flatMap((k) => {
                const id = v.keyToId.get(k);
                return id === undefined ? [] : [id];
              }),
              // Reconcile names an article by its id when it has neither a quoted source nor an outlet; the
              // article is listed below anyway.
              sources: agg.sources.filter((x) => !agg.articles.includes(x)),
              articles: agg.articles.map((a) => {
                const m = v.articles.get(a);
                return { article_id: a, title: m?.title ?? null, outlet: m?.outlet ?? null, published: m?.published ?? null, illustrative: m?.illustrative ?? false };
              }),
            }
          : null;
        return { ...r, aggregate: r.aggregate ? { ...r.aggregate, ...evidence } : null };
      });
      return c.json({ by, items }, 200);
    },
  );

  app.openapi(
    route({
      method: "get",
      path: "/api/timeline",
      tags: ["totals"],
      summary: "Killed and injured per week or month (incident sums: low, best, high)",
      request: { query: S.TimelineQuery },
      responses: json("Buckets, oldest first"),
    }),
    async (c) => {
      need(c, "viewer");
      const q = c.req.valid("query");
      const v = await view();
      const buckets = new Map<string, { period: string; killed: [number, number, number]; injured: [number, number, number]; incidents: number }>();
      const match = incidentMatcher(v, q);
      for (const s of v.summaries) {
        if (!s.date || !match(s)) continue;
        const key = q.by === "month" ? s.date.start.slice(0, 7) : weekStart(s.date.start);
        let b = buckets.get(key);
        if (!b) buckets.set(key, (b = { period: key, killed: [0, 0, 0], injured: [0, 0, 0], incidents: 0 }));
        b.incidents++;
        for (const m of ["killed", "injured"] as const) {
          const f = s[m];
          if (f) {
            b[m][0] += f.low;
            b[m][1] += f.best;
            b[m][2] += f.high;
          }
        }
      }
      const items = [...buckets.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
      return c.json({ by: q.by, items }, 200);
    },
  );

  app.openapi(
    route({ method: "get", path: "/api/stats", tags: ["totals"], summary: "Counts of articles, claims, incidents; claims by country, month and metric", responses: json("Stats") }),
    async (c) => {
      need(c, "viewer");
      const v = await view();
      const stats = await store.stats();
      return c.json(
        {
          ...stats,
          incidents: v.summaries.length,
          aggregates: Object.keys(v.state.aggregates).length,
          reviewed: [...v.reviews.values()].filter((r) => isReviewed(r)).length,
          view_built_at: v.builtAt,
          view_build_ms: Math.round(v.buildMs),
        },
        200,
      );
    },
  );

  app.openapi(
    route({ method: "get", path: "/api/search", tags: ["articles"], summary: "Full-text search over articles, best first", request: { query: S.SearchQuery }, responses: json("Hits") }),
    async (c) => {
      need(c, "viewer");
      const q = c.req.valid("query");
      return c.json({ items: await store.searchArticles(q.q, q.limit) }, 200);
    },
  );

  // ---- exports --------------------------------------------------------------------------------------------

  app.openapi(
    route({
      method: "get",
      path: "/api/export",
      tags: ["exports"],
      summary: "Every claim (reviews applied; rejected left out unless asked) as CSV, JSON or GeoJSON, streamed",
      request: { query: S.ExportQuery },
      responses: {
        200: {
          description: "The export",
          content: { "text/csv": { schema: z.string() }, "application/json": { schema: S.Json }, "application/geo+json": { schema: S.Json } },
        },
        400: { description: "Bad request", content: { "application/json": { schema: S.ErrorResponse } } },
      },
    }),
    async (c) => {
      need(c, "viewer");
      const q = c.req.valid("query");
      const v = await view();
      async function* rows(): AsyncIterable<ExportRow> {
        for await (const r of store.exportRows()) {
          const review = v.reviews.get(r.claim_id);
          if (review?.status === "rejected" && q.rejected === "exclude") continue;
          yield review ? (applyRowCorrections(r, review.corrections) as ExportRow) : r;
        }
      }
      c.header("Content-Type", EXPORT_CONTENT_TYPES[q.format]);
      c.header("Content-Disposition", `attachment; filename="toll-claims.${q.format}"`);
      return stream(c, async (s) => {
        for await (const chunk of exportChunks(q.format, rows())) await s.write(chunk);
      }) as never;
    },
  );

  app.openapi(
    route({
      method: "get",
      path: "/api/export/incidents",
      tags: ["exports"],
      summary:
        "Incidents matching the filters of /api/incidents, in its order, as CSV, JSON or GeoJSON with UCDP GED-style columns (README, \"Incident exports\")",
      request: { query: S.IncidentExportQuery },
      responses: {
        200: {
          description: "The export",
          content: { "text/csv": { schema: z.string() }, "application/json": { schema: S.Json }, "application/geo+json": { schema: S.Json } },
        },
        400: { description: "Bad request", content: { "application/json": { schema: S.ErrorResponse } } },
      },
    }),
    async (c) => {
      need(c, "viewer");
      const { format, sort, order, ...filters } = c.req.valid("query");
      const v = await view();
      const rows = sortedSummaries(v, sort, order).filter(incidentMatcher(v, filters));
      // The incident's page on this server, as the client reached it (a proxy's Host included).
      const u = new URL(c.req.url);
      const forwarded = opts.trustProxy ? c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
      const base = `${forwarded || u.protocol.replace(":", "")}://${c.req.header("host") ?? u.host}`;
      const out = function* (): Iterable<IncidentExportRow> {
        for (const s of rows) {
          const inc = v.state.incidents[s.id];
          if (!inc) continue;
          const claims = inc.claims.flatMap((k) => {
            const cl = v.state.claims[k];
            return cl && cl.claim.part_of === null && !cl.claim.historical ? [cl.claim] : [];
          });
          yield incidentExportRow(inc, claims, s.review_status, incidentUrl(base, inc.id));
        }
      };
      c.header("Content-Type", EXPORT_CONTENT_TYPES[format]);
      c.header("Content-Disposition", `attachment; filename="toll-incidents.${format}"`);
      c.header("X-Total-Count", String(rows.length));
      return stream(c, async (st) => {
        for await (const chunk of incidentExportChunks(format, out())) await st.write(chunk);
      }) as never;
    },
  );

  // ---- ingest (admin) ----------------------------------------------------------------------------------

  app.openapi(
    route({
      method: "post",
      path: "/api/ingest",
      tags: ["ingest"],
      summary: "Ingest an uploaded file (any kind `toll ingest` reads) or a URL (admin)",
      request: { body: { content: { "application/json": { schema: S.IngestBody } }, required: true } },
      responses: json("The ingest summary and any per-article errors"),
    }),
    async (c) => {
      const me = need(c, "admin");
      const b = c.req.valid("json");
      let dir: string | null = null;
      let input: string = b.url ?? "";
      const errors: string[] = [];
      const say = (line: string): void => {
        errors.push(line.replace(dir ?? "\u0000", "upload"));
      };
      try {
        if (!b.url) {
          // Inside the try: a write that fails still removes the folder (a filename of ".." left one per call).
          dir = mkdtempSync(path.join(opts.uploadTmpDir ?? tmpdir(), "toll-upload-"));
          input = path.join(dir, uploadName(b.filename));
          writeFileSync(input, b.content_base64 !== undefined ? Buffer.from(b.content_base64, "base64") : (b.content ?? ""));
        }
        // One upload is one document (or a small batch): extracted on this thread, no pool of threads to start.
        const summary = await ingestSources(
          store,
          [input],
          { gazetteer: opts.gazetteer ?? true, threads: 0, allowPrivateUrls: opts.allowPrivateUrls ?? false, opaqueNetworkErrors: true },
          { error: (origin, message) => say(`error: ${origin}: ${message}`), warning: (message) => say(`warning: ${message}`) },
        );
        await reviews.audit(me.name, "ingest", "article", b.url ?? b.filename ?? "upload", { ...summary, errors });
        await refresh();
        return c.json({ ...summary, errors }, 200);
      } finally {
        if (dir) rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  // ---- audit -----------------------------------------------------------------------------------------------

  app.openapi(
    route({ method: "get", path: "/api/audit", tags: ["audit"], summary: "The audit trail, newest first (analyst)", request: { query: S.AuditQuery }, responses: json("Entries") }),
    async (c) => {
      need(c, "analyst");
      const q = c.req.valid("query");
      const items = await reviews.recentAudit(q.limit, q.cursor);
      const last = items[items.length - 1];
      return c.json({ items, next: items.length === q.limit && last ? String(last.id) : null }, 200);
    },
  );

  // ---- OpenAPI and the dashboard -------------------------------------------------------------------------

  app.doc("/openapi.json", {
    openapi: "3.0.0",
    info: {
      title: "Toll API",
      version: "0.1.0",
      description:
        "Casualty claims from the news, reconciled into incidents. Cookie sessions need X-CSRF-Token on writes; scripts use Authorization: Bearer <token>.",
    },
  });

  if (opts.webDist && existsSync(path.join(opts.webDist, "index.html"))) {
    const root = opts.webDist;
    const indexHtml = readFileSync(path.join(root, "index.html"), "utf8");
    app.get("/assets/*", assetHandler(root));
    app.use("*", async (c, next) => {
      await next();
      // Defence in depth for the untrusted article text: no inline scripts, nothing from elsewhere.
      c.header(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      );
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Referrer-Policy", "same-origin");
    });
    app.get("/favicon.ico", (c) => c.body(null, 204));
    // Client-side routes (#/…) all load the same page.
    // index.html names the hashed assets of this build: revalidated on every visit, so a new build shows at once.
    app.get("/", (c) => {
      c.header("Cache-Control", "no-cache");
      return c.html(indexHtml);
    });
  }

  return { app, refresh, view, rebuilds: () => rebuilds, reviews };
}

/**
 * The uploaded file's name as written to disk: its last path part, only safe characters, never "." or ".." (or
 * empty). The readers sniff the kind from the content; the extension only helps.
 */
export function uploadName(filename: string | undefined): string {
  const base = path.basename((filename ?? "").replaceAll("\\", "/")).replace(/[^\w.-]/g, "_").slice(0, 200);
  return /^\.*$/.test(base) ? "upload.txt" : base;
}

function weekStart(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}

const ASSET_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
};

/**
 * The built dashboard's assets (web/dist/assets). Vite names each by a hash of its content, so a response can be
 * cached for a year; text assets are compressed once (brotli, else gzip, as the browser accepts) and kept in memory.
 */
function assetHandler(root: string) {
  const dir = path.resolve(root, "assets");
  const cache = new Map<string, { type: string; raw: Buffer; br: Buffer | null; gzip: Buffer | null }>();
  return (c: Context) => {
    const name = decodeURIComponent(c.req.path.slice("/assets/".length));
    const file = path.resolve(dir, name);
    if (!file.startsWith(dir + path.sep) || !existsSync(file)) throw new ApiError(404, "not_found", `no asset ${name}`);
    let entry = cache.get(file);
    if (!entry) {
      const raw = readFileSync(file);
      const ext = path.extname(file);
      const type = ASSET_TYPES[ext] ?? "application/octet-stream";
      const text = /^(?:text\/|application\/json|image\/svg)/.test(type);
      entry = {
        type,
        raw,
        br: text ? brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } }) : null,
        gzip: text ? gzipSync(raw, { level: 9 }) : null,
      };
      cache.set(file, entry);
    }
    const accept = c.req.header("accept-encoding") ?? "";
    const [body, encoding] = entry.br && /\bbr\b/.test(accept) ? [entry.br, "br"] : entry.gzip && /\bgzip\b/.test(accept) ? [entry.gzip, "gzip"] : [entry.raw, null];
    c.header("Content-Type", entry.type);
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    c.header("Vary", "Accept-Encoding");
    if (encoding) c.header("Content-Encoding", encoding);
    return c.body(new Uint8Array(body), 200);
  };
}

function applyRowCorrections(r: ExportRow, corr: Record<string, unknown>): ExportRow {
  const out: Record<string, unknown> = { ...r };
  for (const [k, v] of Object.entries(corr)) out[k] = v;
  return out as unknown as ExportRow;
}
