// Every route of the OpenAPI document, fuzzed: random path parameters, query strings and bodies (property-
// based, fast-check) never get a 500, and every error has the one shape. Routes added later by other
// slices are covered automatically since the list comes from /api/docs/json.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
let routes: { method: string; path: string; params: string[]; query: string[] }[] = [];

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  const doc = (await app.inject({ url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
});
afterAll(() => app.close());

// Hostile and ordinary values alike: SQL injection, traversal, huge numbers, Arabic, control characters.
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("1' OR '1'='1", '1; DROP TABLE parcels; --', '../../etc/passwd', '%00', '-1', '0', '1e309', 'NaN',
    '99999999999999999999', '٣٥', 'الناظور', '{"a":1}', '<script>', '2024-13-45', '-180,-90,180,90', ' '),
  fc.integer().map(String),
  fc.double().map(String),
);

function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
}

function checkAnswer(res: { statusCode: number; body: string; headers: Record<string, unknown> }, what: string): void {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400 && String(res.headers['content-type']).startsWith('application/json')) {
    const body = JSON.parse(res.body);
    expect(typeof body.error?.code, what).toBe('string');
    expect(typeof body.error?.message, what).toBe('string');
    expect(res.body, what).not.toMatch(/\bat .*\.(ts|js):\d+|SELECT |syntax error/);
  }
}

describe('fuzzing every route', () => {
  it('never answers 500 to random path parameters and query strings', { timeout: 600_000 }, async () => {
    expect(routes.length).toBeGreaterThan(8);
    for (const r of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...r.params, 'x'), nasty),
          fc.dictionary(fc.constantFrom(...r.query, 'lang', 'at', 'junk'), nasty),
          async (params, query) => {
            const url = `${fill(r.path, params)}?${new URLSearchParams(query)}`;
            const res = await app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} });
            checkAnswer(res, `${r.method} ${url}`);
          },
        ),
        { numRuns: 25, seed: 20261128 },
      );
    }
  });

  it('never answers 500 to random JSON bodies on routes that take one', { timeout: 600_000 }, async () => {
    const posts = routes.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    for (const r of posts) {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.constantFrom(...r.params, 'x'), nasty), async (body, params) => {
          const url = fill(r.path, params);
          const res = await app.inject({ method: r.method as 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
          checkAnswer(res, `${r.method} ${url} ${JSON.stringify(body).slice(0, 100)}`);
        }),
        { numRuns: 25, seed: 20261128 },
      );
    }
  });
});

describe('hostile requests', () => {
  it.each(['/../../etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fpackage.json', '/.env', '/.data/postgres.log'])(
    'serves nothing outside the viewer for %s',
    async (url) => {
      const res = await app.inject({ url });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.body).not.toMatch(/root:|"dependencies"|DATABASE_URL|PostgreSQL/);
    },
  );

  it('refuses an oversized body with 413 in the error shape', async () => {
    const big = JSON.stringify({ type: 'parcels', references: ['x'.repeat(2 * 1024 * 1024)] });
    const res = await app.inject({ method: 'POST', url: '/api/selection', payload: big, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('treats SQL in every parameter as text', async () => {
    for (const url of [
      "/api/search?q=%27%3B%20DROP%20TABLE%20parcels%3B%20--",
      "/api/parcels/1%20OR%201=1",
      "/api/selection?references=TF%201%2F11%27%20OR%20%271%27%3D%271",
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBeLessThan(500);
    }
    const still = await app.inject({ url: '/api/health' });
    expect(still.statusCode).toBe(200);
  });

  it('sends security headers with a CSP MapLibre works under', async () => {
    const res = await app.inject({ url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
