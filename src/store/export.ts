// Export formats as pure streaming functions: rows in, text chunks out. The CLI (`toll export`) and the HTTP
// server both pipe these into their output, so the formats cannot drift apart.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Writable } from "node:stream";
import type { ExportRow } from "./types.ts";

export type ExportFormat = "csv" | "json" | "geojson";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["csv", "json", "geojson"];

/** CSV column order (also the JSON/GeoJSON property names). */
export const EXPORT_COLUMNS: readonly (keyof ExportRow)[] = [
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
  "victims_text",
  "victim_name",
  "scope",
  "in_headline",
  "historical",
  "period_start",
  "period_end",
  "period_precision",
  "location_name",
  "place",
  "country",
  "lat",
  "lon",
  "location_precision",
  "perpetrator",
  "perpetrator_certainty",
  "method",
  "source",
  "certainty",
  "evidence_text",
  "sentence_text",
  "rule",
  "part_of",
  "same_as",
  "breakdown",
  "article_title",
  "article_outlet",
  "article_url",
  "article_published",
];

/** Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180). Text cells starting like a formula get a leading single quote so a spreadsheet shows
 * them as text instead of running them. Numbers are written as they are: a negative longitude must stay a number.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let s = typeof value === "string" ? value : JSON.stringify(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  // Quote every text cell: harmless, and a spreadsheet then never reinterprets "1/2" or "007".
  return `"${s.replaceAll('"', '""')}"`;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark so Excel reads the file as UTF-8 (default true). */
  bom?: boolean;
}

export async function* toCsv(rows: AsyncIterable<ExportRow> | Iterable<ExportRow>, options: CsvOptions = {}) {
  // The header is plain names; they never need the formula guard.
  yield `${options.bom === false ? "" : "\uFEFF"}${EXPORT_COLUMNS.join(",")}\r\n`;
  for await (const row of rows) yield csvLine(EXPORT_COLUMNS.map((c) => row[c]));
}

/** The row as a JSON object: breakdown as a real array rather than JSON text. */
export function exportObject(row: ExportRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of EXPORT_COLUMNS) out[c] = c === "breakdown" ? JSON.parse(row.breakdown) : row[c];
  return out;
}

/** A JSON array, one row per line, streamed. */
export async function* toJson(rows: AsyncIterable<ExportRow> | Iterable<ExportRow>) {
  let first = true;
  for await (const row of rows) {
    yield `${first ? "[\n" : ",\n"}${JSON.stringify(exportObject(row))}`;
    first = false;
  }
  yield first ? "[]\n" : "\n]\n";
}

/** True when the row has a usable point (both coordinates finite and in range). */
export function isLocated(
  row: Pick<ExportRow, "lat" | "lon">,
): row is ExportRow & { lat: number; lon: number } {
  const { lat, lon } = row;
  return (
    typeof lat === "number" &&
    typeof lon === "number" &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180
  );
}

/** A GeoJSON FeatureCollection (RFC 7946) of Points, [lon, lat] order; claims without coordinates are left out. */
export async function* toGeoJson(rows: AsyncIterable<ExportRow> | Iterable<ExportRow>) {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const row of rows) {
    if (!isLocated(row)) continue;
    const { lat, lon, ...rest } = exportObject(row);
    const feature = {
      type: "Feature",
      id: row.claim_id,
      geometry: { type: "Point", coordinates: [lon, lat] },
      properties: rest,
    };
    yield `${first ? "\n" : ",\n"}${JSON.stringify(feature)}`;
    first = false;
  }
  yield "\n]}\n";
}

export function exportChunks(
  format: ExportFormat,
  rows: AsyncIterable<ExportRow> | Iterable<ExportRow>,
  options: CsvOptions = {},
): AsyncIterable<string> {
  switch (format) {
    case "csv":
      return toCsv(rows, options);
    case "json":
      return toJson(rows);
    case "geojson":
      return toGeoJson(rows);
  }
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  geojson: "application/geo+json; charset=utf-8",
};

/** Pipes chunks into a stream with backpressure (a slow pipe or disk does not fill memory). */
export async function writeChunks(chunks: AsyncIterable<string>, out: Writable, end = true): Promise<void> {
  await pipeline(Readable.from(chunks), out, { end });
}

