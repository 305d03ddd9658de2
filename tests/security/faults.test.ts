// Faults the pool must survive: a slow query is cut by the statement timeout and answered 503; a
// connection killed under the pool is replaced without a restart.
import Fastify from 'fastify';
import { describe, expect, inject, it } from 'vitest';
import { createPool, warmPool } from '../../server/db/pool.js';
import { errorHandler } from '../../server/errors.js';
import { sql } from '../helpers/db.js';

describe('the pool under faults', () => {
  it('cuts a slow query at the statement timeout, and the route answers 503 query_timeout', async () => {
    const pool = createPool(inject('databaseUrl'), { max: 2, statementTimeoutMs: 300 });
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get('/slow', async () => (await pool.query('SELECT pg_sleep(5)')).rows);
    try {
      const t0 = Date.now();
      const res = await app.inject({ url: '/slow' });
      expect(Date.now() - t0).toBeLessThan(4000);
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('query_timeout');
      expect(res.headers['retry-after']).toBeDefined();
      expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    } finally {
      await app.close();
      await pool.end();
    }
  });

  it('replaces connections killed under it', async () => {
    const name = `tasmim_fault_${process.pid}`;
    const pool = createPool(inject('databaseUrl'), { max: 3, statementTimeoutMs: 5000, applicationName: name });
    try {
      await warmPool(pool, 3);
      const killed = await sql<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1', [name]);
      expect(killed.length).toBe(3);
      await new Promise((r) => setTimeout(r, 300)); // the pool hears of the dead connections
      const answers = await Promise.all([1, 2, 3, 4].map(() => pool.query('SELECT count(*)::int AS n FROM communes')));
      for (const a of answers) expect(a.rows[0].n).toBeGreaterThan(50);
    } finally {
      await pool.end();
    }
  });
});
