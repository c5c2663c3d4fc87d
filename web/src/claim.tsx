// One claim's fields, with the machine's value beside any corrected one (and a button to undo that correction), its
// doubts, review buttons, the correction form and the audit trail. Every review write sends the version the card
// was loaded with: if someone saved the claim meanwhile the server answers 409 with the claim as it is now, and the
// card shows that instead of overwriting it.
import { useEffect, useRef, useState } from "preact/hooks";
import { HttpError, api } from "./api.ts";
import { AuditList } from "./audit.tsx";
import type { AuditEntry, ClaimOut, Conflict, Vocabularies } from "./types.ts";

/** The fields a card shows, in reading order (all of them can be corrected). */
export const FIELDS = [
  "metric",
  "victims",
  "victims_text",
  "value",
  "low",
  "high",
  "qualifier",
  "scope",
  "historical",
  "certainty",
  "perpetrator",
  "perpetrator_certainty",
  "method",
  "source",
  "place",
  "country",
  "lat",
  "lon",
  "period_start",
  "period_end",
] as const;
type Field = (typeof FIELDS)[number];

type Kind = "choice" | "optional-choice" | "flag" | "count" | "degrees" | "date" | "country" | "text";
const KIND: Record<Field, Kind> = {
  metric: "choice",
  victims: "choice",
  qualifier: "choice",
  scope: "choice",
  certainty: "optional-choice",
  perpetrator_certainty: "optional-choice",
  historical: "flag",
  value: "count",
  low: "count",
  high: "count",
  lat: "degrees",
  lon: "degrees",
  period_start: "date",
  period_end: "date",
  country: "country",
  victims_text: "text",
  perpetrator: "text",
  method: "text",
  source: "text",
  place: "text",
};

let vocabularies: Promise<Vocabularies> | null = null;
/** The fixed vocabularies, fetched once per page load. */
function useVocabularies(): Vocabularies | null {
  const [v, setV] = useState<Vocabularies | null>(null);
  useEffect(() => {
    vocabularies ??= api<Vocabularies>("/api/vocabularies");
    vocabularies.then(setV, () => (vocabularies = null));
  }, []);
  return v;
}

export function fieldValue(c: ClaimOut, f: string): unknown {
  switch (f) {
    case "place":
      return c.location?.place ?? c.location?.name ?? null;
    case "country":
      return c.location?.country ?? null;
    case "lat":
      return c.location?.lat ?? null;
    case "lon":
      return c.location?.lon ?? null;
    case "period_start":
      return c.period?.start ?? null;
    case "period_end":
      return c.period?.end ?? null;
    default:
      return (c as unknown as Record<string, unknown>)[f];
  }
}

function show(v: unknown): string {
  if (typeof v === "boolean") return v ? "yes" : "no";
  return v === null || v === undefined || v === "" ? "–" : String(v);
}

/** A field's value as the form holds it (a string; "" for none). */
function formValue(c: ClaimOut, f: Field): string {
  const v = fieldValue(c, f);
  if (KIND[f] === "flag") return v ? "true" : "false";
  return v === null || v === undefined ? "" : String(v);
}

const label = (f: string) => f.replace(/_/g, " ");

/** The form's text back to the API's value, or a message saying what is wrong with it. */
function parse(f: Field, raw: string): { value: unknown } | { error: string } {
  const s = raw.trim();
  switch (KIND[f]) {
    case "flag":
      return { value: s === "true" };
    case "count":
      if (!/^\d+$/.test(s.replace(/[,\s]/g, "")))
        return { error: `${label(f)}: enter a whole number of people (0 or more)` };
      return { value: Number(s.replace(/[,\s]/g, "")) };
    case "degrees": {
      if (s === "") return { value: null };
      const n = Number(s);
      const max = f === "lat" ? 90 : 180;
      if (!Number.isFinite(n) || Math.abs(n) > max)
        return { error: `${label(f)}: enter degrees between -${max} and ${max} (decimal, e.g. 36.34)` };
      return { value: n };
    }
    case "date":
      if (s === "") return { value: null };
      return /^\d{4}-\d{2}-\d{2}$/.test(s)
        ? { value: s }
        : { error: `${label(f)}: enter a date as YYYY-MM-DD` };
    case "country":
      if (s === "") return { value: null };
      return /^[a-z]{2}$/i.test(s)
        ? { value: s.toUpperCase() }
        : { error: `${label(f)}: enter a two-letter country code (ISO 3166-1, e.g. IQ)` };
    case "choice":
      return { value: s };
    default:
      return { value: s === "" ? null : s };
  }
}

