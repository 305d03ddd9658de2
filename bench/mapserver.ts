// The peer: MapServer 8 (Debian's cgi-mapserver) making MVT from the same PostGIS tables, under FastCGI
// with as many mapserv workers as our server has database connections in use (the bench's concurrency),
// each keeping its connection open (CLOSE_CONNECTION=DEFER). The workers are pinned: spawn-fcgi binds the
// socket and execs multiwatch, which forks exactly `workers` mapserv processes on it and restarts any that
// dies; lighttpd's mod_fastcgi only forwards requests to that socket. (With lighttpd spawning them itself
// through `bin-path` and `max-procs` 8, it started 4 and a 5th under load.) spawn-fcgi runs in no-fork
// mode (-n) as our child, so multiwatch is its process: stopping it stops and reaps every worker.
// MapServer 8 refuses to run without a config file whose MS_MAP_PATTERN allows the mapfile
// (BENCHMARKS.md); ours allows only the mapfiles of this run's temporary folder.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, readlink, realpath, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDebianPackages, findCommand } from '../server/system/apt.js';
import { handle, onInterrupt, type Child } from './children.js';
import type { TileRef } from './tiles.js';

const MAPSERV = '/usr/lib/cgi-bin/mapserv';

/** Sources MapServer serves here, with the same layers and attributes as ours. */
export const MAPSERVER_SOURCES = ['communes', 'master', 'development', 'parcels'] as const;

export interface MapServer {
  origin: string;
  child: Child;
  /** mapserv processes running once the workers were up (counted in /proc). */
  workers: number;
  /** mapserv processes running now. */
  running(): Promise<number>;
  path(t: TileRef): string;
  stop(): Promise<void>;
}

/** libpq keywords from a postgresql:// URL (the socket folder travels as ?host=). */
function libpqConnection(url: string): string {
  const u = new URL(url);
  const host = u.searchParams.get('host') ?? u.hostname;
  const port = u.searchParams.get('port') ?? u.port ?? '5432';
  const parts = [`host=${host}`, `port=${port}`, `dbname=${u.pathname.slice(1)}`, `user=${decodeURIComponent(u.username)}`];
  if (u.password) parts.push(`password=${decodeURIComponent(u.password)}`);
  return parts.join(' ');
}

function layer(name: string, connection: string, sql: string, items: string): string {
  return `
  LAYER
    NAME "${name}"
    TYPE POLYGON
    STATUS ON
    CONNECTIONTYPE POSTGIS
    CONNECTION "${connection}"
    DATA "geom from (${sql}) as t using unique id using srid=3857"
    PROCESSING "CLOSE_CONNECTION=DEFER"
    PROJECTION "init=epsg:3857" END
    METADATA
      "gml_include_items" "${items}"
      "gml_types" "auto"
    END
  END`;
}

