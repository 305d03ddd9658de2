// Outcomes of project studies:
//
//   POST /api/studies/import?name=   planners: the register as the body, Content-Type text/csv or
//                                     application/json → 201 what was imported and the parcel references
//                                     that matched no parcel; 400 (nothing imported) when a row is invalid
//   GET  /api/studies/:number        the applicant follows a file by its number (rate-limited: numbers
//                                     are not to be enumerated)
//   GET  /api/parcels/:id/studies    the files of a parcel and their outcome
//
// The map layer is the tile source "studies" (server/tiles/sources.ts, tile_studies in migration 0013).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type pg from 'pg';
import { requireRole, userOf } from '../accounts/guard.js';
import type { Role } from '../accounts/schemas.js';
import { withTransaction } from '../db/pool.js';
import { AppError, notFound } from '../errors.js';
import { ParcelIdParams } from '../parcels/schemas.js';
import { ErrorBody } from '../shared/schemas.js';
import { readRegister, RegisterUnreadable } from './register.js';
import { ImportOutcome, ImportQuery, ParcelStudies, Study, StudyNumberParams } from './schemas.js';
import { importRows, parcelStudies, studyByNumber } from './store.js';

const PLANNERS = requireRole('planner', 'admin');
export const REGISTER_MAX_BYTES = 5 * 1024 * 1024;

/** Reads, checks and imports a register; shared by the route and `npm run import:studies`. */
export async function importRegister(db: pg.Pool, text: string, format: 'csv' | 'json', fileName: string, actor: { id: number; role: Role } | null): Promise<ImportOutcome> {
  let read: ReturnType<typeof readRegister>;
  try {
    read = readRegister(text, format);
  } catch (err) {
    if (err instanceof RegisterUnreadable) throw new AppError('study_register_unreadable', { reason: err.message });
    throw err;
  }
  if (read.problems.length > 0) throw new AppError('study_register_invalid', { errors: read.problems.length }, { rows: read.problems.slice(0, 200) });
  return withTransaction(db, (c) => importRows(c, read.rows, fileName, { user: actor }));
}

export const studyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The register as text: CSV as a string here, JSON as a string too (read by register.ts, which says
  // which row is wrong rather than Fastify's generic JSON error).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['text/csv', 'application/json'], { parseAs: 'string', bodyLimit: REGISTER_MAX_BYTES }, (_req, body, done) => done(null, body));

  app.post(
    '/api/studies/import',
    {
      preHandler: PLANNERS,
      bodyLimit: REGISTER_MAX_BYTES,
      schema: {
        tags: ['studies'],
        summary: 'Import the register of studied files (planners): CSV or JSON; unmatched parcel references are reported',
        description:
          'Body: the register, Content-Type text/csv (header line; comma or semicolon) or application/json (an array). Columns: number, kind ' +
          '(building_permit, subdivision, housing_group, property_division, investment_project), parcels (several separated by "|"), date, ' +
          'opinion (favourable, favourable_with_conditions, unfavourable), conditions. All or nothing: one invalid row and nothing is imported.',
        querystring: ImportQuery,
        response: { 201: ImportOutcome, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody },
      },
    },
    async (req, reply) => {
      const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (typeof req.body !== 'string' || (type !== 'text/csv' && type !== 'application/json')) {
        throw new AppError('invalid_request', { detail: 'send the register as the body, with Content-Type text/csv or application/json' });
      }
      const user = userOf(req);
      const format = type === 'text/csv' ? 'csv' : 'json';
      const out = await importRegister(app.db, req.body, format, (req.query.name ?? `register.${format}`).slice(0, 200), { id: user.id, role: user.role });
      await app.dataVersion.refresh();
      void reply.status(201);
      return out;
    },
  );

  app.get(
    '/api/studies/:number',
    {
      config: { rateLimit: {} },
      schema: {
        tags: ['studies'],
        summary: "A studied file by its number: kind, date, the agency's opinion and conditions, its parcels",
        params: StudyNumberParams,
        response: { 200: Study, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (req) => {
      const s = await studyByNumber(app.dbRead, req.params.number);
      if (!s) throw new AppError('study_not_found', { number: req.params.number.slice(0, 60) });
      return s;
    },
  );

  app.get(
    '/api/parcels/:id/studies',
    {
      schema: {
        tags: ['studies', 'parcels'],
        summary: 'The studied files of a parcel and their outcome, newest first',
        params: ParcelIdParams,
        response: { 200: ParcelStudies, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const studies = await parcelStudies(app.dbRead, Number(req.params.id));
      if (!studies) throw notFound('parcel', req.params.id);
      return { parcelId: Number(req.params.id), studies };
    },
  );
};
