import { gunzipSync } from 'node:zlib';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.js';
import { resolveAt, today } from '../shared/dates.js';
import { ErrorBody } from '../shared/schemas.js';
import type { TileCache } from './cache.js';
import type { TileCoverage } from './coverage.js';
import { acceptsGzip, TILE_HEADERS, tileCacheControl, tileEtag, tileKey } from './fast-path.js';
import { TileCatalog, TileJson, TileParams, TileQuery, TileSourceParams } from './schemas.js';
import { MAX_TILE_ZOOM, SOURCE_BY_ID, SOURCES, tileQuery, type TileSource } from './sources.js';

const ATTRIBUTION =
  'Communes © <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a> (ODbL); ' +
  'plans and parcels: illustrative sample, not official';

/**
 * 204 and 304 carry no body. The schemas name them null for the OpenAPI document, but send(null) would
 * serialise "null" as JSON with a JSON content type; send(undefined) writes nothing.
 */
const NO_BODY = undefined as unknown as null;

function sourceOr404(id: string): TileSource {
  const s = SOURCE_BY_ID.get(id);
  if (!s) throw new AppError('unknown_source', { source: id.slice(0, 40), known: SOURCES.map((x) => x.id).join(', ') });
  return s;
}

/** Absolute base URL of this server as the client reached it (TileJSON wants absolute tile URLs). */
function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/** `cache`: made by the app (server/app.ts), which the fast path of cached tiles reads too. */
export const tileRoutes: FastifyPluginAsyncTypebox<{ cache: TileCache; coverage: TileCoverage }> = async (app, opts) => {
  const { cache, coverage } = opts;

  /** The territory's extent (the communes'), read once per data version. */
  let extent: { version: number; bounds: Promise<[number, number, number, number]> } | null = null;
  function territoryBounds(version: number): Promise<[number, number, number, number]> {
    if (extent?.version !== version) {
      const bounds = app.dbRead
        .query<{ b: [number, number, number, number] | null }>(
          `SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] AS b FROM (SELECT ST_Extent(geom_4326) AS e FROM communes) t`,
        )
        .then((r) => r.rows[0]?.b ?? ([-180, -85.05, 180, 85.05] as [number, number, number, number]));
      bounds.catch(() => (extent = null));
      extent = { version, bounds };
    }
    return extent.bounds;
  }
  const template = (req: FastifyRequest, id: string, query: URLSearchParams) => `${origin(req)}/tiles/${id}/{z}/{x}/{y}.mvt?${query}`;

  app.get(
    '/tiles',
    { schema: { tags: ['tiles'], summary: 'The catalog of tile sources', response: { 200: TileCatalog } } },
    async (req) => {
      const version = await app.dataVersion.current();
      const bounds = await territoryBounds(version);
      const query = new URLSearchParams({ v: String(version) });
      return {
        dataVersion: version,
        sources: SOURCES.map((s) => ({
          id: s.id, name: s.name, description: s.description, minzoom: s.minzoom, maxzoom: s.maxzoom, dated: s.dated,
          tilejson: `${origin(req)}/tiles/${s.id}`,
          tiles: [template(req, s.id, query)],
          bounds,
        })),
      };
    },
  );

  app.get(
    '/tiles/:source',
    {
      schema: {
        tags: ['tiles'],
        summary: 'TileJSON 3.0.0 of one source',
        params: TileSourceParams,
        querystring: TileQuery,
        response: { 200: TileJson, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const s = sourceOr404(req.params.source);
      const at = req.query.at === undefined ? undefined : resolveAt(req.query.at);
      const version = await app.dataVersion.current();
      const bounds = await territoryBounds(version);
      const query = new URLSearchParams({ v: String(version), ...(at ? { at } : {}) });
      void reply.header('cache-control', 'public, max-age=60');
      return {
        tilejson: '3.0.0' as const,
        name: s.name,
        description: s.description,
        attribution: ATTRIBUTION,
        version: String(version),
        scheme: 'xyz' as const,
        tiles: [template(req, s.id, query)],
        minzoom: s.minzoom,
        maxzoom: MAX_TILE_ZOOM,
        bounds,
        center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, Math.max(s.minzoom, 8)] as [number, number, number],
        vector_layers: s.layers.map((l) => ({ ...l, minzoom: l.minzoom ?? s.minzoom, maxzoom: MAX_TILE_ZOOM })),
      };
    },
  );

  app.get(
    '/tiles/:source/:z/:x/:y.mvt',
    {
      // Helmet builds its dozen headers on every request, a large share of a cached tile's cost (bench
      // profile, docs/performance.md); most (CSP, frame and opener policies) mean nothing for a binary
      // tile. The two that do are set below as constants.
      helmet: false,
      schema: {
        tags: ['tiles'],
        summary: 'A vector tile (application/vnd.mapbox-vector-tile); 204 when empty',
        params: TileParams,
        querystring: TileQuery,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'Mapbox Vector Tile' }),
          204: Type.Null({ description: 'empty tile' }),
          304: Type.Null({ description: 'not modified (If-None-Match)' }),
          400: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      void reply.headers(TILE_HEADERS);
      const s = sourceOr404(req.params.source);
      const [z, x, y] = [Number(req.params.z), Number(req.params.x), Number(req.params.y)];
      if (z > MAX_TILE_ZOOM || x >= 2 ** z || y >= 2 ** z) {
        throw new AppError('tile_out_of_range', { z, x, y, maxz: MAX_TILE_ZOOM });
      }
      const at = s.dated ? resolveAt(req.query.at) : today();
      const version = await app.dataVersion.current();
      const cacheControl = tileCacheControl(req.query.v, req.query.at, version);
      if (z < s.minzoom) return reply.code(204).header('cache-control', cacheControl).send(NO_BODY);

      const key = tileKey(s, z, x, y, at, version);
      const tile = await cache.get(key, async () => {
        // Known empty (no box of the source comes near): the same empty tile the query would give.
        if (coverage.grid(s.id, version)?.mayHaveFeatures(z, x, y) === false) return Buffer.alloc(0);
        const r = await app.dbRead.query<{ mvt: Buffer | null }>(tileQuery(s, z, x, y, at));
        return r.rows[0]?.mvt ?? Buffer.alloc(0);
      });
      const gzip = acceptsGzip(req.raw);
      const etag = tileEtag(tile.etag, gzip);
      void reply
        .header('etag', etag)
        .header('cache-control', cacheControl)
        .header('vary', 'accept-encoding');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send(NO_BODY);
      if (tile.gz.length === 0) return reply.code(204).send(NO_BODY);
      void reply.type('application/vnd.mapbox-vector-tile');
      if (gzip) return reply.header('content-encoding', 'gzip').send(tile.gz);
      return reply.send(gunzipSync(tile.gz));
    },
  );
};
