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
// straight lines in degrees) serves the spatial index. MATERIALIZED: computed once, not per row.
const FRAME_CTE = `
  f AS MATERIALIZED (SELECT ST_MakeEnvelope($1, $2, $3, $4, 26191) AS env26,
                            ST_Expand(from_26191(ST_MakeEnvelope($1, $2, $3, $4, 26191)), 0.0005) AS env)`;

/**
 * Features are clipped in EPSG:4326 (with ST_Intersection: ST_ClipByBox2D may return invalid polygons),
 * then projected to Lambert all at once: to_26191 builds its PROJ pipeline from a text definition on every
 * call (about 4 ms), so one call on a collection of every feature (ST_GeometryN picks each back) instead
 * of one per feature. `src` must give `ord` (drawing order) and `g4` (the clipped geometry, EPSG:4326).
 */
const LAMBERT = (src: string) => `
  src AS (${src}),
  kept AS (SELECT row_number() OVER (ORDER BY ord)::int AS i, * FROM src WHERE NOT ST_IsEmpty(g4)),
  lam AS (SELECT to_26191(ST_Collect(g4 ORDER BY i)) AS gc FROM kept),
  feat AS (SELECT kept.*, ST_GeometryN(lam.gc, kept.i) AS g26 FROM kept, lam)`;

const polygonsIn = (g: string) => `ST_CollectionExtract(ST_Intersection(${g}, f.env26), 3)`;

/** Label points: one per part large enough on paper to hold a label ($5: the least area in m²). */
const LABELS = (g: string) => `
  (SELECT COALESCE(jsonb_agg(jsonb_build_array(round(ST_X(pt)::numeric, 1), round(ST_Y(pt)::numeric, 1))), '[]'::jsonb)
   FROM (SELECT ST_PointOnSurface(d.geom) AS pt FROM ST_Dump(${g}) d WHERE ST_Area(d.geom) >= $5) s)`;

const ZONES_SQL = `
  WITH ${FRAME_CTE}, ${LAMBERT(`
    SELECT p.code AS plan_code, z.code, z.category, ST_Intersection(z.geom_4326, f.env) AS g4,
           array_position($6::int[], z.version_id) * -1000000 + z.id AS ord
    FROM f, zones z JOIN plan_versions v ON v.id = z.version_id JOIN plans p ON p.id = v.plan_id
    WHERE z.version_id = ANY($6::int[]) AND z.geom_4326 && f.env`)}
  SELECT plan_code AS "planCode", code, category, ST_AsGeoJSON(c.g, 1)::jsonb AS geometry, ${LABELS('c.g')} AS labels
  FROM f, feat CROSS JOIN LATERAL (SELECT ${polygonsIn('feat.g26')} AS g) c
  WHERE NOT ST_IsEmpty(c.g) ORDER BY i`;

const PARCELS_SQL = `
  WITH ${FRAME_CTE}, ${LAMBERT(`
    SELECT p.reference, p.id = ANY($6::bigint[]) AS selected, ST_Intersection(p.geom_4326, f.env) AS g4, p.id AS ord
    FROM f, parcels p
    WHERE p.geom_4326 && f.env AND p.valid_from <= $7::date AND (p.valid_to IS NULL OR $7::date < p.valid_to)
    ORDER BY p.id LIMIT 3000`)}
  SELECT reference, selected, ST_AsGeoJSON(c.g, 1)::jsonb AS geometry,
         (SELECT jsonb_build_array(round(ST_X(pt)::numeric, 1), round(ST_Y(pt)::numeric, 1))
          FROM (SELECT ST_PointOnSurface(c.g) AS pt) s WHERE ST_Area(c.g) >= $5) AS label
  FROM f, feat CROSS JOIN LATERAL (SELECT ${polygonsIn('feat.g26')} AS g) c
  WHERE NOT ST_IsEmpty(c.g) ORDER BY i`;

// Lines with a width (planned roads, servitude strips) are also drawn as the corridor they take, in
// Lambert metres: the alignment is what the land loses (law 12-90, art. 19 and 28). Lines are clipped
// about 200 m wider than the frame, so that a corridor ends where the road does, not at the frame.
const OVERLAYS_SQL = `
  WITH ${FRAME_CTE}, ${LAMBERT(`
    SELECT o.kind, o.code, o.width_m, GeometryType(o.geom_4326) IN ('LINESTRING', 'MULTILINESTRING') AS line,
           ST_Intersection(o.geom_4326, ST_Expand(f.env, 0.002)) AS g4,
           array_position($5::int[], o.version_id) * -1000000 + o.id AS ord
    FROM f, overlays o
    WHERE o.version_id = ANY($5::int[]) AND o.geom_4326 && ST_Expand(f.env, 0.002)`)}
  SELECT kind, code, ST_AsGeoJSON(c.g, 1)::jsonb AS geometry, ST_AsGeoJSON(c.corridor, 1)::jsonb AS corridor
  FROM f, feat
  CROSS JOIN LATERAL (
    SELECT ST_Intersection(g26, f.env26) AS g,
           CASE WHEN width_m IS NOT NULL AND line THEN ST_Intersection(ST_Buffer(g26, width_m / 2, 'endcap=flat join=round'), f.env26) END AS corridor) c
  WHERE NOT ST_IsEmpty(c.g) OR NOT ST_IsEmpty(c.corridor)
  ORDER BY i`;

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
