// Bundles the CLI into dist/ (ES modules, one chunk per lazily loaded part) so that `toll` starts without
// compiling TypeScript on every run, then builds the gazetteer cache once. Runs on `npm install` (prepare).
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist");
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The extraction threads load extract-worker.js beside the chunk that starts them (src/pipeline/pool.ts).
  entryPoints: { main: "src/cli/main.ts", gazetteer: "src/gazetteer/index.ts", "extract-worker": "src/pipeline/extract-worker.ts" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  outdir,
  sourcemap: "linked",
  logLevel: "warning",
});
if (process.env.TOLL_SKIP_GAZETTEER !== "1") {
  const { loadGazetteer } = await import(join(outdir, "gazetteer.js"));
  const started = Date.now();
  loadGazetteer();
  console.log(`toll: gazetteer ready (${Date.now() - started} ms)`);
}
