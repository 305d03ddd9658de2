// The note's map as shapes on paper (millimetres, y down), from the recorded map data: the PDF and the
// SVG of the HTML page draw the same shapes. Colours are the viewer's (client/map/palette.ts), so the note
// reads like the map the applicant saw.
import { OVERLAY_COLOURS, PARCEL_LINE, SELECTED, ZONE_COLOURS } from '../../client/map/palette.js';
import type { OverlayKind, ZoneCategory } from '../shared/schemas.js';
import { CATEGORY, L, OVERLAY, type T } from './labels.js';
import { num } from './format.js';
import type { NoteContent, NoteMap } from './schemas.js';

export type XY = [number, number];

export type Shape =
  | { kind: 'area'; rings: XY[][]; fill?: string; fillOpacity?: number; stroke?: string; width?: number; dash?: [number, number] }
  | { kind: 'line'; lines: XY[][]; stroke: string; width: number; dash?: [number, number]; opacity?: number }
  | { kind: 'dot'; at: XY; r: number; fill: string }
  | { kind: 'text'; at: XY; text: string; size: number; color: string; anchor: 'start' | 'middle' | 'end'; bold?: boolean; halo?: boolean };

export interface LegendEntry {
  swatch: { fill?: string; fillOpacity?: number; stroke?: string; width?: number; dash?: [number, number]; line?: boolean };
  label: T;
}

export interface MapModel {
  widthMm: number;
  heightMm: number;
  shapes: Shape[];
  /** drawn over the map, outside the clip: scale bar, north arrow */
  furniture: Shape[];
  legend: LegendEntry[];
  scaleText: string;
}

type Geo = { type: string; coordinates?: unknown; geometries?: unknown };
const parts = (g: Geo) => (g.geometries ?? []) as Geo[];

/** Polygons and lines of any GeoJSON geometry, as rings / paths of positions. */
function polygonsOf(g: Geo): XY[][][] {
  if (g.type === 'Polygon') return [g.coordinates as XY[][]];
  if (g.type === 'MultiPolygon') return g.coordinates as XY[][][];
  if (g.type === 'GeometryCollection') return parts(g).flatMap(polygonsOf);
  return [];
}
function linesOf(g: Geo): XY[][] {
  if (g.type === 'LineString') return [g.coordinates as XY[]];
  if (g.type === 'MultiLineString') return g.coordinates as XY[][];
  if (g.type === 'GeometryCollection') return parts(g).flatMap(linesOf);
  return [];
}
function pointsOf(g: Geo): XY[] {
  if (g.type === 'Point') return [g.coordinates as XY];
  if (g.type === 'MultiPoint') return g.coordinates as XY[];
  if (g.type === 'GeometryCollection') return parts(g).flatMap(pointsOf);
  return [];
}

/** A round length for the scale bar, about a fifth of the frame. */
function scaleBarMetres(map: NoteMap): number {
  const target = (map.widthMm * map.scale) / 1000 / 5;
  const nice = [5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000];
  return nice.filter((n) => n <= target).pop() ?? nice[0]!;
}

export function mapModel(content: NoteContent): MapModel {
  const map = content.map;
  const k = 1000 / map.scale; // ground metres → paper mm
  const P = ([x, y]: XY): XY => [round((x - map.frame[0]) * k), round((map.frame[3] - y) * k)];
  const rings = (g: Geo) => polygonsOf(g).flatMap((poly) => poly.map((r) => r.map(P)));
  const shapes: Shape[] = [];
  const inForce = new Map(map.zonePlans.map((p) => [p.code, p.inForce]));

  for (const z of map.zones) {
    const fill = ZONE_COLOURS[z.category];
    shapes.push({ kind: 'area', rings: rings(z.geometry), fill, fillOpacity: inForce.get(z.planCode) ? 0.6 : 0.3, stroke: '#6b6b6b', width: 0.2 });
  }
  for (const o of map.overlays) {
    const colour = OVERLAY_COLOURS[o.kind];
    if (o.corridor) shapes.push({ kind: 'area', rings: rings(o.corridor), fill: colour, fillOpacity: 0.25, stroke: colour, width: 0.25, dash: [1.2, 0.8] });
    const areas = rings(o.geometry);
    if (areas.length) shapes.push({ kind: 'area', rings: areas, fill: colour, fillOpacity: 0.18, stroke: colour, width: 0.35, dash: [1.5, 0.8] });
    const lines = linesOf(o.geometry).map((l) => l.map(P));
    if (lines.length) shapes.push({ kind: 'line', lines, stroke: colour, width: o.corridor ? 0.25 : 0.5, dash: o.corridor ? [2.5, 1] : undefined });
    for (const p of pointsOf(o.geometry)) shapes.push({ kind: 'dot', at: P(p), r: 1.2, fill: colour });
  }
  for (const p of map.parcels) shapes.push({ kind: 'area', rings: rings(p.geometry), stroke: PARCEL_LINE, width: p.selected ? 0.3 : 0.15 });
  shapes.push({ kind: 'area', rings: rings(map.land), stroke: SELECTED, width: 0.7 });

  // Labels last, so no fill covers them: zone codes, parcel references, vertex numbers.
  // Text positions are baselines: a label centred on its point sits a third of its size lower.
  const centred = (at: XY, size: number): XY => { const [x, y] = P(at); return [x, round(y + (size * 0.35 * 25.4) / 72)]; };
  for (const z of map.zones) for (const at of z.labels) shapes.push({ kind: 'text', at: centred(at, 7), text: z.code, size: 7, color: '#202020', anchor: 'middle', bold: true, halo: true });
  for (const p of map.parcels) if (p.label) shapes.push({ kind: 'text', at: centred(p.label, 5), text: p.reference, size: 5, color: p.selected ? SELECTED : '#505050', anchor: 'middle', halo: true });
  shapes.push(...vertexMarks(content, P));

  const legend: LegendEntry[] = [
    { swatch: { stroke: SELECTED, width: 0.7 }, label: L.selectedLand },
    { swatch: { stroke: PARCEL_LINE, width: 0.15 }, label: L.parcelBoundary },
  ];
  const codes = new Map<ZoneCategory, Set<string>>();
  for (const z of map.zones) codes.set(z.category, (codes.get(z.category) ?? new Set()).add(z.code));
  for (const [cat, set] of codes) {
    const list = [...set].sort().join(', ');
    legend.push({ swatch: { fill: ZONE_COLOURS[cat], fillOpacity: 0.6, stroke: '#6b6b6b', width: 0.2 }, label: { fr: `${list} — ${CATEGORY[cat].fr}`, ar: `${list} — ${CATEGORY[cat].ar}` } });
  }
  const kinds = new Set<OverlayKind>(map.overlays.map((o) => o.kind));
  for (const kind of kinds) {
    const line = map.overlays.some((o) => o.kind === kind && !o.corridor && linesOf(o.geometry).length > 0);
    legend.push({ swatch: { fill: line ? undefined : OVERLAY_COLOURS[kind], fillOpacity: 0.25, stroke: OVERLAY_COLOURS[kind], width: line ? 0.5 : 0.35, dash: [1.5, 0.8], line }, label: OVERLAY[kind] });
  }
  return { widthMm: map.widthMm, heightMm: map.heightMm, shapes, furniture: furniture(map), legend, scaleText: `1/${num(map.scale)}` };
}

