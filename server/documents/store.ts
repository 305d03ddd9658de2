// The documents' queries. Every value is bound ($n); the search goes through documents_query (0012), which
// normalises the visitor's words the way the index normalised the documents.
import type pg from 'pg';
import type { Queryable } from '../accounts/audit.js';
import type { PlanKind } from '../shared/schemas.js';
import type { DocumentDetail, DocumentKind, DocumentList, DocumentSummary, ParcelDocuments } from './schemas.js';

const SUMMARY_SQL = `
  jsonb_build_object(
    'id', d.id, 'kind', d.kind, 'title', d.title, 'number', d.number,
    'issuedOn', to_char(d.issued_on, 'YYYY-MM-DD'), 'language', d.language, 'subject', d.subject,
    'plan', CASE WHEN p.id IS NULL THEN NULL ELSE jsonb_build_object('id', p.id, 'code', p.code, 'name', p.name, 'kind', p.kind) END,
    'versionNo', v.version_no, 'basisFor', to_jsonb(d.basis_for), 'illustrative', d.illustrative,
    'fileName', d.file_name, 'fileBytes', d.file_bytes, 'pages', d.pages,
    'url', '/api/documents/' || d.id || '/file')`;

const FROM_SQL = `FROM documents d LEFT JOIN plans p ON p.id = d.plan_id LEFT JOIN plan_versions v ON v.id = d.version_id`;

/** The query is the document's number ("12-90", "2 92 832"): that document comes first. */
const NUMBER_MATCH = `coalesce(tasmim_norm(replace(d.number, ' ', '')) = tasmim_norm(replace($1, ' ', '')), false)`;

export interface ListOptions {
  q?: string;
  plan?: number;
  kind?: DocumentKind;
  group?: 'plan' | 'legal';
  limit: number;
  offset: number;
}

/**
 * Listed documents, best match first when there are words (ts_rank_cd: titles weigh more than the text),
 * else newest first. A query that is a number ("12-90") also finds the text of that number, which the
 * word parser would have cut in two.
 */
export async function listDocuments(db: Queryable, o: ListOptions): Promise<DocumentList> {
  const q = o.q?.trim() ? o.q.trim() : null;
  const { rows } = await db.query<{ doc: DocumentSummary; total: string }>(
    `WITH query AS (SELECT CASE WHEN $1::text IS NULL THEN NULL ELSE documents_query($1) END AS tsq)
     SELECT ${SUMMARY_SQL} AS doc, count(*) OVER () AS total
     ${FROM_SQL}, query
     WHERE d.retired_at IS NULL
       AND ($1::text IS NULL OR d.search @@ query.tsq OR ${NUMBER_MATCH})
       AND ($2::int IS NULL OR d.plan_id = $2)
       AND ($3::document_kind IS NULL OR d.kind = $3)
       AND ($4::text IS NULL OR document_kind_is_plan(d.kind) = ($4 = 'plan'))
     ORDER BY $1::text IS NOT NULL AND ${NUMBER_MATCH} DESC,
              CASE WHEN $1::text IS NULL THEN 0 ELSE ts_rank_cd(d.search, query.tsq) END DESC,
              d.issued_on DESC NULLS LAST, d.id DESC
     LIMIT $5 OFFSET $6`,
    [q, o.plan ?? null, o.kind ?? null, o.group ?? null, o.limit, o.offset],
  );
  return { total: rows[0] ? Number(rows[0].total) : 0, documents: rows.map((r) => r.doc) };
}

/** One document (retired ones too when `withRetired`: the staff's view), or null. */
export async function getDocument(db: Queryable, id: number, withRetired = false): Promise<DocumentDetail | null> {
  const { rows } = await db.query<{ doc: DocumentSummary; created_at: Date; retired: boolean; excerpt: string }>(
    `SELECT ${SUMMARY_SQL} AS doc, d.created_at, d.retired_at IS NOT NULL AS retired, left(d.body_text, 1200) AS excerpt
     ${FROM_SQL} WHERE d.id = $1 AND ($2 OR d.retired_at IS NULL)`,
    [id, withRetired],
  );
  const r = rows[0];
  return r ? { ...r.doc, createdAt: r.created_at.toISOString(), retired: r.retired, excerpt: r.excerpt } : null;
}

/** The PDF of a listed document. */
export async function documentFile(db: Queryable, id: number): Promise<{ content: Buffer; fileName: string; sha256: string } | null> {
  const { rows } = await db.query<{ content: Buffer; file_name: string; file_sha256: string }>(
    `SELECT f.content, d.file_name, d.file_sha256 FROM documents d JOIN document_files f ON f.document_id = d.id
     WHERE d.id = $1 AND d.retired_at IS NULL`,
    [id],
  );
  const r = rows[0];
  return r ? { content: r.content, fileName: r.file_name, sha256: r.file_sha256 } : null;
}

