// `toll claims`: list stored claims with filters, a page at a time (or --all), as a table, JSON or CSV.
import { Option } from "commander";
import type { Command } from "commander";
import { CERTAINTIES, METRICS, VICTIM_GROUPS } from "../../extract/types.ts";
import {
  dbOption,
  defaultIo,
  parseDate,
  parsePositiveInt,
  withStore,
  writeOut,
} from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";
import { placeSpellings } from "../../gazetteer/index.ts";
import { csvLine, renderTable } from "../../store/export.ts";
import type { ClaimFilter, Store, StoredClaim } from "../../store/types.ts";

interface ClaimsOptions {
  db?: string;
  from?: string;
  to?: string;
  country?: string;
  place?: string;
  metric?: string;
  victims?: string;
  perpetrator?: string;
  certainty?: string;
  q?: string;
  limit?: number;
  after?: string;
  all?: boolean;
  format: "table" | "json" | "csv";
}

const CSV_COLUMNS = [
  "claim_id",
  "article_id",
  "local_id",
  "date",
  "metric",
  "value",
  "low",
  "high",
  "qualifier",
  "victims",
  "location_name",
  "place",
  "country",
  "lat",
  "lon",
  "perpetrator",
  "certainty",
  "evidence_text",
] as const;

// Plain names: they never need quoting or the formula guard.
const HEADER = `${CSV_COLUMNS.join(",")}\r\n`;

function flat(c: StoredClaim): Record<(typeof CSV_COLUMNS)[number], unknown> {
  return {
    claim_id: c.claim_id,
    article_id: c.article_id,
    local_id: c.local_id,
    date: c.date,
    metric: c.metric,
    value: c.value,
    low: c.low,
    high: c.high,
    qualifier: c.qualifier,
    victims: c.victims,
    location_name: c.location?.name ?? null,
    place: c.location?.place ?? null,
    country: c.location?.country ?? null,
    lat: c.location?.lat ?? null,
    lon: c.location?.lon ?? null,
    perpetrator: c.perpetrator,
    certainty: c.certainty,
    evidence_text: c.evidence.text,
  };
}

/** Every page after `first`, following the cursor until the end. */
async function* pages(store: Store, filter: ClaimFilter): AsyncGenerator<StoredClaim[]> {
  let after = filter.after;
  for (;;) {
    const page = await store.listClaims({ ...filter, ...(after ? { after } : {}) });
    yield page.items;
    if (page.next === null) return;
    after = page.next;
  }
}

export function registerClaims(program: Command, io: Io = defaultIo()): void {
  program
    .command("claims")
    .description(
      "List stored claims, newest first (undated last). Shows one page; --all or --after for more.",
    )
    .option("--from <date>", "claims dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)", parseDate)
    .option("--to <date>", "claims dated on or before (YYYY, YYYY-MM or YYYY-MM-DD)", parseDate)
    .option("--country <cc>", "ISO 3166-1 alpha-2 country code")
    .option("--place <name>", "gazetteer place name (case-insensitive)")
    .addOption(new Option("--metric <metric>", "what happened").choices(METRICS))
    .addOption(new Option("--victims <group>", "victim group").choices(VICTIM_GROUPS))
    .option("--perpetrator <name>", "perpetrator as extracted (case-insensitive)")
    .addOption(new Option("--certainty <c>", "certainty of the claim").choices(CERTAINTIES))
    .option("--q <text>", "full-text query over the claims' articles")
    .option("--limit <n>", "claims per page (default 100)", parsePositiveInt)
    .option("--after <cursor>", "continue after this cursor (printed at the end of the previous page)")
    .option("--all", "every matching claim, all pages")
    .addOption(
      new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table"),
    )
    .addOption(dbOption())
    .action(async (opts: ClaimsOptions) => {
      const filter: ClaimFilter = {};
      for (const key of [
        "from",
        "to",
        "country",
        "place",
        "metric",
        "victims",
        "perpetrator",
        "certainty",
        "q",
        "after",
      ] as const) {
        const v = opts[key];
        if (v !== undefined) filter[key] = v;
      }
      if (opts.limit !== undefined) filter.limit = opts.limit;
      // "Fallujah" finds "Al Fallūjah": the gazetteer's names for the place are matched too.
      if (opts.place !== undefined) filter.placeSpellings = placeSpellings(opts.place);

      await withStore(opts.db, async (store) => {
        if (opts.all) {
          await writeAll(store, filter, opts.format, io);
          return;
        }
        const page = await store.listClaims(filter);
        if (opts.format === "json") {
          await writeOut(io, `${JSON.stringify(page, null, 2)}\n`);
          return;
        }
        if (opts.format === "csv") {
          await writeOut(
            io,
            HEADER + page.items.map((c) => csvLine(CSV_COLUMNS.map((k) => flat(c)[k]))).join(""),
          );
        } else {
          await writeOut(io, page.items.length === 0 ? "No claims match.\n" : table(page.items));
        }
        // The rest is never dropped silently: say how to get it (on stderr, so piped output stays clean).
        if (page.next) io.err.write(`More claims: add --after ${page.next} (or --all for every page).\n`);
      });
    });
}

function table(items: StoredClaim[]): string {
  return renderTable(
    [
      { key: "claim_id", title: "id", align: "right" },
      { key: "date" },
      { key: "metric" },
      { key: "value", align: "right" },
      { key: "qualifier" },
      { key: "victims" },
      { key: "place", max: 20 },
      { key: "country", title: "cc" },
      { key: "certainty" },
      { key: "article_id", title: "article", align: "right" },
      { key: "evidence_text", title: "evidence", max: 60 },
    ],
    items.map(flat),
  );
}

async function writeAll(
  store: Store,
  filter: ClaimFilter,
  format: ClaimsOptions["format"],
  io: Io,
): Promise<void> {
  // Page size only affects memory here; every page is written before the next is read.
  const f = { ...filter, limit: filter.limit ?? 1_000 };
  if (format === "table") {
    // One table with one set of column widths; a terminal table is small enough to hold.
    const all: StoredClaim[] = [];
    for await (const items of pages(store, f)) all.push(...items);
    await writeOut(io, all.length === 0 ? "No claims match.\n" : table(all));
    return;
  }
  async function* chunks(): AsyncGenerator<string> {
    let first = true;
    if (format === "csv") yield HEADER;
    if (format === "json") yield '{"items":[';
    for await (const items of pages(store, f)) {
      if (format === "csv") yield items.map((c) => csvLine(CSV_COLUMNS.map((k) => flat(c)[k]))).join("");
      else if (format === "json") {
        for (const c of items) {
          yield `${first ? "\n" : ",\n"}${JSON.stringify(c)}`;
          first = false;
        }
      }
    }
    if (format === "json") yield '\n],"next":null}\n';
  }
  await writeOut(io, chunks());
}
