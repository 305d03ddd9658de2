import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../errors.js';
import { zoningOfLand } from '../parcels/queries.js';
import { resolveAt } from '../shared/dates.js';
import { ErrorBody, IsoDate } from '../shared/schemas.js';
import { resolveSelection, selectionFromQuery } from './resolve.js';
import { Selection, SelectionQuery, SelectionSheet, type Selection as SelectionT, type SelectionSheet as SheetT } from './schemas.js';
import type { FastifyInstance } from 'fastify';

/** The sheet of a selection: like the parcel sheet, for several parcels, a drawn polygon or coordinates. */
export async function selectionSheet(app: FastifyInstance, sel: SelectionT, atRaw: string | undefined): Promise<SheetT> {
  const at = resolveAt(atRaw);
  const land = await resolveSelection(app.db, sel, at);
  const zoning = await zoningOfLand(app.db, 'ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)', JSON.stringify(land.geometry), at, land.areaM2);
  return {
    at,
    dataVersion: await app.dataVersion.current(),
    selection: { type: land.type, areaM2: Math.round(land.areaM2 * 100) / 100, geometry: land.geometry, bbox: land.bbox, parcels: land.parcels },
    ...zoning,
  };
}

export const selectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/selection',
    {
      schema: {
        tags: ['parcels'],
        summary: 'The sheet of a selection: several parcels, a drawn polygon, or typed coordinates',
        body: Selection,
        querystring: Type.Object({ at: Type.Optional(IsoDate) }),
        response: { 200: SelectionSheet, 400: ErrorBody },
      },
    },
    async (req) => selectionSheet(app, req.body, req.query.at),
  );

  app.get(
    '/api/selection',
    {
      schema: {
        tags: ['parcels'],
        summary: 'The same, with the selection in the query string (parcels=, references=, polygon= or coords=&crs=)',
        querystring: SelectionQuery,
        response: { 200: SelectionSheet, 400: ErrorBody },
      },
    },
    async (req) => {
      const sel = selectionFromQuery(req.query);
      if (!sel) throw new AppError('invalid_selection', { reason: 'give parcels=, references=, polygon= or coords= (with crs=)' });
      return selectionSheet(app, sel, req.query.at);
    },
  );
};
