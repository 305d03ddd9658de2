// Import rows/s: the same GeoJSON file of parcels (exported from a territory) loaded into PostGIS by
//   ogr2ogr  GDAL's loader (Debian gdal-bin), its defaults: COPY into a new table, then a GiST index;
//   ours     a plain loader: JSON.parse of the whole file, then one transaction of batched INSERTs of 5,000
//            rows (INSERT … SELECT ST_GeomFromGeoJSON(g) FROM unnest($refs, $geojson)), then a GiST index.
// Both write into a scratch database (tasmim_bench_import), a fresh table each, and are timed end to end
// (reading the file included).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ensureDatabase } from '../server/db/embedded.js';
import { ensureDebianPackages } from '../server/system/apt.js';
import { round } from './load.js';

const run = promisify(execFile);

export interface ImportBenchResult {
  rows: number;
  fileMb: number;
  ogr2ogr: { seconds: number; rowsPerSecond: number };
  ours: { seconds: number; rowsPerSecond: number; method: string };
  ratio: number;
}

function libpq(url: string): string {
  const u = new URL(url);
  return `PG:host=${u.searchParams.get('host') ?? u.hostname} port=${u.searchParams.get('port') ?? u.port} dbname=${u.pathname.slice(1)} user=${decodeURIComponent(u.username)}`;
}

export async function importBench(adminUrl: string, sourceUrl: string, rows: number): Promise<ImportBenchResult> {
  await ensureDebianPackages(['gdal-bin'], { why: 'ogr2ogr, the import peer of the benchmark' });
  const dir = await mkdtemp(path.join(tmpdir(), 'tasmim-import-'));
  const file = path.join(dir, 'parcels.geojson');
  const target = await ensureDatabase(adminUrl, 'tasmim_bench_import');
  const src = new pg.Client({ connectionString: sourceUrl });
  await src.connect();
  try {
    const r = await src.query<{ fc: string }>(
      `SELECT json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object(
         'type', 'Feature', 'properties', json_build_object('reference', reference), 'geometry', ST_AsGeoJSON(geom_4326, 7)::json)))::text fc
       FROM (SELECT reference, geom_4326 FROM parcels ORDER BY id LIMIT $1) p`,
      [rows],
    );
    await writeFile(file, r.rows[0]!.fc);
  } finally {
    await src.end();
  }
  const db = new pg.Client({ connectionString: target });
  await db.connect();
  try {
    await db.query('DROP TABLE IF EXISTS import_ogr, import_ours');
    let t0 = performance.now();
    await run('ogr2ogr', ['-f', 'PostgreSQL', libpq(target), file, '-nln', 'import_ogr', '-nlt', 'MULTIPOLYGON', '-lco', 'GEOMETRY_NAME=geom', '-overwrite'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const ogrSeconds = (performance.now() - t0) / 1000;
    const ogrRows = Number((await db.query<{ n: string }>('SELECT count(*) n FROM import_ogr')).rows[0]!.n);

    t0 = performance.now();
    const fc = JSON.parse(await readFile(file, 'utf8')) as { features: Array<{ properties: { reference: string }; geometry: unknown }> };
    await db.query('BEGIN');
    await db.query('CREATE TABLE import_ours (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, reference text, geom geometry(MultiPolygon, 4326))');
    const BATCH = 5000;
    for (let i = 0; i < fc.features.length; i += BATCH) {
      const batch = fc.features.slice(i, i + BATCH);
      await db.query(
        `INSERT INTO import_ours (reference, geom)
         SELECT r, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)) FROM unnest($1::text[], $2::text[]) AS u(r, g)`,
        [batch.map((f) => f.properties.reference), batch.map((f) => JSON.stringify(f.geometry))],
      );
    }
    await db.query('CREATE INDEX import_ours_geom_gix ON import_ours USING gist (geom)');
    await db.query('COMMIT');
    const oursSeconds = (performance.now() - t0) / 1000;
    const oursRows = Number((await db.query<{ n: string }>('SELECT count(*) n FROM import_ours')).rows[0]!.n);
    if (oursRows !== ogrRows) throw new Error(`import: ogr2ogr loaded ${ogrRows} rows, ours ${oursRows}`);
    await db.query('DROP TABLE IF EXISTS import_ogr, import_ours');
    return {
      rows: oursRows,
      fileMb: round((await stat(file)).size / 1048576, 1),
      ogr2ogr: { seconds: round(ogrSeconds, 2), rowsPerSecond: round(ogrRows / ogrSeconds) },
      ours: {
        seconds: round(oursSeconds, 2),
        rowsPerSecond: round(oursRows / oursSeconds),
        method: 'JSON.parse + batched INSERT … SELECT ST_GeomFromGeoJSON FROM unnest (5,000 rows), one transaction, then GiST',
      },
      ratio: round(ogrSeconds / oursSeconds, 2),
    };
  } finally {
    await db.end();
    await rm(dir, { recursive: true, force: true });
  }
}
