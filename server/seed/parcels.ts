// Parcels: the lots of the street blocks of each town, laid out from the town centre outwards until the
// town's share of the requested count is reached, streamed to PostGIS in batches.
//
// A lot is kept only if it lies inside the zoned area of its town (the perimeter of the version that
// governs it) and its centroid is not in a no-build zone. The no-build strips along wadis cut through
// blocks, so the lots along them straddle two zones: the parcel sheet then shows a parcel in two zones,
// with shares. Lots of one block share their boundaries exactly and blocks are separated by streets, so
// parcels never overlap.
//
// References look like land titles, "TF 12345/11", with a few requisitions "R 6789/11" (titles being
// registered). Numbers grow with random gaps, as titles of a registry do, from one counter for the whole
// sample, so they are unique; the suffix (the registry) is illustrative.
import { blockRect, centreOf, cutBlock } from './blocks.js';
import { zoneType } from './catalogue.js';
import { fmt, polygonWkt } from './frame.js';
import type { Site } from './plans.js';
import { rectWkt } from './town.js';
import type { Rng } from './random.js';
import type { Db } from './sql.js';

/** Candidate lots per INSERT: large enough to amortise the round trip, small enough to stream. */
export const BATCH = 2000;

export class References {
  private tf = 1200;
  private req = 300;
  constructor(private readonly rng: Rng) {}

  next(suffix: string): string {
    if (this.rng.chance(0.03)) {
      this.req += this.rng.int(1, 4);
      return `R ${this.req}/${suffix}`;
    }
    this.tf += this.rng.int(1, 3);
    return `TF ${this.tf}/${suffix}`;
  }
}

/**
 * Stores the candidate lots that lie inside the site's zoned area with their centroid out of its no-build
 * zones. The commune is the site's: its perimeter was cut from that commune, so the centroid of every lot
 * kept is in it (looking each one up among the 56 communes would cost more than the rest of the insert).
 */
async function insertBatch(db: Db, site: string, refs: string[], wkts: string[]): Promise<number> {
  const r = await db.query(
    `WITH c AS (
       SELECT t.ref, ST_GeomFromText(t.wkt, 4326) g, t.n FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(ref, wkt, n)
     ), s AS (SELECT geom, na, commune_id FROM seed_site WHERE key = $3)
     INSERT INTO parcels (reference, commune_id, illustrative, geom_4326)
     SELECT c.ref, (SELECT commune_id FROM s), true, ST_Multi(c.g)
     FROM c
     WHERE ST_Within(c.g, (SELECT geom FROM s)) AND NOT ST_Intersects((SELECT na FROM s), ST_Centroid(c.g))
       AND ST_IsValid(c.g)
     ORDER BY c.n`,
    [refs, wkts, site],
  );
  return r.rowCount ?? 0;
}

/** Industrial estates are laid out ahead of the town's growth reaching them: they count this much nearer (m). */
const INDUSTRY_AHEAD = 1500;

/**
 * The cells of a site that can hold lots, nearest to the town centre first (so that a smaller sample is a
 * compact town, not a scatter), the site's priority cells before all others.
 */
function cellOrder(site: Site): [number, number][] {
  const { i0, i1, j0, j1 } = site.range;
  const cells: [number, number, number][] = [];
  for (let i = i0; i <= i1; i++) {
    for (let j = j0; j <= j1; j++) {
      const type = site.lotType(i, j);
      if (!zoneType(type).lots) continue;
      const [u, v] = centreOf(blockRect(site.town.grid, i, j));
      cells.push([i, j, Math.hypot(u, v) - (site.priority?.(i, j) ? 1e9 : 0) - (type === 'industrial' ? INDUSTRY_AHEAD : 0)]);
    }
  }
  return cells.sort((a, b) => a[2] - b[2] || a[0] - b[0] || a[1] - b[1]).map(([i, j]) => [i, j]);
}

/**
 * Lays out lots on a site's blocks, centre first. `fill(quota)` stores about `quota` more parcels (it may
 * pass it by the lots of a last batch) or fewer when the site is full; a later call goes on where the
 * previous one stopped, so a town with room left can take what another could not hold.
 */
export class SiteFiller {
  private next = 0;
  private tried = 0;
  private kept = 0;

  private constructor(
    private readonly db: Db,
    readonly site: Site,
    private readonly refs: References,
    private readonly cells: [number, number][],
  ) {}

  /** A filler for the cells of the site whose block meets its zoned area (the others would give nothing). */
  static async create(db: Db, site: Site, refs: References): Promise<SiteFiller> {
    const all = cellOrder(site);
    const keep: [number, number][] = [];
    for (let k = 0; k < all.length; k += 20000) {
      const part = all.slice(k, k + 20000);
      const r = await db.query<{ n: number }>(
        `SELECT t.n::int FROM unnest($1::text[]) WITH ORDINALITY AS t(w, n)
         WHERE ST_Intersects(ST_GeomFromText(t.w, 4326), (SELECT geom FROM seed_site WHERE key = $2)) ORDER BY t.n`,
        [part.map(([i, j]) => rectWkt(site.town.frame, blockRect(site.town.grid, i, j))), site.key],
      );
      for (const row of r.rows) keep.push(part[row.n - 1]!);
    }
    return new SiteFiller(db, site, refs, keep);
  }

  get full(): boolean {
    return this.next >= this.cells.length;
  }

  async fill(quota: number): Promise<number> {
    const { site } = this;
    const { grid, frame } = site.town;
    let stored = 0;
    let refBatch: string[] = [];
    let wktBatch: string[] = [];
    const flush = async () => {
      const n = await insertBatch(this.db, site.key, refBatch, wktBatch);
      stored += n;
      this.kept += n;
      this.tried += wktBatch.length;
      refBatch = [];
      wktBatch = [];
    };
    while (stored < quota && this.next < this.cells.length) {
      const [i, j] = this.cells[this.next++]!;
      const block = cutBlock(blockRect(grid, i, j), zoneType(site.lotType(i, j)).lots!, site.town.rng.fork(`lots${i},${j}`));
      const pts = block.points.map(([u, v]) => fmt(...frame.toLonLat(u, v)));
      for (const ring of block.lots) {
        wktBatch.push(polygonWkt(ring.map((k) => pts[k]!)));
        refBatch.push(this.refs.next(site.refSuffix));
      }
      // Near the quota, send smaller batches (sized by the share of lots kept so far) so as not to overshoot.
      const keptShare = this.tried > 0 ? Math.max(0.2, this.kept / this.tried) : 0.8;
      if (wktBatch.length >= BATCH || wktBatch.length * keptShare >= quota - stored) await flush();
    }
    if (wktBatch.length) await flush();
    return stored;
  }
}
