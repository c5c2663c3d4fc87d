// Runs the ordered rules over one sentence. A figure is read once: the first rule that accepts it wins.
import { RULES, type Finding, type Rule } from "./rules.ts";
import { STRUCTURE_RULES } from "./structure.ts";
import { placeholders, type SentenceView } from "./view.ts";

// The word-list rules first; the structure rules read only the figures they left.
export const GRAMMAR: readonly Rule[] = [...RULES, ...STRUCTURE_RULES];

export function readSentence(v: SentenceView, rules: readonly Rule[] = GRAMMAR): Finding[] {
  const used = new Set<number>();
  const found: Finding[] = [];
  for (const rule of rules) {
    if (rule.hint && !rule.hint(v)) continue;
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(v.masked); m; m = rule.pattern.exec(v.masked)) {
      if (m[0].length === 0) {
        rule.pattern.lastIndex++;
        continue;
      }
      const findings = rule.extract(m, v, used);
      if (!findings) {
        // Let the pattern try again from just after the start: a later, shorter reading may still fit.
        rule.pattern.lastIndex = m.index + 1;
        continue;
      }
      const before = found.length;
      for (const f of findings) {
        if (f.q !== null) {
          const q = v.quantities[f.q];
          if (!q || used.has(f.q) || q.unit !== null || q.yearLike) continue;
          used.add(f.q);
        } else {
          if (found.slice(0, before).some((g) => g.metric === f.metric && g.start < f.end && f.start < g.end)) continue;
          // Figures inside the words a rule read (an age, "no 1") are spent: no later rule reads them as a toll.
          for (const k of f.consumed ?? placeholders(v.masked.slice(f.start, f.end))) used.add(k);
        }
        found.push(f);
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

