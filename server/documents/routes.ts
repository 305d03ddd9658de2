// The documents library:
//
//   GET    /api/documents?q=&plan=&kind=&group=&limit=&offset=   listed documents; q searches titles and text
//   GET    /api/documents/:id                                    one document (its record and an excerpt)
//   GET    /api/documents/:id/file                               its PDF
//   POST   /api/documents          planners: multipart/form-data, the PDF in `file`, the record in fields
//   POST   /api/documents/:id/retire   planners: { reason } — no longer listed nor served, kept, audited
//   GET    /api/parcels/:id/documents  the documents of the plans covering a parcel and the laws they apply
//
// Uploads: only a PDF (magic bytes), at most `maxBytes`; the file is streamed to a temporary folder,
// its text extracted (pdf.ts), then the row, the file and the audit event are written in one transaction.
import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { audit } from '../accounts/audit.js';
import { requireRole, userOf } from '../accounts/guard.js';
import { withTransaction } from '../db/pool.js';
import { AppError, notFound } from '../errors.js';
import { ParcelIdParams } from '../parcels/schemas.js';
import { resolveAt } from '../shared/dates.js';
import { AtQuery, ErrorBody, type PlanKind } from '../shared/schemas.js';
import { baseName, checkFields, multipartBody, multipartOptions, saveUpload, type UploadRules } from '../shared/upload.js';
import { extractText, isPdf, PdfUnreadable } from './pdf.js';
import {
  DocumentDetail, DocumentFields, DocumentIdParams, DocumentList, DocumentListQuery, ParcelDocuments, PLAN_DOCUMENT_KINDS, RetireBody,
} from './schemas.js';
import { documentFile, getDocument, insertDocument, listDocuments, parcelDocuments, retireDocument } from './store.js';

const PLANNERS = requireRole('planner', 'admin');
const Pdf = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' });
const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** A text field, trimmed, or null when blank. */
const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

