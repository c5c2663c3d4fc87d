// `toll stats`: how much is stored: articles, claims, claims by country, by month and by metric.
import { Option } from "commander";
import type { Command } from "commander";
import { dbOption, defaultIo, withStore, writeOut } from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";
import { renderTable } from "../../store/export.ts";
import type { Stats } from "../../store/types.ts";

interface StatsOptions {
  db?: string;
  format: "table" | "json";
}

export function registerStats(program: Command, io: Io = defaultIo()): void {
  program
    .command("stats")
    .description("Counts of stored articles and claims, by country, by month and by metric.")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .addOption(dbOption())
    .action(async (opts: StatsOptions) => {
      const stats = await withStore(opts.db, (store) => store.stats());
      await writeOut(io, opts.format === "json" ? `${JSON.stringify(stats, null, 2)}\n` : formatStats(stats));
    });
}

export function formatStats(s: Stats): string {
  const parts = [`Articles: ${s.articles}\nClaims:   ${s.claims}\n`];
  // Claims are reports, not deaths: the same incident reported by five articles is five claims.
  if (s.claims > 0) {
    const right = { align: "right" } as const;
    parts.push(
      "\nBy country\n" +
        renderTable(
          [{ key: "country" }, { key: "claims", ...right }, { key: "articles", ...right }],
          s.by_country.map((r) => ({ ...r, country: r.country ?? "(none)" })),
        ),
      "\nBy month\n" +
        renderTable(
          [{ key: "month" }, { key: "claims", ...right }, { key: "articles", ...right }],
          s.by_month.map((r) => ({ ...r, month: r.month ?? "(undated)" })),
        ),
      "\nBy metric\n" + renderTable([{ key: "metric" }, { key: "claims", ...right }], s.by_metric),
    );
  }
  return parts.join("");
}
