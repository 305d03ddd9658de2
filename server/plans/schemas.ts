import { Type, type Static } from 'typebox';
import { Bbox, Geometry, I18nText, IsoDate, Lang, Nullable, PlanRef, PlanStatus, Regulation, ZoneCategorySchema } from '../shared/schemas.js';

export const PlanIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$', description: 'the numeric plan id' }) });

export const PlanSummary = Type.Intersect([
  PlanRef,
  Type.Object({
    regulationUrl: Nullable(Type.String()),
    bbox: Nullable(Bbox),
    zoneCount: Type.Integer(),
  }),
]);
export type PlanSummary = Static<typeof PlanSummary>;

export const PlanList = Type.Object({ at: IsoDate, dataVersion: Type.Integer(), plans: Type.Array(PlanSummary) });
export type PlanList = Static<typeof PlanList>;

export const PlanDetail = Type.Intersect([
  PlanSummary,
  Type.Object({
    at: IsoDate,
    dataVersion: Type.Integer(),
    versions: Type.Array(
      Type.Object({
        id: Type.Integer(),
        versionNo: Type.Integer(),
        validFrom: Nullable(IsoDate),
        validTo: Nullable(IsoDate),
        approvedOn: Nullable(IsoDate),
        statusHistory: Type.Array(Type.Object({ status: PlanStatus, effectiveOn: IsoDate, reference: Nullable(Type.String()) })),
      }),
    ),
    zoneTypes: Type.Array(
      Type.Object({
        code: Type.String(),
        label: I18nText,
        category: ZoneCategorySchema,
        areaM2: Type.Number(),
        regulation: Nullable(Regulation),
      }),
    ),
  }),
]);
export type PlanDetail = Static<typeof PlanDetail>;

export const ZonesQuery = Type.Object({
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat in EPSG:4326' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: 'the `next` value of the previous page' })),
  at: Type.Optional(IsoDate),
  lang: Type.Optional(Lang),
});

export const ZoneFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Integer(),
  geometry: Geometry,
  properties: Type.Object({ code: Type.String(), label: I18nText, category: ZoneCategorySchema, areaM2: Type.Number() }),
});

export const ZoneCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(ZoneFeature),
  numberReturned: Type.Integer(),
  next: Nullable(Type.String({ description: 'cursor of the next page, null on the last' })),
});
export type ZoneCollection = Static<typeof ZoneCollection>;
