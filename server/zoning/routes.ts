import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { resolveAt } from '../shared/dates.js';
import { ErrorBody } from '../shared/schemas.js';
import { identify } from './queries.js';
import { IdentifyQuery, IdentifyResult } from './schemas.js';

export const zoningRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/identify',
    {
      schema: {
        tags: ['zoning'],
        summary: 'The parcel at a point (or null) and the zoning of every plan at that point',
        querystring: IdentifyQuery,
        response: { 200: IdentifyResult, 400: ErrorBody },
      },
    },
    async (req) => {
      const at = resolveAt(req.query.at);
      return identify(app.dbRead, req.query.lon, req.query.lat, at, await app.dataVersion.current());
    },
  );
};
