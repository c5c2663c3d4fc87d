// The dashboard's address is its state: "#/route/arg?filters". Filters, sort, loaded pages and the timeline's bucket
// live in the query part, so Back restores a view and a view can be shared by its address.
export interface Route {
  route: string;
  arg: string | null;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const m = /^#\/([a-z]*)(?:\/([^?]*))?(?:\?(.*))?$/.exec(hash);
  return {
    route: m?.[1] ?? "",
    arg: m?.[2] ? decodeURIComponent(m[2]) : null,
    params: new URLSearchParams(m?.[3] ?? ""),
  };
}

/** The incident filters every view shares (the API's IncidentFilters). */
export const FILTER_KEYS = [
  "from",
  "to",
  "country",
  "place",
  "metric",
  "victims",
  "perpetrator",
  "grade",
  "review",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Record<FilterKey, string>;

export function filtersOf(params: URLSearchParams): Filters {
  const out = {} as Filters;
  for (const k of FILTER_KEYS) out[k] = params.get(k)?.trim() ?? "";
  return out;
}

/** "a=1&b=2" of the non-empty values, in a fixed order (so equal states give equal addresses). */
export function query(values: Record<string, string | number | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(values))
    if (v !== undefined && v !== null && v !== "") u.set(k, String(v));
  return u.toString();
}

export const nf = new Intl.NumberFormat("en-US");
/** A whole number with thousands separators: 3,864. */
export function num(n: number): string {
  return nf.format(n);
}

const LIST_KEY = "toll.list";

/** Remembers the incidents view's address (filters, sort, pages) for links back to it. */
export function rememberList(hash: string): void {
  try {
    sessionStorage.setItem(LIST_KEY, hash);
  } catch {
    // Storage off: links back go to the unfiltered list.
  }
}

/** The incidents view as the reader last left it ("#/" when unknown). */
export function lastListHash(): string {
  try {
    const h = sessionStorage.getItem(LIST_KEY);
    return h && h.startsWith("#/") && !h.startsWith("#//") ? h : "#/";
  } catch {
    return "#/";
  }
}
