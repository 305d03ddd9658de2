// Tiles are compressed once and kept compressed, with their ETag, in a size-capped LRU: a cached answer
// costs no database round trip and no compression. Keys carry the data version, so a publication makes
// every older entry unreachable (they age out) and a cache never serves an old tile as current.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import { LRUCache } from 'lru-cache';

const gzip = promisify(gzipCb);

export interface CachedTile {
  /** gzip-compressed MVT; empty for an empty tile */
  gz: Buffer;
  etag: string;
}

export class TileCache {
  private readonly lru: LRUCache<string, CachedTile> | null;
  private readonly inflight = new Map<string, Promise<CachedTile>>();

  constructor(maxBytes: number) {
    this.lru = maxBytes > 0 ? new LRUCache({ maxSize: maxBytes, sizeCalculation: (t) => t.gz.length + 200 }) : null;
  }

  /** The cached tile, or make it once even when many requests ask for it at the same time. */
  async get(key: string, make: () => Promise<Buffer>): Promise<CachedTile> {
    const hit = this.lru?.get(key);
    if (hit) return hit;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = make()
        .then(async (mvt) => {
          // Level 1: on large parcel tiles (100–600 KB of MVT) it costs a third to a half of level 6's CPU
          // for 3–8 % more bytes (bench, docs/performance.md); on a small server that CPU is the database's.
          const gz = mvt.length === 0 ? Buffer.alloc(0) : await gzip(mvt, { level: 1 });
          const etag = `"${createHash('sha1').update(key).update(mvt).digest('base64url').slice(0, 22)}"`;
          const tile = { gz, etag };
          this.lru?.set(key, tile);
          return tile;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  /** The cached tile if present, without making it (the fast path of fast-path.ts). */
  peek(key: string): CachedTile | undefined {
    return this.lru?.get(key);
  }

  get size(): number {
    return this.lru?.calculatedSize ?? 0;
  }
}
