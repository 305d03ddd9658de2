// The parcel sheet: every plan that covers a parcel, the zones and the share of the parcel in each,
// the rules, the overlays that touch it, and what may be built there.
import { Type, type Static } from 'typebox';
import { AtQuery, Geometry, I18nText, IsoDate, Nullable, OverlayHit, PlanRef, Regulation, ZoneRef } from '../shared/schemas.js';

export const ParcelIdParams = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,15}$', description: 'the numeric parcel id' }),
});

export const ParcelSummary = Type.Object({
  id: Type.Integer(),
  reference: Type.String({ description: 'land title ("TF 12345/11") or requisition ("R 678/11")' }),
  commune: Nullable(Type.Object({ code: Type.String(), name: I18nText, province: Type.String() })),
  areaM2: Type.Number({ description: 'area on the ellipsoid, in m²' }),
  illustrative: Type.Boolean(),
});
export type ParcelSummary = Static<typeof ParcelSummary>;

export const ZoningPart = Type.Object({
  plan: PlanRef,
  zone: ZoneRef,
  areaM2: Type.Number({ description: 'area of the parcel inside the zone, m²' }),
  share: Type.Number({ description: 'fraction of the parcel area inside the zone, 0–1' }),
  regulation: Nullable(Regulation),
});
export type ZoningPart = Static<typeof ZoningPart>;

export const Capacity = Type.Object({
  plan: PlanRef,
  maxFootprintM2: Nullable(Type.Number({ description: 'Σ area in zone × CES' })),
  maxFloorAreaM2: Nullable(Type.Number({ description: 'Σ area in zone × COS' })),
  maxHeightM: Nullable(Type.Number()),
  maxLevels: Nullable(Type.Integer()),
  minLotAreaM2: Nullable(Type.Number()),
  meetsMinLotArea: Nullable(Type.Boolean()),
});
export type Capacity = Static<typeof Capacity>;

export const ParcelSheet = Type.Object({
  at: IsoDate,
  dataVersion: Type.Integer(),
  parcel: Type.Intersect([
    ParcelSummary,
    Type.Object({
      geometry: Geometry,
      centroid: Type.Tuple([Type.Number(), Type.Number()], { description: '[lon, lat]' }),
      bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
    }),
  ]),
  zoning: Type.Array(ZoningPart, { description: 'plans in force first, then by kind (most detailed first)' }),
  overlays: Type.Array(OverlayHit),
  capacity: Nullable(Capacity),
});
export type ParcelSheet = Static<typeof ParcelSheet>;

export const ParcelQuery = AtQuery;
