// Schemas of the import routes: the multipart fields of an upload (checked with the same TypeBox schema
// the OpenAPI document shows), an import and its report.
import { Type, type Static } from 'typebox';
import { Lang, Nullable, OVERLAY_KINDS, PlanKind, ZONE_CATEGORIES } from '../shared/schemas.js';
import { ReportSchema } from './report.js';

const Field = Type.String({ minLength: 1, maxLength: 80, description: 'an attribute name of the layer (any case)' });

/** The text fields sent with the file (multipart/form-data); JSON maps are sent as JSON text. */
export const ImportFields = Type.Object(
  {
    target: Type.Optional(Type.Enum(['zones', 'parcels', 'overlays'], { description: 'what the layer holds (default zones)' })),
    planCode: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$', description: 'the plan: an existing code makes a new version of it' })),
    kind: Type.Optional(PlanKind),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'French name of a new plan' })),
    nameAr: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Arabic name of a new plan' })),
    layer: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'which layer, when the file holds several' })),
    crs: Type.Optional(Type.String({ maxLength: 20, description: 'the coordinate system, when the file does not say it or says it wrong: EPSG:26191…' })),
    encoding: Type.Optional(Type.String({ maxLength: 40, description: 'the DBF text encoding, when there is no .cpg: utf-8, windows-1256, windows-1252' })),
    template: Type.Optional(Type.Enum(['cnig', 'none'], { description: 'cnig: map the fields of the French CNIG PLU standard (ZONE_URBA, PRESCRIPTION_*)' })),
    codeField: Type.Optional(Field),
    labelField: Type.Optional(Field),
    labelFrField: Type.Optional(Field),
    labelArField: Type.Optional(Field),
    categoryField: Type.Optional(Field),
    categoryMap: Type.Optional(Type.String({ maxLength: 20000, description: `JSON object: code or category value → one of ${ZONE_CATEGORIES.join(', ')}` })),
    referenceField: Type.Optional(Field),
    communeField: Type.Optional(Field),
    validFrom: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'parcels: from when they answer (default today)' })),
    typeField: Type.Optional(Field),
    typeMap: Type.Optional(Type.String({ maxLength: 20000, description: `JSON object: type value → one of ${OVERLAY_KINDS.join(', ')}` })),
    widthField: Type.Optional(Field),
    versionId: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: 'overlays: the draft to put them in' })),
  },
  { additionalProperties: false },
);
export type ImportFields = Static<typeof ImportFields>;

export const ImportOutcome = Type.Object({
  importId: Type.Integer(),
  status: Type.Enum(['draft', 'applied'], { description: 'draft: a draft version was made (zones); applied: parcels or overlays written' }),
  planId: Nullable(Type.Integer()),
  versionId: Nullable(Type.Integer({ description: 'the draft version (zones, overlays)' })),
  dataVersion: Nullable(Type.Integer({ description: 'the new data version when the public answers changed (parcels)' })),
  report: ReportSchema,
});

export const ImportIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) });
export const LangQuery = Type.Object({ lang: Type.Optional(Lang) });
export const ImportListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
  lang: Type.Optional(Lang),
});

const ImportBase = {
  id: Type.Integer(),
  target: Type.Enum(['zones', 'parcels', 'overlays']),
  status: Type.Enum(['failed', 'rejected', 'draft', 'applied', 'published', 'discarded']),
  fileName: Type.String(),
  format: Nullable(Type.String()),
  planId: Nullable(Type.Integer()),
  versionId: Nullable(Type.Integer()),
  errorCount: Type.Integer(),
  warningCount: Type.Integer(),
  actor: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
};

export const ImportDetail = Type.Object({
  ...ImportBase,
  options: Type.Record(Type.String(), Type.Unknown()),
  report: Nullable(ReportSchema),
  failure: Nullable(Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }, { description: 'why the file could not be read (status failed)' })),
});

export const ImportList = Type.Object({ imports: Type.Array(Type.Object(ImportBase)), next: Nullable(Type.String()) });
