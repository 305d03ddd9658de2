// npm run test:load — the server under load, overload and faults, as a separate process on loopback:
//  1. 64 connections for 60 s on tiles, identify, the parcel sheet and search: no 5xx, p99 bounded,
//     memory flat;
//  2. overload (256 connections on uncached work): only successes or 503 with Retry-After; recovers alone;
//  3. the database stopped during load (when this run owns the embedded cluster): 503 with a clear
//     message, the process stays up, and answers again without a restart when the database returns;
//  4. SIGTERM: the requests in flight finish, the pool closes, the process exits 0.
// Ends with the plain line "N passed, N failed".
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import { ensureDatabase, ensurePostgres, stopEmbeddedPostgres } from '../../server/db/embedded.js';
import { migrate } from '../../server/db/migrate.js';
import { isSeeded, seed } from '../../server/seed/index.js';
import { buildClientIfStale } from '../../scripts/build-client.js';
import { get, load, percentile, type Sample } from './load.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const results: { name: string; ok: boolean; detail: string }[] = [];
const check = (name: string, ok: boolean, detail: string) => {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tileOf(lon: number, lat: number, z: number): string {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return `${z}/${Math.floor(((lon + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)}`;
}

function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '1000000', DB_POOL_MAX: '10' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => /is running/.test(d.toString()) && resolve());
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

const summary = (samples: Sample[]) => {
  const ms = samples.map((s) => s.ms);
  return `${samples.length} requests, p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms`;
};

