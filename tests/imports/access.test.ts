// Who may import, edit, publish and read drafts: planners and admins only (401 without a session, 403 for
// another role), and every state-changing route refuses a request without the session's CSRF token —
// through the accounts' one guard (server/accounts/guard.ts). A refused request changes nothing.
import { readFile } from 'node:fs/promises';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, type Signed } from '../accounts/helpers.js';
import { expectError, fixtureDir, makeUser, multipart, scratchDatabase, type Scratch } from './helpers.js';

let db: Scratch;
let app: FastifyInstance;
let fx: Awaited<ReturnType<typeof fixtureDir>>;
const s = {} as Record<'planner' | 'admin' | 'instructor', Signed>;
let versionId: number;
let planId: number;
let importId: number;
let upload: { payload: Buffer; headers: Record<string, string> };

beforeAll(async () => {
  fx = await fixtureDir();
  db = await scratchDatabase('access');
  app = await db.app();
  for (const role of ['planner', 'admin', 'instructor'] as const) s[role] = await login(app, await makeUser(db, role));
  upload = multipart(
    { planCode: 'test-imp-access', kind: 'development', name: 'PA accès', codeField: 'CODE', labelFrField: 'NOM_FR', labelArField: 'NOM_AR' },
    { name: 'zones-v1.geojson', data: await readFile(await fx.get('zones-v1.geojson')) },
  );
  const res = await app.inject({ method: 'POST', url: '/api/imports', payload: upload.payload, headers: { ...upload.headers, ...as(s.planner).headers }, cookies: s.planner.cookies });
  expect(res.statusCode, res.body).toBe(201);
  ({ versionId, planId, importId } = res.json());
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await fx?.remove();
});

type Route = { name: string; changes: boolean; req: () => InjectOptions };
const routes: Route[] = [
  { name: 'POST /api/imports', changes: true, req: () => ({ method: 'POST', url: '/api/imports', payload: upload.payload, headers: upload.headers }) },
  { name: 'GET /api/imports', changes: false, req: () => ({ method: 'GET', url: '/api/imports' }) },
  { name: 'GET /api/imports/:id', changes: false, req: () => ({ method: 'GET', url: `/api/imports/${importId}` }) },
  { name: 'GET /api/drafts', changes: false, req: () => ({ method: 'GET', url: '/api/drafts' }) },
  { name: 'GET /api/drafts/:id', changes: false, req: () => ({ method: 'GET', url: `/api/drafts/${versionId}` }) },
  { name: 'PUT regulations', changes: true, req: () => ({ method: 'PUT', url: `/api/drafts/${versionId}/regulations/UA`, payload: { maxHeightM: 12 } }) },
  { name: 'DELETE regulations', changes: true, req: () => ({ method: 'DELETE', url: `/api/drafts/${versionId}/regulations/UA` }) },
  { name: 'PUT zones', changes: true, req: () => ({ method: 'PUT', url: `/api/drafts/${versionId}/zones/UA`, payload: { category: 'commercial' } }) },
  { name: 'DELETE draft', changes: true, req: () => ({ method: 'DELETE', url: `/api/drafts/${versionId}` }) },
  { name: 'POST publish', changes: true, req: () => ({ method: 'POST', url: `/api/drafts/${versionId}/publish`, payload: { validFrom: '2020-01-01' } }) },
  { name: 'POST status', changes: true, req: () => ({ method: 'POST', url: `/api/plans/${planId}/status`, payload: { status: 'public_inquiry' } }) },
];

function withSession(r: InjectOptions, who: Signed | null, csrf: boolean | string): InjectOptions {
  if (!who) return r;
  const extra = as(who, csrf);
  return { ...r, cookies: extra.cookies, headers: { ...(r.headers as Record<string, string> | undefined), ...extra.headers } };
}

const state = async () =>
  (await db.query<{ s: string }>(
    `SELECT (SELECT state::text FROM plan_versions WHERE id = $1) || '/' || (SELECT count(*) FROM regulations WHERE version_id = $1) || '/' ||
            (SELECT string_agg(DISTINCT category::text, ',') FROM zones WHERE version_id = $1 AND code = 'UA') || '/' ||
            (SELECT count(*) FROM imports) || '/' || (SELECT count(*) FROM plan_status_events) s`, [versionId]))[0]!.s;

describe('access to imports and drafts', () => {
  it('answers 401 to a request without a session', async () => {
    const before = await state();
    for (const r of routes) expectError(await app.inject(r.req()), 401, 'authentication_required');
    expect(await state()).toBe(before);
  });

  it('answers 403 to a signed-in user of another role', async () => {
    const before = await state();
    for (const r of routes) {
      const res = await app.inject(withSession(r.req(), s.instructor, true));
      expect(res.statusCode, `${r.name}: ${res.body}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect(await state()).toBe(before);
  });

  it('refuses every state-changing route without the CSRF token, or with a wrong one, even to planners', async () => {
    const before = await state();
    for (const r of routes.filter((x) => x.changes)) {
      for (const who of [s.planner, s.admin]) {
        const missing = await app.inject(withSession(r.req(), who, false));
        expect(missing.statusCode, `${r.name}: ${missing.body}`).toBe(403);
        expect(missing.json().error.code).toBe('csrf_invalid');
        const wrong = await app.inject(withSession(r.req(), who, 'x'.repeat(43)));
        expect(wrong.json().error.code, r.name).toBe('csrf_invalid');
        // Another session's token is no better.
        const other = await app.inject(withSession(r.req(), who, (who === s.planner ? s.admin : s.planner).csrfToken));
        expect(other.json().error.code, r.name).toBe('csrf_invalid');
      }
    }
    expect(await state()).toBe(before);
  });

  it('lets planners and admins read, and admins change, a draft', async () => {
    for (const who of [s.planner, s.admin]) {
      for (const r of routes.filter((x) => !x.changes)) {
        const res = await app.inject(withSession(r.req(), who, false));
        expect(res.statusCode, `${r.name}: ${res.body}`).toBe(200);
      }
    }
    const res = await app.inject(withSession(routes.find((r) => r.name === 'PUT regulations')!.req(), s.admin, true));
    expect(res.statusCode, res.body).toBe(200);
    const [audit] = await db.query<{ actor_id: number; actor_role: string }>(
      `SELECT actor_id, actor_role FROM audit_events WHERE action = 'regulation.edit' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ actor_role: 'admin' });
  });
});
