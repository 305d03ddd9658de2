// The import tests run on a database of their own per test file (the test database's name + "_imp_" + a
// tag), migrated and holding the 56 real communes, but not the sample: imported plans are real
// (non-illustrative) plans, their drafts lack regulations, and their publications bump the data version,
// all of which the shared sample's own tests (tests/seed) and the tile ETag tests must never see change
// under them. The database is dropped after the file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { hashPassword } from '../../server/accounts/passwords.js';
import type { Role } from '../../server/accounts/schemas.js';
import { fixture, type FixtureName } from '../fixtures/make-fixtures.js';
import { type Scratch, scratchDatabase as scratch } from '../helpers/scratch.js';

export type { Scratch };

/** This file's scratch database (tests/helpers/scratch.ts), named "<test database>_imp_<tag>". */
export const scratchDatabase = (tag: string): Promise<Scratch> => scratch(`imp_${tag}`);

let n = 0;
export async function makeUser(db: Scratch, role: Role): Promise<{ id: number; email: string; password: string; role: Role }> {
  const email = `${role}-${Date.now().toString(36)}-${++n}@test.tasmim.invalid`;
  const password = 'correct horse battery staple';
  const [row] = await db.query<{ id: number }>(
    'INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id',
    [email, `Test ${role}`, role, await hashPassword(password)],
  );
  return { id: row!.id, email, password, role };
}

/** A temporary folder for this file's fixtures. */
export async function fixtureDir(): Promise<{ dir: string; get(name: FixtureName): Promise<string>; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tasmim-fixtures-'));
  return { dir, get: (name) => fixture(dir, name), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A multipart/form-data body: text fields and one file. */
export function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tasmim${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function expectError(res: LightMyRequestResponse, status: number, code: string): { code: string; message: string; details?: unknown } {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(body.error.code, res.body).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}
