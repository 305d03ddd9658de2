// Notes are writes with a reference number and a PDF each: past NOTES_PER_MINUTE from one address the
// next is refused with 429, the one error shape and when to come back; other addresses are not held up.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ NOTES_PER_MINUTE: '2' });
});
afterAll(() => app.close());

describe('POST /api/notes is rate-limited per address', () => {
  it('issues two notes, refuses the third with 429 and Retry-After, and still serves another address', async () => {
    const { id } = await one<{ id: number }>("SELECT id FROM parcels WHERE valid_to IS NULL AND reference LIKE 'TF %' ORDER BY id LIMIT 1");
    const post = (ip: string, lang = 'en') =>
      app.inject({ method: 'POST', url: `/api/notes?lang=${lang}`, remoteAddress: ip, payload: { selection: { type: 'parcels', ids: [id] }, lang: 'fr' } });
    expect((await post('192.0.2.10')).statusCode).toBe(201);
    expect((await post('192.0.2.10')).statusCode).toBe(201);
    const refused = await post('192.0.2.10', 'ar');
    expect(refused.statusCode, refused.body).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(refused.json().error.message).toMatch(/[\u0600-\u06ff]/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const before = await one<{ n: number }>('SELECT count(*)::int AS n FROM notes');
    expect((await post('192.0.2.11')).statusCode).toBe(201);
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM notes')).n).toBe(before.n + 1);
  });
});
