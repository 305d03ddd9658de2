// A report on an illustrative parcel does not block re-seeding the sample, and is not lost by it: the
// parcel goes, the report keeps its point (migration 0017). Scratch database, real PostGIS.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scratchDatabase, type Scratch } from '../helpers/scratch.js';

let scratch: Scratch;
beforeAll(async () => {
  scratch = await scratchDatabase(`reseed_${process.pid}`);
});
afterAll(async () => scratch.close());

it('clears the link to a deleted parcel and keeps the report', async () => {
  const [parcel] = await scratch.query<{ id: number }>(
    `INSERT INTO parcels (reference, illustrative, geom_4326)
     VALUES ('TF 5/11', true, 'SRID=4326;MULTIPOLYGON(((-2.93 35.17,-2.9297 35.17,-2.9297 35.1703,-2.93 35.1703,-2.93 35.17)))') RETURNING id`,
  );
  const [report] = await scratch.query<{ id: number }>(
    `INSERT INTO reports (number, token_sha256, category, description, geom_4326, parcel_id, lang)
     VALUES ('SIG-2026-000001', sha256('t'::bytea), 'wrong_zone', 'La zone indiquée est fausse.', 'SRID=4326;POINT(-2.92985 35.17015)', $1, 'fr')
     RETURNING id`,
    [parcel!.id],
  );
  // What the seeding's clearSample does first (server/seed/index.ts).
  await scratch.query('DELETE FROM parcels WHERE illustrative');
  const rows = await scratch.query<{ parcel_id: number | null; x: number; description: string }>(
    'SELECT parcel_id, ST_X(geom_4326) x, description FROM reports WHERE id = $1', [report!.id]);
  expect(rows).toEqual([{ parcel_id: null, x: -2.92985, description: 'La zone indiquée est fausse.' }]);
});
