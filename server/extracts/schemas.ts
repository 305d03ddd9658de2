// Extracts of a selection (one parcel, several, a drawn polygon or typed coordinates) as GeoJSON, DXF or a
// zipped shapefile set. The selection is the one type of server/selection, in the query string or a body.
//
// Two CRS appear in a query string, so they have distinct names: `crs_in` is the CRS of typed `coords`
// (the `crs` of GET /api/selection), `crs` is the CRS of the file. DXF and shapefiles are always in
// EPSG:26191, the CRS of surveyors' and architects' plans (DOMAIN.md, "Coordinates").
import type { FastifySchemaValidationError } from 'fastify';
import { Type, type Static } from 'typebox';
import { AppError } from '../errors.js';
import { Selection, SelectionQuery } from '../selection/schemas.js';
import { IsoDate, Lang } from '../shared/schemas.js';

export const OUTPUT_CRS = ['EPSG:4326', 'EPSG:26191'] as const;
export type OutputCrs = (typeof OUTPUT_CRS)[number];

const GeojsonCrs = Type.Enum(OUTPUT_CRS, {
  description: 'CRS of the file: EPSG:26191 Lambert Nord Maroc in metres (default), or EPSG:4326 (lon, lat; RFC 7946)',
});
const LambertOnly = Type.Literal('EPSG:26191', { description: 'DXF and shapefiles are always in EPSG:26191, metres' });

/** The formats, each one writer in this folder. */
export const FORMATS = {
  geojson: { ext: 'geojson', type: 'application/geo+json; charset=utf-8', what: 'GeoJSON FeatureCollection, one `layer` property per feature' },
  dxf: { ext: 'dxf', type: 'image/vnd.dxf', what: 'DXF (AutoCAD 2007, ASCII) in EPSG:26191 metres, named layers' },
  shp: { ext: 'shp.zip', type: 'application/zip', what: 'zipped ESRI shapefiles, one per layer, with .prj (EPSG:26191) and .cpg (UTF-8)' },
} as const;
export type Format = keyof typeof FORMATS;

const common = {
  at: Type.Optional(IsoDate),
  lang: Type.Optional(Lang),
};

/** GET /api/parcels/:id/extract.* */
export const ParcelExtractQuery = (format: Format) =>
  Type.Object({ ...common, crs: Type.Optional(format === 'geojson' ? GeojsonCrs : LambertOnly) });

/** GET /api/selection/extract.*: the selection as in GET /api/selection, with `crs_in` for its coordinates. */
export const SelectionExtractQuery = (format: Format) =>
  Type.Object({
    parcels: SelectionQuery.properties.parcels,
    references: SelectionQuery.properties.references,
    polygon: SelectionQuery.properties.polygon,
    coords: SelectionQuery.properties.coords,
    crs_in: Type.Optional(
      Type.Enum(['EPSG:4326', 'EPSG:26191'] as const, { description: 'CRS of `coords` (default EPSG:26191); `polygon` is always EPSG:4326' }),
    ),
    crs: Type.Optional(format === 'geojson' ? GeojsonCrs : LambertOnly),
    ...common,
  });
export type SelectionExtractQuery = Static<ReturnType<typeof SelectionExtractQuery>>;

/** POST /api/selection/extract.*: the selection as in POST /api/selection, and the file's CRS. */
export const ExtractBody = (format: Format) =>
  Type.Object(
    { selection: Selection, crs: Type.Optional(format === 'geojson' ? GeojsonCrs : LambertOnly) },
    { additionalProperties: false },
  );

export const ExtractAtQuery = Type.Object(common);

/** A file, described for the OpenAPI document; the handler sends bytes. */
export const ExtractFile = (format: Format) =>
  Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: FORMATS[format].what });

/**
 * Validation errors of these routes, with one clear message for a CRS that is not served (ajv's own says
 * only "must be equal to one of the allowed values"); anything else keeps Fastify's default wording and
 * becomes invalid_request in errors.ts.
 */
export function extractSchemaErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const crs = errors.find((e) => /\/crs(_in)?$/.test(e.instancePath) && (e.keyword === 'enum' || e.keyword === 'const'));
  if (crs) {
    const allowed = (crs.params as { allowedValues?: string[]; allowedValue?: string });
    const known = allowed.allowedValues ?? (allowed.allowedValue ? [allowed.allowedValue] : [...OUTPUT_CRS]);
    return new AppError('unknown_crs', { param: crs.instancePath.replace(/^\//, ''), known: known.join(', ') }, errors);
  }
  return new Error(errors.map((e) => `${dataVar}${e.instancePath} ${e.message}`).join(', '));
}
