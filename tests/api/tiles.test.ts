// Vector tiles decoded with the Mapbox vector-tile reader (an independent implementation of the format).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import type { FastifyInstance } from 'fastify';
import Protobuf from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TileCatalog, TileJson } from '../../server/tiles/schemas.js';
import { SOURCES } from '../../server/tiles/sources.js';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [x, y];
}

async function parcelPoint() {
  return one<{ id: number; lon: number; lat: number; ref: string }>(
    `SELECT id, reference AS ref, ST_X(ST_PointOnSurface(geom_4326)) AS lon, ST_Y(ST_PointOnSurface(geom_4326)) AS lat
     FROM parcels ORDER BY id OFFSET 300 LIMIT 1`,
  );
}

describe('tile catalog and TileJSON', () => {
  it('lists the sources, each with a TileJSON 3.0.0 whose tile URL carries the data version', async () => {
    const cat = (await app.inject({ url: '/tiles' })).json() as TileCatalog;
    const ids = cat.sources.map((s) => s.id);
    for (const id of ['parcels', 'master', 'development', 'growth', 'restructuring', 'overlays', 'communes']) expect(ids).toContain(id);
    for (const s of cat.sources) {
      const tj = (await app.inject({ url: `/tiles/${s.id}` })).json() as TileJson;
      expect(tj.tilejson).toBe('3.0.0');
      expect(tj.tiles[0]).toMatch(new RegExp(`^http://[^/]+/tiles/${s.id}/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?v=${cat.dataVersion}$`));
      expect(tj.minzoom).toBe(s.minzoom);
      expect(tj.bounds[0]).toBeLessThan(tj.bounds[2]);
      expect(tj.vector_layers.length).toBeGreaterThan(0);
      expect(tj.attribution).toContain('OpenStreetMap');
      // The catalog repeats what a map needs of it, so the viewer makes no TileJSON request.
      expect(s.tiles).toEqual(tj.tiles);
      expect(s.bounds).toEqual(tj.bounds);
    }
  });
  it('says which sources answer at a date (`dated`): all but the communes, which have no history', async () => {
    const cat = (await app.inject({ url: '/tiles' })).json() as TileCatalog;
    expect(Object.fromEntries(cat.sources.map((s) => [s.id, s.dated]))).toEqual({
      communes: false, master: true, development: true, growth: true, restructuring: true, overlays: true, parcels: true, studies: true,
    });
    // What the flag says is what the tiles do: the day before the first development plan answered empties
    // a development tile where one answers today, and changes nothing to the commune tile there.
    const z = await one<{ lon: number; lat: number; before: string }>(
      `SELECT ST_X(ST_PointOnSurface(z.geom_4326)) AS lon, ST_Y(ST_PointOnSurface(z.geom_4326)) AS lat,
              (SELECT to_char(min(v2.valid_from) - 1, 'YYYY-MM-DD') FROM plan_versions v2 JOIN plans p2 ON p2.id = v2.plan_id
               WHERE p2.kind = 'development' AND v2.state = 'published') AS before
       FROM zones z JOIN plan_versions v ON v.id = z.version_id JOIN plans p ON p.id = v.plan_id
       WHERE p.kind = 'development' AND v.state = 'published' AND v.valid_from <= current_date AND (v.valid_to IS NULL OR v.valid_to > current_date)
       ORDER BY z.id LIMIT 1`,
    );
    const [x, y] = tileOf(z.lon, z.lat, 14);
    const development = `/tiles/development/14/${x}/${y}.mvt`;
    expect((await app.inject({ url: development })).statusCode).toBe(200);
    expect((await app.inject({ url: `${development}?at=${z.before}` })).statusCode).toBe(204);
    const communes = `/tiles/communes/14/${x}/${y}.mvt`;
    const now = await app.inject({ url: communes });
    const then = await app.inject({ url: `${communes}?at=${z.before}` });
    expect(now.statusCode).toBe(200);
    expect(then.rawPayload.equals(now.rawPayload)).toBe(true);
  });
});

