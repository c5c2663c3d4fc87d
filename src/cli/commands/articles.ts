// `toll articles`: list stored articles (newest first), or search them with --q (best match first).
import { Option } from "commander";
import type { Command } from "commander";
import {
  dbOption,
  defaultIo,
  parseDate,
  parsePositiveInt,
  withStore,
  writeOut,
} from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";
import { renderTable } from "../../store/export.ts";
import type { ArticleFilter, ArticleSummary } from "../../store/types.ts";

interface ArticlesOptions {
  db?: string;
  q?: string;
  outlet?: string;
  from?: string;
  to?: string;
  limit?: number;
  after?: string;
  format: "table" | "json";
}

export function registerArticles(program: Command, io: Io = defaultIo()): void {
  program
    .command("articles")
    .description("List stored articles, newest first; with --q, full-text search, best match first.")
    .option("--q <text>", 'full-text query: words, "a phrase", OR, -exclude')
    .option("--outlet <name>", "only this outlet (exact)")
    .option("--from <date>", "published on or after (YYYY, YYYY-MM or YYYY-MM-DD)", parseDate)
    .option("--to <date>", "published on or before", parseDate)
    .option("--limit <n>", "articles per page (default 100; 20 for --q)", parsePositiveInt)
    .option("--after <cursor>", "continue a listing after this cursor")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .addOption(dbOption())
    .action(async (opts: ArticlesOptions) => {
      await withStore(opts.db, async (store) => {
        const ranked = opts.q !== undefined && !opts.outlet && !opts.from && !opts.to && !opts.after;
        let items: (ArticleSummary & { rank?: number })[];
        let next: string | null = null;
        if (ranked) {
          // A search wants relevance order; a filtered listing wants the stable cursor order below.
          items = await store.searchArticles(opts.q ?? "", opts.limit ?? 20);
        } else {
          const filter: ArticleFilter = {};
          for (const key of ["q", "outlet", "from", "to", "after"] as const) {
            const v = opts[key];
            if (v !== undefined) filter[key] = v;
          }
          if (opts.limit !== undefined) filter.limit = opts.limit;
          ({ items, next } = await store.listArticles(filter));
        }
        if (opts.format === "json") {
          await writeOut(io, `${JSON.stringify({ items, next }, null, 2)}\n`);
        } else if (items.length === 0) {
          await writeOut(io, "No articles match.\n");
        } else {
          await writeOut(
            io,
            renderTable(
              [
                { key: "id", align: "right" },
                { key: "published", max: 10 },
                { key: "outlet", max: 20 },
                { key: "claims", align: "right" },
                { key: "revision", title: "rev", align: "right" },
                { key: "title", max: 60 },
                { key: "url", max: 50 },
              ],
              items as unknown as Record<string, unknown>[],
            ),
          );
        }
        if (next) io.err.write(`More articles: add --after ${next}.\n`);
      });
    });
}
