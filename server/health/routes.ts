import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../shared/schemas.js';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: '200 when the database answers, 503 otherwise',
        response: { 200: Type.Object({ status: Type.Literal('ok'), dataVersion: Type.Integer() }), 503: ErrorBody },
      },
    },
    // The database is asked every time (no cached version): health must tell the truth now.
    async () => ({ status: 'ok' as const, dataVersion: await app.dataVersion.refresh() }),
  );
};
