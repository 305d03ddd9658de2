// The admin's routes: accounts and the audit trail; what planners and the public get there; no route
// ever answers a password hash.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';
import { as, expectError, login, makeUser, newAddress, PASSWORD, type Signed, type TestUser, uniqueEmail } from './helpers.js';

let app: FastifyInstance;
let admin: TestUser;
let asAdmin: Signed;
let asPlanner: Signed;
const responses: LightMyRequestResponse[] = [];

beforeAll(async () => {
  app = await buildTestApp();
  admin = await makeUser('admin', { tag: 'users' });
  asAdmin = await login(app, admin);
  asPlanner = await login(app, await makeUser('planner', { tag: 'users' }));
});
afterAll(() => app.close());

/** Every answer of this file is kept, to check that none carries a password hash. */
async function call(opts: InjectOptions) {
  const res = await app.inject(opts);
  responses.push(res);
  return res;
}
afterEach(() => {
  for (const res of responses.splice(0)) {
    expect(res.body).not.toMatch(/\$scrypt\$|password_?hash/i);
  }
});

const create = (body: object, who: Signed = asAdmin) => call({ method: 'POST', url: '/api/users', payload: body, ...as(who) });
const patch = (id: number, body: object, who: Signed = asAdmin) => call({ method: 'PATCH', url: `/api/users/${id}`, payload: body, ...as(who) });

describe('who may', () => {
  it('answers 401 to the public and 403 to a planner on every admin route', async () => {
    for (const [method, url] of [['GET', '/api/users'], ['GET', '/api/audit'], ['POST', '/api/users'], ['PATCH', `/api/users/${admin.id}`]] as const) {
      const payload = method === 'GET' ? undefined : { role: 'admin', email: uniqueEmail('nope'), name: 'Nope' };
      expectError(await call({ method, url, payload }), 401, 'authentication_required');
      expectError(await call({ method, url, payload, ...as(asPlanner) }), 403, 'forbidden');
    }
  });

  it('refuses an admin state change without the CSRF token', async () => {
    const body = { email: uniqueEmail('csrf'), name: 'No Token', role: 'planner', password: PASSWORD };
    expectError(await call({ method: 'POST', url: '/api/users', payload: body, ...as(asAdmin, false) }), 403, 'csrf_invalid');
    expectError(await call({ method: 'POST', url: '/api/users', payload: body, ...as(asAdmin, asPlanner.csrfToken) }), 403, 'csrf_invalid');
    expect((await create(body)).statusCode).toBe(201);
  });
});

