// Shapefile writer: one shapefile per layer (a shapefile holds one geometry type, so overlays are split
// into areas, lines and points), each with its .prj (ESRI WKT of EPSG:26191) and a .cpg saying UTF-8,
// zipped with a README.txt that carries the title block. The .shp/.shx/.dbf are written by
// @mapbox/shp-write's `write`; its `zip` groups features by geometry type, not by layer, and gives every
// file the WGS 84 .prj, so the files are zipped here with JSZip (the zip library shp-write itself uses).
//
// Two things the libraries leave to the caller (ESRI Shapefile Technical Description, July 1998):
//  * ring order: outer rings clockwise, holes counter-clockwise; extract geometries come counter-clockwise
//    (RFC 7946), so every ring is reversed;
//  * text encoding: the `dbf` package writes one byte per UTF-16 code unit (charCodeAt), which would turn
//    Arabic into garbage; texts are handed to it as their UTF-8 bytes, one character per byte, cut at a
//    character boundary within the 254-byte field, and the .cpg tells readers (QGIS, GDAL) they are UTF-8.
import { write, type OGCGeometry } from '@mapbox/shp-write';
import JSZip from 'jszip';
import type { I18nText, Lang, PlanRef, Regulation } from '../shared/schemas.js';
import { LAMBERT_ESRI_WKT } from '../shared/lambert.js';
import { linesOf, pointsOf, polygonsOf } from './parts.js';
import type { Extract, ExtractFeature, LayerName } from './queries.js';
import { titleLines } from './title.js';

type Value = string | number | boolean | null;
type Row = Record<string, Value>;

/** A DBF text field holds 254 bytes (dBase III, the `dbf` package's field size for strings). */
const FIELD_BYTES = 254;

/** UTF-8 bytes of a text as a "binary string" (one char per byte), cut at a character boundary. */
export function dbfText(s: string | null | undefined): string | null {
  if (s == null) return null;
  let bytes = Buffer.from(s, 'utf8');
  if (bytes.length > FIELD_BYTES) {
    let end = FIELD_BYTES;
    while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // back to the first byte of a character
    bytes = bytes.subarray(0, end);
  }
  return bytes.toString('latin1');
}

const num = (v: unknown): number | null => (v == null || v === '' ? null : Math.round(Number(v) * 1000) / 1000);
const txt = (v: unknown): string | null => dbfText(v == null ? null : String(v));
const fr = (t: unknown) => txt((t as I18nText | null)?.fr);
const ar = (t: unknown) => txt((t as I18nText | null)?.ar);
const plan = (p: unknown): Row => {
  const r = p as PlanRef | null;
  return { plan: txt(r?.code), plan_kind: txt(r?.kind), plan_ver: r?.versionNo ?? null, in_force: r?.inForce ?? null, status: txt(r?.status) };
};

/** DBF columns per layer: names of at most 10 ASCII characters (dBase III), the same for every row. */
const COLUMNS: Record<LayerName, (p: Record<string, unknown>) => Row> = {
  parcel: (p) => ({
    parcel_id: num(p.id), reference: txt(p.reference), source: txt(p.source ?? 'parcel'),
    commune: fr(p.commune), commune_ar: ar(p.commune), area_m2: num(p.areaM2), illustr: (p.illustrative as boolean | undefined) ?? null,
  }),
  neighbours: (p) => ({ parcel_id: num(p.id), reference: txt(p.reference), area_m2: num(p.areaM2), dist_m: num(p.distanceM) }),
  zones: (p) => {
    const r = p.regulation as Regulation | null;
    return {
      zone_id: num(p.zoneId), code: txt(p.code), label_fr: fr(p.label), label_ar: ar(p.label), category: txt(p.category),
      ...plan(p.plan),
      height_m: num(r?.maxHeightM), levels: num(r?.maxLevels), cos: num(r?.cos), ces: num(r?.ces),
      min_lot_m2: num(r?.minLotAreaM2), min_front: num(r?.minFrontageM),
      front_m: num(r?.setbacks.frontM), side_m: num(r?.setbacks.sideM), rear_m: num(r?.setbacks.rearM),
      uses_fr: txt(r?.allowedUses.map((u) => u.fr).join(' ; ')), uses_ar: txt(r?.allowedUses.map((u) => u.ar).join(' ؛ ')),
      forbid_fr: txt(r?.forbiddenUses.map((u) => u.fr).join(' ; ')), forbid_ar: txt(r?.forbiddenUses.map((u) => u.ar).join(' ؛ ')),
      article: txt(r?.articleRef),
    };
  },
  overlays: (p) => ({
    overlay_id: num(p.overlayId), kind: txt(p.kind), code: txt(p.code), label_fr: fr(p.label), label_ar: ar(p.label),
    width_m: num(p.widthM), ...plan(p.plan),
  }),
  roads: (p) => ({
    overlay_id: num(p.overlayId), role: txt(p.role), code: txt(p.code), label_fr: fr(p.label), label_ar: ar(p.label),
    width_m: num(p.widthM), ...plan(p.plan),
  }),
  setbacks: (p) => ({ kind: txt(p.kind), setback_m: num(p.setbackM), piece: num(p.piece), edge: num(p.edge), zone: txt(p.zoneCode), plan: txt(p.plan) }),
};

