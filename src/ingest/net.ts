// HTTP GET that will not be turned against the machine it runs on or its network (server-side request forgery).
// Toll fetches URLs that others choose: an admin's URL ingest, the feeds `toll watch` follows and every link those
// feeds carry. Unless the operator allows it, a fetch refuses loopback, private, link-local, unspecified and other
// non-public addresses, checked on the address actually connected to (DNS is resolved by our own lookup, so a
// name that resolves to 127.0.0.1, or that changes its answer between a check and the connection, is refused the
// same way) and again at every redirect, which is followed here by hand. A refusal happens before any connection
// is made, so its message is the same whether anything listens there or not: no port-scan oracle.
import { lookup as dnsLookup } from "node:dns";
import type { LookupAddress, LookupOptions } from "node:dns";
import http from "node:http";
import type { IncomingMessage } from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

export class BlockedAddressError extends Error {
  override readonly name = "BlockedAddressError";
  constructor(host: string) {
    super(
      `refused to fetch ${host}: not a public address (loopback, private, link-local or unspecified); ` +
        "an operator can allow such addresses with --allow-private-urls",
    );
  }
}

const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this network", the unspecified address
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
  ["100::", 64], // discard
] as const)
  blocked.addSubnet(net, bits, "ipv6");

/** An IPv4 address carried inside an IPv6 one (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16). */
function embeddedIpv4(ip: string): string | null {
  const lower = ip.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1]) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  const m = hex ?? sixToFour;
  if (!m?.[1] || !m[2]) return null;
  const hi = parseInt(m[1], 16);
  const lo = parseInt(m[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Whether an IP address is one a fetch of someone else's URL may connect to. */
export function isPublicAddress(ip: string): boolean {
  const kind = isIP(ip);
  if (kind === 0) return false;
  if (kind === 4) return !blocked.check(ip, "ipv4");
  const v4 = embeddedIpv4(ip);
  if (v4 !== null) return isIP(v4) === 4 && !blocked.check(v4, "ipv4");
  return !blocked.check(ip, "ipv6");
}

export interface GuardedGetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Connect to loopback, private and link-local addresses too (an operator's explicit choice). */
  allowPrivate?: boolean;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Which addresses count as public (tests: a loopback address standing in for a public one). Default isPublicAddress. */
  isPublic?: (ip: string) => boolean;
}

export interface GuardedResponse {
  status: number;
  statusText: string;
  /** Lower-case header names; repeated headers joined with ", ". */
  header(name: string): string | null;
  /** The body, inflated when the server compressed it. */
  body: Readable;
  /** The final URL, after redirects. */
  url: string;
  /** Drops the body unread and closes the connection. */
  cancel(): void;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** The DNS lookup of every connection: resolves as usual, then refuses a name with any non-public address. */
const guardedLookup =
  (isPublic: (ip: string) => boolean) =>
  (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses;
      if (list.length === 0 || list.some((a) => !isPublic(a.address)))
        return callback(new BlockedAddressError(hostname), []);
      if (options.all) return callback(null, list);
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** GET `url`, following redirects, refusing non-public addresses unless `allowPrivate`. */
export async function guardedGet(url: string, opts: GuardedGetOptions = {}): Promise<GuardedResponse> {
  const maxRedirects = opts.maxRedirects ?? 5;
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    if (current.protocol !== "http:" && current.protocol !== "https:")
      throw new Error(`refused to fetch ${current.protocol} URL: only http(s)`);
    const host = current.hostname.replace(/^\[|\]$/g, "");
    // A literal address never goes through the lookup: check it here.
    if (!opts.allowPrivate && isIP(host) !== 0 && !(opts.isPublic ?? isPublicAddress)(host))
      throw new BlockedAddressError(host);
    const res = await request(current, opts);
    const location = res.headers["location"];
    if (REDIRECTS.has(res.statusCode ?? 0) && typeof location === "string") {
      res.resume();
      if (hop >= maxRedirects) throw new Error(`too many redirects (more than ${maxRedirects})`);
      current = new URL(location, current);
      continue;
    }
    const encoding = String(res.headers["content-encoding"] ?? "")
      .trim()
      .toLowerCase();
    let body: Readable = res;
    const inflate =
      encoding === "gzip" || encoding === "x-gzip"
        ? createGunzip()
        : encoding === "deflate"
          ? createInflate()
          : encoding === "br"
            ? createBrotliDecompress()
            : null;
    if (inflate) {
      res.on("error", (err) => inflate.destroy(err));
      body = res.pipe(inflate);
    }
    return {
      status: res.statusCode ?? 0,
      statusText: res.statusMessage ?? "",
      header: (name) => {
        const v = res.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
      },
      body,
      url: current.toString(),
      cancel: () => {
        inflate?.destroy();
        res.destroy();
      },
    };
  }
}

function request(url: URL, opts: GuardedGetOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === "https:" ? https : http;
    const req = mod.request(url, {
      method: "GET",
      headers: { "accept-encoding": "gzip, deflate, br", ...(opts.headers ?? {}) },
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.allowPrivate
        ? {}
        : { lookup: guardedLookup(opts.isPublic ?? isPublicAddress) as unknown as typeof dnsLookup }),
    });
    req.on("response", resolve);
    req.on("error", reject);
    req.end();
  });
}
