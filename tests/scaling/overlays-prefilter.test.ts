// overlays_of with the planar prefilter (migration 0010) answers exactly what the geodesic-only version of
// migration 0004 answered, on the parcels where it matters: those near planned roads and other lines.
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

describe('overlays_of prefilter (0010)', () => {
  it('finds the same overlays as 0004 for parcels along lines', async () => {
    const text = await readFile(new URL('../../migrations/0004_zoning_of.sql', import.meta.url), 'utf8');
    const old = /CREATE FUNCTION overlays_of[\s\S]*?\n\$\$;/.exec(text)![0].replace('CREATE FUNCTION overlays_of', 'CREATE FUNCTION pg_temp.overlays_of_0004');
    const c = new pg.Client({ connectionString: inject('databaseUrl') });
    await c.connect();
    try {
      await c.query(old);
      const r = await c.query<{ parcels: number; hits: number; missing: number; extra: number }>(`
        WITH p AS (
          SELECT DISTINCT ON (p.id) p.id, p.geom_4326 g FROM parcels p JOIN overlays o
            ON o.width_m IS NOT NULL AND GeometryType(o.geom_4326) IN ('LINESTRING', 'MULTILINESTRING')
           AND p.geom_4326 && ST_Expand(o.geom_4326, 0.0005)
          ORDER BY p.id LIMIT 120),
        a AS (SELECT p.id, o.id oid, round(o.area_m2::numeric, 3) area FROM p, pg_temp.overlays_of_0004(p.g, CURRENT_DATE) o),
        b AS (SELECT p.id, o.id oid, round(o.area_m2::numeric, 3) area FROM p, overlays_of(p.g, CURRENT_DATE) o)
        SELECT (SELECT count(*) FROM p)::int parcels, (SELECT count(*) FROM a)::int hits,
               (SELECT count(*) FROM (SELECT * FROM a EXCEPT SELECT * FROM b) x)::int missing,
               (SELECT count(*) FROM (SELECT * FROM b EXCEPT SELECT * FROM a) y)::int extra`);
      const { parcels, hits, missing, extra } = r.rows[0]!;
      expect(parcels).toBeGreaterThan(50);
      expect(hits).toBeGreaterThan(0);
      expect([missing, extra]).toEqual([0, 0]);
    } finally {
      await c.end();
    }
  }, 120_000);
});
