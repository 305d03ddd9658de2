// The data version: one counter bumped by every publication (migration 0001). Read often (every tile's
// ETag and cache key carry it), so it is kept here and re-read at most once per `maxAgeMs`: a publication
// made by another instance is seen within that delay; this instance's own publications call refresh().
import type pg from 'pg';

export class DataVersion {
  private value = 0;
  private readAt = 0;
  private pending: Promise<number> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxAgeMs = 1000,
  ) {}

  async current(): Promise<number> {
    return this.peek() ?? this.refresh();
  }

  /** The version if it was read less than `maxAgeMs` ago, else null (the caller then reads it). */
  peek(): number | null {
    return Date.now() - this.readAt < this.maxAgeMs && this.value > 0 ? this.value : null;
  }

  refresh(): Promise<number> {
    this.pending ??= this.pool
      .query<{ version: number }>('SELECT version FROM data_version')
      .then((r) => {
        this.value = Number(r.rows[0]?.version ?? 0);
        this.readAt = Date.now();
        return this.value;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