async function main(): Promise<number> {
  const cluster = await ensurePostgres({ log: (m) => console.log(`[db] ${m}`) });
  const url = process.env.TEST_DATABASE_URL ?? (await ensureDatabase(cluster.adminUrl, 'tasmim_test'));
  await migrate(url);
  if (!(await isSeeded(url))) await seed(url);
  buildClientIfStale((m) => console.log(m));

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const parcels = (await db.query<{ id: number; ref: string; lon: number; lat: number }>(
    `SELECT id, reference AS ref, ST_X(ST_PointOnSurface(geom_4326)) AS lon, ST_Y(ST_PointOnSurface(geom_4326)) AS lat
     FROM parcels WHERE valid_to IS NULL ORDER BY md5(id::text) LIMIT 2000`,
  )).rows;
  await db.end();
  const pick = <T>(a: T[]) => a[Math.floor(Math.random() * a.length)]!;
  const mix = () => {
    const p = pick(parcels);
    const r = Math.random();
    if (r < 0.55) return { kind: 'tile', path: `/tiles/${pick(['parcels', 'development', 'overlays', 'communes'])}/${tileOf(p.lon, p.lat, 14 + Math.floor(Math.random() * 4))}.mvt` };
    if (r < 0.7) return { kind: 'identify', path: `/api/identify?lon=${p.lon}&lat=${p.lat}` };
    if (r < 0.9) return { kind: 'sheet', path: `/api/parcels/${p.id}` };
    return { kind: 'search', path: `/api/search?q=${encodeURIComponent(p.ref.slice(0, 6 + Math.floor(Math.random() * 4)))}` };
  };

  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(url, port);

  // 1. Load
  const memory: number[] = [];
  const sampler = setInterval(() => memory.push(rss(server.pid!)), 1000);
  const samples = await load(base, 64, SECONDS, mix);
  clearInterval(sampler);
  const fivexx = samples.filter((s) => s.status >= 500 || s.status === 0);
  const codes = [...new Set(fivexx.map((s) => s.code ?? String(s.status)))].join(', ');
  check('load: no 5xx at 64 connections', fivexx.length === 0, `${summary(samples)}, ${fivexx.length} errors${codes ? ` (${codes})` : ''}`);
  for (const kind of ['tile', 'identify', 'sheet', 'search']) {
    const mine = samples.filter((s) => s.kind === kind);
    check(`load: ${kind} answered`, mine.length > 0 && mine.every((s) => s.status < 500), summary(mine));
  }
  const p99 = percentile(samples.map((s) => s.ms), 99);
  check('load: p99 bounded (< 3 s)', p99 < 3000, `p99 ${p99.toFixed(0)} ms`);
  const third = Math.max(1, Math.floor(memory.length / 3));
  const early = Math.max(...memory.slice(third, 2 * third));
  const late = Math.max(...memory.slice(2 * third));
  check('load: memory flat', late < early * 1.25 + 32, `RSS ${memory[0]?.toFixed(0)} → ${early.toFixed(0)} → ${late.toFixed(0)} MB`);

  // 2. Overload: uncached answers (dates make every tile a cache miss) from 256 connections.
  let day = 0;
  const heavy = () => {
    const p = pick(parcels);
    day++;
    const at = `20${20 + (day % 6)}-0${1 + (day % 9)}-${10 + (day % 18)}`;
    return Math.random() < 0.5
      ? { kind: 'tile', path: `/tiles/parcels/${tileOf(p.lon, p.lat, 14)}.mvt?at=${at}` }
      : { kind: 'sheet', path: `/api/parcels/${p.id}?at=${at}` };
  };
  const over = await load(base, 256, 10, heavy);
  const bad = over.filter((s) => (s.status >= 500 && !(s.status === 503 && s.retryAfter)) || s.status === 0);
  const shed = over.filter((s) => s.status === 503).length;
  check('overload: only answers or 503 with Retry-After', bad.length === 0, `${summary(over)}, ${shed} shed with 503, ${bad.length} other errors`);
  const agent = new http.Agent({ keepAlive: true });
  let recovered = false;
  for (let i = 0; i < 30 && !recovered; i++) {
    recovered = (await get(agent, base, '/api/health')).status === 200;
    if (!recovered) await sleep(500);
  }
  check('overload: recovers alone', recovered, recovered ? 'health 200 after the load stopped' : 'health not 200 within 15 s');

  // 3. Faults: stop the database under light load, then bring it back.
  if (cluster.startedHere && !process.env.DATABASE_URL) {
    const during = load(base, 8, 12, mix);
    await sleep(2000);
    await stopEmbeddedPostgres();
    await sleep(1500);
    const h = await get(agent, base, '/api/health');
    const body = h.body ? JSON.parse(h.body) : {};
    check('faults: database down → 503 with a clear message', h.status === 503 && body.error?.code === 'database_unavailable' && !!h.headers['retry-after'], `${h.status} ${h.body.slice(0, 120)}`);
    check('faults: the process stays up', server.exitCode === null, `exit code ${server.exitCode}`);
    await ensurePostgres();
    const answered = await during;
    check('faults: only 2xx/4xx or 503 while the database is away', answered.every((s) => s.status < 500 || s.status === 503), summary(answered));
    let back = false;
    for (let i = 0; i < 60 && !back; i++) {
      back = (await get(agent, base, '/api/health')).status === 200 && (await get(agent, base, `/api/parcels/${parcels[0]!.id}`)).status === 200;
      if (!back) await sleep(500);
    }
    check('faults: recovers without a restart when the database returns', back, back ? 'health and sheet 200 again' : 'still failing after 30 s');
  } else {
    console.log('skip faults: this run does not own the database (DATABASE_URL set, or the embedded cluster was already running)');
  }

  // 4. SIGTERM with requests in flight: uncached sheets sent on their own connections, given a moment to
  // reach the server, then the signal.
  const fresh = new http.Agent({ keepAlive: false });
  const inflight = Array.from({ length: 12 }, () => get(fresh, base, heavy().path.replace('/tiles/parcels/', '/tiles/development/')));
  await sleep(300);
  server.kill('SIGTERM');
  const exitCode = await new Promise<number | null>((resolve) => {
    const t = setTimeout(() => resolve(null), 60_000);
    server.on('exit', (code) => {
      clearTimeout(t);
      resolve(code);
    });
  });
  const done = await Promise.all(inflight);
  check('SIGTERM: requests in flight finish', done.every((r) => r.status === 200 || r.status === 204), done.map((r) => r.status).join(' '));
  check('SIGTERM: exits cleanly', exitCode === 0, `exit code ${exitCode}`);
  agent.destroy();
  server = undefined as unknown as ChildProcess;
  if (cluster.startedHere) await stopEmbeddedPostgres();

  const failed = results.filter((r) => !r.ok).length;
  console.log(`\n${results.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (err: Error) => {
  console.error(err);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
});
