// The instructors' side (issue 8): the queue, a file, and the steps, each behind requireRole and the CSRF
// token, each recorded as a request event (who, when) and in the audit trail, in one transaction.
//
//   GET  /api/instruct/requests                      the queue, filtered by status, commune, assignee
//   GET  /api/instruct/requests/:fileNumber          the file: applicant, land, documents, timeline
//   POST /api/instruct/requests/:fileNumber/assign   { userId? } (default: oneself)
//   POST /api/instruct/requests/:fileNumber/info     { message }: ask the applicant for more
//   POST /api/instruct/requests/:fileNumber/issue    { lang? }: issue the official note
//   POST /api/instruct/requests/:fileNumber/reject   { message }: the reason
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type pg from 'pg';
import { audit } from '../accounts/audit.js';
import { requireRole, userOf, type AuthUser, type Role } from '../accounts/guard.js';
import { withTransaction } from '../db/pool.js';
import { AppError } from '../errors.js';
import { contentSha256 } from '../notes/canonical.js';
import { buildContent } from '../notes/content.js';
import { urlsFor } from '../notes/routes.js';
import { insertNote, newVerificationCode, reserveReference } from '../notes/store.js';
import { selectionSheet } from '../selection/routes.js';
import { ErrorBody } from '../shared/schemas.js';
import { seal } from './codes.js';
import { notificationFor } from './messages.js';
import { AssignBody, FileParams, IssueBody, IssuedAnswer, MessageBody, Queue, QueueQuery, StaffFileView, type Status, StepAnswer } from './schemas.js';
import { addEvent, enqueueNotification, type EventKind, findByNumber, listQueue, type RequestRow, updateRequest } from './store.js';
import { staffView } from './views.js';

export const STAFF_ROLES: Role[] = ['instructor', 'admin'];
const STAFF = requireRole('instructor', 'admin');
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Which steps each status allows. */
const ALLOWED: Record<'assign' | 'info' | 'issue' | 'reject', Status[]> = {
  assign: ['submitted', 'under_review', 'info_requested'],
  info: ['submitted', 'under_review'],
  issue: ['submitted', 'under_review'],
  reject: ['submitted', 'under_review', 'info_requested'],
};

