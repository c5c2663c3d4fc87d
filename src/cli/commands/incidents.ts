// `toll incidents`: list reconciled incidents with the filters `toll claims` has, as a table, JSON, CSV or GeoJSON.
// In JSON each incident lists its articles by the input's own ids and its killed / injured as {low, best, high}.
import { Option } from "commander";
import type { Command } from "commander";
import { METRICS, VICTIM_GROUPS } from "../../extract/types.ts";
import { GRADES } from "../../reconcile/types.ts";
import type { Grade } from "../../reconcile/types.ts";
import { incidentJson, listIncidents } from "../../reconcile/store.ts";
import { placeSpellings } from "../../gazetteer/index.ts";
import type { IncidentFilter, IncidentJson, Range3 } from "../../reconcile/store.ts";
import {
  dbOption,
  defaultIo,
  parseDate,
  parsePositiveInt,
  withStore,
  writeOut,
} from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";
import { csvLine, renderTable } from "../../store/export.ts";

interface IncidentsOptions {
  db?: string;
  from?: string;
  to?: string;
  country?: string;
  place?: string;
  metric?: string;
  victims?: string;
  q?: string;
  grade?: Grade;
  limit?: number;
  format: "table" | "json" | "csv" | "geojson";
}

const CSV_COLUMNS = [
  "id",
  "date_start",
  "date_end",
  "place",
  "country",
  "lat",
  "lon",
  "grade",
  "killed_low",
  "killed_best",
  "killed_high",
  "injured_low",
  "injured_best",
  "injured_high",
  "method",
  "perpetrator",
  "sources",
  "articles",
  "aliases",
] as const;

function flat(i: IncidentJson): Record<(typeof CSV_COLUMNS)[number], unknown> {
  return {
    id: i.id,
    date_start: i.period?.start ?? null,
    date_end: i.period?.end ?? null,
    place: i.place,
    country: i.country,
    lat: i.lat,
    lon: i.lon,
    grade: i.grade,
    killed_low: i.killed?.low ?? null,
    killed_best: i.killed?.best ?? null,
    killed_high: i.killed?.high ?? null,
    injured_low: i.injured?.low ?? null,
    injured_best: i.injured?.best ?? null,
    injured_high: i.injured?.high ?? null,
    method: i.method,
    perpetrator: i.perpetrator,
    sources: i.sources,
    // Space-separated: ids never contain spaces, and one cell keeps the CSV one row per incident.
    articles: i.articles.join(" "),
    aliases: i.aliases.join(" "),
  };
}

/** "35–43 (35)": low–high with the best figure; one number when they agree. */
export function rangeText(r: Range3 | null): string {
  if (!r) return "";
  return r.low === r.high ? String(r.best) : `${r.low}–${r.high} (${r.best})`;
}

function table(items: IncidentJson[]): string {
  return renderTable(
    [
      { key: "id" },
      { key: "date" },
      { key: "place", max: 24 },
      { key: "country", title: "cc" },
      { key: "killed", align: "right" },
      { key: "injured", align: "right" },
      { key: "grade" },
      { key: "sources", align: "right" },
      { key: "method", max: 20 },
    ],
    items.map((i) => ({
      ...i,
      date: i.period
        ? i.period.start === i.period.end
          ? i.period.start
          : `${i.period.start}..${i.period.end}`
        : "",
      killed: rangeText(i.killed),
      injured: rangeText(i.injured),
    })),
  );
}

export function registerIncidents(program: Command, io: Io = defaultIo()): void {
  program
    .command("incidents")
    .description(
      "List reconciled incidents (one event, many reports), newest first, with low/best/high figures.",
    )
    .option("--from <date>", "incidents on or after (YYYY, YYYY-MM or YYYY-MM-DD)", parseDate)
    .option("--to <date>", "incidents on or before (YYYY, YYYY-MM or YYYY-MM-DD)", parseDate)
    .option("--country <cc>", "ISO 3166-1 alpha-2 country code")
    .option("--place <name>", "place name (case-insensitive)")
    .addOption(new Option("--metric <metric>", "incidents with a figure for this metric").choices(METRICS))
    .addOption(
      new Option("--victims <group>", "incidents with a figure for this victim group").choices(VICTIM_GROUPS),
    )
    .option("--q <text>", "full-text query over the incidents' articles")
    .addOption(new Option("--grade <grade>", "evidence grade").choices(GRADES))
    .option("--limit <n>", "at most this many incidents", parsePositiveInt)
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["table", "json", "csv", "geojson"])
        .default("table"),
    )
    .addOption(dbOption())
    .action(async (opts: IncidentsOptions) => {
      const filter: IncidentFilter = {};
      for (const key of [
        "from",
        "to",
        "country",
        "place",
        "metric",
        "victims",
        "q",
        "grade",
        "limit",
      ] as const) {
        const v = opts[key];
        if (v !== undefined) (filter as Record<string, unknown>)[key] = v;
      }
      if (opts.place !== undefined) filter.placeSpellings = placeSpellings(opts.place);
      await withStore(opts.db, async (store) => {
        const { incidents, articles } = await listIncidents(store, filter);
        const items = incidents.map((i) => incidentJson(i, articles));
        if (opts.format === "json") await writeOut(io, `${JSON.stringify({ items }, null, 2)}\n`);
        else if (opts.format === "csv")
          await writeOut(
            io,
            `${CSV_COLUMNS.join(",")}\r\n` +
              items.map((i) => csvLine(CSV_COLUMNS.map((k) => flat(i)[k]))).join(""),
          );
        else if (opts.format === "geojson") {
          // RFC 7946: [lon, lat]; incidents without coordinates are left out, as in `toll export`.
          const features = items
            .filter((i) => i.lat !== null && i.lon !== null)
            .map(({ lat, lon, ...properties }) => ({
              type: "Feature",
              id: properties.id,
              geometry: { type: "Point", coordinates: [lon, lat] },
              properties,
            }));
          await writeOut(io, `${JSON.stringify({ type: "FeatureCollection", features })}\n`);
        } else await writeOut(io, items.length === 0 ? "No incidents match.\n" : table(items));
      });
    });
}
