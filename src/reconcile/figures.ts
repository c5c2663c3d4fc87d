// low / best / high for one incident (or one aggregate), per metric and victim group, from the claims it holds.
//
// The rules, in the order they apply (each leaves a `Because` naming the claims it used):
//  1. `not_counted`   breakdown parts (part_of) and historical claims never count.
//  2. `restatement`   a claim the extractor marked same_as another, or (fallback) a headline figure within 15% of
//                     a body figure of the same article, is the same report, not a second one: "4,000 killed" over
//                     a body saying "3,864" is left out.
//  3. `superseded`    a later report from the same source (claim.source, else the source family: outlet or wire)
//                     replaces its earlier ones for that metric and group.
//  4. `low`           the highest documented minimum: exact N → N; "at least N" → N; "more than N" → N + 1 (strictly
//                     more); range and vague figures → the claim's own low; approximate ones ("some 40") only when
//                     the extraction gave them a band below the figure. Weak claims (alleged,
//                     feared, unconfirmed, denied) never raise the low. With no documented minimum at all ("as many
//                     as 43" alone), the smallest figure reported.
//  5. `high`          "as many as N" / "up to N" caps the high at N (the smallest such cap that is not below the low:
//                     a cap under the low is an outdated early report). Without a cap, the highest figure reported.
//  6. `best`          the highest exact or approximate figure within [low, high]; failing that, the (lower) median of
//                     all active figures clipped into [low, high].
import type { Claim, Metric, VictimGroup } from "../extract/types.ts";
import { METRICS } from "../extract/types.ts";
import type { Because, Figure, MetricTotal } from "./types.ts";
import { cmp, victimClass } from "./normalize.ts";

export interface FigureInput {
  key: string;
  claim: Claim;
  article_id: string;
  /** ISO publication date-time of the article, null when unknown. */
  published: string | null;
  /** Supersession stream: who is speaking (claim.source, else the source family). */
  stream: string;
}

const WEAK = new Set(["alleged", "feared", "unconfirmed", "denied"]);

export interface Bounds {
  /** Documented minimum, or null when the claim gives none. */
  lo: number | null;
  /** Explicit cap ("as many as"), or null. */
  cap: number | null;
  /** The highest figure the claim allows as a report (its value or its own high). */
  top: number;
  /** The claim's point figure, when it states one (exact or approximate). */
  point: number | null;
  /** True when the figure is open upwards (at least / more than). */
  open: boolean;
}

export function claimBounds(c: Claim): Bounds {
  const weak = c.certainty !== null && WEAK.has(c.certainty);
  const v = c.value;
  let b: Bounds;
  switch (c.qualifier) {
    case "exact":
      b = { lo: v, cap: null, top: v, point: v, open: false };
      break;
    case "approximately":
      // "Some 40" documents no minimum unless the extraction gave it a band.
      b = { lo: c.low < v ? c.low : null, cap: null, top: Math.max(c.high, v), point: v, open: false };
      break;
    case "at_least":
      b = { lo: v, cap: null, top: v, point: null, open: true };
      break;
    case "more_than":
      b = { lo: v + 1, cap: null, top: v + 1, point: null, open: true };
      break;
    case "at_most":
      b = { lo: c.low < v ? c.low : null, cap: v, top: v, point: null, open: false };
      break;
    case "fewer_than":
      b = { lo: c.low < v - 1 ? c.low : null, cap: v - 1, top: v - 1, point: null, open: false };
      break;
    case "range":
    case "vague":
      b = { lo: c.low, cap: null, top: Math.max(c.high, c.low), point: null, open: false };
      break;
  }
  // A lower bound of 0 documents nothing.
  if (b.lo === 0) b.lo = null;
  if (weak) b.lo = null;
  return b;
}

function groupKey(c: Claim): string {
  return `${c.metric}|${c.victims}`;
}

function dayOf(published: string | null): string {
  return published ?? "";
}

/**
 * Claims that restate another claim of the same article (a headline rounding the body's figure). Returns key →
 * key of the body claim it restates.
 */
