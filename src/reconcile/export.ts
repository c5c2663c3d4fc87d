// One incident as a row of the incident export (UCDP GED-style columns, src/store/export.ts). Pure: the caller
// passes the incident's claims (for the place's precision), its review status and the address of its page.
import type { Claim, LocationPrecision } from "../extract/types.ts";
import type { IncidentExportRow } from "../store/export.ts";
import { placeKey } from "./normalize.ts";
import type { IncidentRecord } from "./types.ts";

const DAY_MS = 86_400_000;

/**
 * How precise the incident's date window is, in the words of `period.precision`: one day; a few days (2–6); a
 * week; within one calendar month; anything longer is "year".
 */
export function datePrecision(date: IncidentRecord["date"]): IncidentExportRow["date_prec"] {
  if (!date) return null;
  const days =
    Math.round((Date.parse(`${date.end}T00:00:00Z`) - Date.parse(`${date.start}T00:00:00Z`)) / DAY_MS) + 1;
  if (!Number.isFinite(days)) return null;
  if (days <= 1) return "day";
  if (days <= 6) return "days";
  if (days <= 7) return "week";
  if (date.start.slice(0, 7) === date.end.slice(0, 7)) return "month";
  return "year";
}

const FINEST: readonly LocationPrecision[] = ["exact", "near", "region", "country"];

/**
 * How precise the incident's place is: the finest precision among the claims that name that place; "country" when
 * only the country is known; null when nothing is.
 */
export function wherePrecision(
  inc: Pick<IncidentRecord, "place" | "country">,
  claims: readonly Pick<Claim, "location">[],
): IncidentExportRow["where_prec"] {
  if (inc.place) {
    const key = placeKey({
      name: inc.place,
      place: inc.place,
      country: null,
      lat: null,
      lon: null,
      precision: "exact",
    });
    let best: LocationPrecision | null = null;
    for (const c of claims) {
      const loc = c.location;
      if (!loc || placeKey(loc) !== key) continue;
      if (best === null || FINEST.indexOf(loc.precision) < FINEST.indexOf(best)) best = loc.precision;
    }
    return best ?? "exact";
  }
  return inc.country ? "country" : null;
}

export function incidentExportRow(
  inc: IncidentRecord,
  claims: readonly Pick<Claim, "location">[],
  review_status: IncidentExportRow["review_status"],
  url: string,
): IncidentExportRow {
  const fig = (m: string) => inc.totals.find((t) => t.metric === m) ?? null;
  const killed = fig("killed");
  const injured = fig("injured");
  return {
    id: inc.id,
    date_start: inc.date?.start ?? null,
    date_end: inc.date?.end ?? null,
    date_prec: datePrecision(inc.date),
    country: inc.country,
    place: inc.place,
    latitude: inc.lat,
    longitude: inc.lon,
    where_prec: wherePrecision(inc, claims),
    killed_low: killed?.low ?? null,
    killed_best: killed?.best ?? null,
    killed_high: killed?.high ?? null,
    injured_low: injured?.low ?? null,
    injured_best: injured?.best ?? null,
    injured_high: injured?.high ?? null,
    perpetrator: inc.perpetrators.length ? inc.perpetrators.join("; ") : null,
    method: inc.methods.length ? inc.methods.join("; ") : null,
    grade: inc.grade,
    sources: inc.families.length,
    claims: inc.claims.length,
    review_status,
    url,
  };
}

/** The dashboard address of an incident's page under a base address ("http://host:8080"). */
export function incidentUrl(base: string, id: string): string {
  return `${base.replace(/\/+$/, "")}/#/incident/${encodeURIComponent(id)}`;
}

/** unreviewed / partly / reviewed from how many of the incident's claims have a review. */
export function reviewStatus(reviewed: number, claims: number): IncidentExportRow["review_status"] {
  return reviewed === 0 ? "unreviewed" : reviewed >= claims ? "reviewed" : "partly";
}
