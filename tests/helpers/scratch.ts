// A database of a test file's own (the test database's name + "_" + a tag), migrated and holding the 56
// real communes but not the sample: a test that publishes, imports or bumps the data version does it there,
// so that the other test files, which share the seeded database and run in parallel, never see it change
// under them (the seed's invariants, the tile ETags). Dropped by close().
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { migrate } from '../../server/db/migrate.js';
import { loadCommunes } from '../../server/seed/communes.js';

export interface Scratch {
  url: string;
  query<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The real app on this database. */
  app(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

async function admin(base: URL, text: string): Promise<void> {
  const url = new URL(base);
  url.pathname = '/postgres';
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** `tag`: letters, digits and underscores, unique to the test file (a database name cannot be bound). */
export async function scratchDatabase(tag: string): Promise<Scratch> {
  if (!/^\w{1,30}$/.test(tag)) throw new Error(`scratch database tag "${tag}": letters, digits and _ only`);
  const base = new URL(process.env.TEST_DATABASE_URL ?? inject('databaseUrl'));
  const name = `${base.pathname.slice(1)}_${tag}`;
  await admin(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(base, `CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const c = await pool.connect();
  try {
    await loadCommunes(c, () => {});
  } finally {
    c.release();
  }
  return {
    url: url.toString(),
    query: async (text, params = []) => (await pool.query(text, params)).rows,
    app: async () => buildApp({ ...loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), DATABASE_URL: url.toString() }),
    close: async () => {
      await pool.end();
      await admin(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
