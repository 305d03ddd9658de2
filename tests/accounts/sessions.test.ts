// Sign-in, the session cookie, expiry, sign-out and throttling, through the real app and database.
import { scryptSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_FAILURES_ALLOWED } from '../../server/accounts/throttle.js';
import { buildTestApp } from '../helpers/app.js';
import { one, sql } from '../helpers/db.js';
import { as, expectError, login, makeUser, newAddress, PASSWORD, type TestUser } from './helpers.js';

let app: FastifyInstance;
let planner: TestUser;
beforeAll(async () => {
  app = await buildTestApp();
  planner = await makeUser('planner', { tag: 'sessions' });
});
afterAll(() => app.close());

const signIn = (email: string, password: string, remoteAddress = newAddress()) =>
  app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress });

describe('sign-in', () => {
  it('answers the user and a CSRF token, and sets the session cookie', async () => {
    const s = await login(app, planner);
    const body = s.response.json();
    expect(body.user).toEqual({ id: planner.id, email: planner.email, name: 'Test planner', role: 'planner' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.response.headers['cache-control']).toBe('no-store');

    const me = await app.inject({ url: '/api/session', cookies: s.cookies });
    expect(me.json()).toMatchObject({ user: { id: planner.id, role: 'planner' }, csrfToken: body.csrfToken });
    const { last_login_at } = await one<{ last_login_at: Date | null }>('SELECT last_login_at FROM users WHERE id = $1', [planner.id]);
    expect(last_login_at).not.toBeNull();
  });

  it('takes the email in any case', async () => {
    await login(app, { email: planner.email.toUpperCase(), password: PASSWORD });
  });

  it('answers the same 401 to a wrong password, an unknown email and a disabled account', async () => {
    const disabled = await makeUser('planner', { tag: 'sessions-disabled', disabled: true });
    const answers = [
      await signIn(planner.email, 'not the password at all'),
      await signIn(`nobody-${Date.now()}@test.tasmim.invalid`, PASSWORD),
      await signIn(disabled.email, PASSWORD),
    ];
    for (const res of answers) {
      expectError(res, 401, 'invalid_credentials');
      expect(res.cookies).toHaveLength(0);
    }
    expect(new Set(answers.map((r) => r.body)).size).toBe(1);
  });

  it('sets an HttpOnly, SameSite=Strict, Secure __Host- cookie by default', async () => {
    const s = await login(app, planner);
    const cookie = s.response.cookies[0]!;
    expect(cookie).toMatchObject({ name: '__Host-tasmim_session', httpOnly: true, sameSite: 'Strict', secure: true, path: '/' });
    expect(cookie.domain).toBeUndefined();
    expect(cookie.maxAge).toBe(8 * 3600);
  });

  it('drops Secure (and the __Host- prefix) only when COOKIE_SECURE=false', async () => {
    const local = await buildTestApp({ COOKIE_SECURE: 'false' });
    try {
      const s = await login(local, planner);
      const cookie = s.response.cookies[0]!;
      expect(cookie).toMatchObject({ name: 'tasmim_session', httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(cookie.secure).toBeFalsy();
      expect(s.response.headers['set-cookie']).not.toMatch(/Secure/i);
    } finally {
      await local.close();
    }
  });

  it('opens a new session at each sign-in and ends the one the browser held (no fixation)', async () => {
    const first = await login(app, planner);
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email: planner.email, password: PASSWORD }, cookies: first.cookies, remoteAddress: newAddress() });
    expect(res.statusCode).toBe(200);
    const second = res.cookies[0]!.value;
    expect(second).not.toBe(Object.values(first.cookies)[0]);
    expect((await app.inject({ url: '/api/session', cookies: first.cookies })).json()).toEqual({ user: null });
    expect((await app.inject({ url: '/api/session', cookies: { [res.cookies[0]!.name]: second } })).json().user.id).toBe(planner.id);
  });

  it('upgrades a hash made with older parameters at the next sign-in', async () => {
    const old = await makeUser('instructor', { tag: 'sessions-rehash' });
    const salt = Buffer.alloc(16, 7);
    const key = scryptSync(PASSWORD.normalize('NFKC'), salt, 32, { N: 2 ** 10, r: 8, p: 1 });
    const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
    await sql('UPDATE users SET password_hash = $2 WHERE id = $1', [old.id, `$scrypt$v=1$ln=10,r=8,p=1$${b64(salt)}$${b64(key)}`]);
    await login(app, old);
    const { password_hash } = await one<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [old.id]);
    expect(password_hash).toMatch(/^\$scrypt\$v=1\$ln=15,r=8,p=3\$/);
    await login(app, old);
  });
});