export const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** One step on a locked file: the change, its event, the applicant's notification and the audit row. */
  async function step(
    user: AuthUser,
    fileNumber: string,
    action: keyof typeof ALLOWED,
    fn: (c: pg.PoolClient, r: RequestRow) => Promise<{ kind: EventKind; status: Status; message?: string; details?: Record<string, unknown> }>,
  ): Promise<Status> {
    return withTransaction(app.db, async (c) => {
      const r = await findByNumber(c, fileNumber, true);
      if (!r) throw new AppError('request_not_found');
      if (!ALLOWED[action].includes(r.status)) throw new AppError('request_wrong_state', { file: fileNumber, status: r.status });
      const e = await fn(c, r);
      const eventId = await addEvent(c, { requestId: r.id, actorId: user.id, kind: e.kind, status: e.status, message: e.message ?? null, details: e.details });
      const n = notificationFor(r.lang, e.kind, fileNumber, e.message ?? null);
      if (n) await enqueueNotification(c, { requestId: r.id, eventId, ...n });
      await audit(c, { actor: user, action: `request.${e.kind}`, target: { type: 'request', id: fileNumber }, details: { status: e.status, ...e.details } });
      return e.status;
    });
  }

  app.get(
    '/api/instruct/requests',
    { preHandler: STAFF, schema: { tags: ['requests'], summary: 'The instructors’ queue, newest first', querystring: QueueQuery, response: { 200: Queue, ...errors } } },
    async (req) => {
      const rows = await listQueue(app.db, { ...req.query, limit: req.query.limit ?? 50 }, userOf(req).id);
      return {
        requests: rows.map((r) => ({
          fileNumber: r.fileNumber,
          status: r.status,
          submittedAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
          commune: r.communeName,
          parcels: r.parcelRefs,
          applicantName: r.applicantName,
          assignedTo: r.assignedTo == null ? null : { id: r.assignedTo, name: r.assignedName ?? '' },
        })),
      };
    },
  );

  app.get(
    '/api/instruct/requests/:fileNumber',
    { preHandler: STAFF, schema: { tags: ['requests'], summary: 'Open a file', params: FileParams, response: { 200: StaffFileView, ...errors } } },
    async (req) => {
      const r = await findByNumber(app.db, req.params.fileNumber);
      if (!r) throw new AppError('request_not_found');
      await audit(app.db, { actor: userOf(req), action: 'request.open', target: { type: 'request', id: r.fileNumber } });
      return staffView(app.db, r);
    },
  );

  app.post(
    '/api/instruct/requests/:fileNumber/assign',
    { preHandler: STAFF, schema: { tags: ['requests'], summary: 'Assign the file (to oneself by default); it is then under review', params: FileParams, body: AssignBody, response: { 200: StepAnswer, ...errors } } },
    async (req) => {
      const user = userOf(req);
      const to = req.body.userId ?? user.id;
      const status = await step(user, req.params.fileNumber, 'assign', async (c, r) => {
        const { rows } = await c.query<{ id: number }>(`SELECT id FROM users WHERE id = $1 AND role IN ('instructor', 'admin') AND NOT disabled`, [to]);
        if (!rows[0]) throw new AppError('request_field_invalid', { field: 'userId', hint: 'an active instructor or admin account' });
        const next: Status = r.status === 'submitted' ? 'under_review' : r.status;
        await updateRequest(c, r.id, { status: next, assignedTo: to });
        return { kind: 'assigned', status: next, details: { assignedTo: to } };
      });
      return { fileNumber: req.params.fileNumber, status };
    },
  );

  app.post(
    '/api/instruct/requests/:fileNumber/info',
    { preHandler: STAFF, schema: { tags: ['requests'], summary: 'Ask the applicant for more information or documents', params: FileParams, body: MessageBody, response: { 200: StepAnswer, ...errors } } },
    async (req) => {
      const status = await step(userOf(req), req.params.fileNumber, 'info', async (c, r) => {
        await updateRequest(c, r.id, { status: 'info_requested' });
        return { kind: 'info_requested', status: 'info_requested', message: req.body.message.trim() };
      });
      return { fileNumber: req.params.fileNumber, status };
    },
  );

  app.post(
    '/api/instruct/requests/:fileNumber/reject',
    { preHandler: STAFF, schema: { tags: ['requests'], summary: 'Reject the request, with the reason told to the applicant', params: FileParams, body: MessageBody, response: { 200: StepAnswer, ...errors } } },
    async (req) => {
      const status = await step(userOf(req), req.params.fileNumber, 'reject', async (c, r) => {
        await updateRequest(c, r.id, { status: 'rejected' });
        return { kind: 'rejected', status: 'rejected', message: req.body.message.trim() };
      });
      return { fileNumber: req.params.fileNumber, status };
    },
  );

  app.post(
    '/api/instruct/requests/:fileNumber/issue',
    {
      preHandler: STAFF,
      schema: { tags: ['requests'], summary: 'Issue the official note for the file (its own reference, verification page and QR code)', params: FileParams, body: IssueBody, response: { 200: IssuedAnswer, ...errors } },
    },
    async (req) => {
      const found = await findByNumber(app.db, req.params.fileNumber);
      if (!found) throw new AppError('request_not_found');
      if (!ALLOWED.issue.includes(found.status)) throw new AppError('request_wrong_state', { file: found.fileNumber, status: found.status });
      // The note states the rules in force today for the land asked about (the notes slice, as for the
      // indicative note); only the request's file number is added, never the applicant.
      const sheet = await selectionSheet(app, found.selection, undefined);
      const { reference, issuedAt } = await reserveReference(app.db);
      const code = newVerificationCode();
      const content = await buildContent(app.db, found.selection, sheet, { reference, issuedAt, lang: req.body.lang ?? 'bilingual', official: { fileNumber: found.fileNumber } });
      const status = await step(userOf(req), found.fileNumber, 'issue', async (c, r) => {
        await insertNote(c, { code, selection: found.selection, content, contentSha256: contentSha256(content) });
        await updateRequest(c, r.id, { status: 'issued', noteReference: reference, noteCodeSealed: seal(code, r.boxPublicKey) });
        return { kind: 'note_issued', status: 'issued', details: { note: reference } };
      });
      return { fileNumber: found.fileNumber, status, note: { reference, urls: urlsFor(req, reference, code) } };
    },
  );
};
