// Login throttling: failed password logins are counted per account and per client address over a sliding window;
// past the limit, that account (or address) is locked out for a while and every login attempt for it gets 429 with
// Retry-After, the right password included (otherwise a lockout would still let a guesser test passwords).
// An attempt counts as failed from the moment it starts, so a burst of parallel guesses cannot all slip in before
// the first one is found wrong; a success takes its own attempt back and clears the account's count.
// Kept in memory: one `toll serve` process is the door; a restart forgets the counts (documented in README).

export interface ThrottleOptions {
  /** Failed logins of one account within the window before it is locked. Default 5. */
  perAccount?: number;
  /** Failed logins from one address within the window before it is locked. Default 20. */
  perAddress?: number;
  /** The window failures are counted over. Default 15 minutes. */
  windowMs?: number;
  /** How long a lockout lasts. Default 15 minutes. */
  lockoutMs?: number;
}

interface Entry {
  /** Times of failed (or still running) attempts within the window. */
  fails: number[];
  lockedUntil: number;
}

export interface Refusal {
  /** Whole seconds until a new attempt is accepted (Retry-After). */
  retryAfter: number;
  what: "account" | "address";
}

export class LoginThrottle {
  readonly perAccount: number;
  readonly perAddress: number;
  readonly windowMs: number;
  readonly lockoutMs: number;
  private readonly accounts = new Map<string, Entry>();
  private readonly addresses = new Map<string, Entry>();

  constructor(opts: ThrottleOptions = {}) {
    this.perAccount = opts.perAccount ?? 5;
    this.perAddress = opts.perAddress ?? 20;
    this.windowMs = opts.windowMs ?? 15 * 60_000;
    this.lockoutMs = opts.lockoutMs ?? 15 * 60_000;
  }

  /** Null when an attempt may go ahead; otherwise who is locked and for how long. */
  refused(account: string, address: string, now = Date.now()): Refusal | null {
    for (const [what, map] of [
      ["account", this.accounts],
      ["address", this.addresses],
    ] as const) {
      const e = map.get(what === "account" ? account.toLowerCase() : address);
      if (e && e.lockedUntil > now)
        return { what, retryAfter: Math.max(1, Math.ceil((e.lockedUntil - now) / 1000)) };
    }
    return null;
  }

  /**
   * Starts an attempt: counted as failed until `succeeded` says otherwise. An account or address that already has
   * its limit of failed or running attempts in the window is locked now and the attempt refused.
   */
  begin(account: string, address: string, now = Date.now()): Refusal | null {
    const refusal = this.refused(account, address, now);
    if (refusal) return refusal;
    const keys = [
      ["account", this.accounts, account.toLowerCase(), this.perAccount],
      ["address", this.addresses, address, this.perAddress],
    ] as const;
    for (const [what, map, key, limit] of keys) {
      const e = this.entry(map, key, now);
      if (e.fails.length >= limit) {
        e.lockedUntil = now + this.lockoutMs;
        e.fails = [];
        return { what, retryAfter: Math.ceil(this.lockoutMs / 1000) };
      }
    }
    for (const [, map, key] of keys) this.entry(map, key, now).fails.push(now);
    this.sweep(now);
    return null;
  }

  /** A wrong password: returns what is now locked (the attempt that reached a limit locks it at once). */
  failed(account: string, address: string, now = Date.now()): Array<"account" | "address"> {
    const locked: Array<"account" | "address"> = [];
    for (const [what, map, key, limit] of [
      ["account", this.accounts, account.toLowerCase(), this.perAccount],
      ["address", this.addresses, address, this.perAddress],
    ] as const) {
      const e = this.entry(map, key, now);
      if (e.fails.length >= limit && e.lockedUntil <= now) {
        e.lockedUntil = now + this.lockoutMs;
        e.fails = [];
        locked.push(what);
      }
    }
    return locked;
  }

  /** A right password: the attempt was not a failure, and the account's count starts again. */
  succeeded(account: string, address: string): void {
    this.accounts.delete(account.toLowerCase());
    this.addresses.get(address)?.fails.pop();
  }

  private entry(map: Map<string, Entry>, key: string, now: number): Entry {
    let e = map.get(key);
    if (!e) map.set(key, (e = { fails: [], lockedUntil: 0 }));
    e.fails = e.fails.filter((t) => t > now - this.windowMs);
    return e;
  }

  /** Forgets entries with nothing left in the window, so a flood of names cannot grow memory without end. */
  private sweep(now: number): void {
    if (this.accounts.size + this.addresses.size < 10_000) return;
    for (const map of [this.accounts, this.addresses])
      for (const [k, e] of map)
        if (e.lockedUntil <= now && e.fails.every((t) => t <= now - this.windowMs)) map.delete(k);
  }
}
