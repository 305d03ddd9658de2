import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../errors.js';
import { resolveAt } from '../shared/dates.js';
import { ErrorBody } from '../shared/schemas.js';
import { parcelSheet } from './queries.js';
import { ParcelIdParams, ParcelQuery, ParcelSheet } from './schemas.js';

export const parcelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/parcels/:id',
    {
      schema: {
        tags: ['parcels'],
        summary: 'The parcel sheet: plans, zones with shares, rules, overlays and capacity',
        params: ParcelIdParams,
        querystring: ParcelQuery,
        response: { 200: ParcelSheet, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const at = resolveAt(req.query.at);
      const sheet = await parcelSheet(app.dbRead, Number(req.params.id), at, await app.dataVersion.current());
      if (!sheet) throw notFound('parcel', req.params.id);
      return sheet;
    },
  );
};
