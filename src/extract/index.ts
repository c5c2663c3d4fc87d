// Public API of the extractor: text in, claims out. No I/O here.
import { extractDocument } from "./document.ts";
import type { ExtractOptions, ExtractResult, ExtractWarning } from "./types.ts";

export * from "./types.ts";

/** Stored with every article so that a store knows which grammar read it. */
export const EXTRACTOR_VERSION = "0.2.0";

export function extract(
  text: string,
  options: ExtractOptions = {},
): ExtractResult & { warnings: ExtractWarning[] } {
  return extractDocument(text, options);
}
