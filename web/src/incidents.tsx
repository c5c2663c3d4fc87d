// The incidents overview. Its state is the address (#/?filters&sort&order&pages&by, see url.ts): one set of filters
// drives the table, the timeline, the map and the exports, Back restores the view, and a view can be shared.
import { useEffect, useLayoutEffect, useMemo, useState } from "preact/hooks";
import { api } from "./api.ts";
import { IncidentMap, Timeline } from "./charts.tsx";
import type { TimelineBucket } from "./charts.tsx";
import type { IncidentSummary, Range3 } from "./types.ts";
import { FILTER_KEYS, filtersOf, num, query, rememberList } from "./url.ts";
import type { Filters } from "./url.ts";

const METRICS = ["", "killed", "injured", "missing", "abducted", "detained", "displaced", "homes_destroyed"];
const VICTIMS = [
  "",
  "civilians",
  "children",
  "women",
  "men",
  "people",
  "fighters",
  "soldiers",
  "police",
  "journalists",
  "medical_workers",
  "aid_workers",
  "other",
];
const GRADES = ["", "confirmed", "corroborated", "single_source", "contested"];
const REVIEW = ["", "unreviewed", "partly", "reviewed"];
const PAGE = 50;
const SORTS = ["date", "place", "killed", "injured", "grade", "claims"];

export function fig(r: Range3 | null): string {
  if (!r) return "–";
  return r.low === r.high ? num(r.best) : `${num(r.best)} (${num(r.low)}–${num(r.high)})`;
}

export function Badge({ show }: { show: boolean }) {
  return show ? (
    <span class="badge illustrative" title="Written for the demo; not a real report">
      illustrative
    </span>
  ) : null;
}

interface ViewState {
  filters: Filters;
  sort: string;
  order: "asc" | "desc";
  pages: number;
  by: "week" | "month";
}

function stateOf(params: URLSearchParams): ViewState {
  const sort = params.get("sort") ?? "date";
  const pages = Number(params.get("pages") ?? "1");
  return {
    filters: filtersOf(params),
    sort: SORTS.includes(sort) ? sort : "date",
    order: params.get("order") === "asc" ? "asc" : "desc",
    pages: Number.isInteger(pages) && pages >= 1 && pages <= 200 ? pages : 1,
    by: params.get("by") === "week" ? "week" : "month",
  };
}

function hashOf(s: ViewState): string {
  const q = query({
    ...s.filters,
    sort: s.sort === "date" ? null : s.sort,
    order: s.order === "desc" ? null : s.order,
    pages: s.pages > 1 ? s.pages : null,
    by: s.by === "month" ? null : s.by,
  });
  return q ? `#/?${q}` : "#/";
}

/** Where the page was scrolled, per address, so Back from an incident lands where the reader left. */
const SCROLL_KEY = "toll.scroll";
function rememberScroll(): void {
  try {
    sessionStorage.setItem(SCROLL_KEY, JSON.stringify({ hash: location.hash || "#/", y: window.scrollY }));
  } catch {
    // Storage may be off (private mode): Back then starts at the top.
  }
}

