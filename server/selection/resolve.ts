// A selection → the land it designates (one EPSG:4326 geometry and its area), checked: parcels that exist,
// a valid polygon, inside the agency territory, not too large. Every refusal is a 400 that says why.
import type pg from 'pg';
import { AppError } from '../errors.js';
import { PARCEL_SUMMARY_SQL } from '../parcels/queries.js';
import type { ParcelSummary } from '../parcels/schemas.js';
import { PARCEL_ID_MAX, SELECTION_LIMITS, type Selection, type SelectionQuery } from './schemas.js';

export interface ResolvedSelection {
  type: Selection['type'];
  /** GeoJSON (EPSG:4326) of the selected land */
  geometry: { type: string; coordinates: unknown };
  areaM2: number;
  bbox: [number, number, number, number];
  parcels: ParcelSummary[];
}

const bad = (reason: string, details?: unknown) => new AppError('invalid_selection', { reason }, details);

function parsePairs(raw: string, what: string): [number, number][] {
  const pairs = raw
    .trim()
    .split(/\s*[,;\n]\s*/)
    .filter(Boolean)
    .map((p) => p.split(/\s+/).map(Number));
  if (pairs.some((p) => p.length !== 2 || !p.every(Number.isFinite))) {
    throw bad(`${what} must be pairs of numbers "x y" separated by commas, e.g. 725000 510000,725050 510000,725050 510040`);
  }
  return pairs as [number, number][];
}

/** The query-string form of a selection (see SelectionQuery), or null when it names none. */
export function selectionFromQuery(q: SelectionQuery): Selection | null {
  const given = [q.parcels, q.references, q.polygon, q.coords].filter((v) => v !== undefined).length;
  if (given === 0) return null;
  if (given > 1) throw bad('give only one of parcels, references, polygon or coords');
  if (q.parcels !== undefined) return { type: 'parcels', ids: q.parcels.split(',').map(Number) };
  if (q.references !== undefined) {
    return { type: 'parcels', references: q.references.split(';').map((r) => r.trim()).filter(Boolean) };
  }
  if (q.polygon !== undefined) {
    const ring = parsePairs(q.polygon, 'polygon');
    return { type: 'polygon', polygon: { type: 'Polygon', coordinates: [closeRing(ring)] } };
  }
  return { type: 'coordinates', crs: q.crs ?? 'EPSG:26191', points: parsePairs(q.coords!, 'coords') };
}

function closeRing(ring: [number, number][]): [number, number][] {
  const [first, last] = [ring[0], ring[ring.length - 1]];
  return first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...ring, first] : ring;
}

const LAND_SQL = (geomSql: string) => `
  WITH land AS (SELECT ST_Multi(ST_CollectionExtract(${geomSql}, 3)) AS g)
  SELECT ST_AsGeoJSON(g, 7)::jsonb AS geometry, ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason,
         COALESCE(ST_Area(g::geography), 0) AS area_m2,
         ARRAY[ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g)] AS bbox,
         EXISTS (SELECT 1 FROM communes c WHERE c.geom_4326 && g AND ST_Intersects(c.geom_4326, g)) AS inside
  FROM land`;

interface LandRow {
  geometry: ResolvedSelection['geometry'];
  valid: boolean;
  reason: string;
  area_m2: number;
  bbox: [number, number, number, number];
  inside: boolean;
}

