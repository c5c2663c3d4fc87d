// The incidents overview: filters, a sortable table (keyset pages: "more" follows the cursor), timeline and map.
import { useEffect, useState } from "preact/hooks";
import { api, qs } from "./api.ts";
import { IncidentMap, Timeline } from "./charts.tsx";
import type { TimelineBucket } from "./charts.tsx";
import type { IncidentSummary, Range3 } from "./types.ts";

const METRICS = ["", "killed", "injured", "missing", "abducted", "detained", "displaced", "homes_destroyed"];
const VICTIMS = ["", "civilians", "children", "women", "men", "people", "fighters", "soldiers", "police", "journalists", "medical_workers", "aid_workers", "other"];
const GRADES = ["", "confirmed", "corroborated", "single_source", "contested"];
const REVIEW = ["", "unreviewed", "partly", "reviewed"];

type Filters = Record<"from" | "to" | "country" | "place" | "metric" | "victims" | "perpetrator" | "grade" | "review", string>;
const EMPTY: Filters = { from: "", to: "", country: "", place: "", metric: "", victims: "", perpetrator: "", grade: "", review: "" };

export function fig(r: Range3 | null): string {
  if (!r) return "–";
  return r.low === r.high ? String(r.best) : `${r.best} (${r.low}–${r.high})`;
}

export function Badge({ show }: { show: boolean }) {
  return show ? (
    <span class="badge illustrative" title="Written for the demo; not a real report">
      illustrative
    </span>
  ) : null;
}

export function IncidentsView({ go }: { go: (h: string) => void }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [sort, setSort] = useState<{ by: string; order: "asc" | "desc" }>({ by: "date", order: "desc" });
  const [rows, setRows] = useState<IncidentSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [timeline, setTimeline] = useState<TimelineBucket[]>([]);
  const [by, setBy] = useState<"week" | "month">("month");
  const [mapRows, setMapRows] = useState<IncidentSummary[]>([]);

  const load = async (cursor: string | null) => {
    try {
      const r = await api<{ items: IncidentSummary[]; next: string | null; total: number }>(
        `/api/incidents${qs({ ...filters, sort: sort.by, order: sort.order, limit: 50, cursor })}`,
      );
      setRows((old) => (cursor ? [...old, ...r.items] : r.items));
      setNext(r.next);
      setTotal(r.total);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load(null);
    // The map shows every incident matching the filters, not only the loaded page.
    void api<{ items: IncidentSummary[] }>(`/api/incidents${qs({ ...filters, limit: 10000 })}`).then((r) => setMapRows(r.items), () => setMapRows([]));
  }, [filters, sort]);
  useEffect(() => {
    void api<{ items: TimelineBucket[] }>(`/api/timeline${qs({ by, grade: filters.grade })}`).then((r) => setTimeline(r.items), () => setTimeline([]));
  }, [by, filters.grade]);

  const header = (key: string, label: string) => (
    <th scope="col" aria-sort={sort.by === key ? (sort.order === "asc" ? "ascending" : "descending") : "none"}>
      <button
        type="button"
        class="sort"
        onClick={() => setSort((s) => ({ by: key, order: s.by === key && s.order === "desc" ? "asc" : "desc" }))}
      >
        {label} {sort.by === key ? (sort.order === "asc" ? "▲" : "▼") : ""}
      </button>
    </th>
  );
  const field = (k: keyof Filters, label: string, opts?: string[], placeholder?: string) => (
    <label>
      {label}
      {opts ? (
        <select name={k} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: (e.target as HTMLSelectElement).value })}>
          {opts.map((o) => (
            <option value={o}>{o || "any"}</option>
          ))}
        </select>
      ) : (
        <input name={k} value={draft[k]} placeholder={placeholder} onInput={(e) => setDraft({ ...draft, [k]: (e.target as HTMLInputElement).value })} />
      )}
    </label>
  );

  return (
    <section aria-labelledby="incidents-h">
      <h1 id="incidents-h">Incidents</h1>
      <form
        class="filters"
        aria-label="Filter incidents"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        {field("from", "From", undefined, "YYYY-MM-DD")}
        {field("to", "To", undefined, "YYYY-MM-DD")}
        {field("country", "Country", undefined, "IQ")}
        {field("place", "Place")}
        {field("metric", "Metric", METRICS)}
        {field("victims", "Victims", VICTIMS)}
        {field("perpetrator", "Perpetrator")}
        {field("grade", "Grade", GRADES)}
        {field("review", "Review", REVIEW)}
        <button type="submit">Apply</button>
        <button type="button" onClick={() => (setDraft(EMPTY), setFilters(EMPTY))}>
          Clear
        </button>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="charts">
        <div class="panel">
          <h2>
            Timeline{" "}
            <label class="inline">
              per{" "}
              <select aria-label="Timeline bucket" value={by} onChange={(e) => setBy((e.target as HTMLSelectElement).value as "week" | "month")}>
                <option value="month">month</option>
                <option value="week">week</option>
              </select>
            </label>
          </h2>
          <Timeline items={timeline} />
        </div>
        <div class="panel">
          <h2>Map</h2>
          <IncidentMap items={mapRows} onOpen={(id) => go(`#/incident/${id}`)} />
        </div>
      </div>
      <p class="count" aria-live="polite">
        {total} incident{total === 1 ? "" : "s"}
      </p>
      <table class="incidents">
        <thead>
          <tr>
            {header("date", "Date")}
            {header("place", "Place")}
            {header("killed", "Killed")}
            {header("injured", "Injured")}
            {header("grade", "Grade")}
            {header("claims", "Claims")}
            <th scope="col">Perpetrator</th>
            <th scope="col">Review</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={`#/incident/${s.id}`}>{s.date ? (s.date.start === s.date.end ? s.date.start : `${s.date.start} – ${s.date.end}`) : "undated"}</a>
              </td>
              <td>
                {s.place ?? "?"}
                {s.country ? `, ${s.country}` : ""} <Badge show={s.illustrative} />
              </td>
              <td class="num">{fig(s.killed)}</td>
              <td class="num">{fig(s.injured)}</td>
              <td>
                <span class={`grade ${s.grade}`}>{s.grade.replace("_", " ")}</span>
              </td>
              <td class="num">
                {s.claims} / {s.articles} art.
              </td>
              <td>{s.perpetrators.join("; ")}</td>
              <td>{s.review_status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && (
        <button type="button" onClick={() => void load(next)}>
          More
        </button>
      )}
    </section>
  );
}
