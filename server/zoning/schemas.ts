import { Type, type Static } from 'typebox';
import { IsoDate, Lang, Nullable, OverlayHit, PlanRef, Regulation, ZoneRef } from '../shared/schemas.js';
import { ParcelSummary } from '../parcels/schemas.js';

export const IdentifyQuery = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180, description: 'longitude, EPSG:4326' }),
  lat: Type.Number({ minimum: -90, maximum: 90, description: 'latitude, EPSG:4326' }),
  at: Type.Optional(IsoDate),
  lang: Type.Optional(Lang),
});

export const ZoneAtPoint = Type.Object({ plan: PlanRef, zone: ZoneRef, regulation: Nullable(Regulation) });
export type ZoneAtPoint = Static<typeof ZoneAtPoint>;

export const IdentifyResult = Type.Object({
  at: IsoDate,
  dataVersion: Type.Integer(),
  point: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
  parcel: Nullable(ParcelSummary),
  zoning: Type.Array(ZoneAtPoint, { description: 'every plan zone at the point, plans in force first' }),
  overlays: Type.Array(Type.Omit(OverlayHit, ['areaM2', 'lengthM'])),
});
export type IdentifyResult = Static<typeof IdentifyResult>;
