// Reports in the database (migration 0014). Every change writes its report_events row in the caller's
// transaction; the tracking code is kept only as its SHA-256 (like a note's verification code).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { AuthUser } from '../accounts/guard.js';
import type { Lang } from '../shared/schemas.js';
import type { PhotoType } from './photo.js';
import type { ReportCategory, ReportDetail, ReportFollow, ReportStatus, ReportSummary, StaffListQuery } from './schemas.js';

type Db = pg.Pool | pg.ClientBase;

export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export interface NewReport {
  category: ReportCategory;
  description: string;
  point: { lon: number; lat: number } | null;
  parcelId: number | null;
  lang: Lang;
  contact: string | null;
  photo: { type: PhotoType; bytes: Buffer } | null;
  code: string;
}

/**
 * Inserts the report and its "received" event; null when the place is outside the territory (no commune
 * under it) or the parcel is not a current one. A parcel without a point is reported at a point inside it.
 */
export async function insertReport(c: pg.ClientBase, r: NewReport): Promise<{ id: number; number: string } | null> {
  const { rows } = await c.query<{ id: string; number: string }>(
    `WITH place AS (
       SELECT CASE WHEN $3::float8 IS NULL THEN (SELECT ST_PointOnSurface(geom_4326) FROM parcels WHERE id = $5 AND valid_to IS NULL)
                   ELSE ST_SetSRID(ST_MakePoint($3, $4), 4326) END AS geom
     ), checked AS (
       SELECT p.geom FROM place p
        WHERE p.geom IS NOT NULL
          AND ($5::bigint IS NULL OR EXISTS (SELECT 1 FROM parcels WHERE id = $5 AND valid_to IS NULL))
          AND EXISTS (SELECT 1 FROM communes c WHERE ST_Intersects(c.geom_4326, p.geom))
     )
     INSERT INTO reports (number, token_sha256, category, description, geom_4326, parcel_id, lang, contact, photo, photo_type)
     SELECT 'SIG-' || to_char(now() AT TIME ZONE 'Africa/Casablanca', 'YYYY') || '-' || lpad(nextval('report_number_seq')::text, 6, '0'),
            $1, $2, $6, geom, $5, $7, $8, $9, $10
       FROM checked
     RETURNING id, number`,
    [sha256(r.code), r.category, r.point?.lon ?? null, r.point?.lat ?? null, r.parcelId, r.description, r.lang, r.contact, r.photo?.bytes ?? null, r.photo?.type ?? null],
  );
  const row = rows[0];
  if (!row) return null;
  await c.query(`INSERT INTO report_events (report_id, kind) VALUES ($1, 'received')`, [row.id]);
  return { id: Number(row.id), number: row.number };
}

interface Row {
  id: string;
  number: string;
  category: ReportCategory;
  status: ReportStatus;
  description: string;
  lon: number;
  lat: number;
  parcel_id: string | null;
  parcel_ref: string | null;
  has_photo: boolean;
  created_at: Date;
  lang: Lang;
  contact: string | null;
  answer: string | null;
  answer_lang: Lang | null;
  answered_at: Date | null;
  closed_at: Date | null;
}

const COLUMNS = `r.id, r.number, r.category, r.status, r.description, ST_X(r.geom_4326) AS lon, ST_Y(r.geom_4326) AS lat,
  r.parcel_id, p.reference AS parcel_ref, r.photo IS NOT NULL AS has_photo, r.created_at, r.lang, r.contact,
  r.answer, r.answer_lang, r.answered_at, r.closed_at`;
const FROM = 'FROM reports r LEFT JOIN parcels p ON p.id = r.parcel_id';

const summary = (r: Row): ReportSummary => ({
  id: Number(r.id),
  number: r.number,
  category: r.category,
  status: r.status,
  description: r.description,
  lon: r.lon,
  lat: r.lat,
  parcel: r.parcel_id == null ? null : { id: Number(r.parcel_id), reference: r.parcel_ref ?? '' },
  hasPhoto: r.has_photo,
  createdAt: r.created_at.toISOString(),
});
const answerOf = (r: Row) => (r.answer && r.answer_lang && r.answered_at ? { text: r.answer, lang: r.answer_lang, at: r.answered_at.toISOString() } : null);

