// Identify: what is at a point — the parcel (or none) and the zoning of every plan answering at the date,
// also where there is no parcel.
import type pg from 'pg';
import { PARCEL_SUMMARY_SQL } from '../parcels/queries.js';
import type { ParcelSummary } from '../parcels/schemas.js';
import type { IdentifyResult, ZoneAtPoint } from './schemas.js';

const PARCEL_AT_POINT_SQL = `
  SELECT ${PARCEL_SUMMARY_SQL} AS summary
  FROM parcels p LEFT JOIN communes c ON c.id = p.commune_id
  WHERE p.geom_4326 && ST_SetSRID(ST_MakePoint($1, $2), 4326)
    AND ST_Intersects(p.geom_4326, ST_SetSRID(ST_MakePoint($1, $2), 4326))
    AND p.valid_from <= $3::date AND (p.valid_to IS NULL OR $3::date < p.valid_to)
  ORDER BY p.area_m2 LIMIT 1`;

const ZONES_AT_POINT_SQL = `
  SELECT pr.ref AS plan, jsonb_build_object('id', z.id, 'code', z.code, 'label', z.label, 'category', z.category) AS zone,
         regulation_json(r) AS regulation
  FROM zones z
  JOIN plan_refs_at($3::date) pr ON pr.version_id = z.version_id
  LEFT JOIN regulations r ON r.version_id = z.version_id AND r.zone_code = z.code
  WHERE z.geom_4326 && ST_SetSRID(ST_MakePoint($1, $2), 4326)
    AND ST_Intersects(z.geom_4326, ST_SetSRID(ST_MakePoint($1, $2), 4326))
  ORDER BY pr.in_force DESC, pr.kind_rank, pr.plan_id, z.id`;

// Surfaces containing the point; lines within half their width (or 5 m when they have none); points
// within 10 m — what a finger or a mouse click can mean on a line or a point.
const OVERLAYS_AT_POINT_SQL = `
  WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS g)
  SELECT o.id, o.kind, o.code, o.label, o.details, o.width_m AS "widthM", pr.ref AS plan
  FROM pt
  JOIN overlays o ON o.geom_4326 && ST_Expand(pt.g, 0.001)
  JOIN plan_refs_at($3::date) pr ON pr.version_id = o.version_id
  WHERE CASE GeometryType(o.geom_4326)
          WHEN 'POLYGON' THEN ST_Intersects(o.geom_4326, pt.g)
          WHEN 'MULTIPOLYGON' THEN ST_Intersects(o.geom_4326, pt.g)
          WHEN 'POINT' THEN ST_DWithin(o.geom_4326::geography, pt.g::geography, 10)
          WHEN 'MULTIPOINT' THEN ST_DWithin(o.geom_4326::geography, pt.g::geography, 10)
          ELSE ST_DWithin(o.geom_4326::geography, pt.g::geography, COALESCE(o.width_m / 2, 5))
        END
  ORDER BY pr.in_force DESC, pr.kind_rank, o.kind, o.id`;

export async function identify(
  pool: pg.Pool,
  lon: number,
  lat: number,
  at: string,
  dataVersion: number,
): Promise<IdentifyResult> {
  const args = [lon, lat, at];
  const [parcel, zones, overlays] = await Promise.all([
    pool.query<{ summary: ParcelSummary }>(PARCEL_AT_POINT_SQL, args),
    pool.query<ZoneAtPoint>(ZONES_AT_POINT_SQL, args),
    pool.query<IdentifyResult['overlays'][number]>(OVERLAYS_AT_POINT_SQL, args),
  ]);
  return {
    at,
    dataVersion,
    point: { lon, lat },
    parcel: parcel.rows[0]?.summary ?? null,
    zoning: zones.rows,
    overlays: overlays.rows,
  };
}
