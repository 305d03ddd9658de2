// Before any test: the project-local PostGIS (or DATABASE_URL's server) with a separate test database,
// migrated and seeded with the deterministic sample; the viewer built; Chromium installed. What this
// started is stopped after the run.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, ensurePostgres } from '../server/db/embedded.js';
import { migrate } from '../server/db/migrate.js';
import { seed } from '../server/seed/index.js';
import { ensureChromium } from '../server/system/chromium.js';
import { ensureImportTools } from '../server/imports/readers/tools.js';
import { ensurePdfTools } from '../server/documents/pdf.js';
import { buildClientIfStale } from '../scripts/build-client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    chromiumPath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (m: string) => console.log(`[setup] ${m}`);
  const pg = await ensurePostgres({ log });
  const url = process.env.TEST_DATABASE_URL ?? (await ensureDatabase(pg.adminUrl, 'tasmim_test'));
  try {
    await migrate(url, log);
  } catch (err) {
    // The test database is disposable: a migration edited during development (before it lands) makes it
    // unusable, so it is made again from scratch rather than failing every run.
    if (process.env.TEST_DATABASE_URL || !/was changed after it was applied/.test((err as Error).message)) throw err;
    log(`${(err as Error).message}: recreating the test database`);
    await withClient(pg.adminUrl, (c) => c.query('DROP DATABASE IF EXISTS tasmim_test WITH (FORCE)'));
    await ensureDatabase(pg.adminUrl, 'tasmim_test');
    await migrate(url, log);
  }
  // Reseed only when the generator changed since the last run (its sources' hash is kept as the database's
  // comment): several test runs at once then share one sample instead of replacing it under each other.
  const fingerprint = await seedFingerprint();
  if ((await databaseComment(url)) !== fingerprint) {
    const report = await seed(url, { log: () => {} });
    await setDatabaseComment(url, fingerprint);
    log(`seeded ${report.parcels} parcels, ${report.zones} zones in ${report.ms} ms`);
  }
  process.env.TEST_DATABASE_URL = url;
  project.provide('databaseUrl', url);

  await ensureImportTools(); // GDAL (gdal-bin) and unzip, for the import tests
  await ensurePdfTools(); // pdftotext (poppler-utils), for the documents library's uploads
  const chromium = await ensureChromium();
  project.provide('chromiumPath', chromium);
  buildClientIfStale(log);

  return async () => {
    if (pg.startedHere) await pg.stop();
  };
}

async function seedFingerprint(): Promise<string> {
  const dir = new URL('../server/seed/', import.meta.url);
  const hash = createHash('sha256');
  for (const f of (await readdir(dir)).sort()) hash.update(f).update(await readFile(new URL(f, dir)));
  for (const f of ['data/communes.geojson']) hash.update(await readFile(new URL(`../${f}`, import.meta.url)));
  return `tasmim sample ${hash.digest('hex').slice(0, 16)}`;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const databaseComment = (url: string) =>
  withClient(url, async (c) =>
    (await c.query<{ d: string | null }>('SELECT shobj_description(oid, \'pg_database\') AS d FROM pg_database WHERE datname = current_database()')).rows[0]?.d ?? null);

const setDatabaseComment = (url: string, text: string) =>
  withClient(url, async (c) => {
    const db = (await c.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
    await c.query(`COMMENT ON DATABASE ${c.escapeIdentifier(db)} IS ${c.escapeLiteral(text)}`);
  });
