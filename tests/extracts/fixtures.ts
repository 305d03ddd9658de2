// Fixtures of the extract tests, found by SQL in the seeded sample (never hard-coded ids), and the rules
// they must follow, read straight from the tables (not through the functions under test).
import { today } from '../../server/shared/dates.js';
import { one, sql } from '../helpers/db.js';

/** Every request names its date, so the fixtures and the answers speak of the same day. */
export const AT = today();

export interface Rule {
  front: number;
  side: number;
  rear: number;
}

/**
 * A current parcel of the commune of Nador lying wholly in one zone of a binding plan in force whose
 * regulation states front, side and rear setbacks all above zero, with neighbours around it.
 */
export async function parcelWithSetbacks(): Promise<{ id: number; reference: string; zone: string; rule: Rule }> {
  const f = await one<{ id: string; reference: string; zone: string; front: string; side: string; rear: string }>(
    `SELECT p.id, p.reference, z.code AS zone, r.setback_front_m AS front, r.setback_side_m AS side, r.setback_rear_m AS rear
     FROM parcels p
     JOIN communes c ON c.id = p.commune_id AND c.name ->> 'fr' = 'Nador'
     JOIN zones z ON z.geom_4326 && p.geom_4326 AND ST_Within(p.geom_4326, z.geom_4326)
     JOIN versions_at($1::date) v ON v.version_id = z.version_id AND v.in_force AND v.kind <> 'master'
     JOIN regulations r ON r.version_id = z.version_id AND r.zone_code = z.code
     WHERE p.valid_to IS NULL AND r.setback_front_m > 0 AND r.setback_side_m > 0 AND r.setback_rear_m > 0
       AND r.setback_front_m <> r.setback_side_m
       AND (SELECT count(*) FROM parcels q WHERE q.id <> p.id AND q.geom_4326 && p.geom_4326 AND ST_Touches(q.geom_4326, p.geom_4326)) >= 2
     ORDER BY p.id LIMIT 1`,
    [AT],
  );
  return { id: Number(f.id), reference: f.reference, zone: f.zone, rule: { front: Number(f.front), side: Number(f.side), rear: Number(f.rear) } };
}

/** Two current parcels of Nador sharing more than 5 m of boundary. */
export async function adjacentPair(): Promise<{ a: number; b: number; ra: string; rb: string }> {
  const f = await one<{ a: string; b: string; ra: string; rb: string }>(
    `SELECT p.id AS a, q.id AS b, p.reference AS ra, q.reference AS rb
     FROM parcels p
     JOIN communes c ON c.id = p.commune_id AND c.name ->> 'fr' = 'Nador'
     JOIN parcels q ON q.id > p.id AND q.geom_4326 && p.geom_4326 AND ST_Touches(p.geom_4326, q.geom_4326)
     WHERE p.valid_to IS NULL AND q.valid_to IS NULL
       AND ST_Length(ST_Intersection(p.geom_4326, q.geom_4326)::geography) > 5
     ORDER BY p.id LIMIT 1`,
  );
  return { a: Number(f.a), b: Number(f.b), ra: f.ra, rb: f.rb };
}

/** A current parcel within 20 m of the centre line of a planned road of a plan answering today. */
export async function parcelNearRoad(): Promise<{ id: number; road: number; width: number }> {
  const f = await one<{ id: string; road: number; width: string }>(
    `SELECT p.id, o.id AS road, o.width_m AS width
     FROM overlays o
     JOIN versions_at($1::date) v ON v.version_id = o.version_id
     JOIN parcels p ON p.geom_4326 && ST_Expand(o.geom_4326, 0.0003)
                   AND ST_DWithin(p.geom_4326::geography, o.geom_4326::geography, 20)
     WHERE o.kind = 'planned_road' AND o.width_m IS NOT NULL AND p.valid_to IS NULL
     ORDER BY o.id, p.id LIMIT 1`,
    [AT],
  );
  return { id: Number(f.id), road: f.road, width: Number(f.width) };
}

/** The vertices of a parcel's outline in EPSG:26191 according to PostGIS (to_26191, migration 0001). */
export async function lambertVertices(id: number): Promise<[number, number][]> {
  const rows = await sql<{ x: number; y: number }>(
    `SELECT ST_X(d.geom) AS x, ST_Y(d.geom) AS y
     FROM parcels p, ST_DumpPoints(to_26191(p.geom_4326)) d WHERE p.id = $1 ORDER BY d.path`,
    [id],
  );
  const pts = rows.map((r) => [r.x, r.y] as [number, number]);
  return pts.slice(0, -1); // the ring repeats its first vertex
}

/** Each vertex of `expected` has one in `actual` within `tol` (same count): orientation and start free. */
export function sameVertices(actual: [number, number][], expected: [number, number][], tol: number): string | null {
  if (actual.length !== expected.length) return `${actual.length} vertices instead of ${expected.length}`;
  for (const [ex, ey] of expected) {
    const d = Math.min(...actual.map(([x, y]) => Math.hypot(x - ex, y - ey)));
    if (d > tol) return `vertex ${ex} ${ey} is ${d} m from the nearest written vertex`;
  }
  return null;
}

