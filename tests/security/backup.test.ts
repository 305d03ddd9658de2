// npm run db:backup / db:restore: a round trip restores the same data.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, inject, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../server/db/backup.js';
import { databaseUrlFor, ensureDatabase } from '../../server/db/embedded.js';

const CHECKSUMS = `
  SELECT (SELECT md5(string_agg(reference || ST_AsBinary(geom_4326)::text, ',' ORDER BY id)) FROM parcels) AS parcels,
         (SELECT md5(string_agg(code || label::text || ST_AsBinary(geom_4326)::text, ',' ORDER BY id)) FROM zones) AS zones,
         (SELECT md5(string_agg(r::text, ',' ORDER BY id)) FROM regulations r) AS regulations,
         (SELECT count(*) FROM schema_migrations) AS migrations`;

const dir = await mkdtemp(path.join(tmpdir(), 'tasmim-backup-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows[0]!;
  } finally {
    await c.end();
  }
}

it('backs up the database and restores the same data into another one', { timeout: 240_000 }, async () => {
  const source = inject('databaseUrl');
  const file = path.join(dir, 'test.dump');
  await backupDatabase(source, file);
  const adminUrl = databaseUrlFor(source, 'postgres');
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query('DROP DATABASE IF EXISTS tasmim_restore_check WITH (FORCE)');
  await c.end();
  // An empty database with the extensions, as a new server would have it.
  const target = await ensureDatabase(adminUrl, 'tasmim_restore_check');
  try {
    await restoreDatabase(target, file);
    const [a, b] = await Promise.all([query(source, CHECKSUMS), query(target, CHECKSUMS)]);
    expect(b).toEqual(a);
    expect(Number(a.migrations)).toBeGreaterThan(3);
  } finally {
    const d = new pg.Client({ connectionString: adminUrl });
    await d.connect();
    await d.query('DROP DATABASE IF EXISTS tasmim_restore_check WITH (FORCE)');
    await d.end();
  }
});
