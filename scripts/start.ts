// `npm start`: the database (project-local PostGIS unless DATABASE_URL is set), migrated and seeded on
// first use; the viewer built when its sources changed; then the server, until Ctrl-C.
import { loadConfig } from '../server/config.js';
import { ensureDatabase, ensurePostgres } from '../server/db/embedded.js';
import { migrate } from '../server/db/migrate.js';
import { runServer } from '../server/main.js';
import { isSeeded, seed } from '../server/seed/index.js';
import { ensurePdfTools } from '../server/documents/pdf.js';
import { ensureImportTools } from '../server/imports/readers/tools.js';
import { buildClientIfStale } from './build-client.js';

const log = (m: string) => console.log(`[tasmim] ${m}`);

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
  // GDAL and unzip read the files planners import; the rest of the server runs without them.
  await ensureImportTools().catch((err: Error) => log(`imports will fail until this is fixed: ${err.message}`));
  // pdftotext (poppler-utils) reads the text of the PDFs planners add to the documents library.
  await ensurePdfTools().catch((err: Error) => log(`document uploads will fail until this is fixed: ${err.message}`));
  buildClientIfStale(log);
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
