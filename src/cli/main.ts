import { Command } from "commander";
import { registerCommands } from "./commands/index.ts";

export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command();
  program
    .name("toll")
    .description("Casualty recording from the news: extract, store, reconcile and serve casualty claims.")
    .showHelpAfterError();
  await registerCommands(program, argv);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
  } catch (err) {
    process.stderr.write(`toll: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
  }
}
