// `toll export`: every claim with its article's title, outlet, URL, published date and evidence sentence, or with
// --incidents every reconciled incident (UCDP GED-style columns, the filters of `toll incidents`), as CSV, JSON or
// GeoJSON, streamed to a file or stdout.
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Option } from "commander";
import type { Command } from "commander";
import type { Kysely } from "kysely";
import { METRICS, VICTIM_GROUPS } from "../../extract/types.ts";
import type { Claim } from "../../extract/types.ts";
import { incidentExportRow, incidentUrl, reviewStatus } from "../../reconcile/export.ts";
import { listIncidents } from "../../reconcile/store.ts";
import type { IncidentFilter } from "../../reconcile/store.ts";
import { GRADES } from "../../reconcile/types.ts";
import type { Grade, StoredReconClaim } from "../../reconcile/types.ts";
import {
  dbOption,
  defaultIo,
  parseDate,
  parsePositiveInt,
  withStore,
  writeOut,
} from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";
import {
  EXPORT_FORMATS,
  exportChunks,
  incidentExportChunks,
  isLocated,
  writeChunks,
} from "../../store/export.ts";
import type { ExportFormat, IncidentExportRow } from "../../store/export.ts";
import { ReviewStore } from "../../store/review.ts";
import { isReviewed } from "../../server/incidents.ts";
import { KyselyStore } from "../../store/store.ts";
import type { ExportRow, Store } from "../../store/types.ts";

interface ExportOptions {
  db?: string;
  format: ExportFormat;
  out?: string;
  bom: boolean;
  incidents?: boolean;
  baseUrl: string;
  from?: string;
  to?: string;
  country?: string;
  place?: string;
  metric?: string;
  victims?: string;
  q?: string;
  grade?: Grade;
  limit?: number;
}

const FILTER_KEYS = ["from", "to", "country", "place", "metric", "victims", "q", "grade", "limit"] as const;

