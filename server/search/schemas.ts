import { Type, type Static } from 'typebox';
import { Bbox, I18nText, Lang, Nullable } from '../shared/schemas.js';

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100, description: 'a parcel reference, zone code, commune or plan name, in Arabic or French' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  lang: Type.Optional(Lang),
});

export const SearchHit = Type.Object({
  type: Type.Union([Type.Literal('parcel'), Type.Literal('zone'), Type.Literal('commune'), Type.Literal('plan')]),
  id: Type.Integer({ description: 'id of the parcel, zone, commune or plan' }),
  label: I18nText,
  detail: Nullable(I18nText),
  bbox: Bbox,
  center: Type.Tuple([Type.Number(), Type.Number()]),
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchResult = Type.Object({ q: Type.String(), results: Type.Array(SearchHit) });
export type SearchResult = Static<typeof SearchResult>;
