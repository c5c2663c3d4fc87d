// `toll watch FEED_URL… [--every 10m]`: polls feeds and enqueues their new items (run them with `toll worker`,
// which stores each item's page, or the item's own text with --feed-text). Conditional GET and seen-item tracking keep repeated polls cheap; a feed that times out or
// returns garbage is reported and polled again next time, and never stops the others.
import { Option } from "commander";
import type { Command } from "commander";
import { openQueue } from "../../queue/index.ts";
import { watchFeeds } from "../../watch/index.ts";
import type { PollResult } from "../../watch/index.ts";
import { dbOption, defaultIo } from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";
import { parseDurationOption } from "./worker.ts";

export interface WatchCommandOptions {
  db?: string;
  everyMs: number;
  timeoutMs?: number;
  once?: boolean;
  quiet?: boolean;
  /** Store the feed items' own text instead of fetching their pages. */
  feedText?: boolean;
  /** Fetch feeds on loopback, private and link-local addresses too. */
  allowPrivateUrls?: boolean;
}

export function formatPoll(r: PollResult): string {
  switch (r.status) {
    case "not-modified":
      return `${r.url}: not modified`;
    case "unchanged":
      return `${r.url}: ${r.items} items, none new`;
    case "new":
      return `${r.url}: ${r.items} items, ${r.enqueued} new enqueued${r.broken > 0 ? `, ${r.broken} broken` : ""}`;
    case "error":
      return `${r.url}: error: ${r.error ?? "unknown"} (polled again next time)`;
  }
}

export async function runWatch(urls: string[], opts: WatchCommandOptions, io: Io = defaultIo(), signal?: AbortSignal): Promise<PollResult[]> {
  const queue = await openQueue(opts.db);
  const results: PollResult[] = [];
  try {
    await watchFeeds(queue, urls, {
      everyMs: opts.everyMs,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      once: opts.once ?? false,
      feedText: opts.feedText ?? false,
      allowPrivateUrls: opts.allowPrivateUrls ?? false,
      ...(signal ? { signal } : {}),
      onPoll: (r) => {
        results.push(r);
        if (r.status === "error") io.err.write(`watch: ${formatPoll(r)}\n`);
        else if (!opts.quiet) io.out.write(`watch: ${formatPoll(r)}\n`);
      },
    });
  } finally {
    await queue.close();
  }
  return results;
}

export function registerWatch(program: Command, io?: Io): void {
  program
    .command("watch")
    .description("Poll RSS/Atom feeds and enqueue their new items for `toll worker`.")
    .argument("<feeds...>", "feed URLs")
    .addOption(dbOption())
    .addOption(new Option("--every <duration>", "time between polls of each feed").argParser(parseDurationOption).default(600_000, "10m"))
    .addOption(new Option("--timeout <duration>", "timeout for one feed fetch").argParser(parseDurationOption).default(30_000, "30s"))
    .option("--once", "poll each feed once and exit")
    .option("-q, --quiet", "print only errors")
    .option("--feed-text", "store each item's text as the feed gives it, instead of fetching the item's page")
    .option("--allow-private-urls", "let feeds on loopback, private and link-local addresses be fetched (item pages: see toll worker)")
    .action(async (feeds: string[], o: { db?: string; every: number; timeout: number; once?: boolean; quiet?: boolean; feedText?: boolean; allowPrivateUrls?: boolean }) => {
      const bad = feeds.filter((f) => !/^https?:\/\//i.test(f));
      if (bad.length > 0) throw new Error(`not an http(s) URL: ${bad.join(", ")}`);
      const ac = new AbortController();
      const stop = () => ac.abort();
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
      try {
        const results = await runWatch(
          feeds,
          { ...(o.db !== undefined ? { db: o.db } : {}), everyMs: o.every, timeoutMs: o.timeout, once: o.once ?? false, quiet: o.quiet ?? false, feedText: o.feedText ?? false, allowPrivateUrls: o.allowPrivateUrls ?? false },
          io ?? defaultIo(),
          ac.signal,
        );
        if (o.once && results.some((r) => r.status === "error")) process.exitCode = 1;
      } finally {
        process.off("SIGTERM", stop);
        process.off("SIGINT", stop);
      }
    });
}
