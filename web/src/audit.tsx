// The audit trail in words: who did what, when, to which record (linked), and per field the value before → after.
// Used for one record's trail (claim, incident) and for the global page (#/audit).
import { useEffect, useState } from "preact/hooks";
import type { JSX } from "preact";
import { api } from "./api.ts";
import type { AuditEntry } from "./types.ts";

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "–";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function rec(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** A link to the record an entry is about, when the dashboard has a page for it. */
export function recordLink(entity: string, id: string): JSX.Element {
  if (entity === "claim" && /^\d+$/.test(id)) return <a href={`#/claim/${id}`}>claim {id}</a>;
  if (entity === "incident" && /^(?:inc|agg)_\w+$/.test(id))
    return <a href={`#/incident/${id}`}>incident {id}</a>;
  if (entity === "article" && /^\d+$/.test(id)) return <a href={`#/article/${id}`}>article {id}</a>;
  return (
    <span>
      {entity} {id}
    </span>
  );
}

const incidentLink = (id: unknown) =>
  typeof id === "string" && /^(?:inc|agg)_\w+$/.test(id) ? (
    <a href={`#/incident/${id}`}>{id}</a>
  ) : (
    <span>{show(id)}</span>
  );

const VERB: Record<string, string> = {
  "claim.correct": "corrected",
  "claim.confirm": "confirmed",
  "claim.reject": "rejected",
  "claim.undo": "undid a correction of",
  "incident.merge": "merged into",
  "incident.merged_into": "merged away",
  "incident.split": "split",
  "incident.split_from": "created by a split",
  ingest: "ingested",
  "session.login": "logged in",
  "user.add": "added user",
  "user.password": "changed the password of",
  "token.create": "created an API token for",
};

/** The body of one entry: per-field changes for reviews, words and ids for merges and splits. */
function Details({ a }: { a: AuditEntry }): JSX.Element | null {
  const before = rec(a.before);
  const after = rec(a.after);
  if (a.entity === "claim") {
    const bf = rec(before["fields"]);
    const af = rec(after["fields"]);
    const fields = [...new Set([...Object.keys(bf), ...Object.keys(af)])];
    const statusChanged = before["status"] !== after["status"] && after["status"] !== undefined;
    // Entries written before field-level reviews kept the whole review: show its corrections.
    const legacy = !("fields" in after) ? rec(after["corrections"]) : {};
    return (
      <ul class="changes">
        {statusChanged && (
          <li>
            status: <span class="before">{show(before["status"] ?? "unreviewed")}</span> →{" "}
            <span class="after">{show(after["status"])}</span>
          </li>
        )}
        {fields.map((f) => (
          <li>
            {f}: <span class="before">{show(bf[f])}</span> → <span class="after">{show(af[f])}</span>
          </li>
        ))}
        {Object.entries(legacy).map(([f, v]) => (
          <li>
            {f}: → <span class="after">{show(v)}</span>
          </li>
        ))}
        {typeof after["note"] === "string" && after["note"] !== "" && <li>note: “{after["note"]}”</li>}
      </ul>
    );
  }
  if (a.action === "incident.merge") {
    const absorbed = after["absorbed"] ?? Object.keys(before).find((k) => k !== a.entity_id);
    return (
      <p class="changes">
        {incidentLink(absorbed)} was merged into {incidentLink(a.entity_id)}
        {typeof after["claims"] === "number" ? `, which now has ${after["claims"]} claims` : ""}.
      </p>
    );
  }
  if (a.action === "incident.merged_into")
    return (
      <p class="changes">
        {incidentLink(a.entity_id)} was merged into {incidentLink(after["merged_into"])}; its id now leads
        there.
      </p>
    );
  if (a.action === "incident.split") {
    const moved = Array.isArray(after["moved"]) ? (after["moved"] as unknown[]) : [];
    return (
      <p class="changes">
        {moved.length} claim{moved.length === 1 ? "" : "s"} of {incidentLink(a.entity_id)} moved out into a
        new incident
        {moved.length > 0 && <span class="muted"> ({moved.map(show).join(", ")})</span>}.
      </p>
    );
  }
  if (a.action === "incident.split_from") {
    const claims = Array.isArray(after["claims"]) ? (after["claims"] as unknown[]) : [];
    return (
      <p class="changes">
        {incidentLink(a.entity_id)} was made from {claims.length} claim{claims.length === 1 ? "" : "s"} split
        out of {incidentLink(after["from"])}.
      </p>
    );
  }
  if (a.action === "ingest") {
    const parts = ["read", "inserted", "duplicates", "revisions", "claims"]
      .filter((k) => typeof after[k] === "number")
      .map((k) => `${k} ${show(after[k])}`);
    if (Array.isArray(after["errors"]) && after["errors"].length)
      parts.push(`${after["errors"].length} errors`);
    return parts.length ? <p class="changes">{parts.join(", ")}</p> : null;
  }
  return null;
}

export function AuditItem({ a, withRecord }: { a: AuditEntry; withRecord: boolean }) {
  return (
    <li key={a.id}>
      <time dateTime={a.at}>{a.at.replace("T", " ").slice(0, 19)}</time> <strong>{a.actor}</strong>{" "}
      {VERB[a.action] ?? a.action}
      {/* "ann logged in", not "ann logged in user ann". */}
      {withRecord && !(a.entity === "user" && a.entity_id === a.actor) && (
        <> {recordLink(a.entity, a.entity_id)}</>
      )}{" "}
      <span class="muted">({a.action})</span>
      <Details a={a} />
    </li>
  );
}

/** One record's trail, oldest first. */
export function AuditList({ entries }: { entries: AuditEntry[] }) {
  if (!entries.length) return <p class="muted">No changes recorded.</p>;
  return (
    <ol class="audit" aria-label="Audit trail">
      {entries.map((a) => (
        <AuditItem a={a} withRecord={false} />
      ))}
    </ol>
  );
}

/** Every change, newest first, a page at a time. */
export function AuditPage() {
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (cursor: string | null) =>
    api<{ items: AuditEntry[]; next: string | null }>(
      `/api/audit?limit=200${cursor ? `&cursor=${cursor}` : ""}`,
    ).then(
      (r) => (setItems((old) => (cursor ? [...old, ...r.items] : r.items)), setNext(r.next)),
      (e: Error) => setError(e.message),
    );
  useEffect(() => {
    void load(null);
  }, []);
  return (
    <section aria-labelledby="audit-h">
      <h1 id="audit-h">Audit trail</h1>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <ol class="audit global" aria-label="Every change, newest first">
        {items.map((a) => (
          <AuditItem a={a} withRecord={true} />
        ))}
      </ol>
      {next && (
        <button type="button" onClick={() => void load(next)}>
          Older entries
        </button>
      )}
    </section>
  );
}