/** Vertex numbers as in the tables of the note, pushed out of the ring; only when few enough to read. */
function vertexMarks(c: NoteContent, P: (p: XY) => XY): Shape[] {
  const outlines = c.land.type === 'parcels' ? c.land.parcels.map((p) => p.rings) : [c.land.rings];
  if (outlines.reduce((n, rs) => n + rs.reduce((a, r) => a + r.length, 0), 0) > 60) return [];
  const out: Shape[] = [];
  for (const rs of outlines) {
    let n = 0;
    for (const [ri, ring] of rs.entries()) {
      const pts = ring.map(P);
      const cx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
      const cy = pts.reduce((a, p) => a + p[1], 0) / pts.length;
      for (const [x, y] of pts) {
        n++;
        const d = Math.hypot(x - cx, y - cy) || 1;
        out.push({ kind: 'dot', at: [x, y], r: 0.45, fill: SELECTED });
        const label = rs.length > 1 ? `${ri + 1}.${n}` : String(n);
        out.push({ kind: 'text', at: [round(x + ((x - cx) / d) * 2.2), round(y + ((y - cy) / d) * 2.2 + 1)], text: label, size: 5.5, color: SELECTED, anchor: 'middle', halo: true });
      }
    }
  }
  return out;
}

/** Scale bar (bottom left) and north arrow (top right), in paper millimetres. */
function furniture(map: NoteMap): Shape[] {
  const metres = scaleBarMetres(map);
  const len = (metres * 1000) / map.scale;
  const [x0, y0] = [5, map.heightMm - 6];
  const out: Shape[] = [{ kind: 'area', rings: [[[x0 - 2, y0 - 6.5], [x0 + len + 14, y0 - 6.5], [x0 + len + 14, y0 + 3.5], [x0 - 2, y0 + 3.5]]], fill: '#ffffff', fillOpacity: 0.85 }];
  for (let i = 0; i < 4; i++) {
    const [a, b] = [x0 + (len * i) / 4, x0 + (len * (i + 1)) / 4];
    out.push({ kind: 'area', rings: [[[a, y0], [b, y0], [b, y0 + 1.4], [a, y0 + 1.4]]], fill: i % 2 ? '#ffffff' : '#202020', fillOpacity: 1, stroke: '#202020', width: 0.2 });
  }
  out.push(
    { kind: 'text', at: [x0, y0 - 1.2], text: '0', size: 6, color: '#202020', anchor: 'middle' },
    { kind: 'text', at: [x0 + len, y0 - 1.2], text: `${num(metres)} m`, size: 6, color: '#202020', anchor: 'middle' },
    { kind: 'text', at: [x0 + len + 3, y0 + 1.6], text: `1/${num(map.scale)}`, size: 6, color: '#202020', anchor: 'start', bold: true },
  );
  // The arrow points to geographic north: grid north turned by the meridian convergence (map-data.ts).
  const [cx, cy, r] = [map.widthMm - 9, 11, 6];
  const a = (map.northDeg * Math.PI) / 180;
  const rot = ([x, y]: XY): XY => [round(cx + x * Math.cos(a) - y * Math.sin(a)), round(cy + x * Math.sin(a) + y * Math.cos(a))];
  out.push(
    { kind: 'area', rings: [[[cx - 5, cy - 9.5], [cx + 5, cy - 9.5], [cx + 5, cy + 7.5], [cx - 5, cy + 7.5]]], fill: '#ffffff', fillOpacity: 0.85 },
    { kind: 'area', rings: [[rot([0, -r]), rot([2.2, r * 0.6]), rot([0, r * 0.2]), rot([-2.2, r * 0.6])]], fill: '#202020', fillOpacity: 1, stroke: '#202020', width: 0.2 },
    { kind: 'text', at: rot([0, -r - 1.2]), text: 'N', size: 8, color: '#202020', anchor: 'middle', bold: true },
  );
  return out;
}

const round = (v: number) => Math.round(v * 100) / 100;
