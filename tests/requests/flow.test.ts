// A request followed from submission to the official note: the applicant's view with the code, the
// refusals without it or without the role, every instructor step recorded with who and when, and the
// official note issued with its own reference and verified like any note.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, login, makeUser, type Signed, type TestUser } from '../accounts/helpers.js';
import { buildTestApp } from '../helpers/app.js';
import { one, sql } from '../helpers/db.js';
import { driouchParcel, expectError, multipart, submitted } from './helpers.js';

let app: FastifyInstance;
let instructor: TestUser;
let staff: Signed;
let planner: Signed;
let parcel: { reference: string };
let file: { fileNumber: string; trackingCode: string };

const path = (url: string) => new URL(url).pathname + new URL(url).search;
const withCode = (code = file.trackingCode) => ({ 'x-tracking-code': code });

beforeAll(async () => {
  app = await buildTestApp();
  instructor = await makeUser('instructor');
  staff = await login(app, instructor);
  planner = await login(app, await makeUser('planner'));
  parcel = await driouchParcel();
  file = await submitted(app, parcel.reference);
});
afterAll(() => app.close());

describe('the applicant follows the file with the code', () => {
  it('answers a file number and a tracking code kept only as a hash', async () => {
    expect(file.fileNumber).toMatch(/^DRU-20[0-9]{2}-[0-9]{6,}$/);
    expect(file.trackingCode).toMatch(/^[0-9A-Z]{25}$/);
    const row = await one<{ code_sha256: Buffer; cin: string; phone: string; box_private_key: string }>(
      'SELECT code_sha256, cin, phone, box_private_key FROM requests WHERE file_number = $1',
      [file.fileNumber],
    );
    expect(row.code_sha256.toString('utf8')).not.toContain(file.trackingCode);
    expect(row.cin).toBe('S123456');
    expect(row.phone).toBe('0612345678');
    expect(row.box_private_key).toContain('ENCRYPTED PRIVATE KEY');
  });

  it('shows the timeline, the documents and the notification with the code, case and spaces aside', async () => {
    const code = file.trackingCode.toLowerCase().replace(/(.{5})/g, '$1 ').trim();
    const res = await app.inject({ url: `/api/requests/${file.fileNumber}`, headers: withCode(code) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const v = res.json();
    expect(v.status).toBe('submitted');
    expect(v.parcels).toEqual([parcel.reference]);
    expect(v.commune).toBe('Driouch');
    expect(v.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted']);
    expect(v.timeline[0].actor).toBeUndefined();
    expect(v.attachments.map((a: { kind: string; mediaType: string }) => [a.kind, a.mediaType])).toEqual([
      ['property_certificate', 'application/pdf'],
      ['plan', 'image/png'],
    ]);
    expect(v.notifications[0].subject).toContain(file.fileNumber);
    // The status page holds no identity: the applicant typed it, and a shoulder-surfer needs nothing more.
    expect(res.body).not.toMatch(/S123456|0612345678|fatima/i);
    const doc = await app.inject({ url: `/api/requests/${file.fileNumber}/attachments/${v.attachments[0].id}`, headers: withCode() });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers an unknown file and a wrong or missing code with the same 404', async () => {
    const wrong = await app.inject({ url: `/api/requests/${file.fileNumber}`, headers: withCode('0000000000000000000000000') });
    const none = await app.inject({ url: `/api/requests/${file.fileNumber}` });
    const unknown = await app.inject({ url: '/api/requests/DRU-2000-999999', headers: withCode() });
    for (const r of [wrong, none, unknown]) expectError(r, 404, 'request_not_found');
    expect(wrong.body).toBe(unknown.body);
    expect(none.body).toBe(unknown.body);
    const v = (await app.inject({ url: `/api/requests/${file.fileNumber}`, headers: withCode() })).json();
    const doc = await app.inject({ url: `/api/requests/${file.fileNumber}/attachments/${v.attachments[0].id}` });
    expectError(doc, 404, 'request_not_found');
  });
});

describe('the instructors’ side needs the role', () => {
  it('refuses the public (401), a planner (403) and a missing CSRF token (403)', async () => {
    expectError(await app.inject({ url: '/api/instruct/requests' }), 401, 'authentication_required');
    expectError(await app.inject({ url: '/api/instruct/requests', ...as(planner) }), 403, 'forbidden');
    expectError(await app.inject({ method: 'POST', url: `/api/instruct/requests/${file.fileNumber}/assign`, payload: {}, ...as(staff, false) }), 403, 'csrf_invalid');
  });

  it('lists the file in the queue, filtered by status, commune and assignee', async () => {
    const commune = (await one<{ code: string }>(`SELECT code FROM communes WHERE code = '021670109'`)).code;
    const q = await app.inject({ url: `/api/instruct/requests?status=submitted&commune=${commune}&assigned=none&limit=200`, ...as(staff) });
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json().requests.map((r: { fileNumber: string }) => r.fileNumber)).toContain(file.fileNumber);
    const mine = await app.inject({ url: '/api/instruct/requests?assigned=me', ...as(staff) });
    expect(mine.json().requests.map((r: { fileNumber: string }) => r.fileNumber)).not.toContain(file.fileNumber);
  });

  it('lets staff read the documents, with the file’s identity', async () => {
    const f = await app.inject({ url: `/api/instruct/requests/${file.fileNumber}`, ...as(staff) });
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json().applicant).toMatchObject({ cin: 'S123456', capacity: 'owner' });
    expect(f.json().geometry.type).toMatch(/Polygon/);
    const doc = await app.inject({ url: `/api/requests/${file.fileNumber}/attachments/${f.json().attachments[1].id}`, ...as(staff) });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toBe('image/png');
  });
});

describe('instruction: assign, ask, answer, issue', () => {
  it('records each step with who and when, and tells the applicant', async () => {
    const assign = await app.inject({ method: 'POST', url: `/api/instruct/requests/${file.fileNumber}/assign`, payload: {}, ...as(staff) });
    expect(assign.statusCode, assign.body).toBe(200);
    expect(assign.json().status).toBe('under_review');
    const mine = await app.inject({ url: '/api/instruct/requests?assigned=me', ...as(staff) });
    expect(mine.json().requests[0]).toMatchObject({ fileNumber: file.fileNumber, assignedTo: { id: instructor.id } });

    const ask = await app.inject({ method: 'POST', url: `/api/instruct/requests/${file.fileNumber}/info`, payload: { message: 'Joignez le plan cadastral signé.' }, ...as(staff) });
    expect(ask.json().status).toBe('info_requested');
    // Issuing now is refused: the applicant has not answered.
    expectError(await app.inject({ method: 'POST', url: `/api/instruct/requests/${file.fileNumber}/issue`, payload: {}, ...as(staff) }), 409, 'request_wrong_state');

    const body = await multipart([{ name: 'message', value: 'Voici le plan signé.' }, { name: 'document', value: Buffer.from('%PDF-1.4 plan'), filename: 'plan-signe.pdf' }]);
    const reply = await app.inject({ method: 'POST', url: `/api/requests/${file.fileNumber}/reply`, payload: body.payload, headers: { ...body.headers, ...withCode() } });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json().status).toBe('under_review');
    expect(reply.json().attachments).toHaveLength(3);

    const events = await sql<{ kind: string; actor_id: number | null; at: Date }>(
      'SELECT e.kind, e.actor_id, e.at FROM request_events e JOIN requests r ON r.id = e.request_id WHERE r.file_number = $1 ORDER BY e.id',
      [file.fileNumber],
    );
    expect(events.map((e) => [e.kind, e.actor_id])).toEqual([
      ['submitted', null],
      ['assigned', instructor.id],
      ['info_requested', instructor.id],
      ['applicant_replied', null],
    ]);
    const trail = await sql<{ action: string; actor_id: number; details: Record<string, unknown> }>(
      `SELECT action, actor_id, details FROM audit_events WHERE target_type = 'request' AND target_id = $1 ORDER BY id`,
      [file.fileNumber],
    );
    expect(trail.map((t) => t.action)).toEqual(expect.arrayContaining(['request.submit', 'request.open', 'request.assigned', 'request.info_requested']));
    expect(JSON.stringify(trail)).not.toMatch(/S123456|0612345678|fatima/i);
  });

  it('issues the official note: its own reference, marked official, verifiable from the status page', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/instruct/requests/${file.fileNumber}/issue`, payload: { lang: 'fr' }, ...as(staff) });
    expect(res.statusCode, res.body).toBe(200);
    const issued = res.json();
    expect(issued.status).toBe('issued');
    expect(issued.note.reference).toMatch(/^NRU-/);

    const status = (await app.inject({ url: `/api/requests/${file.fileNumber}`, headers: withCode() })).json();
    expect(status.status).toBe('issued');
    expect(status.timeline.at(-1)).toMatchObject({ kind: 'note_issued', status: 'issued' });
    expect(status.note.reference).toBe(issued.note.reference);
    expect(status.note.urls.pdf).toBe(issued.note.urls.pdf);
    expect(status.notifications.at(-1).subject).toMatch(/officielle/);

    const verify = await app.inject({ url: path(status.note.urls.verify) });
    expect(verify.statusCode, verify.body).toBe(200);
    expect(verify.json()).toMatchObject({ reference: issued.note.reference, kind: 'official', content: { kind: 'official', official: { fileNumber: file.fileNumber } } });
    const pdf = await app.inject({ url: path(status.note.urls.pdf) });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const page = await app.inject({ url: path(status.note.urls.page) });
    expect(page.body).toContain('NOTE OFFICIELLE');
    expect(page.body).toContain(file.fileNumber);
    expect(page.body).not.toMatch(/S123456|fatima/i);

    // Final: no more steps.
    expectError(await app.inject({ method: 'POST', url: `/api/instruct/requests/${file.fileNumber}/reject`, payload: { message: 'trop tard' }, ...as(staff) }), 409, 'request_wrong_state');
  });
});

describe('rejection', () => {
  it('gives the reason on the status page', async () => {
    const other = await submitted(app, (await driouchParcel(1)).reference);
    const res = await app.inject({ method: 'POST', url: `/api/instruct/requests/${other.fileNumber}/reject`, payload: { message: 'Le certificat de propriété est illisible.' }, ...as(staff) });
    expect(res.statusCode, res.body).toBe(200);
    const v = (await app.inject({ url: `/api/requests/${other.fileNumber}`, headers: { 'x-tracking-code': other.trackingCode } })).json();
    expect(v.status).toBe('rejected');
    expect(v.timeline.at(-1)).toMatchObject({ kind: 'rejected', message: 'Le certificat de propriété est illisible.' });
    expect(v.note).toBeNull();
  });
});
