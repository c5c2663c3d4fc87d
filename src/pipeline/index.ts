// The ingest pipeline (read → extract → store → reconcile) and the extraction pool; see ingest.ts and pool.ts.
export { emptySummary, extractAndStore, extractOptionsOf, ingestItems, ingestSources } from "./ingest.ts";
export type { IngestEvents, IngestOptions, IngestSummary } from "./ingest.ts";
export { defaultThreads, ExtractPool } from "./pool.ts";
export type { ExtractPoolOptions, PoolOptions } from "./pool.ts";
