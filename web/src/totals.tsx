// Totals: per month, country or place, the sum of the incidents (low / best / high) beside the highest running total
// reported for the same span ("3,864 civilians killed since mid-February"). The two are never added: the point of
// keeping them apart is to see how much of a reported toll the recorded incidents account for. The filters are the
// incidents view's (url.ts), so "Totals for these filters" means what it says.
import { useEffect, useState } from "preact/hooks";
import { api } from "./api.ts";
import { Badge } from "./incidents.tsx";
import { FILTER_KEYS, filtersOf, num, query } from "./url.ts";
import type { Filters } from "./url.ts";

type By = "month" | "country" | "place";
const BYS: By[] = ["month", "country", "place"];
const METRICS = ["killed", "injured", "missing", "abducted", "detained", "displaced", "homes_destroyed"];

interface TotalsRow {
  key: string;
  metric: string;
  incidents: { count: number; low: number; best: number; high: number; ids: string[] };
  aggregate: {
    id: string;
    low: number;
    best: number;
    high: number;
    period: { start: string | null; end: string | null };
    claims: number[];
    sources: string[];
    articles: {
      article_id: string;
      title: string | null;
      outlet: string | null;
      published: string | null;
      illustrative: boolean;
    }[];
  } | null;
}

/** The incidents view narrowed to one row's span, keeping the other filters. */
function spanFilters(filters: Filters, by: By, key: string): Filters | null {
  if (key === "unknown") return null;
  if (by === "month") return { ...filters, from: key, to: key };
  if (by === "country") return { ...filters, country: key };
  const noPlace = / \(no place\)$/.exec(key);
  return noPlace ? { ...filters, country: key.slice(0, noPlace.index) } : { ...filters, place: key };
}

function span3(low: number, best: number, high: number): string {
  return low === high ? num(best) : `${num(best)} (${num(low)}–${num(high)})`;
}

export function TotalsView({ params, go }: { params: URLSearchParams; go: (h: string) => void }) {
  const filters = filtersOf(params);
  const by: By = BYS.includes(params.get("by") as By) ? (params.get("by") as By) : "month";
  const metric = filters.metric || "killed";
  const fq = query({ ...filters, metric });
  const [rows, setRows] = useState<TotalsRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<{ items: TotalsRow[] }>(`/api/totals?${fq}&by=${by}`).then(
      (r) => live && (setRows(r.items), setError(null)),
      (e: Error) => live && (setRows([]), setError(e.message)),
    );
    return () => {
      live = false;
    };
  }, [fq, by]);
  const here = (next: { by?: By; metric?: string }) => {
    const q = query({
      ...filters,
      metric: next.metric ?? filters.metric,
      by: (next.by ?? by) === "month" ? null : (next.by ?? by),
    });
    return `#/totals${q ? `?${q}` : ""}`;
  };
  const active = FILTER_KEYS.filter((k) => filters[k] && k !== "metric");
  const sum = (rows ?? []).reduce((n, r) => n + r.incidents.best, 0);

  return (
    <section aria-labelledby="totals-h">
      <h1 id="totals-h">Totals</h1>
      <p class="muted">
        Per {by}: the sum of the recorded incidents (low / best / high) beside the highest running total a
        source reported for the same span. Running totals are never added to incidents.
        {active.length > 0 && (
          <>
            {" "}
            Filters: {active.map((k) => `${k} ${filters[k]}`).join(", ")} (
            <a href={`#/?${query(filters)}`}>incidents</a>).
          </>
        )}
      </p>
      <form class="filters" aria-label="Totals options" onSubmit={(e) => e.preventDefault()}>
        <label>
          Per
          <select
            name="by"
            value={by}
            onChange={(e) => go(here({ by: (e.target as HTMLSelectElement).value as By }))}
          >
            {BYS.map((b) => (
              <option value={b}>{b}</option>
            ))}
          </select>
        </label>
        <label>
          Metric
          <select
            name="metric"
            value={metric}
            onChange={(e) => go(here({ metric: (e.target as HTMLSelectElement).value }))}
          >
            {METRICS.map((m) => (
              <option value={m}>{m.replace("_", " ")}</option>
            ))}
          </select>
        </label>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {rows === null ? (
        <p>Loading…</p>
      ) : rows.length === 0 ? (
        <p>{error ? "No totals: the filter is invalid." : "Nothing recorded for these filters."}</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="Totals table" tabIndex={0}>
          <table class="totals">
            <caption>
              {metric.replace("_", " ")} per {by}: {num(sum)} in recorded incidents (best)
            </caption>
            <thead>
              <tr>
                <th scope="col">{by === "month" ? "Month" : by === "country" ? "Country" : "Place"}</th>
                <th scope="col" class="num">
                  Incidents
                </th>
                <th scope="col" class="num">
                  Low
                </th>
                <th scope="col" class="num">
                  Best
                </th>
                <th scope="col" class="num">
                  High
                </th>
                <th scope="col" class="num">
                  Highest running total
                </th>
                <th scope="col">Its evidence</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const f = spanFilters(filters, by, r.key);
                const a = r.aggregate;
                return (
                  <tr key={`${r.key}|${r.metric}`}>
                    <th scope="row">{r.key}</th>
                    <td class="num">
                      {f && r.incidents.count > 0 ? (
                        <a
                          href={`#/?${query({ ...f, metric: r.metric })}`}
                          aria-label={`${num(r.incidents.count)} incidents of ${r.key}`}
                        >
                          {num(r.incidents.count)}
                        </a>
                      ) : (
                        num(r.incidents.count)
                      )}
                    </td>
                    <td class="num">{num(r.incidents.low)}</td>
                    <td class="num">{num(r.incidents.best)}</td>
                    <td class="num">{num(r.incidents.high)}</td>
                    <td class="num running">
                      {a ? (
                        <>
                          <strong>{span3(a.low, a.best, a.high)}</strong>
                          <div class="muted">
                            {a.period.start ? `${a.period.start} to ` : "up to "}
                            {a.period.end ?? "?"}
                          </div>
                        </>
                      ) : (
                        "–"
                      )}
                    </td>
                    <td>
                      {a ? (
                        <ul class="evidence">
                          {a.articles.map((x) => (
                            <li key={x.article_id}>
                              <a href={`#/article/${x.article_id}`}>{x.title ?? `article ${x.article_id}`}</a>
                              {x.outlet ? ` — ${x.outlet}` : ""}
                              {x.published ? `, ${x.published.slice(0, 10)}` : ""}{" "}
                              <Badge show={x.illustrative} />
                            </li>
                          ))}
                          {a.sources.length > 0 && <li class="muted">according to {a.sources.join("; ")}</li>}
                        </ul>
                      ) : (
                        ""
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
