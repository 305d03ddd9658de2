// Extract routes, one per entry point and format:
//   GET  /api/parcels/:id/extract.{geojson,dxf,shp.zip}?crs=&at=
//   GET  /api/selection/extract.{…}?parcels=|references=|polygon=|coords=&crs_in=&crs=&at=
//   POST /api/selection/extract.{…}   body { selection, crs }
// Every answer is a file (Content-Disposition: attachment) named after the selection and its CRS.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../errors.js';
import { negotiateLang } from '../i18n.js';
import { ParcelIdParams } from '../parcels/schemas.js';
import { selectionFromQuery } from '../selection/resolve.js';
import type { Selection } from '../selection/schemas.js';
import { resolveAt } from '../shared/dates.js';
import { ErrorBody, type Lang } from '../shared/schemas.js';
import { writeDxf } from './dxf.js';
import { writeGeojson } from './geojson.js';
import { buildExtract, parcelExists, type Extract } from './queries.js';
import {
  ExtractAtQuery, ExtractBody, ExtractFile, extractSchemaErrors, FORMATS, ParcelExtractQuery, SelectionExtractQuery,
  type Format, type OutputCrs,
} from './schemas.js';
import { writeShapefile } from './shapefile.js';

const WRITERS: Record<Format, (x: Extract, lang: Lang) => Buffer | Promise<Buffer>> = {
  geojson: writeGeojson,
  dxf: writeDxf,
  shp: writeShapefile,
};

async function sendExtract(
  app: FastifyInstance, req: FastifyRequest, reply: FastifyReply,
  format: Format, sel: Selection, at: string, crs: OutputCrs | undefined, langParam: Lang | undefined,
): Promise<FastifyReply> {
  const lang = negotiateLang(langParam, req.headers['accept-language']);
  const extract = await buildExtract(app.db, sel, at, crs ?? 'EPSG:26191', await app.dataVersion.current());
  const file = await WRITERS[format](extract, lang);
  const name = `${extract.baseName}.${FORMATS[format].ext}`;
  return reply
    .type(FORMATS[format].type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'private, no-cache')
    .send(file);
}

export const extractRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const format of Object.keys(FORMATS) as Format[]) {
    const { ext } = FORMATS[format];
    const response = { 200: ExtractFile(format), 400: ErrorBody, 404: ErrorBody };
    const options = { schemaErrorFormatter: extractSchemaErrors };

    app.get(
      `/api/parcels/:id/extract.${ext}`,
      {
        ...options,
        schema: {
          tags: ['extracts'],
          summary: `Extract of one parcel and its surroundings: ${FORMATS[format].what}`,
          params: ParcelIdParams,
          querystring: ParcelExtractQuery(format),
          response,
        },
      },
      async (req, reply) => {
        const at = resolveAt(req.query.at);
        const id = Number(req.params.id);
        if (!(await parcelExists(app.db, id, at))) throw notFound('parcel', req.params.id);
        return sendExtract(app, req, reply, format, { type: 'parcels', ids: [id] }, at, req.query.crs, req.query.lang);
      },
    );

    app.get(
      `/api/selection/extract.${ext}`,
      {
        ...options,
        schema: {
          tags: ['extracts'],
          summary: `Extract of a selection given in the query string: ${FORMATS[format].what}`,
          querystring: SelectionExtractQuery(format),
          response,
        },
      },
      async (req, reply) => {
        const at = resolveAt(req.query.at);
        const { crs_in: crsIn, ...q } = req.query;
        const sel = selectionFromQuery({ ...q, crs: crsIn });
        if (!sel) throw new AppError('invalid_selection', { reason: 'give parcels=, references=, polygon= or coords= (with crs_in=)' });
        return sendExtract(app, req, reply, format, sel, at, req.query.crs, req.query.lang);
      },
    );

    app.post(
      `/api/selection/extract.${ext}`,
      {
        ...options,
        schema: {
          tags: ['extracts'],
          summary: `Extract of a selection given as a JSON body: ${FORMATS[format].what}`,
          querystring: ExtractAtQuery,
          body: ExtractBody(format),
          response,
        },
      },
      async (req, reply) => {
        const at = resolveAt(req.query.at);
        return sendExtract(app, req, reply, format, req.body.selection, at, req.body.crs, req.query.lang);
      },
    );
  }
};
