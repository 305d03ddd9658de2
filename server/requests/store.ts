// Requests in the database (migration 0011): SQL with bound parameters only. Every step of a file is an
// event row written in the same transaction as the change it records.
import type pg from 'pg';
import type { Queryable } from '../accounts/audit.js';
import type { Selection } from '../selection/schemas.js';
import { type Box, codeHash } from './codes.js';
import type { Attachment } from './files.js';
import type { EVENT_KINDS, Status } from './schemas.js';

export type EventKind = (typeof EVENT_KINDS)[number];

export interface RequestRow {
  id: number;
  fileNumber: string;
  status: Status;
  selection: Selection;
  parcelRefs: string[];
  land: { type: string; coordinates: unknown };
  communeCode: string | null;
  communeName: string | null;
  applicantName: string;
  cin: string;
  phone: string;
  email: string;
  capacity: 'owner' | 'mandated';
  purpose: string;
  lang: 'ar' | 'fr' | 'en';
  assignedTo: number | null;
  assignedName: string | null;
  noteReference: string | null;
  noteCodeSealed: Buffer | null;
  boxPrivateKey: string;
  boxPublicKey: string;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `r.id::int AS id, r.file_number AS "fileNumber", r.status, r.selection, r.parcel_refs AS "parcelRefs", r.land,
  r.commune_code AS "communeCode", c.name->>'fr' AS "communeName", r.applicant_name AS "applicantName", r.cin, r.phone,
  r.email, r.capacity, r.purpose, r.lang, r.assigned_to AS "assignedTo", u.display_name AS "assignedName",
  r.note_reference AS "noteReference", r.note_code_sealed AS "noteCodeSealed", r.box_private_key AS "boxPrivateKey", r.box_public_key AS "boxPublicKey", r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;
const FROM = `requests r LEFT JOIN communes c ON c.code = r.commune_code LEFT JOIN users u ON u.id = r.assigned_to`;

/** The next file number, from the database's sequence and clock (Africa/Casablanca year). */
export async function reserveFileNumber(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ n: string; year: string }>(
    `SELECT nextval('request_number_seq')::text AS n, to_char(now() AT TIME ZONE 'Africa/Casablanca', 'YYYY') AS year`,
  );
  return `DRU-${rows[0]!.year}-${rows[0]!.n.padStart(6, '0')}`;
}

export interface NewRequest {
  fileNumber: string;
  code: string;
  box: Box;
  selection: Selection;
  parcelRefs: string[];
  land: unknown;
  communeCode: string | null;
  applicant: { name: string; cin: string; phone: string; email: string; capacity: string; purpose: string };
  lang: string;
}

export async function insertRequest(c: pg.ClientBase, r: NewRequest): Promise<{ id: number; createdAt: Date }> {
  const a = r.applicant;
  const { rows } = await c.query<{ id: number; created_at: Date }>(
    `INSERT INTO requests (file_number, code_sha256, selection, land, parcel_refs, commune_code, applicant_name, cin, phone, email,
                           capacity, purpose, lang, box_public_key, box_private_key, consent_at)
     VALUES ($1, $2, $3, $15, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now()) RETURNING id::int, created_at`,
    [r.fileNumber, codeHash(r.code), JSON.stringify(r.selection), r.parcelRefs, r.communeCode, a.name, a.cin, a.phone, a.email, a.capacity, a.purpose, r.lang, r.box.publicKey, r.box.privateKey, JSON.stringify(r.land)],
  );
  return { id: rows[0]!.id, createdAt: rows[0]!.created_at };
}

/** The commune holding most of the land (for the queue's filter). */
export async function mainCommune(db: Queryable, geometry: unknown): Promise<string | null> {
  const { rows } = await db.query<{ code: string }>(
    `SELECT c.code FROM communes c, (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) l
      WHERE c.geom_4326 && l.g AND ST_Intersects(c.geom_4326, l.g)
      ORDER BY ST_Area(ST_Intersection(c.geom_4326, l.g)::geography) DESC LIMIT 1`,
    [JSON.stringify(geometry)],
  );
  return rows[0]?.code ?? null;
}

export async function addEvent(
  c: Queryable,
  e: { requestId: number; actorId: number | null; kind: EventKind; status: Status; message?: string | null; details?: Record<string, unknown> },
): Promise<number> {
  const { rows } = await c.query<{ id: number }>(
    `INSERT INTO request_events (request_id, actor_id, kind, status, message, details) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::int`,
    [e.requestId, e.actorId, e.kind, e.status, e.message ?? null, JSON.stringify(e.details ?? {})],
  );
  return rows[0]!.id;
}

export async function addAttachments(c: Queryable, requestId: number, eventId: number, files: Attachment[]): Promise<void> {
  for (const f of files) {
    await c.query(
      `INSERT INTO request_attachments (request_id, event_id, kind, filename, media_type, size_bytes, sha256, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [requestId, eventId, f.kind, f.filename, f.mediaType, f.content.length, f.sha256, f.content],
    );
  }
}