export function registerExport(program: Command, io: Io = defaultIo()): void {
  program
    .command("export")
    .description(
      'Export every claim with its article (title, outlet, URL, published) and evidence sentence, or with --incidents the reconciled incidents (README: "Incident exports").',
    )
    .addOption(
      new Option("--format <format>", "csv (RFC 4180), json (array) or geojson (located rows only)")
        .choices(EXPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .option("--out <file>", "write to this file instead of stdout")
    .option(
      "--no-bom",
      "CSV without the UTF-8 byte-order mark (Excel needs it to read UTF-8; R's read.csv does not want it)",
    )
    .option(
      "--incidents",
      "export incidents (one row each) instead of claims; takes the filters of `toll incidents`",
    )
    .option(
      "--base-url <url>",
      "where the dashboard runs, for the incidents' url column",
      process.env["TOLL_PUBLIC_URL"] ?? "http://127.0.0.1:8080",
    )
    .option(
      "--from <date>",
      "with --incidents: incidents on or after (YYYY, YYYY-MM or YYYY-MM-DD)",
      parseDate,
    )
    .option(
      "--to <date>",
      "with --incidents: incidents on or before (YYYY, YYYY-MM or YYYY-MM-DD)",
      parseDate,
    )
    .option("--country <cc>", "with --incidents: ISO 3166-1 alpha-2 country code")
    .option("--place <name>", "with --incidents: place name (case-insensitive)")
    .addOption(
      new Option("--metric <metric>", "with --incidents: incidents with a figure for this metric").choices(
        METRICS,
      ),
    )
    .addOption(
      new Option(
        "--victims <group>",
        "with --incidents: incidents with a figure for this victim group",
      ).choices(VICTIM_GROUPS),
    )
    .option("--q <text>", "with --incidents: full-text query over the incidents' articles")
    .addOption(new Option("--grade <grade>", "with --incidents: evidence grade").choices(GRADES))
    .option("--limit <n>", "with --incidents: at most this many incidents", parsePositiveInt)
    .addOption(dbOption())
    .action(async (opts: ExportOptions) => {
      const filters = FILTER_KEYS.filter((k) => opts[k] !== undefined);
      if (!opts.incidents && filters.length)
        throw new Error(
          `--${filters.join(", --")} only filter incidents: add --incidents (claims export everything)`,
        );
      await (opts.incidents ? exportIncidents(opts, io) : exportClaims(opts, io));
    });
}

/** Writes chunks to --out (beside it, then renamed, so a failed export never looks complete) or to stdout. */
async function emit(opts: ExportOptions, io: Io, chunks: AsyncIterable<string>): Promise<void> {
  if (opts.out === undefined) {
    await writeOut(io, chunks);
    return;
  }
  const tmp = `${opts.out}.${process.pid}.tmp`;
  try {
    await writeChunks(chunks, createWriteStream(tmp));
    await rename(tmp, opts.out);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

async function exportClaims(opts: ExportOptions, io: Io): Promise<void> {
  await withStore(opts.db, async (store) => {
    let rows = 0;
    let located = 0;
    async function* counted(): AsyncGenerator<ExportRow> {
      for await (const r of store.exportRows()) {
        rows++;
        if (isLocated(r)) located++;
        yield r;
      }
    }
    await emit(opts, io, exportChunks(opts.format, counted(), { bom: opts.bom }));
    const geo =
      opts.format === "geojson"
        ? ` (${located} located, ${rows - located} without coordinates left out)`
        : "";
    io.err.write(`Exported ${rows} claims${geo} as ${opts.format} to ${opts.out ?? "stdout"}.\n`);
  });
}

type ExportTables = {
  recon_claims: { key: string; incident_id: string | null; record: string };
  claims: { id: number; article_id: number; local_id: string };
};

const CHUNK = 500;

/** The claims of the listed incidents (for the place's precision) and which of them an analyst reviewed. */
async function incidentContext(
  store: Store,
  ids: readonly string[],
): Promise<{ claims: Map<string, Claim[]>; reviewedKeys: Set<string> }> {
  if (!(store instanceof KyselyStore)) throw new TypeError("incident exports need the Kysely store");
  const db = store.db as unknown as Kysely<ExportTables>;
  const claims = new Map<string, Claim[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom("recon_claims")
      .select(["incident_id", "record"])
      .where("incident_id", "in", ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) {
      if (!r.incident_id) continue;
      const c = (JSON.parse(r.record) as StoredReconClaim).claim;
      if (c.part_of !== null || c.historical) continue;
      const list = claims.get(r.incident_id) ?? [];
      list.push(c);
      claims.set(r.incident_id, list);
    }
  }
  // As the server counts them (src/server/incidents.ts isReviewed): a review left pending is no review yet.
  const reviewed = [...(await ReviewStore.of(store).allReviews()).values()].filter(isReviewed).map((r) => r.claim_id);
  const reviewedKeys = new Set<string>();
  for (let i = 0; i < reviewed.length; i += CHUNK) {
    const rows = await db
      .selectFrom("claims")
      .select(["article_id", "local_id"])
      .where("id", "in", reviewed.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) reviewedKeys.add(`${r.article_id}#${r.local_id}`);
  }
  return { claims, reviewedKeys };
}

async function exportIncidents(opts: ExportOptions, io: Io): Promise<void> {
  const filter: IncidentFilter = {};
  for (const key of FILTER_KEYS) {
    const v = opts[key];
    if (v !== undefined) (filter as Record<string, unknown>)[key] = v;
  }
  await withStore(opts.db, async (store) => {
    const { incidents } = await listIncidents(store, filter);
    const ctx = await incidentContext(
      store,
      incidents.map((i) => i.id),
    );
    const rows: IncidentExportRow[] = incidents.map((inc) =>
      incidentExportRow(
        inc,
        ctx.claims.get(inc.id) ?? [],
        reviewStatus(inc.claims.filter((k) => ctx.reviewedKeys.has(k)).length, inc.claims.length),
        incidentUrl(opts.baseUrl, inc.id),
      ),
    );
    await emit(opts, io, incidentExportChunks(opts.format, rows, { bom: opts.bom }));
    const located = rows.filter((r) => isLocated({ lat: r.latitude, lon: r.longitude })).length;
    const geo =
      opts.format === "geojson"
        ? ` (${located} located, ${rows.length - located} without coordinates left out)`
        : "";
    io.err.write(`Exported ${rows.length} incidents${geo} as ${opts.format} to ${opts.out ?? "stdout"}.\n`);
  });
}
