// The report routes under random input, as tests/security/fuzz.test.ts does for every route: never a 500,
// always the one error shape; here also signed in, so the staff routes' own validation is reached.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, makeUser, type Signed } from '../accounts/helpers.js';
import { buildTestApp } from '../helpers/app.js';
import { postReport } from './helpers.js';

let app: FastifyInstance;
let staff: Signed;

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '1000000', REPORTS_PER_HOUR: '100000' });
  staff = await login(app, await makeUser('instructor', { tag: 'reports-fuzz' }));
});
afterAll(() => app?.close());

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("1' OR '1'='1", '../../etc/passwd', '\u0000', '-1', '0', '1e309', 'NaN', '99999999999999999999', 'الناظور', '<script>', ' ', '-2.93', '35.17'),
  fc.integer().map(String),
  fc.double().map(String),
);

function check(res: { statusCode: number; body: string }, what: string): void {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const body = JSON.parse(res.body);
    expect(typeof body.error?.code, what).toBe('string');
    expect(res.body, what).not.toMatch(/SELECT |syntax error|Failing row/);
  }
}

describe('report routes under random input', () => {
  it('POST /api/reports never answers 500 to random form fields', { timeout: 120_000 }, async () => {
    const fields = fc.dictionary(fc.constantFrom('category', 'description', 'lon', 'lat', 'parcelId', 'contact', 'lang', 'junk'), nasty);
    await fc.assert(
      fc.asyncProperty(fields, fc.constantFrom('wrong_zone', 'other', 'x'), async (f, category) => {
        const res = await postReport(app, { category, description: 'fuzz', ...f });
        check(res, JSON.stringify(f));
      }),
      { numRuns: 60, seed: 20261129 },
    );
  });

  it('follow and the staff routes never answer 500 to random bodies and ids', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), nasty, nasty, async (body, id, status) => {
        const follow = await app.inject({ method: 'POST', url: '/api/reports/follow', payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        check(follow, `follow ${JSON.stringify(body).slice(0, 100)}`);
        const e = encodeURIComponent;
        for (const [method, url] of [
          ['GET', `/api/staff/reports?status=${e(status)}&category=${e(id)}&limit=${e(id)}`],
          ['GET', `/api/staff/reports.geojson?status=${e(status)}`],
          ['GET', `/api/staff/reports/${e(id)}`],
          ['GET', `/api/staff/reports/${e(id)}/photo`],
          ['POST', `/api/staff/reports/${e(id)}/answer`],
          ['POST', `/api/staff/reports/${e(id)}/close`],
        ] as const) {
          const res = await app.inject({ method, url, ...as(staff), ...(method === 'POST' ? { payload: JSON.stringify(body), headers: { ...as(staff).headers, 'content-type': 'application/json' } } : {}) });
          check(res, `${method} ${url} ${JSON.stringify(body).slice(0, 100)}`);
        }
      }),
      { numRuns: 40, seed: 20261129 },
    );
  });
});
