// Problem reports from the map (issue 9, part 3):
//
//   POST /api/reports                        public, multipart/form-data (ReportFields + optional `photo`),
//                                            rate-limited per address → 201 number + tracking code
//   POST /api/reports/follow                 public: { number, code } → the report, its status and answer
//                                            (POST so that the code is in no URL, log or browser history)
//   GET  /api/staff/reports                  staff: the list, by status and category
//   GET  /api/staff/reports.geojson          staff: the same as points for the map
//   GET  /api/staff/reports/:id              staff: one report with its contact (the reading audited) and its history
//   GET  /api/staff/reports/:id/photo        staff: the photo (metadata stripped at receipt)
//   POST /api/staff/reports/:id/answer       staff: { answer, lang } → shown on the follow page
//   POST /api/staff/reports/:id/close        staff: { answer?, lang? } → closed
//
// Personal data: the optional contact is stored and shown to staff only; Fastify logs no bodies, and the
// audit trail records who did what to which report number, never the contact nor the texts.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { audit } from '../accounts/audit.js';
import { requireRole, userOf } from '../accounts/guard.js';
import { withTransaction } from '../db/pool.js';
import { AppError } from '../errors.js';
import { negotiateLang } from '../i18n.js';
import { formatBytes } from '../imports/limits.js';
import { newVerificationCode, normaliseCode } from '../notes/store.js';
import { ErrorBody, type Lang } from '../shared/schemas.js';
import { checkFields, multipartBody, multipartOptions, readUpload } from '../shared/upload.js';
import { stripPhoto } from './photo.js';
import {
  AnswerBody,
  CloseBody,
  FollowBody,
  ReportCreated,
  ReportDetail,
  ReportFields,
  ReportFollow,
  ReportIdParams,
  ReportList,
  ReportMap,
  StaffListQuery,
} from './schemas.js';
import { answerReport, closeReport, followReport, getPhoto, getReport, insertReport, listReports, lockReport } from './store.js';

export interface ReportOptions {
  perHour: number;
  photoBytes?: number;
}

export const PHOTO_BYTES = 5 * 1024 * 1024;
const STAFF = requireRole('planner', 'instructor', 'admin');
const EMAIL = /^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,}$/;
const PHONE = /^\+?[0-9][0-9 ().-]{5,24}$/;

/** The optional contact: one email or one phone number, or nothing. */
function contactOf(raw: string | undefined): string | null {
  const v = raw?.trim() ?? '';
  if (v === '') return null;
  if (EMAIL.test(v) || PHONE.test(v)) return v;
  throw new AppError('invalid_request', { detail: 'contact must be one email address or one phone number (or be left empty)' });
}

function placeOf(f: ReportFields): { point: { lon: number; lat: number } | null; parcelId: number | null } {
  const parcelId = f.parcelId === undefined ? null : Number(f.parcelId);
  if ((f.lon === undefined) !== (f.lat === undefined)) throw new AppError('invalid_request', { detail: 'send both lon and lat, or neither' });
  const point = f.lon === undefined ? null : { lon: Number(f.lon), lat: Number(f.lat) };
  if (point && (Math.abs(point.lon) > 180 || Math.abs(point.lat) > 90)) throw new AppError('invalid_request', { detail: 'lon must be within ±180 and lat within ±90' });
  if (!point && parcelId === null) throw new AppError('invalid_request', { detail: 'say where: a point (lon, lat) or a parcel (parcelId)' });
  return { point, parcelId };
}

/** Reads the multipart body: the text parts, checked, and at most one photo, cut at the size cap. */
async function readForm(req: FastifyRequest, photoBytes: number) {
  const { fields, files } = await readUpload(
    req,
    {
      fileParts: ['photo'],
      notMultipart: 'send multipart/form-data (the photo, if any, in a part named "photo")',
      wrongPart: (name) => `the photo goes in a part named "photo", not "${name}"`,
      tooMany: 'one photo and the report fields only',
      tooLarge: () => new AppError('report_photo_too_large', { limit: formatBytes(photoBytes) }),
    },
    (f) => ({ bytes: f.content, name: f.filename }),
  );
  return { fields: checkFields(ReportFields, fields), photo: files[0] ?? null };
}

