// Which tiles can hold features at all: per source, the cells of a zoom-14 grid that its geometries'
// boxes touch (tile_coverage, migration 0015), read once per data version. A tile whose buffered envelope
// meets none of them is empty without asking PostgreSQL: in the bench most uniformly drawn tiles are empty
// and each still cost the database 2–5 ms (docs/performance.md); a citizen panning over the sea or the
// steppe costs it nothing now. Until a version's grid is read (about 1.5 s for 1,000,000 parcels), tiles
// are made by their query as before, so the grid only ever saves work, never changes an answer.
import type pg from 'pg';
import type { TileSource } from './sources.js';

/** The grid's zoom: 2.4 km cells here, 400 × 400 of them for all of Morocco. */
export const COVERAGE_ZOOM = 14;
/** ST_TileEnvelope's margin in the tile functions (64 / 4096 of a tile on each side). */
const TILE_MARGIN = 64 / 4096;
/** Slack against rounding at cell edges: always towards "may have features". */
const EPS = 1e-6;

/** Occupied cells of one source as a summed-area table over their bounding rectangle: any box in O(1). */
export class CoverageGrid {
  private readonly sums: Int32Array;
  private readonly x0: number;
  private readonly y0: number;
  private readonly w: number;
  private readonly h: number;

  constructor(
    cells: ReadonlyArray<{ cx: number; cy: number }>,
    private readonly zc = COVERAGE_ZOOM,
  ) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const c of cells) [x0, y0, x1, y1] = [Math.min(x0, c.cx), Math.min(y0, c.cy), Math.max(x1, c.cx), Math.max(y1, c.cy)];
    [this.x0, this.y0] = [x0, y0];
    [this.w, this.h] = cells.length ? [x1 - x0 + 1, y1 - y0 + 1] : [0, 0];
    const W = this.w + 1;
    this.sums = new Int32Array(W * (this.h + 1));
    for (const c of cells) this.sums[(c.cy - y0 + 1) * W + (c.cx - x0 + 1)] = 1;
    for (let y = 1; y <= this.h; y++) {
      for (let x = 1; x <= this.w; x++) {
        const i = y * W + x;
        this.sums[i] = this.sums[i]! + this.sums[i - 1]! + this.sums[i - W]! - this.sums[i - W - 1]!;
      }
    }
  }

  /** False when no geometry of the source can reach tile z/x/y, its buffer included. */
  mayHaveFeatures(z: number, x: number, y: number): boolean {
    if (this.w === 0) return false;
    const f = 2 ** (this.zc - z);
    // The tile's buffered envelope in cell units, clamped to the occupied rectangle.
    const ax = Math.max(Math.floor((x - TILE_MARGIN) * f - EPS) - this.x0, 0);
    const bx = Math.min(Math.floor((x + 1 + TILE_MARGIN) * f + EPS) - this.x0, this.w - 1);
    const ay = Math.max(Math.floor((y - TILE_MARGIN) * f - EPS) - this.y0, 0);
    const by = Math.min(Math.floor((y + 1 + TILE_MARGIN) * f + EPS) - this.y0, this.h - 1);
    if (ax > bx || ay > by) return false;
    const W = this.w + 1;
    const s = this.sums;
    return s[(by + 1) * W + bx + 1]! - s[ay * W + bx + 1]! - s[(by + 1) * W + ax]! + s[ay * W + ax]! > 0;
  }
}

/** The grids of every source for one data version, read in the background when a version is first seen. */
export class TileCoverage {
  private version = -1;
  private grids = new Map<string, CoverageGrid>();
  private loading: Promise<void> | null = null;
  /** After a failed read, wait before the next (a grid is an optimisation: never hammer the database for it). */
  private retryAt = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly sources: readonly TileSource[],
    private readonly onError: (err: Error) => void = () => {},
  ) {}

  /**
   * The source's grid for `version`, or undefined while it is being read (the caller then runs the tile's
   * query). The grids are read with the data version in one snapshot, so they never describe other data
   * than the version they are filed under.
   */
  grid(sourceId: string, version: number): CoverageGrid | undefined {
    if (this.version === version) return this.grids.get(sourceId);
    // A request still naming an older version (versions are re-read once a second) starts no new read.
    if (version > this.version && Date.now() >= this.retryAt) void this.ready();
    return undefined;
  }

  /** Reads the grids of the current data version (once at a time); resolves when done or failed. */
  ready(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<void> {
    let client: pg.PoolClient | null = null;
    let failed: Error | undefined;
    try {
      client = await this.pool.connect();
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // One scan of every parcel: longer than a request may take, but in the background.
      await client.query("SET LOCAL statement_timeout = '120s'");
      const v = await client.query<{ version: string }>('SELECT version FROM data_version');
      const grids = new Map<string, CoverageGrid>();
      for (const s of this.sources) {
        const r = await client.query<{ cx: number; cy: number }>('SELECT cx, cy FROM tile_coverage($1, $2)', [s.id, COVERAGE_ZOOM]);
        grids.set(s.id, new CoverageGrid(r.rows));
      }
      await client.query('COMMIT');
      this.grids = grids;
      this.version = Number(v.rows[0]?.version ?? -1);
    } catch (err) {
      failed = err as Error;
      await client?.query('ROLLBACK').catch(() => {});
      this.retryAt = Date.now() + 60_000;
      this.onError(failed);
    } finally {
      // A connection that failed mid-transaction is closed rather than returned to the pool.
      client?.release(failed);
    }
  }
}
