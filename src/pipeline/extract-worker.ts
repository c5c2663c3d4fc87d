// One extraction thread of the pool (pool.ts). Each thread loads the extractor and, on the first request that
// asks for places, its own gazetteer (immutable, read from the binary cache), then answers requests in order.
import { parentPort } from "node:worker_threads";
import { extract } from "../extract/index.ts";
import type { Gazetteer } from "../extract/index.ts";
import { sharedGazetteer } from "../gazetteer/index.ts";
import type { PoolReply, PoolRequest } from "./pool.ts";

const port = parentPort;
if (!port) throw new Error("extract-worker.ts runs as a worker thread of the extraction pool");

let gazetteer: Gazetteer | undefined;
let gazetteerError: string | null = null;
let gazetteerTried = false;

function places(): Gazetteer | undefined {
  if (!gazetteerTried) {
    gazetteerTried = true;
    try {
      gazetteer = sharedGazetteer();
    } catch (err) {
      gazetteerError = err instanceof Error ? err.message : String(err);
    }
  }
  return gazetteer;
}

port.on("message", (req: PoolRequest) => {
  let reply: PoolReply;
  try {
    const result = extract(req.text, { ...req.options, gazetteer: req.places ? places() : undefined });
    reply = {
      seq: req.seq,
      ok: true,
      result,
      ...(req.places && gazetteerError
        ? { warning: `gazetteer not loaded, places will not be resolved: ${gazetteerError}` }
        : {}),
    };
  } catch (err) {
    reply = { seq: req.seq, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
