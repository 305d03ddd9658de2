// The parcel sheet. Areas are intersections computed on the ellipsoid (geography), so a share is the
// fraction of the parcel's true area inside a zone (ARCHITECTURE.md §6: never degrees or Web Mercator).
import type pg from 'pg';
import type { OverlayHit, PlanRef, Regulation } from '../shared/schemas.js';
import type { Capacity, ParcelSheet, ParcelSummary, ZoningPart } from './schemas.js';

export const PARCEL_SUMMARY_SQL = `
  jsonb_build_object(
    'id', p.id, 'reference', p.reference, 'areaM2', round(p.area_m2::numeric, 2), 'illustrative', p.illustrative,
    'commune', CASE WHEN c.id IS NULL THEN NULL
               ELSE jsonb_build_object('code', c.code, 'name', c.name, 'province', c.province) END)`;

const PARCEL_SQL = `
  SELECT ${PARCEL_SUMMARY_SQL} AS summary,
         ST_AsGeoJSON(p.geom_4326, 7)::jsonb AS geometry,
         ARRAY[ST_X(ST_PointOnSurface(p.geom_4326)), ST_Y(ST_PointOnSurface(p.geom_4326))] AS centroid,
         ARRAY[ST_XMin(p.geom_4326), ST_YMin(p.geom_4326), ST_XMax(p.geom_4326), ST_YMax(p.geom_4326)] AS bbox,
         p.area_m2
  FROM parcels p LEFT JOIN communes c ON c.id = p.commune_id
  WHERE p.id = $1 AND p.valid_from <= $2::date AND (p.valid_to IS NULL OR $2::date < p.valid_to)`;

interface ZoningRow {
  plan: PlanRef;
  zone: ZoningPart['zone'];
  area_m2: number;
  regulation: Regulation | null;
}

export interface LandZoning {
  zoning: ZoningPart[];
  overlays: OverlayHit[];
  capacity: Capacity | null;
}

/**
 * The zoning of any piece of land (zoning_of / overlays_of, migration 0004). `geomSql` is a SQL expression
 * of the land's EPSG:4326 geometry using $1 (bound by the caller with `param`), e.g. the geometry of a
 * parcel by id, or ST_GeomFromGeoJSON($1) for a drawn polygon; $2 is the date.
 */
export async function zoningOfLand(pool: pg.Pool, geomSql: string, param: unknown, at: string, areaM2: number): Promise<LandZoning> {
  const [zoning, overlays] = await Promise.all([
    pool.query<ZoningRow>(`SELECT plan, zone, area_m2, regulation FROM zoning_of((${geomSql}), $2::date)`, [param, at]),
    pool.query<OverlayHit>(
      `SELECT id, kind, code, label, details, width_m AS "widthM", plan, area_m2 AS "areaM2", length_m AS "lengthM"
       FROM overlays_of((${geomSql}), $2::date)`,
      [param, at],
    ),
  ]);
  const parts: ZoningPart[] = zoning.rows.map((z) => ({
    plan: z.plan,
    zone: z.zone,
    areaM2: round(z.area_m2, 2),
    share: round(Math.min(1, z.area_m2 / areaM2), 4),
    regulation: z.regulation,
  }));
  return {
    zoning: parts,
    overlays: overlays.rows.map((o) => ({
      ...o,
      areaM2: o.areaM2 == null ? null : round(o.areaM2, 2),
      lengthM: o.lengthM == null ? null : round(o.lengthM, 2),
    })),
    capacity: capacity(parts, areaM2),
  };
}

export async function parcelSheet(pool: pg.Pool, id: number, at: string, dataVersion: number): Promise<ParcelSheet | null> {
  const parcel = await pool.query(PARCEL_SQL, [id, at]);
  const row = parcel.rows[0];
  if (!row) return null;
  const land = await zoningOfLand(pool, 'SELECT geom_4326 FROM parcels WHERE id = $1', id, at, Number(row.area_m2));
  return {
    at,
    dataVersion,
    parcel: { ...(row.summary as ParcelSummary), geometry: row.geometry, centroid: row.centroid, bbox: row.bbox },
    ...land,
  };
}

/**
 * What may be built: from the most detailed binding plan in force that covers the parcel (restructuring,
 * then development, then growth; an SDAU is not opposable at parcel level). Footprint ≤ Σ area_i × CES_i,
 * floor area ≤ Σ area_i × COS_i over the parts of the parcel in each zone (DOMAIN.md, "Capacity").
 * Null when no such plan is in force: an expired or draft rule is never shown as what may be built.
 */
export function capacity(parts: ZoningPart[], parcelAreaM2: number): Capacity | null {
  const governing = parts.find((p) => p.plan.inForce && p.plan.kind !== 'master');
  if (!governing) return null;
  const mine = parts.filter((p) => p.plan.versionId === governing.plan.versionId);
  const sum = (f: (r: Regulation) => number | null): number | null => {
    let total = 0;
    for (const p of mine) {
      const v = p.regulation ? f(p.regulation) : null;
      if (v == null) return null;
      total += p.areaM2 * v;
    }
    return round(total, 1);
  };
  const maxOf = (f: (r: Regulation) => number | null): number | null => {
    const vals = mine.map((p) => (p.regulation ? f(p.regulation) : null)).filter((v): v is number => v != null);
    return vals.length ? Math.max(...vals) : null;
  };
  const main = mine.reduce((a, b) => (b.areaM2 > a.areaM2 ? b : a));
  const minLot = main.regulation?.minLotAreaM2 ?? null;
  return {
    plan: governing.plan,
    maxFootprintM2: sum((r) => r.ces),
    maxFloorAreaM2: sum((r) => r.cos),
    maxHeightM: maxOf((r) => r.maxHeightM),
    maxLevels: maxOf((r) => r.maxLevels),
    minLotAreaM2: minLot,
    meetsMinLotArea: minLot == null ? null : parcelAreaM2 >= minLot,
  };
}

export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
