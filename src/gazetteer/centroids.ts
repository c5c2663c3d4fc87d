// Country centroids from Natural Earth (world-atlas TopoJSON). world-atlas keys countries by ISO numeric code
// and we have no numeric→alpha-2 table, so each country is matched through its capital: the polygon that
// contains the capital's coordinates is that country's, and its area-weighted centroid is the country point.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

type Ring = [number, number][];

interface Topology {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: Record<string, { geometries: TopoGeometry[] }>;
}
interface TopoGeometry {
  type: string;
  id?: string;
  properties?: { name?: string };
  arcs?: number[][] | number[][][];
}

export interface CountryShape {
  name: string;
  /** Outer rings, one per polygon part. */
  parts: Ring[];
}

function decodeArcs(topo: Topology): Ring[] {
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]): [number, number] => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

function ringFromArcs(arcIdx: number[], arcs: Ring[]): Ring {
  const ring: Ring = [];
  for (const i of arcIdx) {
    const arc = i >= 0 ? arcs[i] : arcs[~i]?.slice().reverse();
    if (!arc) continue;
    // Consecutive arcs share their joining point.
    ring.push(...(ring.length > 0 ? arc.slice(1) : arc));
  }
  return ring;
}

export function loadCountryShapes(): CountryShape[] {
  const require = createRequire(import.meta.url);
  const path = require.resolve("world-atlas/countries-50m.json");
  const topo = JSON.parse(readFileSync(path, "utf8")) as Topology;
  const arcs = decodeArcs(topo);
  const shapes: CountryShape[] = [];
  for (const g of topo.objects["countries"]?.geometries ?? []) {
    const parts: Ring[] = [];
    if (g.type === "Polygon") {
      const outer = (g.arcs as number[][] | undefined)?.[0];
      if (outer) parts.push(ringFromArcs(outer, arcs));
    } else if (g.type === "MultiPolygon") {
      for (const poly of (g.arcs as number[][][] | undefined) ?? []) {
        const outer = poly[0];
        if (outer) parts.push(ringFromArcs(outer, arcs));
      }
    }
    shapes.push({ name: g.properties?.name ?? "", parts });
  }
  return shapes;
}

export function pointInRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    if (a[1] > lat !== b[1] > lat && lon < ((b[0] - a[0]) * (lat - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/** Planar area-weighted centroid: good enough for a country-precision point. */
export function ringCentroid(ring: Ring): { lat: number; lon: number; area: number } | null {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    const f = b[0] * a[1] - a[0] * b[1];
    area += f;
    cx += (b[0] + a[0]) * f;
    cy += (b[1] + a[1]) * f;
  }
  if (area === 0) return null;
  return { lon: cx / (3 * area), lat: cy / (3 * area), area: Math.abs(area / 2) };
}

/**
 * The centroid of the country containing (lat, lon): the largest part of a multi-part country, so that
 * France is placed in Europe and the US in the lower 48.
 */
export function centroidAround(shapes: readonly CountryShape[], lat: number, lon: number): { lat: number; lon: number } | null {
  for (const shape of shapes) {
    if (!shape.parts.some((r) => pointInRing(lon, lat, r))) continue;
    let best: { lat: number; lon: number; area: number } | null = null;
    for (const part of shape.parts) {
      const c = ringCentroid(part);
      if (c && (!best || c.area > best.area)) best = c;
    }
    return best ? { lat: best.lat, lon: best.lon } : null;
  }
  return null;
}
