// Direct SQL against the test database: to find fixtures in the seeded sample and to check answers
// against PostGIS computed another way. Importing this file registers the pool's closing.
import pg from 'pg';
import { afterAll, inject } from 'vitest';

let pool: pg.Pool | null = null;
afterAll(async () => {
  await pool?.end();
  pool = null;
});

export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  pool ??= new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
  return (await pool.query<T>(text, params)).rows;
}

export async function one<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T> {
  const rows = await sql<T>(text, params);
  if (!rows[0]) throw new Error(`fixture query found nothing: ${text}`);
  return rows[0];
}
