import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError, notFound } from '../errors.js';
import { parseBbox } from '../shared/bbox.js';
import { resolveAt } from '../shared/dates.js';
import { AtQuery, ErrorBody } from '../shared/schemas.js';
import { listPlans, planDetail, planExists, planZones } from './queries.js';
import { PlanDetail, PlanIdParams, PlanList, ZoneCollection, ZonesQuery } from './schemas.js';

export const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'Every plan answering at a date (default today), in force first',
        querystring: AtQuery,
        response: { 200: PlanList, 400: ErrorBody },
      },
    },
    async (req) => {
      const at = resolveAt(req.query.at);
      return { at, dataVersion: await app.dataVersion.current(), plans: await listPlans(app.dbRead, at) };
    },
  );

  const detail = async (id: number, at: string) => {
    const plan = await planDetail(app.dbRead, id, at, await app.dataVersion.current());
    if (plan) return plan;
    if (await planExists(app.dbRead, id)) {
      throw new AppError('not_found', { what: `published version at ${at} of plan`, id });
    }
    throw notFound('plan', id);
  };

  app.get(
    '/api/plans/:id',
    {
      schema: {
        tags: ['plans'],
        summary: 'One plan: status, references, versions and the rules of each of its zone types',
        params: PlanIdParams,
        querystring: AtQuery,
        response: { 200: PlanDetail, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => detail(Number(req.params.id), resolveAt(req.query.at)),
  );

  app.get(
    '/api/plans/:id/zones',
    {
      schema: {
        tags: ['plans'],
        summary: 'The zones of a plan as GeoJSON, filtered by bbox, keyset-paged (follow `next`)',
        params: PlanIdParams,
        querystring: ZonesQuery,
        response: { 200: ZoneCollection, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const bbox = parseBbox(req.query.bbox);
      const plan = await detail(Number(req.params.id), resolveAt(req.query.at));
      const page = await planZones(app.dbRead, plan.versionId, bbox, req.query.limit ?? 100, Number(req.query.cursor ?? 0));
      void reply.type('application/geo+json; charset=utf-8');
      return page;
    },
  );
};
