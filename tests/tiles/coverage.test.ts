// The coverage grid (server/tiles/coverage.ts, migration 0015) may only ever skip tiles that are empty:
// checked against the tile functions themselves on the sample, at the grid's edges where a tile's buffer
// reaches into a neighbouring cell, and after a publication puts features where there were none.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COVERAGE_ZOOM, CoverageGrid } from '../../server/tiles/coverage.js';
import { SOURCES, tileQuery } from '../../server/tiles/sources.js';
import { buildTestApp } from '../helpers/app.js';
import { sql } from '../helpers/db.js';
import { scratchDatabase, type Scratch } from '../helpers/scratch.js';

/** The tile at zoom z that holds a point (slippy-map numbering). */
function tileAt(z: number, lon: number, lat: number): [number, number, number] {
  const r = (lat * Math.PI) / 180;
  const n = 2 ** z;
  return [z, Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

describe('CoverageGrid', () => {
  // One occupied cell at zoom 14: (100, 200).
  const grid = new CoverageGrid([{ cx: 100, cy: 200 }]);

  it('finds the cell at its own zoom, inside it and from the zooms above', () => {
    expect(grid.mayHaveFeatures(14, 100, 200)).toBe(true);
    expect(grid.mayHaveFeatures(16, 401, 802)).toBe(true);
    expect(grid.mayHaveFeatures(10, 6, 12)).toBe(true); // 100 >> 4, 200 >> 4
    expect(grid.mayHaveFeatures(0, 0, 0)).toBe(true);
  });

  it("counts a neighbour whose buffer (64/4096 of a tile) reaches the cell, and not one beyond", () => {
    // z14 neighbours: their buffered envelopes overlap cell 100 by 1/64 of a cell.
    expect(grid.mayHaveFeatures(14, 101, 200)).toBe(true);
    expect(grid.mayHaveFeatures(14, 99, 199)).toBe(true);
    expect(grid.mayHaveFeatures(14, 102, 200)).toBe(false);
    // z16 tiles just right of the cell (x 404 = cell 101's first quarter): buffer of 1/256 cell reaches back.
    expect(grid.mayHaveFeatures(16, 404, 801)).toBe(true);
    expect(grid.mayHaveFeatures(16, 405, 801)).toBe(false);
    // z20 (1/64 of a cell): the tile touching the cell's edge yes, the next one no.
    expect(grid.mayHaveFeatures(20, 101 * 64, 200 * 64)).toBe(true);
    expect(grid.mayHaveFeatures(20, 101 * 64 + 1, 200 * 64)).toBe(false);
    expect(grid.mayHaveFeatures(10, 7, 12)).toBe(false);
  });

  it('widens a low-zoom tile by its buffer, which spans several cells there', () => {
    // At z6 a tile is 256 cells wide and its buffer 4 cells: cell 253 is 3 cells left of tile x = 1.
    const edge = new CoverageGrid([{ cx: 253, cy: 100 }]);
    expect(edge.mayHaveFeatures(6, 1, 0)).toBe(true);
    // Cell 251 touches the buffered edge (252: counted, as && counts touching boxes); 250 does not.
    expect(new CoverageGrid([{ cx: 250, cy: 100 }]).mayHaveFeatures(6, 1, 0)).toBe(false);
  });

  it('says empty everywhere for a source with no geometry', () => {
    const none = new CoverageGrid([]);
    expect(none.mayHaveFeatures(0, 0, 0)).toBe(false);
    expect(none.mayHaveFeatures(14, 100, 200)).toBe(false);
  });
});

describe('tile coverage on the sample', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
    await app.tileCoverage.ready();
  });
  afterAll(async () => app.close());

  it('never calls a tile empty that its query fills, around every occupied cell of every source', async () => {
    const version = await app.dataVersion.current();
    const at = new Date().toISOString().slice(0, 10);
    let skipped = 0;
    let checked = 0;
    for (const s of SOURCES) {
      const grid = app.tileCoverage.grid(s.id, version);
      expect(grid, s.id).toBeDefined();
      const cells = await sql<{ cx: number; cy: number }>('SELECT cx, cy FROM tile_coverage($1, $2) ORDER BY (cx * 7919 + cy * 104729) % 997, cx, cy LIMIT 40', [s.id, COVERAGE_ZOOM]);
      // The ring of tiles around each sampled cell, at the grid's zoom and one and two zooms deeper,
      // where a tile that the grid calls empty lies right beside data.
      const tiles = new Set<string>();
      // Every tile from z6 to z11 around the source's cells (the buffer spans cells there).
      const all = await sql<{ x0: number; y0: number; x1: number; y1: number }>(
        'SELECT min(cx) x0, min(cy) y0, max(cx) x1, max(cy) y1 FROM tile_coverage($1, $2)', [s.id, COVERAGE_ZOOM]);
      for (let z = 6; z <= 11 && all[0]?.x0 != null; z++) {
        const f = 2 ** (COVERAGE_ZOOM - z);
        const b = all[0]!;
        for (let x = Math.floor(b.x0 / f) - 1; x <= Math.floor(b.x1 / f) + 1; x++) {
          for (let y = Math.floor(b.y0 / f) - 1; y <= Math.floor(b.y1 / f) + 1; y++) tiles.add(`${z}/${x}/${y}`);
        }
      }
      for (const { cx, cy } of cells) {
        for (const dz of [0, 1, 2]) {
          const f = 2 ** dz;
          for (let dx = -2; dx <= f + 1; dx++) for (const ty of [cy * f - 1, cy * f, cy * f + f]) tiles.add(`${COVERAGE_ZOOM + dz}/${cx * f + dx}/${ty}`);
        }
      }
      for (const t of tiles) {
        const [z, x, y] = t.split('/').map(Number) as [number, number, number];
        if (z < s.minzoom || grid!.mayHaveFeatures(z, x, y)) continue;
        skipped++;
        const r = await app.dbRead.query<{ mvt: Buffer | null }>(tileQuery(s, z, x, y, at));
        expect(r.rows[0]?.mvt?.length ?? 0, `${s.id} ${t}`).toBe(0);
      }
      checked += tiles.size;
    }
    // The test means something only if the grid did call tiles empty next to data.
    expect(skipped).toBeGreaterThan(100);
    expect(checked).toBeGreaterThan(skipped);
  });

  it('answers a tile far from any parcel with 204 and no query, the same answer the query gave', async () => {
    const version = await app.dataVersion.current();
    // z14 tile over the sea north of Nador (35.6° N, 2.9° W), no parcel near.
    const [z, x, y] = tileAt(14, -2.9, 35.6);
    expect(app.tileCoverage.grid('parcels', version)?.mayHaveFeatures(z, x, y)).toBe(false);
    const queried = await app.dbRead.query<{ mvt: Buffer | null }>(tileQuery(SOURCES.find((s) => s.id === 'parcels')!, z, x, y, '2026-01-01'));
    expect(queried.rows[0]?.mvt?.length ?? 0).toBe(0);

    const calls: string[] = [];
    const query = app.dbRead.query.bind(app.dbRead);
    const counting = ((...args: Parameters<typeof query>) => {
      const a = args[0] as string | { text: string };
      calls.push(typeof a === 'string' ? a : a.text);
      return query(...args);
    }) as typeof query;
    app.dbRead.query = counting;
    try {
      const res = await app.inject({ method: 'GET', url: `/tiles/parcels/${z}/${x}/${y}.mvt?at=2026-01-02` });
      expect(res.statusCode).toBe(204);
      expect(res.headers.etag).toMatch(/^"/);
      expect(calls.filter((c) => c.includes('tile_parcels'))).toEqual([]);
    } finally {
      app.dbRead.query = query;
    }
  });
});

