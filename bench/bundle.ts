// The viewer's JavaScript as a visitor downloads it: each chunk of dist/client/assets gzipped (level 9, as
// a static server or CDN would), sorted into MapLibre, React, the app itself (the other chunks index.html
// loads) and chunks loaded only on demand (e.g. the PMTiles protocol, imported in ?tiles=pmtiles: mode).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../server/db/embedded.js';

export interface BundleResult {
  appKb: number;
  maplibreKb: number;
  reactKb: number;
  lazyKb: number;
  files: Array<{ file: string; kind: 'app' | 'maplibre' | 'react' | 'lazy'; gzipKb: number }>;
}

export function bundleSizes(build: boolean): BundleResult {
  if (build) {
    const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('vite build failed');
  }
  const dir = path.join(PROJECT_ROOT, 'dist/client/assets');
  const index = readFileSync(path.join(PROJECT_ROOT, 'dist/client/index.html'), 'utf8');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const kind = file.startsWith('maplibre') ? 'maplibre' : file.startsWith('react') ? 'react' : index.includes(file) ? 'app' : 'lazy';
      return { file, kind: kind as BundleResult['files'][number]['kind'], gzipKb: Math.round(gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length / 102.4) / 10 };
    });
  const sum = (k: string) => Math.round(files.filter((f) => f.kind === k).reduce((a, f) => a + f.gzipKb, 0) * 10) / 10;
  return { appKb: sum('app'), maplibreKb: sum('maplibre'), reactKb: sum('react'), lazyKb: sum('lazy'), files };
}
