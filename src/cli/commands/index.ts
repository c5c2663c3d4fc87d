// Every command lives in its own file. They are loaded on demand: `toll extract` should not pay for the
// SQL drivers, the HTML cleaner or the web server, so only the module of the command being run is imported
// (all of them for `toll --help`). To add a command: one line here, in the order `--help` lists them.
import type { Command } from "commander";

type Register = (program: Command) => void;

const COMMANDS: Record<string, () => Promise<Register>> = {
  extract: async () => (await import("./extract.ts")).registerExtract,
  ingest: async () => (await import("./ingest.ts")).registerIngest,
  claims: async () => (await import("./claims.ts")).registerClaims,
  articles: async () => (await import("./articles.ts")).registerArticles,
  export: async () => (await import("./export.ts")).registerExport,
  stats: async () => (await import("./stats.ts")).registerStats,
  incidents: async () => (await import("./incidents.ts")).registerIncidents,
  incident: async () => (await import("./incident.ts")).registerIncident,
  totals: async () => (await import("./totals.ts")).registerTotals,
  reconcile: async () => (await import("./reconcile.ts")).registerReconcile,
  serve: async () => (await import("./serve.ts")).registerServe,
  user: async () => (await import("./user.ts")).registerUser,
  worker: async () => (await import("./worker.ts")).registerWorker,
  queue: async () => (await import("./queue.ts")).registerQueue,
  watch: async () => (await import("./watch.ts")).registerWatch,
};

/** Registers the command named in `argv` (node, script, command, …), or every command when none is named. */
export async function registerCommands(program: Command, argv: readonly string[] = []): Promise<void> {
  const name = argv.slice(2).find((a) => !a.startsWith("-"));
  const names = name !== undefined && name in COMMANDS ? [name] : Object.keys(COMMANDS);
  for (const n of names) (await COMMANDS[n]!())(program);
}
