// Zones of a plan through the HTTP API: import → draft (never public) → rules edited → published in one
// transaction (identify answers, tiles change, the data version bumps) → a new version replaces it from its
// date while the old one still answers ?at= → status changes; every problem reported with its feature and
// place; files in each format; a bad file refused with nothing left behind.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, type Signed } from '../accounts/helpers.js';
import { lonLatAt, PROBLEMS_AT, type FixtureName } from '../fixtures/make-fixtures.js';
import { expectError, fixtureDir, makeUser, multipart, scratchDatabase, type Scratch } from './helpers.js';

let db: Scratch;
let app: FastifyInstance;
let planner: Signed;
let fx: Awaited<ReturnType<typeof fixtureDir>>;
let tmp: string;
const savedTmpdir = process.env.TMPDIR;

beforeAll(async () => {
  fx = await fixtureDir();
  // Every temporary file of this file's imports goes here, to check none is left behind.
  tmp = await mkdtemp(path.join(tmpdir(), 'tasmim-zones-test-'));
  process.env.TMPDIR = tmp;
  db = await scratchDatabase('zones');
  app = await db.app();
  planner = await login(app, await makeUser(db, 'planner'));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await fx?.remove();
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  await rm(tmp, { recursive: true, force: true });
});

const PLAN = 'test-imp-zones';
const zoneFields = { codeField: 'CODE', labelFrField: 'NOM_FR', labelArField: 'NOM_AR' };

async function upload(name: FixtureName, fields: Record<string, string>, query = '') {
  const body = multipart(fields, { name, data: await readFile(await fx.get(name)) });
  return app.inject({ method: 'POST', url: `/api/imports${query}`, payload: body.payload, headers: { ...body.headers, ...as(planner).headers }, cookies: planner.cookies });
}

const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object, ...as(planner) });
const put = (url: string, payload: unknown) => app.inject({ method: 'PUT', url, payload: payload as object, ...as(planner) });
const get = (url: string) => app.inject({ url, cookies: planner.cookies });