export const reportRoutes: FastifyPluginAsyncTypebox<ReportOptions> = async (app, opts) => {
  const photoBytes = opts.photoBytes ?? PHOTO_BYTES;
  await app.register(multipart, multipartOptions({ fileSize: photoBytes, files: 1, fields: 10, fieldSize: 16 * 1024, parts: 11, headerPairs: 50 }));
  const staffErrors = { 401: ErrorBody, 403: ErrorBody };
  // Every answer here is personal (a tracking code, a contact): never stored by a browser or a proxy.
  app.addHook('onRequest', async (_req, reply) => {
    void reply.header('cache-control', 'no-store');
  });
  const langOf = (req: FastifyRequest): Lang => negotiateLang((req.query as { lang?: unknown } | undefined)?.lang, req.headers['accept-language']);

  app.post(
    '/api/reports',
    {
      config: {
        rateLimit: {
          max: opts.perHour,
          timeWindow: '1 hour',
          errorResponseBuilder: (_req, ctx) =>
            Object.assign(new AppError('reports_rate_limited', { max: opts.perHour, minutes: Math.max(1, Math.ceil(ctx.ttl / 60_000)), seconds: Math.ceil(ctx.ttl / 1000) }), {
              statusCode: 429,
            }),
        },
        swaggerTransform: multipartBody({ photo: { type: 'string', format: 'binary' }, ...ReportFields.properties }),
      },
      schema: {
        tags: ['reports'],
        summary: 'Report a problem at a point or on a parcel (wrong zone, outdated rule, missing road, other), with an optional photo',
        description: `multipart/form-data: ${Object.keys(ReportFields.properties).join(', ')}; the photo (JPEG, PNG or WebP, at most ${formatBytes(photoBytes)}) in the part \`photo\`. At most ${opts.perHour} reports an hour per address.`,
        consumes: ['multipart/form-data'],
        response: { 201: ReportCreated, 400: ErrorBody, 413: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { fields, photo } = await readForm(req, photoBytes);
      const place = placeOf(fields);
      const contact = contactOf(fields.contact);
      const stripped = photo ? stripPhoto(photo.bytes, photo.name) : null;
      const code = newVerificationCode();
      const lang = fields.lang ?? langOf(req);
      const created = await withTransaction(app.db, async (c) => {
        const r = await insertReport(c, { category: fields.category, description: fields.description.trim(), ...place, lang, contact, photo: stripped, code });
        if (!r) {
          const parcelKnown = place.parcelId === null || (await c.query('SELECT 1 FROM parcels WHERE id = $1 AND valid_to IS NULL', [place.parcelId])).rowCount === 1;
          throw parcelKnown ? new AppError('report_outside_territory') : new AppError('not_found', { what: 'parcel', id: place.parcelId ?? '' });
        }
        await audit(c, { actor: null, action: 'report.receive', target: { type: 'report', id: r.number }, details: { category: fields.category, photo: !!stripped } });
        return r;
      }).catch((err: unknown) => {
        // A database error's detail can quote the row ("Failing row contains (…)"), contact included, and
        // a 5xx is logged: only its SQLSTATE and constraint go on.
        if (err instanceof AppError) throw err;
        const e = err as { code?: string; constraint?: string };
        throw Object.assign(new Error(`report not stored (SQLSTATE ${e.code ?? '?'}${e.constraint ? `, ${e.constraint}` : ''})`), { code: e.code });
      });
      void reply.status(201);
      const fragment = `#n=${encodeURIComponent(created.number)}&c=${encodeURIComponent(code)}`;
      return { number: created.number, trackingCode: code, followUrl: `${req.protocol}://${req.host}/report/${fragment}` };
    },
  );

  app.post(
    '/api/reports/follow',
    {
      config: { rateLimit: {} },
      schema: {
        tags: ['reports'],
        summary: 'Follow a report with its number and tracking code: its status and the agency answer',
        body: FollowBody,
        response: { 200: ReportFollow, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const number = req.body.number.trim().toUpperCase();
      // A number that cannot exist is not looked up (nor can a NUL character reach the database).
      const found = /^SIG-[0-9]{4}-[0-9]{6,12}$/.test(number) ? await followReport(app.db, number, normaliseCode(req.body.code)) : null;
      // An unknown number and a wrong code answer alike, so numbers cannot be walked.
      if (!found) throw new AppError('report_not_found', { number: number.replace(/[^A-Z0-9-]/g, '').slice(0, 40) });
      return found;
    },
  );

  // Staff routes
  app.get(
    '/api/staff/reports',
    { preHandler: STAFF, schema: { tags: ['reports'], summary: 'Staff: the reports, newest first, by status and category', querystring: StaffListQuery, response: { 200: ReportList, ...staffErrors } } },
    async (req) => ({ reports: await listReports(app.db, req.query) }),
  );

  app.get(
    '/api/staff/reports.geojson',
    { preHandler: STAFF, schema: { tags: ['reports'], summary: 'Staff: the reports as GeoJSON points', querystring: StaffListQuery, response: { 200: ReportMap, ...staffErrors } } },
    async (req, reply) => {
      const reports = await listReports(app.db, { ...req.query, limit: req.query.limit ?? 500 });
      void reply.type('application/geo+json');
      return {
        type: 'FeatureCollection' as const,
        features: reports.map((r) => ({
          type: 'Feature' as const,
          id: r.id,
          geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] as [number, number] },
          properties: { number: r.number, category: r.category, status: r.status },
        })),
      };
    },
  );

  app.get(
    '/api/staff/reports/:id',
    { preHandler: STAFF, schema: { tags: ['reports'], summary: 'Staff: one report, with its contact and every step', params: ReportIdParams, response: { 200: ReportDetail, ...staffErrors, 404: ErrorBody } } },
    async (req) => {
      const r = await getReport(app.db, req.params.id);
      if (!r) throw new AppError('not_found', { what: 'report', id: req.params.id });
      // Who saw a reporter's contact is recorded (law 09-08: personal data is read by those who need it,
      // and it can be shown who did); the trail holds the report number, never the contact itself.
      if (r.contact != null) await audit(app.db, { actor: userOf(req), action: 'report.read_contact', target: { type: 'report', id: r.number } });
      return r;
    },
  );

  app.get(
    '/api/staff/reports/:id/photo',
    {
      preHandler: STAFF,
      schema: { tags: ['reports'], summary: 'Staff: the photo of a report (its metadata stripped at receipt)', params: ReportIdParams, response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...staffErrors, 404: ErrorBody } },
    },
    async (req, reply) => {
      const p = await getPhoto(app.db, req.params.id);
      if (!p) throw new AppError('not_found', { what: 'report photo', id: req.params.id });
      return reply.type(p.type).header('content-disposition', 'inline').header('x-content-type-options', 'nosniff').send(p.bytes);
    },
  );

  /** Answer and/or close in one transaction, with its report event and audit row. */
  async function change(req: FastifyRequest, id: number, answer: { text: string; lang: Lang } | null, close: boolean) {
    const user = userOf(req);
    await withTransaction(app.db, async (c) => {
      const r = await lockReport(c, id);
      if (!r) throw new AppError('not_found', { what: 'report', id });
      if (r.status === 'closed') throw new AppError('report_closed', { number: r.number });
      if (answer) {
        await answerReport(c, id, user, answer.text.trim(), answer.lang);
        await audit(c, { actor: user, action: 'report.answer', target: { type: 'report', id: r.number }, details: { lang: answer.lang } });
      }
      if (close) {
        await closeReport(c, id, user);
        await audit(c, { actor: user, action: 'report.close', target: { type: 'report', id: r.number }, details: { previousStatus: r.status } });
      }
    });
    return (await getReport(app.db, id))!;
  }

  app.post(
    '/api/staff/reports/:id/answer',
    {
      preHandler: STAFF,
      schema: { tags: ['reports'], summary: 'Staff: answer a report (shown on its public follow page, in the language written)', params: ReportIdParams, body: AnswerBody, response: { 200: ReportDetail, 400: ErrorBody, ...staffErrors, 404: ErrorBody, 409: ErrorBody } },
    },
    async (req) => change(req, req.params.id, { text: req.body.answer, lang: req.body.lang }, false),
  );

  app.post(
    '/api/staff/reports/:id/close',
    {
      preHandler: STAFF,
      schema: { tags: ['reports'], summary: 'Staff: close a report, with a last answer if given', params: ReportIdParams, body: CloseBody, response: { 200: ReportDetail, 400: ErrorBody, ...staffErrors, 404: ErrorBody, 409: ErrorBody } },
    },
    async (req) => {
      const { answer, lang } = req.body;
      if (answer !== undefined && lang === undefined) throw new AppError('invalid_request', { detail: 'an answer needs its lang (ar, fr or en)' });
      return change(req, req.params.id, answer !== undefined && lang !== undefined ? { text: answer, lang } : null, true);
    },
  );
};
