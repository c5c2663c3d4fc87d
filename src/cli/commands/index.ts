// Each command lives in its own file and registers itself here: one line per command.
import type { Command } from "commander";
import { registerExtract } from "./extract.ts";
import { registerClaims } from "./claims.ts";
import { registerArticles } from "./articles.ts";
import { registerExport } from "./export.ts";
import { registerStats } from "./stats.ts";
import { registerIngest } from "./ingest.ts";

export function registerCommands(program: Command): void {
  registerExtract(program);
  registerClaims(program);
  registerArticles(program);
  registerExport(program);
  registerStats(program);
  registerIngest(program);
}