/** A plain-text table for terminals: columns padded to width, long cells cut with an ellipsis. */
export function renderTable(
  columns: readonly { key: string; title?: string; max?: number; align?: "left" | "right" }[],
  rows: readonly Record<string, unknown>[],
): string {
  const text = (v: unknown, max: number | undefined): string => {
    let s = v === null || v === undefined ? "" : typeof v === "string" ? v : String(v);
    s = s.replace(/\s+/g, " ");
    return max !== undefined && s.length > max ? `${s.slice(0, max - 1)}…` : s;
  };
  const cells = rows.map((r) => columns.map((c) => text(r[c.key], c.max)));
  const widths = columns.map((c, i) =>
    Math.max((c.title ?? c.key).length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const line = (vals: string[]) =>
    vals
      .map((v, i) => (columns[i]?.align === "right" ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.title ?? c.key)), ...cells.map(line)].join("\n") + "\n";
}

// ---- incidents ---------------------------------------------------------------------------------------------------

/**
 * One incident as exported, in the manner of UCDP GED: a date window with its precision, a place with its
 * precision, killed and injured as low / best / high. Precisions use Toll's words (date_prec: day · days · week ·
 * month · year; where_prec: exact · near · region · country) rather than UCDP's codes 1–7.
 */
export interface IncidentExportRow {
  id: string;
  date_start: string | null;
  date_end: string | null;
  date_prec: "day" | "days" | "week" | "month" | "year" | null;
  country: string | null;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  where_prec: "exact" | "near" | "region" | "country" | null;
  killed_low: number | null;
  killed_best: number | null;
  killed_high: number | null;
  injured_low: number | null;
  injured_best: number | null;
  injured_high: number | null;
  /** Every perpetrator reported, joined with "; ". */
  perpetrator: string | null;
  /** Every method reported, joined with "; ". */
  method: string | null;
  grade: string;
  /** Independent sources (wire copies collapsed into one). */
  sources: number;
  /** Claims the incident is made of. */
  claims: number;
  /** unreviewed · partly · reviewed (how many of its claims an analyst has looked at). */
  review_status: "unreviewed" | "partly" | "reviewed";
  /** The incident's page in the dashboard. */
  url: string;
}

/** The column order of incident exports: a contract (README, "Incident exports"). */
export const INCIDENT_EXPORT_COLUMNS = [
  "id",
  "date_start",
  "date_end",
  "date_prec",
  "country",
  "place",
  "latitude",
  "longitude",
  "where_prec",
  "killed_low",
  "killed_best",
  "killed_high",
  "injured_low",
  "injured_best",
  "injured_high",
  "perpetrator",
  "method",
  "grade",
  "sources",
  "claims",
  "review_status",
  "url",
] as const satisfies readonly (keyof IncidentExportRow)[];

type Rows<T> = AsyncIterable<T> | Iterable<T>;

async function* incidentCsv(rows: Rows<IncidentExportRow>, options: CsvOptions) {
  yield `${options.bom === false ? "" : "\uFEFF"}${INCIDENT_EXPORT_COLUMNS.join(",")}\r\n`;
  for await (const row of rows) yield csvLine(INCIDENT_EXPORT_COLUMNS.map((c) => row[c]));
}

function incidentObject(row: IncidentExportRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of INCIDENT_EXPORT_COLUMNS) out[c] = row[c];
  return out;
}

async function* incidentJson(rows: Rows<IncidentExportRow>) {
  let first = true;
  for await (const row of rows) {
    yield `${first ? "[\n" : ",\n"}${JSON.stringify(incidentObject(row))}`;
    first = false;
  }
  yield first ? "[]\n" : "\n]\n";
}

/** Located incidents as GeoJSON Points ([lon, lat]); every column is also a property, coordinates included. */
async function* incidentGeoJson(rows: Rows<IncidentExportRow>) {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const row of rows) {
    if (!isLocated({ lat: row.latitude, lon: row.longitude })) continue;
    const feature = {
      type: "Feature",
      id: row.id,
      geometry: { type: "Point", coordinates: [row.longitude, row.latitude] },
      properties: incidentObject(row),
    };
    yield `${first ? "\n" : ",\n"}${JSON.stringify(feature)}`;
    first = false;
  }
  yield "\n]}\n";
}

export function incidentExportChunks(
  format: ExportFormat,
  rows: Rows<IncidentExportRow>,
  options: CsvOptions = {},
): AsyncIterable<string> {
  switch (format) {
    case "csv":
      return incidentCsv(rows, options);
    case "json":
      return incidentJson(rows);
    case "geojson":
      return incidentGeoJson(rows);
  }
}
