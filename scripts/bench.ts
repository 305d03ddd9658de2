// `npm run bench [-- --quick] [-- --rebuild] [-- --skip cold,mapserver,browser,import,build]`
//
// Builds (or reuses) the benchmark territories in databases of their own, measures tiles, answers, import,
// the browser and the JavaScript side by side with their floors and peers, prints Markdown and writes the
// same figures to bench/results/latest.json (and latest.md). What is measured and why: docs/performance.md.
// All load goes to 127.0.0.1, bounded in count and time; every process started here is stopped here.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { apiBench } from '../bench/api-bench.js';
import { browserBench } from '../bench/browser-bench.js';
import { bundleSizes } from '../bench/bundle.js';
import { importBench } from '../bench/import-bench.js';
import { markdown, targets, type BenchResults, type TerritoryResult } from '../bench/report.js';
import { stopAll } from '../bench/children.js';
import { ensureTerritory } from '../bench/territory.js';
import { defaultUniform, tileBench, type TilePlan } from '../bench/tile-bench.js';
import { ensurePostgres, PROJECT_ROOT } from '../server/db/embedded.js';
import { DEFAULT_SEED } from '../server/seed/random.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const rebuild = args.includes('--rebuild');
const skip = new Set((args[args.indexOf('--skip') + 1] ?? '').split(',').filter(() => args.includes('--skip')));
const log = (m: string) => console.error(`[bench] ${m}`);

const SIZES = quick ? [{ name: 'tasmim_bench_quick', parcels: 20_000 }] : [
  { name: 'tasmim_bench_200k', parcels: 200_000 },
  { name: 'tasmim_bench_1m', parcels: 1_000_000 },
];
const load = quick ? { concurrency: 8, durationMs: 400, maxRequests: 4000 } : { concurrency: 8, durationMs: 2500, maxRequests: 30_000 };
const plan: TilePlan = {
  uniform: defaultUniform(quick),
  viewportZooms: quick ? [14] : [8, 11, 14, 16],
  tilesPerRow: quick ? 15 : 40,
  viewportsPerZoom: quick ? 2 : 4,
  load,
  rounds: quick ? 2 : 4,
  mapserver: !skip.has('mapserver'),
  // One restart of the database per cold row: --quick measures the viewport replay only (about 15 s).
  cold: skip.has('cold') ? [] : quick ? ['viewport'] : ['viewport', 'densest'],
};

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const loadAverage = os.loadavg();
  const pg = await ensurePostgres({ log });
  try {
    const territories: TerritoryResult[] = [];
    let largestUrl = '';
    for (const size of SIZES) {
      const t = await ensureTerritory(pg.adminUrl, { ...size, seed: DEFAULT_SEED, rebuild, log });
      log(`${t.name}: ${JSON.stringify(t.counts)}`);
      const tiles = await tileBench(t, plan, log);
      const api = await apiBench(t, quick ? { requests: 200, durationMs: 1000 } : { requests: 2000, durationMs: 8000 });
      log(`${t.name}: parcel sheet p95 ${api.parcelSheet.p95} ms, identify p95 ${api.identify.p95} ms, ${api.geojson.featuresPerSecond} GeoJSON features/s`);
      const { url, ...rest } = t;
      territories.push({ territory: rest, tiles, api });
      largestUrl = url;
    }
    const firstUrl = (await ensureTerritory(pg.adminUrl, { ...SIZES[0]!, seed: DEFAULT_SEED, log })).url;
    const imported = skip.has('import') ? null : await importBench(pg.adminUrl, firstUrl, quick ? 5_000 : 100_000);
    if (imported) log(`import: ours ${imported.ours.rowsPerSecond} rows/s, ogr2ogr ${imported.ogr2ogr.rowsPerSecond} rows/s`);
    // --quick measures the existing build when there is one (a vite build takes a minute on a busy machine).
    const bundle = bundleSizes(!skip.has('build') && !(quick && existsSync(path.join(PROJECT_ROOT, 'dist/client/index.html'))));
    const browser = skip.has('browser')
      ? null
      : await browserBench(
          largestUrl,
          [['territory (first visit, default view)', ''], ...(quick ? [] : [['parcels of Nador at z16', 'map=16/35.1685/-2.9335'] as [string, string]])],
          quick ? 1 : 3,
        );
    const partial: Omit<BenchResults, 'targets'> = {
      startedAt, quick,
      machine: { cpus: os.cpus().length, node: process.version, loadAverage },
      settings: { ...load, tilesPerRow: plan.tilesPerRow, viewportsPerZoom: plan.viewportsPerZoom, uniform: plan.uniform, viewportZooms: plan.viewportZooms, cold: plan.cold },
      territories, import: imported, browser, bundle,
    };
    const results: BenchResults = { ...partial, targets: targets(partial) };
    const md = markdown(results);
    process.stdout.write(md);
    const dir = path.join(PROJECT_ROOT, 'bench/results');
    const name = quick ? 'latest-quick' : 'latest';
    await writeFile(path.join(dir, `${name}.json`), JSON.stringify(results, null, 2) + '\n');
    await writeFile(path.join(dir, `${name}.md`), md);
    log(`wrote bench/results/${name}.json and ${name}.md`);
  } finally {
    await pg.stop();
  }
}

// Interrupted (Ctrl-C, a timeout): stop every server, floor and MapServer worker this run started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping what this run started`);
    void stopAll().finally(() => process.exit(130));
  });
}

main()
  .catch((err: unknown) => {
    console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  })
  // Everything this run started is stopped by now; a kept-alive socket must not hold the process open.
  .finally(() => void stopAll().finally(() => process.exit()));
