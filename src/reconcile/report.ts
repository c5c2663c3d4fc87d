// Read-only views of a state: totals (incidents summed, running totals shown beside) and readable explanations.
import type { Metric } from "../extract/types.ts";
import type { AggregateRecord, Grade, IncidentRecord, ReconState, TotalsBy, TotalsRow } from "./types.ts";
import { cmp, fold, nameKey } from "./normalize.ts";
import { keptApart, resolveId } from "./reconcile.ts";

function incidentKey(inc: IncidentRecord, by: TotalsBy): string {
  if (by === "country") return inc.country ?? "unknown";
  if (by === "place")
    return inc.place
      ? (nameKey(inc.place) ?? fold(inc.place))
      : inc.country
        ? `${inc.country} (no place)`
        : "unknown";
  return inc.date ? inc.date.start.slice(0, 7) : "unknown";
}

// A running total is filed under the month it was reported as of (its period's end): "3,864 killed since
// mid-February" reported on 25 March is March's running total.
function aggregateKey(agg: AggregateRecord, by: TotalsBy): string {
  if (by === "country") return agg.country ?? "unknown";
  if (by === "place")
    return agg.place
      ? (nameKey(agg.place) ?? fold(agg.place))
      : agg.country
        ? `${agg.country} (no place)`
        : "unknown";
  return agg.period.end ? agg.period.end.slice(0, 7) : "unknown";
}

/**
 * Totals by country, place or month. Per key and metric: the incidents' sum (low, best and high summed separately)
 * and, separately, the highest running total reported for that key. Aggregates are never added to incidents, and
 * historical claims and breakdown parts are not in any incident figure, so nothing can be counted twice.
 * `grades` keeps only incidents of those grades (e.g. ["confirmed", "corroborated"], as Airwars charts do).
 */
export function totals(
  state: ReconState,
  by: TotalsBy,
  opts: { grades?: readonly Grade[]; metric?: Metric } = {},
): TotalsRow[] {
  const rows = new Map<string, TotalsRow>();
  const row = (key: string, metric: Metric): TotalsRow => {
    const k = `${key}\u0000${metric}`;
    let r = rows.get(k);
    if (!r)
      rows.set(
        k,
        (r = { key, metric, incidents: { count: 0, low: 0, best: 0, high: 0, ids: [] }, aggregate: null }),
      );
    return r;
  };
  for (const inc of Object.values(state.incidents)) {
    if (opts.grades && !opts.grades.includes(inc.grade)) continue;
    for (const t of inc.totals) {
      if (opts.metric && t.metric !== opts.metric) continue;
      const r = row(incidentKey(inc, by), t.metric);
      r.incidents.count++;
      r.incidents.low += t.low;
      r.incidents.best += t.best;
      r.incidents.high += t.high;
      r.incidents.ids.push(inc.id);
    }
  }
  for (const agg of Object.values(state.aggregates)) {
    if (opts.metric && agg.metric !== opts.metric) continue;
    const r = row(aggregateKey(agg, by), agg.metric);
    if (
      !r.aggregate ||
      agg.best > r.aggregate.best ||
      (agg.best === r.aggregate.best && agg.id < r.aggregate.id)
    )
      r.aggregate = { id: agg.id, low: agg.low, best: agg.best, high: agg.high, period: agg.period };
  }
  for (const r of rows.values()) r.incidents.ids.sort();
  return [...rows.values()].sort((a, b) => cmp(a.key, b.key) || cmp(a.metric, b.metric));
}

