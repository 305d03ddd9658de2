// `npm run user:create` as an operator runs it: a child process against the test database.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { one, sql } from '../helpers/db.js';
import { as, login, uniqueEmail } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function userCreate(args: string[], password?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: inject('databaseUrl') };
  if (password !== undefined) env.TASMIM_PASSWORD = password;
  return new Promise((resolve) => {
    execFile(
      `${ROOT}node_modules/.bin/tsx`,
      ['scripts/user-create.ts', ...args],
      { cwd: ROOT, env, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

describe('npm run user:create', () => {
  it('creates an admin from TASMIM_PASSWORD, records it, and the admin can sign in and work', async () => {
    const email = uniqueEmail('cli-admin');
    const password = 'the first admin passphrase';
    const r = await userCreate(['--role', 'admin', '--email', email, '--name', 'Première Admin'], password);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`created admin`);
    expect(r.stdout + r.stderr).not.toContain(password);

    const user = await one<{ id: number; role: string; display_name: string; password_hash: string }>(
      'SELECT id, role, display_name, password_hash FROM users WHERE email = $1',
      [email],
    );
    expect(user).toMatchObject({ role: 'admin', display_name: 'Première Admin' });
    expect(user.password_hash).toMatch(/^\$scrypt\$v=1\$/);
    const [event] = await sql<{ actor_id: number | null; details: object }>(
      "SELECT actor_id, details FROM audit_events WHERE action = 'user.create' AND target_id = $1",
      [String(user.id)],
    );
    expect(event).toEqual({ actor_id: null, details: { role: 'admin', passwordGenerated: false, via: 'cli' } });

    const s = await login(app, { email, password });
    expect((await app.inject({ url: '/api/users?limit=1', ...as(s) })).statusCode).toBe(200);

    const again = await userCreate(['--role', 'planner', '--email', email.toUpperCase(), '--name', 'Twice'], password);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('refuses a weak password, saying why, and creates nothing', async () => {
    const email = uniqueEmail('cli-weak');
    const r = await userCreate(['--role', 'admin', '--email', email, '--name', 'Weak'], 'admin123');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('fewer than 12 characters');
    expect(await sql('SELECT 1 FROM users WHERE email = $1', [email])).toHaveLength(0);
  });

  it('has no default password: without TASMIM_PASSWORD and no terminal, it stops', async () => {
    const r = await userCreate(['--role', 'admin', '--email', uniqueEmail('cli-none'), '--name', 'None']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('TASMIM_PASSWORD');
  });

  it('checks its arguments', async () => {
    const r = await userCreate(['--role', 'superuser', '--email', uniqueEmail('cli-role'), '--name', 'X'], 'a long enough passphrase');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--role must be one of planner, instructor, admin');
  });
});
