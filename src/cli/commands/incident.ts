// `toll incident ID`: one incident's full explanation (figures and the rule behind each, sources, claims,
// history). An alias (an id merged away) resolves to the incident that absorbed it, and says so.
import type { Command } from "commander";
import { explainIncident } from "../../reconcile/report.ts";
import { getIncident, incidentJson } from "../../reconcile/store.ts";
import { dbOption, defaultIo, withStore, writeOut } from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";

export function registerIncident(program: Command, io: Io = defaultIo()): void {
  program
    .command("incident")
    .description(
      "Explain one incident: where, when, grade and why, each figure and its rule, sources, claims, history.",
    )
    .argument("<id>", "incident id (an alias left by a merge resolves to its incident)")
    .option("--json", "the incident record as JSON (with its public summary)")
    .addOption(dbOption())
    .action(async (asked: string, opts: { db?: string; json?: boolean }) => {
      await withStore(opts.db, async (store) => {
        const found = await getIncident(store, asked);
        if (found.status === "unknown") {
          io.err.write(`toll incident: no incident ${asked}\n`);
          process.exitCode = 1;
          return;
        }
        if (found.status === "retired") {
          await writeOut(io, `${asked}: retired (${found.entry.reason})\n`);
          return;
        }
        const inc = found.state.incidents[found.id];
        if (opts.json && inc) {
          await writeOut(
            io,
            `${JSON.stringify({ asked, resolved: found.id, summary: incidentJson(inc, found.state.articles), record: inc }, null, 2)}\n`,
          );
          return;
        }
        const note =
          found.status === "alias" ? `${asked} is an alias: it was merged into ${found.id}.\n` : "";
        await writeOut(io, `${note}${explainIncident(found.state, asked)}\n`);
      });
    });
}
