// Drafts and publication (planners and admins; state changes also need the CSRF token):
//
//   GET    /api/drafts                                  the drafts, newest first
//   GET    /api/drafts/:versionId                       a draft: its zones (GeoJSON), codes and rules, overlays,
//                                                       import report, and what still blocks publication
//   PUT    /api/drafts/:versionId/regulations/:code     the rules of a zone code (the whole regulation)
//   DELETE /api/drafts/:versionId/regulations/:code
//   PUT    /api/drafts/:versionId/zones/:code           the label and category of a zone code
//   DELETE /api/drafts/:versionId                       discard a draft
//   POST   /api/drafts/:versionId/publish               publish it (one transaction; the data version bumps)
//   POST   /api/plans/:id/status                        a change of legal status, with its date and references
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, langOf, PLANNERS } from '../imports/routes.js';
import { renderReport } from '../imports/report.js';
import { importOfVersion } from '../imports/store.js';
import { ErrorBody, type PlanKind } from '../shared/schemas.js';
import {
  deleteRegulation, discardDraft, draftContent, listDrafts, missingRegulations, publicationBlockers, putRegulation, putZoneCode, versionRow,
} from './drafts.js';
import { changeStatus, publishDraft } from './publish.js';
import {
  CodeParams, DraftDetail, DraftList, LangQuery, PlanIdParams, PublishBody, PublishResult, RegulationInput, RegulationSaved, StatusBody,
  StatusResult, VersionIdParams, ZoneCodeInput, ZoneCodeSaved,
} from './schemas.js';

export const publishingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
  const noStore = { 'cache-control': 'no-store' };

  app.get(
    '/api/drafts',
    { preHandler: PLANNERS, schema: { tags: ['publishing'], summary: 'The draft plan versions, newest first', response: { 200: DraftList, ...errors } } },
    async (_req, reply) => {
      void reply.headers(noStore);
      return { drafts: await listDrafts(app.db) };
    },
  );

  app.get(
    '/api/drafts/:versionId',
    {
      preHandler: PLANNERS,
      schema: {
        tags: ['publishing'],
        summary: 'A draft: its zones as GeoJSON, its zone codes with their rules, its overlays, its import report and what blocks publication',
        params: VersionIdParams,
        querystring: LangQuery,
        response: { 200: DraftDetail, ...errors },
      },
    },
    async (req, reply) => {
      const id = Number(req.params.versionId);
      const v = await versionRow(app.db, id);
      const [imp, content, missing, blockers] = await Promise.all([
        importOfVersion(app.db, id), draftContent(app.db, id), missingRegulations(app.db, id), publicationBlockers(app.db, id),
      ]);
      const reasons: string[] = [];
      if (v.state !== 'draft') reasons.push('already published');
      if (blockers.zones === 0) reasons.push('no zone');
      if (blockers.errors > 0) reasons.push(`${blockers.errors} error(s) in the import report (${blockers.codes.join(', ')})`);
      void reply.headers(noStore);
      return {
        plan: { id: v.planId, code: v.planCode, kind: v.planKind as PlanKind, name: v.planName },
        version: { id: v.id, versionNo: v.versionNo, state: v.state },
        import: imp ? { id: imp.id, fileName: imp.fileName, actor: imp.actor, createdAt: imp.createdAt } : null,
        report: imp?.report ? renderReport(imp.report, langOf(req)) : null,
        checks: {
          canPublish: reasons.length === 0,
          blockers: reasons,
          missingRegulations: missing.map((m) => ({ code: m.code, count: m.count, location: { lon: m.lon, lat: m.lat } })),
        },
        ...content,
      };
    },
  );

  app.put(
    '/api/drafts/:versionId/regulations/:code',
    {
      preHandler: PLANNERS,
      schema: {
        tags: ['publishing'],
        summary: 'Set the rules of a zone code in a draft (the whole regulation: what is left out is not stated)',
        params: CodeParams,
        body: RegulationInput,
        response: { 200: RegulationSaved, ...errors },
      },
    },
    async (req) => {
      const versionId = Number(req.params.versionId);
      return { versionId, regulation: await putRegulation(app.db, versionId, req.params.code, req.body, actorOf(req)) };
    },
  );

  app.delete(
    '/api/drafts/:versionId/regulations/:code',
    {
      preHandler: PLANNERS,
      schema: { tags: ['publishing'], summary: 'Remove the rules of a zone code from a draft', params: CodeParams, response: { 204: { type: 'null' }, ...errors } },
    },
    async (req, reply) => {
      await deleteRegulation(app.db, Number(req.params.versionId), req.params.code, actorOf(req));
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/drafts/:versionId/zones/:code',
    {
      preHandler: PLANNERS,
      schema: {
        tags: ['publishing'],
        summary: 'Set the label and/or category of every zone of a code in a draft',
        params: CodeParams,
        body: ZoneCodeInput,
        response: { 200: ZoneCodeSaved, ...errors },
      },
    },
    async (req) => {
      const versionId = Number(req.params.versionId);
      const r = await putZoneCode(app.db, versionId, req.params.code, req.body, actorOf(req));
      return { versionId, ...r };
    },
  );

  app.delete(
    '/api/drafts/:versionId',
    {
      preHandler: PLANNERS,
      schema: { tags: ['publishing'], summary: 'Discard a draft (its zones, rules and overlays)', params: VersionIdParams, response: { 204: { type: 'null' }, ...errors } },
    },
    async (req, reply) => {
      await discardDraft(app.db, Number(req.params.versionId), actorOf(req));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/drafts/:versionId/publish',
    {
      preHandler: PLANNERS,
      schema: {
        tags: ['publishing'],
        summary: 'Publish a draft from a date: the previous version is closed then, the data version bumps',
        params: VersionIdParams,
        body: PublishBody,
        response: { 200: PublishResult, ...errors },
      },
    },
    async (req) => {
      const result = await publishDraft(app.db, Number(req.params.versionId), req.body ?? {}, actorOf(req));
      await app.dataVersion.refresh();
      return result;
    },
  );

  app.post(
    '/api/plans/:id/status',
    {
      preHandler: PLANNERS,
      schema: {
        tags: ['publishing'],
        summary: 'Record a change of legal status of a plan version (public inquiry, approval, expiry, annulment…) with its date and references',
        params: PlanIdParams,
        body: StatusBody,
        response: { 200: StatusResult, ...errors },
      },
    },
    async (req) => {
      const result = await changeStatus(app.db, Number(req.params.id), req.body, actorOf(req));
      if (result.dataVersion !== null) await app.dataVersion.refresh();
      return result;
    },
  );
};
