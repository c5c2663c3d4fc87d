// One claim's fields, with the machine's value beside any corrected one, its doubts, review buttons and audit trail.
import { useState } from "preact/hooks";
import { api } from "./api.ts";
import type { AuditEntry, ClaimOut } from "./types.ts";

const FIELDS = ["metric", "victims", "value", "low", "high", "qualifier", "certainty", "perpetrator", "method", "source", "place", "country", "period_start", "period_end"] as const;
const NUMERIC = new Set(["value", "low", "high"]);

export function fieldValue(c: ClaimOut, f: string): unknown {
  switch (f) {
    case "place":
      return c.location?.place ?? c.location?.name ?? null;
    case "country":
      return c.location?.country ?? null;
    case "period_start":
      return c.period?.start ?? null;
    case "period_end":
      return c.period?.end ?? null;
    default:
      return (c as unknown as Record<string, unknown>)[f];
  }
}

function show(v: unknown): string {
  return v === null || v === undefined || v === "" ? "–" : String(v);
}

export function ReviewForm({ claim, onDone, onCancel }: { claim: ClaimOut; onDone: (c: ClaimOut) => void; onCancel: () => void }) {
  const [vals, setVals] = useState<Record<string, string>>(() => Object.fromEntries(FIELDS.map((f) => [f, show(fieldValue(claim, f)).replace("–", "")])));
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const corrections: Record<string, unknown> = {};
    for (const f of FIELDS) {
      const before = show(fieldValue(claim, f)).replace("–", "");
      const v = vals[f] ?? "";
      if (v === before) continue;
      corrections[f] = v === "" ? null : NUMERIC.has(f) ? Number(v) : v;
    }
    if (Object.keys(corrections).length === 0) return setError("change at least one field");
    try {
      onDone(await api<ClaimOut>(`/api/claims/${claim.claim_id}/review`, { method: "POST", body: { action: "correct", corrections, ...(note ? { note } : {}) } }));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form class="review-form" onSubmit={submit} aria-label={`Correct claim ${claim.claim_id}`}>
      {FIELDS.map((f) => (
        <label>
          {f}
          <input name={f} value={vals[f]} onInput={(e) => setVals({ ...vals, [f]: (e.target as HTMLInputElement).value })} />
        </label>
      ))}
      <label class="wide">
        note
        <input name="note" value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      </label>
      {error && <p role="alert" class="error">{error}</p>}
      <button type="submit">Save correction</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

export function AuditList({ entries }: { entries: AuditEntry[] }) {
  if (!entries.length) return <p class="muted">No changes recorded.</p>;
  return (
    <ol class="audit" aria-label="Audit trail">
      {entries.map((a) => (
        <li key={a.id}>
          <time>{a.at.replace("T", " ").slice(0, 19)}</time> <strong>{a.actor}</strong> {a.action}
          <details>
            <summary>before → after</summary>
            <pre>{JSON.stringify(a.before, null, 1)}</pre>
            <pre>{JSON.stringify(a.after, null, 1)}</pre>
          </details>
        </li>
      ))}
    </ol>
  );
}

export function ClaimCard({
  claim,
  canReview,
  active,
  onChange,
  onSelect,
}: {
  claim: ClaimOut;
  canReview: boolean;
  active?: boolean;
  onChange: (c: ClaimOut) => void;
  onSelect?: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [audit, setAudit] = useState<AuditEntry[] | null>(claim.audit ?? null);
  const act = async (action: "confirm" | "reject") => {
    try {
      const c = await api<ClaimOut>(`/api/claims/${claim.claim_id}/review`, { method: "POST", body: { action } });
      setAudit(c.audit ?? null);
      onChange(c);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const unsure = claim.doubt.length > 0;
  return (
    <article
      id={`claim-${claim.claim_id}`}
      class={`claim ${unsure ? "unsure" : ""} ${active ? "active" : ""} ${claim.review ? `rev-${claim.review.status}` : ""}`}
      aria-label={`Claim ${claim.claim_id}`}
      onClick={onSelect}
    >
      <header>
        <strong class="figure">
          {claim.qualifier !== "exact" ? `${claim.qualifier.replace("_", " ")} ` : ""}
          {claim.value} {claim.victims} {claim.metric}
        </strong>{" "}
        {claim.review && <span class={`badge ${claim.review.status}`}>{claim.review.status}</span>}
        {unsure && <span class="badge doubt" title={claim.doubt.join("; ")}>unsure: {claim.doubt.join("; ")}</span>}
      </header>
      <p class="evidence">“{claim.evidence.text}”</p>
      <dl class="fields">
        {FIELDS.map((f) => {
          const corrected = claim.machine && f in claim.machine;
          return (
            <>
              <dt>{f}</dt>
              <dd class={corrected ? "corrected" : ""}>
                {show(fieldValue(claim, f))}
                {corrected && <span class="machine"> (machine: {show(claim.machine?.[f])})</span>}
              </dd>
            </>
          );
        })}
      </dl>
      {claim.incident && (
        <p>
          Incident: <a href={`#/incident/${claim.incident}`}>{claim.incident}</a>
        </p>
      )}
      {error && <p role="alert" class="error">{error}</p>}
      {canReview && !editing && (
        <div class="actions">
          <button type="button" onClick={() => void act("confirm")} title="c">
            Confirm
          </button>
          <button type="button" onClick={() => setEditing(true)} title="e">
            Correct
          </button>
          <button type="button" onClick={() => void act("reject")} title="r">
            Reject
          </button>
          <button type="button" onClick={() => void api<ClaimOut>(`/api/claims/${claim.claim_id}`).then((c) => setAudit(c.audit ?? []))}>
            History
          </button>
        </div>
      )}
      {editing && (
        <ReviewForm
          claim={claim}
          onCancel={() => setEditing(false)}
          onDone={(c) => {
            setEditing(false);
            setAudit(c.audit ?? null);
            onChange(c);
          }}
        />
      )}
      {audit && <AuditList entries={audit} />}
    </article>
  );
}
