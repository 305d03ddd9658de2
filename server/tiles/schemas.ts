import { Type, type Static } from 'typebox';
import { IsoDate } from '../shared/schemas.js';

export const TileSourceParams = Type.Object({ source: Type.String({ maxLength: 40 }) });
export const TileParams = Type.Object({
  source: Type.String({ maxLength: 40 }),
  z: Type.String({ pattern: '^[0-9]{1,2}$' }),
  x: Type.String({ pattern: '^[0-9]{1,8}$' }),
  y: Type.String({ pattern: '^[0-9]{1,8}$' }),
});
export const TileQuery = Type.Object({
  at: Type.Optional(IsoDate),
  v: Type.Optional(Type.String({ maxLength: 20, description: 'data version, only for cache busting' })),
});

export const TileSourceInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  minzoom: Type.Integer(),
  maxzoom: Type.Integer(),
  tilejson: Type.String({ description: 'URL of the TileJSON document' }),
  dated: Type.Boolean({ description: 'whether its tiles answer at a date (`?at=`); a source without history ignores it' }),
  // What a map needs of the TileJSON, given here so that it can draw without one request per source
  // before its first tile (docs/performance.md, first complete map).
  tiles: Type.Optional(Type.Array(Type.String(), { description: 'tile URL templates, as in the TileJSON' })),
  bounds: Type.Optional(Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()])),
});

export const TileCatalog = Type.Object({ dataVersion: Type.Integer(), sources: Type.Array(TileSourceInfo) });
export type TileCatalog = Static<typeof TileCatalog>;

export const TileJson = Type.Object({
  tilejson: Type.Literal('3.0.0'),
  name: Type.String(),
  description: Type.String(),
  attribution: Type.String(),
  version: Type.String(),
  scheme: Type.Literal('xyz'),
  tiles: Type.Array(Type.String()),
  minzoom: Type.Integer(),
  maxzoom: Type.Integer(),
  bounds: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
  center: Type.Tuple([Type.Number(), Type.Number(), Type.Number()]),
  vector_layers: Type.Array(
    Type.Object({
      id: Type.String(),
      description: Type.String(),
      minzoom: Type.Integer(),
      maxzoom: Type.Integer(),
      fields: Type.Record(Type.String(), Type.String()),
    }),
  ),
});
export type TileJson = Static<typeof TileJson>;
export { IsoDate };
