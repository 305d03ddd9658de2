// The fast path of cached tiles (server/tiles/fast-path.ts) answers exactly what the route answers, header
// for header and byte for byte, and leaves everything else to Fastify: misses, ?at=, CORS requests,
// unknown sources, coordinates out of range. Real app, real PostGIS, real node:http on loopback.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCachedTile } from '../../server/tiles/fast-path.js';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';

let app: FastifyInstance;
let server: http.Server;
let base: string;
let handedOn: string[] = [];

beforeAll(async () => {
  app = await buildTestApp();
  await app.ready();
  server = http.createServer((req, res) => {
    if (serveCachedTile(req, res, { cache: () => app.tileCache, version: () => app.dataVersion })) return;
    handedOn.push(req.url ?? '');
    res.statusCode = 599;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await app.close();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** Every header but those of the connection itself. */
const comparable = (h: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)).map(([k, v]) => [k, String(v)]));

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

describe('cached tiles before Fastify', () => {
  it('answers a cached tile as the route does: gzip, plain, 304, and an empty tile', async () => {
    const p = await one<{ lon: number; lat: number }>(
      'SELECT ST_X(ST_PointOnSurface(geom_4326)) AS lon, ST_Y(ST_PointOnSurface(geom_4326)) AS lat FROM parcels ORDER BY id OFFSET 500 LIMIT 1',
    );
    const [x, y] = tileOf(p.lon, p.lat, 16);
    const version = await app.dataVersion.current();
    handedOn = [];
    for (const path of [`/tiles/parcels/16/${x}/${y}.mvt`, `/tiles/parcels/16/${x + 1}/${y}.mvt?v=${version}`, `/tiles/communes/9/${tileOf(p.lon, p.lat, 9).join('/')}.mvt`]) {
      // Not cached yet: handed on.
      expect((await get(path)).status).toBe(599);
      const viaRoute = await app.inject({ url: path, headers: { 'accept-encoding': 'gzip' } });
      expect(viaRoute.statusCode).toBe(200);
      await app.dataVersion.current();
      const fast = await get(path, { 'accept-encoding': 'gzip' });
      expect(fast.status).toBe(200);
      expect(comparable(fast.headers)).toEqual(comparable(viaRoute.headers));
      expect(fast.body.equals(viaRoute.rawPayload)).toBe(true);

      const plainRoute = await app.inject({ url: path });
      const plainFast = await get(path);
      expect(comparable(plainFast.headers)).toEqual(comparable(plainRoute.headers));
      expect(plainFast.body.equals(plainRoute.rawPayload)).toBe(true);

      // Each representation by its own ETag (gzip and plain differ), both ways alike.
      for (const [etag, encoding] of [[String(viaRoute.headers.etag), 'gzip'], [String(plainRoute.headers.etag), 'identity']]) {
        const headers = { 'if-none-match': etag!, 'accept-encoding': encoding! };
        const notModifiedRoute = await app.inject({ url: path, headers });
        const notModified = await get(path, headers);
        expect([notModified.status, notModifiedRoute.statusCode]).toEqual([304, 304]);
        expect(comparable(notModified.headers)).toEqual(comparable(notModifiedRoute.headers));
      }
      expect(plainRoute.headers.etag).not.toBe(viaRoute.headers.etag);
    }
    expect(handedOn).toHaveLength(3);

    // An empty tile at sea (Mediterranean, north of Nador) answers 204 both ways.
    const [sx, sy] = tileOf(-2.9, 35.6, 15);
    const emptyPath = `/tiles/parcels/15/${sx}/${sy}.mvt`;
    const emptyRoute = await app.inject({ url: emptyPath });
    expect(emptyRoute.statusCode).toBe(204);
    await app.dataVersion.current();
    const empty = await get(emptyPath);
    expect(empty.status).toBe(204);
    expect(comparable(empty.headers)).toEqual(comparable(emptyRoute.headers));
  });

  it('hands on what it must not answer itself', async () => {
    const p = await one<{ lon: number; lat: number }>(
      'SELECT ST_X(ST_PointOnSurface(geom_4326)) AS lon, ST_Y(ST_PointOnSurface(geom_4326)) AS lat FROM parcels ORDER BY id OFFSET 700 LIMIT 1',
    );
    const [x, y] = tileOf(p.lon, p.lat, 16);
    const path = `/tiles/parcels/16/${x}/${y}.mvt`;
    expect((await app.inject({ url: path })).statusCode).toBe(200);
    await app.dataVersion.current();
    expect((await get(path)).status).toBe(200);
    handedOn = [];
    const others = [
      `${path}?at=2020-01-01`, // a date: the route resolves and checks it
      `${path}?v=1&at=2020-01-01`,
      `/tiles/nowhere/16/${x}/${y}.mvt`, // unknown source: the route's 400 says which exist
      `/tiles/parcels/23/0/0.mvt`, // beyond the maximum zoom
      `/tiles/parcels/2/9/0.mvt`, // x out of range
      `/tiles/parcels/10/${x >> 6}/${y >> 6}.mvt`, // below the source's minimum zoom: the route's 204
      '/tiles/parcels', // TileJSON
    ];
    for (const o of others) expect((await get(o)).status, o).toBe(599);
    // A cross-origin request: CORS headers are Fastify's business.
    expect((await get(path, { origin: 'https://elsewhere.example' })).status).toBe(599);
    expect(handedOn).toEqual([...others, path]);
  });
});
