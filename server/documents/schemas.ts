// The documents library's boundary: one schema per route, driving validation, serialisation, the OpenAPI
// document and (Static<>) the client's types.
import { Type, type Static } from 'typebox';
import { I18nText, IsoDate, Lang, Nullable, PlanKind } from '../shared/schemas.js';

export const PLAN_DOCUMENT_KINDS = ['regulation', 'drawn_plan', 'approval_decree', 'bo_extract', 'inquiry_report'] as const;
export const LEGAL_TEXT_KINDS = ['law', 'decree', 'building_regulation', 'circular'] as const;
export const DOCUMENT_KINDS = [...PLAN_DOCUMENT_KINDS, ...LEGAL_TEXT_KINDS] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DocumentKindSchema = Type.Enum(DOCUMENT_KINDS);
export const DOCUMENT_LANGUAGES = ['ar', 'fr', 'ar-fr'] as const;

export const DocumentSummary = Type.Object({
  id: Type.Integer(),
  kind: DocumentKindSchema,
  title: I18nText,
  number: Nullable(Type.String()),
  issuedOn: Nullable(IsoDate),
  language: Type.Enum(DOCUMENT_LANGUAGES, { description: 'language of the document itself' }),
  subject: Nullable(Type.String()),
  plan: Nullable(Type.Object({ id: Type.Integer(), code: Type.String(), name: I18nText, kind: PlanKind })),
  versionNo: Nullable(Type.Integer()),
  basisFor: Type.Array(PlanKind, { description: 'legal texts: the plan kinds it is the legal basis of' }),
  illustrative: Type.Boolean({ description: 'true for the generated sample: not an official document' }),
  fileName: Type.String(),
  fileBytes: Type.Integer(),
  pages: Nullable(Type.Integer()),
  url: Type.String({ description: 'where to download the PDF' }),
});
export type DocumentSummary = Static<typeof DocumentSummary>;

export const DocumentDetail = Type.Object({
  ...DocumentSummary.properties,
  createdAt: Type.String(),
  retired: Type.Boolean(),
  excerpt: Type.String({ description: 'the beginning of the text extracted from the PDF' }),
});
export type DocumentDetail = Static<typeof DocumentDetail>;

export const DocumentListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'words, in Arabic or French; diacritics and accents are ignored' })),
  plan: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: 'a plan id' })),
  kind: Type.Optional(DocumentKindSchema),
  group: Type.Optional(Type.Enum(['plan', 'legal'], { description: 'documents of plans or legal texts' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  lang: Type.Optional(Lang),
});
export type DocumentListQuery = Static<typeof DocumentListQuery>;

export const DocumentList = Type.Object({
  total: Type.Integer(),
  documents: Type.Array(DocumentSummary),
});
export type DocumentList = Static<typeof DocumentList>;

export const DocumentIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$', description: 'the numeric document id' }) });

/** The text fields of an upload (multipart), checked once read. */
export const DocumentFields = Type.Object(
  {
    kind: DocumentKindSchema,
    titleAr: Type.String({ minLength: 1, maxLength: 500 }),
    titleFr: Type.String({ minLength: 1, maxLength: 500 }),
    titleEn: Type.Optional(Type.String({ maxLength: 500 })),
    number: Type.Optional(Type.String({ maxLength: 100 })),
    issuedOn: Type.Optional(IsoDate),
    language: Type.Enum(DOCUMENT_LANGUAGES),
    subject: Type.Optional(Type.String({ maxLength: 1000 })),
    planId: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
    versionId: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
    basisFor: Type.Optional(Type.String({ pattern: '^((master|development|growth|restructuring)(,(master|development|growth|restructuring))*)?$', description: 'comma-separated plan kinds' })),
  },
  { additionalProperties: false },
);
export type DocumentFields = Static<typeof DocumentFields>;

export const RetireBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 1000, description: 'why it is retired (kept in the audit trail)' }) });

export const ParcelDocuments = Type.Object({
  at: IsoDate,
  plans: Type.Array(
    Type.Object({
      plan: Type.Object({ id: Type.Integer(), code: Type.String(), name: I18nText, kind: PlanKind, inForce: Type.Boolean(), illustrative: Type.Boolean() }),
      documents: Type.Array(DocumentSummary),
    }),
  ),
  legal: Type.Array(DocumentSummary, { description: 'the legal texts the covering plans apply' }),
});
export type ParcelDocuments = Static<typeof ParcelDocuments>;
