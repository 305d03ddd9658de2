// Schemas shared by several slices. One schema per boundary: the same objects drive request validation,
// response serialisation, the OpenAPI document (/api/docs) and, through Static<>, the client's types.
import { Type, type Static } from 'typebox';

/** A user-facing text stored as data: Arabic and French always, English where given. */
export const I18nText = Type.Object(
  { ar: Type.String(), fr: Type.String(), en: Type.Optional(Type.String()) },
  { description: 'A text in Arabic and French, and English where given' },
);
export type I18nText = Static<typeof I18nText>;

export const LANGS = ['ar', 'fr', 'en'] as const;
export const Lang = Type.Enum(LANGS);
export type Lang = (typeof LANGS)[number];

/** The one error shape of every 4xx and 5xx answer. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable machine code, e.g. invalid_bbox' }),
      message: Type.String({ description: 'what was wrong and how to fix it, in the asked language' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { description: 'the one error shape' },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a date, YYYY-MM-DD' });

/** `?at=YYYY-MM-DD`: answer as of that date (default: today). */
export const AtQuery = Type.Object({
  at: Type.Optional(IsoDate),
  lang: Type.Optional(Lang),
});

export const Bbox = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
  description: '[minLon, minLat, maxLon, maxLat] in EPSG:4326',
});
export type Bbox = Static<typeof Bbox>;

/** A GeoJSON geometry (RFC 7946), in EPSG:4326 unless a route says otherwise. */
export const Geometry = Type.Object(
  { type: Type.String(), coordinates: Type.Optional(Type.Unknown()), geometries: Type.Optional(Type.Unknown()) },
  { additionalProperties: true, description: 'GeoJSON geometry' },
);

export const PLAN_KINDS = ['master', 'development', 'growth', 'restructuring'] as const;
export const PlanKind = Type.Enum(PLAN_KINDS);
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PLAN_STATUSES = ['in_study', 'public_inquiry', 'approved', 'expired', 'annulled', 'replaced'] as const;
export const PlanStatus = Type.Enum(PLAN_STATUSES);
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const ZONE_CATEGORIES = [
  'villa', 'small_building', 'apartment', 'economic_housing', 'mixed_centre', 'commercial', 'tourist',
  'industrial', 'facility', 'green_space', 'agricultural', 'natural', 'no_build', 'future_urban',
] as const;
export type ZoneCategory = (typeof ZONE_CATEGORIES)[number];
export const ZoneCategorySchema = Type.Enum(ZONE_CATEGORIES);

export const OVERLAY_KINDS = [
  'planned_road', 'reserved_facility', 'reserved_green', 'no_build', 'heritage', 'flood_zone',
  'maritime_domain', 'utility_line', 'railway_setback', 'cemetery', 'wadi',
] as const;
export type OverlayKind = (typeof OVERLAY_KINDS)[number];
export const OverlayKindSchema = Type.Enum(OVERLAY_KINDS);

/** A plan version as every answer names it: which plan, which version, its legal status at the asked date. */
export const PlanRef = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  kind: PlanKind,
  name: I18nText,
  illustrative: Type.Boolean({ description: 'true for generated sample plans: not an official document' }),
  versionId: Type.Integer(),
  versionNo: Type.Integer(),
  status: PlanStatus,
  inForce: Type.Boolean(),
  decreeRef: Type.Union([Type.String(), Type.Null()]),
  boRef: Type.Union([Type.String(), Type.Null()]),
  boDate: Type.Union([IsoDate, Type.Null()]),
  approvedOn: Type.Union([IsoDate, Type.Null()]),
  expiresOn: Type.Union([IsoDate, Type.Null()]),
});
export type PlanRef = Static<typeof PlanRef>;

export const ZoneRef = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  label: I18nText,
  category: ZoneCategorySchema,
});
export type ZoneRef = Static<typeof ZoneRef>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** The rules of one zone code in one plan version. Null: the regulation does not state it. */
export const Regulation = Type.Object({
  zoneCode: Type.String(),
  allowedUses: Type.Array(I18nText),
  forbiddenUses: Type.Array(I18nText),
  maxHeightM: Nullable(Type.Number()),
  maxLevels: Nullable(Type.Integer({ description: 'levels above ground, ground floor included (R+3 = 4)' })),
  cos: Nullable(Type.Number({ description: "coefficient d'occupation du sol: floor area ÷ parcel area" })),
  ces: Nullable(Type.Number({ description: "coefficient d'emprise au sol: footprint ÷ parcel area" })),
  minLotAreaM2: Nullable(Type.Number()),
  minFrontageM: Nullable(Type.Number()),
  setbacks: Type.Object({ frontM: Nullable(Type.Number()), sideM: Nullable(Type.Number()), rearM: Nullable(Type.Number()) }),
  parking: Nullable(I18nText),
  remarks: Nullable(I18nText),
  articleRef: Nullable(Type.String()),
});
export type Regulation = Static<typeof Regulation>;

export const OverlayHit = Type.Object({
  id: Type.Integer(),
  kind: OverlayKindSchema,
  code: Nullable(Type.String()),
  label: I18nText,
  details: Nullable(I18nText),
  widthM: Nullable(Type.Number()),
  plan: PlanRef,
  areaM2: Nullable(Type.Number({ description: 'area of the overlay inside the parcel (surfaces)' })),
  lengthM: Nullable(Type.Number({ description: 'length of the overlay inside the parcel (lines)' })),
});
export type OverlayHit = Static<typeof OverlayHit>;

export { Nullable };
