// Every URL Toll fetches (`toll ingest URL`, the server's URL ingest, `toll watch` feeds, the worker's page fetches)
// goes through guardedGet. A URL is someone else's input (an admin's form, a third-party feed's item links), so the
// fetch must not become a way to reach what the machine can reach and the internet cannot:
//
// - Only http and https.
// - The host is resolved once, every address it resolves to is checked, and the connection goes to the address that
//   was checked (a pinned `lookup`), with the URL's name as Host header and TLS server name. A name that resolves to
//   a public address for the check and to 127.0.0.1 for the connection (DNS rebinding) has no second lookup to win.
// - Redirects are followed here, one hop at a time, and every hop is checked the same way (hop limit 10).
// - Refused: loopback, private (RFC 1918, CGNAT, ULA), link-local (cloud metadata at 169.254.169.254), unspecified,
//   multicast, broadcast, reserved and documentation ranges, and the IPv6 forms that carry an IPv4 address
//   (IPv4-mapped, IPv4-compatible, NAT64, 6to4) when the carried address is one of those.
// - Errors do not say what answered: a refused address is refused before any connection is made, and every failure
//   before a response (refused, reset, unreachable, timed out, not HTTP) reads the same, so the error text is not a
//   port scanner. A status code is reported only when an HTTP server answered.
//
// An operator whose sources are on a private network opts out with --allow-private-urls (allowPrivateUrls here);
// tests that fetch from a local server opt in the same way.
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Host name → every address it has. The default is the system resolver (dns.lookup, all addresses). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface UrlGuardOptions {
  /** Let fetches reach loopback, private, link-local and other non-public addresses (--allow-private-urls). */
  allowPrivateUrls?: boolean;
  /**
   * Host names (as in the URL, lower case) whose addresses are not checked: one internal source an operator trusts,
   * without opening every private address. Redirects away from such a host are checked as usual.
   */
  allowHosts?: readonly string[];
  /** How host names are resolved; tests inject one to stand for DNS. */
  resolve?: Resolver;
}

export interface GuardedGetOptions extends UrlGuardOptions {
  headers?: Record<string, string>;
  /** One deadline over every hop, headers and body. */
  timeoutMs: number;
  /** Largest body accepted, counted after content decoding. */
  maxBytes: number;
}

export interface GuardedResponse {
  /** 2xx, or 304 (the caller sent validators). */
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

export const REFUSED_ADDRESS = "refused: address not allowed (private/loopback)";
export const REFUSED_SCHEME = "refused: only http and https URLs are fetched";
export const NO_ANSWER = "could not fetch URL: no answer (connection failed or timed out)";
export const MAX_REDIRECTS = 10;

/** A URL the guard would not fetch. Permanent: fetching it again will not change the answer. */
export class UrlRefused extends Error {
  override name = "UrlRefused";
}

/** A fetch that failed; the message is safe to show to whoever gave the URL. */
export class FetchFailed extends Error {
  override name = "FetchFailed";
  constructor(
    message: string,
    readonly status: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

// ---- addresses -------------------------------------------------------------------------------------------------

const blockedV4 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network", including the unspecified 0.0.0.0
  ["10.0.0.0", 8], // RFC 1918
  ["100.64.0.0", 10], // CGNAT shared space
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12], // RFC 1918
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast (deprecated)
  ["192.168.0.0", 16], // RFC 1918
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast 255.255.255.255
] as const)
  blockedV4.addSubnet(net, prefix, "ipv4");

