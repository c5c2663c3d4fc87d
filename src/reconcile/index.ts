// Public API of the reconciliation core: claims from many articles in, incidents and running totals out. No I/O.
export type * from "./types.ts";
export { GRADES } from "./types.ts";
export {
  aggKey,
  candidateBuckets,
  emptyState,
  forgetIndex,
  fromExtraction,
  incidentBucketKeys,
  reconcile,
  resolveId,
  sliceState,
  splitIncident,
} from "./reconcile.ts";
export { explainIncident, totals } from "./report.ts";
export { DEFAULT_THRESHOLD, RULES, buildProfile, explainScore, scorePair } from "./link.ts";
export { claimBounds, computeFigures, metricTotals } from "./figures.ts";
export { gradeIncident, sourceFamilies } from "./grade.ts";
