// URL sources: global fetch with a timeout over headers and body, and a size limit enforced while streaming
// (Content-Length can be absent or wrong), so a huge or endless response is cut off early.
import { BlockedAddressError, guardedGet } from "./net.ts";
import type { GuardedResponse } from "./net.ts";
import { mb, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from "./types.ts";

export interface Fetched {
  bytes: Uint8Array;
  /** Final URL after redirects. */
  url: string;
  contentType: string | null;
  status: number;
}

export interface FetchOptions {
  maxBytes?: number;
  timeoutMs?: number;
  userAgent?: string;
  /** Fetch loopback, private and link-local addresses too (see net.ts). Default false: they are refused. */
  allowPrivateUrls?: boolean;
  /**
   * Say every failure to connect or to get an answer in time the same way, so that whoever reads the error (an
   * API client) cannot tell a closed port from a filtered one or a slow service. Default false (the CLI says which).
   */
  opaqueNetworkErrors?: boolean;
}

export const OPAQUE_NETWORK_ERROR = "could not fetch the URL (no connection or no answer in time)";

const NETWORK_CODES: Record<string, string> = {
  ENOTFOUND: "host not found",
  EAI_AGAIN: "DNS lookup failed (network unreachable?)",
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENETUNREACH: "network unreachable",
  EHOSTUNREACH: "host unreachable",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_SOCKET: "connection closed by the server",
};

/** undici reports network failures as TypeError("fetch failed") with the real cause nested. */
function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return `timed out after ${timeoutMs / 1000} s`;
  }
  let cause: unknown = err;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as Error & { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES[code]) return `${NETWORK_CODES[code]} (${code}): is the network reachable?`;
    if (cause.name === "TimeoutError") return `timed out after ${timeoutMs / 1000} s`;
    cause = cause.cause;
  }
  const base = err instanceof Error ? err.message : String(err);
  const inner = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
  return `fetch failed (${base}${inner})`;
}

export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  // An aborted node:http response reports the socket being reset; the deadline is what ended it.
  const network = (err: unknown): string =>
    opts.opaqueNetworkErrors ? OPAQUE_NETWORK_ERROR : signal.aborted ? `timed out after ${timeoutMs / 1000} s` : describeFetchError(err, timeoutMs);
  let res: GuardedResponse;
  try {
    res = await guardedGet(url, {
      signal,
      allowPrivate: opts.allowPrivateUrls ?? false,
      headers: {
        "user-agent": opts.userAgent ?? "toll-ingest/0.1 (+casualty claims from the news)",
        accept: "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
      },
    });
  } catch (err) {
    if (err instanceof BlockedAddressError || (err instanceof Error && /^(?:refused to fetch|too many redirects)/.test(err.message))) throw err;
    throw new Error(network(err), { cause: err });
  }
  if (res.status < 200 || res.status > 299) {
    res.cancel();
    throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`);
  }
  const declared = Number(res.header("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes && !res.header("content-encoding")) {
    res.cancel();
    throw new Error(`response too large (${mb(declared)} MB > ${mb(maxBytes)} MB limit)`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const value of res.body as AsyncIterable<Buffer>) {
      total += value.byteLength;
      if (total > maxBytes) throw new Error(`response too large (more than ${mb(maxBytes)} MB limit)`);
      chunks.push(value);
    }
  } catch (err) {
    res.cancel();
    if (err instanceof Error && err.message.startsWith("response too large")) throw err;
    throw new Error(`reading the body failed: ${network(err)}`, { cause: err });
  }
  return { bytes: Buffer.concat(chunks, total), url: res.url, contentType: res.header("content-type"), status: res.status };
}
