// Bad requests for extracts answer 400 (or 404 for an unknown parcel) saying what was wrong, never 500.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';
import { AT } from './fixtures.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

async function refused(req: { url: string; payload?: object }, status: number, code: string) {
  const res = await app.inject(req.payload ? { method: 'POST', ...req } : { method: 'GET', url: req.url });
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<{ error: { code: string; message: string } }>();
  expect(body.error.code, res.body).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(15);
  return body.error.message;
}

const square = (x: number, y: number, side: number) =>
  encodeURIComponent([[x, y], [x + side, y], [x + side, y + side], [x, y + side]].map((p) => p.join(' ')).join(','));

describe('extract refusals', () => {
  it.each(['geojson', 'dxf', 'shp.zip'])('answers 404 for an unknown parcel and 400 for a malformed id (.%s)', async (ext) => {
    const max = await one<{ id: string }>('SELECT max(id) + 1000 AS id FROM parcels');
    await refused({ url: `/api/parcels/${max.id}/extract.${ext}` }, 404, 'not_found');
    await refused({ url: `/api/parcels/12a/extract.${ext}` }, 400, 'invalid_request');
  });

  it('names the CRS that are served when asked for another one, for input and output', async () => {
    const msg = await refused({ url: '/api/selection/extract.geojson?parcels=1&crs=EPSG:3857&lang=en' }, 400, 'unknown_crs');
    expect(msg).toContain('EPSG:4326');
    expect(msg).toContain('EPSG:26191');
    await refused({ url: `/api/selection/extract.dxf?coords=${square(725000, 510000, 20)}&crs_in=EPSG:26192` }, 400, 'unknown_crs');
    // DXF and shapefiles are drawn in Lambert only
    const dxf = await refused({ url: '/api/parcels/1/extract.dxf?crs=EPSG:4326&lang=en' }, 400, 'unknown_crs');
    expect(dxf).toContain('EPSG:26191');
    await refused({ url: '/api/selection/extract.shp.zip', payload: { selection: { type: 'parcels', ids: [1] }, crs: 'EPSG:4326' } }, 400, 'unknown_crs');
    await refused(
      { url: '/api/selection/extract.geojson', payload: { selection: { type: 'coordinates', crs: 'EPSG:2154', points: [[1, 2], [3, 4], [5, 6]] } } },
      400, 'unknown_crs',
    );
  });

  it('refuses an empty selection', async () => {
    await refused({ url: '/api/selection/extract.geojson' }, 400, 'invalid_selection');
    await refused({ url: '/api/selection/extract.dxf', payload: { selection: { type: 'parcels' } } }, 400, 'invalid_selection');
    await refused({ url: '/api/selection/extract.dxf', payload: {} }, 400, 'invalid_request');
  });

  it('refuses malformed coordinates, saying how to write them', async () => {
    const msg = await refused({ url: '/api/selection/extract.dxf?coords=725000,510000,abc&lang=en' }, 400, 'invalid_selection');
    expect(msg).toContain('pairs of numbers');
    // longitude/latitude given as Lambert: out of range for EPSG:26191
    await refused({ url: `/api/selection/extract.geojson?coords=${encodeURIComponent('-2.93 35.17,-2.92 35.17,-2.92 35.18')}` }, 400, 'invalid_selection');
    // sides that cross
    await refused({ url: `/api/selection/extract.geojson?coords=${encodeURIComponent('725000 510000,725100 510100,725100 510000,725000 510100')}` }, 400, 'invalid_selection');
    await refused({ url: '/api/selection/extract.geojson?parcels=12,abc' }, 400, 'invalid_request');
    await refused({ url: '/api/selection/extract.geojson?parcels=1&polygon=1%202,3%204,5%206' }, 400, 'invalid_selection');
  });

  it('refuses a selection outside the territory or too large, and unknown parcels', async () => {
    await refused({ url: `/api/selection/extract.shp.zip?crs_in=EPSG:4326&coords=${encodeURIComponent('2.35 48.85,2.36 48.85,2.36 48.86')}` }, 400, 'selection_outside_territory');
    await refused({ url: `/api/selection/extract.dxf?coords=${square(720000, 505000, 10_000)}` }, 400, 'selection_too_large');
    await refused({ url: '/api/selection/extract.dxf', payload: { selection: { type: 'parcels', ids: Array.from({ length: 51 }, (_, i) => i + 1) } } }, 400, 'invalid_request');
    await refused({ url: '/api/selection/extract.geojson?references=TF%200%2F00' }, 400, 'invalid_selection');
  });

  it('refuses an impossible date, and speaks Arabic when asked', async () => {
    await refused({ url: '/api/parcels/1/extract.geojson?at=2024-02-30' }, 400, 'invalid_date');
    const msg = await refused({ url: `/api/selection/extract.dxf?coords=${square(720000, 505000, 10_000)}&lang=ar&at=${AT}` }, 400, 'selection_too_large');
    expect(msg).toMatch(/[\u0600-\u06ff]/);
  });
});
