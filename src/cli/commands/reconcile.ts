// `toll reconcile [--rebuild]`: reconcile stored articles into incidents. Without --rebuild, only articles not yet
// reconciled (ingested before reconciliation existed, or with --no-reconcile); with it, everything from scratch,
// keeping earlier ids resolvable as aliases.
import type { Command } from "commander";
import { rebuildIncidents, reconCounts, reconcilePending } from "../../reconcile/store.ts";
import { dbOption, defaultIo, withStore, writeOut } from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";

export function registerReconcile(program: Command, io: Io = defaultIo()): void {
  program
    .command("reconcile")
    .description(
      "Reconcile stored claims into incidents (pending articles only, or --rebuild from all claims).",
    )
    .option("--rebuild", "rebuild every incident from all stored claims (earlier ids stay as aliases)")
    .option("--json", "print the summary as JSON")
    .addOption(dbOption())
    .action(async (opts: { db?: string; rebuild?: boolean; json?: boolean }) => {
      await withStore(opts.db, async (store) => {
        const started = performance.now();
        const summary: Record<string, unknown> = opts.rebuild
          ? { ...(await rebuildIncidents(store)) }
          : { ...(await reconcilePending(store)) };
        const counts = await reconCounts(store);
        const seconds = (performance.now() - started) / 1000;
        if (opts.json) {
          await writeOut(io, `${JSON.stringify({ ...summary, totals: counts, seconds })}\n`);
          return;
        }
        await writeOut(
          io,
          `${opts.rebuild ? "rebuilt from" : "reconciled"} ${String(summary["articles"])} articles, ${String(summary["claims"])} claims ` +
            `(${seconds.toFixed(1)} s); store holds ${counts.incidents} incidents, ${counts.aggregates} running totals, ` +
            `${counts.aliases} aliases\n`,
        );
      });
    });
}
