// Schemas of the draft and publication routes.
import { Type } from 'typebox';
import { ReportSchema } from '../imports/report.js';
import { Geometry, I18nText, IsoDate, Lang, Nullable, PlanKind, PlanStatus, Regulation, ZoneCategorySchema } from '../shared/schemas.js';

export const VersionIdParams = Type.Object({ versionId: Type.String({ pattern: '^[0-9]{1,9}$', description: 'the draft plan version id' }) });
export const CodeParams = Type.Object({
  versionId: Type.String({ pattern: '^[0-9]{1,9}$' }),
  code: Type.String({ minLength: 1, maxLength: 80, description: 'the zone code, URL-encoded (R+4 → R%2B4)' }),
});
export const PlanIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) });
export const LangQuery = Type.Object({ lang: Type.Optional(Lang) });

// Null first: Fastify's validator coerces types, and would read a null as 0 against a number tried first.
const OrNull = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([Type.Null(), t]);
const Amount = (max: number, description?: string) => Type.Optional(OrNull(Type.Number({ minimum: 0, maximum: max, ...(description ? { description } : {}) })));
const Text = Type.Object(
  { ar: Type.String({ maxLength: 4000 }), fr: Type.String({ maxLength: 4000 }), en: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false, description: 'a text in Arabic and French, and English where given' },
);

/** PUT body: the whole regulation of a zone code (what is left out is not stated: null or empty). */
export const RegulationInput = Type.Object(
  {
    allowedUses: Type.Optional(Type.Array(Text, { maxItems: 100 })),
    forbiddenUses: Type.Optional(Type.Array(Text, { maxItems: 100 })),
    maxHeightM: Amount(1000, 'metres'),
    maxLevels: Type.Optional(OrNull(Type.Integer({ minimum: 0, maximum: 300, description: 'levels above ground, ground floor included (R+3 = 4)' }))),
    cos: Amount(100, "coefficient d'occupation du sol: floor area ÷ parcel area"),
    ces: Amount(1, "coefficient d'emprise au sol: footprint ÷ parcel area"),
    minLotAreaM2: Amount(1e9),
    minFrontageM: Amount(1e5),
    setbacks: Type.Optional(Type.Object({ frontM: Amount(1e4), sideM: Amount(1e4), rearM: Amount(1e4) }, { additionalProperties: false })),
    parking: Type.Optional(OrNull(Text)),
    remarks: Type.Optional(OrNull(Text)),
    articleRef: Type.Optional(OrNull(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const ZoneCodeInput = Type.Object(
  { label: Type.Optional(Text), category: Type.Optional(ZoneCategorySchema) },
  { additionalProperties: false, minProperties: 1 },
);

const refs = {
  decreeRef: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'approval decree number' })),
  boRef: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Bulletin officiel number' })),
  boDate: Type.Optional(IsoDate),
  approvedOn: Type.Optional(IsoDate),
  expiresOn: Type.Optional(IsoDate),
  regulationUrl: Type.Optional(Type.String({ maxLength: 2000, pattern: '^https?://' })),
};

export const PublishBody = Type.Object(
  {
    validFrom: Type.Optional({ ...IsoDate, description: 'from when the version answers (default today)' }),
    status: Type.Optional({ ...PlanStatus, description: 'its legal status then (default in_study: never shown as in force unless said)' }),
    statusOn: Type.Optional(IsoDate),
    reference: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    ...refs,
  },
  { additionalProperties: false },
);

export const PublishResult = Type.Object({
  planId: Type.Integer(),
  planCode: Type.String(),
  versionId: Type.Integer(),
  versionNo: Type.Integer(),
  validFrom: IsoDate,
  status: PlanStatus,
  approvedOn: Nullable(IsoDate),
  expiresOn: Nullable(IsoDate),
  closedVersionId: Nullable(Type.Integer({ description: 'the version it replaces, closed at validFrom' })),
  dataVersion: Type.Integer(),
});

export const StatusBody = Type.Object(
  {
    status: PlanStatus,
    effectiveOn: Type.Optional({ ...IsoDate, description: 'when it took effect (default today)' }),
    reference: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    versionId: Type.Optional(Type.Integer({ minimum: 1, description: 'default: the version answering today, else the latest' })),
    ...refs,
  },
  { additionalProperties: false },
);

export const StatusResult = Type.Object({
  planId: Type.Integer(),
  versionId: Type.Integer(),
  versionNo: Type.Integer(),
  status: PlanStatus,
  effectiveOn: IsoDate,
  approvedOn: Nullable(IsoDate),
  expiresOn: Nullable(IsoDate),
  dataVersion: Nullable(Type.Integer({ description: 'bumped when the version is published' })),
});

const Feature = (props: Parameters<typeof Type.Object>[0]) =>
  Type.Object({ type: Type.Literal('Feature'), id: Type.Integer(), geometry: Geometry, properties: Type.Object(props) });

export const DraftDetail = Type.Object({
  plan: Type.Object({ id: Type.Integer(), code: Type.String(), kind: PlanKind, name: I18nText }),
  version: Type.Object({ id: Type.Integer(), versionNo: Type.Integer(), state: Type.Enum(['draft', 'published']) }),
  import: Nullable(Type.Object({ id: Type.Integer(), fileName: Type.String(), actor: Type.String(), createdAt: Type.String() })),
  report: Nullable(ReportSchema),
  checks: Type.Object({
    canPublish: Type.Boolean(),
    blockers: Type.Array(Type.String()),
    missingRegulations: Type.Array(Type.Object({ code: Type.String(), count: Type.Integer(), location: Type.Object({ lon: Type.Number(), lat: Type.Number() }) })),
  }),
  bbox: Nullable(Type.Array(Type.Number())),
  zones: Type.Object({
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Feature({ code: Type.String(), label: I18nText, category: ZoneCategorySchema, areaM2: Type.Number() })),
  }),
  zoneCodes: Type.Array(Type.Object({
    code: Type.String(), label: I18nText, category: ZoneCategorySchema, zones: Type.Integer(), areaM2: Type.Number(), regulation: Nullable(Regulation),
  })),
  overlays: Type.Object({
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Feature({ kind: Type.String(), code: Nullable(Type.String()), label: I18nText, widthM: Nullable(Type.Number()) })),
  }),
});

export const DraftList = Type.Object({
  drafts: Type.Array(Type.Object({
    versionId: Type.Integer(), versionNo: Type.Integer(), planId: Type.Integer(), planCode: Type.String(), planName: I18nText,
    zones: Type.Integer(), importId: Nullable(Type.Integer()), errors: Type.Integer(), warnings: Type.Integer(), createdAt: Nullable(Type.String()),
  })),
});

export const RegulationSaved = Type.Object({ versionId: Type.Integer(), regulation: Regulation });
export const ZoneCodeSaved = Type.Object({ versionId: Type.Integer(), code: Type.String(), zones: Type.Integer() });
