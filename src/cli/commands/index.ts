// Each command lives in its own file and registers itself here: one line per command.
import type { Command } from "commander";
import { registerExtract } from "./extract.ts";
import { registerClaims } from "./claims.ts";
import { registerArticles } from "./articles.ts";
import { registerExport } from "./export.ts";
import { registerStats } from "./stats.ts";
import { registerIngest } from "./ingest.ts";
import { registerIncidents } from "./incidents.ts";
import { registerIncident } from "./incident.ts";
import { registerTotals } from "./totals.ts";
import { registerReconcile } from "./reconcile.ts";
import { registerWorker } from "./worker.ts";
import { registerQueue } from "./queue.ts";
import { registerWatch } from "./watch.ts";
import { registerServe } from "./serve.ts";
import { registerUser } from "./user.ts";

export function registerCommands(program: Command): void {
  registerExtract(program);
  registerClaims(program);
  registerArticles(program);
  registerExport(program);
  registerStats(program);
  registerIngest(program);
  registerIncidents(program);
  registerIncident(program);
  registerTotals(program);
  registerReconcile(program);
  registerWorker(program);
  registerQueue(program);
  registerWatch(program);
  registerServe(program);
  registerUser(program);
}
