// Context fields (date, country, location, actor) scored against gold: filled in below as the context work lands.
import type { ExtractResult } from "../../src/extract/index.ts";
import type { EvalRecord } from "./dataset.ts";
import { formatTable } from "./table.ts";

export const CONTEXT_FIELDS = [] as const;

export interface ContextSample {
  /** null when the extractor gave nothing for the field (counted as "n/a"). */
  right: boolean | null;
}

export interface ContextScore {
  add(s: ContextSample): void;
  summary(): { n: number; answered: number; right: number; accuracy: number | null };
}

export function emptyContextScore(): ContextScore {
  let n = 0;
  let answered = 0;
  let right = 0;
  return {
    add(s) {
      n++;
      if (s.right === null) return;
      answered++;
      if (s.right) right++;
    },
    summary: () => ({ n, answered, right, accuracy: answered === 0 ? null : right / n }),
  };
}

export function contextScoresFor(
  _file: string,
  _rec: EvalRecord,
  _result: ExtractResult,
): Record<string, ContextSample | null> {
  return {};
}

export function formatContextTable(
  _reports: { name: string; context: Record<string, ContextScore> }[],
): string {
  return formatTable(["file", "field", "accuracy"], []);
}