export function restatements(inputs: readonly FigureInput[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of inputs) {
    // The extractor marks a repeat itself (same_as: the id of the claim it repeats in the same article).
    if (h.claim.same_as) {
      out.set(h.key, `${h.article_id}#${h.claim.same_as}`);
      continue;
    }
    // Fallback for extractions without same_as: a headline figure within 15% of a body figure of the same metric.
    if (!h.claim.in_headline) continue;
    let bestBody: FigureInput | null = null;
    for (const b of inputs) {
      if (b === h || b.article_id !== h.article_id || b.claim.in_headline) continue;
      if (b.claim.metric !== h.claim.metric || b.claim.scope !== h.claim.scope) continue;
      const cv = victimClass(h.claim.victims);
      const bv = victimClass(b.claim.victims);
      if (cv !== bv && cv !== "all" && bv !== "all") continue;
      const rel = Math.abs(h.claim.value - b.claim.value) / Math.max(1, b.claim.value);
      if (rel > 0.15) continue;
      if (
        !bestBody ||
        Math.abs(b.claim.value - h.claim.value) < Math.abs(bestBody.claim.value - h.claim.value)
      )
        bestBody = b;
    }
    if (bestBody) out.set(h.key, bestBody.key);
  }
  return out;
}

/** Figures of a set of claims (one incident, or one aggregate), sorted by metric then victim group. */
export function computeFigures(inputs: readonly FigureInput[]): Figure[] {
  const restated = restatements(inputs);
  const groups = new Map<string, FigureInput[]>();
  for (const inp of inputs) {
    const k = groupKey(inp.claim);
    const g = groups.get(k);
    if (g) g.push(inp);
    else groups.set(k, [inp]);
  }
  const out: Figure[] = [];
  for (const g of groups.values()) {
    const f = figureOf(g, restated);
    if (f) out.push(f);
  }
  const order = (m: Metric): number => METRICS.indexOf(m);
  out.sort((a, b) => order(a.metric) - order(b.metric) || cmp(a.victims, b.victims));
  return out;
}

function figureOf(group: readonly FigureInput[], restated: Map<string, string>): Figure | null {
  const first = group[0];
  if (!first) return null;
  const because: Because[] = [];
  const excluded: string[] = [];
  const sorted = [...group].sort((a, b) => cmp(a.key, b.key));

  // 1-2. Not counted, restatements.
  let active: FigureInput[] = [];
  for (const inp of sorted) {
    const c = inp.claim;
    if (c.part_of !== null || c.historical) {
      excluded.push(inp.key);
      because.push({
        rule: "not_counted",
        claims: [inp.key],
        text:
          c.part_of !== null
            ? `${inp.key} is a part of ${c.part_of}: never added`
            : `${inp.key} is historical`,
      });
      continue;
    }
    const of = restated.get(inp.key);
    if (of !== undefined) {
      excluded.push(inp.key);
      because.push({
        rule: "restatement",
        claims: [inp.key, of],
        text: `headline figure ${c.value} in ${inp.key} restates ${of} of the same article: one report`,
      });
      continue;
    }
    active.push(inp);
  }
  // 3. Supersession within a stream: only the latest article of each stream counts.
  const latest = new Map<string, string>();
  for (const inp of active) {
    const cur = latest.get(inp.stream);
    if (cur === undefined || dayOf(inp.published) > cur) latest.set(inp.stream, dayOf(inp.published));
  }
  const kept: FigureInput[] = [];
  for (const inp of active) {
    const l = latest.get(inp.stream) ?? "";
    if (inp.published !== null && dayOf(inp.published) < l) {
      const by = active.filter((o) => o.stream === inp.stream && dayOf(o.published) === l).map((o) => o.key);
      excluded.push(inp.key);
      because.push({
        rule: "superseded",
        claims: [inp.key, ...by],
        text: `${inp.key} (${inp.published}) is superseded by the later report of the same source "${inp.stream}" (${by.join(", ")})`,
      });
    } else kept.push(inp);
  }
  active = kept;
  if (active.length === 0) return null;

  const bounds = active.map((inp) => ({ inp, b: claimBounds(inp.claim) }));

  // 4. Low.
  let low = -1;
  let lowBy: string[] = [];
  for (const { inp, b } of bounds) {
    if (b.lo === null) continue;
    if (b.lo > low) {
      low = b.lo;
      lowBy = [inp.key];
    } else if (b.lo === low) lowBy.push(inp.key);
  }
  if (low >= 0) {
    because.push({
      rule: "low",
      claims: lowBy,
      text: `low ${low}: the highest documented minimum (${describe(bounds, lowBy)})`,
    });
  } else {
    low = Math.min(...bounds.map(({ inp, b }) => b.point ?? b.cap ?? inp.claim.value));
    lowBy = bounds
      .filter(({ inp, b }) => (b.point ?? b.cap ?? inp.claim.value) === low)
      .map(({ inp }) => inp.key);
    because.push({
      rule: "low",
      claims: lowBy,
      text: `low ${low}: no claim documents a minimum, so the smallest figure reported`,
    });
  }

  // 5. High.
  let high: number;
  const caps = bounds
    .filter(({ b }) => b.cap !== null)
    .map(({ inp, b }) => ({ key: inp.key, cap: b.cap as number }));
  const usable = caps.filter((c) => c.cap >= low);
  const stale = caps.filter((c) => c.cap < low);
  if (stale.length > 0) {
    because.push({
      rule: "high",
      claims: stale.map((c) => c.key),
      text: `cap${stale.length > 1 ? "s" : ""} ${stale.map((c) => c.cap).join(", ")} below the low ${low} ignored: outdated by a higher documented toll`,
    });
  }
  if (usable.length > 0) {
    high = Math.min(...usable.map((c) => c.cap));
    const by = usable.filter((c) => c.cap === high).map((c) => c.key);
    because.push({
      rule: "high",
      claims: by,
      text: `high ${high}: capped by "as many as"/"up to" in ${by.join(", ")}`,
    });
  } else {
    high = Math.max(low, ...bounds.map(({ b }) => b.top));
    const by = bounds.filter(({ b }) => b.top === high).map(({ inp }) => inp.key);
    because.push({
      rule: "high",
      claims: by,
      text: `high ${high}: no cap, so the highest figure reported (${by.join(", ")})`,
    });
  }
  if (high < low) high = low;

  // 6. Best.
  let best: number;
  const points = bounds.filter(({ b }) => b.point !== null && b.point >= low && b.point <= high);
  if (points.length > 0) {
    best = Math.max(...points.map(({ b }) => b.point as number));
    const by = points.filter(({ b }) => b.point === best).map(({ inp }) => inp.key);
    because.push({
      rule: "best",
      claims: by,
      text: `best ${best}: the highest exact or approximate figure within [${low}, ${high}]`,
    });
  } else {
    const clipped = bounds
      .map(({ inp }) => Math.min(high, Math.max(low, inp.claim.value)))
      .sort((a, b) => a - b);
    best = clipped[Math.floor((clipped.length - 1) / 2)] ?? low;
    because.push({
      rule: "best",
      claims: bounds.map(({ inp }) => inp.key),
      text: `best ${best}: no exact figure within [${low}, ${high}], so the median of the reported figures clipped to it (${clipped.join(", ")})`,
    });
  }
  return {
    metric: first.claim.metric,
    victims: first.claim.victims,
    low,
    best,
    high,
    claims: active.map((a) => a.key),
    excluded,
    because,
  };
}

