// An extract: the layers around a selected piece of land, in one CRS, ready for a writer (GeoJSON, DXF,
// shapefile). Geometry comes from extract_layers() (migration 0006); the selection is first checked by
// resolveSelection, so an extract refuses exactly what the selection sheet refuses.
import type pg from 'pg';
import type { ParcelSummary } from '../parcels/schemas.js';
import { resolveSelection } from '../selection/resolve.js';
import type { Selection } from '../selection/schemas.js';
import type { PlanRef, Regulation, ZoneRef } from '../shared/schemas.js';
import type { OutputCrs } from './schemas.js';

export const LAYERS = ['parcel', 'neighbours', 'zones', 'overlays', 'roads', 'setbacks'] as const;
export type LayerName = (typeof LAYERS)[number];

/** A GeoJSON geometry in the extract's CRS (polygons with counter-clockwise outer rings). */
export interface Geometry {
  type: 'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

export interface ExtractFeature {
  layer: LayerName;
  properties: Record<string, unknown>;
  geometry: Geometry;
  /** a point inside the feature, to write its name on */
  label: [number, number] | null;
}

/** The zone whose setbacks are drawn: the largest share of the land in the governing plan (migration 0006). */
export interface SetbackRule {
  plan: PlanRef;
  zone: ZoneRef;
  share: number;
  regulation: Regulation | null;
}

export interface Extract {
  at: string;
  dataVersion: number;
  crs: OutputCrs;
  selection: { type: Selection['type']; areaM2: number; parcels: ParcelSummary[] };
  /** the selected land as one geometry (the union of the parcels, or the polygon) */
  land: Geometry;
  illustrative: boolean;
  rule: SetbackRule | null;
  /** true when setbacks were computed (parcel selections): a drawn outline's sides cannot be classified */
  setbacksApply: boolean;
  features: ExtractFeature[];
  /** file name without extension, e.g. TF-1234-11_extract_EPSG26191 */
  baseName: string;
}

/** Millimetres in Lambert, about a millimetre (1e-8°) in degrees. */
const DIGITS: Record<OutputCrs, number> = { 'EPSG:26191': 3, 'EPSG:4326': 8 };
const SRID: Record<OutputCrs, number> = { 'EPSG:26191': 26191, 'EPSG:4326': 4326 };

/**
 * The land of a selection in both CRS, each exact in its own: typed Lambert coordinates stay as typed in
 * the Lambert layers and are transformed for the 4326 ones, and the reverse for everything else. $1 is
 * the selection's parameter (parcel ids or a GeoJSON polygon).
 */
function landSql(sel: Selection, ids: number[]): { sql: string; param: unknown } {
  if (sel.type === 'parcels') {
    return {
      sql: `SELECT g AS g4, to_26191(g) AS g26 FROM (SELECT ST_Union(geom_4326) AS g FROM parcels WHERE id = ANY($1::bigint[])) t`,
      param: ids,
    };
  }
  const ring = sel.type === 'polygon' ? sel.polygon.coordinates[0]! : closeRing(sel.points);
  const param = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
  if (sel.type === 'coordinates' && sel.crs === 'EPSG:26191') {
    return { sql: `SELECT from_26191(g) AS g4, g AS g26 FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 26191) AS g) t`, param };
  }
  return { sql: `SELECT g AS g4, to_26191(g) AS g26 FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) t`, param };
}

function closeRing(ring: [number, number][]): [number, number][] {
  const [first, last] = [ring[0], ring[ring.length - 1]];
  return first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...ring, first] : ring;
}

interface LayerRow {
  layer: LayerName;
  props: Record<string, unknown>;
  geometry: Geometry;
  label: [number, number] | null;
}

export async function buildExtract(pool: pg.Pool, sel: Selection, at: string, crs: OutputCrs, dataVersion: number): Promise<Extract> {
  const resolved = await resolveSelection(pool, sel, at);
  const ids = resolved.parcels.map((p) => p.id);
  const land = landSql(sel, sel.type === 'parcels' ? ids : []);
  const selected = sel.type === 'parcels' ? ids : [];
  const [layers, meta] = await Promise.all([
    pool.query<LayerRow>(
      `WITH land AS (${land.sql})
       SELECT e.layer, e.props, ST_AsGeoJSON(e.geom, $5, 0)::jsonb AS geometry,
              CASE WHEN e.label IS NULL THEN NULL ELSE ARRAY[round(ST_X(e.label)::numeric, $5), round(ST_Y(e.label)::numeric, $5)]::float8[] END AS label
       FROM land, extract_layers(land.g4, land.g26, $2::bigint[], $3::date, $4) e`,
      [land.param, selected, at, SRID[crs], DIGITS[crs]],
    ),
    pool.query<{ land: Geometry; rule: SetbackRule | null }>(
      `WITH land AS (${land.sql})
       SELECT ST_AsGeoJSON(extract_out(CASE WHEN $3 = 26191 THEN land.g26 ELSE land.g4 END, $3), $4, 0)::jsonb AS land,
              (SELECT jsonb_build_object('plan', g.plan, 'zone', g.zone, 'share', round(g.share::numeric, 4), 'regulation', g.regulation)
               FROM governing_zone(land.g4, $2::date) g) AS rule
       FROM land`,
      [land.param, at, SRID[crs], DIGITS[crs]],
    ),
  ]);
  const features = layers.rows.map((r) => ({ layer: r.layer, properties: r.props, geometry: r.geometry, label: r.label }));
  const rule = meta.rows[0]?.rule ?? null;
  const illustrative =
    resolved.parcels.some((p) => p.illustrative) ||
    (rule?.plan.illustrative ?? false) ||
    features.some((f) => (f.properties.plan as PlanRef | undefined)?.illustrative === true);
  return {
    at,
    dataVersion,
    crs,
    selection: { type: sel.type, areaM2: Math.round(resolved.areaM2 * 100) / 100, parcels: resolved.parcels },
    land: meta.rows[0]!.land,
    illustrative,
    rule,
    setbacksApply: sel.type === 'parcels',
    features,
    baseName: `${baseOf(sel.type, resolved.parcels)}_extract_${crs.replace(':', '')}`,
  };
}

/** "TF 1234/11" → "TF-1234-11"; three references at most in a file name, then how many more. */
function baseOf(type: Selection['type'], parcels: ParcelSummary[]): string {
  if (type !== 'parcels') return type === 'polygon' ? 'polygon' : 'coordinates';
  const refs = parcels.map((p) => p.reference.trim().replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, ''));
  return refs.length <= 3 ? refs.join('_') : `${refs.slice(0, 3).join('_')}_and-${refs.length - 3}-more`;
}

/** Whether a parcel exists at the date (a 404 for the parcel route, as for the parcel sheet). */
export async function parcelExists(pool: pg.Pool, id: number, at: string): Promise<boolean> {
  const r = await pool.query(
    'SELECT 1 FROM parcels WHERE id = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR $2::date < valid_to)',
    [id, at],
  );
  return (r.rowCount ?? 0) > 0;
}
