// `toll totals --by country|place|month`: per key, the incidents' sums (low, best and high summed separately) and,
// beside them, the highest running total reported for that key. The two are never added together.
import { Option } from "commander";
import type { Command } from "commander";
import { METRICS } from "../../extract/types.ts";
import type { Metric } from "../../extract/types.ts";
import { GRADES } from "../../reconcile/types.ts";
import type { Grade, TotalsBy } from "../../reconcile/types.ts";
import { incidentTotals } from "../../reconcile/store.ts";
import { dbOption, defaultIo, withStore, writeOut } from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";
import { csvLine, renderTable } from "../../store/export.ts";

interface TotalsOptions {
  db?: string;
  by: TotalsBy;
  metric?: Metric;
  grade?: Grade[];
  format: "table" | "json" | "csv";
}

const COLUMNS = [
  "key",
  "metric",
  "incidents",
  "low",
  "best",
  "high",
  "aggregate_low",
  "aggregate_best",
  "aggregate_high",
  "aggregate_period",
  "aggregate_id",
] as const;

export function registerTotals(program: Command, io: Io = defaultIo()): void {
  program
    .command("totals")
    .description(
      "Totals by country, place or month: incident sums, and the highest running total reported beside them (never added).",
    )
    .addOption(new Option("--by <key>", "group by").choices(["country", "place", "month"]).default("country"))
    .addOption(new Option("--metric <metric>", "one metric only").choices(METRICS))
    .addOption(
      new Option("--grade <grade...>", "count only incidents of these evidence grades").choices(GRADES),
    )
    .addOption(
      new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table"),
    )
    .addOption(dbOption())
    .action(async (opts: TotalsOptions) => {
      await withStore(opts.db, async (store) => {
        const rows = await incidentTotals(store, opts.by, {
          ...(opts.metric ? { metric: opts.metric } : {}),
          ...(opts.grade ? { grades: opts.grade } : {}),
        });
        if (opts.format === "json") {
          await writeOut(io, `${JSON.stringify({ by: opts.by, rows }, null, 2)}\n`);
          return;
        }
        const flat = rows.map((r) => ({
          key: r.key,
          metric: r.metric,
          incidents: r.incidents.count,
          low: r.incidents.low,
          best: r.incidents.best,
          high: r.incidents.high,
          aggregate_low: r.aggregate?.low ?? null,
          aggregate_best: r.aggregate?.best ?? null,
          aggregate_high: r.aggregate?.high ?? null,
          aggregate_period: r.aggregate
            ? `${r.aggregate.period.start ?? ""}..${r.aggregate.period.end ?? ""}`
            : null,
          aggregate_id: r.aggregate?.id ?? null,
        }));
        if (opts.format === "csv") {
          await writeOut(
            io,
            `${COLUMNS.join(",")}\r\n` + flat.map((r) => csvLine(COLUMNS.map((k) => r[k]))).join(""),
          );
          return;
        }
        if (flat.length === 0) {
          await writeOut(io, "No incidents or running totals.\n");
          return;
        }
        await writeOut(
          io,
          renderTable(
            [
              { key: "key", title: opts.by, max: 30 },
              { key: "metric" },
              { key: "incidents", align: "right" },
              { key: "low", title: "sum low", align: "right" },
              { key: "best", title: "sum best", align: "right" },
              { key: "high", title: "sum high", align: "right" },
              { key: "aggregate_best", title: "running total", align: "right" },
              { key: "aggregate_period", title: "as of", max: 24 },
            ],
            flat,
          ),
        );
      });
    });
}
