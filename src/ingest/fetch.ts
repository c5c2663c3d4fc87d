// URL sources: global fetch with a timeout over headers and body, and a size limit enforced while streaming
// (Content-Length can be absent or wrong), so a huge or endless response is cut off early.
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
}

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
  let res: Response;
  try {
    res = await fetch(url, {
      signal,
      redirect: "follow",
      headers: {
        "user-agent": opts.userAgent ?? "toll-ingest/0.1 (+casualty claims from the news)",
        accept: "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
      },
    });
  } catch (err) {
    throw new Error(describeFetchError(err, timeoutMs), { cause: err });
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`);
  }
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`response too large (${mb(declared)} MB > ${mb(maxBytes)} MB limit)`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new Error(`response too large (more than ${mb(maxBytes)} MB limit)`);
        }
        chunks.push(value);
      }
    } catch (err) {
      if (err instanceof Error && err.message.startsWith("response too large")) throw err;
      throw new Error(`reading the body failed: ${describeFetchError(err, timeoutMs)}`, { cause: err });
    }
  }
  return { bytes: Buffer.concat(chunks, total), url: res.url || url, contentType: res.headers.get("content-type"), status: res.status };
}