export async function listReports(db: Db, q: StaffListQuery): Promise<ReportSummary[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} ${FROM}
      WHERE ($1::text IS NULL OR r.status = $1) AND ($2::text IS NULL OR r.category = $2)
      ORDER BY r.id DESC LIMIT $3`,
    [q.status ?? null, q.category ?? null, q.limit ?? 200],
  );
  return rows.map(summary);
}

interface EventRow {
  kind: 'received' | 'answered' | 'closed';
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  answer: string | null;
  answer_lang: Lang | null;
}

async function events(db: Db, id: number): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT e.kind, e.at, e.actor_id, u.display_name AS actor_name, e.actor_role, e.answer, e.answer_lang
       FROM report_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.report_id = $1 ORDER BY e.id`,
    [id],
  );
  return rows;
}

export async function getReport(db: Db, id: number): Promise<ReportDetail | null> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} ${FROM} WHERE r.id = $1`, [id]);
  const r = rows[0];
  if (!r) return null;
  return {
    ...summary(r),
    lang: r.lang,
    contact: r.contact,
    answer: answerOf(r),
    closedAt: r.closed_at?.toISOString() ?? null,
    events: (await events(db, id)).map((e) => ({
      kind: e.kind,
      at: e.at.toISOString(),
      actor: e.actor_id == null ? null : { id: e.actor_id, name: e.actor_name ?? '', role: e.actor_role ?? '' },
      answer: e.answer,
      lang: e.answer_lang,
    })),
  };
}

/** The public view of a report, only for its number with the right code (else null, either way alike). */
export async function followReport(db: Db, number: string, code: string): Promise<ReportFollow | null> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} ${FROM} WHERE r.number = $1 AND r.token_sha256 = $2`, [number, sha256(code)]);
  const r = rows[0];
  if (!r) return null;
  return {
    number: r.number,
    category: r.category,
    description: r.description,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    answer: answerOf(r),
    closedAt: r.closed_at?.toISOString() ?? null,
    steps: (await events(db, Number(r.id))).map((e) => ({ kind: e.kind, at: e.at.toISOString() })),
  };
}

export async function getPhoto(db: Db, id: number): Promise<{ type: string; bytes: Buffer } | null> {
  const { rows } = await db.query<{ photo: Buffer; photo_type: string }>('SELECT photo, photo_type FROM reports WHERE id = $1 AND photo IS NOT NULL', [id]);
  return rows[0] ? { type: rows[0].photo_type, bytes: rows[0].photo } : null;
}

/** Locks the report for a change; null if unknown. */
export async function lockReport(c: pg.ClientBase, id: number): Promise<{ number: string; status: ReportStatus } | null> {
  const { rows } = await c.query<{ number: string; status: ReportStatus }>('SELECT number, status FROM reports WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ?? null;
}

export async function answerReport(c: pg.ClientBase, id: number, user: AuthUser, answer: string, lang: Lang): Promise<void> {
  await c.query(`UPDATE reports SET answer = $2, answer_lang = $3, answered_at = now(), status = 'answered' WHERE id = $1`, [id, answer, lang]);
  await c.query(`INSERT INTO report_events (report_id, kind, actor_id, actor_role, answer, answer_lang) VALUES ($1, 'answered', $2, $3, $4, $5)`, [
    id, user.id, user.role, answer, lang,
  ]);
}

export async function closeReport(c: pg.ClientBase, id: number, user: AuthUser): Promise<void> {
  // The reporter's contact served to reach them about this report: once it is closed, it is erased.
  await c.query(`UPDATE reports SET status = 'closed', closed_at = now(), contact = NULL WHERE id = $1`, [id]);
  await c.query(`INSERT INTO report_events (report_id, kind, actor_id, actor_role) VALUES ($1, 'closed', $2, $3)`, [id, user.id, user.role]);
}