describe('after a publication', () => {
  let scratch: Scratch;
  let app: FastifyInstance;
  beforeAll(async () => {
    scratch = await scratchDatabase(`coverage_${process.pid}`);
    app = await scratch.app();
  });
  afterAll(async () => {
    await app.close();
    await scratch.close();
  });

  it('reads the grids of the new data version: a parcel where there was none is drawn', async () => {
    // A 30 m square in Driouch (34.976° N, 3.39° W); the scratch database holds communes only.
    const square = 'SRID=4326;MULTIPOLYGON(((-3.3900 34.9760,-3.3897 34.9760,-3.3897 34.9763,-3.3900 34.9763,-3.3900 34.9760)))';
    const [z, x, y] = tileAt(16, -3.38985, 34.97615);
    const url = `/tiles/parcels/${z}/${x}/${y}.mvt`;

    await app.tileCoverage.ready();
    const before = await app.inject({ method: 'GET', url });
    expect(before.statusCode).toBe(204);

    await scratch.query(`INSERT INTO parcels (reference, geom_4326) VALUES ('TF 1/99', $1)`, [square]);
    await scratch.query('SELECT bump_data_version()');
    await app.dataVersion.refresh();
    // The first request of the new version starts reading its grids and is made by its query meanwhile.
    const after = await app.inject({ method: 'GET', url });
    expect(after.statusCode).toBe(200);
    await app.tileCoverage.ready();
    const version = await app.dataVersion.current();
    expect(app.tileCoverage.grid('parcels', version)?.mayHaveFeatures(z, x, y)).toBe(true);
    const again = await app.inject({ method: 'GET', url: `${url}?at=2026-06-01` });
    expect(again.statusCode).toBe(200);
  });
});
