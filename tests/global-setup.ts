// Before any test: the project-local PostGIS (or DATABASE_URL's server) with a separate test database,
// migrated and seeded with the deterministic sample; the viewer built; Chromium installed. What this
// started is stopped after the run.
import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, ensurePostgres } from '../server/db/embedded.js';
import { migrate } from '../server/db/migrate.js';
import { seed } from '../server/seed/index.js';
import { ensureChromium } from '../server/system/chromium.js';

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
  await migrate(url, log);
  const report = await seed(url, { log: () => {} });
  log(`seeded ${report.parcels} parcels, ${report.zones} zones in ${report.ms} ms`);
  process.env.TEST_DATABASE_URL = url;
  project.provide('databaseUrl', url);

  const chromium = await ensureChromium();
  project.provide('chromiumPath', chromium);
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');

  return async () => {
    if (pg.startedHere) await pg.stop();
  };
}