interface ShapeLayer {
  name: string;
  type: OGCGeometry;
  rows: Row[];
  geometries: unknown[];
}

/** The features of one layer, split by shape type (the file gets a suffix only when a layer needs several). */
function shapeLayers(layer: LayerName, features: ExtractFeature[]): ShapeLayer[] {
  const areas: ShapeLayer = { name: layer, type: 'POLYGON', rows: [], geometries: [] };
  const lines: ShapeLayer = { name: layer, type: 'POLYLINE', rows: [], geometries: [] };
  const points: ShapeLayer = { name: layer, type: 'POINT', rows: [], geometries: [] };
  for (const f of features) {
    const row = COLUMNS[layer](f.properties);
    const polys = polygonsOf(f.geometry);
    if (polys.length) {
      areas.rows.push(row);
      areas.geometries.push(polys.map((rings) => rings.map((ring) => [...ring].reverse())));
    }
    const ls = linesOf(f.geometry);
    if (ls.length) {
      lines.rows.push(row);
      lines.geometries.push(ls);
    }
    for (const p of pointsOf(f.geometry)) {
      points.rows.push(row);
      points.geometries.push(p);
    }
  }
  const used = [areas, lines, points].filter((s) => s.rows.length > 0);
  if (used.length > 1) for (const s of used) s.name = `${layer}_${{ POLYGON: 'area', POLYLINE: 'line', POINT: 'point' }[s.type as string]}`;
  return used;
}

function writeShapes(s: ShapeLayer): Promise<{ shp: DataView; shx: DataView; dbf: DataView }> {
  return new Promise((resolve, reject) => {
    write(s.rows, s.type, s.geometries as object[], (err: unknown, files) => (err ? reject(err as Error) : resolve(files)));
  });
}

const bytes = (v: DataView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

export async function writeShapefile(x: Extract, lang: Lang): Promise<Buffer> {
  if (x.crs !== 'EPSG:26191') throw new Error('a shapefile extract is written in EPSG:26191');
  const zip = new JSZip();
  const names: string[] = [];
  const layers = [...new Set(x.features.map((f) => f.layer))];
  for (const layer of layers) {
    for (const s of shapeLayers(layer, x.features.filter((f) => f.layer === layer))) {
      const files = await writeShapes(s);
      zip.file(`${s.name}.shp`, bytes(files.shp));
      zip.file(`${s.name}.shx`, bytes(files.shx));
      zip.file(`${s.name}.dbf`, bytes(files.dbf));
      zip.file(`${s.name}.prj`, LAMBERT_ESRI_WKT);
      zip.file(`${s.name}.cpg`, 'UTF-8');
      names.push(`${s.name}.shp (${s.rows.length})`);
    }
  }
  zip.file('README.txt', [`${x.baseName}`, '', ...titleLines(x, lang), '', ...names].join('\r\n'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
