import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../server/search/schemas.js';
import type { IdentifyResult } from '../../server/zoning/schemas.js';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

const get = async <T>(url: string): Promise<T> => {
  const res = await app.inject({ url });
  expect(res.statusCode, `${url} → ${res.body}`).toBe(200);
  return res.json() as T;
};

describe('GET /api/identify', () => {
  it('finds the parcel at a point inside it, and the zone of each plan there', async () => {
    const f = await one<{ id: number; lon: number; lat: number }>(
      `SELECT id, ST_X(ST_PointOnSurface(geom_4326)) AS lon, ST_Y(ST_PointOnSurface(geom_4326)) AS lat
       FROM parcels ORDER BY id OFFSET 1234 LIMIT 1`,
    );
    const r = await get<IdentifyResult>(`/api/identify?lon=${f.lon}&lat=${f.lat}`);
    expect(r.parcel?.id).toBe(f.id);
    expect(r.zoning.length).toBeGreaterThan(0);
    const expected = await one<{ ids: number[] }>(
      `SELECT array_agg(z.id ORDER BY z.id) AS ids FROM zones z JOIN versions_at(current_date) v ON v.version_id = z.version_id
       WHERE ST_Intersects(z.geom_4326, ST_SetSRID(ST_MakePoint($1, $2), 4326))`,
      [f.lon, f.lat],
    );
    expect(r.zoning.map((z) => z.zone.id).sort((a, b) => a - b)).toEqual(expected.ids);
  });

  it('gives the zoning at a point where there is no parcel', async () => {
    const f = await one<{ lon: number; lat: number }>(
      `SELECT ST_X(pt) AS lon, ST_Y(pt) AS lat FROM (
         SELECT ST_PointOnSurface(z.geom_4326) AS pt FROM zones z JOIN versions_at(current_date) v ON v.version_id = z.version_id
         WHERE v.kind = 'master') s
       WHERE NOT EXISTS (SELECT 1 FROM parcels p WHERE ST_Intersects(p.geom_4326, s.pt)) LIMIT 1`,
    );
    const r = await get<IdentifyResult>(`/api/identify?lon=${f.lon}&lat=${f.lat}`);
    expect(r.parcel).toBeNull();
    expect(r.zoning.some((z) => z.plan.kind === 'master')).toBe(true);
    expect(r.zoning[0]!.regulation).not.toBeNull();
  });

  it('answers an empty zoning far from every plan', async () => {
    const r = await get<IdentifyResult>('/api/identify?lon=10&lat=50');
    expect(r.parcel).toBeNull();
    expect(r.zoning).toEqual([]);
  });
});

describe('GET /api/search', () => {
  it('finds a parcel by its reference, whatever the case and spacing', async () => {
    const f = await one<{ id: number; reference: string }>("SELECT id, reference FROM parcels WHERE reference LIKE 'TF %' ORDER BY id OFFSET 77 LIMIT 1");
    for (const q of [f.reference, f.reference.toLowerCase().replace(/\s+/g, ''), f.reference.replace(/^(TF|R)\s*/, '')]) {
      const r = await get<SearchResult>(`/api/search?q=${encodeURIComponent(q)}`);
      expect(r.results[0], q).toMatchObject({ type: 'parcel', id: f.id });
    }
  });

  it('finds communes in French without accents and in Arabic with or without diacritics', async () => {
    const nador = await get<SearchResult>('/api/search?q=nador');
    expect(nador.results.some((h) => h.type === 'commune' && /nador/i.test(h.label.fr))).toBe(true);
    const c = await one<{ id: number; ar: string }>(`SELECT id, name ->> 'ar' AS ar FROM communes WHERE name ->> 'fr' ILIKE 'nador' LIMIT 1`);
    const withHarakat = c.ar.split('').join('\u064E'); // a fatha after every letter
    for (const q of [c.ar, withHarakat]) {
      const r = await get<SearchResult>(`/api/search?q=${encodeURIComponent(q)}`);
      expect(r.results.some((h) => h.type === 'commune' && h.id === c.id), q).toBe(true);
    }
  });

  it('finds zones by code and plans by name', async () => {
    const z = await one<{ code: string }>(
      `SELECT z.code FROM zones z JOIN versions_at(current_date) v ON v.version_id = z.version_id WHERE v.kind = 'development' LIMIT 1`,
    );
    const zones = await get<SearchResult>(`/api/search?q=${encodeURIComponent(z.code)}`);
    expect(zones.results.some((h) => h.type === 'zone' && h.label.fr.startsWith(z.code))).toBe(true);
    const plans = await get<SearchResult>(`/api/search?q=${encodeURIComponent('amenagement')}`);
    expect(plans.results.some((h) => h.type === 'plan')).toBe(true);
    for (const h of [...zones.results, ...plans.results]) expect(h.bbox[0]).toBeLessThanOrEqual(h.bbox[2]);
  });

  it('treats LIKE wildcards and quotes as text', async () => {
    const r = await get<SearchResult>(`/api/search?q=${encodeURIComponent("%' OR 1=1 --")}`);
    expect(r.results.length).toBeLessThan(10);
  });
});