export function ReviewForm({
  claim,
  onDone,
  onCancel,
  onConflict,
}: {
  claim: ClaimOut;
  onDone: (c: ClaimOut) => void;
  onCancel: () => void;
  /** Someone saved the claim meanwhile: the claim as it is now. */
  onConflict?: (c: ClaimOut) => void;
}) {
  const vocab = useVocabularies();
  const [cur, setCur] = useState(claim);
  const initial = () =>
    Object.fromEntries(FIELDS.map((f) => [f, formValue(claim, f)])) as Record<Field, string>;
  const [base, setBase] = useState<Record<Field, string>>(initial);
  const [vals, setVals] = useState<Record<Field, string>>(initial);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // The analyst pressed `e` or Correct: typing goes into the form as soon as its choices are there.
    if (vocab) form.current?.querySelector<HTMLElement>("select, input")?.focus();
  }, [vocab !== null]);
  const set = (f: Field, v: string) => setVals({ ...vals, [f]: v });
  const submit = async (e: Event) => {
    e.preventDefault();
    const corrections: Record<string, unknown> = {};
    const problems: string[] = [];
    const bad = new Set<string>();
    for (const f of FIELDS) {
      if (vals[f] === base[f]) continue;
      const p = parse(f, vals[f]);
      if ("error" in p) {
        problems.push(p.error);
        bad.add(f);
      } else corrections[f] = p.value;
    }
    setInvalid(bad);
    if (problems.length) return setError(problems.join("; "));
    if (Object.keys(corrections).length === 0) return setError("Change at least one field (or Cancel).");
    setBusy(true);
    try {
      onDone(
        await api<ClaimOut>(`/api/claims/${cur.id}/review`, {
          method: "POST",
          body: { action: "correct", corrections, version: cur.version, ...(note ? { note } : {}) },
        }),
      );
    } catch (err) {
      const body = err instanceof HttpError && err.status === 409 ? (err.body as Conflict | null) : null;
      if (body?.current) {
        // Keep what this analyst changed, take the other's values everywhere else, and say what they changed.
        const theirs = Object.fromEntries(FIELDS.map((f) => [f, formValue(body.current, f)])) as Record<
          Field,
          string
        >;
        const changed = FIELDS.filter((f) => theirs[f] !== base[f]);
        setVals(
          Object.fromEntries(FIELDS.map((f) => [f, vals[f] === base[f] ? theirs[f] : vals[f]])) as Record<
            Field,
            string
          >,
        );
        setBase(theirs);
        setCur(body.current);
        onConflict?.(body.current);
        setError(
          `${body.message}. ${changed.length ? `Their change: ${changed.map((f) => `${label(f)} ${show(base[f])} → ${show(theirs[f])}`).join(", ")}. ` : ""}Your own edits are kept in the form: check them and save again.`,
        );
      } else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const input = (f: Field) => {
    const common = {
      name: f,
      "aria-invalid": invalid.has(f) ? ("true" as const) : undefined,
    };
    const kind = KIND[f];
    if ((kind === "choice" || kind === "optional-choice") && vocab) {
      const options = vocab[f as keyof Vocabularies] ?? [];
      return (
        <select {...common} value={vals[f]} onChange={(e) => set(f, (e.target as HTMLSelectElement).value)}>
          {kind === "optional-choice" && <option value="">–</option>}
          {!options.includes(vals[f]) && vals[f] !== "" && <option value={vals[f]}>{vals[f]}</option>}
          {options.map((o) => (
            <option value={o}>{label(o)}</option>
          ))}
        </select>
      );
    }
    if (kind === "flag")
      return (
        <input
          {...common}
          type="checkbox"
          checked={vals[f] === "true"}
          onChange={(e) => set(f, (e.target as HTMLInputElement).checked ? "true" : "false")}
        />
      );
    if (kind === "date")
      return (
        <input
          {...common}
          type="date"
          value={vals[f]}
          onInput={(e) => set(f, (e.target as HTMLInputElement).value)}
        />
      );
    return (
      <input
        {...common}
        type="text"
        inputMode={kind === "count" ? "numeric" : kind === "degrees" ? "decimal" : undefined}
        value={vals[f]}
        onInput={(e) => set(f, (e.target as HTMLInputElement).value)}
      />
    );
  };
  return (
    <form
      ref={form}
      class="review-form"
      onSubmit={submit}
      aria-label={`Correct claim ${cur.id}`}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      {!vocab && <p class="wide">Loading the choices…</p>}
      {vocab &&
        FIELDS.map((f) => (
          <label class={KIND[f] === "flag" ? "flag" : ""}>
            {f}
            {input(f)}
          </label>
        ))}
      <label class="wide">
        note
        <input name="note" value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      </label>
      {error && (
        <p role="alert" class="error wide">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Save correction
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <p class="muted wide">Esc closes the form without saving.</p>
    </form>
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
  const correctButton = useRef<HTMLButtonElement>(null);
  const write = async (body: Record<string, unknown>) => {
    setError(null);
    try {
      const c = await api<ClaimOut>(`/api/claims/${claim.id}/review`, {
        method: "POST",
        body: { ...body, version: claim.version },
      });
      setAudit(c.audit ?? null);
      onChange(c);
    } catch (e) {
      const conflict = e instanceof HttpError && e.status === 409 ? (e.body as Conflict | null) : null;
      if (conflict?.current) {
        setAudit(conflict.current.audit ?? null);
        onChange(conflict.current);
        setError(`${conflict.message}. The card now shows the claim as it is; nothing of yours was saved.`);
      } else setError((e as Error).message);
    }
  };
  const closeForm = () => {
    setEditing(false);
    // Back where the analyst was, so the keyboard flow goes on.
    setTimeout(() => correctButton.current?.focus(), 0);
  };
  const unsure = claim.doubt.length > 0;
  return (
    <article
      id={`claim-${claim.id}`}
      class={`claim ${unsure ? "unsure" : ""} ${active ? "active" : ""} ${claim.review ? `rev-${claim.review.status}` : ""}`}
      aria-label={`Claim ${claim.id}`}
      onClick={onSelect}
    >
      <header>
        <strong class="figure">
          {claim.qualifier !== "exact" ? `${claim.qualifier.replace("_", " ")} ` : ""}
          {claim.value} {claim.victims} {claim.metric}
        </strong>{" "}
        {claim.review && claim.review.status !== "pending" && (
          <span class={`badge ${claim.review.status}`}>{claim.review.status}</span>
        )}
        {unsure && (
          <span class="badge doubt" title={claim.doubt.join("; ")}>
            unsure: {claim.doubt.join("; ")}
          </span>
        )}
      </header>
      <p class="evidence">“{claim.evidence.text}”</p>
      <dl class="fields">
        {FIELDS.map((f) => {
          const corrected = claim.machine !== null && f in claim.machine;
          return (
            <>
              <dt>{f}</dt>
              <dd class={corrected ? "corrected" : ""}>
                {show(fieldValue(claim, f))}
                {corrected && <span class="machine"> (machine: {show(claim.machine?.[f])})</span>}
                {corrected && canReview && (
                  <button
                    type="button"
                    class="undo"
                    aria-label={`Undo correction of ${f}`}
                    onClick={() => void write({ action: "undo", fields: [f] })}
                  >
                    Undo
                  </button>
                )}
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
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {canReview && !editing && (
        <div class="actions">
          <button type="button" onClick={() => void write({ action: "confirm" })} title="c">
            Confirm
          </button>
          <button type="button" ref={correctButton} onClick={() => setEditing(true)} title="e">
            Correct
          </button>
          <button type="button" onClick={() => void write({ action: "reject" })} title="r">
            Reject
          </button>
          <button
            type="button"
            onClick={() =>
              void api<ClaimOut>(`/api/claims/${claim.id}`).then(
                (c) => (setAudit(c.audit ?? []), onChange(c)),
              )
            }
          >
            History
          </button>
        </div>
      )}
      {editing && (
        <ReviewForm
          claim={claim}
          onCancel={closeForm}
          onConflict={(c) => (setAudit(c.audit ?? null), onChange(c))}
          onDone={(c) => {
            closeForm();
            setAudit(c.audit ?? null);
            onChange(c);
          }}
        />
      )}
      {audit && <AuditList entries={audit} />}
    </article>
  );
}

/** #/claim/ID: one claim with its trail (where the audit page's links lead). */
export function ClaimPage({ id, canReview }: { id: string; canReview: boolean }) {
  const [c, setC] = useState<ClaimOut | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<ClaimOut>(`/api/claims/${encodeURIComponent(id)}`).then(setC, (e: Error) => setError(e.message));
  }, [id]);
  if (error)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (!c) return <p>Loading…</p>;
  return (
    <section aria-labelledby="claim-h">
      <h1 id="claim-h">Claim {c.id}</h1>
      <p class="meta">
        From <a href={`#/article/${c.article_id}`}>article {c.article_id}</a> ({c.local_id})
      </p>
      <ClaimCard claim={c} canReview={canReview} onChange={setC} />
    </section>
  );
}
