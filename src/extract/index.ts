// Public API of the extractor: text in, claims out. No I/O here.
import type { ExtractOptions, ExtractResult } from "./types.ts";

export * from "./types.ts";

export const EXTRACTOR_VERSION = "0.1.0";

export function extract(text: string, options: ExtractOptions = {}): ExtractResult {
  // Placeholder until the grammar lands (being written now).
  return {
    article: {
      title: options.title ?? null,
      published: options.published ?? null,
      outlet: options.outlet ?? null,
      url: options.url ?? null,
      text,
    },
    claims: [],
    incidents: [],
    totals: { killed: null, injured: null },
  };
}
