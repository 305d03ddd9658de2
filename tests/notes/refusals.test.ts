// What a note is refused for (400, saying why, in the asked language) and what is not found (404).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

const post = (payload: object, lang = 'en') => app.inject({ method: 'POST', url: `/api/notes?lang=${lang}`, payload });

describe('POST /api/notes refuses', () => {
  it.each([
    ['an empty selection', { selection: { type: 'parcels' } }, 'invalid_selection', /at least one parcel/],
    ['an unknown parcel', { selection: { type: 'parcels', references: ['TF 0/00'] } }, 'invalid_selection', /TF 0\/00/],
    ['a place outside the territory', { selection: { type: 'coordinates', crs: 'EPSG:4326', points: [[2.35, 48.85], [2.36, 48.85], [2.36, 48.86]] } }, 'selection_outside_territory', /outside the agency territory/],
    ['too large an area', { selection: { type: 'coordinates', crs: 'EPSG:26191', points: [[720000, 505000], [730000, 505000], [730000, 515000], [720000, 515000]] } }, 'selection_too_large', /at most 200 ha/],
    ['longitudes given as Lambert', { selection: { type: 'coordinates', crs: 'EPSG:26191', points: [[-2.93, 35.17], [-2.92, 35.17], [-2.92, 35.18]] } }, 'invalid_selection', /EPSG:4326/],
    ['a crossed polygon', { selection: { type: 'coordinates', crs: 'EPSG:26191', points: [[725000, 510000], [726000, 511000], [726000, 510000], [725000, 511000]] } }, 'invalid_selection', /not valid/],
    ['malformed coordinates', { selection: { type: 'coordinates', crs: 'EPSG:26191', points: [[725000, 'x'], [1, 2], [3, 4]] } }, 'invalid_request', /points/],
    ['an unknown language', { selection: { type: 'parcels', ids: [1] }, lang: 'en' }, 'invalid_request', /lang/],
  ])('%s → 400 %s', async (_what, body, code, reason) => {
    const res = await post(body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(reason);
  });

  it('says why in French and Arabic too', async () => {
    const body = { selection: { type: 'coordinates', crs: 'EPSG:4326', points: [[2.35, 48.85], [2.36, 48.85], [2.36, 48.86]] } };
    expect((await post(body, 'fr')).json().error.message).toMatch(/hors du territoire/);
    expect((await post(body, 'ar')).json().error.message).toMatch(/خارج نفوذ الوكالة/);
  });
});

describe('an unknown note', () => {
  it.each(['/api/notes/NRU-2026-999999?k=ABCDE', '/api/notes/NRU-2026-999999.pdf?k=ABCDE', '/notes/NRU-2026-999999?k=ABCDE'])('%s → 404', async (url) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('note_not_found');
    expect(res.json().error.message).toContain('NRU-2026-999999');
  });

  it('a malformed reference → 400', async () => {
    const res = await app.inject({ url: '/api/notes/12345' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
  });
});
