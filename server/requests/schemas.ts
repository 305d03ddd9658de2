// Requests for the official note (issue 8): what an applicant sends, what the status page and the
// instructors' queue answer.
import { Type, type Static } from 'typebox';
import { Geometry, Nullable } from '../shared/schemas.js';

export const STATUSES = ['submitted', 'under_review', 'info_requested', 'issued', 'rejected'] as const;
export const Status = Type.Enum(STATUSES);
export type Status = Static<typeof Status>;

export const EVENT_KINDS = ['submitted', 'assigned', 'info_requested', 'applicant_replied', 'documents_added', 'note_issued', 'rejected'] as const;

/** `DRU-2026-000123` (dossier de renseignements urbanistiques). */
export const FileNumber = Type.String({ pattern: '^DRU-[0-9]{4}-[0-9]{6,12}$', description: 'the file number, e.g. DRU-2026-000123' });
export const FileParams = Type.Object({ fileNumber: FileNumber });
export const AttachmentParams = Type.Object({ fileNumber: FileNumber, id: Type.Integer({ minimum: 1 }) });

/** The applicant's text fields (multipart), each checked with a message that says what is expected. */
export const APPLICANT_FIELDS = {
  name: { re: /^.{2,200}$/su, hint: { en: 'your full name, 2 to 200 characters', fr: 'votre nom complet, 2 à 200 caractères', ar: 'الاسم الكامل، من 2 إلى 200 حرف' } },
  // Carte nationale d'identité électronique: one or two letters, then up to six digits (e.g. AB123456).
  cin: { re: /^[A-Z]{1,2}[0-9]{1,6}$/, hint: { en: 'the national ID card number: one or two letters then digits, e.g. AB123456', fr: "le numéro de la CIN : une ou deux lettres puis des chiffres, par ex. AB123456", ar: 'رقم البطاقة الوطنية: حرف أو حرفان ثم أرقام، مثلا AB123456' } },
  phone: { re: /^(\+212|0)[5-7][0-9]{8}$|^\+[1-9][0-9]{7,14}$/, hint: { en: 'a phone number such as 0612345678 or +212612345678', fr: 'un numéro comme 0612345678 ou +212612345678', ar: 'رقم هاتف مثل 0612345678 أو ‎+212612345678' } },
  email: { re: /^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$/, hint: { en: 'an e-mail address such as name@example.ma', fr: 'une adresse électronique comme nom@exemple.ma', ar: 'عنوان بريد إلكتروني مثل name@example.ma' } },
  capacity: { re: /^(owner|mandated)$/, hint: { en: '"owner" or "mandated"', fr: '« owner » (propriétaire) ou « mandated » (mandataire)', ar: '"owner" (مالك) أو "mandated" (وكيل)' } },
  purpose: { re: /^.{3,1000}$/su, hint: { en: 'the purpose of the request, 3 to 1000 characters', fr: "l'objet de la demande, 3 à 1000 caractères", ar: 'الغرض من الطلب، من 3 إلى 1000 حرف' } },
} as const;
export type ApplicantField = keyof typeof APPLICANT_FIELDS;

export const RequestCreated = Type.Object({
  fileNumber: FileNumber,
  trackingCode: Type.String({ description: 'secret: shown once, needed with the file number to follow the request' }),
  status: Status,
  submittedAt: Type.String({ format: 'date-time' }),
});

const AttachmentInfo = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(['property_certificate', 'plan', 'document'] as const),
  filename: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedAt: Type.String({ format: 'date-time' }),
});
const Event = Type.Object({
  kind: Type.Enum(EVENT_KINDS),
  status: Status,
  at: Type.String({ format: 'date-time' }),
  message: Nullable(Type.String()),
  /** staff only: who acted (null: the applicant) */
  actor: Type.Optional(Nullable(Type.Object({ id: Type.Integer(), name: Type.String() }))),
});
const Notification = Type.Object({
  at: Type.String({ format: 'date-time' }),
  subject: Type.String(),
  body: Type.String(),
  state: Type.Enum(['pending', 'sent', 'failed'] as const),
});
const Note = Nullable(
  Type.Object({
    reference: Type.String(),
    urls: Type.Optional(Type.Object({ pdf: Type.String(), verify: Type.String(), page: Type.String() })),
  }),
);

export const RequestStatusView = Type.Object({
  fileNumber: FileNumber,
  status: Status,
  submittedAt: Type.String({ format: 'date-time' }),
  parcels: Type.Array(Type.String()),
  commune: Nullable(Type.String()),
  timeline: Type.Array(Event),
  attachments: Type.Array(AttachmentInfo),
  notifications: Type.Array(Notification),
  note: Note,
});
export type RequestStatusView = Static<typeof RequestStatusView>;

export const StaffFileView = Type.Object({
  ...RequestStatusView.properties,
  applicant: Type.Object({ name: Type.String(), cin: Type.String(), phone: Type.String(), email: Type.String(), capacity: Type.String(), purpose: Type.String() }),
  assignedTo: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  selection: Type.Unknown(),
  geometry: Nullable(Geometry),
});
export type StaffFileView = Static<typeof StaffFileView>;

export const QueueQuery = Type.Object({
  status: Type.Optional(Status),
  commune: Type.Optional(Type.String({ maxLength: 20 })),
  assigned: Type.Optional(Type.String({ pattern: '^(me|none|any|[0-9]+)$', description: 'me, none, any or a user id' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export const QueueItem = Type.Object({
  fileNumber: FileNumber,
  status: Status,
  submittedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  commune: Nullable(Type.String()),
  parcels: Type.Array(Type.String()),
  applicantName: Type.String(),
  assignedTo: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
});
export const Queue = Type.Object({ requests: Type.Array(QueueItem) });

export const AssignBody = Type.Object({ userId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
export const MessageBody = Type.Object({ message: Type.String({ minLength: 3, maxLength: 4000 }) }, { additionalProperties: false });
export const IssueBody = Type.Object({ lang: Type.Optional(Type.Enum(['ar', 'fr', 'bilingual'] as const)) }, { additionalProperties: false });
export const IssuedAnswer = Type.Object({
  fileNumber: FileNumber,
  status: Status,
  note: Type.Object({ reference: Type.String(), urls: Type.Object({ pdf: Type.String(), verify: Type.String(), page: Type.String() }) }),
});
export const StepAnswer = Type.Object({ fileNumber: FileNumber, status: Status });
