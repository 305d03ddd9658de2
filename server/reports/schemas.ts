// Schemas of the problem reports: what a citizen sends, what the follow page shows (no personal data),
// and what the staff see.
import { Type, type Static } from 'typebox';
import { Lang } from '../shared/schemas.js';

export const REPORT_CATEGORIES = ['wrong_zone', 'outdated_rule', 'missing_road', 'other'] as const;
export const ReportCategory = Type.Enum(REPORT_CATEGORIES);
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const REPORT_STATUSES = ['open', 'answered', 'closed'] as const;
export const ReportStatus = Type.Enum(REPORT_STATUSES);
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const Number_ = Type.String({ pattern: '^SIG-[0-9]{4}-[0-9]{6,12}$', description: 'the report number, e.g. SIG-2026-000123' });
// Something written (a NUL character is refused before any schema, for every route: shared/input-guard.ts).
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

/** The text parts of POST /api/reports (multipart/form-data; the photo in the part `photo`). */
export const ReportFields = Type.Object(
  {
    category: ReportCategory,
    description: Text(4000),
    // Numbers arrive as text in a form; checked as decimal text, then converted.
    lon: Type.Optional(Type.String({ maxLength: 32, pattern: '^-?[0-9]{1,3}(\\.[0-9]+)?$' })),
    lat: Type.Optional(Type.String({ maxLength: 32, pattern: '^-?[0-9]{1,2}(\\.[0-9]+)?$' })),
    parcelId: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
    contact: Type.Optional(Type.String({ maxLength: 254 })),
    lang: Type.Optional(Lang),
  },
  { additionalProperties: false },
);
export type ReportFields = Static<typeof ReportFields>;

export const ReportCreated = Type.Object({
  number: Number_,
  trackingCode: Type.String({ description: 'shown once: with the number, it opens the follow page' }),
  followUrl: Type.String({ description: 'the public follow page; the number and code are in its #fragment, never sent in a URL' }),
});

export const FollowBody = Type.Object({ number: Type.String({ minLength: 1, maxLength: 40 }), code: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false });

const Answer = Type.Object({ text: Type.String(), lang: Lang, at: Type.String({ format: 'date-time' }) });
const Step = Type.Object({ kind: Type.Enum(['received', 'answered', 'closed']), at: Type.String({ format: 'date-time' }) });

/** What the holder of the number and code reads: their report, its status and the agency's answer. */
export const ReportFollow = Type.Object({
  number: Number_,
  category: ReportCategory,
  description: Type.String(),
  status: ReportStatus,
  createdAt: Type.String({ format: 'date-time' }),
  answer: Type.Union([Answer, Type.Null()]),
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  steps: Type.Array(Step),
});
export type ReportFollow = Static<typeof ReportFollow>;

export const StaffListQuery = Type.Object({
  status: Type.Optional(ReportStatus),
  category: Type.Optional(ReportCategory),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  lang: Type.Optional(Lang),
});
export type StaffListQuery = Static<typeof StaffListQuery>;

export const ReportSummary = Type.Object({
  id: Type.Integer(),
  number: Number_,
  category: ReportCategory,
  status: ReportStatus,
  description: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
  parcel: Type.Union([Type.Object({ id: Type.Integer(), reference: Type.String() }), Type.Null()]),
  hasPhoto: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type ReportSummary = Static<typeof ReportSummary>;
export const ReportList = Type.Object({ reports: Type.Array(ReportSummary) });
export type ReportList = Static<typeof ReportList>;

export const ReportMap = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.Integer(),
      geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Type.Tuple([Type.Number(), Type.Number()]) }),
      properties: Type.Object({ number: Number_, category: ReportCategory, status: ReportStatus }),
    }),
  ),
});

const Event = Type.Object({
  kind: Type.Enum(['received', 'answered', 'closed']),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), role: Type.String() }), Type.Null()]),
  answer: Type.Union([Type.String(), Type.Null()]),
  lang: Type.Union([Lang, Type.Null()]),
});

export const ReportDetail = Type.Object({
  ...ReportSummary.properties,
  lang: Lang,
  contact: Type.Union([Type.String(), Type.Null()]),
  answer: Type.Union([Answer, Type.Null()]),
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  events: Type.Array(Event),
});
export type ReportDetail = Static<typeof ReportDetail>;

export const ReportIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
export const AnswerBody = Type.Object({ answer: Text(4000), lang: Lang }, { additionalProperties: false });
export const CloseBody = Type.Object({ answer: Type.Optional(Text(4000)), lang: Type.Optional(Lang) }, { additionalProperties: false });