async function identify(dx: number, dy: number, at: string) {
  const [lon, lat] = lonLatAt(dx, dy);
  const res = await app.inject({ url: `/api/identify?lon=${lon}&lat=${lat}&at=${at}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { dataVersion: number; zoning: { plan: { code: string; versionNo: number; status: string; inForce: boolean }; zone: { code: string; category: string; label: { ar: string; fr: string } }; regulation: { maxHeightM: number | null } | null }[] };
}

function tileOf(dx: number, dy: number, z: number): string {
  const [lon, lat] = lonLatAt(dx, dy);
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return `/tiles/development/${z}/${x}/${y}.mvt`;
}

const dataVersion = async () => (await app.inject({ url: '/tiles' })).json().dataVersion as number;

describe('a plan from import to publication', () => {
  let v1: number;
  let v2: number;
  let planId: number;

  it('imports a GeoJSON layer into a draft that the public never sees', async () => {
    const before = await dataVersion();
    const res = await upload('zones-v1.geojson', { planCode: PLAN, kind: 'development', name: 'PA de test', nameAr: 'تصميم التهيئة التجريبي', ...zoneFields });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out).toMatchObject({ status: 'draft', dataVersion: null });
    expect(out.report.counts).toEqual({ read: 4, imported: 4, skipped: 0, errors: 0, warnings: 4 });
    expect(out.report.crs).toMatchObject({ epsg: 4326 });
    expect(out.report.problems.filter((p: { code: string }) => p.code === 'missing_regulation').map((p: { params: { code: string } }) => p.params.code).sort())
      .toEqual(['EV', 'R+4', 'UA', 'VB']);
    v1 = out.versionId;
    planId = out.planId;

    // Not in identify, plans, tiles; the data version did not move.
    expect((await identify(100, 100, '2030-01-01')).zoning.filter((z) => z.plan.code === PLAN)).toEqual([]);
    expect((await app.inject({ url: '/api/plans?at=2030-01-01' })).json().plans.map((p: { code: string }) => p.code)).not.toContain(PLAN);
    expect((await app.inject({ url: `${tileOf(100, 100, 15)}?at=2030-01-01` })).statusCode).toBe(204);
    expect(await dataVersion()).toBe(before);

    // The planner sees it: zones as GeoJSON with their categories, the report, what is missing.
    const draft = await get(`/api/drafts/${v1}`);
    expect(draft.statusCode, draft.body).toBe(200);
    const d = draft.json();
    expect(d.version).toMatchObject({ id: v1, versionNo: 1, state: 'draft' });
    expect(d.zones.features.map((f: { properties: { code: string; category: string } }) => [f.properties.code, f.properties.category]))
      .toEqual([['UA', 'mixed_centre'], ['R+4', 'apartment'], ['EV', 'green_space'], ['VB', 'villa']]);
    expect(d.zones.features[1].properties.label).toEqual({ ar: 'عمارات من أربعة طوابق', fr: 'Immeubles R+4' });
    expect(d.checks).toMatchObject({ canPublish: true, blockers: [] });
    expect(d.checks.missingRegulations).toHaveLength(4);
    expect(d.report.counts.imported).toBe(4);
  });

  it('edits the rules and the category of a zone code in the draft', async () => {
    const rules = {
      allowedUses: [{ ar: 'سكن', fr: 'Habitat' }], forbiddenUses: [{ ar: 'صناعة', fr: 'Industrie' }],
      maxHeightM: 17.5, maxLevels: 5, cos: 3.5, ces: 0.7, minLotAreaM2: 300, minFrontageM: 12,
      setbacks: { frontM: 5, sideM: null, rearM: 4 }, parking: null, remarks: { ar: 'ملاحظة', fr: 'Remarque' }, articleRef: 'Art. 12',
    };
    const res = await put(`/api/drafts/${v1}/regulations/${encodeURIComponent('R+4')}`, rules);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().regulation).toMatchObject({ zoneCode: 'R+4', maxHeightM: 17.5, cos: 3.5, setbacks: { frontM: 5, sideM: null, rearM: 4 } });
    for (const code of ['UA', 'EV', 'VB']) expect((await put(`/api/drafts/${v1}/regulations/${code}`, { maxHeightM: 8 })).statusCode).toBe(200);
    expectError(await put(`/api/drafts/${v1}/regulations/XX`, { maxHeightM: 8 }), 404, 'not_found');
    expectError(await put(`/api/drafts/${v1}/regulations/UA`, { ces: 2 }), 400, 'invalid_request');
    const cat = await put(`/api/drafts/${v1}/zones/VB`, { category: 'villa', label: { ar: 'فيلات من نوع ب', fr: 'Villas B' } });
    expect(cat.statusCode, cat.body).toBe(200);
    expect(cat.json()).toEqual({ versionId: v1, code: 'VB', zones: 1 });
    const d = (await get(`/api/drafts/${v1}`)).json();
    expect(d.checks.missingRegulations).toEqual([]);
    expect(d.zoneCodes.find((z: { code: string }) => z.code === 'VB').label.fr).toBe('Villas B');
    const trail = await db.query(`SELECT action, actor_id FROM audit_events WHERE target_type = 'plan_version' AND target_id = $1 ORDER BY id`, [String(v1)]);
    expect(trail.map((t) => t.action)).toEqual(['plan.import', 'regulation.edit', 'regulation.edit', 'regulation.edit', 'regulation.edit', 'zone.edit']);
  });

  it('publishes in one transaction: identify answers, the tiles change, the data version bumps', async () => {
    const before = await dataVersion();
    const tileBefore = await app.inject({ url: `${tileOf(100, 100, 15)}?at=2021-01-01` });
    expect(tileBefore.statusCode).toBe(204);
    const res = await post(`/api/drafts/${v1}/publish`, {
      validFrom: '2020-01-01', status: 'approved', approvedOn: '2020-01-15', decreeRef: '2-19-123', boRef: '6850', boDate: '2020-01-20',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      planId, versionId: v1, versionNo: 1, validFrom: '2020-01-01', status: 'approved', approvedOn: '2020-01-15',
      expiresOn: '2030-01-15', closedVersionId: null, dataVersion: before + 1,
    });
    expect(await dataVersion()).toBe(before + 1);

    const hit = (await identify(450, 100, '2021-01-01')).zoning.find((z) => z.plan.code === PLAN);
    expect(hit).toMatchObject({ plan: { versionNo: 1, status: 'approved', inForce: true }, zone: { code: 'R+4', category: 'apartment' }, regulation: { maxHeightM: 17.5 } });
    // Before its date the version does not answer.
    expect((await identify(450, 100, '2019-06-01')).zoning.filter((z) => z.plan.code === PLAN)).toEqual([]);
    const tileAfter = await app.inject({ url: `${tileOf(100, 100, 15)}?at=2021-01-01` });
    expect(tileAfter.statusCode).toBe(200);

    const [v] = await db.query<{ area: number; state: string }>(`SELECT ST_Area(geom_4326::geography) area, state FROM plan_versions WHERE id = $1`, [v1]);
    expect(v!.state).toBe('published');
    expect(Math.abs(v!.area - 240_000) / 240_000).toBeLessThan(0.002);
    const [imp] = await db.query<{ status: string }>(`SELECT status FROM imports WHERE version_id = $1`, [v1]);
    expect(imp!.status).toBe('published');
    const [audit] = await db.query<{ n: number }>(`SELECT count(*)::int n FROM audit_events WHERE action = 'plan.publish' AND target_id = $1`, [String(v1)]);
    expect(audit!.n).toBe(1);

    expectError(await post(`/api/drafts/${v1}/publish`, {}), 409, 'version_not_draft');
    expectError(await put(`/api/drafts/${v1}/regulations/UA`, { maxHeightM: 9 }), 409, 'version_not_draft');
  });

  it('publishes a new version from its date; the old one still answers ?at= before it', async () => {
    const res = await upload('zones-v2.geojson', { planCode: PLAN, ...zoneFields });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out.planId).toBe(planId);
    v2 = out.versionId;
    // The rules of UA come from version 1; R+3 is new.
    expect(out.report.problems.find((p: { code: string }) => p.code === 'copied_from_version').params).toMatchObject({ regulations: 1, versionNo: 1 });
    expect(out.report.problems.filter((p: { code: string }) => p.code === 'missing_regulation').map((p: { params: { code: string } }) => p.params.code)).toEqual(['R+3']);

    expectError(await post(`/api/drafts/${v2}/publish`, { validFrom: '2019-12-01' }), 409, 'publish_conflict');
    const pub = await post(`/api/drafts/${v2}/publish`, { validFrom: '2024-01-01', status: 'approved' });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ versionNo: 2, closedVersionId: v1, approvedOn: '2024-01-01', expiresOn: '2034-01-01' });

    const old = (await identify(450, 100, '2021-06-01')).zoning.find((z) => z.plan.code === PLAN);
    expect(old).toMatchObject({ plan: { versionNo: 1 }, zone: { code: 'R+4' } });
    const now = (await identify(450, 100, '2025-01-01')).zoning.find((z) => z.plan.code === PLAN);
    expect(now).toMatchObject({ plan: { versionNo: 2, status: 'approved', inForce: true }, zone: { code: 'UA' } });

    const detail = (await app.inject({ url: `/api/plans/${planId}?at=2025-01-01` })).json();
    const history = detail.versions.find((x: { versionNo: number }) => x.versionNo === 1);
    expect(history).toMatchObject({ validFrom: '2020-01-01', validTo: '2024-01-01' });
    expect(history.statusHistory.map((e: { status: string }) => e.status)).toEqual(['approved', 'replaced']);
  });

  it('records changes of legal status with their dates', async () => {
    const res = await post(`/api/plans/${planId}/status`, { status: 'annulled', effectiveOn: '2025-06-01', reference: 'Tribunal administratif, jugement 123' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ versionId: v2, status: 'annulled', effectiveOn: '2025-06-01' });
    expect(res.json().dataVersion).toBeGreaterThan(0);
    expect((await identify(450, 100, '2025-07-01')).zoning.find((z) => z.plan.code === PLAN)!.plan).toMatchObject({ status: 'annulled', inForce: false });
    expect((await identify(450, 100, '2025-05-01')).zoning.find((z) => z.plan.code === PLAN)!.plan).toMatchObject({ status: 'approved', inForce: true });
    expectError(await post(`/api/plans/${planId}/status`, { status: 'approved', versionId: 999999 }), 404, 'not_found');
    expectError(await post(`/api/plans/${planId}/status`, { status: 'unknown' }), 400, 'invalid_request');
  });
});

describe('the validation report', () => {
  it('lists every problem with its feature, its place and its severity, and blocks publication on errors', async () => {
    const res = await upload('problems.geojson', { planCode: 'test-imp-problems', kind: 'development', name: 'Plan à problèmes', codeField: 'CODE', labelFrField: 'NOM_FR' });
    expect(res.statusCode, res.body).toBe(201);
    const { report, versionId } = res.json();
    type P = { code: string; severity: string; feature: { index: number; code: string | null } | null; location: { lon: number; lat: number } | null; params: Record<string, number | string>; message: string };
    const problems = report.problems as P[];
    const one = (code: string) => {
      const found = problems.filter((p) => p.code === code);
      expect(found, code).toHaveLength(1);
      return found[0]!;
    };
    const near = (loc: { lon: number; lat: number } | null, [dx, dy]: [number, number], metres: number) => {
      const [lon, lat] = lonLatAt(dx, dy);
      expect(loc).not.toBeNull();
      expect(Math.abs(loc!.lon - lon) * 91_000 + Math.abs(loc!.lat - lat) * 111_000).toBeLessThan(metres);
    };

    const bowtie = one('invalid_geometry');
    expect(bowtie).toMatchObject({ severity: 'warning', feature: { index: 0, code: 'UA' }, params: { reason: expect.stringMatching(/Self-intersection/i) } });
    near(bowtie.location, PROBLEMS_AT.bowtie, 5);
    const overlap = one('overlap');
    expect(overlap).toMatchObject({ severity: 'error', feature: { index: 1, code: 'UB' }, params: { otherIndex: 2, otherCode: 'UC' } });
    expect(Math.abs(Number(overlap.params.areaM2) - 5000)).toBeLessThan(10);
    near(overlap.location, PROBLEMS_AT.overlap, 40);
    const gap = one('gap');
    expect(gap.severity).toBe('warning');
    expect(Math.abs(Number(gap.params.areaM2) - 400)).toBeLessThan(2);
    near(gap.location, PROBLEMS_AT.gap, 15);
    expect(one('missing_code')).toMatchObject({ severity: 'error', feature: { index: 3, code: null } });
    expect(one('null_geometry')).toMatchObject({ severity: 'warning', feature: { index: 4, code: 'UD' }, location: null });
    expect(one('not_polygon')).toMatchObject({ severity: 'error', feature: { index: 5 }, params: { type: 'LINESTRING' } });
    expect(one('mixed_geometry_types')).toMatchObject({ severity: 'warning', params: { multipolygons: 1 } });
    const outside = one('outside_territory');
    expect(outside).toMatchObject({ severity: 'error', feature: { index: 7, code: 'UG' } });
    expect(outside.location!.lon).toBeCloseTo(-6.845, 2);
    // Categories nobody stated get a default, and a warning naming the code.
    expect(problems.filter((p) => p.code === 'category_defaulted')).toEqual([]);
    expect(report.counts).toMatchObject({ read: 9, imported: 5, skipped: 4, errors: 4 });
    // Errors first, each message written for the planner.
    expect(problems[0]!.severity).toBe('error');
    expect(problems.every((p) => p.message.length > 10)).toBe(true);

    const d = (await get(`/api/drafts/${versionId}`)).json();
    expect(d.checks.canPublish).toBe(false);
    expect(d.checks.blockers.join(' ')).toMatch(/4 error/);
    const blocked = expectError(await post(`/api/drafts/${versionId}/publish`, {}), 409, 'publish_blocked');
    expect(blocked.details).toMatchObject({ errors: 4, codes: expect.arrayContaining(['overlap', 'outside_territory']) });

    // The same report, in Arabic.
    const ar = (await get(`/api/imports/${res.json().importId}?lang=ar`)).json();
    expect(ar.report.problems.find((p: P) => p.code === 'overlap').message).toMatch(/متداخلتان/);
    // Discarded: the draft is gone, the import says so.
    expect((await app.inject({ method: 'DELETE', url: `/api/drafts/${versionId}`, ...as(planner) })).statusCode).toBe(204);
    expectError(await get(`/api/drafts/${versionId}`), 404, 'not_found');
    expect((await get(`/api/imports/${res.json().importId}`)).json().status).toBe('discarded');
  });
});

describe('formats and mappings', () => {
  it('maps a CNIG ZONE_URBA layer by the standard, TYPEZONE giving the categories, then its prescriptions', async () => {
    const res = await upload('cnig.zip', { planCode: 'test-imp-cnig', kind: 'development', name: 'PA CNIG' });
    expect(res.statusCode, res.body).toBe(201);
    const { report, versionId } = res.json();
    expect(report.file).toMatchObject({ format: 'shapefile', layer: '22650515_ZONE_URBA_20240101', featureCount: 4 });
    expect(report.mapping).toMatchObject({ codeField: 'LIBELLE', labelFrField: 'LIBELONG', categoryField: 'TYPEZONE', template: 'cnig' });
    expect(report.problems.find((p: { code: string }) => p.code === 'template')).toBeDefined();
    const d = (await get(`/api/drafts/${versionId}`)).json();
    expect(d.zoneCodes.map((z: { code: string; category: string; label: { fr: string } }) => [z.code, z.category, z.label.fr])).toEqual([
      ['1AUa', 'future_urban', 'Zone à urbaniser'], ['A', 'agricultural', 'Zone agricole'], ['Nh', 'natural', 'Zone naturelle habitée'], ['UA', 'mixed_centre', 'Zone urbaine centrale'],
    ]);

    const o = await upload('cnig.zip', { target: 'overlays', planCode: 'test-imp-cnig', layer: '22650515_PRESCRIPTION_SURF_20240101' });
    expect(o.statusCode, o.body).toBe(201);
    expect(o.json()).toMatchObject({ status: 'applied', versionId });
    const kinds = await db.query<{ kind: string; label: { fr: string } }>(`SELECT kind, label FROM overlays WHERE version_id = $1 ORDER BY id`, [versionId]);
    expect(kinds.map((k) => k.kind)).toEqual(['reserved_facility', 'planned_road', 'heritage']);
    expect(kinds[0]!.label.fr).toBe('ER 1 : école');
  });

  it('reads Arabic labels of a Windows-1256 Shapefile with an unnamed Lambert .prj, and says how', async () => {
    const res = await upload('zones-1256.zip', { planCode: 'test-imp-arabic', kind: 'growth', name: 'PDAR test', ...zoneFields });
    expect(res.statusCode, res.body).toBe(201);
    const { report, versionId } = res.json();
    expect(report.crs).toMatchObject({ epsg: 26191, source: 'prj', how: expect.stringMatching(/parameters of EPSG:26191/) });
    expect(report.encoding).toMatchObject({ name: 'windows-1256', source: 'detected' });
    const info = report.problems.filter((p: { severity: string }) => p.severity === 'info').map((p: { code: string }) => p.code);
    expect(info).toEqual(expect.arrayContaining(['crs', 'encoding']));
    const labels = await db.query<{ label: { ar: string } }>(`SELECT label FROM zones WHERE version_id = $1 ORDER BY id`, [versionId]);
    expect(labels.map((l) => l.label.ar)).toEqual(['المركز الحضري', 'عمارات من أربعة طوابق', 'مساحة خضراء', 'فيلات']);
    // Same place as the GeoJSON version of these zones (converted with EPSG:1166 both ways): within 1 cm.
    const [dist] = await db.query<{ d: number }>(
      `SELECT max(ST_HausdorffDistance(a.geom_4326, b.geom_4326)) d FROM zones a JOIN zones b ON a.code = b.code
       JOIN plan_versions va ON va.id = a.version_id JOIN plan_versions vb ON vb.id = b.version_id JOIN plans pb ON pb.id = vb.plan_id
       WHERE a.version_id = $1 AND pb.code = $2 AND vb.version_no = 1`,
      [versionId, PLAN],
    );
    expect(dist!.d).toBeLessThan(1.5e-7);
  });

  it('flattens a 3D GeoPackage and says so', async () => {
    const res = await upload('zones-3d.gpkg', { planCode: 'test-imp-gpkg', kind: 'restructuring', name: 'Restructuration test', ...zoneFields });
    expect(res.statusCode, res.body).toBe(201);
    const { report } = res.json();
    expect(report.file).toMatchObject({ format: 'geopackage', layer: 'zonage' });
    expect(report.problems.find((p: { code: string }) => p.code === 'flattened_3d')).toMatchObject({ severity: 'warning' });
  });

  it('refuses a layer that falls outside the territory because its .prj is wrong, naming the right system', async () => {
    const res = await upload('zones-sud.zip', { planCode: 'test-imp-sud', kind: 'development', name: 'Sud', ...zoneFields });
    const err = expectError(res, 400, 'import_rejected');
    const details = err.details as { importId: number; report: { problems: { code: string; params: Record<string, string> }[] } };
    const suspect = details.report.problems.find((p) => p.code === 'crs_suspect');
    expect(suspect?.params).toMatchObject({ epsg: 26192, fits: expect.stringContaining('EPSG:26191') });
    // Nothing made: no plan, no draft; the import is recorded as rejected.
    expect(await db.query(`SELECT 1 FROM plans WHERE code = 'test-imp-sud'`)).toEqual([]);
    expect((await get(`/api/imports/${details.importId}`)).json()).toMatchObject({ status: 'rejected', planId: null, versionId: null });
  });
});

describe('bad files', () => {
  it('answers a clear 400 and leaves nothing half-imported, no temporary file behind', async () => {
    const count = async () => (await db.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM plans) || '/' || (SELECT count(*) FROM plan_versions) || '/' || (SELECT count(*) FROM zones) n`))[0]!.n;
    const before = await count();
    const noPrj = expectError(await upload('zones-noprj.zip', { planCode: 'test-imp-bad', kind: 'development', name: 'Bad', ...zoneFields }), 400, 'import_missing_prj');
    const importId = (noPrj.details as { importId: number }).importId;
    const failed = (await get(`/api/imports/${importId}?lang=fr`)).json();
    expect(failed).toMatchObject({ status: 'failed', report: null, failure: { code: 'import_missing_prj', message: expect.stringMatching(/\.prj/) } });
    expectError(await upload('bomb.zip', { planCode: 'test-imp-bad', kind: 'development', name: 'Bad', ...zoneFields }), 400, 'import_archive_refused');
    expectError(await upload('zones-v1.geojson', { planCode: 'test-imp-bad', kind: 'development', name: 'Bad', codeField: 'NOPE' }), 400, 'import_field_missing');
    expectError(await upload('zones-v1.geojson', { planCode: 'Not A Code', codeField: 'CODE' }), 400, 'invalid_request');
    expectError(await upload('zones-v1.geojson', { planCode: PLAN, kind: 'master', codeField: 'CODE' }), 409, 'plan_kind_mismatch');
    const notGis = multipart({ codeField: 'CODE' }, { name: 'readme.txt', data: Buffer.from('hello') });
    expectError(await app.inject({ method: 'POST', url: '/api/imports', payload: notGis.payload, headers: { ...notGis.headers, ...as(planner).headers }, cookies: planner.cookies }), 400, 'import_unsupported_format');
    expect(await count()).toBe(before);
    expect(await readdir(tmp)).toEqual([]);
  });
});
