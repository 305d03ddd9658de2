// The published layers as PMTiles archives, one per tile source (their layer names — "zones", "plans" —
// repeat across sources, so one archive per source keeps each tile as the server makes it and the viewer's
// style unchanged). Tiles are made by the same database functions as GET /tiles, for today's date, and
// gzipped like the server's cache.
//
// Which tiles: every tile of the source's minimum zoom over the territory's box, then, zoom by zoom, only
// the four children of tiles that were not empty (a child's buffered envelope lies inside its parent's, so
// a child of an empty tile is empty too). Beyond `maxZoom` MapLibre over-zooms the last level.
import { gzipSync } from 'node:zlib';
import type pg from 'pg';
import { today } from '../shared/dates.js';
import { writePmtiles, type ArchiveTile } from './pmtiles.js';
import { tileQuery, type TileSource } from './sources.js';

export interface ExportOptions {
  /** Deepest zoom written (default 16: 4096 units per tile is about 15 cm at z16, enough to over-zoom to 20). */
  maxZoom: number;
  /** Tiles made at once (database connections in use). */
  concurrency: number;
  log?: (msg: string) => void;
}

export interface ExportResult {
  source: string;
  tiles: number;
  bytes: number;
  archive: Buffer;
}

function tileRange(bounds: [number, number, number, number], z: number): [number, number, number, number] {
  const n = 2 ** z;
  const x = (lon: number) => Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
  const y = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)));
  };
  return [x(bounds[0]), y(bounds[3]), x(bounds[2]), y(bounds[1])];
}

export async function exportSource(pool: pg.Pool, source: TileSource, opts: ExportOptions): Promise<ExportResult> {
  const at = today();
  const b = (await pool.query<{ b: [number, number, number, number] }>(
    `SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] AS b FROM (SELECT ST_Extent(geom_4326) AS e FROM communes) t`,
  )).rows[0]!.b;
  const version = Number((await pool.query<{ v: string }>('SELECT version v FROM data_version')).rows[0]!.v);
  const maxZoom = Math.max(source.minzoom, opts.maxZoom);
  const tiles: ArchiveTile[] = [];
  const make = async (z: number, x: number, y: number): Promise<boolean> => {
    const r = await pool.query<{ mvt: Buffer | null }>(tileQuery(source, z, x, y, at));
    const mvt = r.rows[0]?.mvt;
    if (!mvt || mvt.length === 0) return false;
    tiles.push({ z, x, y, data: gzipSync(mvt, { level: 9 }) });
    return true;
  };
  const [x0, y0, x1, y1] = tileRange(b, source.minzoom);
  let level: Array<[number, number]> = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) level.push([x, y]);
  for (let z = source.minzoom; z <= maxZoom && level.length > 0; z++) {
    const kept: Array<[number, number]> = [];
    for (let i = 0; i < level.length; i += opts.concurrency) {
      const batch = level.slice(i, i + opts.concurrency);
      const made = await Promise.all(batch.map(([x, y]) => make(z, x, y)));
      batch.forEach((xy, k) => made[k] && kept.push(xy));
    }
    opts.log?.(`${source.id} z${z}: ${kept.length} of ${level.length} tiles not empty`);
    level = kept.flatMap(([x, y]) => [[2 * x, 2 * y], [2 * x + 1, 2 * y], [2 * x, 2 * y + 1], [2 * x + 1, 2 * y + 1]] as Array<[number, number]>);
  }
  const archive = writePmtiles(tiles, {
    minZoom: source.minzoom,
    maxZoom,
    bounds: b,
    center: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, Math.max(source.minzoom, 8)],
    metadata: {
      name: source.name,
      description: source.description,
      attribution: 'Communes © OpenStreetMap contributors (ODbL); plans and parcels: illustrative sample, not official',
      vector_layers: source.layers.map((l) => ({ ...l, minzoom: l.minzoom ?? source.minzoom, maxzoom: maxZoom })),
      'tasmim:dataVersion': version,
      'tasmim:date': at,
    },
  });
  return { source: source.id, tiles: tiles.length, bytes: archive.length, archive };
}
