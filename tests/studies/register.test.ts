// Importing the register of studied files, on a database of its own (an import bumps the data version,
// which the shared sample's tests must not see change): known references are linked, unknown ones
// imported with their file and reported, an invalid row stops everything, the applicant follows a file
// by its number, the parcel lists its files, and the tile layer draws them coloured by opinion.
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import type { FastifyInstance } from 'fastify';
import Protobuf from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportOutcome, ParcelStudies, Study } from '../../server/studies/schemas.js';
import { as, login, type Signed } from '../accounts/helpers.js';
import { makeUser, scratchDatabase, type Scratch } from '../imports/helpers.js';

let db: Scratch;
let app: FastifyInstance;
let planner: Signed;
const parcels: Record<string, number> = {};

beforeAll(async () => {
  db = await scratchDatabase('studies');
  app = await db.app();
  planner = await login(app, await makeUser(db, 'planner'));
  // Three adjacent parcels in Nador, 50 m wide.
  for (const [i, ref] of ['TF 1001/11', 'TF 1002/11', 'R 77/11'].entries()) {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO parcels (reference, geom_4326) VALUES ($1, ST_Multi(ST_MakeEnvelope(-2.9350 + $2 * 0.00055, 35.1680, -2.93445 + $2 * 0.00055, 35.1685, 4326))) RETURNING id`,
      [ref, i],
    );
    parcels[ref] = Number(row!.id);
  }
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const post = (body: string, type: string, name = 'registre.csv') =>
  app.inject({ method: 'POST', url: `/api/studies/import?lang=en&name=${name}`, payload: body, headers: { 'content-type': type, ...as(planner).headers }, cookies: planner.cookies });

const CSV = [
  'numero;type;parcelles;date;avis;conditions',
  'PC-2026-0101;permis de construire;TF 1001/11;12/03/2026;favorable;',
  'LT-2026-0007;subdivision;TF1002/11|TF 9999/11;2026-04-02;favourable_with_conditions;"Recul de 5 m; raccordement ""assainissement"""',
  'CRI-2026-0003;investment_project;T 5/11;2026-05-10;défavorable;',
].join('\r\n');

describe('POST /api/studies/import', () => {
  it('imports a register with unknown references: the rest is linked, the unknown ones are reported', async () => {
    const res = await post(CSV, 'text/csv');
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json() as ImportOutcome;
    expect(out).toMatchObject({ files: 3, created: 3, updated: 0, linkedParcels: 2 });
    expect(out.unmatched).toEqual([
      { row: 2, number: 'LT-2026-0007', reference: 'TF 9999/11' },
      { row: 3, number: 'CRI-2026-0003', reference: 'T 5/11' },
    ]);
    const [imp] = await db.query<{ unmatched: unknown[]; file_name: string }>('SELECT unmatched, file_name FROM study_imports WHERE id = $1', [out.importId]);
    expect(imp!.unmatched).toHaveLength(2);
    const [ev] = await db.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_events WHERE action = 'study.import' ORDER BY id DESC LIMIT 1");
    expect(ev!.details).toMatchObject({ files: 3, unmatched: 2, linkedParcels: 2 });
  });

  it('lets the applicant follow a file by its number (spaces and case ignored)', async () => {
    const res = await app.inject({ url: `/api/studies/${encodeURIComponent('lt-2026-0007')}` });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as Study;
    expect(s).toMatchObject({ number: 'LT-2026-0007', kind: 'subdivision', studiedOn: '2026-04-02', opinion: 'favourable_with_conditions' });
    expect(s.conditions).toBe('Recul de 5 m; raccordement "assainissement"');
    expect(s.parcels).toEqual([
      { reference: 'TF 9999/11', parcelId: null },
      { reference: 'TF1002/11', parcelId: parcels['TF 1002/11'] },
    ]);
    const unknown = await app.inject({ url: '/api/studies/NOPE-1?lang=fr' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('Aucun dossier numéro « NOPE-1 »');
  });

  it('shows the files of a parcel', async () => {
    const res = await app.inject({ url: `/api/parcels/${parcels['TF 1001/11']}/studies` });
    const body = res.json() as ParcelStudies;
    expect(body.studies.map((s) => [s.number, s.opinion])).toEqual([['PC-2026-0101', 'favourable']]);
    expect((await app.inject({ url: `/api/parcels/${parcels['R 77/11']}/studies` })).json().studies).toEqual([]);
  });

  it('refuses a register with an invalid row, naming it, and imports nothing', async () => {
    const before = await db.query<{ n: string }>('SELECT count(*) n FROM studies');
    const res = await post(JSON.stringify([
      { number: 'PC-2026-0200', kind: 'building_permit', parcels: ['R 77/11'], date: '2026-06-01', opinion: 'favourable' },
      { number: 'PC-2026-0201', kind: 'villa', parcels: [], date: '2026-02-30', opinion: 'maybe' },
    ]), 'application/json', 'r.json');
    expect(res.statusCode, res.body).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('study_register_invalid');
    expect(err.message).toContain('nothing was imported');
    expect(err.details.rows).toHaveLength(1);
    expect(err.details.rows[0].row).toBe(2);
    expect(err.details.rows[0].problems.join(' ')).toMatch(/kind "villa".*no parcel reference.*date "2026-02-30".*opinion "maybe"/);
    expect(await db.query('SELECT count(*) n FROM studies')).toEqual(before);
    const unreadable = await post('number,kind\n"open', 'text/csv');
    expect(unreadable.json().error.code).toBe('study_register_unreadable');
  });

  it('updates a file imported again by its number (case ignored; JSON), and needs a planner', async () => {
    const res = await post(JSON.stringify([{ number: 'pc-2026-0101', kind: 'building_permit', parcels: 'TF 1001/11', date: '2026-07-01', opinion: 'unfavourable' }]), 'application/json', 'r.json');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ created: 0, updated: 1, unmatched: [] });
    expect((await app.inject({ url: '/api/studies/PC-2026-0101' })).json().opinion).toBe('unfavourable');
    const anonymous = await app.inject({ method: 'POST', url: '/api/studies/import', payload: CSV, headers: { 'content-type': 'text/csv' } });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('the studies tile layer', () => {
  it('draws each parcel with a file, with its latest opinion', async () => {
    const z = 16;
    const n = 2 ** z;
    const [lon, lat] = [-2.9347, 35.16825];
    const x = Math.floor(((lon + 180) / 360) * n);
    const r = (lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
    const res = await app.inject({ url: `/tiles/studies/${z}/${x}/${y}.mvt`, headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode, res.body).toBe(200);
    const layer = new VectorTile(new Protobuf(gunzipSync(res.rawPayload))).layers.studies!;
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    const byId = new Map(features.map((f) => [Number(f.id), f.properties]));
    // Only what the style draws (migration 0016): the file itself is read from the API by parcel id.
    expect(byId.get(parcels['TF 1001/11']!)).toEqual({ opinion: 'unfavourable' });
    expect(byId.get(parcels['TF 1002/11']!)).toEqual({ opinion: 'favourable_with_conditions' });
    expect(byId.has(parcels['R 77/11']!)).toBe(false);
    const tj = (await app.inject({ url: '/tiles/studies' })).json();
    expect(tj.vector_layers[0].id).toBe('studies');
  });
});
