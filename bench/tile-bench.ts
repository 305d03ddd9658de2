// Tiles of one territory, side by side in one run: for each row (a source at a zoom, uniform random
// tiles; or every source of a viewport replay), in turn and with the same concurrency and tile list:
//   sql      the tile functions called directly over prepared statements (the SQL floor),
//   uncached our server with its tile cache off (TILE_CACHE_MB=0): database + gzip + HTTP every time,
//   mapserv  MapServer 8 under FastCGI (rows of the sources it serves),
//   cached   our server with its cache warm,
//   floor    plain node:http sending the same cached bytes (the serving floor).
// Before them, the cold phase (bench/cold.ts): the viewport replays and the densest tiles asked once of a
// freshly started server after a restart of the database.
import { gunzipSync } from 'node:zlib';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { today } from '../server/shared/dates.js';
import { SOURCE_BY_ID, SOURCES, tileQuery } from '../server/tiles/sources.js';
import { startNodeChild, type Child } from './children.js';
import { coldPhase, type ColdResult } from './cold.js';
import { interleave, LoopbackClient, round, type LoadOptions, type LoadResult } from './load.js';
import { MAPSERVER_SOURCES, startMapServer, type MapServer } from './mapserver.js';
import type { Territory } from './territory.js';
import { rng, tilePath, uniformTiles, viewportTiles, type Bbox, type TileRef } from './tiles.js';

export interface TilePlan {
  /** [source, zoom] pairs measured with uniform random tiles. */
  uniform: Array<[string, number]>;
  viewportZooms: number[];
  tilesPerRow: number;
  viewportsPerZoom: number;
  load: LoadOptions;
  /** Turns each side takes per row (see interleave). */
  rounds: number;
  mapserver: boolean;
  /** Kinds of rows the cold phase (bench/cold.ts) measures, one database restart each; none: no cold phase. */
  cold: Array<TileRow['kind']>;
}

export interface Bytes {
  medianRaw: number;
  maxRaw: number;
  medianGz: number;
  maxGz: number;
}

export interface TileRow {
  label: string;
  source: string;
  z: number;
  kind: 'uniform' | 'viewport' | 'densest';
  tiles: number;
  emptyShare: number;
  bytes: Bytes;
  sql: LoadResult;
  uncached: LoadResult;
  cached: LoadResult;
  floor: LoadResult;
  mapserver: LoadResult | null;
  rSql: number;
  rCache: number;
  rMapserver: number | null;
}

export interface TileBenchResult {
  rows: TileRow[];
  /** Resident memory of the cached server after its runs, and the cache's size. */
  serverRssMb: number | null;
  cacheMb: number;
  /** Tiles per zoom over every list: the largest raw MVT seen at each zoom. */
  maxRawByZoom: Record<string, number>;
  /** The cold phase, or null when skipped. */
  cold: ColdResult | null;
  /** mapserv workers running when MapServer was up and after its last row (null: not run). */
  mapserverWorkers: { wanted: number; started: number; atEnd: number } | null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)]!;
};

function sourceBox(t: Territory, source: string): Bbox {
  return source === 'communes' || source === 'master' ? t.territoryBbox : t.parcelBbox;
}

async function densestParcelTiles(url: string, z: number, n: number): Promise<TileRef[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ x: number; y: number }>(
      `SELECT floor((ST_X(c) + 20037508.342789244) / s)::int x, floor((20037508.342789244 - ST_Y(c)) / s)::int y
       FROM (SELECT ST_Centroid(geom_3857) c, 40075016.68557849 / 2 ^ $1 s FROM parcels) p
       GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT $2`,
      [z, n],
    );
    return r.rows.map((row) => ({ source: 'parcels', z, x: row.x, y: row.y }));
  } finally {
    await c.end();
  }
}