/** A readable account of one incident: where, when, grade and why, each figure and the rule that set it, each claim. */
export function explainIncident(state: ReconState, id: string): string {
  const live = resolveId(state, id);
  const inc = live ? state.incidents[live] : undefined;
  if (!inc) {
    const retired = state.retired[id];
    return retired ? `${id}: retired (${retired.reason})` : `${id}: no such incident`;
  }
  const out: string[] = [];
  out.push(
    `Incident ${inc.id}${live !== id ? ` (asked for ${id}, merged into it)` : ""}${inc.aliases.length ? `; aliases ${inc.aliases.join(", ")}` : ""}`,
  );
  out.push(
    `  when: ${inc.date ? (inc.date.start === inc.date.end ? inc.date.start : `${inc.date.start} .. ${inc.date.end}`) : "unknown"}`,
  );
  out.push(
    `  where: ${inc.place ?? "unknown"}${inc.country ? `, ${inc.country}` : ""}${inc.lat !== null && inc.lon !== null ? ` (${inc.lat}, ${inc.lon})` : ""}`,
  );
  if (inc.methods.length) out.push(`  method: ${inc.methods.join("; ")}`);
  if (inc.perpetrators.length) out.push(`  perpetrator: ${inc.perpetrators.join("; ")}`);
  out.push(`  grade: ${inc.grade}`);
  for (const b of inc.grade_because) out.push(`    - ${b.rule}: ${b.text}`);
  out.push("  figures:");
  for (const f of inc.figures) {
    out.push(`    ${f.metric} (${f.victims}): low ${f.low}, best ${f.best}, high ${f.high}`);
    for (const b of f.because) out.push(`      - ${b.rule}: ${b.text}`);
  }
  for (const t of inc.totals)
    out.push(`    total ${t.metric}: ${t.low} / ${t.best} / ${t.high} (${t.because})`);
  out.push(`  sources (${inc.families.length} independent):`);
  for (const fam of inc.families) {
    out.push(
      `    - ${fam
        .map((a) => {
          const m = state.articles[a];
          return `${m?.outlet ?? "unknown outlet"} ${m?.published ?? "undated"}${m?.title ? ` "${m.title}"` : ""}${m?.url ? ` <${m.url}>` : ""} [${a}]`;
        })
        .join(" = ")}`,
    );
  }
  out.push("  claims:");
  for (const k of inc.claims) {
    const c = state.claims[k];
    if (!c) continue;
    const cl = c.claim;
    const flags = [
      cl.in_headline ? "headline" : null,
      cl.part_of !== null ? `part of ${cl.part_of}` : null,
      cl.certainty,
      cl.source ? `source: ${cl.source}` : null,
    ]
      .filter(Boolean)
      .join("; ");
    out.push(
      `    ${k}: ${cl.metric} ${cl.victims} ${cl.qualifier} ${cl.value} — "${cl.evidence.text}"${flags ? ` (${flags})` : ""}`,
    );
  }
  out.push("  linking (why each report is here):");
  if (!inc.links?.length) out.push("    (not recorded: reconciled before link decisions were kept)");
  for (const l of inc.links ?? []) {
    const what =
      l.decision === "founded"
        ? "founded this incident: no recorded incident scored 4 or more"
        : l.decision === "joined"
          ? `joined ${l.with} (score ${l.score})`
          : l.decision === "merged"
            ? `bridged ${l.with} into it (score ${l.score})`
            : `matched ${l.with} too, kept apart from it`;
    out.push(`    ${l.claims.join(", ")}: ${what}`);
    for (const a of l.agreed) out.push(`      + ${a}`);
    for (const a of l.against) out.push(`      - ${a}`);
    for (const a of l.vetoed) out.push(`      ✕ ${a}`);
  }
  const near = keptApart(state, inc.id);
  if (near.length > 0) {
    out.push("  kept apart from (nearest incidents not linked, with the rules' verdict):");
    for (const n of near) {
      out.push(`    ${n.id}: ${n.score === null ? "vetoed" : `score ${n.score}, below 4`}`);
      for (const a of n.agreed) out.push(`      + ${a}`);
      for (const a of n.against) out.push(`      - ${a}`);
      for (const a of n.vetoed) out.push(`      ✕ ${a}`);
    }
  }
  out.push("  history:");
  for (const h of inc.history)
    out.push(`    ${h.at} ${h.action} ${h.from.join(",") || "-"} → ${h.to.join(",") || "-"}: ${h.reason}`);
  return out.join("\n");
}
