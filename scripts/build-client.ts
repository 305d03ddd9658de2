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
  // server/: the client takes values from the server's schemas (limits, enums) as well as their types.
  const inputs = ['client', 'server', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(root, p)).filter(existsSync);
  const sources = Math.max(...inputs.map(newestMtime));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  log('building the viewer (vite build)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // A production build whoever calls: under vitest NODE_ENV is 'test', and Vite would then bundle React's
    // development build (twice the size, slower) into the dist/client that `npm start` later serves.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('vite build failed');
}