export const documentRoutes: FastifyPluginAsyncTypebox<{ maxBytes: number }> = async (app, opts) => {
  const maxBytes = opts.maxBytes;
  await app.register(multipart, multipartOptions({ fileSize: maxBytes, files: 1, fields: 20, fieldSize: 8 * 1024, parts: 21, headerPairs: 100 }));
  const uploadRules: UploadRules = {
    fileParts: ['file'],
    notMultipart: 'send multipart/form-data with the PDF in a part named "file"',
    wrongPart: (name) => `the PDF goes in a part named "file", not "${name}"`,
    tooMany: 'one file and at most 20 text fields per document',
    tooLarge: () => new AppError('document_too_large', { limit: mb(maxBytes) }),
  };

  app.get(
    '/api/documents',
    {
      config: { rateLimit: {} },
      schema: {
        tags: ['documents'],
        summary: 'The documents of plans and the legal texts: search (Arabic or French, diacritics and accents ignored) and filters',
        querystring: DocumentListQuery,
        response: { 200: DocumentList, 400: ErrorBody },
      },
    },
    async (req) =>
      listDocuments(app.dbRead, {
        q: req.query.q, plan: req.query.plan === undefined ? undefined : Number(req.query.plan), kind: req.query.kind,
        group: req.query.group, limit: req.query.limit ?? 20, offset: req.query.offset ?? 0,
      }),
  );

  app.get(
    '/api/documents/:id',
    { schema: { tags: ['documents'], summary: 'One document: its record and the beginning of its text', params: DocumentIdParams, response: { 200: DocumentDetail, 400: ErrorBody, 404: ErrorBody } } },
    async (req) => {
      const doc = await getDocument(app.dbRead, Number(req.params.id));
      if (!doc) throw notFound('document', req.params.id);
      return doc;
    },
  );

  app.get(
    '/api/documents/:id/file',
    { schema: { tags: ['documents'], summary: 'The PDF of a document', params: DocumentIdParams, response: { 200: Pdf, 400: ErrorBody, 404: ErrorBody } } },
    async (req, reply) => {
      const file = await documentFile(app.dbRead, Number(req.params.id));
      if (!file) throw notFound('document', req.params.id);
      // The name as typed may hold any character: an ASCII fallback and the UTF-8 name (RFC 6266, 5987).
      const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('etag', `"${file.sha256}"`)
        .header('cache-control', 'public, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  app.post(
    '/api/documents',
    {
      onRequest: PLANNERS,
      config: { swaggerTransform: multipartBody({ file: { type: 'string', format: 'binary' }, ...DocumentFields.properties }) },
      schema: {
        tags: ['documents'],
        summary: 'Add a document (planners): a PDF and its record',
        description: `multipart/form-data: the PDF in the \`file\` part (at most ${mb(maxBytes)}), the record in text parts: ${Object.keys(DocumentFields.properties).join(', ')}. Needs a planner or admin session and the \`x-csrf-token\` header.`,
        consumes: ['multipart/form-data'],
        response: { 201: DocumentDetail, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      const dir = await mkdtemp(path.join(tmpdir(), 'tasmim-document-'));
      try {
        const { fields, file } = await saveUpload(req, uploadRules, path.join(dir, 'upload.pdf'));
        if (!file) throw new AppError('invalid_request', { detail: 'no file: send the PDF in a part named "file"' });
        const upload = { path: file.path, name: baseName(file.filename, 'document.pdf') };
        const head = Buffer.alloc(8);
        const fh = await open(upload.path, 'r');
        try {
          await fh.read(head, 0, 8, 0);
        } finally {
          await fh.close();
        }
        if (!isPdf(head)) throw new AppError('document_not_pdf', { file: upload.name });
        const f = checkFields(DocumentFields, fields);
        const forPlan = (PLAN_DOCUMENT_KINDS as readonly string[]).includes(f.kind);
        if (forPlan !== (f.planId !== undefined)) throw new AppError('document_plan_required', { kind: f.kind });
        if (f.issuedOn) resolveAt(f.issuedOn); // a real calendar date
        let extracted: { text: string; pages: number };
        try {
          extracted = await extractText(upload.path);
        } catch (err) {
          if (err instanceof PdfUnreadable) throw new AppError('document_unreadable', { file: upload.name, reason: err.message });
          throw err;
        }
        const content = await readFile(upload.path);
        const id = await withTransaction(app.db, async (c) => {
          if (f.planId !== undefined) {
            const plan = await c.query('SELECT 1 FROM plans WHERE id = $1', [Number(f.planId)]);
            if (plan.rowCount === 0) throw new AppError('invalid_request', { detail: `planId: there is no plan ${f.planId}` });
            if (f.versionId !== undefined) {
              const v = await c.query('SELECT 1 FROM plan_versions WHERE id = $1 AND plan_id = $2', [Number(f.versionId), Number(f.planId)]);
              if (v.rowCount === 0) throw new AppError('invalid_request', { detail: `version ${f.versionId} is not a version of plan ${f.planId}` });
            }
          }
          const newId = await insertDocument(c, {
            kind: f.kind,
            title: { ar: f.titleAr.trim(), fr: f.titleFr.trim(), ...(text(f.titleEn) ? { en: text(f.titleEn)! } : {}) },
            number: text(f.number), issuedOn: f.issuedOn ?? null, language: f.language, subject: text(f.subject),
            planId: f.planId === undefined ? null : Number(f.planId),
            versionId: f.versionId === undefined ? null : Number(f.versionId),
            basisFor: forPlan ? [] : ((text(f.basisFor)?.split(',') ?? []) as PlanKind[]),
            illustrative: false, fileName: upload.name, content,
            sha256: createHash('sha256').update(content).digest('hex'),
            pages: extracted.pages, text: extracted.text, createdBy: user.id,
          });
          await audit(c, {
            actor: user, action: 'document.upload', target: { type: 'document', id: newId },
            details: { kind: f.kind, title: f.titleFr.trim().slice(0, 200), planId: f.planId ?? null, bytes: content.length, pages: extracted.pages, textChars: extracted.text.length },
          });
          return newId;
        });
        void reply.status(201);
        return (await getDocument(app.db, id, true))!;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.post(
    '/api/documents/:id/retire',
    {
      preHandler: PLANNERS,
      schema: {
        tags: ['documents'],
        summary: 'Retire a document (planners): no longer listed nor served, kept in the database, audited',
        params: DocumentIdParams,
        body: RetireBody,
        response: { 200: DocumentDetail, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const user = userOf(req);
      const id = Number(req.params.id);
      await withTransaction(app.db, async (c) => {
        const done = await retireDocument(c, id, user.id, req.body.reason.trim());
        if (!done) throw notFound('document', req.params.id);
        await audit(c, { actor: user, action: 'document.retire', target: { type: 'document', id }, details: { kind: done.kind, title: done.title.slice(0, 200), reason: req.body.reason.trim() } });
      });
      return (await getDocument(app.db, id, true))!;
    },
  );

  app.get(
    '/api/parcels/:id/documents',
    {
      schema: {
        tags: ['documents', 'parcels'],
        summary: 'The documents of the plans covering a parcel (in force first) and the legal texts they apply',
        params: ParcelIdParams,
        querystring: AtQuery,
        response: { 200: ParcelDocuments, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const out = await parcelDocuments(app.dbRead, Number(req.params.id), resolveAt(req.query.at));
      if (!out) throw notFound('parcel', req.params.id);
      return out;
    },
  );
};
