// The review queue: claims nobody has reviewed, the machine's least certain first, each with the article it was read
// in (title, outlet, date) and its scope. Keys: j/k move, c confirm, r reject, e edit (correct; focus goes into the
// form, Esc closes it), o open the article.
import { useEffect, useState } from "preact/hooks";
import { api } from "./api.ts";
import { ReviewForm } from "./claim.tsx";
import type { ClaimOut } from "./types.ts";

export function ReviewQueue({ go }: { go: (h: string) => void }) {
  const [items, setItems] = useState<ClaimOut[]>([]);
  const [total, setTotal] = useState(0);
  const [i, setI] = useState(0);
  const [editing, setEditing] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const load = () =>
    api<{ items: ClaimOut[]; total: number }>("/api/review/queue?limit=200").then(
      (r) => (setItems(r.items), setTotal(r.total), setI((x) => Math.min(x, Math.max(0, r.items.length - 1)))),
      (e: Error) => setMsg(e.message),
    );
  useEffect(() => {
    void load();
  }, []);
  const cur = items[i];
  const act = async (action: "confirm" | "reject") => {
    if (!cur) return;
    try {
      await api(`/api/claims/${cur.id}/review`, { method: "POST", body: { action, version: cur.version } });
      setMsg(`claim ${cur.id}: ${action}ed`);
      await load();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (editing || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
      if (e.key === "j") setI((x) => Math.min(items.length - 1, x + 1));
      else if (e.key === "k") setI((x) => Math.max(0, x - 1));
      else if (e.key === "c") void act("confirm");
      else if (e.key === "r") void act("reject");
      else if (e.key === "e") setEditing(true);
      else if (e.key === "o" && cur) go(`#/article/${cur.article_id}`);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [items, i, editing]);
  return (
    <section aria-labelledby="queue-h">
      <h1 id="queue-h">Review queue</h1>
      <p class="muted">
        {total} claims to review. Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>c</kbd> confirm, <kbd>r</kbd> reject, <kbd>e</kbd> correct, <kbd>o</kbd> open article.
      </p>
      {msg && <p role="status">{msg}</p>}
      <ul class="queue" role="listbox" aria-label="Claims to review" aria-activedescendant={cur ? `q-${cur.id}` : undefined}>
        {items.map((c, k) => (
          <li id={`q-${c.id}`} role="option" aria-selected={k === i} class={k === i ? "active" : ""} onClick={() => setI(k)}>
            <strong>
              {c.value} {c.victims} {c.metric}
            </strong>{" "}
            <span class="muted">
              ({c.qualifier.replace(/_/g, " ")}
              {c.certainty ? `, ${c.certainty}` : ""}, {c.scope === "cumulative" ? "running total" : "one incident"}
              {c.historical ? ", historical" : ""})
            </span>{" "}
            “{c.evidence.text}”{" "}
            {c.doubt.length > 0 && <span class="badge doubt">unsure: {c.doubt.join("; ")}</span>}
            {c.article && (
              <div class="source-line">
                <a href={`#/article/${c.article.id}`} tabIndex={-1}>
                  {c.article.title ?? `article ${c.article.id}`}
                </a>{" "}
                — {c.article.outlet ?? "unknown outlet"}, {c.article.published?.slice(0, 10) ?? "undated"}
              </div>
            )}
          </li>
        ))}
      </ul>
      {editing && cur && (
        <ReviewForm
          key={cur.id}
          claim={cur}
          onCancel={() => setEditing(false)}
          onConflict={() => setMsg(`claim ${cur.id} was changed by someone else meanwhile: see the form`)}
          onDone={() => {
            setEditing(false);
            setMsg(`claim ${cur.id}: corrected`);
            void load();
          }}
        />
      )}
    </section>
  );
}
