// Builds the gazetteer cache (node_modules/.cache/toll/gazetteer-v1.bin) ahead of first use; meant for
// postinstall. Prints build facts so regressions in size or time are visible.
import { statSync } from "node:fs";
import { defaultCachePath, loadGazetteer } from "../src/gazetteer/index.ts";

const path = process.argv[2] ?? defaultCachePath();
const t0 = performance.now();
const built = loadGazetteer({ cachePath: path, rebuild: true });
const t1 = performance.now();
loadGazetteer({ cachePath: path });
const t2 = performance.now();
console.log(
  `gazetteer: ${built.size.places} places, ${built.size.keys} keys, ${(statSync(path).size / 1e6).toFixed(1)} MB at ${path}; ` +
    `build ${Math.round(t1 - t0)} ms, load ${Math.round(t2 - t1)} ms`,
);