describe('GET /tiles/:source/:z/:x/:y.mvt', () => {
  it('serves parcels as MVT with integer ids and the reference, gzip, ETag and 304', async () => {
    const p = await parcelPoint();
    const [x, y] = tileOf(p.lon, p.lat, 16);
    const url = `/tiles/parcels/16/${x}/${y}.mvt`;
    const res = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBeDefined();
    const tile = new VectorTile(new Protobuf(gunzipSync(res.rawPayload)));
    const layer = tile.layers.parcels!;
    expect(layer.extent).toBe(4096);
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    const mine = features.find((f) => f.id === p.id);
    expect(mine, 'the parcel under the point is in its tile').toBeDefined();
    expect(mine!.properties.ref).toBe(p.ref);
    expect(Object.keys(mine!.properties).sort()).toEqual(['ref']);
    expect(features.every((f) => Number.isInteger(f.id) && f.type === 3)).toBe(true);

    const again = await app.inject({ url, headers: { 'accept-encoding': 'gzip', 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const plain = await app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(gunzipSync(res.rawPayload))).toBe(true);
    // The uncompressed body is another representation: its own ETag, and the gzip one does not match it.
    expect(plain.headers.etag).not.toBe(res.headers.etag);
    expect((await app.inject({ url, headers: { 'if-none-match': String(res.headers.etag) } })).statusCode).toBe(200);
    expect((await app.inject({ url, headers: { 'if-none-match': String(plain.headers.etag) } })).statusCode).toBe(304);
  });

  it('serves zones with code and category, and plan perimeters', async () => {
    const p = await parcelPoint();
    const [x, y] = tileOf(p.lon, p.lat, 13);
    const res = await app.inject({ url: `/tiles/development/13/${x}/${y}.mvt` });
    expect(res.statusCode).toBe(200);
    const tile = new VectorTile(new Protobuf(res.rawPayload));
    const zones = tile.layers.zones!;
    expect(zones.length).toBeGreaterThan(0);
    const f = zones.feature(0);
    expect(typeof f.properties.code).toBe('string');
    expect(typeof f.properties.category).toBe('string');
    expect(tile.layers.plans!.length).toBeGreaterThan(0);
  });

  it("carries exactly the attributes its TileJSON lists, each of them read by the viewer's style", async () => {
    const style = ['client/map/style.ts', 'client/map/labelPoints.ts', 'client/print/PrintView.tsx'].map((f) => readFileSync(f, 'utf8')).join('\n');
    // A point on a feature of each source, and a tile there four zooms above its minimum.
    const where: Record<string, string> = {
      communes: 'SELECT geom_4326 g FROM communes', parcels: 'SELECT geom_4326 g FROM parcels',
      overlays: "SELECT geom_4326 g FROM overlays WHERE GeometryType(geom_4326) LIKE '%POLYGON'",
      studies: 'SELECT p.geom_4326 g FROM parcels p JOIN study_parcels sp ON sp.parcel_id = p.id',
    };
    for (const s of SOURCES) {
      const from = where[s.id] ??
        `SELECT z.geom_4326 g FROM zones z JOIN plan_versions v ON v.id = z.version_id JOIN plans p ON p.id = v.plan_id WHERE p.kind = '${s.id}' AND v.state = 'published'`;
      const at = await one<{ lon: number; lat: number }>(`SELECT ST_X(ST_PointOnSurface(g)) lon, ST_Y(ST_PointOnSurface(g)) lat FROM (${from} LIMIT 1) t`);
      const z = Math.min(16, s.minzoom + 4);
      const [x, y] = tileOf(at.lon, at.lat, z);
      const res = await app.inject({ url: `/tiles/${s.id}/${z}/${x}/${y}.mvt` });
      expect(res.statusCode, s.id).toBe(200);
      const tile = new VectorTile(new Protobuf(res.rawPayload));
      for (const l of s.layers) {
        const layer = tile.layers[l.id];
        if (!layer) continue;
        const keys = new Set<string>();
        for (let i = 0; i < layer.length; i++) {
          expect(Number.isInteger(layer.feature(i).id), `${s.id}/${l.id} id`).toBe(true);
          for (const k of Object.keys(layer.feature(i).properties)) keys.add(k);
        }
        for (const k of keys) expect(Object.keys(l.fields), `${s.id}/${l.id}`).toContain(k);
        for (const k of Object.keys(l.fields)) expect(style, `${s.id}/${l.id}.${k} unused by the style`).toMatch(new RegExp(`'get', '${k}'|match\\('${k}'|properties\\.${k}\\b`));
      }
    }
  });

  it("draws a town's plan by its perimeter below z9, by its zones from z9; the SDAU by its zones throughout", async () => {
    const p = await parcelPoint();
    const layersAt = async (kind: string, z: number) => {
      const [x, y] = tileOf(p.lon, p.lat, z);
      const res = await app.inject({ url: `/tiles/${kind}/${z}/${x}/${y}.mvt` });
      expect(res.statusCode, `${kind} z${z}`).toBe(200);
      return Object.keys(new VectorTile(new Protobuf(res.rawPayload)).layers).sort();
    };
    expect(await layersAt('development', 7)).toEqual(['plans']);
    expect(await layersAt('development', 8)).toEqual(['plans']);
    expect(await layersAt('development', 9)).toEqual(['plans', 'zones']);
    expect(await layersAt('master', 7)).toEqual(['plans', 'zones']);
    const tj = (await app.inject({ url: '/tiles/development' })).json() as TileJson;
    expect(tj.vector_layers.map((l) => [l.id, l.minzoom])).toEqual([['zones', 9], ['plans', 6]]);
  });

  it('answers 204 for an empty tile and below the minimum zoom', async () => {
    expect((await app.inject({ url: '/tiles/parcels/16/0/0.mvt' })).statusCode).toBe(204);
    expect((await app.inject({ url: '/tiles/parcels/5/15/12.mvt' })).statusCode).toBe(204);
  });

  it('draws the communes of the territory at low zoom with their names', async () => {
    const [x, y] = tileOf(-3.2, 34.7, 7);
    const res = await app.inject({ url: `/tiles/communes/7/${x}/${y}.mvt` });
    expect(res.statusCode).toBe(200);
    const layer = new VectorTile(new Protobuf(res.rawPayload)).layers.communes!;
    expect(layer.length).toBeGreaterThan(10);
    const names = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.name_ar);
    expect(names.every((n) => typeof n === 'string' && /[\u0600-\u06FF]/.test(n))).toBe(true);
  });

  it('uses the data version in its cache: after a publication the tile is made again', async () => {
    const p = await parcelPoint();
    const [x, y] = tileOf(p.lon, p.lat, 15);
    const url = `/tiles/parcels/15/${x}/${y}.mvt`;
    const first = await app.inject({ url });
    const { version } = await one<{ version: number }>('SELECT bump_data_version() AS version');
    await app.dataVersion.refresh();
    const second = await app.inject({ url });
    expect(second.headers.etag).not.toBe(first.headers.etag);
    const tj = (await app.inject({ url: '/tiles/parcels' })).json() as TileJson;
    expect(tj.tiles[0]).toContain(`v=${version}`);
  });
});
