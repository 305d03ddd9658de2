// Problem reports through the real app and the seeded PostGIS test database: posted at a point and on a
// parcel, seen by staff in the list and on the map, answered and closed, followed by the reporter.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, login, makeUser, type Signed } from '../accounts/helpers.js';
import { loadContact } from '../../server/contact/contact.js';
import { sql } from '../helpers/db.js';
import { buildTestApp } from '../helpers/app.js';
import { aParcel, jpegWithMetadata, postReport, unique } from './helpers.js';

let app: FastifyInstance;
let planner: Signed;
let instructor: Signed;

beforeAll(async () => {
  app = await buildTestApp();
  planner = await login(app, await makeUser('planner', { tag: 'reports' }));
  instructor = await login(app, await makeUser('instructor', { tag: 'reports' }));
});
afterAll(async () => {
  await app?.close();
});

const staffGet = (url: string, s: Signed = planner) => app.inject({ method: 'GET', url, ...as(s) });
const staffPost = (url: string, payload: object, s: Signed = planner) => app.inject({ method: 'POST', url, payload, ...as(s) });
const follow = (number: string, code: string) => app.inject({ method: 'POST', url: '/api/reports/follow', payload: { number, code } });

describe('reporting a problem', () => {
  it('posts one at a point and one on a parcel; staff see both in the list and on the map', async () => {
    const parcel = await aParcel(10);
    const atPoint = await postReport(app, { category: 'missing_road', description: unique('The new road is not drawn'), lon: String(parcel.lon + 0.0004), lat: String(parcel.lat), lang: 'fr' });
    expect(atPoint.statusCode, atPoint.body).toBe(201);
    const onParcel = await postReport(app, { category: 'wrong_zone', description: unique('This parcel is not in a green zone'), parcelId: parcel.id, contact: 'citizen@example.invalid' });
    expect(onParcel.statusCode, onParcel.body).toBe(201);
    const [a, b] = [atPoint.json(), onParcel.json()];
    expect(a.number).toMatch(/^SIG-\d{4}-\d{6,}$/);
    expect(a.trackingCode).toMatch(/^[0-9A-Z]{25}$/);
    expect(b.followUrl).toContain(`/report/#n=${b.number}&c=${b.trackingCode}`);
    // The code is kept only hashed.
    const stored = await sql<{ token_sha256: Buffer }>('SELECT token_sha256 FROM reports WHERE number = $1', [a.number]);
    expect(stored[0]!.token_sha256.length).toBe(32);
    expect(stored[0]!.token_sha256.toString('latin1')).not.toContain(a.trackingCode);

    const list = await staffGet('/api/staff/reports');
    expect(list.statusCode, list.body).toBe(200);
    const byNumber = new Map(list.json().reports.map((r: { number: string }) => [r.number, r]));
    expect(byNumber.get(a.number)).toMatchObject({ category: 'missing_road', status: 'open', parcel: null, hasPhoto: false });
    expect(byNumber.get(b.number)).toMatchObject({ category: 'wrong_zone', status: 'open', parcel: { id: Number(parcel.id), reference: parcel.reference } });
    expect(list.headers['cache-control']).toBe('no-store');
    // The list holds no contact; the detail does, for staff.
    expect(list.body).not.toContain('citizen@example.invalid');

    const wrongZone = await staffGet('/api/staff/reports?category=wrong_zone&status=open', instructor);
    const numbers = wrongZone.json().reports.map((r: { number: string }) => r.number);
    expect(numbers).toContain(b.number);
    expect(numbers).not.toContain(a.number);

    const map = await staffGet('/api/staff/reports.geojson?status=open');
    expect(map.statusCode, map.body).toBe(200);
    expect(map.headers['content-type']).toMatch(/^application\/geo\+json/);
    const feature = map.json().features.find((f: { properties: { number: string } }) => f.properties.number === a.number);
    expect(feature.geometry.coordinates[0]).toBeCloseTo(parcel.lon + 0.0004, 6);
    expect(feature.geometry.coordinates[1]).toBeCloseTo(parcel.lat, 6);
    // A parcel report sits inside its parcel.
    const inside = await sql<{ ok: boolean }>(
      'SELECT ST_Within(r.geom_4326, p.geom_4326) AS ok FROM reports r JOIN parcels p ON p.id = r.parcel_id WHERE r.number = $1',
      [b.number],
    );
    expect(inside[0]!.ok).toBe(true);

    const detail = await staffGet(`/api/staff/reports/${byNumber.get(b.number) ? (byNumber.get(b.number) as { id: number }).id : 0}`);
    expect(detail.json()).toMatchObject({ number: b.number, contact: 'citizen@example.invalid', events: [{ kind: 'received', actor: null }] });
  });

  it('carries the answer, in the language staff wrote it, to the follow page; then closes it, with who and when', async () => {
    const posted = (await postReport(app, { category: 'outdated_rule', description: unique('The height rule changed last year'), parcelId: (await aParcel(20)).id, contact: '+212 600 11 22 33' })).json();
    const before = await follow(posted.number, posted.trackingCode);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ number: posted.number, status: 'open', answer: null, closedAt: null, steps: [{ kind: 'received' }] });
    expect(before.body).not.toMatch(/contact|trackingCode/);

    const id = Number((await sql<{ id: string }>('SELECT id::text FROM reports WHERE number = $1', [posted.number]))[0]!.id);
    const answer = 'شكرا، سيتم تحيين الضابط في النسخة المقبلة من التصميم.';
    const answered = await staffPost(`/api/staff/reports/${id}/answer`, { answer, lang: 'ar' }, instructor);
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().status).toBe('answered');

    // Typed by hand: lower case and hyphens between groups are accepted.
    const typed = posted.trackingCode.toLowerCase().match(/.{1,5}/g).join('-');
    const after = await follow(posted.number.toLowerCase(), typed);
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json()).toMatchObject({ status: 'answered', answer: { text: answer, lang: 'ar' } });

    expect((await staffGet(`/api/staff/reports/${id}`)).json().contact).toBe('+212 600 11 22 33');
    const closed = await staffPost(`/api/staff/reports/${id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    const final = (await follow(posted.number, posted.trackingCode)).json();
    expect(final.status).toBe('closed');
    expect(final.closedAt).not.toBeNull();
    expect(final.answer.text).toBe(answer);
    expect(final.steps.map((s: { kind: string }) => s.kind)).toEqual(['received', 'answered', 'closed']);

    const detail = (await staffGet(`/api/staff/reports/${id}`)).json();
    // Once closed, the reporter's contact is erased.
    expect(detail.contact).toBeNull();
    expect(await sql('SELECT 1 FROM reports WHERE id = $1 AND contact IS NOT NULL', [id])).toEqual([]);
    expect(detail.events.map((e: { kind: string; actor: { role: string } | null }) => [e.kind, e.actor?.role ?? null])).toEqual([
      ['received', null],
      ['answered', 'instructor'],
      ['closed', 'planner'],
    ]);
    const trail = await sql<{ action: string; actor_role: string; details: Record<string, unknown> }>(
      `SELECT action, actor_role, details FROM audit_events WHERE target_type = 'report' AND target_id = $1 ORDER BY id`,
      [posted.number],
    );
    // Reading the contact is in the trail (once: after closing there is no contact left to read).
    expect(trail.map((t) => [t.action, t.actor_role])).toEqual([
      ['report.receive', null], ['report.answer', 'instructor'], ['report.read_contact', 'planner'], ['report.close', 'planner'],
    ]);
    expect(JSON.stringify(trail)).not.toContain(answer);
    expect(JSON.stringify(trail)).not.toContain('600 11 22 33');

    expectError(await staffPost(`/api/staff/reports/${id}/answer`, { answer: 'Nul\u0000', lang: 'en' }), 400, 'invalid_request');
    expectError(await staffPost(`/api/staff/reports/${id}/answer`, { answer: 'Again', lang: 'en' }), 409, 'report_closed');
  });

  it('answers a wrong code exactly like an unknown number (404)', async () => {
    const posted = (await postReport(app, { category: 'other', description: unique('Something else'), parcelId: (await aParcel(30)).id })).json();
    const wrong = await follow(posted.number, 'A'.repeat(25));
    const unknown = await follow('SIG-2000-999999', posted.trackingCode);
    expectError(wrong, 404, 'report_not_found');
    expectError(unknown, 404, 'report_not_found');
    // A NUL is refused as input before any lookup (server/shared/input-guard.ts): it says nothing of the file.
    expectError(await follow(`${posted.number}\u0000`, posted.trackingCode), 400, 'invalid_request');
    expect(wrong.json().error.message.replace(posted.number, 'N')).toBe(unknown.json().error.message.replace('SIG-2000-999999', 'N'));
  });

  it('refuses a bad report with a clear message and writes nothing', async () => {
    const parcel = await aParcel(40);
    const text = unique('Refused');
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ category: 'nuisance', description: text, parcelId: parcel.id }, 'invalid_request', /category/],
      [{ category: 'other', description: ' ', parcelId: parcel.id }, 'invalid_request', /description/],
      [{ category: 'other', description: text }, 'invalid_request', /say where/],
      [{ category: 'other', description: text, lon: '2.35', lat: '48.85' }, 'report_outside_territory', /outside the agency territory/],
      [{ category: 'other', description: text, parcelId: parcel.id, contact: 'call me maybe' }, 'invalid_request', /one email address or one phone number/],
      [{ category: 'other', description: text, parcelId: parcel.id, name: 'Ahmed' }, 'invalid_request', /field/],
      // NUL, refused in any part of any upload (server/shared/upload.ts), as in JSON bodies and query strings.
      [{ category: 'other', description: `${text}\u0000`, parcelId: parcel.id }, 'invalid_request', /field description must not contain the NUL/],
      [{ category: 'other', description: text, parcelId: parcel.id, contact: 'a@b.ma\u0000' }, 'invalid_request', /field contact must not contain the NUL/],
    ];
    for (const [fields, code, message] of cases) {
      const res = await postReport(app, fields);
      expectError(res, 400, code);
      expect(res.json().error.message).toMatch(message);
    }
    const nulName = await postReport(app, { category: 'other', description: text, parcelId: parcel.id }, { name: 'photo\u0000.jpg', type: 'image/jpeg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xd9]) });
    expectError(nulName, 400, 'invalid_request');
    expect(nulName.json().error.message).toMatch(/file name of part photo must not contain the NUL/);
    const unknownParcel = await postReport(app, { category: 'other', description: text, parcelId: '999999999', lon: String(parcel.lon), lat: String(parcel.lat) });
    expectError(unknownParcel, 404, 'not_found');
    expect(unknownParcel.json().error.message).toBe('No parcel with id 999999999.');
    const json = await app.inject({ method: 'POST', url: '/api/reports', payload: { category: 'other', description: text } });
    expectError(json, 400, 'invalid_request');
    expect(await sql('SELECT 1 FROM reports WHERE description = $1', [text])).toEqual([]);
  });
});

describe('the photo of a report', () => {
  it('refuses a file that is not a JPEG, PNG or WebP whatever its name, and one too large', async () => {
    const parcel = await aParcel(50);
    const text = unique('With a photo');
    const pdf = await postReport(app, { category: 'other', description: text, parcelId: parcel.id }, { name: 'photo.jpg', type: 'image/jpeg', bytes: Buffer.from('%PDF-1.7\n...') });
    expectError(pdf, 400, 'report_photo_type');
    expect(pdf.json().error.message).toMatch(/"photo\.jpg" is not a JPEG, PNG or WebP image/);
    const big = Buffer.concat([jpegWithMetadata(), Buffer.alloc(5 * 1024 * 1024)]);
    const tooLarge = await postReport(app, { category: 'other', description: text, parcelId: parcel.id }, { name: 'big.jpg', type: 'image/jpeg', bytes: big });
    expectError(tooLarge, 413, 'report_photo_too_large');
    expect(tooLarge.json().error.message).toMatch(/at most 5 MB/);
    expect(await sql('SELECT 1 FROM reports WHERE description = $1', [text])).toEqual([]);
  });

  it('stores the photo without its metadata and serves it to staff only', async () => {
    const posted = await postReport(app, { category: 'wrong_zone', description: unique('See the photo'), parcelId: (await aParcel(60)).id }, { name: 'IMG_0001.JPG', type: 'image/jpeg', bytes: jpegWithMetadata() });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = Number((await sql<{ id: string }>('SELECT id::text FROM reports WHERE number = $1', [posted.json().number]))[0]!.id);

    expectError(await app.inject({ method: 'GET', url: `/api/staff/reports/${id}/photo` }), 401, 'authentication_required');
    const photo = await staffGet(`/api/staff/reports/${id}/photo`, instructor);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    const bytes = photo.rawPayload;
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    for (const gone of ['Exif', 'GPSLatitude', 'SerialNumber', 'Ahmed']) expect(bytes.includes(Buffer.from(gone)), gone).toBe(false);
    expect((await staffGet(`/api/staff/reports/${id}`)).json().hasPhoto).toBe(true);
  });
});

describe('staff routes', () => {
  it('are refused without a staff session, and state changes without the CSRF token', async () => {
    for (const url of ['/api/staff/reports', '/api/staff/reports.geojson', '/api/staff/reports/1']) {
      expectError(await app.inject({ method: 'GET', url }), 401, 'authentication_required');
    }
    expectError(await app.inject({ method: 'POST', url: '/api/staff/reports/1/answer', payload: { answer: 'x', lang: 'en' } }), 401, 'authentication_required');
    expectError(await app.inject({ method: 'POST', url: '/api/staff/reports/1/close', payload: {}, ...as(planner, false) }), 403, 'csrf_invalid');
  });
});

describe('the API document', () => {
  it('describes the report, staff and contact routes', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/reports', '/api/reports/follow', '/api/staff/reports', '/api/staff/reports/{id}/answer', '/api/contact']) expect(paths).toContain(p);
  });
});

describe('the contact page content', () => {
  it('serves data/contact.json with the link to the national complaints portal', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/contact' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.complaintsPortal).toBe('https://www.chikaya.ma');
    expect(body.agency.name.ar.length).toBeGreaterThan(3);
    expect(body.services.length).toBeGreaterThan(0);
    for (const s of body.services) expect(s.phones.length).toBeGreaterThan(0);
  });
});

describe('the rate limit', () => {
  it('answers 429 with a clear message past the reports allowed an hour', async () => {
    const limited = await buildTestApp({ REPORTS_PER_HOUR: '2' });
    try {
      const parcel = await aParcel(70);
      const address = '10.250.1.7';
      for (let i = 0; i < 2; i++) {
        const ok = await postReport(limited, { category: 'other', description: unique('Within the limit'), parcelId: parcel.id }, undefined, address);
        expect(ok.statusCode, ok.body).toBe(201);
      }
      const refused = await postReport(limited, { category: 'other', description: unique('Past the limit'), parcelId: parcel.id }, undefined, address);
      expectError(refused, 429, 'reports_rate_limited');
      expect(refused.json().error.message).toMatch(/Too many reports from your address: at most 2 an hour\. Try again in \d+ min/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
      // Another address is not held back.
      expect((await postReport(limited, { category: 'other', description: unique('Another address'), parcelId: parcel.id })).statusCode).toBe(201);
    } finally {
      await limited.close();
    }
  });
});

describe('the contact file', () => {
  it('is checked at start: a wrong file stops the start with the path of the fault', async () => {
    const dir = await mkdtemp(`${tmpdir()}/tasmim-contact-`);
    const file = `${dir}/contact.json`;
    await writeFile(file, JSON.stringify({ illustrative: false, agency: { name: { fr: 'Agence' }, phones: ['call us'] }, services: [], offices: [], complaintsPortal: 'http://www.chikaya.ma' }));
    expect(() => loadContact(file)).toThrow(/not a valid contact file: .*\/agency\/name.*/);
    expect(() => loadContact(file)).toThrow(/complaintsPortal/);
    expect(loadContact().complaintsPortal).toBe('https://www.chikaya.ma');
  });
});
