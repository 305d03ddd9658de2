// The urban planning information note (note de renseignements urbanistiques, مذكرة المعلومات التعميرية;
// DOMAIN.md): the request, the answer at issue, the recorded content and the verification answer.
// NoteContent is exactly what the note states: the PDF and the HTML page are rendered from it alone.
import { Type, type Static } from 'typebox';
import { Capacity, ParcelSummary, ZoningPart } from '../parcels/schemas.js';
import { Selection } from '../selection/schemas.js';
import { Geometry, I18nText, IsoDate, Nullable, OverlayHit, OverlayKindSchema, ZoneCategorySchema } from '../shared/schemas.js';

export const NOTE_LANGS = ['ar', 'fr', 'bilingual'] as const;
export const NoteLang = Type.Enum(NOTE_LANGS, { description: 'the language(s) of the note; default bilingual' });
export type NoteLang = Static<typeof NoteLang>;

export const NoteRequest = Type.Object(
  {
    selection: Selection,
    lang: Type.Optional(NoteLang),
    at: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type NoteRequest = Static<typeof NoteRequest>;

/** `NRU-2026-000123`: printed on the note; reading the note also needs the verification code `k`. */
export const NoteReference = Type.String({ pattern: '^NRU-[0-9]{4}-[0-9]{6,12}$', description: 'the note reference, e.g. NRU-2026-000123' });

export const NoteParams = Type.Object({ reference: NoteReference });
export const NoteQuery = Type.Object({
  k: Type.Optional(Type.String({ maxLength: 64, description: 'the verification code printed on the note (in its QR code)' })),
});

export const NoteIssued = Type.Object({
  reference: NoteReference,
  issuedAt: Type.String({ format: 'date-time' }),
  dataVersion: Type.Integer(),
  verificationCode: Type.String({ description: 'needed with the reference to read the note again' }),
  urls: Type.Object({
    pdf: Type.String({ description: 'the note as a PDF' }),
    verify: Type.String({ description: 'what the note stated, and whether the rules have changed since (JSON)' }),
    page: Type.String({ description: 'the note as a printable HTML page' }),
  }),
});
export type NoteIssued = Static<typeof NoteIssued>;

/** A position in Lambert Nord Maroc (EPSG:26191), metres, to the centimetre. */
const XY = Type.Tuple([Type.Number(), Type.Number()]);
const Ring = Type.Array(XY, { description: 'vertices in order, EPSG:26191, the closing vertex omitted' });

export const NoteParcel = Type.Intersect([
  ParcelSummary,
  Type.Object({ rings: Type.Array(Ring, { description: 'exterior ring(s) then holes; empty for parcels a drawn polygon touches' }) }),
]);
export type NoteParcel = Static<typeof NoteParcel>;

export const NoteMapZone = Type.Object({
  planCode: Type.String(),
  code: Type.String(),
  category: ZoneCategorySchema,
  geometry: Geometry,
  labels: Type.Array(XY),
});
export const NoteMapOverlay = Type.Object({
  kind: OverlayKindSchema,
  code: Nullable(Type.String()),
  geometry: Geometry,
  corridor: Nullable(Geometry),
});
export const NoteMapParcel = Type.Object({
  reference: Type.String(),
  selected: Type.Boolean(),
  geometry: Geometry,
  label: Nullable(XY),
});

/** The map as drawn: every geometry in EPSG:26191 metres, clipped to the frame. */
export const NoteMap = Type.Object({
  scale: Type.Integer({ description: 'scale denominator: 1/500, 1/1000, 1/2000…' }),
  frame: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], { description: '[minX, minY, maxX, maxY] EPSG:26191' }),
  widthMm: Type.Number(),
  heightMm: Type.Number(),
  northDeg: Type.Number({ description: 'direction of geographic north, degrees clockwise from grid north' }),
  zonePlans: Type.Array(Type.Object({ code: Type.String(), name: I18nText, inForce: Type.Boolean() })),
  zones: Type.Array(NoteMapZone),
  overlays: Type.Array(NoteMapOverlay),
  parcels: Type.Array(NoteMapParcel),
  land: Geometry,
});
export type NoteMap = Static<typeof NoteMap>;

/** indicative: free and instant; official: issued by an instructor on a request (server/requests). */
export const NoteKind = Type.Enum(['indicative', 'official'] as const);
export type NoteKind = Static<typeof NoteKind>;

export const NoteContent = Type.Object({
  kind: NoteKind,
  official: Type.Optional(Type.Object({ fileNumber: Type.String({ description: 'the request it answers, e.g. DRU-2026-000123' }) })),
  reference: NoteReference,
  issuedAt: Type.String({ format: 'date-time' }),
  at: IsoDate,
  dataVersion: Type.Integer(),
  lang: NoteLang,
  illustrative: Type.Boolean({ description: 'a plan or parcel stated is from the illustrative sample' }),
  selection: Selection,
  land: Type.Object({
    type: Type.Enum(['parcels', 'polygon', 'coordinates'] as const),
    areaM2: Type.Number(),
    communes: Type.Array(Type.Object({ code: Type.String(), name: I18nText, province: Type.String() })),
    rings: Type.Array(Ring, { description: 'the outline of the land (the union of the parcels, or the polygon)' }),
    parcels: Type.Array(NoteParcel),
  }),
  zoning: Type.Array(ZoningPart),
  overlays: Type.Array(OverlayHit),
  capacity: Nullable(Capacity),
  map: NoteMap,
});
export type NoteContent = Static<typeof NoteContent>;

export const NoteChange = Type.Object({
  subject: Type.Enum(['land', 'plan', 'zone', 'regulation', 'overlay', 'capacity'] as const),
  change: Type.Enum(['added', 'removed', 'changed'] as const),
  key: Type.String({ description: 'what changed, e.g. "ex-pa-nador / R+3"' }),
  fields: Type.Optional(Type.Array(Type.String())),
});
export type NoteChange = Static<typeof NoteChange>;

export const NoteVerification = Type.Object({
  reference: NoteReference,
  kind: NoteKind,
  lang: NoteLang,
  issuedAt: Type.String({ format: 'date-time' }),
  dataVersion: Type.Integer({ description: 'the data version when the note was issued' }),
  contentSha256: Type.String({ description: 'SHA-256 of the canonical JSON of content (keys sorted, no whitespace)' }),
  content: NoteContent,
  current: Type.Object({
    at: IsoDate,
    dataVersion: Type.Integer(),
    changedSince: Type.Boolean({ description: 'the zoning, rules, overlays or capacity stated differ from what applies today' }),
    changes: Type.Array(NoteChange),
    message: I18nText,
  }),
});
export type NoteVerification = Static<typeof NoteVerification>;
