// One incident: figures with the rule behind each, grade and why, sources (wire copies grouped), claims, the
// readable explanation, merge/split for analysts, and the audit trail.
import { useEffect, useState } from "preact/hooks";
import { lastListHash } from "./url.ts";
import { api } from "./api.ts";
import { AuditList, ClaimCard } from "./claim.tsx";
import { Badge, fig } from "./incidents.tsx";
import type { AuditEntry, ClaimOut, IncidentSummary } from "./types.ts";

interface Because {
  rule: string;
  text: string;
}
interface IncidentDetail {
  id: string;
  summary: IncidentSummary;
  figures: { metric: string; victims: string; low: number; best: number; high: number; because: Because[] }[];
  grade: string;
  grade_because: Because[];
  families: string[][];
  sources: { article_id: string; title?: string | null; outlet?: string | null; published?: string | null; illustrative?: boolean }[];
  claims_detail: ClaimOut[];
  explanation: string;
  audit: AuditEntry[];
  aliases: string[];
}

export function IncidentView({ id, canReview, go }: { id: string; canReview: boolean; go: (h: string) => void }) {
  const [d, setD] = useState<IncidentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [other, setOther] = useState("");
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const load = () => api<IncidentDetail>(`/api/incidents/${id}`).then(setD, (e: Error) => setError(e.message));
  useEffect(() => {
    void load();
  }, [id]);
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!d) return <p>Loading…</p>;
  const s = d.summary;
  const familyOf = new Map<string, number>();
  d.families.forEach((f, i) => f.forEach((a) => familyOf.set(a, i + 1)));
  const merge = async (e: Event) => {
    e.preventDefault();
    try {
      await api(`/api/incidents/${d.id}/merge`, { method: "POST", body: { other: other.trim() } });
      setOther("");
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const split = async () => {
    try {
      await api(`/api/incidents/${d.id}/split`, { method: "POST", body: { claims: [...picked] } });
      setPicked(new Set());
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section aria-labelledby="incident-h">
      <p>
        <a href={lastListHash()}>← Incidents</a>
      </p>
      <h1 id="incident-h">
        {s.place ?? "Unknown place"}
        {s.country ? `, ${s.country}` : ""} · {s.date ? s.date.start : "undated"} <Badge show={s.illustrative} />
      </h1>
      <p class="meta">
        <code>{d.id}</code> {d.aliases.length > 0 && <>(also {d.aliases.join(", ")})</>} · killed {fig(s.killed)} · injured {fig(s.injured)} · grade{" "}
        <span class={`grade ${d.grade}`}>{d.grade.replace("_", " ")}</span>
      </p>
      <h2>Why this grade</h2>
      <ul>
        {d.grade_because.map((b) => (
          <li>
            <strong>{b.rule}</strong>: {b.text}
          </li>
        ))}
      </ul>
      <h2>Figures</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Victims</th>
            <th scope="col">Low</th>
            <th scope="col">Best</th>
            <th scope="col">High</th>
            <th scope="col">Because</th>
          </tr>
        </thead>
        <tbody>
          {d.figures.map((f) => (
            <tr>
              <td>{f.metric}</td>
              <td>{f.victims}</td>
              <td class="num">{f.low}</td>
              <td class="num">{f.best}</td>
              <td class="num">{f.high}</td>
              <td>
                {f.because.map((b) => (
                  <div>
                    <em>{b.rule}</em>: {b.text}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Sources ({d.families.length} independent)</h2>
      <ul class="sources">
        {d.sources.map((a) => (
          <li>
            <a href={`#/article/${a.article_id}`}>{a.title ?? `article ${a.article_id}`}</a> — {a.outlet ?? "unknown outlet"}, {a.published ?? "undated"} · family{" "}
            {familyOf.get(a.article_id) ?? "?"} <Badge show={Boolean(a.illustrative)} />
          </li>
        ))}
      </ul>
      <h2>Claims</h2>
      {canReview && (
        <div class="incident-actions">
          <form onSubmit={merge} aria-label="Merge another incident into this one">
            <label>
              Merge incident
              <input name="other" value={other} placeholder="inc_…" onInput={(e) => setOther((e.target as HTMLInputElement).value)} />
            </label>
            <button type="submit">Merge into this</button>
          </form>
          <button type="button" disabled={picked.size === 0} onClick={() => void split()}>
            Split selected claims out ({picked.size})
          </button>
        </div>
      )}
      {d.claims_detail.map((c) => (
        <div class="claim-row">
          {canReview && (
            <input
              type="checkbox"
              aria-label={`Select claim ${c.claim_id} for split`}
              checked={picked.has(c.claim_id)}
              onChange={() => {
                const n = new Set(picked);
                if (n.has(c.claim_id)) n.delete(c.claim_id);
                else n.add(c.claim_id);
                setPicked(n);
              }}
            />
          )}
          <div>
            <p>
              <a href={`#/article/${c.article_id}`} onClick={(e) => (e.preventDefault(), go(`#/article/${c.article_id}`))}>
                Article {c.article_id}
              </a>
            </p>
            <ClaimCard claim={c} canReview={canReview} onChange={() => void load()} />
          </div>
        </div>
      ))}
      <h2>Explanation</h2>
      <pre class="explanation">{d.explanation}</pre>
      <h2>Audit trail</h2>
      <AuditList entries={d.audit} />
    </section>
  );
}
