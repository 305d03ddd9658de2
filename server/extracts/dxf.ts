// DXF writer (with @tarikjabiri/dxf): the plan an architect starts from, in EPSG:26191 metres.
// The library writes AutoCAD 2007 ASCII DXF ($ACADVER AC1021); $INSUNITS = 6 says the drawing unit is the
// metre. A 2007+ DXF may hold UTF-8, but readers that go by $DWGCODEPAGE (GDAL 3.6, hence QGIS, assumes
// Latin-1) garble it, so texts are written in ASCII with every other character as a \U+nnnn escape, the
// form every DXF version defines ("latéral" is written "lat\U+00E9ral"). CAD programs show the character;
// GDAL 3.6 decodes the escape only in MTEXT and shows it verbatim in TEXT, which is still readable. GIS
// users have the GeoJSON and shapefile extracts, in UTF-8.
//
// Layers: PARCEL (each selected parcel, or the drawn outline, as closed LWPOLYLINEs), NEIGHBOURS (parcels
// within 30 m, with their references), ZONES (zones of the binding plans in force, with their codes),
// SETBACKS (lines from the governing zone's rules, see migration 0006), OVERLAYS (prescriptions and
// servitudes; planned roads are drawn on ROADS instead), ROADS (planned road alignments: centre line in
// dash-dot and both edges at ± width/2), TEXT (vertex numbers, side lengths, the Lambert coordinates table
// and the parcels' references) and TITLE (the title block, title.ts). An SDAU's zones are not drawn: it is
// not opposable at parcel level and its large zones would only outline the drawing's frame; plans not in
// force are not drawn either, so a CAD user never takes an outdated rule for the rule. Both are in the
// GeoJSON and shapefile extracts, with their status.
import { DxfWriter, LWPolylineFlags, TextHorizontalAlignment, TextVerticalAlignment, Units, point3d } from '@tarikjabiri/dxf';
import type { I18nText, Lang, PlanRef } from '../shared/schemas.js';
import { bboxOf, linesOf, openRing, pointsOf, polygonsOf, type Position } from './parts.js';
import type { Extract, ExtractFeature } from './queries.js';
import { titleLines } from './title.js';

/** Layer names and their AutoCAD Color Index (1 red, 3 green, 5 blue, 6 magenta, 7 black/white, 8 grey, 30 orange). */
export const DXF_LAYERS = { PARCEL: 1, NEIGHBOURS: 8, ZONES: 5, SETBACKS: 6, OVERLAYS: 3, ROADS: 30, TEXT: 7, TITLE: 7 } as const;
type DxfLayer = keyof typeof DXF_LAYERS;

const KIND = {
  fr: { front: 'recul avant', side: 'recul latéral', rear: 'recul de fond' },
  en: { front: 'front setback', side: 'side setback', rear: 'rear setback' },
} as const;

/** Positions are written to the millimetre and angles to 1e-4°, so no number is written as 1e-15. */
const mm = (v: number) => Math.round(v * 1000) / 1000;

