// The parcel sheet against the seeded sample: shares, areas and capacity checked against PostGIS and
// Turf computed independently, never against numbers written in the test.
import { area as turfArea } from '@turf/turf';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParcelSheet } from '../../server/parcels/schemas.js';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

async function sheet(id: number, query = ''): Promise<ParcelSheet> {
  const res = await app.inject({ url: `/api/parcels/${id}${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

// Zones of the versions in force today, for fixture queries.
const IN_FORCE_ZONES = `SELECT z.* FROM zones z JOIN versions_at(current_date) v ON v.version_id = z.version_id
                        WHERE v.in_force AND v.kind <> 'master'`;

describe('GET /api/parcels/:id', () => {
  it('gives a parcel inside one zone a share of 1 and a capacity of area × CES and area × COS', async () => {
    const f = await one<{ id: number; area: number; ces: number; cos: number; code: string }>(
      `SELECT p.id, p.area_m2 AS area, r.ces::float8 AS ces, r.cos::float8 AS cos, z.code
       FROM parcels p JOIN (${IN_FORCE_ZONES}) z ON ST_Within(p.geom_4326, z.geom_4326)
       JOIN regulations r ON r.version_id = z.version_id AND r.zone_code = z.code
       WHERE r.ces IS NOT NULL AND r.cos IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM zones z2 JOIN versions_at(current_date) v2 ON v2.version_id = z2.version_id
                         WHERE v2.kind IN ('restructuring') AND ST_Intersects(z2.geom_4326, p.geom_4326))
       ORDER BY p.id LIMIT 1`,
    );
    const s = await sheet(f.id);
    expect(s.parcel.id).toBe(f.id);
    expect(s.parcel.reference).toMatch(/^(TF|R) \d+\/\d+$/);
    expect(s.parcel.commune?.name.ar).toMatch(/[\u0600-\u06FF]/);
    const governing = s.zoning.filter((z) => z.plan.versionId === s.capacity?.plan.versionId);
    expect(governing).toHaveLength(1);
    expect(governing[0]!.zone.code).toBe(f.code);
    expect(governing[0]!.share).toBeCloseTo(1, 3);
    expect(s.capacity!.maxFootprintM2!).toBeCloseTo(f.area * f.ces, 0);
    expect(s.capacity!.maxFloorAreaM2!).toBeCloseTo(f.area * f.cos, 0);
    expect(s.capacity!.maxHeightM).toBe(governing[0]!.regulation!.maxHeightM);
  });

  it('splits a parcel that straddles two zones, with shares that sum to 1', async () => {
    const f = await one<{ id: number; version_id: number }>(
      `SELECT p.id, z.version_id FROM parcels p JOIN (${IN_FORCE_ZONES}) z ON z.geom_4326 && p.geom_4326
       WHERE ST_Intersects(z.geom_4326, p.geom_4326)
       GROUP BY p.id, z.version_id
       HAVING count(*) = 2 AND min(ST_Area(ST_Intersection(z.geom_4326, p.geom_4326)::geography)) > 20
       ORDER BY p.id LIMIT 1`,
    );
    const s = await sheet(f.id);
    const parts = s.zoning.filter((z) => z.plan.versionId === f.version_id);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.zone.code === parts[1]!.zone.code && parts[0]!.zone.id === parts[1]!.zone.id).toBe(false);
    expect(parts[0]!.share + parts[1]!.share).toBeCloseTo(1, 3);
    expect(parts[0]!.areaM2 + parts[1]!.areaM2).toBeCloseTo(s.parcel.areaM2, 0);
    for (const p of parts) expect(p.regulation?.zoneCode).toBe(p.zone.code);
  });

  it('computes areas on the ellipsoid: Turf on the returned geometry agrees within 0.5 %', async () => {
    const f = await one<{ id: number }>('SELECT id FROM parcels ORDER BY id OFFSET 500 LIMIT 1');
    const s = await sheet(f.id);
    const geodesic = turfArea({ type: 'Feature', properties: {}, geometry: s.parcel.geometry as never });
    expect(Math.abs(geodesic - s.parcel.areaM2) / s.parcel.areaM2).toBeLessThan(0.005);
    // and the area in Lambert Nord Maroc (EPSG:26191) agrees within 0.5 % too (small scale error there)
    const lambert = await one<{ a: number }>('SELECT ST_Area(to_26191(geom_4326)) AS a FROM parcels WHERE id = $1', [f.id]);
    expect(Math.abs(lambert.a - s.parcel.areaM2) / s.parcel.areaM2).toBeLessThan(0.005);
  });

  it('lists plans in force first, and every plan covering the parcel', async () => {
    const f = await one<{ id: number; n: number }>(
      `SELECT p.id, count(DISTINCT v.plan_id)::int AS n FROM parcels p
       JOIN zones z ON z.geom_4326 && p.geom_4326 AND ST_Intersects(z.geom_4326, p.geom_4326)
       JOIN versions_at(current_date) v ON v.version_id = z.version_id
       GROUP BY p.id ORDER BY count(DISTINCT v.plan_id) DESC, p.id LIMIT 1`,
    );
    const s = await sheet(f.id);
    expect(new Set(s.zoning.map((z) => z.plan.id)).size).toBeGreaterThanOrEqual(Math.min(f.n, 2));
    const flags = s.zoning.map((z) => z.plan.inForce);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    for (const z of s.zoning) expect(z.plan.illustrative).toBe(true);
  });

  it('lists the overlays that touch the parcel', async () => {
    const f = await one<{ id: number; overlay: number }>(
      `SELECT p.id, o.id AS overlay FROM parcels p
       JOIN overlays o ON o.geom_4326 && p.geom_4326 AND ST_Intersects(o.geom_4326, p.geom_4326)
       JOIN versions_at(current_date) v ON v.version_id = o.version_id
       WHERE GeometryType(o.geom_4326) IN ('POLYGON', 'MULTIPOLYGON')
         AND ST_Area(ST_Intersection(o.geom_4326, p.geom_4326)::geography) > 5
       ORDER BY p.id LIMIT 1`,
    );
    const s = await sheet(f.id);
    const hit = s.overlays.find((o) => o.id === f.overlay);
    expect(hit, JSON.stringify(s.overlays)).toBeDefined();
    expect(hit!.areaM2).toBeGreaterThan(5);
    expect(hit!.label.fr.length).toBeGreaterThan(0);
  });

  it('never states a capacity from a plan that is not in force', async () => {
    // the sample's second plan d'aménagement is in public inquiry: its parcels have no plan in force
    const f = await one<{ id: number }>(
      `SELECT p.id FROM parcels p WHERE NOT EXISTS (
         SELECT 1 FROM zones z JOIN versions_at(current_date) v ON v.version_id = z.version_id
         WHERE v.in_force AND v.kind <> 'master' AND ST_Intersects(z.geom_4326, p.geom_4326))
       ORDER BY p.id LIMIT 1`,
    );
    const s = await sheet(f.id);
    expect(s.zoning.some((z) => !z.plan.inForce && z.plan.status !== 'approved')).toBe(true);
    expect(s.capacity).toBeNull();
  });
});
