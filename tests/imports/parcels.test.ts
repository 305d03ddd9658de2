// Parcels and overlays through the HTTP API: parcels with a duplicate reference refused with nothing
// changed; parcels applied at once (identify answers them, the data version bumps); a new file replaces
// the parcels of its communes from its date while the old ones still answer ?at= before it; overlays
// mapped to our kinds into a draft made from the published version, then published.
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, type Signed } from '../accounts/helpers.js';
import { lonLatAt, type FixtureName } from '../fixtures/make-fixtures.js';
import { expectError, fixtureDir, makeUser, multipart, scratchDatabase, type Scratch } from './helpers.js';

let db: Scratch;
let app: FastifyInstance;
let planner: Signed;
let fx: Awaited<ReturnType<typeof fixtureDir>>;
const PLAN = 'test-imp-parcels';

async function send(fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const body = multipart(fields, file);
  return app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, ...as(planner).headers }, cookies: planner.cookies });
}
const upload = async (name: FixtureName, fields: Record<string, string>) => send(fields, { name, data: await readFile(await fx.get(name)) });

async function identify(dx: number, dy: number, at: string) {
  const [lon, lat] = lonLatAt(dx, dy);
  const res = await app.inject({ url: `/api/identify?lon=${lon}&lat=${lat}&at=${at}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    dataVersion: number;
    parcel: { reference: string } | null;
    zoning: { plan: { code: string }; zone: { code: string } }[];
    overlays: { kind: string; code: string | null; label: { fr: string }; widthM: number | null }[];
  };
}
const dataVersion = async () => (await app.inject({ url: '/tiles' })).json().dataVersion as number;
const parcelFields = { target: 'parcels', referenceField: 'REF', communeField: 'COMMUNE' };

beforeAll(async () => {
  fx = await fixtureDir();
  db = await scratchDatabase('parcels');
  app = await db.app();
  planner = await login(app, await makeUser(db, 'planner'));
  const zones = await upload('zones-v1.geojson', { planCode: PLAN, kind: 'development', name: 'PA parcelles', codeField: 'CODE', labelFrField: 'NOM_FR', labelArField: 'NOM_AR' });
  expect(zones.statusCode, zones.body).toBe(201);
  const pub = await app.inject({ method: 'POST', url: `/api/drafts/${zones.json().versionId}/publish`, payload: { validFrom: '2020-01-01', status: 'approved' }, ...as(planner) });
  expect(pub.statusCode, pub.body).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await fx?.remove();
});

describe('parcels', () => {
  it('refuses a file with a duplicate reference and changes nothing', async () => {
    const before = await dataVersion();
    const err = expectError(await upload('parcels-dup.geojson', parcelFields), 400, 'import_rejected');
    const { report, importId } = err.details as { importId: number; report: { problems: { code: string; severity: string; feature: { index: number; code: string }; location: { lon: number; lat: number }; params: Record<string, unknown> }[] } };
    const dup = report.problems.filter((p) => p.code === 'duplicate_reference');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ severity: 'error', feature: { index: 6, code: 'TF 9001/11' }, params: { reference: 'TF 9001/11', otherIndex: 0 } });
    const [lon, lat] = lonLatAt(60, 340);
    expect(Math.abs(dup[0]!.location.lon - lon)).toBeLessThan(0.001);
    expect(Math.abs(dup[0]!.location.lat - lat)).toBeLessThan(0.001);
    expect(await db.query('SELECT 1 FROM parcels')).toEqual([]);
    expect(await dataVersion()).toBe(before);
    expect((await app.inject({ url: `/api/imports/${importId}`, cookies: planner.cookies })).json().status).toBe('rejected');
  });

  it('names communes it does not know and parcels that overlap', async () => {
    const square = (x0: number, y0: number, x1: number, y1: number) => {
      const [[a, b], [c, d]] = [lonLatAt(x0, y0), lonLatAt(x1, y1)];
      return { type: 'Polygon', coordinates: [[[a, b], [c, b], [c, d], [a, d], [a, b]]] };
    };
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { REF: 'TF 9500/11', COMMUNE: 'Atlantis' }, geometry: square(700, 300, 800, 400) },
        { type: 'Feature', properties: { REF: 'TF 9501/11', COMMUNE: '022650515' }, geometry: square(700, 0, 800, 100) },
        { type: 'Feature', properties: { REF: 'TF 9502/11', COMMUNE: 'Saka' }, geometry: square(780, 0, 880, 100) },
      ],
    };
    const err = expectError(await send(parcelFields, { name: 'p.geojson', data: Buffer.from(JSON.stringify(fc)) }), 400, 'import_rejected');
    const codes = (err.details as { report: { problems: { code: string }[] } }).report.problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['unknown_commune', 'parcel_overlap']));
  });

  it('applies parcels at once: identify answers them with the zones, the data version bumps', async () => {
    const before = await dataVersion();
    const res = await upload('parcels-v1.geojson', { ...parcelFields, validFrom: '2022-01-01' });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out).toMatchObject({ status: 'applied', dataVersion: before + 1 });
    expect(out.report.problems.find((p: { code: string }) => p.code === 'parcels_replaced').params).toMatchObject({ communes: 'Saka', inserted: 6, closed: 0, removed: 0 });
    const hit = await identify(70, 70, '2023-01-01');
    expect(hit.parcel).toMatchObject({ reference: 'TF 9001/11' });
    expect(hit.zoning.find((z) => z.plan.code === PLAN)?.zone.code).toBe('UA');
    expect((await identify(70, 70, '2021-06-01')).parcel).toBeNull();
    const [row] = await db.query<{ import_id: number; commune: string }>(
      `SELECT p.import_id, c.code commune FROM parcels p JOIN communes c ON c.id = p.commune_id WHERE reference = 'TF 9001/11'`);
    expect(row).toEqual({ import_id: out.importId, commune: '022650515' });
  });

  it('replaces the parcels of the communes the file covers; the old ones still answer before the date', async () => {
    const res = await upload('parcels-v2.geojson', { ...parcelFields, validFrom: '2024-01-01' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().report.problems.find((p: { code: string }) => p.code === 'parcels_replaced').params).toMatchObject({ closed: 6, removed: 0, inserted: 5 });
    expect((await identify(70, 70, '2025-01-01')).parcel).toMatchObject({ reference: 'TF 9101/11' });
    expect((await identify(70, 70, '2023-01-01')).parcel).toMatchObject({ reference: 'TF 9001/11' });
    const [closed] = await db.query<{ valid_to: string }>(`SELECT valid_to::text FROM parcels WHERE reference = 'TF 9001/11'`);
    expect(closed!.valid_to).toBe('2024-01-01');
    // The same file again on the same date replaces that day's parcels instead of closing them on the day they open.
    const again = await upload('parcels-v2.geojson', { ...parcelFields, validFrom: '2024-01-01' });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().report.problems.find((p: { code: string }) => p.code === 'parcels_replaced').params).toMatchObject({ closed: 0, removed: 5, inserted: 5 });
    const [n] = await db.query<{ n: number }>(`SELECT count(*)::int n FROM parcels WHERE valid_to IS NULL`);
    expect(n!.n).toBe(5);
  });

  it('refuses a reference that a current parcel of another commune holds', async () => {
    const current = async () => (await db.query<{ n: number }>(
      `SELECT count(*)::int n FROM parcels p JOIN communes c ON c.id = p.commune_id WHERE c.code = '022650515' AND valid_to IS NULL`))[0]!.n;
    const before = await current();
    await db.query(
      `INSERT INTO parcels (reference, commune_id, geom_4326)
       SELECT 'TF 9700/11', id, ST_Multi(ST_Buffer(ST_PointOnSurface(geom_4326), 0.0005, 4)) FROM communes WHERE code = '022650103'`);
    const [[a, b], [c, d]] = [lonLatAt(20, 20), lonLatAt(120, 120)];
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { REF: 'TF 9700/11', COMMUNE: 'Saka' },
      geometry: { type: 'Polygon', coordinates: [[[a, b], [c, b], [c, d], [a, d], [a, b]]] } }] };
    const err = expectError(await send({ ...parcelFields, validFrom: '2025-01-01' }, { name: 'p.geojson', data: Buffer.from(JSON.stringify(fc)) }), 400, 'import_rejected');
    const inUse = (err.details as { report: { problems: { code: string; params: Record<string, string> }[] } }).report.problems.filter((p) => p.code === 'reference_in_use');
    expect(inUse).toHaveLength(1);
    expect(inUse[0]!.params).toMatchObject({ reference: 'TF 9700/11', commune: 'Guercif' });
    // Saka's parcels are untouched.
    expect(await current()).toBe(before);
  });
});

describe('overlays', () => {
  const fields = { target: 'overlays', planCode: PLAN, typeField: 'TYPE', codeField: 'CODE', labelFrField: 'NOM', widthField: 'LARGEUR' };

  it('refuses types it cannot map, saying how to map them', async () => {
    const err = expectError(await upload('overlays.geojson', fields), 400, 'import_rejected');
    const problems = (err.details as { report: { problems: { code: string; severity: string; feature: { index: number }; params: Record<string, unknown> }[] } }).report.problems;
    expect(problems.find((p) => p.code === 'unknown_overlay_type')).toMatchObject({ severity: 'error', feature: { index: 3 }, params: { value: 'Servitude X', count: 1 } });
    expect(problems.find((p) => p.code === 'invalid_width')).toMatchObject({ severity: 'warning', feature: { index: 2 }, params: { value: 'large' } });
    // No draft was left behind.
    expect(await db.query(`SELECT 1 FROM plan_versions v JOIN plans p ON p.id = v.plan_id WHERE p.code = $1 AND v.state = 'draft'`, [PLAN])).toEqual([]);
  });

  it('puts them into a draft made from the published version, then published with it', async () => {
    const res = await upload('overlays.geojson', { ...fields, typeMap: JSON.stringify({ 'Servitude X': 'utility_line' }) });
    expect(res.statusCode, res.body).toBe(201);
    const { versionId, status } = res.json();
    expect(status).toBe('applied');
    const rows = await db.query<{ kind: string; code: string | null; label: { fr: string; ar: string }; width_m: number | null }>(
      `SELECT kind, code, label, width_m::float8 FROM overlays WHERE version_id = $1 ORDER BY id`, [versionId]);
    expect(rows.map((r) => [r.kind, r.code, r.label.fr, r.width_m])).toEqual([
      ['planned_road', 'V1', 'Boulevard projeté', 20],
      ['reserved_facility', 'E1', 'Collège', null],
      ['no_build', null, 'Zone non aedificandi', null],
      ['utility_line', null, 'Inconnue', null],
    ]);
    // The draft holds the zones and rules of the published version.
    const [z] = await db.query<{ n: number }>(`SELECT count(*)::int n FROM zones WHERE version_id = $1`, [versionId]);
    expect(z!.n).toBe(4);
    // Drafts stay private until published: neither identify nor the parcel sheet sees them.
    expect((await identify(300, 200, '2026-06-01')).overlays).toEqual([]);
    const [parcel] = await db.query<{ id: number }>(`SELECT id FROM parcels WHERE reference = 'TF 9006/11' AND valid_to IS NULL`);
    const sheet = async () => (await app.inject({ url: `/api/parcels/${parcel!.id}?at=2026-06-01` })).json() as { overlays: { kind: string; code: string | null }[] };
    expect((await sheet()).overlays).toEqual([]);
    const pub = await app.inject({ method: 'POST', url: `/api/drafts/${versionId}/publish`, payload: { validFrom: '2026-01-01', status: 'approved' }, ...as(planner) });
    expect(pub.statusCode, pub.body).toBe(200);
    const road = (await identify(300, 200, '2026-06-01')).overlays.find((o) => o.kind === 'planned_road');
    expect(road).toMatchObject({ code: 'V1', widthM: 20, label: { fr: 'Boulevard projeté' } });
    expect((await identify(300, 200, '2025-06-01')).overlays).toEqual([]);
    expect((await sheet()).overlays.map((o) => [o.kind, o.code])).toEqual([['reserved_facility', 'E1']]);
  });
});