describe('the session', () => {
  it('is anonymous without a cookie or with an unknown one', async () => {
    expect((await app.inject({ url: '/api/session' })).json()).toEqual({ user: null });
    const res = await app.inject({ url: '/api/session', cookies: { '__Host-tasmim_session': 'A'.repeat(43) } });
    expect(res.json()).toEqual({ user: null });
    expect(res.headers['set-cookie']).toMatch(/__Host-tasmim_session=;/);
  });

  it('ends at its absolute expiry', async () => {
    const s = await login(app, planner);
    expect((await app.inject({ url: '/api/users', cookies: s.cookies })).statusCode).toBe(403); // signed in, not admin
    await sql("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [planner.id]);
    expectError(await app.inject({ url: '/api/users', cookies: s.cookies }), 401, 'authentication_required');
    expect((await app.inject({ url: '/api/session', cookies: s.cookies })).json()).toEqual({ user: null });
  });

  it('ends after SESSION_IDLE_MINUTES without a request', async () => {
    const s = await login(app, planner);
    await sql("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1", [planner.id]);
    expect((await app.inject({ url: '/api/session', cookies: s.cookies })).json()).toEqual({ user: null });
  });

  it('ends when its account is disabled', async () => {
    const user = await makeUser('planner', { tag: 'sessions-off' });
    const s = await login(app, user);
    await sql('UPDATE users SET disabled = true WHERE id = $1', [user.id]);
    expect((await app.inject({ url: '/api/session', cookies: s.cookies })).json()).toEqual({ user: null });
  });
});

describe('sign-out', () => {
  it('needs the CSRF token, then deletes the session and clears the cookie', async () => {
    const s = await login(app, planner);
    expectError(await app.inject({ method: 'DELETE', url: '/api/session', ...as(s, false) }), 403, 'csrf_invalid');
    expectError(await app.inject({ method: 'DELETE', url: '/api/session', ...as(s, 'x'.repeat(43)) }), 403, 'csrf_invalid');

    const res = await app.inject({ method: 'DELETE', url: '/api/session', ...as(s) });
    expect(res.statusCode).toBe(204);
    expect(res.cookies[0]).toMatchObject({ name: '__Host-tasmim_session', value: '' });
    expect(res.cookies[0]!.maxAge).toBe(0);
    // The cookie kept by a client that ignores the clearing is worth nothing now.
    expect((await app.inject({ url: '/api/session', cookies: s.cookies })).json()).toEqual({ user: null });
    const id = (s.response.json().user as { id: number }).id;
    const events = await sql<{ action: string }>(
      "SELECT action FROM audit_events WHERE target_type = 'user' AND target_id = $1 ORDER BY id DESC LIMIT 1",
      [String(id)],
    );
    expect(events[0]!.action).toBe('session.logout');
  });

  it('answers 204 when nobody was signed in', async () => {
    expect((await app.inject({ method: 'DELETE', url: '/api/session' })).statusCode).toBe(204);
  });
});

describe('throttling', () => {
  it(`answers 429 with Retry-After after ${LOGIN_FAILURES_ALLOWED} failures on one account, from any address`, async () => {
    const user = await makeUser('planner', { tag: 'throttle-account' });
    for (let i = 0; i < LOGIN_FAILURES_ALLOWED; i++) expectError(await signIn(user.email, `wrong password ${i}`), 401, 'invalid_credentials');
    const res = await signIn(user.email, PASSWORD); // right, but too late
    expectError(res, 429, 'too_many_login_attempts');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(res.json().error.message).toContain(`${res.headers['retry-after']} s`);
    // Another account is not locked out by it.
    await login(app, planner);
  });

  it(`answers 429 after ${LOGIN_FAILURES_ALLOWED} failures from one address, whatever the account`, async () => {
    const ip = newAddress();
    for (let i = 0; i < LOGIN_FAILURES_ALLOWED; i++) {
      expectError(await signIn(`guess-${i}-${Date.now()}@test.tasmim.invalid`, PASSWORD, ip), 401, 'invalid_credentials');
    }
    expectError(await signIn(planner.email, PASSWORD, ip), 429, 'too_many_login_attempts');
    await login(app, planner, newAddress());
  });

  it('does not count successful sign-ins', async () => {
    const ip = newAddress();
    for (let i = 0; i < LOGIN_FAILURES_ALLOWED + 1; i++) await login(app, planner, ip);
  });
});
