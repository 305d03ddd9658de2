// The seeded sample against PostGIS: what it holds, that it is valid, tiled and non-overlapping, and that
// it is the same every time.
//
// Read-only on the shared test database (seeded by the global setup; seeded here only if it is not).
// Seeding twice, and a seeding that fails half-way, run on a scratch database of their own, so that
// other test files never see the sample change under them.
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../server/db/migrate.js';
import { COMMUNES_FILE } from '../../server/seed/communes.js';
import { isSeeded, seed, type SeedReport } from '../../server/seed/index.js';

const BNI_ANSAR = '023810103';
const databaseUrl = process.env.TEST_DATABASE_URL ?? inject('databaseUrl');

let db: pg.Client;
async function q<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(text, params)).rows;
}
async function n(text: string, params: unknown[] = []): Promise<number> {
  const rows = await q<{ n: string | number }>(text, params);
  return Number(rows[0]!.n);
}

beforeAll(async () => {
  if (!(await isSeeded(databaseUrl))) {
    await migrate(databaseUrl);
    await seed(databaseUrl);
  }
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
});

/** An md5 of every row of each table of the sample (ids and generated columns included), in id order. */
async function fingerprint(client: pg.Client): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of ['communes', 'plans', 'plan_versions', 'plan_status_events', 'zones', 'regulations', 'overlays', 'parcels']) {
    const r = await client.query<{ h: string }>(
      `SELECT md5(string_agg((to_jsonb(t) - 'geom_3857')::text, '|' ORDER BY t.id)) h FROM ${table} t`,
    );
    out[table] = r.rows[0]!.h;
  }
  return out;
}

