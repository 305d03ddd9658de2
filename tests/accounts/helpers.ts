// Accounts for tests: made directly in the test database with the server's own hashing, under emails
// unique to each run and file (the test database is kept between runs and shared by parallel files).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { hashPassword } from '../../server/accounts/passwords.js';
import type { Role } from '../../server/accounts/schemas.js';
import { one } from '../helpers/db.js';

export const PASSWORD = 'correct horse battery staple';

const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
let n = 0;
export const uniqueEmail = (tag: string) => `${tag}-${run}-${++n}@test.tasmim.invalid`;

/** A different client address per call, so each test has its own sign-in throttle. */
let address = 0;
export const newAddress = () => `10.${(++address >> 8) & 255}.${address & 255}.${1 + Math.floor(Math.random() * 250)}`;

const hashes = new Map<string, Promise<string>>();
const hashOf = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

export interface TestUser {
  id: number;
  email: string;
  password: string;
  role: Role;
}

export async function makeUser(role: Role, opts: { tag?: string; password?: string; disabled?: boolean } = {}): Promise<TestUser> {
  const email = uniqueEmail(opts.tag ?? role);
  const password = opts.password ?? PASSWORD;
  const { id } = await one<{ id: number }>(
    'INSERT INTO users (email, display_name, role, password_hash, disabled) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [email, `Test ${role}`, role, await hashOf(password), opts.disabled ?? false],
  );
  return { id, email, password, role };
}

export interface Signed {
  cookies: Record<string, string>;
  csrfToken: string;
  response: LightMyRequestResponse;
}

export async function login(app: FastifyInstance, user: { email: string; password: string }, remoteAddress = newAddress()): Promise<Signed> {
  const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password }, remoteAddress });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((c) => c.name.endsWith('tasmim_session'));
  expect(cookie).toBeDefined();
  return { cookies: { [cookie!.name]: cookie!.value }, csrfToken: response.json().csrfToken, response };
}

/** Headers and cookies of a signed-in request; `csrf: false` leaves the token out. */
export function as(s: Signed, csrf: boolean | string = true) {
  return { cookies: s.cookies, headers: csrf === false ? {} : { 'x-csrf-token': csrf === true ? s.csrfToken : csrf } };
}

export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect(res.json().error.message.length).toBeGreaterThan(10);
}
