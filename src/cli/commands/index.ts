// Each command lives in its own file and registers itself here: one line per command.
import type { Command } from "commander";
import { registerExtract } from "./extract.ts";

export function registerCommands(program: Command): void {
  registerExtract(program);
}