describe('accounts', () => {
  it('lists the accounts, keyset-paged', async () => {
    const first = await call({ url: '/api/users?limit=2', cookies: asAdmin.cookies });
    expect(first.statusCode).toBe(200);
    const page = first.json() as { users: { id: number; email: string }[]; next: string | null };
    expect(page.users).toHaveLength(2);
    expect(Object.keys(page.users[0]!).sort()).toEqual(['createdAt', 'disabled', 'email', 'id', 'lastLoginAt', 'name', 'role']);
    const second = (await call({ url: `/api/users?limit=2&cursor=${page.next}`, cookies: asAdmin.cookies })).json();
    expect(second.users[0].id).toBeGreaterThan(page.users[1]!.id);
    let cursor: string | null = null;
    const seen: string[] = [];
    do {
      const p: { users: { email: string }[]; next: string | null } = (
        await call({ url: `/api/users?limit=500${cursor ? `&cursor=${cursor}` : ''}`, cookies: asAdmin.cookies })
      ).json();
      seen.push(...p.users.map((u) => u.email));
      cursor = p.next;
    } while (cursor);
    expect(seen).toContain(admin.email);
    expectError(await call({ url: '/api/users?limit=100000', cookies: asAdmin.cookies }), 400, 'invalid_request');
  });

  it('creates an account with the password the admin gives; it can sign in', async () => {
    const email = uniqueEmail('created');
    const res = await create({ email, name: '  Salma Planner ', role: 'planner', password: 'a long enough passphrase' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().user).toMatchObject({ email, name: 'Salma Planner', role: 'planner', disabled: false, lastLoginAt: null });
    expect(res.json().generatedPassword).toBeUndefined();
    await login(app, { email, password: 'a long enough passphrase' });
  });

  it('generates a one-time password when none is given, shown once', async () => {
    const email = uniqueEmail('generated');
    const res = await create({ email, name: 'Generated', role: 'instructor' });
    expect(res.statusCode).toBe(201);
    const generated = res.json().generatedPassword as string;
    expect(generated).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    await login(app, { email, password: generated });
    const list = await call({ url: '/api/users?limit=500', cookies: asAdmin.cookies });
    expect(list.body).not.toContain(generated);
  });

  it('refuses a weak password and says why', async () => {
    for (const [password, why] of [['short1234', '12 characters'], ['abababababababab', 'repeats'], ['users-xyz-' + 'Weak Name'.toLowerCase(), 'name']] as const) {
      const res = await call({ method: 'POST', url: '/api/users?lang=en', payload: { email: uniqueEmail('weak'), name: 'Weak Name', role: 'planner', password }, ...as(asAdmin) });
      expectError(res, 400, 'weak_password');
      expect(res.json().error.message).toContain(why);
    }
    const fr = await call({ method: 'POST', url: '/api/users?lang=fr', payload: { email: uniqueEmail('weak'), name: 'W', role: 'planner', password: 'court' }, ...as(asAdmin) });
    expect(fr.json().error.message).toContain('moins de 12 caractères');
  });

  it('refuses an email already taken, whatever its case', async () => {
    const email = uniqueEmail('taken');
    expect((await create({ email, name: 'First', role: 'planner', password: PASSWORD })).statusCode).toBe(201);
    expectError(await create({ email: email.toUpperCase(), name: 'Second', role: 'planner', password: PASSWORD }), 409, 'email_taken');
  });

  it('refuses unknown roles and ids, and ignores fields it does not know', async () => {
    expectError(await create({ email: uniqueEmail('x'), name: 'X', role: 'public', password: PASSWORD }), 400, 'invalid_request');
    const email = uniqueEmail('extra');
    const res = await create({ email, name: 'X', role: 'planner', password: PASSWORD, passwordHash: '$scrypt$v=1$forged', disabled: true });
    expect(res.json().user.disabled).toBe(false);
    await login(app, { email, password: PASSWORD });
    expectError(await patch(999999999, { role: 'planner' }), 404, 'not_found');
    expectError(await patch(admin.id, {}), 400, 'invalid_request');
  });

  it('changes a role, effective at once', async () => {
    const user = await makeUser('instructor', { tag: 'users-role' });
    const s = await login(app, user);
    expectError(await call({ url: '/api/users', cookies: s.cookies }), 403, 'forbidden');
    const res = await patch(user.id, { role: 'admin' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.role).toBe('admin');
    expect((await call({ url: '/api/users', cookies: s.cookies })).statusCode).toBe(200);
  });

  it('disables an account: signed out everywhere, cannot sign in; enabling lets it back', async () => {
    const user = await makeUser('planner', { tag: 'users-disable' });
    const s = await login(app, user);
    expect((await patch(user.id, { disabled: true })).json().user.disabled).toBe(true);
    expect((await call({ url: '/api/session', cookies: s.cookies })).json()).toEqual({ user: null });
    expectError(await call({ method: 'POST', url: '/api/session', payload: user, remoteAddress: newAddress() }), 401, 'invalid_credentials');
    await patch(user.id, { disabled: false });
    await login(app, user);
  });

  it('resets a password (given or generated): the old one and the old sessions stop working', async () => {
    const user = await makeUser('planner', { tag: 'users-reset' });
    const s = await login(app, user);
    const res = await patch(user.id, { generatePassword: true });
    const generated = res.json().generatedPassword as string;
    expect(generated).toBeTruthy();
    expect((await call({ url: '/api/session', cookies: s.cookies })).json()).toEqual({ user: null });
    expectError(await call({ method: 'POST', url: '/api/session', payload: user, remoteAddress: newAddress() }), 401, 'invalid_credentials');
    await login(app, { email: user.email, password: generated });
    expect((await patch(user.id, { password: 'another long passphrase' })).json().generatedPassword).toBeUndefined();
    await login(app, { email: user.email, password: 'another long passphrase' });
    expectError(await patch(user.id, { password: 'x', generatePassword: true }), 400, 'invalid_request');
    expectError(await patch(user.id, { password: 'tooshort' }), 400, 'weak_password');
  });

  it('keeps the admin signed in when they reset their own password', async () => {
    const self = await makeUser('admin', { tag: 'users-self' });
    const s = await login(app, self);
    const res = await patch(self.id, { password: 'my own new passphrase' }, s);
    expect(res.statusCode, res.body).toBe(200);
    expect((await call({ url: '/api/session', cookies: s.cookies })).json().user.id).toBe(self.id);
  });
});

describe('the audit trail', () => {
  it('records sign-ins, failures, creations and changes, newest first, keyset-paged and by action', async () => {
    const email = uniqueEmail('audited');
    const created = (await create({ email, name: 'Audited', role: 'planner', password: PASSWORD })).json().user as { id: number };
    await login(app, { email, password: PASSWORD });
    await call({ method: 'POST', url: '/api/session', payload: { email, password: 'wrong wrong wrong' }, remoteAddress: newAddress() });
    await patch(created.id, { role: 'instructor' });

    const res = await call({ url: '/api/audit?limit=500', cookies: asAdmin.cookies });
    expect(res.statusCode).toBe(200);
    const events = (res.json().events as { id: number; action: string; target: { id: string } | null }[]).filter((e) => e.target?.id === String(created.id));
    expect(events.map((e) => e.action)).toEqual(['user.update', 'session.login_failed', 'session.login', 'user.create']);
    const ids = (res.json().events as { id: number }[]).map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const [update, failed, signIn, creation] = res.json().events.filter((e: { target: { id: string } | null }) => e.target?.id === String(created.id));
    expect(creation).toMatchObject({ actor: { id: admin.id, email: admin.email }, actorRole: 'admin', target: { type: 'user' }, details: { role: 'planner', passwordGenerated: false, via: 'api' } });
    expect(signIn).toMatchObject({ actor: { id: created.id }, actorRole: 'planner' });
    expect(failed).toMatchObject({ actor: null, actorRole: null, details: { reason: 'wrong_password' } });
    expect(update.details).toEqual({ role: { from: 'planner', to: 'instructor' } });

    const byAction = (await call({ url: '/api/audit?action=user.create&limit=5', cookies: asAdmin.cookies })).json();
    expect(byAction.events.every((e: { action: string }) => e.action === 'user.create')).toBe(true);
    expect(byAction.events[0].target.id).toBe(String(created.id));

    const one1 = (await call({ url: '/api/audit?limit=1', cookies: asAdmin.cookies })).json();
    const two = (await call({ url: `/api/audit?limit=1&cursor=${one1.next}`, cookies: asAdmin.cookies })).json();
    expect(two.events[0].id).toBeLessThan(one1.events[0].id);
    expectError(await call({ url: '/api/audit?action=DROP%20TABLE', cookies: asAdmin.cookies }), 400, 'invalid_request');
  });

  it('keeps no password in the trail', async () => {
    const { n } = await one<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE details::text ~* '(scrypt|passphrase|correct horse)'",
    );
    expect(n).toBe(0);
  });
});
