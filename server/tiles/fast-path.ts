// Cached tiles answered before Fastify's request pipeline. A cached tile through Fastify cost several
// times what plain node:http costs to write the same bytes (routing, schema validation of params and
// query, every plugin's onRequest hook, reply building): R_cache 0.54–0.74 of the serving floor in the
// bench (docs/performance.md), against a target of 0.8. A map asks for dozens of tiles per view, nearly
// all of them cache hits, so that path is worth its own few lines.
//
// Only the plainest requests are taken here: GET /tiles/<source>/<z>/<x>/<y>.mvt with no query or only
// ?v=<the current data version>, no Origin header (CORS answers stay Fastify's), a data version read
// less than a second ago, and the tile already in the cache. Anything else — a miss, ?at=, an unknown
// source, a bad coordinate — goes to the route in routes.ts, which answers it and fills the cache. The
// answer is the route's, header for header (tests/tiles/fast-path.test.ts compares them). Hits served
// here are not in Fastify's request log, and are not subject to load shedding: they cost microseconds.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { DataVersion } from '../shared/data-version.js';
import { today } from '../shared/dates.js';
import type { TileCache } from './cache.js';
import { MAX_TILE_ZOOM, SOURCE_BY_ID, type TileSource } from './sources.js';

const PLAIN = /^\/tiles\/([a-z]{1,40})\/(\d{1,2})\/(\d{1,8})\/(\d{1,8})\.mvt(?:\?v=(\d{1,20}))?$/;

/** The cache key of a tile: the route and this path must agree on it. */
export function tileKey(s: TileSource, z: number, x: number, y: number, at: string, version: number): string {
  return `${s.id}/${z}/${x}/${y}@${s.dated ? at : ''}#${version}`;
}

/** Cache-Control of a tile: a URL naming the current data version never changes meaning. */
export function tileCacheControl(v: string | undefined, at: string | undefined, version: number): string {
  return v === String(version) && at === undefined ? 'public, max-age=3600' : 'public, max-age=60, must-revalidate';
}

/**
 * The ETag of the representation sent: the cached one names the gzip bytes; the uncompressed body of the
 * same tile is another representation and gets its own (RFC 9110 §8.8.3), or a cache holding both could
 * answer a 304 for the wrong one.
 */
export function tileEtag(etag: string, gzip: boolean): string {
  return gzip ? etag : `${etag.slice(0, -1)}-raw"`;
}

/** Whether the client takes gzip (every browser does). */
export const acceptsGzip = (req: IncomingMessage): boolean => /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');

/** Headers every tile answer carries (Helmet is off on the tile route: these two are the ones that matter). */
export const TILE_HEADERS = { 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-site' } as const;

export interface FastTileDeps {
  cache: () => TileCache | undefined;
  version: () => DataVersion | undefined;
}

/** Answers `req` from the cache and returns true, or returns false and leaves `res` untouched. */
export function serveCachedTile(req: IncomingMessage, res: ServerResponse, deps: FastTileDeps): boolean {
  if (req.method !== 'GET' || req.headers.origin !== undefined || !req.url?.startsWith('/tiles/')) return false;
  const m = PLAIN.exec(req.url);
  if (!m) return false;
  const s = SOURCE_BY_ID.get(m[1]!);
  const [z, x, y] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (!s || z > MAX_TILE_ZOOM || z < s.minzoom || x >= 2 ** z || y >= 2 ** z) return false;
  const version = deps.version()?.peek();
  const cache = deps.cache();
  if (version == null || !cache) return false;
  const tile = cache.peek(tileKey(s, z, x, y, today(), version));
  if (!tile) return false;

  res.setHeader('x-content-type-options', TILE_HEADERS['x-content-type-options']);
  res.setHeader('cross-origin-resource-policy', TILE_HEADERS['cross-origin-resource-policy']);
  const gzip = acceptsGzip(req);
  const etag = tileEtag(tile.etag, gzip);
  res.setHeader('etag', etag);
  res.setHeader('cache-control', tileCacheControl(m[5], undefined, version));
  res.setHeader('vary', 'accept-encoding');
  if (req.headers['if-none-match'] === etag) return end(res, 304);
  if (tile.gz.length === 0) return end(res, 204);
  res.setHeader('content-type', 'application/vnd.mapbox-vector-tile');
  const body = gzip ? tile.gz : gunzipSync(tile.gz);
  if (gzip) res.setHeader('content-encoding', 'gzip');
  res.setHeader('content-length', body.length);
  res.statusCode = 200;
  res.end(body);
  return true;
}

function end(res: ServerResponse, status: number): true {
  res.statusCode = status;
  res.end();
  return true;
}
