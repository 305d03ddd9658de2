// The connection pool: bounded, with a statement timeout on every connection (so one slow query cannot
// hold the database), and warmed at start (a fresh connection per request made tiles about 6× slower:
// BENCHMARKS.md).
import pg from 'pg';

// Return dates as 'YYYY-MM-DD' strings, never as JS Dates shifted by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// bigint ids (parcels) fit in a double up to 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface PoolOptions {
  max: number;
  statementTimeoutMs: number;
  /** Shown in pg_stat_activity; tests give their own to find their connections. */
  applicationName?: string;
}

export function createPool(connectionString: string, opts: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: opts.max,
    idleTimeoutMillis: 60_000,
    connectionTimeoutMillis: 5_000,
    statement_timeout: opts.statementTimeoutMs,
    application_name: opts.applicationName ?? 'tasmim',
  });
  // An idle client that loses its connection (database restart) emits here; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}

export async function warmPool(pool: pg.Pool, n: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: n }, () => pool.connect()));
  for (const c of clients) c.release();
}

export async function withTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
