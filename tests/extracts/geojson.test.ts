// GeoJSON extracts: the layers around a parcel or a selection, in EPSG:26191 (legacy named crs) and in
// EPSG:4326 (RFC 7946), checked against PostGIS computed directly on the tables.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../server/extracts/queries.js';
import { buildTestApp } from '../helpers/app.js';
import { one, sql } from '../helpers/db.js';
import { adjacentPair, AT, lambertVertices, parcelNearRoad, parcelWithSetbacks, sameVertices } from './fixtures.js';

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown> & { layer: string };
  geometry: { type: string; coordinates: unknown };
}
interface Collection {
  type: 'FeatureCollection';
  name: string;
  crs?: { type: string; properties: { name: string } };
  tasmim: { at: string; crs: string; illustrative: boolean; selection: { parcels: { id: number }[] }; title: string[] };
  features: Feature[];
}

/** The outer ring of a (Multi)Polygon with one part, without its closing vertex. */
function ring(g: Feature['geometry']): [number, number][] {
  const rings = (g.type === 'MultiPolygon' ? (g.coordinates as number[][][][])[0]! : (g.coordinates as number[][][]));
  return (rings[0] as [number, number][]).slice(0, -1);
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

async function get(url: string): Promise<{ body: Collection; headers: Record<string, unknown> }> {
  const res = await app.inject({ url });
  expect(res.statusCode, res.body).toBe(200);
  return { body: res.json<Collection>(), headers: res.headers };
}

describe('GeoJSON extract of one parcel', () => {
  it('in EPSG:26191: named crs, metres equal to to_26191 within 1 mm, a file named after the parcel', async () => {
    const p = await parcelWithSetbacks();
    const { body, headers } = await get(`/api/parcels/${p.id}/extract.geojson?at=${AT}`);
    expect(headers['content-type']).toMatch(/^application\/geo\+json/);
    const safe = p.reference.replace(/[^A-Za-z0-9]+/g, '-');
    expect(headers['content-disposition']).toBe(`attachment; filename="${safe}_extract_EPSG26191.geojson"`);
    expect(body.crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::26191' } });
    expect(body.tasmim.at).toBe(AT);
    for (const f of body.features) expect(LAYERS).toContain(f.properties.layer);

    const parcel = body.features.filter((f) => f.properties.layer === 'parcel');
    expect(parcel.map((f) => f.properties.id)).toEqual([p.id]);
    expect(sameVertices(ring(parcel[0]!.geometry), await lambertVertices(p.id), 0.001)).toBeNull();
  });

  it('lists as neighbours exactly the current parcels within 30 m (on the ellipsoid)', async () => {
    const p = await parcelWithSetbacks();
    const { body } = await get(`/api/parcels/${p.id}/extract.geojson?at=${AT}`);
    const expected = await sql<{ id: string }>(
      `SELECT q.id FROM parcels p, parcels q
       WHERE p.id = $1 AND q.id <> p.id AND q.valid_from <= $2::date AND (q.valid_to IS NULL OR $2::date < q.valid_to)
         AND ST_DWithin(q.geom_4326::geography, p.geom_4326::geography, 30)`,
      [p.id, AT],
    );
    const got = body.features.filter((f) => f.properties.layer === 'neighbours').map((f) => Number(f.properties.id));
    expect(got.sort((a, b) => a - b)).toEqual(expected.map((r) => Number(r.id)).sort((a, b) => a - b));
    expect(got.length).toBeGreaterThanOrEqual(2);
  });

  it('carries the zone with its full regulation, clipped near the parcel, and setback lines', async () => {
    const p = await parcelWithSetbacks();
    const { body } = await get(`/api/parcels/${p.id}/extract.geojson?at=${AT}`);
    const zone = body.features.find((f) => f.properties.layer === 'zones' && f.properties.code === p.zone)!;
    expect(zone).toBeDefined();
    const reg = zone.properties.regulation as { setbacks: { frontM: number; sideM: number; rearM: number } };
    expect(reg.setbacks).toEqual({ frontM: p.rule.front, sideM: p.rule.side, rearM: p.rule.rear });
    expect((zone.properties.label as { ar: string }).ar.length).toBeGreaterThan(0);
    // Clipped to 50 m around the parcel: no vertex farther than that (plus the buffer's chord error).
    const far = await one<{ d: number }>(
      `SELECT max(ST_Distance(ST_SetSRID(ST_MakePoint(x, y), 26191), (SELECT to_26191(geom_4326) FROM parcels WHERE id = $1))) AS d
       FROM jsonb_to_recordset($2::jsonb) AS t(x float8, y float8)`,
      [p.id, JSON.stringify(ring(zone.geometry).map(([x, y]) => ({ x, y })))],
    );
    expect(far.d).toBeLessThan(50.5);
    const setbacks = body.features.filter((f) => f.properties.layer === 'setbacks');
    expect(setbacks.length).toBeGreaterThan(0);
    for (const s of setbacks) expect([p.rule.front, p.rule.side, p.rule.rear]).toContain(s.properties.setbackM);
  });

  it('in EPSG:4326: plain RFC 7946, coordinates equal to the stored ones within 1e-8°', async () => {
    const p = await parcelWithSetbacks();
    const { body, headers } = await get(`/api/parcels/${p.id}/extract.geojson?crs=EPSG:4326&at=${AT}`);
    expect(body.crs).toBeUndefined();
    expect(headers['content-disposition']).toMatch(/_extract_EPSG4326\.geojson"$/);
    const parcel = body.features.find((f) => f.properties.layer === 'parcel')!;
    const stored = await sql<{ x: number; y: number }>(
      'SELECT ST_X(d.geom) AS x, ST_Y(d.geom) AS y FROM parcels p, ST_DumpPoints(p.geom_4326) d WHERE p.id = $1 ORDER BY d.path',
      [p.id],
    );
    const pts = stored.map((r) => [r.x, r.y] as [number, number]).slice(0, -1);
    expect(sameVertices(ring(parcel.geometry), pts, 1e-8)).toBeNull();
    const commune = await one<{ ar: string }>(
      'SELECT c.name ->> \'ar\' AS ar FROM parcels p JOIN communes c ON c.id = p.commune_id WHERE p.id = $1',
      [p.id],
    );
    expect((parcel.properties.commune as { ar: string }).ar).toBe(commune.ar); // Arabic survives
  });

  it('draws planned roads as a centre line and two edges at ± width / 2', async () => {
    const r = await parcelNearRoad();
    const { body } = await get(`/api/parcels/${r.id}/extract.geojson?at=${AT}`);
    const roads = body.features.filter((f) => f.properties.layer === 'roads' && f.properties.overlayId === r.road);
    expect(roads.map((f) => f.properties.role)).toContain('centre');
    const edges = roads.filter((f) => f.properties.role !== 'centre');
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) {
      // every vertex of an edge lies half the width away from the road's centre line
      const d = await one<{ min: number; max: number }>(
        `SELECT min(ST_Distance(p.geom, c.g)) AS min, max(ST_Distance(p.geom, c.g)) AS max
         FROM ST_DumpPoints(ST_SetSRID(ST_GeomFromGeoJSON($1), 26191)) p,
              (SELECT to_26191(geom_4326) AS g FROM overlays WHERE id = $2) c`,
        [JSON.stringify(e.geometry), r.road],
      );
      expect(d.min).toBeCloseTo(r.width / 2, 2);
      expect(d.max).toBeCloseTo(r.width / 2, 2);
    }
  });
});

describe('GeoJSON extract of a selection', () => {
  it('takes two adjacent parcels of Nador as one extract, by body or by references', async () => {
    const f = await adjacentPair();
    const res = await app.inject({
      method: 'POST', url: `/api/selection/extract.geojson?at=${AT}`,
      payload: { selection: { type: 'parcels', ids: [f.a, f.b] }, crs: 'EPSG:26191' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Collection>();
    const parcels = body.features.filter((x) => x.properties.layer === 'parcel').map((x) => Number(x.properties.id));
    expect(parcels.sort()).toEqual([f.a, f.b].sort());
    const neighbours = body.features.filter((x) => x.properties.layer === 'neighbours').map((x) => Number(x.properties.id));
    expect(neighbours).not.toContain(f.a);
    expect(neighbours).not.toContain(f.b);
    for (const id of [f.a, f.b]) {
      const feature = body.features.find((x) => x.properties.layer === 'parcel' && x.properties.id === id)!;
      expect(sameVertices(ring(feature.geometry), await lambertVertices(id), 0.001)).toBeNull();
    }
    expect(res.headers['content-disposition']).toContain(f.ra.replace(/[^A-Za-z0-9]+/g, '-'));

    const byRef = await get(`/api/selection/extract.geojson?at=${AT}&references=${encodeURIComponent(`${f.ra};${f.rb}`)}`);
    expect(byRef.body.features.filter((x) => x.properties.layer === 'parcel')).toHaveLength(2);
  });

  it('keeps Lambert coordinates typed by a surveyor exactly as typed (crs_in=EPSG:26191)', async () => {
    const c = await one<{ x: number; y: number }>(
      `SELECT round(ST_X(g))::float8 AS x, round(ST_Y(g))::float8 AS y
       FROM (SELECT to_26191(ST_PointOnSurface(p.geom_4326)) AS g FROM parcels p JOIN communes c ON c.id = p.commune_id
             WHERE c.name ->> 'fr' = 'Nador' AND p.valid_to IS NULL ORDER BY p.id LIMIT 1) t`,
    );
    const pts: [number, number][] = [[c.x - 15, c.y - 10], [c.x + 15.5, c.y - 10], [c.x + 15.5, c.y + 12.25], [c.x - 15, c.y + 12.25]];
    const coords = pts.map(([x, y]) => `${x} ${y}`).join(',');
    const { body } = await get(`/api/selection/extract.geojson?at=${AT}&crs_in=EPSG:26191&coords=${encodeURIComponent(coords)}`);
    const land = body.features.filter((f) => f.properties.layer === 'parcel');
    expect(land).toHaveLength(1);
    expect(land[0]!.properties.source).toBe('polygon');
    expect(sameVertices(ring(land[0]!.geometry), pts, 1e-9)).toBeNull();
    expect(body.features.some((f) => f.properties.layer === 'setbacks')).toBe(false);
    expect(body.features.some((f) => f.properties.layer === 'neighbours')).toBe(true);
  });
});
