// Timeline (uPlot: killed and injured per week or month, best line with the low–high band, and the same figures as
// a table) and map (Leaflet with world-atlas country outlines bundled: no tile server, works offline; markers
// clustered with supercluster).
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import Supercluster from "supercluster";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import countries110m from "world-atlas/countries-110m.json" with { type: "json" };
import type { IncidentSummary } from "./types.ts";
import { num } from "./url.ts";

export interface TimelineBucket {
  period: string;
  killed: [number, number, number];
  injured: [number, number, number];
  incidents: number;
}

const EMPTY: Pick<TimelineBucket, "killed" | "injured" | "incidents"> = {
  killed: [0, 0, 0],
  injured: [0, 0, 0],
  incidents: 0,
};

/**
 * Every month or week from the first bucket to the last, the empty ones included, so the x axis is even. Buckets
 * are calendar labels ("2017-03", "2017-03-20": a week by its Monday) and stay labels: the arithmetic is on UTC
 * dates and nothing is ever shown in the browser's time zone, so a month never reads as the evening before it.
 */
export function fillBuckets(items: TimelineBucket[], by: "week" | "month"): TimelineBucket[] {
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return [];
  const have = new Map(items.map((b) => [b.period, b]));
  const out: TimelineBucket[] = [];
  const d = new Date(`${by === "month" ? `${first.period}-01` : first.period}T00:00:00Z`);
  // Buckets of the other kind (a response still on its way after a switch): shown as they are.
  if (Number.isNaN(d.getTime()) || first.period.length !== (by === "month" ? 7 : 10)) return items;
  for (let i = 0; i < 2000; i++) {
    const period = by === "month" ? d.toISOString().slice(0, 7) : d.toISOString().slice(0, 10);
    out.push(have.get(period) ?? { period, ...EMPTY });
    if (period >= last.period) break;
    if (by === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + 7);
  }
  return out;
}

function range(t: [number, number, number]): string {
  return t[0] === t[2] ? num(t[1]) : `${num(t[1])} (${num(t[0])}–${num(t[2])})`;
}