function mapfile(source: string, connection: string, at: string): string {
  const d = `'${at}'::date`;
  let layers: string;
  if (source === 'parcels') {
    layers = layer('parcels', connection,
      `select id, reference as ref, geom_3857 as geom from parcels where valid_from <= ${d} and (valid_to is null or ${d} < valid_to)`, 'ref');
  } else if (source === 'communes') {
    layers = layer('communes', connection,
      `select id, code, name->>'fr' as name_fr, name->>'ar' as name_ar, province, geom_3857 as geom from communes`, 'code,name_fr,name_ar,province');
  } else {
    layers =
      layer('zones', connection,
        `select zo.id, zo.code, zo.category::text as category, v.plan_id, v.in_force, zo.geom_3857 as geom from versions_at(${d}) v join zones zo on zo.version_id = v.version_id where v.kind = '${source}'`,
        'code,category,plan_id,in_force') +
      layer('plans', connection,
        `select v.plan_id as id, p.code, p.name->>'fr' as name_fr, p.name->>'ar' as name_ar, v.status::text as status, v.in_force, pv.geom_3857 as geom from versions_at(${d}) v join plan_versions pv on pv.id = v.version_id join plans p on p.id = v.plan_id where v.kind = '${source}'`,
        'code,name_fr,name_ar,status,in_force');
  }
  return `MAP
  NAME "${source}"
  EXTENT -20037508.34 -20037508.34 20037508.34 20037508.34
  SIZE 512 512
  UNITS METERS
  PROJECTION "init=epsg:3857" END
  OUTPUTFORMAT
    NAME "mvt"
    DRIVER MVT
    FORMATOPTION "EXTENT=4096"
    FORMATOPTION "EDGE_BUFFER=64"
  END${layers}
END
`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForTcp(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`lighttpd did not listen on 127.0.0.1:${port} in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopWorkers(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** Processes whose environment holds exactly `entry` (Linux /proc; ours only, by this run's unique path). */
async function processesWithEnv(entry: string): Promise<number[]> {
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((p) => /^\d+$/.test(p));
  const found: number[] = [];
  for (const pid of pids) {
    const env = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
    if (env.split('\0').includes(entry)) found.push(Number(pid));
  }
  return found;
}

/** The direct children of a process (Linux: /proc/<pid>/task/<tid>/children). */
async function childPids(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const lists = await Promise.all(tasks.map((t) => readFile(`/proc/${pid}/task/${t}/children`, 'utf8').catch(() => '')));
  return lists.join(' ').split(/\s+/).filter(Boolean).map(Number);
}

/** Waits until `pid` has `n` children whose command is mapserv; returns how many it has then. */
async function waitForWorkers(pid: number, n: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const workers = await mapservChildren(pid);
    if (workers.length >= n || Date.now() > deadline) return workers.length;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function mapservChildren(pid: number): Promise<number[]> {
  const out: number[] = [];
  const binary = await realpath(MAPSERV).catch(() => MAPSERV); // a symlink to /usr/bin/mapserv
  for (const child of await childPids(pid)) {
    const exe = await readlink(`/proc/${child}/exe`).catch(() => '');
    if (exe === binary) out.push(child);
  }
  return out;
}

export async function startMapServer(databaseUrl: string, at: string, workers: number): Promise<MapServer> {
  await ensureDebianPackages(['cgi-mapserver', 'mapserver-bin', 'lighttpd', 'spawn-fcgi', 'multiwatch'], { why: 'the MapServer peer of the benchmark' });
  const lighttpd = (await findCommand('lighttpd')) ?? '/usr/sbin/lighttpd';
  const spawnFcgi = (await findCommand('spawn-fcgi')) ?? '/usr/bin/spawn-fcgi';
  const multiwatch = (await findCommand('multiwatch')) ?? '/usr/bin/multiwatch';
  const dir = await mkdtemp(path.join(tmpdir(), 'tasmim-ms-'));
  const connection = libpqConnection(databaseUrl);
  for (const s of MAPSERVER_SOURCES) await writeFile(path.join(dir, `${s}.map`), mapfile(s, connection, at));
  const escaped = dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  await writeFile(path.join(dir, 'mapserver.conf'), `CONFIG\n  ENV\n    MS_MAP_PATTERN "^${escaped}/[a-z]+\\.map$"\n  END\nEND\n`);
  const socket = path.join(dir, 'mapserv.sock');
  const port = await freePort();
  await writeFile(
    path.join(dir, 'lighttpd.conf'),
    `server.document-root = "${dir}"
server.bind = "127.0.0.1"
server.port = ${port}
server.modules = ("mod_fastcgi")
server.errorlog = "${dir}/error.log"
server.max-keep-alive-requests = 100000
fastcgi.server = ("/mapserv" => ((
  "socket" => "${socket}",
  "check-local" => "disable"
)))
`,
  );
  // The workers first (lighttpd marks a backend it cannot connect to as down for a while).
  const fcgi = spawn(spawnFcgi, ['-n', '-s', socket, '-M', '0600', '--', multiwatch, '-f', String(workers), '-s', 'TERM', '--', MAPSERV], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MAPSERVER_CONFIG_FILE: path.join(dir, 'mapserver.conf') },
  });
  const pool = handle(fcgi, 0, { register: false });
  const started = await waitForWorkers(pool.pid, workers, 30_000);
  const child = spawn(lighttpd, ['-D', '-f', path.join(dir, 'lighttpd.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const h = handle(child, port, { register: false });
  const stop = async () => {
    forget();
    await h.stop();
    // multiwatch passes the SIGTERM on to its mapserv workers and waits for them; then any process left
    // whose environment names this run's config file (a worker that did not stop) is stopped too.
    await pool.stop();
    await new Promise((r) => setTimeout(r, 200));
    stopWorkers(await processesWithEnv(`MAPSERVER_CONFIG_FILE=${dir}/mapserver.conf`));
    await rm(dir, { recursive: true, force: true });
  };
  const forget = onInterrupt(stop);
  try {
    if (started < workers) throw new Error(`spawn-fcgi/multiwatch started ${started} mapserv workers of ${workers}`);
    await waitForTcp(port, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    child: h,
    workers: started,
    running: async () => (await mapservChildren(pool.pid)).length,
    path: (t) => `/mapserv?map=${encodeURIComponent(path.join(dir, `${t.source}.map`))}&mode=tile&tilemode=gmap&tile=${t.x}+${t.y}+${t.z}&layers=all&map.imagetype=mvt`,
    stop,
  };
}
