// The data of the note's map, read once at issue and recorded with the note (so the map a holder sees
// later is the map that was issued). Drawn in Lambert Nord Maroc (EPSG:26191), the projection of the
// agency's plans and of surveyors (DOMAIN.md, "Coordinates"), at a standard scale chosen to fit the land:
// plans d'aménagement are drawn at 1/2000 (DOMAIN.md), parcels read best at 1/500–1/1000.
import type pg from 'pg';
import type { NoteMap } from './schemas.js';

/** Printed size of the map frame: the width of the A4 text block (210 − 2 × 12 mm), a landscape ratio. */
export const MAP_FRAME_MM = { width: 186, height: 118 } as const;
export const SCALES = [500, 1000, 2000, 2500, 5000, 10000, 25000, 50000] as const;

/** The largest scale (smallest denominator) at which the land and a margin around it fit in the frame. */
export function chooseScale(widthM: number, heightM: number): number {
  // A margin of a tenth of the land on each side (at least 10 m); the frame's other side shows more.
  const margin = Math.max(10, 0.1 * Math.max(widthM, heightM));
  for (const s of SCALES) {
    if (widthM + 2 * margin <= (MAP_FRAME_MM.width * s) / 1000 && heightM + 2 * margin <= (MAP_FRAME_MM.height * s) / 1000) return s;
  }
  return SCALES[SCALES.length - 1];
}

interface Extent {
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
  north: number;
  land: NoteMap['land'];
}

const EXTENT_SQL = `
  WITH l AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g),
       c AS (SELECT ST_PointOnSurface(g) AS p, to_26191(g) AS g26 FROM l)
  SELECT ST_XMin(g26) AS minx, ST_YMin(g26) AS miny, ST_XMax(g26) AS maxx, ST_YMax(g26) AS maxy,
         -- geographic north in the grid: the bearing of a point 0.001° further north (meridian convergence)
         degrees(ST_Azimuth(to_26191(p), to_26191(ST_Translate(p, 0, 0.001)))) AS north,
         ST_AsGeoJSON(g26, 2)::jsonb AS land
  FROM c`;

// $1..$4 the frame in EPSG:26191; the same frame in EPSG:4326 (slightly enlarged: its edges are not
// straight lines in degrees) serves the spatial index; features are clipped there first, then exactly.
const FRAME_CTE = `
  f AS (SELECT ST_MakeEnvelope($1, $2, $3, $4, 26191) AS env26,
               ST_Expand(from_26191(ST_MakeEnvelope($1, $2, $3, $4, 26191)), 0.0005) AS env)`;

// Intersection first in EPSG:4326 with the enlarged frame (ST_ClipByBox2D may return invalid polygons),
// then exactly with the frame in Lambert.
const clip = (geom: string) => `ST_CollectionExtract(ST_Intersection(to_26191(ST_Intersection(${geom}, f.env)), f.env26), 3)`;

/** Label points: one per part large enough on paper to hold a label ($5: the least area in m²). */
const LABELS = (g: string) => `
  (SELECT COALESCE(jsonb_agg(jsonb_build_array(round(ST_X(pt)::numeric, 1), round(ST_Y(pt)::numeric, 1))), '[]'::jsonb)
   FROM (SELECT ST_PointOnSurface(d.geom) AS pt FROM ST_Dump(${g}) d WHERE ST_Area(d.geom) >= $5) s)`;

const ZONES_SQL = `
  WITH ${FRAME_CTE}
  SELECT p.code AS "planCode", z.code, z.category, ST_AsGeoJSON(c.g, 1)::jsonb AS geometry, ${LABELS('c.g')} AS labels
  FROM f, zones z
  JOIN plan_versions v ON v.id = z.version_id JOIN plans p ON p.id = v.plan_id
  CROSS JOIN LATERAL (SELECT ${clip('z.geom_4326')} AS g) c
  WHERE z.version_id = ANY($6::int[]) AND z.geom_4326 && f.env AND NOT ST_IsEmpty(c.g)
  ORDER BY array_position($6::int[], z.version_id) DESC, z.id`;