export function Timeline({ items, by }: { items: TimelineBucket[]; by: "week" | "month" }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const all = fillBuckets(items, by);
    // x is the bucket's index, labelled with the bucket's own text: no Date ever reaches the chart.
    const xs = all.map((_, i) => i);
    const col = (m: "killed" | "injured", i: 0 | 1 | 2) => all.map((b) => b[m][i]);
    const data: uPlot.AlignedData = [
      xs,
      col("killed", 0),
      col("killed", 1),
      col("killed", 2),
      col("injured", 0),
      col("injured", 1),
      col("injured", 2),
    ];
    const band = (color: string, label: string, dash?: number[]): uPlot.Series => ({
      label,
      stroke: color,
      width: 1,
      ...(dash ? { dash } : {}),
    });
    const label = (v: number | null | undefined) =>
      v !== null && v !== undefined && Number.isInteger(v) ? (all[v]?.period ?? "") : "";
    const plot = new uPlot(
      {
        width: Math.max(260, el.current.clientWidth),
        height: 220,
        scales: { x: { time: false } },
        series: [
          { label: by === "month" ? "month" : "week of", value: (_u, v) => label(v) },
          band("rgba(180,30,30,0.5)", "killed low", [4, 4]),
          { label: "killed (best)", stroke: "#b41e1e", width: 2, points: { show: true } },
          band("rgba(180,30,30,0.5)", "killed high", [4, 4]),
          band("rgba(30,80,180,0.5)", "injured low", [4, 4]),
          { label: "injured (best)", stroke: "#1e50b4", width: 2, points: { show: true } },
          band("rgba(30,80,180,0.5)", "injured high", [4, 4]),
        ],
        bands: [
          { series: [3, 1], fill: "rgba(180,30,30,0.12)" },
          { series: [6, 4], fill: "rgba(30,80,180,0.12)" },
        ],
        axes: [
          { space: by === "month" ? 60 : 90, values: (_u, splits) => splits.map(label) },
          { label: "people", values: (_u, splits) => splits.map((v) => num(v)) },
        ],
      },
      data,
      el.current,
    );
    return () => plot.destroy();
  }, [items, by]);
  return (
    <>
      <div ref={el} class="timeline" aria-hidden="true" />
      <details class="timeline-table">
        <summary>Timeline as a table</summary>
        <table>
          <caption>Killed and injured per {by}: sums of the incidents' best figures (low–high)</caption>
          <thead>
            <tr>
              <th scope="col">{by === "month" ? "Month" : "Week of"}</th>
              <th scope="col" class="num">
                Incidents
              </th>
              <th scope="col" class="num">
                Killed
              </th>
              <th scope="col" class="num">
                Injured
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((b) => (
              <tr key={b.period}>
                <th scope="row">{b.period}</th>
                <td class="num">{num(b.incidents)}</td>
                <td class="num">{range(b.killed)}</td>
                <td class="num">{range(b.injured)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

// ---- map ---------------------------------------------------------------------------------------------------------

const topo = countries110m as unknown as Topology<{ countries: GeometryCollection }>;

/**
 * Rings that cross the antimeridian (Russia's far east, Fiji) jump from +180 to −180 and Leaflet draws that jump as
 * a line across the whole world. Unwrapping keeps each ring continuous (it runs past 180 instead); Antarctica,
 * which wraps the pole, is left out: nothing is recorded there and it would otherwise cover the bottom of the map.
 */
function unwrapRing(ring: Position[]): Position[] {
  let shift = 0;
  let prev: number | null = null;
  return ring.map(([lon = 0, lat = 0]) => {
    if (prev !== null) {
      if (lon + shift - prev > 180) shift -= 360;
      else if (lon + shift - prev < -180) shift += 360;
    }
    prev = lon + shift;
    return [lon + shift, lat];
  });
}

function unwrap(g: Geometry): Geometry {
  if (g.type === "Polygon") return { ...g, coordinates: g.coordinates.map(unwrapRing) };
  if (g.type === "MultiPolygon") return { ...g, coordinates: g.coordinates.map((p) => p.map(unwrapRing)) };
  return g;
}

const world = feature(topo, topo.objects.countries) as FeatureCollection;
const outlines: FeatureCollection = {
  type: "FeatureCollection",
  features: world.features.filter((f) => f.id !== "010").map((f) => ({ ...f, geometry: unwrap(f.geometry) })),
};

/** Above this zoom supercluster no longer groups markers; a cluster that would split only beyond it is one place. */
const CLUSTER_MAX_ZOOM = 14;

/** Radius of the circle drawn around a coarse place: the area the report could mean. */
const PRECISION_RADIUS_M: Record<string, number> = { region: 60_000, country: 250_000 };

interface PointProps {
  id: string;
  label: string;
  killed: number;
  where_prec: string | null;
}

function markerText(s: IncidentSummary): string {
  const k = s.killed?.best ?? 0;
  const prec =
    s.where_prec && s.where_prec !== "exact"
      ? ` (${s.where_prec === "near" ? "near" : `${s.where_prec}-level place`})`
      : "";
  return `${s.place ?? s.country ?? "?"}${prec}, ${s.date?.start ?? "undated"}: ${num(k)} killed`;
}

export function IncidentMap({ items, onOpen }: { items: IncidentSummary[]; onOpen: (id: string) => void }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const map = L.map(el.current, { worldCopyJump: true, attributionControl: true, minZoom: 1 }).setView(
      [30, 30],
      2,
    );
    map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
    L.geoJSON(outlines, {
      style: { color: "#888", weight: 0.6, fillColor: "#eee", fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
    const points: Feature<{ type: "Point"; coordinates: number[] }, PointProps>[] = [];
    for (const s of items) {
      if (s.lat === null || s.lon === null) continue;
      points.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [s.lon, s.lat] },
        properties: { id: s.id, label: markerText(s), killed: s.killed?.best ?? 0, where_prec: s.where_prec },
      });
    }
    const index = new Supercluster<PointProps>({ radius: 48, maxZoom: CLUSTER_MAX_ZOOM }).load(points);
    const layer = L.layerGroup().addTo(map);
    // A marker is a focusable button (Leaflet gives it tabindex and role): Enter opens it as a click does.
    const keyed = (m: L.Marker, name: string, open: () => void) => {
      m.on("click", open);
      m.on("add", () => {
        const node = m.getElement();
        if (!node) return;
        node.setAttribute("aria-label", name);
        node.addEventListener("keydown", (e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            open();
          }
        });
      });
    };
    const draw = () => {
      layer.clearLayers();
      const b = map.getBounds();
      const wide = b.getEast() - b.getWest() >= 360;
      const bbox: [number, number, number, number] = wide
        ? [-180, -85, 180, 85]
        : [b.getWest(), Math.max(-85, b.getSouth()), b.getEast(), Math.min(85, b.getNorth())];
      for (const c of index.getClusters(bbox, Math.round(map.getZoom()))) {
        const [lon = 0, lat = 0] = c.geometry.coordinates;
        const props = c.properties as PointProps | Supercluster.ClusterProperties;
        if ("cluster" in props && props.cluster) {
          const n = props.point_count;
          const size = 26 + Math.min(24, Math.round(Math.sqrt(n) * 4));
          const m = L.marker([lat, lon], {
            icon: L.divIcon({ className: "cluster", html: `<span>${n}</span>`, iconSize: [size, size] }),
            title: `${n} incidents`,
          });
          const zoom = index.getClusterExpansionZoom(props.cluster_id);
          if (zoom <= CLUSTER_MAX_ZOOM)
            keyed(m, `${n} incidents here: zoom in`, () => map.setView([lat, lon], zoom));
          else {
            // Incidents at one and the same place never come apart by zooming: list them instead.
            const list = document.createElement("ul");
            list.className = "stack";
            for (const leaf of index.getLeaves(props.cluster_id, Infinity)) {
              const a = document.createElement("a");
              a.href = `#/incident/${leaf.properties.id}`;
              a.textContent = leaf.properties.label; // text only: never parsed as HTML
              a.addEventListener("click", (e) => (e.preventDefault(), onOpen(leaf.properties.id)));
              const li = document.createElement("li");
              li.append(a);
              list.append(li);
            }
            m.bindPopup(list, { maxWidth: 320 });
            keyed(m, `${n} incidents at this place: list them`, () => {
              m.openPopup();
              list.querySelector("a")?.focus();
            });
          }
          layer.addLayer(m);
        } else {
          const p = props as PointProps;
          const radius = p.where_prec ? PRECISION_RADIUS_M[p.where_prec] : undefined;
          // A coarse place is an area, not a point: drawn as a circle around it.
          if (radius)
            L.circle([lat, lon], {
              radius,
              color: "#b41e1e",
              weight: 1,
              dashArray: "4 3",
              fillOpacity: 0.08,
              interactive: false,
            }).addTo(layer);
          const size = 12 + Math.min(16, Math.round(Math.sqrt(p.killed)));
          const m = L.marker([lat, lon], {
            icon: L.divIcon({
              className: `incident-marker${radius ? " coarse" : ""}`,
              iconSize: [size, size],
            }),
            title: p.label,
          });
          keyed(m, `${p.label}: open the incident`, () => onOpen(p.id));
          layer.addLayer(m);
        }
      }
    };
    map.on("moveend", draw);
    if (points.length) {
      const bounds = L.latLngBounds([]);
      for (const p of points) {
        const at = L.latLng(p.geometry.coordinates[1] ?? 0, p.geometry.coordinates[0] ?? 0);
        // A coarse place shows whole: its circle is in view, not only its centre.
        const radius = p.properties.where_prec ? PRECISION_RADIUS_M[p.properties.where_prec] : undefined;
        bounds.extend(radius ? at.toBounds(radius * 2) : at);
      }
      // No animation: the map is rebuilt whenever the items change, and a zoom animation still running on a removed
      // map throws inside Leaflet ("_leaflet_pos").
      map.fitBounds(bounds.pad(0.5), { maxZoom: 7, animate: false });
    }
    draw();
    return () => {
      map.off();
      map.stop();
      map.remove();
    };
  }, [items]);
  return (
    <div
      ref={el}
      class="map"
      role="region"
      aria-label="Map of incidents (Tab to a marker, Enter to open it)"
    />
  );
}
