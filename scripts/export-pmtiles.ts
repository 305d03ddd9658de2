// `npm run export:pmtiles [-- --out DIR] [-- --max-zoom N] [-- --sources a,b]`: the published layers as
// PMTiles v3 archives, DIR/<source>.pmtiles (default dist/pmtiles), for object storage and a CDN. The
// viewer reads them with ?tiles=pmtiles:<url of DIR> (client/map/pmtiles.ts). Reads DATABASE_URL, else the
// embedded cluster's `tasmim` database.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createPool } from '../server/db/pool.js';
import { ensureDatabase, ensurePostgres, PROJECT_ROOT } from '../server/db/embedded.js';
import { exportSource } from '../server/tiles/export.js';
import { SOURCES } from '../server/tiles/sources.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const out = path.resolve(flag('--out') ?? path.join(PROJECT_ROOT, 'dist/pmtiles'));
  const maxZoom = Number(flag('--max-zoom') ?? 16);
  if (!Number.isInteger(maxZoom) || maxZoom < 0 || maxZoom > 22) throw new Error('--max-zoom takes a zoom from 0 to 22');
  const wanted = flag('--sources')?.split(',');
  const sources = wanted ? SOURCES.filter((s) => wanted.includes(s.id)) : SOURCES;
  if (wanted && sources.length !== wanted.length) throw new Error(`unknown source in ${wanted.join(',')}; known: ${SOURCES.map((s) => s.id).join(', ')}`);
  const pg = await ensurePostgres();
  const pool = createPool(process.env.DATABASE_URL ?? (await ensureDatabase(pg.adminUrl, 'tasmim')), { max: 4, statementTimeoutMs: 60_000 });
  try {
    await mkdir(out, { recursive: true });
    for (const s of sources) {
      const t0 = performance.now();
      const r = await exportSource(pool, s, { maxZoom, concurrency: 4, log: (m) => console.error(`[pmtiles] ${m}`) });
      // Written aside then renamed: a CDN syncing the folder never sees half an archive.
      const file = path.join(out, `${s.id}.pmtiles`);
      await writeFile(`${file}.partial`, r.archive);
      await rename(`${file}.partial`, file);
      console.log(`${file}: ${r.tiles} tiles, ${(r.bytes / 1048576).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    await pool.end();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(`[pmtiles] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
