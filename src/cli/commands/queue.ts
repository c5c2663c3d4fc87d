// `toll queue [--format json]`: pending, running, failed (with their errors) and done jobs.
// `toll queue retry ID`: a failed job runs again now, with fresh attempts.
import { Option } from "commander";
import type { Command } from "commander";
import { openQueue } from "../../queue/index.ts";
import type { QueueBackend, QueueStatus } from "../../queue/index.ts";
import { dbOption, defaultIo, parsePositiveInt, writeOut } from "../../store/cli-support.ts";
import type { Io } from "../../store/cli-support.ts";
import { renderTable } from "../table.ts";

async function withQueue<T>(db: string | undefined, run: (q: QueueBackend) => Promise<T>): Promise<T> {
  const q = await openQueue(db);
  try {
    return await run(q);
  } finally {
    await q.close();
  }
}

export function formatStatus(s: QueueStatus): string {
  const lines = [
    `pending  ${s.pending}${s.retrying > 0 ? ` (${s.retrying} waiting to retry)` : ""}`,
    `running  ${s.running}`,
    `failed   ${s.failed}`,
    `done     ${s.done}`,
  ];
  let out = `${lines.join("\n")}\n`;
  if (s.failures.length > 0) {
    out += `\nfailed jobs${s.failed > s.failures.length ? ` (latest ${s.failures.length} of ${s.failed})` : ""}; run \`toll queue retry ID\` to run one again:\n`;
    out += renderTable(
      ["id", "task", "attempts", "failed at", "subject", "error"],
      s.failures.map((f) => [f.id, f.task, `${f.attempts}/${f.max_attempts}`, f.at, f.subject ?? "", (f.error ?? "").split("\n")[0] ?? ""]),
      80,
    );
    out += "\n";
  }
  return out;
}

export async function runQueueStatus(opts: { db?: string; format?: string; failures?: number }, io: Io = defaultIo()): Promise<QueueStatus> {
  const status = await withQueue(opts.db, (q) => q.status(opts.failures ?? 20));
  await writeOut(io, opts.format === "json" ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
  return status;
}

export async function runQueueRetry(id: string, opts: { db?: string }, io: Io = defaultIo()): Promise<boolean> {
  const ok = await withQueue(opts.db, (q) => q.retry(id.trim()));
  if (ok) io.out.write(`job ${id} will run again now\n`);
  else io.err.write(`toll queue retry: no waiting or failed job ${id} (running jobs cannot be retried; done jobs are gone)\n`);
  return ok;
}

export function registerQueue(program: Command, io?: Io): void {
  const queue = program
    .command("queue")
    .description("Show the job queue: pending, running, failed (with errors) and done jobs.")
    .addOption(dbOption())
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .addOption(new Option("--failures <n>", "failed jobs listed").argParser(parsePositiveInt).default(20))
    .action(async (o: { db?: string; format: string; failures: number }) => {
      await runQueueStatus(o, io ?? defaultIo());
    });
  queue
    .command("retry")
    .description("Run a failed job again now, with fresh attempts.")
    .argument("<id>", "job id, as `toll queue` lists it")
    .addOption(dbOption())
    .action(async (id: string, o: { db?: string }) => {
      // --db may be given before the subcommand (`toll queue --db x retry 7`) or after it.
      const db = o.db ?? (queue.opts() as { db?: string }).db;
      const ok = await runQueueRetry(id, db !== undefined ? { db } : {}, io ?? defaultIo());
      if (!ok) process.exitCode = 1;
    });
}