function describe(bounds: readonly { inp: FigureInput; b: Bounds }[], keys: readonly string[]): string {
  return bounds
    .filter(({ inp }) => keys.includes(inp.key))
    .map(({ inp }) => `${inp.key}: "${inp.claim.evidence.text}" (${inp.claim.qualifier})`)
    .join("; ");
}

/**
 * Incident total per metric across victim groups. "people"/"other" figures cover every victim; the specific civilian
 * groups overlap one another (children are civilians), so the largest is taken, likewise for combatants; civilians
 * and combatants are disjoint, so those two are added. The total is the larger of the all-victims figure and that
 * sum, component by component (low, best and high separately), so nothing is counted twice.
 */
export function metricTotals(figures: readonly Figure[]): MetricTotal[] {
  const out: MetricTotal[] = [];
  for (const metric of METRICS) {
    const fs = figures.filter((f) => f.metric === metric);
    if (fs.length === 0) continue;
    const max = (cls: string) => {
      const sel = fs.filter((f) => victimClass(f.victims) === cls);
      return {
        low: Math.max(0, ...sel.map((f) => f.low)),
        best: Math.max(0, ...sel.map((f) => f.best)),
        high: Math.max(0, ...sel.map((f) => f.high)),
        groups: sel.map((f) => f.victims),
      };
    };
    const civ = max("civilian");
    const comb = max("combatant");
    const all = max("all");
    const sum = { low: civ.low + comb.low, best: civ.best + comb.best, high: civ.high + comb.high };
    const total = {
      low: Math.max(all.low, sum.low),
      best: Math.max(all.best, sum.best),
      high: Math.max(all.high, sum.high),
    };
    const parts: string[] = [];
    if (civ.groups.length) parts.push(`civilians (largest of ${civ.groups.join(", ")})`);
    if (comb.groups.length) parts.push(`combatants (largest of ${comb.groups.join(", ")})`);
    if (all.groups.length) parts.push(`all victims (${all.groups.join(", ")})`);
    out.push({
      metric,
      ...total,
      because: `larger of all-victims figure and civilians + combatants: ${parts.join("; ")}`,
    });
  }
  return out;
}

/** Groups present in a figure list (for tests and explanations). */
export function figureFor(
  figures: readonly Figure[],
  metric: Metric,
  victims: VictimGroup,
): Figure | undefined {
  return figures.find((f) => f.metric === metric && f.victims === victims);
}
