// Source independence and the evidence grade of an incident (an Airwars-like scale, computed, each grade explained).
//
// Families: articles that are one report count once. Two articles are in one family when they share
//   - the store's content hash (the same text),
//   - the outlet (one outlet's updates are one voice),
//   - the wire agency they credit ("(Reuters)", "By The Associated Press", "Reporting by …; Editing by …", "© AFP" in
//     the dateline, byline or sign-off, the outlet, the title, or as the claim's source): a wire story republished by
//     two papers is still one source,
//   - the same wording: fingerprints of their texts (five-word shingles) where half of the shorter text is in the
//     longer one (a syndicated or uncredited copy under another outlet's header and footer),
//   - a near-identical claim sentence (word-set Jaccard ≥ 0.8 over at least 6 words): an uncredited copy.
//
// Grade, first match wins:
//   confirmed      a party responsible conceded it: a claim with certainty "confirmed" whose source is the
//                  perpetrator, or a sentence saying it admitted / acknowledged / claimed responsibility.
//   contested      figures disagree beyond tolerance (high > 2 × low on the main metric), perpetrators disagree, or a
//                  claim is denied.
//   corroborated   at least two independent source families.
//   single_source  otherwise.
import type { ArticleMeta, Because, Grade, MetricTotal, StoredReconClaim } from "./types.ts";
import {
  articleWire,
  fold,
  jaccard,
  textContainment,
  perpetratorTokens,
  perpetratorsCompatible,
  wordSet,
} from "./normalize.ts";

export interface Family {
  /** Name shown in explanations: the wire, else the outlet, else the article id. */
  label: string;
  articles: string[];
  /** Why the articles were put together. */
  why: string[];
}

export function sourceFamilies(
  claims: readonly StoredReconClaim[],
  articles: Readonly<Record<string, ArticleMeta>>,
): Family[] {
  const byArticle = new Map<string, StoredReconClaim[]>();
  for (const c of claims) {
    const l = byArticle.get(c.article_id);
    if (l) l.push(c);
    else byArticle.set(c.article_id, [c]);
  }
  const ids = [...byArticle.keys()].sort();
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => {
    let p = parent.get(x) ?? x;
    while (p !== (parent.get(p) ?? p)) p = parent.get(p) ?? p;
    parent.set(x, p);
    return p;
  };
  const why = new Map<string, string[]>();
  const union = (a: string, b: string, reason: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    parent.set(drop, keep);
    why.set(keep, [...(why.get(keep) ?? []), ...(why.get(drop) ?? []), reason]);
  };
  const info = ids.map((id) => {
    const meta = articles[id];
    const cs = byArticle.get(id) ?? [];
    return {
      id,
      hash: meta?.content_hash ?? null,
      outlet: meta?.outlet ? fold(meta.outlet) : null,
      wire: meta ? articleWire(meta, cs) : null,
      fingerprint: meta?.fingerprint ?? null,
      sentences: cs
        .map((c) => c.sentence_text)
        .filter((s): s is string => !!s)
        .map(wordSet)
        .filter((s) => s.size >= 6),
    };
  });
  for (let i = 0; i < info.length; i++)
    for (let j = i + 1; j < info.length; j++) {
      const a = info[i];
      const b = info[j];
      if (!a || !b) continue;
      if (a.hash && a.hash === b.hash) union(a.id, b.id, `${a.id} and ${b.id} have the same text`);
      else if (a.outlet && a.outlet === b.outlet)
        union(a.id, b.id, `${a.id} and ${b.id} are both from ${a.outlet}`);
      else if (a.wire && a.wire === b.wire)
        union(a.id, b.id, `${a.id} and ${b.id} both carry ${wireName(a.wire)} copy`);
      else if ((textContainment(a.fingerprint, b.fingerprint) ?? 0) >= 0.5)
        union(a.id, b.id, `${a.id} and ${b.id} carry the same text under different outlets`);
      else if (a.sentences.some((sa) => b.sentences.some((sb) => jaccard(sa, sb) >= 0.8)))
        union(a.id, b.id, `${a.id} and ${b.id} share a near-identical sentence`);
    }
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const root = find(id);
    const g = groups.get(root);
    if (g) g.push(id);
    else groups.set(root, [id]);
  }
  return [...groups.entries()].map(([root, arts]) => {
    const first = info.find((x) => arts.includes(x.id) && x.wire);
    const meta = articles[root];
    return {
      label: first?.wire ? wireName(first.wire) : (meta?.outlet ?? root),
      articles: arts,
      why: why.get(root) ?? [],
    };
  });
}

