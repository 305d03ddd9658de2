// Builds the viewer (vite build → dist/client) when its sources are newer than the last build; used by
// `npm start` and the test set-up, so neither pays for a build that would change nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function buildClientIfStale(log: (m: string) => void = () => {}): void {
  const index = path.join(root, 'dist/client/index.html');
  const inputs = ['client', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(root, p)).filter(existsSync);
  const sources = Math.max(...inputs.map(newestMtime));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  log('building the viewer (vite build)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('vite build failed');
}