describe('the sample territory', () => {
  it('holds the 56 communes with Arabic and French names, all valid multipolygons', async () => {
    expect(await n('SELECT count(*) n FROM communes')).toBe(56);
    expect(await n(`SELECT count(*) n FROM communes WHERE name->>'ar' ~ '[\u0600-\u06FF]' AND name->>'fr' ~ '^[A-Z]'`)).toBe(56);
    expect(await n(`SELECT count(DISTINCT province_code) n FROM communes`)).toBe(3);
    expect(await n(`SELECT count(*) n FROM communes WHERE NOT ST_IsValid(geom_4326) OR GeometryType(geom_4326) <> 'MULTIPOLYGON'`)).toBe(0);
    const nador = await q<{ ar: string }>(`SELECT name->>'ar' ar FROM communes WHERE code = '023810105'`);
    expect(nador[0]!.ar).toBe('الناظور');
  });

  it('has plans of the four kinds, all illustrative and saying so in Arabic and French', async () => {
    const kinds = await q<{ kind: string }>('SELECT DISTINCT kind::text FROM plans ORDER BY 1');
    expect(kinds.map((k) => k.kind)).toEqual(['development', 'growth', 'master', 'restructuring']);
    expect(await n(`SELECT count(*) n FROM plans WHERE NOT illustrative OR name->>'fr' NOT LIKE '%(exemple illustratif)'
                    OR name->>'ar' NOT LIKE '%(مثال توضيحي)'`)).toBe(0);
  });

  it('has at least 12 zone types whose regulations are complete in Arabic, French and English', async () => {
    const complete = `
      r.max_height_m IS NOT NULL AND r.max_levels IS NOT NULL AND r.cos IS NOT NULL AND r.ces IS NOT NULL
      AND r.min_lot_area_m2 IS NOT NULL AND r.min_frontage_m IS NOT NULL AND r.setback_front_m IS NOT NULL
      AND r.setback_side_m IS NOT NULL AND r.setback_rear_m IS NOT NULL AND r.article_ref IS NOT NULL
      AND r.parking ?& array['ar', 'fr', 'en'] AND r.remarks ?& array['ar', 'fr', 'en']
      AND jsonb_array_length(r.allowed_uses) > 0 AND jsonb_array_length(r.forbidden_uses) > 0
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(r.allowed_uses || r.forbidden_uses) u
                      WHERE NOT (u ?& array['ar', 'fr', 'en']) OR u->>'ar' !~ '[\u0600-\u06FF]')`;
    const types = await q<{ code: string; category: string }>(
      `SELECT DISTINCT r.zone_code code, z.category::text category FROM regulations r
       JOIN zones z ON z.version_id = r.version_id AND z.code = r.zone_code WHERE ${complete}`,
    );
    expect(new Set(types.map((t) => t.code)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(types.map((t) => t.category)).size).toBeGreaterThanOrEqual(12);
    // Plausible numbers: COS never above what CES × levels allows, heights by the R+n rule.
    expect(await n(`SELECT count(*) n FROM regulations WHERE cos > ces * max_levels + 1e-9`)).toBe(0);
    const r4 = await q<{ h: string }>(`SELECT DISTINCT max_height_m::text h FROM regulations WHERE zone_code = 'R+4'`);
    expect(r4.map((r) => Number(r.h))).toEqual([17.5]);
  });

  it('gives every version one regulation per zone code it uses, and nothing else', async () => {
    expect(await n(`SELECT count(*) n FROM zones z WHERE NOT EXISTS (
                      SELECT 1 FROM regulations r WHERE r.version_id = z.version_id AND r.zone_code = z.code)`)).toBe(0);
    expect(await n(`SELECT count(*) n FROM regulations r WHERE NOT EXISTS (
                      SELECT 1 FROM zones z WHERE r.version_id = z.version_id AND r.zone_code = z.code)`)).toBe(0);
  });

  it('has overlays of at least 6 kinds, planned roads 12–30 m wide, reserved sites E1…', async () => {
    expect(await n('SELECT count(DISTINCT kind) n FROM overlays')).toBeGreaterThanOrEqual(6);
    for (const kind of ['planned_road', 'reserved_facility', 'reserved_green', 'no_build', 'flood_zone', 'maritime_domain', 'heritage', 'utility_line']) {
      expect(await n('SELECT count(*) n FROM overlays WHERE kind = $1', [kind]), kind).toBeGreaterThan(0);
    }
    expect(await n(`SELECT count(*) n FROM overlays WHERE kind = 'planned_road'
                    AND (width_m < 12 OR width_m > 30 OR GeometryType(geom_4326) NOT LIKE '%LINESTRING')`)).toBe(0);
    expect(await n(`SELECT count(*) n FROM overlays WHERE kind = 'reserved_facility' AND code ~ '^E[0-9]+$'
                    AND GeometryType(geom_4326) LIKE '%POLYGON'`)).toBeGreaterThan(5);
  });

  it('places the Nador plan d\'aménagement in Nador commune, west of the lagoon, with two versions', async () => {
    const v = await q<{ version_no: number; status: string; valid_from: string; valid_to: string | null; expires_on: string }>(
      `SELECT v.version_no, v.valid_from::text, v.valid_to::text, v.expires_on::text,
              (SELECT status::text FROM plan_status_events e WHERE e.version_id = v.id ORDER BY effective_on DESC, id DESC LIMIT 1) status
       FROM plan_versions v JOIN plans p ON p.id = v.plan_id WHERE p.code = 'ex-pa-nador' ORDER BY version_no`,
    );
    expect(v).toEqual([
      { version_no: 1, status: 'replaced', valid_from: '2009-06-01', valid_to: '2019-06-01', expires_on: '2019-06-01' },
      { version_no: 2, status: 'approved', valid_from: '2019-06-01', valid_to: null, expires_on: '2029-06-01' },
    ]);
    const where = await q<{ inside: boolean; centre: boolean; km2: number }>(
      `SELECT ST_CoveredBy(v.geom_4326, ST_Buffer(c.geom_4326, 1e-7)) inside,
              ST_DWithin(v.geom_4326::geography, ST_SetSRID(ST_Point(-2.93, 35.17), 4326)::geography, 200) centre,
              ST_Area(v.geom_4326::geography) / 1e6 km2
       FROM plan_versions v JOIN plans p ON p.id = v.plan_id, communes c
       WHERE p.code = 'ex-pa-nador' AND c.code = '023810105'`,
    );
    for (const w of where) {
      expect(w.inside && w.centre).toBe(true);
      expect(w.km2).toBeGreaterThan(3);
      expect(w.km2).toBeLessThan(20);
    }
  });

  it('answers "what was in force at a date" with the version of that date', async () => {
    const at = async (d: string, code: string) =>
      q<{ version_no: number; status: string; in_force: boolean }>(
        `SELECT pv.version_no, a.status::text, a.in_force FROM versions_at($1::date) a
         JOIN plan_versions pv ON pv.id = a.version_id JOIN plans p ON p.id = a.plan_id WHERE p.code = $2`,
        [d, code],
      );
    expect(await at('2015-03-01', 'ex-pa-nador')).toEqual([{ version_no: 1, status: 'approved', in_force: true }]);
    expect(await at('2024-03-01', 'ex-pa-nador')).toEqual([{ version_no: 2, status: 'approved', in_force: true }]);
    expect(await at('2026-11-28', 'ex-pa-driouch')).toEqual([{ version_no: 1, status: 'public_inquiry', in_force: false }]);
    expect(await at('2026-11-28', 'ex-pd-tiztoutine')).toEqual([{ version_no: 1, status: 'approved', in_force: true }]);
    expect(await at('2026-11-28', 'ex-pr-nador-sud')).toEqual([{ version_no: 1, status: 'approved', in_force: true }]);
  });

  it('lays the restructuring plan inside the Nador plan d\'aménagement', async () => {
    expect(await n(`SELECT count(*) n FROM plan_versions r JOIN plans pr ON pr.id = r.plan_id,
                      plan_versions a JOIN plans pa ON pa.id = a.plan_id
                    WHERE pr.code = 'ex-pr-nador-sud' AND pa.code = 'ex-pa-nador' AND a.version_no = 2
                      AND ST_CoveredBy(r.geom_4326, a.geom_4326)`)).toBe(1);
  });

  it('keeps every geometry valid, zones and parcels as multipolygons', async () => {
    for (const table of ['zones', 'parcels', 'plan_versions', 'overlays']) {
      expect(await n(`SELECT count(*) n FROM ${table} WHERE NOT ST_IsValid(geom_4326)`), table).toBe(0);
    }
    expect(await n(`SELECT count(*) n FROM zones WHERE GeometryType(geom_4326) <> 'MULTIPOLYGON'`)).toBe(0);
    expect(await n(`SELECT count(*) n FROM parcels WHERE GeometryType(geom_4326) <> 'MULTIPOLYGON'`)).toBe(0);
    expect(await n(`SELECT count(*) n FROM plan_versions WHERE geom_4326 IS NULL OR ST_IsEmpty(geom_4326)`)).toBe(0);
  });

  it('tiles each version with zones that never overlap, its perimeter being their union', async () => {
    expect(await n(`SELECT count(*) n FROM zones a JOIN zones b ON a.version_id = b.version_id AND a.id < b.id
                      AND a.geom_4326 && b.geom_4326 AND ST_Relate(a.geom_4326, b.geom_4326, '2********')`)).toBe(0);
    // No gaps: the zones' areas add up to the perimeter's, which has no small holes (slivers between zones).
    expect(await n(`SELECT count(*) n FROM plan_versions v
                    WHERE abs(ST_Area(v.geom_4326::geography) - (SELECT sum(area_m2) FROM zones z WHERE z.version_id = v.id))
                          > 1e-6 * ST_Area(v.geom_4326::geography)`)).toBe(0);
    expect(await n(`SELECT count(*) n FROM plan_versions v, ST_Dump(v.geom_4326) d, generate_series(1, ST_NumInteriorRings(d.geom)) k
                    WHERE ST_Area(ST_MakePolygon(ST_InteriorRingN(d.geom, k))::geography) < 500`)).toBe(0);
  });

  it('has at least 20,000 illustrative parcels with unique land-title references and their commune', async () => {
    expect(await n('SELECT count(*) n FROM parcels WHERE illustrative')).toBeGreaterThanOrEqual(20000);
    expect(await n(`SELECT count(*) - count(DISTINCT reference_norm) n FROM parcels WHERE valid_to IS NULL`)).toBe(0);
    expect(await n(`SELECT count(*) n FROM parcels WHERE reference !~ '^(TF|R) [0-9]+/[0-9]+$'`)).toBe(0);
    expect(await n(`SELECT count(*) n FROM parcels WHERE reference LIKE 'R %'`)).toBeGreaterThan(50);
    expect(await n(`SELECT count(*) n FROM parcels p JOIN communes c ON c.id = p.commune_id
                    WHERE ST_Intersects(c.geom_4326, ST_Centroid(p.geom_4326))`)).toBe(await n('SELECT count(*) n FROM parcels'));
    // Most are in Nador, some in the other towns.
    const byCommune = await q<{ code: string; n: number }>(
      `SELECT c.code, count(*)::int n FROM parcels p JOIN communes c ON c.id = p.commune_id GROUP BY c.code ORDER BY n DESC`);
    expect(byCommune[0]!.code).toBe('023810105');
    expect(byCommune[0]!.n / byCommune.reduce((s, r) => s + r.n, 0)).toBeGreaterThan(0.5);
    expect(byCommune.length).toBeGreaterThanOrEqual(3);
  });

  it('never overlaps two parcels', async () => {
    expect(await n(`SELECT count(*) n FROM parcels a JOIN parcels b ON a.id < b.id AND a.geom_4326 && b.geom_4326
                      AND ST_Relate(a.geom_4326, b.geom_4326, '2********')`)).toBe(0);
  });

  it('puts every parcel inside the zones of a plan (not only the SDAU), some across two zones', async () => {
    expect(await n(`SELECT count(*) n FROM parcels p WHERE NOT EXISTS (
                      SELECT 1 FROM plan_versions v JOIN plans pl ON pl.id = v.plan_id
                      WHERE pl.kind <> 'master' AND v.geom_4326 && p.geom_4326 AND ST_CoveredBy(p.geom_4326, v.geom_4326))`)).toBe(0);
    // Parcels whose interior meets two zones of one version: the parcel sheet shows shares.
    const straddling = await n(`SELECT count(*) n FROM (
        SELECT p.id, z.version_id FROM parcels p JOIN zones z ON z.geom_4326 && p.geom_4326
        WHERE ST_Relate(z.geom_4326, p.geom_4326, '2********')
        GROUP BY p.id, z.version_id HAVING count(*) >= 2) s`);
    expect(straddling).toBeGreaterThan(20);
    // The restructuring plan's neighbourhood has parcels.
    expect(await n(`SELECT count(*) n FROM parcels p, plan_versions v JOIN plans pl ON pl.id = v.plan_id
                    WHERE pl.code = 'ex-pr-nador-sud' AND ST_CoveredBy(p.geom_4326, v.geom_4326)`)).toBeGreaterThan(300);
  });
});

describe('seeding', () => {
  const url = new URL(databaseUrl);
  const scratchName = `${url.pathname.slice(1)}_seedcheck`;
  const scratch = new URL(databaseUrl);
  scratch.pathname = `/${scratchName}`;
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';

  async function adminQuery(text: string) {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  }
  async function withScratch<T>(f: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({ connectionString: scratch.toString() });
    await c.connect();
    try {
      return await f(c);
    } finally {
      await c.end();
    }
  }

  let first: SeedReport;
  beforeAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${scratchName}"`);
    await migrate(scratch.toString());
    expect(await isSeeded(scratch.toString())).toBe(false);
    first = await seed(scratch.toString());
  });
  afterAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`);
  });

  it('reports what it made, the repaired commune included, in a few seconds', async () => {
    expect(first.communes).toBe(56);
    expect(first.repairedCommunes).toEqual([BNI_ANSAR]);
    expect(first.parcels).toBeGreaterThanOrEqual(20000);
    expect(first.zones).toBeGreaterThan(100);
    expect(first.plans).toBe(5);
    expect(first.versions).toBe(6);
    expect(first.ms).toBeLessThan(60_000);
    expect(await isSeeded(scratch.toString())).toBe(true);
    // The commune really was invalid as published, and is valid now.
    const fc = JSON.parse(await readFile(COMMUNES_FILE, 'utf8')) as { features: { properties: { code: string }; geometry: unknown }[] };
    const raw = fc.features.find((f) => f.properties.code === BNI_ANSAR)!.geometry;
    await withScratch(async (c) => {
      const r = await c.query<{ was: boolean; now: boolean; ratio: number }>(
        `SELECT ST_IsValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) was, ST_IsValid(geom_4326) now,
                ST_Area(geom_4326::geography) / ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography) ratio
         FROM communes WHERE code = $2`,
        [JSON.stringify(raw), BNI_ANSAR],
      );
      expect(r.rows[0]!.was).toBe(false);
      expect(r.rows[0]!.now).toBe(true);
      expect(r.rows[0]!.ratio).toBeGreaterThan(0.95);
    });
  });

  it('gives byte-identical data when run again with the same seed', async () => {
    const a = await withScratch(fingerprint);
    const again = await seed(scratch.toString());
    expect(again.parcels).toBe(first.parcels);
    expect(again.dataVersion).toBe(first.dataVersion + 1);
    expect(await withScratch(fingerprint)).toEqual(a);
  });

  it('leaves the previous data untouched when it fails half-way', async () => {
    const before = await withScratch(fingerprint);
    const version = await withScratch(async (c) => (await c.query<{ v: string }>('SELECT version v FROM data_version')).rows[0]!.v);
    // Parcels can no longer be inserted: the seeding fails after communes and plans were replaced.
    await withScratch((c) => c.query('ALTER TABLE parcels ADD CONSTRAINT seed_test_block CHECK (id < 0) NOT VALID'));
    await expect(seed(scratch.toString())).rejects.toThrow(/seed_test_block/);
    await withScratch((c) => c.query('ALTER TABLE parcels DROP CONSTRAINT seed_test_block'));
    expect(await withScratch(fingerprint)).toEqual(before);
    expect(await withScratch(async (c) => (await c.query<{ v: string }>('SELECT version v FROM data_version')).rows[0]!.v)).toBe(version);
  });

  it('extends to more towns when asked for more parcels than the sample towns hold', async () => {
    const big = await seed(scratch.toString(), { parcels: 45000 });
    expect(big.parcels).toBeGreaterThanOrEqual(45000);
    expect(big.plans).toBeGreaterThan(5);
    await withScratch(async (c) => {
      const r = await c.query<{ n: string }>(`SELECT count(*) n FROM parcels a JOIN parcels b ON a.id < b.id
        AND a.geom_4326 && b.geom_4326 AND ST_Relate(a.geom_4326, b.geom_4326, '2********')`);
      expect(Number(r.rows[0]!.n)).toBe(0);
    });
  });
});