export interface NewDocument {
  kind: DocumentKind;
  title: { ar: string; fr: string; en?: string };
  number: string | null;
  issuedOn: string | null;
  language: 'ar' | 'fr' | 'ar-fr';
  subject: string | null;
  planId: number | null;
  versionId: number | null;
  basisFor: PlanKind[];
  illustrative: boolean;
  fileName: string;
  content: Buffer;
  sha256: string;
  pages: number | null;
  text: string;
  createdBy: number | null;
}

/** Longest text kept for search (the column's CHECK): about 150 pages of dense text. */
export const MAX_BODY_CHARS = 400_000;

export async function insertDocument(c: pg.ClientBase, d: NewDocument): Promise<number> {
  const { rows } = await c.query<{ id: number }>(
    `INSERT INTO documents (kind, plan_id, version_id, title, number, issued_on, language, subject, basis_for, illustrative,
                            file_name, file_bytes, file_sha256, pages, body_text, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::plan_kind[], $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [d.kind, d.planId, d.versionId, JSON.stringify(d.title), d.number, d.issuedOn, d.language, d.subject, d.basisFor, d.illustrative,
      d.fileName, d.content.length, d.sha256, d.pages, d.text.slice(0, MAX_BODY_CHARS), d.createdBy],
  );
  const id = rows[0]!.id;
  await c.query('INSERT INTO document_files (document_id, content) VALUES ($1, $2)', [id, d.content]);
  return id;
}

/** Retires a listed document; false when there is none (unknown or already retired). */
export async function retireDocument(c: pg.ClientBase, id: number, by: number, reason: string): Promise<{ kind: string; title: string } | null> {
  const { rows } = await c.query<{ kind: string; title: string }>(
    `UPDATE documents SET retired_at = now(), retired_by = $2, retired_reason = $3
     WHERE id = $1 AND retired_at IS NULL RETURNING kind::text, title ->> 'fr' AS title`,
    [id, by, reason],
  );
  return rows[0] ?? null;
}

/**
 * The documents of the plans whose version answering at the date covers the parcel (its perimeter meets
 * the parcel), in force first, and the legal texts those plans' kinds apply (basis_for). A document tied
 * to another version of the plan than the one answering is left out: it is not what applies.
 */
export async function parcelDocuments(db: Queryable, parcelId: number, at: string): Promise<ParcelDocuments | null> {
  const parcel = await db.query('SELECT 1 FROM parcels WHERE id = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR $2::date < valid_to)', [parcelId, at]);
  if (parcel.rowCount === 0) return null;
  const { rows } = await db.query<{ plan: ParcelDocuments['plans'][number]['plan']; version_id: number }>(
    `SELECT jsonb_build_object('id', p.id, 'code', p.code, 'name', p.name, 'kind', p.kind, 'inForce', va.in_force, 'illustrative', p.illustrative) AS plan,
            va.version_id
     FROM parcels pa, versions_at($2::date) va JOIN plan_versions pv ON pv.id = va.version_id JOIN plans p ON p.id = va.plan_id
     WHERE pa.id = $1 AND pv.geom_4326 && pa.geom_4326 AND ST_Intersects(pv.geom_4326, pa.geom_4326)
     ORDER BY va.in_force DESC, array_position(ARRAY['restructuring','development','growth','master']::plan_kind[], p.kind), p.id`,
    [parcelId, at],
  );
  if (rows.length === 0) return { at, plans: [], legal: [] };
  const docs = await db.query<{ doc: DocumentSummary; plan_id: number | null }>(
    `SELECT ${SUMMARY_SQL} AS doc, d.plan_id ${FROM_SQL}
     WHERE d.retired_at IS NULL AND d.plan_id = ANY($1::int[]) AND (d.version_id IS NULL OR d.version_id = ANY($2::int[]))
     ORDER BY array_position(ARRAY['regulation','drawn_plan','approval_decree','bo_extract','inquiry_report']::document_kind[], d.kind), d.id`,
    [rows.map((r) => r.plan.id), rows.map((r) => r.version_id)],
  );
  const kinds = [...new Set(rows.map((r) => r.plan.kind))];
  const legal = await db.query<{ doc: DocumentSummary }>(
    `SELECT ${SUMMARY_SQL} AS doc ${FROM_SQL}
     WHERE d.retired_at IS NULL AND d.plan_id IS NULL AND d.basis_for && $1::plan_kind[]
     ORDER BY array_position(ARRAY['law','decree','building_regulation','circular']::document_kind[], d.kind), d.issued_on, d.id`,
    [kinds],
  );
  return {
    at,
    plans: rows.map((r) => ({ plan: r.plan, documents: docs.rows.filter((d) => d.plan_id === r.plan.id).map((d) => d.doc) })),
    legal: legal.rows.map((r) => r.doc),
  };
}
