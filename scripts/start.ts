// `npm start`: the database (project-local PostGIS unless DATABASE_URL is set), migrated and seeded on
// first use; the viewer built when its sources changed; then the server, until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../server/config.js';
import { ensureDatabase, ensurePostgres } from '../server/db/embedded.js';
import { migrate } from '../server/db/migrate.js';
import { runServer } from '../server/main.js';
import { isSeeded, seed } from '../server/seed/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (m: string) => console.log(`[tasmim] ${m}`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildClientIfStale(): void {
  const index = path.join(root, 'dist/client/index.html');
  const sources = Math.max(newestMtime(path.join(root, 'client')), statSync(path.join(root, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  log('building the viewer (vite build)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('vite build failed');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const pg = await ensurePostgres({ log });
  const url = config.DATABASE_URL ?? (await ensureDatabase(pg.adminUrl, 'tasmim'));
  await migrate(url, log);
  if (!(await isSeeded(url))) {
    log('first start: loading the sample territory (real commune boundaries, illustrative plans and parcels)…');
    const r = await seed(url, { log });
    log(`sample loaded: ${r.plans} plans, ${r.zones} zones, ${r.overlays} overlays, ${r.parcels} parcels in ${(r.ms / 1000).toFixed(1)} s`);
  }
  buildClientIfStale();
  const close = await runServer({ ...config, DATABASE_URL: url });
  const shown = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  log(`Tasmim is running: open http://${shown}:${config.PORT}/  (API docs: http://${shown}:${config.PORT}/api/docs)`);

  const shutdown = async (signal: string) => {
    log(`${signal}: finishing requests in flight, closing the pool…`);
    await close();
    if (pg.startedHere) {
      log('stopping the project-local PostgreSQL');
      await pg.stop();
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: Error) => {
  console.error(`[tasmim] cannot start: ${err.message}`);
  process.exit(1);
});
