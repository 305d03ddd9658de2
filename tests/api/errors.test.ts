// Bad input answers 400 with the one error shape and a message that says what was wrong; unknown ids 404;
// a database that does not answer gives 503, never 500.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

async function expectError(url: string, status: number, code: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ url, headers });
  expect(res.statusCode, `${url} → ${res.body}`).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(res.body).not.toMatch(/SELECT|stack|at .*\.ts:\d+/);
  return body.error as { code: string; message: string; details?: unknown };
}

describe('bad input', () => {
  it.each([
    ['/api/identify?lon=200&lat=35', 'invalid_request'],
    ['/api/identify?lon=-2.9&lat=95', 'invalid_request'],
    ['/api/identify?lon=abc&lat=35', 'invalid_request'],
    ['/api/identify?lat=35', 'invalid_request'],
    ['/api/plans/abc', 'invalid_request'],
    ['/api/plans/1/zones?bbox=1,2,3', 'invalid_bbox'],
    ['/api/plans/1/zones?bbox=-2,35,-3,36', 'invalid_bbox'],
    ['/api/plans/1/zones?bbox=a,b,c,d', 'invalid_bbox'],
    ['/api/plans/1/zones?limit=100000', 'invalid_request'],
    ['/api/plans/1/zones?cursor=xyz', 'invalid_request'],
    ['/api/parcels/abc', 'invalid_request'],
    ['/api/parcels/1?at=2024-02-30', 'invalid_date'],
    ['/api/plans?at=yesterday', 'invalid_request'],
    ['/api/search?q=', 'invalid_request'],
    ['/api/search', 'invalid_request'],
    ['/api/search?q=%25', 'invalid_request'],
    ['/api/search?q=%20-%20', 'invalid_request'],
    ['/tiles/parcels/23/0/0.mvt', 'tile_out_of_range'],
    ['/tiles/parcels/3/8/0.mvt', 'tile_out_of_range'],
    ['/tiles/parcels/3/0/9.mvt', 'tile_out_of_range'],
    ['/tiles/parcels/x/0/0.mvt', 'invalid_request'],
  ])('%s → 400 %s', async (url, code) => {
    await expectError(url, 400, code);
  });

  it('says what a bbox must be, in the asked language', async () => {
    const fr = await expectError('/api/plans/1/zones?bbox=1,2,3&lang=fr', 400, 'invalid_bbox');
    expect(fr.message).toContain('minLon,minLat,maxLon,maxLat');
    const ar = await expectError('/api/plans/1/zones?bbox=1,2,3', 400, 'invalid_bbox', { 'accept-language': 'ar-MA,ar;q=0.9' });
    expect(ar.message).toMatch(/[\u0600-\u06FF]/);
  });

  it('names the known sources for an unknown one', async () => {
    const e = await expectError('/tiles/nowhere/1/0/0.mvt', 400, 'unknown_source');
    expect(e.message).toContain('parcels');
    await expectError('/tiles/nowhere', 400, 'unknown_source');
  });

  it.each([
    ['/api/identify?lon=Infinity&lat=35', 'querystring/lon must be a finite number'],
    ['/api/identify?lon=-2.9&lat=-Infinity', 'querystring/lat must be a finite number'],
    ['/api/identify?lon=1e400&lat=35', 'querystring/lon must be a finite number'],
    ['/api/plans/1/zones?limit=-Infinity', 'querystring/limit must be a finite number'],
  ])('%s → 400: not a finite number (Ajv coerces it to Infinity and skips its bounds)', async (url, detail) => {
    const e = await expectError(url, 400, 'invalid_request');
    expect(e.message).toContain(detail);
  });

  it.each([
    ['/api/search?q=%00', 'querystring/q'],
    ['/api/search?q=nador%00', 'querystring/q'],
    ['/api/documents?q=%00', 'querystring/q'],
    ['/api/studies/A%00B', 'params/'],
  ])('%s → 400: the NUL character, which PostgreSQL text cannot hold', async (url, where) => {
    const e = await expectError(url, 400, 'invalid_request');
    expect(e.message).toContain(where);
    expect(e.message).toContain('NUL');
  });

  it('refuses NUL inside a JSON body too', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/selection', payload: { type: 'parcels', references: ['TF 1\u0000/11'] } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain('body/references/0');
  });

  it('answers 404 for unknown ids and routes', async () => {
    await expectError('/api/parcels/999999999', 404, 'not_found');
    await expectError('/api/plans/99999', 404, 'not_found');
    await expectError('/api/nothing-here', 404, 'route_not_found');
  });

  it('names what was not found in the asked language', async () => {
    expect((await expectError('/api/parcels/999999999?lang=fr', 404, 'not_found')).message).toBe("Introuvable : parcelle d'identifiant 999999999.");
    expect((await expectError('/api/parcels/999999999?lang=ar', 404, 'not_found')).message).toContain('القطعة الأرضية');
    expect((await expectError('/api/parcels/999999999?lang=en', 404, 'not_found')).message).toBe('No parcel with id 999999999.');
  });
});

describe('database down', () => {
  it('answers 503 with Retry-After, and the process stays up', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
    // A real connection attempt to a port where nothing listens.
    const down = await buildApp({ ...config, DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/none' });
    try {
      for (const url of ['/api/health', '/api/plans', '/tiles/parcels/15/16000/12900.mvt']) {
        const res = await down.inject({ url });
        expect(res.statusCode, url).toBe(503);
        expect(res.headers['retry-after']).toBeDefined();
        expect(res.json().error.code).toBe('database_unavailable');
      }
    } finally {
      await down.close();
    }
  });
});
