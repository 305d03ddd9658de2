// requireRole and audit as the other slices use them: a route guarded for planners that changes state
// and writes its audit row in the same transaction.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../server/accounts/audit.js';
import { requireRole, userOf } from '../../server/accounts/guard.js';
import { withTransaction } from '../../server/db/pool.js';
import { buildTestApp } from '../helpers/app.js';
import { sql } from '../helpers/db.js';
import { as, expectError, login, makeUser, type Signed, type TestUser } from './helpers.js';

let app: FastifyInstance;
let planner: TestUser;
let instructor: TestUser;
let asPlanner: Signed;
let asInstructor: Signed;
const target = `guard-${Date.now()}`;

beforeAll(async () => {
  app = await buildTestApp();
  // A route as a slice would write it: a state change and its audit row, one transaction.
  app.post<{ Body: { fail?: boolean } }>('/api/test-guard/publish', { preHandler: requireRole('planner', 'admin') }, async (req) => {
    const user = userOf(req);
    await withTransaction(app.db, async (c) => {
      await audit(c, { actor: req.user, action: 'plan.publish', target: { type: 'plan', id: target }, details: { versionNo: 2 } });
      if (req.body?.fail) throw new Error('the change failed after the audit row was written');
    });
    return { user };
  });
  app.get('/api/test-guard/read', { preHandler: requireRole('instructor') }, async (req) => ({ user: req.user }));
  app.post('/api/test-guard/upload', { onRequest: requireRole('planner') }, async (req) => ({ user: req.user }));
  planner = await makeUser('planner', { tag: 'guard' });
  instructor = await makeUser('instructor', { tag: 'guard' });
  asPlanner = await login(app, planner);
  asInstructor = await login(app, instructor);
});
afterAll(() => app.close());

const publish = (headers: ReturnType<typeof as> | Record<string, never>, payload: object = {}) =>
  app.inject({ method: 'POST', url: '/api/test-guard/publish', payload, ...headers });

describe('requireRole', () => {
  it('answers 401 authentication_required without a session', async () => {
    expectError(await publish({}), 401, 'authentication_required');
    expectError(await app.inject({ url: '/api/test-guard/read' }), 401, 'authentication_required');
  });

  it('answers 403 csrf_invalid to a state change without the token, or with a wrong one', async () => {
    expectError(await publish(as(asPlanner, false)), 403, 'csrf_invalid');
    expectError(await publish(as(asPlanner, 'not-the-token')), 403, 'csrf_invalid');
    expectError(await publish(as(asPlanner, asInstructor.csrfToken)), 403, 'csrf_invalid'); // another session's
  });

  it('answers 403 forbidden to a role it does not name, and says which it needs', async () => {
    const res = await publish(as(asInstructor));
    expectError(res, 403, 'forbidden');
    expect(res.json().error.message).toContain('planner, admin');
    expect(res.json().error.details).toEqual({ required: ['planner', 'admin'] });
    expectError(await app.inject({ url: '/api/test-guard/read', cookies: asPlanner.cookies }), 403, 'forbidden');
  });

  it('lets the right role through with request.user; reads need no CSRF token', async () => {
    const res = await publish(as(asPlanner));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toEqual({ id: planner.id, email: planner.email, name: 'Test planner', role: 'planner' });
    const read = await app.inject({ url: '/api/test-guard/read', cookies: asInstructor.cookies });
    expect(read.json().user.role).toBe('instructor');
  });

  it('works as an onRequest hook too, refusing before the body is even read', async () => {
    const broken = { payload: '{"not json', headers: { 'content-type': 'application/json' } };
    expectError(await app.inject({ method: 'POST', url: '/api/test-guard/upload', ...broken }), 401, 'authentication_required');
    expectError(await app.inject({ method: 'POST', url: '/api/test-guard/publish', ...broken }), 400, 'invalid_request'); // preHandler: parsed first
    const ok = await app.inject({ method: 'POST', url: '/api/test-guard/upload', payload: {}, ...as(asPlanner) });
    expect(ok.json().user.id).toBe(planner.id);
  });

  it('names the roles explicitly: admin does not imply instructor', async () => {
    const admin = await login(app, await makeUser('admin', { tag: 'guard' }));
    expectError(await app.inject({ url: '/api/test-guard/read', cookies: admin.cookies }), 403, 'forbidden');
  });

  it('sees a role change at the next request', async () => {
    const user = await makeUser('instructor', { tag: 'guard-promoted' });
    const s = await login(app, user);
    expectError(await publish(as(s)), 403, 'forbidden');
    await sql("UPDATE users SET role = 'planner' WHERE id = $1", [user.id]);
    expect((await publish(as(s))).statusCode).toBe(200);
  });
});

describe('audit', () => {
  const rows = () =>
    sql<{ actor_id: number; actor_role: string; details: object }>(
      "SELECT actor_id, actor_role, details FROM audit_events WHERE action = 'plan.publish' AND target_type = 'plan' AND target_id = $1",
      [target],
    );

  it('writes the actor, its role, the target and the details with the change', async () => {
    const before = (await rows()).length;
    expect((await publish(as(asPlanner))).statusCode).toBe(200);
    const after = await rows();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toEqual({ actor_id: planner.id, actor_role: 'planner', details: { versionNo: 2 } });
  });

  it('rolls back with the change it records', async () => {
    const before = (await rows()).length;
    expect((await publish(as(asPlanner), { fail: true })).statusCode).toBe(500);
    expect(await rows()).toHaveLength(before);
  });

  it('refuses secrets in details and malformed actions', async () => {
    await expect(audit(app.db, { actor: null, action: 'user.create', details: { user: { password: 'x' } } })).rejects.toThrow(/secrets/);
    await expect(audit(app.db, { actor: null, action: 'Publish' })).rejects.toThrow(/action/);
  });

  it('is append-only', async () => {
    await expect(sql('UPDATE audit_events SET action = action WHERE id = (SELECT max(id) FROM audit_events)')).rejects.toThrow(/append-only/);
    await expect(sql('DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)')).rejects.toThrow(/append-only/);
  });
});