const PARCELS_SQL = `
  WITH ${FRAME_CTE}
  SELECT p.reference, p.id = ANY($6::bigint[]) AS selected, ST_AsGeoJSON(c.g, 1)::jsonb AS geometry,
         (SELECT jsonb_build_array(round(ST_X(pt)::numeric, 1), round(ST_Y(pt)::numeric, 1))
          FROM (SELECT ST_PointOnSurface(c.g) AS pt) s WHERE ST_Area(c.g) >= $5) AS label
  FROM f, parcels p
  CROSS JOIN LATERAL (SELECT ${clip('p.geom_4326')} AS g) c
  WHERE p.geom_4326 && f.env AND p.valid_from <= $7::date AND (p.valid_to IS NULL OR $7::date < p.valid_to)
    AND NOT ST_IsEmpty(c.g)
  ORDER BY p.id LIMIT 3000`;

// Lines with a width (planned roads, servitude strips) are also drawn as the corridor they take, in
// Lambert metres: the alignment is what the land loses (law 12-90, art. 19 and 28).
const OVERLAYS_SQL = `
  WITH ${FRAME_CTE}
  SELECT o.kind, o.code, ST_AsGeoJSON(c.g, 1)::jsonb AS geometry,
         CASE WHEN o.width_m IS NOT NULL AND GeometryType(o.geom_4326) IN ('LINESTRING', 'MULTILINESTRING') THEN
           ST_AsGeoJSON(ST_Intersection(ST_Buffer(to_26191(ST_Intersection(o.geom_4326, ST_Expand(f.env, 0.002))),
                                                  o.width_m / 2, 'endcap=flat join=round'), f.env26), 1)::jsonb END AS corridor
  FROM f, overlays o
  CROSS JOIN LATERAL (SELECT ST_Intersection(to_26191(ST_Intersection(o.geom_4326, f.env)), f.env26) AS g) c
  WHERE o.version_id = ANY($5::int[]) AND o.geom_4326 && ST_Expand(f.env, 0.002) AND NOT ST_IsEmpty(c.g)
  ORDER BY array_position($5::int[], o.version_id) DESC, o.id`;

export interface MapInput {
  /** the land, GeoJSON EPSG:4326 */
  land: unknown;
  at: string;
  selectedParcelIds: number[];
  /** versions whose zones are drawn, the governing one first (drawn last, on top) */
  zoneVersionIds: number[];
  zonePlans: NoteMap['zonePlans'];
  overlayVersionIds: number[];
}

export async function mapData(pool: pg.Pool, input: MapInput): Promise<NoteMap> {
  const e = (await pool.query<Extent>(EXTENT_SQL, [JSON.stringify(input.land)])).rows[0]!;
  const scale = chooseScale(e.maxx - e.minx, e.maxy - e.miny);
  const [w, h] = [(MAP_FRAME_MM.width * scale) / 1000, (MAP_FRAME_MM.height * scale) / 1000];
  const [cx, cy] = [(e.minx + e.maxx) / 2, (e.miny + e.maxy) / 2];
  const frame: [number, number, number, number] = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2].map((v) => Math.round(v * 10) / 10) as [number, number, number, number];
  const m2 = (mm2: number) => (mm2 * scale * scale) / 1e6; // paper mm² → ground m²
  const [zones, parcels, overlays] = await Promise.all([
    pool.query(ZONES_SQL, [...frame, m2(12 * 6), input.zoneVersionIds]),
    pool.query(PARCELS_SQL, [...frame, m2(22 * 9), input.selectedParcelIds, input.at]),
    pool.query(OVERLAYS_SQL, [...frame, input.overlayVersionIds]),
  ]);
  return {
    scale,
    frame,
    widthMm: MAP_FRAME_MM.width,
    heightMm: MAP_FRAME_MM.height,
    northDeg: Math.round((e.north > 180 ? e.north - 360 : e.north) * 100) / 100,
    zonePlans: input.zonePlans,
    zones: zones.rows,
    overlays: overlays.rows,
    parcels: parcels.rows,
    land: e.land,
  };
}
