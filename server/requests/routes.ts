// Requests for the official note, the applicant's side (issue 8). No account: the file number and the
// secret tracking code (header x-tracking-code, never in a URL, so it is in no log or history) open a file.
//
//   POST /api/requests                          multipart: selection, identity, capacity, purpose, consent,
//                                               files `certificate` (required) and `plan` → 201 file number + code
//   GET  /api/requests/:fileNumber              the status page's data (timeline, notifications, the note)
//   POST /api/requests/:fileNumber/reply        multipart: `message` and `document` files
//   GET  /api/requests/:fileNumber/attachments/:id   a document: the applicant (code) or staff only
//
// A wrong code answers exactly like an unknown file (404 request_not_found). The create route needs no
// CSRF token (there is no session); it is rate-limited per address. Personal data (law 09-08, art. 23:
// security of processing) is never logged: Fastify logs the method, URL and status only, never bodies or
// headers, and the audit trail gets the file number, not the person.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { audit } from '../accounts/audit.js';
import { currentSession } from '../accounts/guard.js';
import { withTransaction } from '../db/pool.js';
import { AppError } from '../errors.js';
import { negotiateLang } from '../i18n.js';
import { selectionSheet } from '../selection/routes.js';
import { Selection } from '../selection/schemas.js';
import { ErrorBody } from '../shared/schemas.js';
import { multipartBody, multipartOptions } from '../shared/upload.js';
import { newBox, newTrackingCode } from './codes.js';
import { notificationFor } from './messages.js';
import { APPLICANT_FIELDS, type ApplicantField, AttachmentParams, FileParams, RequestCreated, RequestStatusView } from './schemas.js';
import { staffRoutes, STAFF_ROLES } from './staff.js';
import { addAttachments, addEvent, attachmentContent, enqueueNotification, findByCode, findByNumber, insertRequest, mainCommune, reserveFileNumber, updateRequest, type RequestRow } from './store.js';
import { multipartLimits, readAttachments } from './upload.js';
import { statusView } from './views.js';
import type { OutboxSettings } from './outbox.js';
import { Outbox } from './outbox.js';

export const CODE_HEADER = 'x-tracking-code';
const CONSENT = /^(true|on|yes|1)$/i;

const langOf = (req: FastifyRequest) => negotiateLang((req.query as { lang?: unknown } | undefined)?.lang, req.headers['accept-language']);

/** Light normalisation of what people type: spaces in a CIN or a phone number, case of the CIN. */
function normalise(field: ApplicantField, raw: string): string {
  const v = raw.trim();
  if (field === 'cin') return v.toUpperCase().replace(/[\s-]/g, '');
  if (field === 'phone') return v.replace(/[\s.\-()]/g, '');
  if (field === 'email') return v.toLowerCase();
  return v;
}

function applicantOf(fields: Record<string, string>, req: FastifyRequest) {
  const lang = langOf(req);
  const out = {} as Record<ApplicantField, string>;
  for (const [field, rule] of Object.entries(APPLICANT_FIELDS) as [ApplicantField, (typeof APPLICANT_FIELDS)[ApplicantField]][]) {
    const v = normalise(field, fields[field] ?? '');
    if (!rule.re.test(v)) throw new AppError('request_field_invalid', { field, hint: rule.hint[lang] });
    out[field] = v;
  }
  return out;
}

function selectionOf(text: string | undefined, req: FastifyRequest): Selection {
  const hint = { en: 'choose the parcel on the map, by its land-title reference or by Lambert coordinates', fr: 'choisissez la parcelle sur la carte, par sa référence foncière ou par des coordonnées Lambert', ar: 'اختاروا القطعة على الخريطة أو بمرجعها العقاري أو بإحداثيات لامبير' }[langOf(req)];
  let v: unknown;
  try {
    v = JSON.parse(text ?? '');
  } catch {
    throw new AppError('request_field_invalid', { field: 'selection', hint });
  }
  // The schema bounds parcel ids too (PARCEL_ID_MAX): a larger one could only be a forged request.
  if (!Value.Check(Selection, v)) throw new AppError('request_field_invalid', { field: 'selection', hint });
  return v;
}

export interface RequestOptions {
  outbox?: OutboxSettings;
}