const WIRE_NAMES: Record<string, string> = {
  reuters: "Reuters",
  ap: "AP",
  afp: "AFP",
  anadolu: "Anadolu",
  xinhua: "Xinhua",
  dpa: "DPA",
  upi: "UPI",
  efe: "EFE",
  ansa: "ANSA",
  tass: "TASS",
  pti: "PTI",
  pa: "PA",
  bernama: "Bernama",
  kyodo: "Kyodo",
  yonhap: "Yonhap",
  ians: "IANS",
  ani: "ANI",
  interfax: "Interfax",
};

/** The agency's usual name ("reuters" → "Reuters"). */
function wireName(w: string): string {
  return WIRE_NAMES[w] ?? w;
}

const CONCEDED =
  /\b(?:admit(?:s|ted)?|acknowledg(?:es|ed)|conceded?|concedes|accept(?:s|ed) responsibility|claim(?:s|ed) responsibility|t(?:ook|akes) responsibility|apologi[sz]ed)\b/i;

function shareWords(a: string, b: string): boolean {
  const ta = perpetratorTokens(a);
  const tb = perpetratorTokens(b);
  for (const w of ta) if (tb.has(w)) return true;
  return false;
}

export function gradeIncident(
  claims: readonly StoredReconClaim[],
  totals: readonly MetricTotal[],
  families: readonly Family[],
): { grade: Grade; because: Because[] } {
  const counted = claims.filter((c) => c.claim.part_of === null && !c.claim.historical);
  const because: Because[] = [];

  const conceded = counted.filter((c) => {
    const cl = c.claim;
    if (cl.certainty === "confirmed" && cl.source && cl.perpetrator && shareWords(cl.source, cl.perpetrator))
      return true;
    return CONCEDED.test(c.sentence_text ?? "") || CONCEDED.test(cl.evidence.text);
  });
  if (conceded.length > 0)
    because.push({
      rule: "confirmed",
      claims: conceded.map((c) => c.key),
      text: `a party responsible conceded it (${conceded.map((c) => c.key).join(", ")})`,
    });

  const main = totals.find((t) => t.metric === "killed") ?? totals[0];
  if (main && main.low > 0 && main.high > 2 * main.low)
    because.push({
      rule: "contested",
      claims: [],
      text: `${main.metric} figures disagree: high ${main.high} is more than twice the low ${main.low}`,
    });
  const perps = [...new Set(counted.map((c) => c.claim.perpetrator).filter((p): p is string => !!p))].sort();
  for (let i = 0; i < perps.length; i++)
    for (let j = i + 1; j < perps.length; j++) {
      const a = perps[i];
      const b = perps[j];
      if (a && b && !perpetratorsCompatible(a, b)) {
        const keys = counted
          .filter((c) => c.claim.perpetrator === a || c.claim.perpetrator === b)
          .map((c) => c.key);
        because.push({ rule: "contested", claims: keys, text: `perpetrators disagree: "${a}" / "${b}"` });
      }
    }
  const denied = counted.filter(
    (c) => c.claim.certainty === "denied" || c.claim.perpetrator_certainty === "denied",
  );
  if (denied.length > 0)
    because.push({ rule: "contested", claims: denied.map((c) => c.key), text: "a claim is denied" });

  // "2 reports, 1 source family: Reuters [1, 2] (1 and 2 both carry Reuters copy)": which families, and why the
  // reports in each are one voice. A family without a wire or an outlet is labelled by its first article's id: say
  // so rather than print "1 [1]".
  const reports = families.reduce((n, f) => n + f.articles.length, 0);
  const fam = families
    .map((f) => {
      const label = f.articles.includes(f.label)
        ? `unknown outlet [article${f.articles.length > 1 ? "s" : ""} ${f.articles.join(", ")}]`
        : `${f.label} [${f.articles.join(", ")}]`;
      return `${label}${f.why.length ? ` (${f.why.join("; ")})` : ""}`;
    })
    .join("; ");
  const head = `${reports} report${reports === 1 ? "" : "s"}, ${families.length} ${
    families.length === 1 ? "source family" : "independent source families"
  }`;
  if (families.length >= 2) because.push({ rule: "corroborated", claims: [], text: `${head}: ${fam}` });
  else because.push({ rule: "single_source", claims: [], text: `${head}: ${fam}` });

  const order: Grade[] = ["confirmed", "contested", "corroborated", "single_source"];
  const grade = order.find((g) => because.some((b) => b.rule === g)) ?? "single_source";
  return { grade, because };
}