export async function enqueueNotification(c: Queryable, n: { requestId: number; eventId: number; subject: string; body: string }): Promise<void> {
  await c.query(`INSERT INTO request_notifications (request_id, event_id, subject, body) VALUES ($1, $2, $3, $4)`, [n.requestId, n.eventId, n.subject, n.body]);
}

/** The file with this number and tracking code, or null: an unknown number and a wrong code look alike. */
export async function findByCode(db: Queryable, fileNumber: string, code: string | undefined): Promise<RequestRow | null> {
  if (!code || code.length > 64) return null;
  const { rows } = await db.query<RequestRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.file_number = $1 AND r.code_sha256 = $2`, [fileNumber, codeHash(code)]);
  return rows[0] ?? null;
}

/** Staff: the file by its number; `lock` inside a transaction that changes it. */
export async function findByNumber(db: Queryable, fileNumber: string, lock = false): Promise<RequestRow | null> {
  const { rows } = await db.query<RequestRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.file_number = $1${lock ? ' FOR UPDATE OF r' : ''}`, [fileNumber]);
  return rows[0] ?? null;
}

export async function updateRequest(
  c: Queryable,
  id: number,
  set: { status?: Status; assignedTo?: number; noteReference?: string; noteCodeSealed?: Buffer },
): Promise<void> {
  await c.query(
    `UPDATE requests SET status = coalesce($2, status), assigned_to = coalesce($3, assigned_to),
            note_reference = coalesce($4, note_reference), note_code_sealed = coalesce($5, note_code_sealed), updated_at = now()
      WHERE id = $1`,
    [id, set.status ?? null, set.assignedTo ?? null, set.noteReference ?? null, set.noteCodeSealed ?? null],
  );
}

export interface EventRow { kind: EventKind; status: Status; at: Date; message: string | null; actorId: number | null; actorName: string | null }

export async function eventsOf(db: Queryable, requestId: number): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT e.kind, e.status, e.at, e.message, e.actor_id AS "actorId", u.display_name AS "actorName"
       FROM request_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.request_id = $1 ORDER BY e.id`,
    [requestId],
  );
  return rows;
}

export interface AttachmentRow { id: number; kind: Attachment['kind']; filename: string; mediaType: string; sizeBytes: number; uploadedAt: Date }

export async function attachmentsOf(db: Queryable, requestId: number): Promise<AttachmentRow[]> {
  const { rows } = await db.query<AttachmentRow>(
    `SELECT id::int, kind, filename, media_type AS "mediaType", size_bytes AS "sizeBytes", uploaded_at AS "uploadedAt"
       FROM request_attachments WHERE request_id = $1 ORDER BY id`,
    [requestId],
  );
  return rows;
}

export async function attachmentContent(db: Queryable, requestId: number, id: number): Promise<{ filename: string; mediaType: string; content: Buffer } | null> {
  const { rows } = await db.query<{ filename: string; mediaType: string; content: Buffer }>(
    `SELECT filename, media_type AS "mediaType", content FROM request_attachments WHERE request_id = $1 AND id = $2`,
    [requestId, id],
  );
  return rows[0] ?? null;
}

export interface NotificationRow { at: Date; subject: string; body: string; state: 'pending' | 'sent' | 'failed' }

export async function notificationsOf(db: Queryable, requestId: number): Promise<NotificationRow[]> {
  const { rows } = await db.query<NotificationRow>(
    `SELECT created_at AS at, subject, body, state FROM request_notifications WHERE request_id = $1 ORDER BY id`,
    [requestId],
  );
  return rows;
}

export interface QueueFilters { status?: Status; commune?: string; assigned?: string; limit: number }

export async function listQueue(db: Queryable, f: QueueFilters, me: number): Promise<RequestRow[]> {
  const assigned = f.assigned === 'me' ? me : f.assigned && /^[0-9]+$/.test(f.assigned) ? Number(f.assigned) : null;
  const { rows } = await db.query<RequestRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE ($1::text IS NULL OR r.status = $1) AND ($2::text IS NULL OR r.commune_code = $2)
        AND ($3::int IS NULL OR r.assigned_to = $3) AND (NOT $4 OR r.assigned_to IS NULL)
      ORDER BY r.id DESC LIMIT $5`,
    [f.status ?? null, f.commune ?? null, assigned, f.assigned === 'none', f.limit],
  );
  return rows;
}
