// Plain-text tables for the scripts' output.

export type Align = "left" | "right";

export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const fmt = (cells: readonly string[]): string =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0;
        return (align?.[i] ?? (i === 0 ? "left" : "right")) === "left" ? c.padEnd(w) : c.padStart(w);
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [fmt(header), rule, ...rows.map(fmt)].join("\n");
}

export function fmtRatio(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined ? "–" : x.toFixed(digits);
}

export function fmtNum(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  return x.toFixed(digits);
}

/** "✓" when value ≥ floor, "✗" when below, "" when there is no floor or no value. */
export function mark(value: number | null, floor: number | undefined): string {
  if (floor === undefined || value === null) return "";
  return value >= floor ? "✓" : "✗";
}

export function oneLine(s: string, max = 160): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
