// The one selection type (ARCHITECTURE.md §5): parcels by ids or references, a polygon drawn on the map,
// or coordinates typed or pasted with their CRS (the way surveyors give them). The parcel sheet of a
// project, extracts and notes all take it, as a JSON body or encoded in the query string.
import { Type, type Static } from 'typebox';
import { Geometry, IsoDate, Nullable, OverlayHit } from '../shared/schemas.js';
import { Capacity, ParcelSummary, ZoningPart } from '../parcels/schemas.js';

/** Bounds on what the public can ask (ARCHITECTURE.md §8). */
export const SELECTION_LIMITS = {
  parcels: 50,
  vertices: 1000,
  /** 200 ha: a large subdivision project; a whole town is not a selection. */
  areaM2: 2_000_000,
};

/** The largest parcel id a selection may name: a longer number is a typing error, not a query to send. */
export const PARCEL_ID_MAX = 2147483647;

export const CRS = Type.Enum(['EPSG:4326', 'EPSG:26191'] as const, {
  description: 'EPSG:4326 (lon, lat) or EPSG:26191 Lambert Nord Maroc (x, y in metres)',
});
export type CRS = Static<typeof CRS>;

const Position = Type.Tuple([Type.Number(), Type.Number()]);

// No additionalProperties: false in the branches: Fastify's Ajv removes additional properties while trying
// each anyOf branch, which would strip the fields of the later branches.
export const Selection = Type.Union([
  Type.Object(
    {
      type: Type.Literal('parcels'),
      ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: PARCEL_ID_MAX }), { minItems: 1, maxItems: SELECTION_LIMITS.parcels })),
      references: Type.Optional(
        Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: SELECTION_LIMITS.parcels }),
      ),
    },
    { description: 'parcels by ids and/or land-title references' },
  ),
  Type.Object(
    {
      type: Type.Literal('polygon'),
      polygon: Type.Object({
        type: Type.Literal('Polygon'),
        coordinates: Type.Array(Type.Array(Position, { minItems: 4, maxItems: SELECTION_LIMITS.vertices }), { minItems: 1, maxItems: 1 }),
      }),
    },
    { description: 'a polygon drawn on the map, GeoJSON in EPSG:4326' },
  ),
  Type.Object(
    {
      type: Type.Literal('coordinates'),
      crs: CRS,
      points: Type.Array(Position, { minItems: 3, maxItems: SELECTION_LIMITS.vertices }),
    },
    { description: 'the vertices of a polygon, in order, in the given CRS' },
  ),
]);
export type Selection = Static<typeof Selection>;

/**
 * The same selection in a query string, for links: `parcels=12,13` or `references=TF 1/11;TF 2/11`, or
 * `polygon=lon lat,lon lat,…` (EPSG:4326), or `coords=x y,x y,…&crs=EPSG:26191`.
 */
export const SelectionQuery = Type.Object({
  parcels: Type.Optional(Type.String({ maxLength: 1000, pattern: '^[0-9]+(,[0-9]+)*$' })),
  references: Type.Optional(Type.String({ maxLength: 2500 })),
  polygon: Type.Optional(Type.String({ maxLength: 40000 })),
  coords: Type.Optional(Type.String({ maxLength: 40000 })),
  crs: Type.Optional(CRS),
  at: Type.Optional(IsoDate),
});
export type SelectionQuery = Static<typeof SelectionQuery>;

export const SelectionSheet = Type.Object({
  at: IsoDate,
  dataVersion: Type.Integer(),
  selection: Type.Object({
    type: Type.Enum(['parcels', 'polygon', 'coordinates'] as const),
    areaM2: Type.Number({ description: 'area of the selected land on the ellipsoid, m²' }),
    geometry: Geometry,
    bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
    parcels: Type.Array(ParcelSummary, { description: 'the selected parcels; for a polygon, the parcels it touches' }),
  }),
  zoning: Type.Array(ZoningPart),
  overlays: Type.Array(OverlayHit),
  capacity: Nullable(Capacity),
});
export type SelectionSheet = Static<typeof SelectionSheet>;
