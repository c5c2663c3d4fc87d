// URL sources: one GET under the URL guard (./guard.ts: http(s) only, no private or loopback addresses unless
// allowed, every redirect checked), with a timeout over headers and body and a size limit enforced while streaming
// (Content-Length can be absent or wrong), so a huge or endless response is cut off early.
import { guardedGet } from "./guard.ts";
import type { UrlGuardOptions } from "./guard.ts";
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from "./types.ts";

export interface Fetched {
  bytes: Uint8Array;
  /** Final URL after redirects. */
  url: string;
  contentType: string | null;
  status: number;
}

export interface FetchOptions extends UrlGuardOptions {
  maxBytes?: number;
  timeoutMs?: number;
  userAgent?: string;
}

export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  const res = await guardedGet(url, {
    maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(opts.allowPrivateUrls !== undefined ? { allowPrivateUrls: opts.allowPrivateUrls } : {}),
    ...(opts.allowHosts ? { allowHosts: opts.allowHosts } : {}),
    ...(opts.resolve ? { resolve: opts.resolve } : {}),
    headers: {
      "user-agent": opts.userAgent ?? "toll-ingest/0.1 (+casualty claims from the news)",
      accept:
        "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
      "accept-encoding": "gzip, br",
    },
  });
  const type = res.headers["content-type"];
  return {
    bytes: res.body,
    url: res.url,
    contentType: typeof type === "string" ? type : null,
    status: res.status,
  };
}
