import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../errors.js';
import { today } from '../shared/dates.js';
import { ErrorBody } from '../shared/schemas.js';
import { search } from './queries.js';
import { SearchQuery, SearchResult } from './schemas.js';

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/search',
    {
      config: { rateLimit: {} },
      schema: {
        tags: ['search'],
        summary: 'Parcels by reference, zones by code, communes and plans by name (Arabic or French)',
        querystring: SearchQuery,
        response: { 200: SearchResult, 400: ErrorBody },
      },
    },
    async (req) => {
      const q = req.query.q.trim();
      // "%" or "-" alone would match everything (wildcards become spaces in queries.ts): ask for a word.
      if (!/[\p{L}\p{N}]/u.test(q)) throw new AppError('invalid_request', { detail: 'q must contain at least one letter or digit' });
      return { q, results: await search(app.dbRead, q, req.query.limit ?? 10, today()) };
    },
  );
};
