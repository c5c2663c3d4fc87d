// `toll serve`: the HTTP API and the dashboard over an existing store. `toll serve --demo` (what `npm start` runs)
// first ingests the sample corpus under examples/ into toll-demo.db and gives a demo admin a fresh password.
import { InvalidArgumentError, Option } from "commander";
import type { Command } from "commander";
import { existsSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import type { ServerType } from "@hono/node-server";
import { createApp } from "../../server/app.ts";
import { hashPassword, newSecret } from "../../server/auth.ts";
import { openStore } from "../../store/index.ts";
import type { Store } from "../../store/types.ts";
import { ReviewStore } from "../../store/review.ts";
import { runIngest } from "./ingest.ts";

export interface ServeOptions {
  db?: string;
  port: number;
  host: string;
  public?: boolean;
  demo?: boolean;
  gazetteer?: boolean;
  secureCookies?: boolean;
  trustProxy?: boolean;
  allowPrivateUrls?: boolean;
}

/** The repository root: found from this file, whether it runs from src/ (tsx) or from the dist/ bundle. */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 0 || n > 65535) throw new InvalidArgumentError(`expected a port 0-65535, got "${v}"`);
  return n;
}

/** Builds web/dist with Vite when it is missing (a fresh clone after `npm install`). */
async function ensureWeb(root: string, log: (s: string) => void): Promise<string | null> {
  const dist = path.join(root, "web", "dist");
  if (existsSync(path.join(dist, "index.html"))) return dist;
  if (!existsSync(path.join(root, "web", "vite.config.ts"))) return null;
  log("toll: building the dashboard (web/dist) …");
  const { build } = await import("vite");
  await build({ configFile: path.join(root, "web", "vite.config.ts"), logLevel: "warn" });
  return existsSync(path.join(dist, "index.html")) ? dist : null;
}

export const DEMO_FILES = ["mosul-2017-03-25.txt", "illustrative-reports.jsonl"];

export async function startServer(
  opts: ServeOptions,
  log: (s: string) => void = (s) => process.stdout.write(`${s}\n`),
): Promise<{ server: ServerType; url: string; store: Store; close(): Promise<void> }> {
  const root = repoRoot();
  const db = opts.db ?? (opts.demo ? path.join(root, "toll-demo.db") : undefined);
  const extra: string[] = [];
  if (opts.demo) {
    const inputs = DEMO_FILES.map((f) => path.join(root, "examples", f));
    const out = new Writable({
      write: (chunk: Buffer, _e, cb) => {
        log(`toll: examples: ${chunk.toString("utf8").trim()}`);
        cb();
      },
    });
    await runIngest(inputs, { db, quiet: true, gazetteer: opts.gazetteer ?? true }, { out, err: process.stderr, isTTY: false });
  }
  const webDist = await ensureWeb(root, log);
  const store = await openStore(db);
  if (opts.demo) {
    // A fresh password each start, printed once: the demo is never left with a known password.
    const reviews = ReviewStore.of(store);
    const password = newSecret().slice(0, 16);
    const hash = await hashPassword(password);
    if (await reviews.userByName("demo")) await reviews.setPassword("demo", hash, "toll serve --demo");
    else await reviews.addUser("demo", "admin", hash, "toll serve --demo");
    extra.push(`log in as demo / ${password} (admin)`);
  }
  const { app, view } = await createApp({ store, public: opts.public ?? opts.demo ?? false, webDist,
    gazetteer: opts.gazetteer ?? true,
    secureCookies: opts.secureCookies ?? false,
    trustProxy: opts.trustProxy ?? false,
    allowPrivateUrls: opts.allowPrivateUrls ?? false,
  });
  await view();
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, () => resolve(s));
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : opts.port;
  const host = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  const url = `http://${host}:${port}`;
  log(`toll: serving ${store.kind} store${db ? ` ${db}` : ""} at ${url}${webDist ? "" : " (API only: web/dist not built, run npm run build:web)"}`);
  for (const e of extra) log(`toll: ${e}`);
  return {
    server,
    url,
    store,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
    },
  };
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Serve the API (/api, /openapi.json) and the dashboard over a store.")
    .addOption(new Option("--db <path|url>", "SQLite file or postgres:// URL (default: $TOLL_DATABASE_URL, else ./toll.db; toll-demo.db with --demo)"))
    .addOption(new Option("--port <port>", "port").argParser(parsePort).default(8080))
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--public", "anonymous visitors may read (role viewer)")
    .option("--demo", "ingest examples/ into toll-demo.db first, public, with a demo admin (what npm start runs)")
    .option("--no-gazetteer", "do not resolve places of ingested articles")
    .option("--secure-cookies", "mark the session cookie Secure (serving behind a TLS-terminating proxy)")
    .option("--trust-proxy", "trust X-Forwarded-Proto (https makes the cookie Secure) and X-Forwarded-For (login throttling) from the proxy in front")
    .option("--allow-private-urls", "let URL ingest reach loopback, private and link-local addresses (refused by default)")
    .action(async (opts: ServeOptions) => {
      const s = await startServer(opts);
      const stop = () => {
        void s.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
