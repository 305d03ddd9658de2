// Reads on a streaming replica: a hot standby of the embedded cluster made with pg_basebackup -R in a
// temporary folder and started on its own socket; the app built with DATABASE_READ_URL pointing at it sends
// the read-only routes there (their statements show up in the standby's pg_stat_activity) and keeps writes
// and health on the primary. Skipped when the tests run against a DATABASE_URL server instead.
import { execFile } from 'node:child_process';
import { chown, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PG_DATA_DIR, PG_SOCKET_DIR } from '../../server/db/embedded.js';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';

const run = promisify(execFile);
const primaryUrl = new URL(inject('databaseUrl'));
const embedded = primaryUrl.searchParams.get('host') === PG_SOCKET_DIR;

let dir = '';
let replicaUrl = '';
let pgCtl: (args: string[]) => Promise<unknown> = async () => {};
let app: FastifyInstance | null = null;

/** Runs a PostgreSQL binary as the owner of the embedded cluster (postgres refuses root). */
async function asClusterOwner(): Promise<{ bin: (name: string, args: string[]) => Promise<unknown>; uid: number; gid: number }> {
  const { uid, gid } = await stat(PG_DATA_DIR);
  const major = (await readFile(path.join(PG_DATA_DIR, 'PG_VERSION'), 'utf8')).trim();
  const bindir = `/usr/lib/postgresql/${major}/bin`;
  const user = (await run('id', ['-nu', String(uid)])).stdout.trim();
  const bin = (name: string, args: string[]) =>
    process.getuid?.() === uid
      ? run(path.join(bindir, name), args, { cwd: '/' })
      : run('runuser', ['-u', user, '--', path.join(bindir, name), ...args], { cwd: '/' });
  return { bin, uid, gid };
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

describe.skipIf(!embedded)('DATABASE_READ_URL on a streaming replica', () => {
  beforeAll(async () => {
    const { bin, uid, gid } = await asClusterOwner();
    dir = await mkdtemp(path.join(tmpdir(), 'tasmim-replica-'));
    const data = path.join(dir, 'data');
    const socket = path.join(dir, 'run');
    for (const d of [dir, data, socket]) {
      await mkdir(d, { recursive: true, mode: 0o700 });
      await chown(d, uid, gid);
    }
    const port = 55000 + (process.pid % 900);
    // -R writes standby.signal and primary_conninfo (the primary's socket): a streaming replica.
    await bin('pg_basebackup', ['-D', data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync',
      '-h', PG_SOCKET_DIR, '-p', primaryUrl.searchParams.get('port') ?? '5432', '-U', decodeURIComponent(primaryUrl.username)]);
    pgCtl = (args) => bin('pg_ctl', ['-D', data, ...args]);
    await pgCtl(['-l', path.join(dir, 'log'), '-w', '-t', '60', '-o', `-c port=${port} -c unix_socket_directories=${socket} -c shared_buffers=32MB -c hot_standby=on`, 'start']);
    replicaUrl = `postgresql://${primaryUrl.username}@localhost${primaryUrl.pathname}?host=${encodeURIComponent(socket)}&port=${port}`;
    app = await buildTestApp({ DATABASE_READ_URL: replicaUrl });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    if (dir) {
      await pgCtl(['-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is a standby, and the read pool is on it while writes stay on the primary', async () => {
    expect((await query<{ r: boolean }>(replicaUrl, 'SELECT pg_is_in_recovery() r'))[0]!.r).toBe(true);
    expect((await app!.dbRead.query<{ r: boolean }>('SELECT pg_is_in_recovery() r')).rows[0]!.r).toBe(true);
    expect((await app!.db.query<{ r: boolean }>('SELECT pg_is_in_recovery() r')).rows[0]!.r).toBe(false);
  });

  it('answers the parcel sheet, identify and tiles from the replica', async () => {
    const p = await one<{ id: number; lon: number; lat: number }>(
      `SELECT id, ST_X(ST_PointOnSurface(geom_4326)) lon, ST_Y(ST_PointOnSurface(geom_4326)) lat FROM parcels ORDER BY id OFFSET 50 LIMIT 1`,
    );
    expect((await app!.inject({ url: `/api/parcels/${p.id}` })).statusCode).toBe(200);
    expect((await app!.inject({ url: `/api/identify?lon=${p.lon}&lat=${p.lat}` })).statusCode).toBe(200);
    const n = 2 ** 16;
    const x = Math.floor(((p.lon + 180) / 360) * n);
    const r = (p.lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
    expect((await app!.inject({ url: `/tiles/parcels/16/${x}/${y}.mvt` })).statusCode).toBe(200);

    // pg_stat_activity keeps each connection's last statement: the read pool's are on the standby.
    const onReplica = await query<{ query: string }>(replicaUrl, `SELECT query FROM pg_stat_activity WHERE application_name = 'tasmim-read'`);
    expect(onReplica.some((q) => q.query.includes('tile_parcels'))).toBe(true);
    expect(onReplica.length).toBeGreaterThan(0);
    const onPrimary = await query<{ n: number }>(inject('databaseUrl'), `SELECT count(*)::int n FROM pg_stat_activity WHERE application_name = 'tasmim-read'`);
    expect(onPrimary[0]!.n).toBe(0);
  });
});
