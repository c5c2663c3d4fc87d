// `npm run bench -- --only hostile`: how the time of each hostile input family of issue 14 grows per ×10 of input
// size (target ≤ 15: linear is 10, quadratic 100). CPU time of this process, median of three runs per size.
import { extract } from "../../src/extract/index.ts";
import { htmlToArticle } from "../../src/ingest/html.ts";
import type { Row } from "./bench.ts";

interface Family {
  name: string;
  /** Input of about n characters (or n levels of nesting for HTML). */
  make(n: number): string;
  run(input: string): void;
  sizes: number[];
}

const read = (s: string): void => void extract(s);

const FAMILIES: Family[] = [
  { name: "dots", make: (n) => ".".repeat(n), run: read, sizes: [10_000, 100_000, 1_000_000] },
  {
    name: '"Five killed" + "!"×n + "x"',
    make: (n) => "Five killed" + "!".repeat(n) + "x",
    run: read,
    sizes: [10_000, 100_000, 1_000_000],
  },
  {
    name: "capitalised run (FIGURES_OF)",
    make: (n) => "Police said " + "Abc ".repeat(n / 4) + "data show five killed.",
    run: read,
    sizes: [10_000, 100_000, 1_000_000],
  },
  {
    name: "protest sentences, many claims",
    make: (n) =>
      ("Hundreds protested against the killing of " + "5 people, ".repeat(40) + "and 3 children.\n").repeat(
        Math.max(1, Math.round(n / 450)),
      ),
    run: read,
    sizes: [10_000, 100_000, 1_000_000],
  },
  {
    name: "one sentence of words",
    make: (n) =>
      "Officials said the convoy moved slowly through the valley and ".repeat(n / 62) +
      "five people were killed.",
    run: read,
    sizes: [10_000, 100_000, 1_000_000],
  },
  {
    name: "digits (a figure of n nines)",
    make: (n) => "9".repeat(n) + " million people were killed.",
    run: read,
    sizes: [1_000, 10_000, 100_000],
  },
  {
    name: "HTML nested n divs deep",
    make: (n) =>
      `<html><body>${"<div>".repeat(n)}<p>Five people were killed.</p>${"</div>".repeat(n)}</body></html>`,
    run: (s) => void htmlToArticle(s, { origin: "bench" }),
    sizes: [150, 1_500],
  },
];

function cpuMs(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function benchHostile(log: (line: string) => void = () => undefined): Row[] {
  extract("Five people were killed in Mosul on Monday, police said.");
  htmlToArticle("<p>Five people were killed.</p>", { origin: "warm" });
  const rows: Row[] = [];
  for (const f of FAMILIES) {
    const times = f.sizes.map((n) => {
      const input = f.make(n);
      return median([0, 1, 2].map(() => cpuMs(() => f.run(input))));
    });
    const growth = times.slice(1).map((t, i) => t / Math.max(1, times[i]!));
    const worst = Math.max(...growth);
    const detail = f.sizes.map((n, i) => `${n.toLocaleString("en")}: ${times[i]!.toFixed(0)} ms`).join(", ");
    log(`  ${f.name}: ${detail}; growth per ×10 ${growth.map((g) => g.toFixed(1)).join(", ")}`);
    rows.push({
      measure: `${f.name}: time growth per ×10 of input`,
      value: Math.round(worst * 10) / 10,
      unit: "×",
      note: `${detail} (CPU, median of 3); target ≤ 15`,
    });
  }
  return rows;
}