const blockedV6 = new BlockList();
for (const [net, prefix] of [
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments (Teredo, benchmarking, ORCHID)
  ["2001:db8::", 32], // documentation
  ["64:ff9b:1::", 48], // local-use NAT64
  ["fc00::", 7], // unique local (ULA)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const)
  blockedV6.addSubnet(net, prefix, "ipv6");

/** The eight 16-bit groups of an IPv6 address (zone id dropped), or null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  const a = withoutZone(address);
  if (isIP(a) !== 6) return null;
  let text = a;
  // A trailing dotted quad (::ffff:127.0.0.1) becomes two groups.
  const lastColon = text.lastIndexOf(":");
  const tailPart = text.slice(lastColon + 1);
  if (tailPart.includes(".")) {
    const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = tailPart.split(".").map(Number);
    text = `${text.slice(0, lastColon + 1)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...new Array<number>(fill).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

/** fe80::1%eth0 → fe80::1 */
const withoutZone = (address: string): string => {
  const at = address.indexOf("%");
  return at < 0 ? address : address.slice(0, at);
};

const v4FromGroups = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/** Whether an address is one a fetch may reach without --allow-private-urls. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(withoutZone(address));
  if (family === 4) return !blockedV4.check(address, "ipv4");
  if (family !== 6) return false;
  const g = ipv6Groups(address);
  if (!g) return false;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  // ::/96 holds the unspecified ::, loopback ::1 and the deprecated IPv4-compatible form; none is a public peer.
  if (zeroTo(6)) return false;
  // IPv4-mapped (::ffff:a.b.c.d) and SIIT (::ffff:0:a.b.c.d): the socket talks IPv4 to the carried address.
  if (zeroTo(4) && ((g4 === 0 && g5 === 0xffff) || (g4 === 0xffff && g5 === 0)))
    return !blockedV4.check(v4FromGroups(g6, g7), "ipv4");
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 address they carry.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return !blockedV4.check(v4FromGroups(g6, g7), "ipv4");
  if (g0 === 0x2002) return !blockedV4.check(v4FromGroups(g1, g2), "ipv4");
  return !blockedV6.check(g.map((x) => x.toString(16)).join(":"), "ipv6");
}

const systemResolver: Resolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((f) => ({ address: f.address, family: f.family === 6 ? 6 : 4 }));
};

/**
 * The address to connect to for a URL: resolved once, every address checked. Throws UrlRefused for a scheme other
 * than http(s) or a disallowed address, FetchFailed when the name does not resolve.
 */
export async function checkedAddress(url: URL, opts: UrlGuardOptions = {}): Promise<ResolvedAddress> {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UrlRefused(REFUSED_SCHEME);
  // The WHATWG parser has already turned 2130706433, 0x7f.1 and 127.1 into 127.0.0.1.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const trusted = opts.allowPrivateUrls === true || (opts.allowHosts ?? []).includes(host.toLowerCase());
  // RFC 6761: localhost names are loopback whatever a resolver says (some answer them from DNS, some not at all).
  if (!trusted && /(?:^|\.)localhost\.?$/i.test(host)) throw new UrlRefused(REFUSED_ADDRESS);
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await (opts.resolve ?? systemResolver)(host);
    } catch (err) {
      throw new FetchFailed("could not fetch URL: host not found", null, { cause: err });
    }
  }
  const first = addresses[0];
  if (!first) throw new FetchFailed("could not fetch URL: host not found");
  // Any one bad address refuses the name: which one the system would pick is not ours to guess.
  if (!trusted && addresses.some((a) => !isPublicAddress(a.address))) throw new UrlRefused(REFUSED_ADDRESS);
  return first;
}

// ---- requests --------------------------------------------------------------------------------------------------

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function mb(bytes: number): string {
  const v = bytes / (1024 * 1024);
  return v >= 10 ? v.toFixed(0) : v.toFixed(1);
}

/** One request to one checked address; resolves with the response head, the body still unread. */
function requestOnce(
  url: URL,
  to: ResolvedAddress,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const secure = url.protocol === "https:";
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      {
        host,
        port: url.port || (secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: { ...headers, host: url.host },
        // The address was checked; connect to exactly it, never to a second lookup's answer.
        lookup: (_name: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
          if (options?.all) cb(null, [{ address: to.address, family: to.family }]);
          else cb(null, to.address, to.family);
        },
        ...(secure && !isIP(host) ? { servername: host } : {}),
        // No pooled sockets: a kept-alive connection was checked under another call's policy.
        agent: false,
        signal,
      } as https.RequestOptions,
      resolve,
    );
    req.on("error", reject);
    req.end();
  });
}

