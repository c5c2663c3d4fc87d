// One incident: figures with the rule behind each, grade and why, sources (wire copies grouped), claims, the
// readable explanation, merge/split for analysts, and the audit trail. A merge names the other incident and asks
// before it is done; a mistyped or unknown id is refused beside the form (the page stays); a split links the new
// incident it made.
import { useEffect, useState } from "preact/hooks";
import { HttpError, api } from "./api.ts";
import { AuditList } from "./audit.tsx";
import { ClaimCard } from "./claim.tsx";
import { lastListHash } from "./url.ts";
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
  /** The incident a merge would absorb, shown for confirmation before anything is written. */
  const [pending, setPending] = useState<IncidentDetail | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [done, setDone] = useState<{ text: string; link?: string } | null>(null);
  const load = () => api<IncidentDetail>(`/api/incidents/${id}`).then(setD, (e: Error) => setError(e.message));
  useEffect(() => {
    setPending(null);
    setActionError(null);
    setDone(null);
    void load();
  }, [id]);
  if (error)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (!d) return <p>Loading…</p>;
  const s = d.summary;
  const familyOf = new Map<string, number>();
  d.families.forEach((f, i) => f.forEach((a) => familyOf.set(a, i + 1)));
  const askMerge = async (e: Event) => {
    e.preventDefault();
    setActionError(null);
    setDone(null);
    const o = other.trim();
    if (!/^inc_[0-9a-z]{1,40}$/.test(o)) return setActionError(`“${o}” is not an incident id (they look like inc_3f2a9c0d1e2b).`);
    if (o === d.id || d.aliases.includes(o)) return setActionError(`${o} is this incident.`);
    try {
      const target = await api<IncidentDetail>(`/api/incidents/${o}`);
      if (target.id === d.id) return setActionError(`${o} was already merged into this incident.`);
      setPending(target);
    } catch (err) {
      setActionError(err instanceof HttpError && err.status === 404 ? `No incident ${o}: check the id. Nothing was merged.` : (err as Error).message);
    }
  };
  const merge = async () => {
    if (!pending) return;
    try {
      await api(`/api/incidents/${d.id}/merge`, { method: "POST", body: { other: pending.id } });
      setDone({ text: `Merged ${pending.id} into this incident.` });
      setPending(null);
      setOther("");
      await load();
    } catch (err) {
      setActionError((err as Error).message);
    }
  };
  const split = async () => {
    setActionError(null);
    try {
      const r = await api<{ created: string[] }>(`/api/incidents/${d.id}/split`, { method: "POST", body: { claims: [...picked] } });
      setPicked(new Set());
      const made = r.created[0];
      setDone(made ? { text: `Split: ${picked.size} claim${picked.size === 1 ? "" : "s"} moved to the new incident `, link: made } : { text: "Split done." });
      await load();
    } catch (err) {
      setActionError((err as Error).message);
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
          <form onSubmit={askMerge} aria-label="Merge another incident into this one">
            <label>
              Merge incident
              <input name="other" value={other} placeholder="inc_…" onInput={(e) => (setOther((e.target as HTMLInputElement).value), setPending(null))} />
            </label>
            <button type="submit">Merge into this…</button>
          </form>
          <button type="button" disabled={picked.size === 0} onClick={() => void split()}>
            Split selected claims out ({picked.size})
          </button>
        </div>
      )}
      {pending && (
        <div class="confirm-merge" role="group" aria-labelledby="confirm-merge-h">
          <p id="confirm-merge-h">
            Merge <a href={`#/incident/${pending.id}`}>{pending.id}</a> ({pending.summary.place ?? "unknown place"}
            {pending.summary.country ? `, ${pending.summary.country}` : ""}, {pending.summary.date?.start ?? "undated"}, {pending.summary.claims} claims, killed{" "}
            {fig(pending.summary.killed)}) into this incident? Its claims move here and its id will lead here.
          </p>
          <button type="button" onClick={() => void merge()}>
            Yes, merge {pending.id}
          </button>{" "}
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      )}
      {actionError && (
        <p role="alert" class="error">
          {actionError}
        </p>
      )}
      {done && (
        <p role="status" class="done">
          {done.text}
          {done.link && <a href={`#/incident/${done.link}`}>{done.link}</a>}
          {done.link && "."}
        </p>
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