export async function resolveSelection(pool: pg.Pool, sel: Selection, at: string): Promise<ResolvedSelection> {
  let land: LandRow | undefined;
  let parcels: ParcelSummary[];
  if (sel.type === 'parcels') {
    const ids = sel.ids ?? [];
    const refs = (sel.references ?? []).map((r) => r.replace(/\s+/g, '').toUpperCase());
    if (ids.length + refs.length === 0) throw bad('name at least one parcel by id or reference');
    // The query string's ids are not checked by the schema (SelectionQuery holds them as text).
    const wild = ids.find((id) => !Number.isSafeInteger(id) || id < 1 || id > PARCEL_ID_MAX);
    if (wild !== undefined) throw bad(`parcel ids are whole numbers from 1 to ${PARCEL_ID_MAX}, not ${wild}`);
    if (ids.length + refs.length > SELECTION_LIMITS.parcels) throw new AppError('selection_too_large', { limit: `${SELECTION_LIMITS.parcels} parcels` });
    const found = await pool.query<{ id: number; ref: string; summary: ParcelSummary }>(
      `SELECT p.id, p.reference_norm AS ref, ${PARCEL_SUMMARY_SQL} AS summary
       FROM parcels p LEFT JOIN communes c ON c.id = p.commune_id
       WHERE (p.id = ANY($1::bigint[]) OR p.reference_norm = ANY($2::text[]))
         AND p.valid_from <= $3::date AND (p.valid_to IS NULL OR $3::date < p.valid_to)
       ORDER BY p.reference_norm`,
      [ids, refs, at],
    );
    const missingIds = ids.filter((id) => !found.rows.some((r) => r.id === id));
    const missingRefs = (sel.references ?? []).filter((r) => !found.rows.some((f) => f.ref === r.replace(/\s+/g, '').toUpperCase()));
    if (missingIds.length || missingRefs.length) {
      throw bad(`no current parcel with ${[...missingIds.map((i) => `id ${i}`), ...missingRefs].join(', ')}`, { missingIds, missingReferences: missingRefs });
    }
    parcels = found.rows.map((r) => r.summary);
    land = (await pool.query<LandRow>(LAND_SQL('(SELECT ST_Union(geom_4326) FROM parcels WHERE id = ANY($1::bigint[]))'), [found.rows.map((r) => r.id)])).rows[0];
  } else {
    const ring = sel.type === 'polygon' ? sel.polygon.coordinates[0]! : closeRing(sel.points);
    if (ring.length < 4) throw bad('a polygon needs at least three distinct vertices');
    const crs = sel.type === 'polygon' ? 'EPSG:4326' : sel.crs;
    checkRange(ring, crs);
    const geojson = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
    const geomSql = crs === 'EPSG:26191'
      ? 'from_26191(ST_SetSRID(ST_GeomFromGeoJSON($1), 26191))'
      : 'ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)';
    land = (await pool.query<LandRow>(LAND_SQL(geomSql), [geojson])).rows[0];
    if (land && !land.valid) throw bad(`the polygon is not valid (${land.reason}): check the order of the vertices and that its sides do not cross`);
    parcels = [];
  }
  if (!land || land.area_m2 <= 0) throw bad('the selection has no area');
  if (!land.inside) throw new AppError('selection_outside_territory');
  if (land.area_m2 > SELECTION_LIMITS.areaM2) {
    throw new AppError('selection_too_large', { limit: `${SELECTION_LIMITS.areaM2 / 10_000} ha` }, { areaM2: Math.round(land.area_m2) });
  }
  if (sel.type !== 'parcels') {
    const touched = await pool.query<{ summary: ParcelSummary }>(
      `SELECT ${PARCEL_SUMMARY_SQL} AS summary FROM parcels p LEFT JOIN communes c ON c.id = p.commune_id
       WHERE p.geom_4326 && ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AND ST_Intersects(p.geom_4326, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))
         AND p.valid_from <= $2::date AND (p.valid_to IS NULL OR $2::date < p.valid_to)
       ORDER BY p.reference_norm LIMIT 500`,
      [JSON.stringify(land.geometry), at],
    );
    parcels = touched.rows.map((r) => r.summary);
  }
  return { type: sel.type, geometry: land.geometry, areaM2: land.area_m2, bbox: land.bbox, parcels };
}

/**
 * Coordinates outside the range of their CRS are almost always the other CRS or swapped axes: say so.
 * Lambert Nord Maroc covers northern Morocco with x about 0–1 200 000 and y about 0–700 000 m (false
 * origin 500 000 / 300 000 at 33°18'N, 5°24'W).
 */
function checkRange(ring: [number, number][], crs: 'EPSG:4326' | 'EPSG:26191'): void {
  const ok = crs === 'EPSG:4326'
    ? ring.every(([x, y]) => x >= -180 && x <= 180 && y >= -90 && y <= 90)
    : ring.every(([x, y]) => x >= 0 && x <= 1_200_000 && y >= 0 && y <= 700_000);
  if (!ok) {
    throw bad(crs === 'EPSG:4326'
      ? 'coordinates are out of range for EPSG:4326 (lon −180…180, lat −90…90); Lambert coordinates need crs EPSG:26191'
      : 'coordinates are out of range for EPSG:26191 (x 0…1 200 000, y 0…700 000 m); longitude/latitude need crs EPSG:4326');
  }
}