function decoded(res: IncomingMessage): Readable {
  const enc = (res.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decoder =
    enc === "gzip" || enc === "x-gzip"
      ? createGunzip()
      : enc === "br"
        ? createBrotliDecompress()
        : enc === "deflate"
          ? createInflate()
          : null;
  if (!decoder) return res;
  res.on("error", (err) => decoder.destroy(err));
  return res.pipe(decoder);
}

async function readBody(
  res: IncomingMessage,
  maxBytes: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const declared = Number(res.headers["content-length"] ?? NaN);
  if (!res.headers["content-encoding"] && Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new FetchFailed(
      `response too large (${mb(declared)} MB > ${mb(maxBytes)} MB limit)`,
      res.statusCode ?? null,
    );
  }
  const stream = decoded(res);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      // Counted after decoding, so a small gzip bomb is cut off like an endless body.
      if (total > maxBytes)
        throw new FetchFailed(
          `response too large (more than ${mb(maxBytes)} MB limit)`,
          res.statusCode ?? null,
        );
      chunks.push(chunk);
    }
  } catch (err) {
    res.destroy();
    stream.destroy();
    if (err instanceof FetchFailed) throw err;
    if (signal.aborted)
      throw new FetchFailed(
        `could not fetch URL: timed out after ${timeoutMs / 1000} s reading the response`,
        res.statusCode ?? null,
        { cause: err },
      );
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("Z_"))
      throw new FetchFailed(
        "could not fetch URL: the response could not be decoded",
        res.statusCode ?? null,
        { cause: err },
      );
    throw new FetchFailed(
      "could not fetch URL: the connection closed while reading the response",
      res.statusCode ?? null,
      { cause: err },
    );
  }
  if (signal.aborted)
    throw new FetchFailed(
      `could not fetch URL: timed out after ${timeoutMs / 1000} s reading the response`,
      res.statusCode ?? null,
    );
  // A body cut short of its Content-Length is not the page.
  if (!res.complete)
    throw new FetchFailed(
      "could not fetch URL: the connection closed while reading the response",
      res.statusCode ?? null,
    );
  return Buffer.concat(chunks, total);
}

/**
 * GET a URL under the guard (see the top of this file). Resolves with a 2xx or 304 response and its body; throws
 * UrlRefused or FetchFailed, whose messages say no more than is safe to tell whoever gave the URL.
 */
export async function guardedGet(input: string, opts: GuardedGetOptions): Promise<GuardedResponse> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UrlRefused(`refused: not a URL`);
  }
  // dns.lookup cannot be cancelled: the deadline is raced against it instead.
  const deadline = new Promise<never>((_resolve, reject) => {
    const fire = () => reject(new FetchFailed(NO_ANSWER));
    if (signal.aborted) fire();
    else signal.addEventListener("abort", fire, { once: true });
  });
  deadline.catch(() => undefined);
  for (let hop = 0; ; hop++) {
    const to = await Promise.race([checkedAddress(url, opts), deadline]);
    let res: IncomingMessage;
    try {
      res = await requestOnce(url, to, opts.headers ?? {}, signal);
    } catch (err) {
      // Refused, reset, unreachable, timed out, TLS failure, not HTTP at all: one message for all of them.
      throw new FetchFailed(NO_ANSWER, null, { cause: err });
    }
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECTS.has(status) && location) {
      res.destroy();
      if (hop + 1 > MAX_REDIRECTS)
        throw new FetchFailed(`could not fetch URL: more than ${MAX_REDIRECTS} redirects`, status);
      try {
        url = new URL(location, url);
      } catch {
        throw new FetchFailed(`could not fetch URL: HTTP ${status} redirect to an invalid URL`, status);
      }
      continue;
    }
    if (status === 304 || (status >= 200 && status < 300)) {
      const body =
        status === 304
          ? (res.resume(), new Uint8Array())
          : await readBody(res, opts.maxBytes, opts.timeoutMs, signal);
      return { status, url: url.href, headers: res.headers, body };
    }
    res.destroy();
    // The standard reason phrase, not the server's: a custom one can name the software that answered.
    const reason = http.STATUS_CODES[status];
    throw new FetchFailed(`could not fetch URL: HTTP ${status}${reason ? ` ${reason}` : ""}`, status);
  }
}
