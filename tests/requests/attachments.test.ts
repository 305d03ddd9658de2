// Bad requests are refused with a message that says what to fix, and nothing is written.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';
import { applicantParts, certificate, driouchParcel, expectError, PDF, png, submit } from './helpers.js';

let app: FastifyInstance;
let reference: string;
// This file's own applicant: other test files create requests in the same database at the same time.
const EMAIL = `attachments-${randomUUID()}@example.invalid`;
const count = async () => (await one<{ n: number }>('SELECT count(*)::int AS n FROM requests WHERE email = $1', [EMAIL])).n;
const applicant = (over: Record<string, string> = {}) => applicantParts(reference, { email: EMAIL, ...over });

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '1000' });
  reference = (await driouchParcel()).reference;
});
afterAll(() => app.close());

describe('attachments are checked by their content and size', () => {
  it('refuses an executable named .pdf, naming the file', async () => {
    const res = await submit(app, [...applicant(), certificate(Buffer.from('MZ\x90\x00 this is not a pdf'), 'certificat.pdf')]);
    expectError(res, 400, 'attachment_type', /certificat\.pdf.*PDF, PNG or JPEG/);
  });

  it('refuses a plan in another format (a GIF), in French when asked', async () => {
    const res = await submit(app, [...applicant(), certificate(), { name: 'plan', value: Buffer.from('GIF89a....'), filename: 'plan.gif' }], { 'accept-language': 'fr' });
    expectError(res, 400, 'attachment_type', /plan\.gif.*PDF, PNG ou JPEG/);
  });

  it('refuses a file over 5 MB, saying the limit', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)]);
    const res = await submit(app, [...applicant(), certificate(big, 'scan.pdf')]);
    expectError(res, 400, 'attachment_too_large', /scan\.pdf.*5 MB/);
  });

  it('requires the property certificate (a plan alone is not enough), in Arabic when asked', async () => {
    const res = await submit(app, [...applicant(), { name: 'plan', value: png(), filename: 'plan.png', type: 'image/png' }], { 'accept-language': 'ar' });
    expectError(res, 400, 'attachment_missing', /شهادة الملكية/);
  });
});

describe('the applicant’s fields', () => {
  it('requires the acceptance of the personal-data notice (law 09-08)', async () => {
    const res = await submit(app, [...applicant({ consent: '' }), certificate()]);
    expectError(res, 400, 'request_consent_required', /09-08/);
  });

  it('checks the CIN format and says what one looks like', async () => {
    const res = await submit(app, [...applicant({ cin: '12345' }), certificate()]);
    expectError(res, 400, 'request_field_invalid', /"cin".*AB123456/);
  });

  it('checks the phone and the e-mail', async () => {
    expectError(await submit(app, [...applicant({ phone: '12' }), certificate()]), 400, 'request_field_invalid', /"phone"/);
    expectError(await submit(app, [...applicant({ email: 'not-an-email' }), certificate()]), 400, 'request_field_invalid', /"email"/);
  });

  it('refuses a selection that is not JSON, and a parcel that does not exist', async () => {
    expectError(await submit(app, [...applicant({ selection: 'TF 1' }), certificate()]), 400, 'request_field_invalid', /"selection".*Lambert/);
    expectError(await submit(app, [...applicant({ selection: '{"type":"parcels","ids":[1e20]}' }), certificate()]), 400, 'request_field_invalid', /"selection"/);
    const res = await submit(app, [...applicant({ selection: JSON.stringify({ type: 'parcels', references: ['TF 999999999/99'] }) }), certificate()]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('invalid_selection');
  });

  it('refuses a body that is not multipart', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/requests', payload: { name: 'x' } });
    expectError(res, 400, 'invalid_request', /multipart/);
  });

  it('wrote nothing for any of these, and the same applicant with good documents is accepted', async () => {
    expect(await count()).toBe(0);
    const ok = await submit(app, [...applicant(), certificate(), { name: 'plan', value: png(), filename: 'plan.png', type: 'image/png' }]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await count()).toBe(1);
  });
});
