// Timeline (uPlot: killed and injured per week or month, best line with the low–high band) and map (Leaflet with
// world-atlas country outlines bundled: no tile server, works offline).
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries110m from "world-atlas/countries-110m.json" with { type: "json" };
import type { IncidentSummary } from "./types.ts";

export interface TimelineBucket {
  period: string;
  killed: [number, number, number];
  injured: [number, number, number];
  incidents: number;
}

export function Timeline({ items }: { items: TimelineBucket[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const xs = items.map((b) => Date.parse(b.period.length === 7 ? `${b.period}-01` : b.period) / 1000);
    const col = (m: "killed" | "injured", i: 0 | 1 | 2) => items.map((b) => b[m][i]);
    const data: uPlot.AlignedData = [xs, col("killed", 0), col("killed", 1), col("killed", 2), col("injured", 0), col("injured", 1), col("injured", 2)];
    const band = (color: string, label: string, dash?: number[]): uPlot.Series => ({ label, stroke: color, width: 1, ...(dash ? { dash } : {}) });
    const plot = new uPlot(
      {
        width: Math.max(320, el.current.clientWidth),
        height: 220,
        series: [
          {},
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
        axes: [{}, { label: "people" }],
      },
      data,
      el.current,
    );
    return () => plot.destroy();
  }, [items]);
  return <div ref={el} class="timeline" role="img" aria-label="Timeline of killed and injured with low to high band" />;
}

const topo = countries110m as unknown as Topology<{ countries: GeometryCollection }>;
const outlines = feature(topo, topo.objects.countries);

export function IncidentMap({ items, onOpen }: { items: IncidentSummary[]; onOpen: (id: string) => void }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const map = L.map(el.current, { worldCopyJump: true, attributionControl: true }).setView([30, 30], 2);
    map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
    L.geoJSON(outlines, { style: { color: "#888", weight: 0.6, fillColor: "#eee", fillOpacity: 1 } }).addTo(map);
    const pts: L.LatLngExpression[] = [];
    for (const s of items) {
      if (s.lat === null || s.lon === null) continue;
      const k = s.killed?.best ?? 0;
      const m = L.circleMarker([s.lat, s.lon], {
        radius: 4 + Math.min(16, Math.sqrt(k)),
        color: "#b41e1e",
        weight: 1,
        fillOpacity: 0.45,
      }).addTo(map);
      // Text only: the tooltip content is built from DOM text nodes, never parsed as HTML.
      const tip = document.createElement("span");
      tip.textContent = `${s.place ?? "?"} ${s.date?.start ?? ""}: ${k} killed`;
      m.bindTooltip(tip);
      m.on("click", () => onOpen(s.id));
      pts.push([s.lat, s.lon]);
    }
    if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.5), { maxZoom: 7 });
    return () => map.remove();
  }, [items]);
  return <div ref={el} class="map" role="region" aria-label="Map of incidents" />;
}