export function IncidentsView({ params, go }: { params: URLSearchParams; go: (h: string) => void }) {
  const state = useMemo(() => stateOf(params), [params.toString()]);
  const filterQuery = query(state.filters);
  const [draft, setDraft] = useState<Filters>(state.filters);
  const [rows, setRows] = useState<IncidentSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The buckets with the kind they are of: a switch to weeks must not draw month buckets as weeks meanwhile.
  const [timeline, setTimeline] = useState<{ by: "week" | "month"; items: TimelineBucket[] }>({
    by: state.by,
    items: [],
  });
  const [mapRows, setMapRows] = useState<IncidentSummary[]>([]);
  // Pages loaded so far (More adds one without a new address: see more()).
  const [pages, setPages] = useState(state.pages);

  useEffect(() => setDraft(state.filters), [filterQuery]);
  useEffect(() => setPages(state.pages), [state]);
  useEffect(() => rememberList(hashOf({ ...state, pages })), [state, pages]);

  // Table, timeline and map read the same filters; when the server refuses them (a 400 naming the parameter)
  // all three are emptied together, so nothing stale stays beside the error.
  useEffect(() => {
    let live = true;
    setLoaded(false);
    const base = `${filterQuery ? `${filterQuery}&` : ""}sort=${state.sort}&order=${state.order}`;
    Promise.all([
      api<{ items: IncidentSummary[]; next: string | null; total: number }>(
        `/api/incidents?${base}&limit=${PAGE * state.pages}`,
      ),
      // The map shows every incident matching the filters, not only the loaded pages.
      api<{ items: IncidentSummary[] }>(`/api/incidents?${filterQuery ? `${filterQuery}&` : ""}limit=10000`),
      api<{ items: TimelineBucket[] }>(`/api/timeline?${filterQuery ? `${filterQuery}&` : ""}by=${state.by}`),
    ]).then(
      ([list, map, tl]) => {
        if (!live) return;
        setRows(list.items);
        setNext(list.next);
        setTotal(list.total);
        setMapRows(map.items);
        setTimeline({ by: state.by, items: tl.items });
        setError(null);
        setLoaded(true);
      },
      (e: Error) => {
        if (!live) return;
        setRows([]);
        setNext(null);
        setTotal(null);
        setMapRows([]);
        setTimeline({ by: state.by, items: [] });
        setError(e.message);
        setLoaded(true);
      },
    );
    return () => {
      live = false;
    };
  }, [filterQuery, state.sort, state.order, state.by]);

  // Back from an incident: once the rows are there, return to where the reader was.
  useLayoutEffect(() => {
    if (!loaded) return;
    try {
      const saved = JSON.parse(sessionStorage.getItem(SCROLL_KEY) ?? "null") as {
        hash: string;
        y: number;
      } | null;
      if (saved && saved.hash === (location.hash || "#/")) {
        window.scrollTo(0, saved.y);
        sessionStorage.removeItem(SCROLL_KEY);
      }
    } catch {
      // Nothing saved.
    }
  }, [loaded]);

  const more = async () => {
    if (!next) return;
    try {
      const r = await api<{ items: IncidentSummary[]; next: string | null; total: number }>(
        `/api/incidents?${filterQuery ? `${filterQuery}&` : ""}sort=${state.sort}&order=${state.order}&limit=${PAGE}&cursor=${encodeURIComponent(next)}`,
      );
      setRows((old) => [...old, ...r.items]);
      setNext(r.next);
      setTotal(r.total);
      // The loaded pages go into the address without a new history entry: Back still means "the previous view".
      history.replaceState(history.state, "", hashOf({ ...state, pages: pages + 1 }));
      setPages(pages + 1);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const header = (key: string, label: string, numeric = false) => (
    <th
      scope="col"
      class={numeric ? "num" : undefined}
      aria-sort={state.sort === key ? (state.order === "asc" ? "ascending" : "descending") : "none"}
    >
      <button
        type="button"
        class="sort"
        onClick={() =>
          go(
            hashOf({
              ...state,
              sort: key,
              order: state.sort === key && state.order === "desc" ? "asc" : "desc",
              pages: 1,
            }),
          )
        }
      >
        {label} {state.sort === key ? (state.order === "asc" ? "▲" : "▼") : ""}
      </button>
    </th>
  );
  const field = (k: keyof Filters, label: string, opts?: string[], placeholder?: string) => (
    <label>
      {label}
      {opts ? (
        <select
          name={k}
          value={draft[k]}
          onChange={(e) => setDraft({ ...draft, [k]: (e.target as HTMLSelectElement).value })}
        >
          {opts.map((o) => (
            <option value={o}>{o ? o.replace("_", " ") : "any"}</option>
          ))}
        </select>
      ) : (
        <input
          name={k}
          value={draft[k]}
          placeholder={placeholder}
          onInput={(e) => setDraft({ ...draft, [k]: (e.target as HTMLInputElement).value })}
        />
      )}
    </label>
  );
  const exportHref = (format: string) =>
    `/api/export/incidents?${query({ ...state.filters, sort: state.sort, order: state.order, format })}`;
  const active = FILTER_KEYS.filter((k) => state.filters[k]);

  return (
    <section aria-labelledby="incidents-h">
      <h1 id="incidents-h">Incidents</h1>
      <form
        class="filters"
        aria-label="Filter incidents"
        onSubmit={(e) => {
          e.preventDefault();
          go(hashOf({ ...state, filters: draft, pages: 1 }));
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
        <div class="buttons">
          <button type="submit">Apply</button>
          <button
            type="button"
            onClick={() => go(hashOf({ ...state, filters: filtersOf(new URLSearchParams()), pages: 1 }))}
          >
            Clear
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="toolbar">
        <p class="count" aria-live="polite">
          {error
            ? "No incidents: the filter is invalid"
            : total === null
              ? "Loading…"
              : `${num(total)} incident${total === 1 ? "" : "s"}`}
          {active.length > 0 && !error && (
            <span class="muted"> matching {active.map((k) => `${k} ${state.filters[k]}`).join(", ")}</span>
          )}
        </p>
        <span class="exports">
          Download these incidents:{" "}
          <a class="button" href={exportHref("csv")} download="toll-incidents.csv">
            CSV
          </a>{" "}
          <a class="button" href={exportHref("json")} download="toll-incidents.json">
            JSON
          </a>{" "}
          <a class="button" href={exportHref("geojson")} download="toll-incidents.geojson">
            GeoJSON
          </a>{" "}
          · <a href={`#/totals${filterQuery ? `?${filterQuery}` : ""}`}>Totals for these filters</a>
        </span>
      </div>
      <div class="charts">
        <div class="panel">
          <h2>
            Timeline{" "}
            <label class="inline">
              per{" "}
              <select
                aria-label="Timeline bucket"
                value={state.by}
                onChange={(e) =>
                  go(hashOf({ ...state, by: (e.target as HTMLSelectElement).value as "week" | "month" }))
                }
              >
                <option value="month">month</option>
                <option value="week">week</option>
              </select>
            </label>
          </h2>
          <Timeline items={timeline.items} by={timeline.by} />
        </div>
        <div class="panel">
          <h2>Map</h2>
          <IncidentMap items={mapRows} onOpen={(id) => (rememberScroll(), go(`#/incident/${id}`))} />
        </div>
      </div>
      <div class="table-wrap" role="region" aria-label="Incidents table" tabIndex={0}>
        <table class="incidents">
          <thead>
            <tr>
              {header("date", "Date")}
              {header("place", "Place")}
              {header("killed", "Killed", true)}
              {header("injured", "Injured", true)}
              {header("grade", "Grade")}
              {header("claims", "Claims", true)}
              <th scope="col" class="optional">
                Perpetrator
              </th>
              <th scope="col" class="optional">
                Review
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={`#/incident/${s.id}`} onClick={rememberScroll}>
                    {s.date
                      ? s.date.start === s.date.end
                        ? s.date.start
                        : `${s.date.start} – ${s.date.end}`
                      : "undated"}
                  </a>
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
                  {num(s.claims)} / {num(s.articles)} art.
                </td>
                <td class="optional">{s.perpetrators.join("; ")}</td>
                <td class="optional">{s.review_status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next && (
        <button type="button" onClick={() => void more()}>
          More
        </button>
      )}
    </section>
  );
}
