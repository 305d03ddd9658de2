// The one selection type: several parcels, a drawn polygon, typed Lambert coordinates; and the refusals.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelectionSheet } from '../../server/selection/schemas.js';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

async function post(body: unknown, status = 200) {
  const res = await app.inject({ method: 'POST', url: '/api/selection', payload: body as object });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

describe('selection sheet', () => {
  it('takes two adjacent parcels by id or reference: their union, both listed, shares summing to 1 per plan', async () => {
    const f = await one<{ a: number; b: number; ra: string; rb: string; area: number }>(
      `SELECT p.id AS a, q.id AS b, p.reference AS ra, q.reference AS rb, ST_Area(ST_Union(p.geom_4326, q.geom_4326)::geography) AS area
       FROM parcels p JOIN parcels q ON q.id > p.id AND q.geom_4326 && p.geom_4326 AND ST_Touches(p.geom_4326, q.geom_4326)
       WHERE ST_Length(ST_Intersection(p.geom_4326, q.geom_4326)::geography) > 5 ORDER BY p.id LIMIT 1`,
    );
    const byId: SelectionSheet = await post({ type: 'parcels', ids: [f.a, f.b] });
    expect(byId.selection.parcels.map((p) => p.id).sort()).toEqual([f.a, f.b].sort());
    expect(byId.selection.areaM2).toBeCloseTo(f.area, 0);
    const byRef: SelectionSheet = (await app.inject({ url: `/api/selection?references=${encodeURIComponent(`${f.ra};${f.rb.toLowerCase()}`)}` })).json();
    expect(byRef.selection.areaM2).toBeCloseTo(f.area, 0);
    const perPlan = new Map<number, number>();
    for (const z of byId.zoning) perPlan.set(z.plan.versionId, (perPlan.get(z.plan.versionId) ?? 0) + z.share);
    for (const [, total] of perPlan) expect(total).toBeLessThanOrEqual(1.0001);
    expect([...perPlan.values()].some((t) => Math.abs(t - 1) < 0.001)).toBe(true);
  });

  it('takes a polygon typed in Lambert Nord Maroc and finds the parcels it touches', async () => {
    const f = await one<{ x: number; y: number; id: number }>(
      `SELECT ST_X(c) AS x, ST_Y(c) AS y, id FROM (SELECT id, to_26191(ST_PointOnSurface(geom_4326)) AS c FROM parcels ORDER BY id OFFSET 40 LIMIT 1) t`,
    );
    const [x, y] = [Math.round(f.x), Math.round(f.y)];
    const points = [[x - 20, y - 20], [x + 20, y - 20], [x + 20, y + 20], [x - 20, y + 20]];
    const sheet: SelectionSheet = await post({ type: 'coordinates', crs: 'EPSG:26191', points });
    expect(sheet.selection.areaM2).toBeGreaterThan(1590);
    expect(sheet.selection.areaM2).toBeLessThan(1610); // 40 m × 40 m, within the projection's scale error
    expect(sheet.selection.parcels.some((p) => p.id === f.id)).toBe(true);
    expect(sheet.zoning.length).toBeGreaterThan(0);
  });

  it.each([
    [{ type: 'parcels' }, 'invalid_selection'],
    [{ type: 'parcels', ids: [] }, 'invalid_request'],
    [{ type: 'parcels', references: ['TF 0/00'] }, 'invalid_selection'],
    [{ type: 'parcels', ids: Array.from({ length: 51 }, (_, i) => i + 1) }, 'invalid_request'],
    [{ type: 'coordinates', crs: 'EPSG:26191', points: [[1, 2], [3, 4]] }, 'invalid_request'],
    [{ type: 'coordinates', crs: 'EPSG:26191', points: [[-2.93, 35.17], [-2.92, 35.17], [-2.92, 35.18]] }, 'invalid_selection'],
    [{ type: 'coordinates', crs: 'EPSG:26191', points: [[725000, 510000], [726000, 511000], [726000, 510000], [725000, 511000]] }, 'invalid_selection'],
    [{ type: 'coordinates', crs: 'EPSG:4326', points: [[2.35, 48.85], [2.36, 48.85], [2.36, 48.86]] }, 'selection_outside_territory'],
    [{ type: 'coordinates', crs: 'EPSG:26191', points: [[720000, 505000], [730000, 505000], [730000, 515000], [720000, 515000]] }, 'selection_too_large'],
    [{ type: 'polygon', polygon: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] } }, 'invalid_request'],
    [{ type: 'circle' }, 'invalid_request'],
    // Beyond the schema's bound (PARCEL_ID_MAX): refused by validation, like an id of 0.
    [{ type: 'parcels', ids: [1e25] }, 'invalid_request'],
    [{ type: 'parcels', ids: [2147483648] }, 'invalid_request'],
  ])('refuses %j with %s', async (body, code) => {
    const e = await post(body, 400);
    expect(e.error.code).toBe(code);
    expect(e.error.message.length).toBeGreaterThan(15);
  });

  it('states the largest parcel id in the schema (OpenAPI) and in the refusal of a larger one', async () => {
    const doc = (await app.inject({ url: '/api/docs/json' })).json();
    expect(JSON.stringify(doc.paths['/api/selection'].post.requestBody)).toContain('"maximum":2147483647');
    const e = await post({ type: 'parcels', ids: [2147483648] }, 400);
    expect(e.error.message).toMatch(/2147483647/);
  });

  it('refuses an id too long for a parcel in the query string too, with a 400', async () => {
    const res = await app.inject({ url: `/api/selection?parcels=12,${'9'.repeat(30)}` });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(/2147483647/);
  });
});