export const requestRoutes: FastifyPluginAsyncTypebox<RequestOptions> = async (app, opts) => {
  await app.register(multipart, multipartOptions(multipartLimits));
  // Answers about a file are personal: never stored by a browser or a proxy.
  app.addHook('onRequest', async (_req, reply) => {
    void reply.header('cache-control', 'no-store');
  });

  if (opts.outbox) {
    const outbox = new Outbox(app.db, opts.outbox, app.log);
    app.addHook('onReady', async () => outbox.start());
    app.addHook('onClose', async () => outbox.stop());
  }

  const codeOf = (req: FastifyRequest): string | undefined => {
    const v = req.headers[CODE_HEADER];
    return typeof v === 'string' ? v : undefined;
  };
  async function byCode(req: FastifyRequest, fileNumber: string): Promise<RequestRow> {
    const r = await findByCode(app.db, fileNumber, codeOf(req));
    if (!r) throw new AppError('request_not_found');
    return r;
  }

  app.post(
    '/api/requests',
    {
      config: {
        rateLimit: { max: 20, timeWindow: '1 hour' },
        swaggerTransform: multipartBody({
          selection: { type: 'string', description: 'the selection as JSON (parcels, polygon or coordinates)' },
          name: { type: 'string' }, cin: { type: 'string' }, phone: { type: 'string' }, email: { type: 'string' },
          capacity: { type: 'string', enum: ['owner', 'mandated'] }, purpose: { type: 'string' },
          lang: { type: 'string', enum: ['ar', 'fr', 'en'] },
          consent: { type: 'string', description: '"true": the personal-data notice (law 09-08) was accepted' },
          certificate: { type: 'string', format: 'binary', description: 'property certificate (PDF, PNG or JPEG, ≤ 5 MB), required' },
          plan: { type: 'string', format: 'binary', description: 'cadastral or surveyor plan (PDF, PNG or JPEG, ≤ 5 MB), optional' },
        }),
      },
      schema: {
        tags: ['requests'],
        summary: 'Request the official urban planning information note (multipart): answers the file number and the secret tracking code',
        consumes: ['multipart/form-data'],
        response: { 201: RequestCreated, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { fields, files } = await readAttachments(req, ['certificate', 'plan']);
      const applicant = applicantOf(fields, req);
      const selection = selectionOf(fields.selection, req);
      if (!CONSENT.test(fields.consent ?? '')) throw new AppError('request_consent_required');
      if (!files.some((f) => f.kind === 'property_certificate')) throw new AppError('attachment_missing');
      if (files.filter((f) => f.kind === 'property_certificate').length > 1 || files.filter((f) => f.kind === 'plan').length > 1) {
        throw new AppError('invalid_request', { detail: 'one certificate and at most one plan' });
      }
      const lang = (['ar', 'fr', 'en'] as const).find((l) => l === fields.lang) ?? langOf(req);
      // The land first: an unknown parcel or a selection outside the territory is refused (400) before
      // anything is written.
      const sheet = await selectionSheet(app, selection, undefined);
      const communeCode = await mainCommune(app.db, sheet.selection.geometry);
      const code = newTrackingCode();
      const box = await newBox(code);
      const created = await withTransaction(app.db, async (c) => {
        const fileNumber = await reserveFileNumber(c);
        const { id, createdAt } = await insertRequest(c, {
          fileNumber, code, box, selection, land: sheet.selection.geometry, parcelRefs: sheet.selection.parcels.map((p) => p.reference), communeCode, applicant, lang,
        });
        const eventId = await addEvent(c, { requestId: id, actorId: null, kind: 'submitted', status: 'submitted' });
        await addAttachments(c, id, eventId, files);
        const n = notificationFor(lang, 'submitted', fileNumber, null);
        if (n) await enqueueNotification(c, { requestId: id, eventId, ...n });
        await audit(c, { actor: null, action: 'request.submit', target: { type: 'request', id: fileNumber }, details: { attachments: files.length } });
        return { fileNumber, createdAt };
      });
      return reply.status(201).send({ fileNumber: created.fileNumber, trackingCode: code, status: 'submitted' as const, submittedAt: created.createdAt.toISOString() });
    },
  );

  app.get(
    '/api/requests/:fileNumber',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['requests'],
        summary: 'Follow a request: its timeline, notifications and, once issued, the official note (needs the x-tracking-code header)',
        params: FileParams,
        response: { 200: RequestStatusView, 404: ErrorBody },
      },
    },
    async (req) => statusView(app.db, req, await byCode(req, req.params.fileNumber), codeOf(req)!),
  );

  app.post(
    '/api/requests/:fileNumber/reply',
    {
      config: {
        rateLimit: { max: 30, timeWindow: '1 hour' },
        swaggerTransform: multipartBody({ message: { type: 'string' }, document: { type: 'string', format: 'binary' } }),
      },
      schema: {
        tags: ['requests'],
        summary: 'The applicant answers a request for information and/or adds documents (multipart: message, document files)',
        consumes: ['multipart/form-data'],
        params: FileParams,
        response: { 200: RequestStatusView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      const found = await byCode(req, req.params.fileNumber);
      const { fields, files } = await readAttachments(req, ['document']);
      const message = (fields.message ?? '').trim();
      if (message.length > 4000) throw new AppError('request_field_invalid', { field: 'message', hint: 'at most 4000 characters' });
      if (!message && files.length === 0) throw new AppError('request_field_invalid', { field: 'message', hint: 'write an answer or attach a document' });
      await withTransaction(app.db, async (c) => {
        const r = (await findByNumber(c, found.fileNumber, true))!;
        if (r.status === 'issued' || r.status === 'rejected') throw new AppError('request_wrong_state', { file: r.fileNumber, status: r.status });
        const answering = r.status === 'info_requested';
        const status = answering ? 'under_review' : r.status;
        const eventId = await addEvent(c, { requestId: r.id, actorId: null, kind: answering ? 'applicant_replied' : 'documents_added', status, message: message || null, details: { documents: files.length } });
        await addAttachments(c, r.id, eventId, files);
        if (answering) await updateRequest(c, r.id, { status });
      });
      return statusView(app.db, req, (await findByNumber(app.db, found.fileNumber))!, codeOf(req)!);
    },
  );

  app.get(
    '/api/requests/:fileNumber/attachments/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'A document of a file: for its applicant (x-tracking-code) or staff (instructor, admin) only',
        params: AttachmentParams,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'the document as sent' }), 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const session = codeOf(req) ? null : await currentSession(req);
      const r = session && STAFF_ROLES.includes(session.user.role) ? await findByNumber(app.db, req.params.fileNumber) : await findByCode(app.db, req.params.fileNumber, codeOf(req));
      if (!r) throw new AppError('request_not_found');
      const a = await attachmentContent(app.db, r.id, req.params.id);
      if (!a) throw new AppError('request_not_found');
      if (session) await audit(app.db, { actor: session.user, action: 'request.read_attachment', target: { type: 'request', id: r.fileNumber }, details: { attachment: req.params.id } });
      return reply
        .type(a.mediaType)
        .header('content-disposition', `attachment; filename="${a.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .send(a.content);
    },
  );

  await app.register(staffRoutes);
};
