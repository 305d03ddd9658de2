// The benchmark's figures as one JSON document (bench/results/latest.json) and as Markdown tables: the
// targets first (met / missed, each with the figures it compares), then the details per territory.
import type { ApiBenchResult } from './api-bench.js';
import type { BrowserBenchResult } from './browser-bench.js';
import type { BundleResult } from './bundle.js';
import type { ImportBenchResult } from './import-bench.js';
import type { LoadResult } from './load.js';
import type { Territory } from './territory.js';
import type { TileBenchResult } from './tile-bench.js';

export interface TerritoryResult {
  territory: Omit<Territory, 'url'>;
  tiles: TileBenchResult;
  api: ApiBenchResult;
}

export interface BenchResults {
  startedAt: string;
  quick: boolean;
  machine: { cpus: number; node: string; loadAverage: number[] };
  settings: Record<string, unknown>;
  territories: TerritoryResult[];
  import: ImportBenchResult | null;
  browser: BrowserBenchResult | null;
  bundle: BundleResult;
  targets: Target[];
}

export interface Target {
  target: string;
  where: string;
  measured: string;
  met: boolean | null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const r2 = (n: number) => Math.round(n * 100) / 100;

export function targets(r: Omit<BenchResults, 'targets'>): Target[] {
  const out: Target[] = [];
  for (const t of r.territories) {
    const where = `${t.territory.counts.parcels?.toLocaleString('en')} parcels`;
    const rows = t.tiles.rows;
    const rSql = median(rows.map((x) => x.rSql));
    const rCache = median(rows.map((x) => x.rCache));
    const ms = rows.filter((x) => x.rMapserver !== null);
    const rMs = median(ms.map((x) => x.rMapserver!));
    // Empty tiles are answered from the coverage grid without their statement (server/tiles/coverage.ts),
    // which the floor still runs: the rows where every tile has features say what the server costs on top
    // of PostgreSQL when both do the same work.
    const full = rows.filter((x) => x.emptyShare === 0);
    const rFull = median(full.map((x) => x.rSql));
    out.push({
      target: 'uncached tiles/s ≥ 0.9 × SQL floor', where,
      measured: `median ratio ${r2(rSql)} over ${rows.length} rows (${full.length} rows without empty tiles: ${r2(rFull)})`,
      met: rSql >= 0.9,
    });
    out.push({ target: 'cached tiles/s ≥ 0.8 × serving floor', where, measured: `median ratio ${r2(rCache)} over ${rows.length} rows`, met: rCache >= 0.8 });
    out.push({
      target: 'uncached tiles/s ≥ 1.5 × MapServer 8 (same tiles)', where,
      measured: ms.length ? `median ratio ${r2(rMs)} over ${ms.length} rows (cached: ${r2(median(ms.map((x) => x.cached.perSecond / x.mapserver!.perSecond)))})` : 'not run',
      met: ms.length ? rMs >= 1.5 : null,
    });
  }
  const largest = [...r.territories].sort((a, b) => (b.territory.counts.parcels ?? 0) - (a.territory.counts.parcels ?? 0))[0];
  if (largest) {
    const where = `${largest.territory.counts.parcels?.toLocaleString('en')} parcels`;
    const p95 = largest.api.parcelSheet.p95;
    out.push({ target: 'parcel sheet p95 ≤ 20 ms (at 1,000,000 parcels)', where, measured: `p95 ${p95} ms (p50 ${largest.api.parcelSheet.p50})`, met: p95 <= 20 });
    const max = Math.max(...Object.values(largest.tiles.maxRawByZoom));
    const at = Object.entries(largest.tiles.maxRawByZoom).find(([, b]) => b === max)?.[0];
    out.push({ target: 'no tile > 500 KB at any zoom (at 1,000,000 parcels)', where, measured: `largest ${Math.round(max / 1024)} KB (z${at}, uncompressed MVT)`, met: max <= 500 * 1024 });
  }
  const first = r.browser?.views[0];
  out.push({
    target: 'first complete map ≤ 1.5 s (loopback)', where: first ? first.view : '-',
    measured: first ? `median ${first.medianMs} ms of ${first.runsMs.length}` : 'not run', met: first ? first.medianMs <= 1500 : null,
  });
  out.push({ target: 'app JS ≤ 60 KB gzipped beyond MapLibre and React', where: 'dist/client/assets', measured: `${r.bundle.appKb} KB (MapLibre ${r.bundle.maplibreKb}, React ${r.bundle.reactKb}, on demand ${r.bundle.lazyKb})`, met: r.bundle.appKb <= 60 });
  return out;
}

const fmtLoad = (l: LoadResult | null) => (l ? `${l.perSecond}` : '–');
const lat = (l: LoadResult | null) => (l ? `${l.p50}/${l.p95}/${l.p99}` : '–');

export function markdown(r: BenchResults): string {
  const lines: string[] = [];
  lines.push(`# Tasmim benchmark${r.quick ? ' (quick)' : ''}, ${r.startedAt}`, '');
  lines.push(`${r.machine.cpus} CPUs, Node ${r.machine.node}, load average at start ${r.machine.loadAverage.map((x) => x.toFixed(2)).join(' ')}. ` +
    `Concurrency ${String(r.settings.concurrency)}, ${String(r.settings.durationMs)} ms per run.`, '');
  lines.push('## Targets', '', '| target | where | measured | |', '|---|---|---|---|');
  for (const t of r.targets) lines.push(`| ${t.target} | ${t.where} | ${t.measured} | ${t.met === null ? 'not run' : t.met ? 'met' : 'missed'} |`);
  for (const t of r.territories) {
    const c = t.territory.counts;
    lines.push('', `## Tiles: ${t.territory.name} (${c.parcels?.toLocaleString('en')} parcels, ${c.zones} zones, ${c.overlays} overlays)`, '');
    lines.push('tiles/s side by side (same tiles, same concurrency); latency p50/p95/p99 in ms; bytes: uncompressed MVT median / max, gzip median.', '');
    lines.push('| row | tiles | empty | SQL floor | uncached | R_sql | MapServer | R_ms | cached | serving floor | R_cache | uncached ms | cached ms | SQL ms | MapServer ms | bytes med/max (gz) |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const x of t.tiles.rows) {
      lines.push(`| ${x.label} | ${x.tiles} | ${Math.round(x.emptyShare * 100)} % | ${fmtLoad(x.sql)} | ${fmtLoad(x.uncached)} | ${x.rSql} | ${fmtLoad(x.mapserver)} | ${x.rMapserver ?? '–'} | ` +
        `${fmtLoad(x.cached)} | ${fmtLoad(x.floor)} | ${x.rCache} | ${lat(x.uncached)} | ${lat(x.cached)} | ${lat(x.sql)} | ${lat(x.mapserver)} | ` +
        `${kb(x.bytes.medianRaw)} / ${kb(x.bytes.maxRaw)} (${kb(x.bytes.medianGz)}) |`);
    }
    const cold = t.tiles.cold;
    if (cold) {
      lines.push('', `Cold: each row's distinct tiles asked once (concurrency ${String(r.settings.concurrency)}) of a server process started for it ` +
        `(TILE_CACHE_MB=0), right after ${cold.note}; then once more on the same server (second pass). ` +
        'Warm uncached: the uncached side above (same tiles). Latency p50/p95/p99 in ms; times from the spawn of the server process.', '');
      lines.push('| row | tiles | cold tiles/s | cold ms | cold errors | second pass tiles/s | second pass ms | warm uncached tiles/s | warm uncached ms | cold ÷ warm | cold ÷ second | PG restart ms | listening ms | first answer ms |');
      lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
      for (const x of cold.rows) {
        lines.push(`| ${x.label} | ${x.tiles} | ${fmtLoad(x.cold)} | ${lat(x.cold)} | ${x.cold.errors} | ${fmtLoad(x.second)} | ${lat(x.second)} | ` +
          `${fmtLoad(x.warm)} | ${lat(x.warm)} | ${x.coldToWarm ?? '–'} | ${x.coldToSecond} | ${x.restartMs ?? '–'} | ${x.listenMs} | ${x.firstAnswerMs ?? '–'} |`);
      }
    }
    const errors = t.tiles.rows.reduce((a, x) => a + x.uncached.errors + x.cached.errors + x.sql.errors, 0);
    lines.push('', `Largest tile per zoom (uncompressed): ${Object.entries(t.tiles.maxRawByZoom).map(([z, b]) => `z${z} ${kb(b)}`).join(', ')}. ` +
      `Errors (ours and SQL): ${errors}. Cached server: ${t.tiles.serverRssMb ?? '?'} MB resident, ${t.tiles.cacheMb} MB of gzip tiles.` +
      (t.tiles.mapserverWorkers ? ` MapServer: ${t.tiles.mapserverWorkers.started} mapserv workers of ${t.tiles.mapserverWorkers.wanted} at start, ${t.tiles.mapserverWorkers.atEnd} after its last row.` : ''));
    const a = t.api;
    lines.push('', '| answer (one at a time) | requests | p50 ms | p95 ms | p99 ms |', '|---|---|---|---|---|');
    lines.push(`| GET /api/identify | ${a.identify.requests} | ${a.identify.p50} | ${a.identify.p95} | ${a.identify.p99} |`);
    lines.push(`| GET /api/parcels/:id | ${a.parcelSheet.requests} | ${a.parcelSheet.p50} | ${a.parcelSheet.p95} | ${a.parcelSheet.p99} |`);
    lines.push('', `GeoJSON (GET /api/plans/${a.geojson.plan}/zones, pages of 1,000): ${a.geojson.featuresPerSecond.toLocaleString('en')} features/s ` +
      `(${a.geojson.features} features in ${a.geojson.pages} pages, page p50 ${a.geojson.pageP50} ms, p95 ${a.geojson.pageP95} ms).`);
    if (t.territory.seedMs) lines.push('', `Territory seeded in ${Math.round(t.territory.seedMs / 1000)} s${t.territory.built ? ' (this run)' : ' (reused)'}.`);
  }
  if (r.import) {
    const i = r.import;
    lines.push('', '## Import', '', `${i.rows.toLocaleString('en')} parcels, GeoJSON file of ${i.fileMb} MB, into PostGIS with a GiST index:`, '');
    lines.push('| loader | s | rows/s |', '|---|---|---|');
    lines.push(`| ogr2ogr (GDAL, COPY) | ${i.ogr2ogr.seconds} | ${i.ogr2ogr.rowsPerSecond.toLocaleString('en')} |`);
    lines.push(`| ours: ${i.ours.method} | ${i.ours.seconds} | ${i.ours.rowsPerSecond.toLocaleString('en')} |`);
  }
  if (r.browser) {
    lines.push('', '## Browser (headless Chromium, software WebGL, 1280×800, fresh context per run)', '', '| view | runs ms | median ms | tile requests |', '|---|---|---|---|');
    for (const v of r.browser.views) lines.push(`| ${v.view} | ${v.runsMs.join(', ')} | ${v.medianMs} | ${v.tileRequests} |`);
  }
  const b = r.bundle;
  lines.push('', '## JavaScript (gzip -9)', '', '| chunk | kind | KB |', '|---|---|---|');
  for (const f of b.files) lines.push(`| ${f.file} | ${f.kind} | ${f.gzipKb} |`);
  return lines.join('\n') + '\n';
}

const kb = (b: number) => (b === 0 ? '0' : b < 1024 ? `${b} B` : `${(b / 1024).toFixed(1)} KB`);
