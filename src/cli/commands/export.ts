// `toll export`: every claim with its article's title, outlet, URL, published date and evidence sentence,
// as CSV, JSON or GeoJSON, streamed (constant memory) to a file or stdout.
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Option } from "commander";
import type { Command } from "commander";
import { dbOption, defaultIo, withStore, writeOut } from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";
import { EXPORT_FORMATS, exportChunks, isLocated, writeChunks } from "../../store/export.ts";
import type { ExportFormat } from "../../store/export.ts";
import type { ExportRow } from "../../store/types.ts";

interface ExportOptions {
  db?: string;
  format: ExportFormat;
  out?: string;
  bom: boolean;
}

export function registerExport(program: Command, io: Io = defaultIo()): void {
  program
    .command("export")
    .description("Export every claim with its article (title, outlet, URL, published) and evidence sentence.")
    .addOption(
      new Option("--format <format>", "csv (RFC 4180), json (array) or geojson (located claims only)")
        .choices(EXPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .option("--out <file>", "write to this file instead of stdout")
    .option(
      "--no-bom",
      "CSV without the UTF-8 byte-order mark (Excel needs it to read UTF-8; R's read.csv does not want it)",
    )
    .addOption(dbOption())
    .action(async (opts: ExportOptions) => {
      await withCounts(opts, io);
    });
}

async function withCounts(opts: ExportOptions, io: Io): Promise<void> {
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
    const chunks = exportChunks(opts.format, counted(), { bom: opts.bom });
    if (opts.out === undefined) {
      await writeOut(io, chunks);
    } else {
      // Write beside the target and rename at the end: an export that fails halfway never leaves a truncated
      // file that looks complete.
      const tmp = `${opts.out}.${process.pid}.tmp`;
      try {
        await writeChunks(chunks, createWriteStream(tmp));
        await rename(tmp, opts.out);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    }
    const where = opts.out ?? "stdout";
    const geo =
      opts.format === "geojson"
        ? ` (${located} located, ${rows - located} without coordinates left out)`
        : "";
    io.err.write(`Exported ${rows} claims${geo} as ${opts.format} to ${where}.\n`);
  });
}
