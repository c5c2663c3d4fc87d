#!/usr/bin/env node
// Runs the bundled CLI from dist/ when it is newer than every source file (built on `npm install`);
// otherwise runs the TypeScript sources through tsx, so a working tree always runs what it holds.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist", "main.js");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

// A one-document `toll extract` spends most of its start-up compiling regular expressions: the grammar's large
// ones and chrono's many small ones, which V8 compiles twice (bytecode, then optimised native code on reuse). For
// a few documents, unoptimised compilation is cheaper (about a third of the CPU time of the whole run); batch runs
// (--jsonl, ingest, serve) keep V8's defaults, under which extraction runs about 1.4× faster once warm.
const args = process.argv.slice(2);
if (args.find((a) => !a.startsWith("-")) === "extract" && !args.includes("--jsonl")) {
  (await import("node:v8")).setFlagsFromString("--no-regexp-optimization");
}

let main;
if (process.env.TOLL_FROM_SOURCE !== "1" && existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(join(root, "src"))) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
await main(process.argv);