export function writeDxf(x: Extract, lang: Lang): Buffer {
  if (x.crs !== 'EPSG:26191') throw new Error('a DXF extract is drawn in EPSG:26191');
  const l = lang === 'en' ? 'en' : 'fr';
  const pick = (t: I18nText | null | undefined) => (t ? (l === 'en' ? t.en ?? t.fr : t.fr) : '');
  const dxf = new DxfWriter();
  dxf.setUnits(Units.Meters);
  dxf.setVariable('$MEASUREMENT', { 70: 1 }); // metric
  dxf.addLType('AXIS', '____ _ ____ _', [4, -1, 0.5, -1]);
  for (const [name, color] of Object.entries(DXF_LAYERS)) dxf.addLayer(name, color, 'Continuous');

  const land = bboxOf(x.land.coordinates);
  // Text height from the size of the land: about 1/60 of its diagonal, so a 20 × 30 m lot gets 0.6 m.
  const h = Math.min(5, Math.max(0.2, Math.round((Math.hypot(land[2] - land[0], land[3] - land[1]) / 60) * 20) / 20));
  const on = (layer: DxfLayer) => dxf.setCurrentLayerName(layer);
  const polyline = (pts: Position[], closed: boolean, lineType?: string) =>
    dxf.addLWPolyline(pts.map(([px, py]) => ({ point: { x: mm(px), y: mm(py) } })), {
      flags: closed ? LWPolylineFlags.Closed : LWPolylineFlags.None,
      ...(lineType ? { lineType } : {}),
    });
  const text = (at: Position, height: number, value: string, rotation = 0, centred = true) => {
    const p = point3d(mm(at[0]), mm(at[1]));
    dxf.addText(p, height, dxfText(value), {
      rotation: Math.round(rotation * 1e4) / 1e4,
      ...(centred
        ? { horizontalAlignment: TextHorizontalAlignment.Center, verticalAlignment: TextVerticalAlignment.Middle, secondAlignmentPoint: p }
        : {}),
    });
  };
  const draw = (f: ExtractFeature, lineType?: string) => {
    for (const poly of polygonsOf(f.geometry)) for (const ring of poly) polyline(openRing(ring), true, lineType);
    for (const line of linesOf(f.geometry)) polyline(line, false, lineType);
    for (const [px, py] of pointsOf(f.geometry)) dxf.addCircle(point3d(mm(px), mm(py)), h / 2);
  };
  const of = (layer: ExtractFeature['layer']) => x.features.filter((f) => f.layer === layer);

  on('PARCEL');
  for (const f of of('parcel')) draw(f);

  on('NEIGHBOURS');
  for (const f of of('neighbours')) {
    draw(f);
    if (f.label) text(f.label, h * 0.7, String(f.properties.reference ?? ''));
  }

  on('ZONES');
  const binding = of('zones').filter((f) => {
    const plan = f.properties.plan as PlanRef;
    return plan.inForce && plan.kind !== 'master';
  });
  const severalPlans = new Set(binding.map((f) => (f.properties.plan as PlanRef).versionId)).size > 1;
  for (const f of binding) {
    draw(f);
    const code = String(f.properties.code);
    if (f.label) text(f.label, h * 1.5, severalPlans ? `${code} (${(f.properties.plan as PlanRef).code})` : code);
  }

  on('OVERLAYS');
  for (const f of of('overlays').filter((o) => o.properties.kind !== 'planned_road')) {
    draw(f);
    const code = f.properties.code ? `${String(f.properties.code)} ` : '';
    if (f.label) text(f.label, h * 0.8, `${code}${pick(f.properties.label as I18nText)}`);
  }

  on('ROADS');
  for (const f of of('roads')) {
    const centre = f.properties.role === 'centre';
    draw(f, centre ? 'AXIS' : undefined);
    if (centre && f.label) text(f.label, h * 0.8, pick(f.properties.label as I18nText));
  }

  on('SETBACKS');
  for (const f of of('setbacks')) {
    draw(f);
    const line = linesOf(f.geometry)[0];
    if (!line || line.length < 2) continue;
    const [a, b] = [line[0]!, line[line.length - 1]!];
    const kind = KIND[l][f.properties.kind as keyof (typeof KIND)['fr']] ?? String(f.properties.kind);
    text([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], h * 0.6, `${kind} ${String(f.properties.setbackM)} m`, readable(a, b));
  }

  on('TEXT');
  for (const f of of('parcel')) if (f.label && f.properties.reference) text(f.label, h * 1.2, String(f.properties.reference));
  const vertices = labelLand(x, h, text);

  // Title block and coordinates table, to the right of everything drawn.
  const all = bboxOf(x.features.map((f) => f.geometry.coordinates), bboxOf(x.land.coordinates));
  const x0 = all[2] + 4 * h;
  let y = all[3];
  const row = (value: string, height = h) => {
    text([x0, y], height, value, 0, false);
    y -= 1.7 * h;
  };
  on('TITLE');
  row(l === 'fr' ? 'TASMIM — extrait de plan (Lambert Nord Maroc)' : 'TASMIM — plan extract (Lambert Nord Maroc)', h * 1.4);
  for (const line of titleLines(x, lang)) row(line);
  y -= 1.7 * h;
  on('TEXT');
  row(l === 'fr' ? 'Coordonnées Lambert des sommets (EPSG:26191, m)' : 'Lambert coordinates of the vertices (EPSG:26191, m)');
  for (const [n, [vx, vy]] of vertices.entries()) row(`S${n + 1}   X = ${vx.toFixed(2)}   Y = ${vy.toFixed(2)}`);

  dxf.setVariable('$EXTMIN', { 10: mm(all[0]), 20: mm(Math.min(all[1], y)), 30: 0 });
  // the title's longest lines have about 120 characters, each about 0.9 h wide in the STANDARD style
  dxf.setVariable('$EXTMAX', { 10: mm(x0 + 120 * h * 0.9), 20: mm(all[3] + 2 * h), 30: 0 });
  return Buffer.from(dxf.stringify(), 'utf8');
}

/**
 * ASCII text with \U+nnnn for each UTF-16 unit outside printable ASCII, and for the backslash itself, which
 * starts DXF control codes (no control character ever reaches a DXF value).
 */
export function dxfText(s: string): string {
  return s.replace(/[^\x20-\x5b\x5d-\x7e]/g, (c) => `\\U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** The angle of a→b in degrees, turned by 180° if needed so that a text along it reads left to right. */
function readable(a: Position, b: Position): number {
  let deg = (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
  if (deg > 90) deg -= 180;
  if (deg <= -90) deg += 180;
  return deg;
}

/**
 * Numbers the vertices of the selected land (S1, S2… along each counter-clockwise outer ring, then its
 * holes) and writes each side's length outside it. The land's rings run with the outside on their right,
 * outer rings counter-clockwise and holes clockwise. Returns the vertices, in order, for the table.
 */
function labelLand(x: Extract, h: number, text: (at: Position, height: number, value: string, rotation?: number) => void): Position[] {
  const out: Position[] = [];
  for (const poly of polygonsOf(x.land)) {
    for (const closed of poly) {
      const ring = openRing(closed);
      const n = ring.length;
      for (let i = 0; i < n; i++) {
        const [prev, p, next] = [ring[(i - 1 + n) % n]!, ring[i]!, ring[(i + 1) % n]!];
        const [n1, n2] = [rightNormal(prev, p), rightNormal(p, next)];
        const bis = unit([n1[0] + n2[0], n1[1] + n2[1]]) ?? n2;
        out.push(p);
        text([p[0] + bis[0] * h, p[1] + bis[1] * h], h * 0.8, `S${out.length}`);
        const len = Math.hypot(next[0] - p[0], next[1] - p[1]);
        const mid: Position = [(p[0] + next[0]) / 2 + n2[0] * h * 0.7, (p[1] + next[1]) / 2 + n2[1] * h * 0.7];
        text(mid, h * 0.7, `${len.toFixed(2)} m`, readable(p, next));
      }
    }
  }
  return out;
}

function rightNormal(a: Position, b: Position): Position {
  return unit([b[1] - a[1], a[0] - b[0]]) ?? [0, 0];
}

function unit([vx, vy]: Position): Position | null {
  const len = Math.hypot(vx, vy);
  return len > 1e-9 ? [vx / len, vy / len] : null;
}