async function randomParcelPoints(url: string, n: number): Promise<Array<[number, number]>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('SELECT setseed(0.42)');
    const r = await c.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(geom_4326) p FROM parcels TABLESAMPLE BERNOULLI (1) REPEATABLE (7) LIMIT $1) t`,
      [n],
    );
    return r.rows.map((row) => [row.lon, row.lat]);
  } finally {
    await c.end();
  }
}

interface PlannedRow {
  label: string;
  source: string;
  z: number;
  kind: TileRow['kind'];
  tiles: TileRef[];
}

async function planRows(t: Territory, plan: TilePlan): Promise<PlannedRow[]> {
  const random = rng(t.seed);
  const rows: PlannedRow[] = [];
  for (const [source, z] of plan.uniform) {
    rows.push({ label: `${source} z${z}`, source, z, kind: 'uniform', tiles: uniformTiles(source, z, sourceBox(t, source), plan.tilesPerRow, random) });
  }
  const points = await randomParcelPoints(t.url, plan.viewportsPerZoom * plan.viewportZooms.length);
  plan.viewportZooms.forEach((z, i) => {
    const tiles = points.slice(i * plan.viewportsPerZoom, (i + 1) * plan.viewportsPerZoom).flatMap(([lon, lat]) => viewportTiles(lon, lat, z));
    rows.push({ label: `viewport z${z}`, source: 'all', z, kind: 'viewport', tiles });
  });
  const minz = SOURCE_BY_ID.get('parcels')!.minzoom;
  rows.push({ label: `parcels z${minz}, densest`, source: 'parcels', z: minz, kind: 'densest', tiles: await densestParcelTiles(t.url, minz, 5) });
  return rows;
}

export async function tileBench(t: Territory, plan: TilePlan, log: (m: string) => void): Promise<TileBenchResult> {
  const at = today();
  const rows = await planRows(t, plan);
  const c = plan.load.concurrency;
  const env = { DATABASE_URL: t.url, LOG_LEVEL: 'silent', DB_POOL_MAX: String(Math.max(10, c)) };
  const children: Child[] = [];
  const sqlClients: pg.Client[] = [];
  let mapserver: MapServer | null = null;
  const tmp = await mkdtemp(path.join(tmpdir(), 'tasmim-bench-'));
  try {
    // First, while nothing holds a database session: the cold phase restarts PostgreSQL.
    const coldRows = rows.filter((r) => plan.cold.includes(r.kind));
    const cold = coldRows.length
      ? await coldPhase(coldRows.map((r) => ({ label: r.label, tiles: r.tiles })), { env, concurrency: c, log: (m) => log(`${t.name} ${m}`) })
      : null;
    const uncachedServer = await startNodeChild('bench/serve.ts', [], { ...env, TILE_CACHE_MB: '0' });
    children.push(uncachedServer);
    const cachedServer = await startNodeChild('bench/serve.ts', [], { ...env, TILE_CACHE_MB: '2048' });
    children.push(cachedServer);
    const uncached = new LoopbackClient(`http://127.0.0.1:${uncachedServer.port}`, c);
    const cached = new LoopbackClient(`http://127.0.0.1:${cachedServer.port}`, c);

    // Warm the cached server with every tile once, keeping the bytes for the serving floor and the sizes.
    const stored: Record<string, { gz: string; etag: string }> = {};
    const sizes = new Map<string, { raw: number; gz: number }>();
    for (const row of rows) {
      for (const tile of row.tiles) {
        const p = tilePath(tile);
        if (sizes.has(p)) continue;
        const r = await cached.get(p);
        if (r.status !== 200 && r.status !== 204) throw new Error(`${p}: HTTP ${r.status} ${r.body.toString().slice(0, 200)}`);
        stored[p] = { gz: r.body.toString('base64'), etag: String(r.headers.etag ?? '') };
        sizes.set(p, { gz: r.body.length, raw: r.status === 204 ? 0 : gunzipSync(r.body).length });
      }
    }
    const floorFile = path.join(tmp, 'tiles.json');
    await writeFile(floorFile, JSON.stringify(stored));
    const floorServer = await startNodeChild('bench/floor-server.ts', [floorFile], {});
    children.push(floorServer);
    const floor = new LoopbackClient(`http://127.0.0.1:${floorServer.port}`, c);

    for (let i = 0; i < c; i++) {
      const client = new pg.Client({ connectionString: t.url, statement_timeout: 10_000 });
      await client.connect();
      sqlClients.push(client);
    }
    if (plan.mapserver) {
      mapserver = await startMapServer(t.url, at, c);
      log(`${t.name}: MapServer up, ${mapserver.workers} mapserv workers`);
    }
    const ms = mapserver ? new LoopbackClient(mapserver.origin, c) : null;

    const out: TileRow[] = [];
    for (const row of rows) {
      const list = row.tiles;
      const get = (client: LoopbackClient) => async (i: number) => (await client.get(tilePath(list[i % list.length]!))).status;
      const servedByMs = ms && list.every((tile) => (MAPSERVER_SOURCES as readonly string[]).includes(tile.source) && tile.z >= SOURCE_BY_ID.get(tile.source)!.minzoom);
      type Side = (i: number, worker: number) => Promise<number>;
      const sides: Record<string, Side> = {
        sql: async (i: number, w: number) => {
          const tile = list[i % list.length]!;
          const r = await sqlClients[w]!.query<{ mvt: Buffer | null }>(tileQuery(SOURCE_BY_ID.get(tile.source)!, tile.z, tile.x, tile.y, at));
          return r.rows[0]?.mvt?.length ? 200 : 204;
        },
        uncached: get(uncached),
        ...(servedByMs ? { mapserver: async (i: number) => (await ms.get(mapserver!.path(list[i % list.length]!))).status } : {}),
        cached: get(cached),
        floor: get(floor),
      };
      const results = await interleave(sides, { ...plan.load, rounds: plan.rounds });
      const [sql, un, ca, fl] = [results.sql!, results.uncached!, results.cached!, results.floor!];
      const msr = results.mapserver ?? null;
      const raw = list.map((tile) => sizes.get(tilePath(tile))!.raw);
      const gz = list.map((tile) => sizes.get(tilePath(tile))!.gz);
      const result: TileRow = {
        label: row.label, source: row.source, z: row.z, kind: row.kind, tiles: list.length,
        emptyShare: round(raw.filter((b) => b === 0).length / list.length, 2),
        bytes: { medianRaw: median(raw), maxRaw: Math.max(...raw), medianGz: median(gz), maxGz: Math.max(...gz) },
        sql, uncached: un, cached: ca, floor: fl, mapserver: msr,
        rSql: round(un.perSecond / sql.perSecond, 2),
        rCache: round(ca.perSecond / fl.perSecond, 2),
        rMapserver: msr ? round(un.perSecond / msr.perSecond, 2) : null,
      };
      log(`${t.name} ${row.label}: sql ${sql.perSecond}/s, uncached ${un.perSecond}/s, cached ${ca.perSecond}/s, floor ${fl.perSecond}/s` +
        (msr ? `, mapserver ${msr.perSecond}/s (errors ${msr.errors})` : ''));
      out.push(result);
    }
    const maxRawByZoom: Record<string, number> = {};
    for (const row of rows) for (const tile of row.tiles) {
      maxRawByZoom[tile.z] = Math.max(maxRawByZoom[tile.z] ?? 0, sizes.get(tilePath(tile))!.raw);
    }
    const cacheMb = round([...sizes.values()].reduce((a, s) => a + s.gz, 0) / 1048576, 1);
    for (const client of [uncached, cached, floor, ...(ms ? [ms] : [])]) client.close();
    const mapserverWorkers = mapserver ? { wanted: c, started: mapserver.workers, atEnd: await mapserver.running() } : null;
    if (mapserverWorkers) log(`${t.name}: mapserv workers after the last row: ${mapserverWorkers.atEnd}`);
    for (const x of cold?.rows ?? []) {
      const warm = out.find((row) => row.label === x.label)?.uncached ?? null;
      x.warm = warm;
      x.coldToWarm = warm ? round(x.cold.perSecond / warm.perSecond, 2) : null;
    }
    return { rows: out, serverRssMb: cachedServer.rssMb(), cacheMb, maxRawByZoom, cold, mapserverWorkers };
  } finally {
    await mapserver?.stop();
    for (const ch of children) await ch.stop();
    for (const client of sqlClients) await client.end().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Default plan: each source at its minimum zoom and a few above it (the zooms where it is drawn). */
export function defaultUniform(quick: boolean): Array<[string, number]> {
  if (quick) return [['communes', 8], ['master', 10], ['development', 13], ['parcels', 16]];
  const pick: Record<string, number[]> = {
    communes: [5, 8, 11, 14], master: [6, 9, 12], development: [9, 12, 15], growth: [10, 14],
    restructuring: [12, 15], overlays: [12, 15], parcels: [14, 16, 18],
  };
  return SOURCES.flatMap((s) => (pick[s.id] ?? [s.minzoom]).map((z) => [s.id, z] as [string, number]));
}

