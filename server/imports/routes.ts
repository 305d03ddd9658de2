// Import routes (planners and admins; every one behind requireRole, the upload also behind the CSRF token):
//
//   POST /api/imports       multipart/form-data: the file in `file`, the mapping in text fields (ImportFields)
//                           → 201 the report and the draft version (zones) or what was applied (parcels,
//                             overlays); 400 import_rejected with the report when blocking problems
//                             changed nothing; 400/413 when the file cannot be read or is too large
//   GET  /api/imports       the imports, newest first
//   GET  /api/imports/:id   one import: its status, mapping and report (or why it failed)
//
// The upload is streamed to a temporary folder (capped at limits.uploadBytes) and removed after the import.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { requireRole, userOf } from '../accounts/guard.js';
import { AppError, ERRORS, type ErrorCode } from '../errors.js';
import { negotiateLang } from '../i18n.js';
import { ErrorBody, type Lang, type PlanKind } from '../shared/schemas.js';
import { baseName, checkFields, multipartBody, multipartOptions, saveUpload, type UploadRules } from '../shared/upload.js';
import { DEFAULT_LIMITS, formatBytes, type ImportLimits } from './limits.js';
import { type ImportRequest, runImport } from './pipeline.js';
import { renderReport } from './report.js';
import { ImportDetail, ImportFields, ImportIdParams, ImportList, ImportListQuery, ImportOutcome, LangQuery } from './schemas.js';
import { type Actor, getImport, type ImportRow, listImports } from './store.js';

export const PLANNERS = requireRole('planner', 'admin');

export function actorOf(req: FastifyRequest): Actor {
  const u = userOf(req);
  return { user: { id: u.id, role: u.role }, label: u.email };
}

export const langOf = (req: FastifyRequest): Lang =>
  negotiateLang((req.query as { lang?: unknown } | undefined)?.lang, req.headers['accept-language']);

function parseMap(text: string | undefined, name: string): Record<string, string> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new AppError('invalid_request', { detail: `${name} must be a JSON object such as {"UA": "mixed_centre"}` });
  }
  if (!v || typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw new AppError('invalid_request', { detail: `${name} must be a JSON object of strings` });
  }
  return v as Record<string, string>;
}

/** The import request from the upload's fields. */
export function requestFromFields(f: ImportFields, file: string, fileName: string, actor: Actor): ImportRequest {
  return {
    target: f.target ?? 'zones',
    file,
    fileName,
    read: { layer: f.layer, crs: f.crs, encoding: f.encoding, template: f.template },
    plan: { code: f.planCode, kind: f.kind as PlanKind | undefined, name: f.name, nameAr: f.nameAr },
    zones: {
      codeField: f.codeField, labelField: f.labelField, labelFrField: f.labelFrField, labelArField: f.labelArField,
      categoryField: f.categoryField, categoryMap: parseMap(f.categoryMap, 'categoryMap'),
    },
    parcels: f.referenceField ? { referenceField: f.referenceField, communeField: f.communeField, validFrom: f.validFrom } : undefined,
    overlays: {
      typeField: f.typeField, typeMap: parseMap(f.typeMap, 'typeMap'), codeField: f.codeField, labelField: f.labelField,
      labelFrField: f.labelFrField, labelArField: f.labelArField, widthField: f.widthField,
      versionId: f.versionId === undefined ? undefined : Number(f.versionId),
    },
    actor,
  };
}

function renderImport(row: ImportRow, lang: Lang) {
  const failure = row.failure
    ? {
        code: row.failure.code,
        message: row.failure.code in ERRORS ? ERRORS[row.failure.code as ErrorCode].msg[lang](row.failure.params) : row.failure.code,
        details: row.failure.details,
      }
    : null;
  return { ...row, report: row.report ? renderReport(row.report, lang) : null, failure };
}

export const importRoutes: FastifyPluginAsyncTypebox<{ limits?: Partial<ImportLimits> }> = async (app, opts) => {
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  // One file and a few text fields; a larger file is cut at the limit and refused.
  await app.register(multipart, multipartOptions({ fileSize: limits.uploadBytes, files: 1, fields: 40, fieldSize: 64 * 1024, parts: 41, headerPairs: 100 }));
  const uploadRules: UploadRules = {
    fileParts: ['file'],
    notMultipart: 'send multipart/form-data with the file in a part named "file"',
    wrongPart: (name) => `the file goes in a part named "file", not "${name}"`,
    tooMany: 'one file and at most 40 text fields per import',
    tooLarge: () => new AppError('import_too_large', { what: 'the file', limit: formatBytes(limits.uploadBytes) }),
  };
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

  app.post(
    '/api/imports',
    {
      preHandler: PLANNERS,
      config: { swaggerTransform: multipartBody({ file: { type: 'string', format: 'binary', description: 'the file' }, ...ImportFields.properties }) },
      schema: {
        tags: ['imports'],
        summary: 'Import a layer (zones, parcels or overlays) from GeoJSON, a zipped Shapefile or a GeoPackage: validated, then a draft or applied',
        description:
          'multipart/form-data: the file in the `file` part (at most ' + formatBytes(limits.uploadBytes) + '), and the mapping in text parts: ' +
          Object.keys(ImportFields.properties).join(', ') + '. Needs a planner or admin session and the `x-csrf-token` header.',
        consumes: ['multipart/form-data'],
        querystring: LangQuery,
        response: { 201: ImportOutcome, ...errors, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody },
      },
    },
    async (req, reply) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'tasmim-upload-'));
      try {
        const { fields, file } = await saveUpload(req, uploadRules, path.join(dir, 'upload'));
        if (!file) throw new AppError('invalid_request', { detail: 'no file: send it in a part named "file"' });
        const request = requestFromFields(checkFields(ImportFields, fields), file.path, baseName(file.filename, 'upload'), actorOf(req));
        const out = await runImport(app.db, request, limits);
        const lang = langOf(req);
        if (out.status === 'rejected') {
          throw new AppError('import_rejected', { errors: out.report.counts.errors }, { importId: out.importId, report: renderReport(out.report, lang) });
        }
        if (out.dataVersion !== null) await app.dataVersion.refresh();
        void reply.status(201);
        return { importId: out.importId, status: out.status, planId: out.planId, versionId: out.versionId, dataVersion: out.dataVersion, report: renderReport(out.report, lang) };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.get(
    '/api/imports',
    {
      preHandler: PLANNERS,
      schema: { tags: ['imports'], summary: 'The imports, newest first (keyset-paged: follow `next`)', querystring: ImportListQuery, response: { 200: ImportList, ...errors } },
    },
    async (req) => listImports(app.db, req.query.limit ?? 50, req.query.cursor === undefined ? undefined : Number(req.query.cursor)),
  );

  app.get(
    '/api/imports/:id',
    {
      preHandler: PLANNERS,
      schema: {
        tags: ['imports'],
        summary: 'One import: its status, the mapping asked, its validation report (or why the file could not be read)',
        params: ImportIdParams,
        querystring: LangQuery,
        response: { 200: ImportDetail, ...errors, 404: ErrorBody },
      },
    },
    async (req) => {
      const row = await getImport(app.db, Number(req.params.id));
      if (!row) throw new AppError('not_found', { what: 'import', id: req.params.id });
      return renderImport(row, langOf(req));
    },
  );
};
