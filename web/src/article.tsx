// The article view: the stored text with every claim highlighted in place (text nodes only: the article is
// untrusted), and the claims' fields beside it.
import { useEffect, useState } from "preact/hooks";
import type { JSX } from "preact";
import { api } from "./api.ts";
import { ClaimCard } from "./claim.tsx";
import { Badge } from "./incidents.tsx";
import type { Article, ClaimOut } from "./types.ts";

/** Splits the text at the claims' evidence spans (overlaps: the earlier span wins). */
export function highlight(text: string, claims: ClaimOut[], active: number | null, select: (id: number) => void): JSX.Element[] {
  const spans = claims
    .map((c) => {
      let { start, end } = c.evidence;
      // Offsets are into the text the extractor saw; fall back to a search if the stored text differs.
      if (text.slice(start, end) !== c.evidence.text) {
        const i = text.indexOf(c.evidence.text);
        if (i < 0) return null;
        start = i;
        end = i + c.evidence.text.length;
      }
      return { start, end, c };
    })
    .filter((s): s is { start: number; end: number; c: ClaimOut } => s !== null)
    .sort((a, b) => a.start - b.start);
  const out: JSX.Element[] = [];
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue;
    if (s.start > pos) out.push(<>{text.slice(pos, s.start)}</>);
    const unsure = s.c.doubt.length > 0;
    out.push(
      <mark
        class={`hl ${unsure ? "unsure" : ""} ${active === s.c.claim_id ? "active" : ""} ${s.c.review ? `rev-${s.c.review.status}` : ""}`}
        data-claim={s.c.claim_id}
        title={`${s.c.value} ${s.c.victims} ${s.c.metric}${unsure ? ` — unsure: ${s.c.doubt.join("; ")}` : ""}`}
        tabIndex={0}
        onClick={() => select(s.c.claim_id)}
        onKeyDown={(e) => e.key === "Enter" && select(s.c.claim_id)}
      >
        {text.slice(s.start, s.end)}
      </mark>,
    );
    pos = s.end;
  }
  out.push(<>{text.slice(pos)}</>);
  return out;
}

export function ArticleView({ id, canReview }: { id: string; canReview: boolean }) {
  const [a, setA] = useState<Article | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState<number | null>(null);
  useEffect(() => {
    api<Article>(`/api/articles/${id}`).then(setA, (e: Error) => setError(e.message));
  }, [id]);
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!a) return <p>Loading…</p>;
  const select = (cid: number) => {
    setActive(cid);
    document.getElementById(`claim-${cid}`)?.scrollIntoView({ block: "nearest" });
  };
  const replace = (c: ClaimOut) => setA({ ...a, claims: a.claims.map((x) => (x.claim_id === c.claim_id ? { ...x, ...c } : x)) });
  return (
    <section class="article-view" aria-labelledby="article-h">
      <h1 id="article-h">
        {a.title ?? "(untitled)"} <Badge show={a.illustrative} />
      </h1>
      <p class="meta">
        {a.outlet ?? "unknown outlet"} · {a.published ?? "undated"} · {a.url ? <span class="url">{a.url}</span> : "no URL"} · {a.claims.length} claims
      </p>
      <div class="split">
        <div class="text" aria-label="Article text with claims highlighted">
          {highlight(a.text, a.claims, active, select)}
        </div>
        <aside class="claims" aria-label="Claims">
          {a.claims.map((c) => (
            <ClaimCard claim={c} canReview={canReview} active={active === c.claim_id} onChange={replace} onSelect={() => setActive(c.claim_id)} />
          ))}
        </aside>
      </div>
    </section>
  );
}
