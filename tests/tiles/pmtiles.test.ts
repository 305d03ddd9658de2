// The PMTiles writer checked by an independent reader (the `pmtiles` package the viewer uses): the
// header, directories with and without leaves, deduplicated contents, the metadata, and an archive exported
// from the test database answering the same tiles as GET /tiles.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPool } from '../../server/db/pool.js';
import { exportSource } from '../../server/tiles/export.js';
import { writePmtiles, type ArchiveTile } from '../../server/tiles/pmtiles.js';
import { SOURCE_BY_ID } from '../../server/tiles/sources.js';
import { buildTestApp } from '../helpers/app.js';

class BufferSource implements Source {
  constructor(private readonly buf: Buffer) {}
  getKey(): string {
    return 'buffer';
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const slice = this.buf.subarray(offset, offset + length);
    return { data: slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.byteLength) as ArrayBuffer };
  }
}

const info = { minZoom: 0, maxZoom: 14, bounds: [-4, 33.5, -2.3, 35.5] as [number, number, number, number], center: [-3, 35, 8] as [number, number, number], metadata: { name: 't', vector_layers: [] } };

describe('writePmtiles', () => {
  it('writes a v3 archive that the pmtiles reader reads back, tile for tile', async () => {
    const tiles: ArchiveTile[] = [
      { z: 0, x: 0, y: 0, data: gzipSync('root') },
      { z: 5, x: 15, y: 12, data: gzipSync('a') },
      { z: 5, x: 15, y: 13, data: gzipSync('a') }, // same bytes: stored once
      { z: 14, x: 8000, y: 6500, data: gzipSync('deep') },
    ];
    const archive = new PMTiles(new BufferSource(writePmtiles(tiles, info)));
    const h = await archive.getHeader();
    expect(h.specVersion).toBe(3);
    expect([h.minZoom, h.maxZoom, h.numAddressedTiles, h.numTileContents, h.clustered]).toEqual([0, 14, 4, 3, true]);
    expect(h.minLon).toBeCloseTo(-4, 6);
    expect(h.maxLat).toBeCloseTo(35.5, 6);
    for (const t of tiles) {
      const got = await archive.getZxy(t.z, t.x, t.y);
      // The reader hands back tiles decompressed.
      expect(Buffer.from(got!.data).toString()).toBe(gunzipSync(t.data).toString());
    }
    expect(await archive.getZxy(5, 16, 12)).toBeUndefined();
    expect(await archive.getMetadata()).toEqual(info.metadata);
  });

  it('splits a directory too large for the first 16 KiB into leaves', async () => {
    // 30,000 scattered z12 tiles of irregular sizes: their directory does not compress into 16 KiB.
    const tiles: ArchiveTile[] = [];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let x = 0; x < 300; x++) {
      for (let y = 0; y < 4096 && tiles.length < (x + 1) * 100; y += 1 + (next() % 40)) {
        tiles.push({ z: 12, x, y, data: gzipSync(`${x}/${y}/${'#'.repeat(next() % 300)}`) });
      }
    }
    const buf = writePmtiles(tiles, info);
    const archive = new PMTiles(new BufferSource(buf));
    const h = await archive.getHeader();
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16384);
    expect(h.leafDirectoryLength).toBeGreaterThan(0);
    for (const t of [tiles[0]!, tiles[12345]!, tiles[tiles.length - 1]!]) {
      expect(Buffer.from((await archive.getZxy(t.z, t.x, t.y))!.data).toString()).toBe(gunzipSync(t.data).toString());
    }
    expect(await archive.getZxy(12, 1000, 5)).toBeUndefined();
  });
});

describe('exportSource', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('exports the communes as the server serves them', async () => {
    const pool = createPool(inject('databaseUrl'), { max: 2, statementTimeoutMs: 60_000 });
    try {
      const r = await exportSource(pool, SOURCE_BY_ID.get('communes')!, { maxZoom: 7, concurrency: 2 });
      const archive = new PMTiles(new BufferSource(r.archive));
      const meta = (await archive.getMetadata()) as { vector_layers: Array<{ id: string }> };
      expect(meta.vector_layers.map((l) => l.id)).toEqual(['communes']);
      // z7 over Nador, the same bytes as GET /tiles/communes/7/62/50.mvt.
      const fromArchive = Buffer.from((await archive.getZxy(7, 62, 50))!.data);
      const res = await app.inject({ url: '/tiles/communes/7/62/50.mvt', headers: { 'accept-encoding': 'identity' } });
      expect(res.statusCode).toBe(200);
      expect(fromArchive.equals(res.rawPayload)).toBe(true);
      expect(r.tiles).toBeGreaterThan(4);
    } finally {
      await pool.end();
    }
  });
});
