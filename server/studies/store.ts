// The register in the database: an import in one transaction (files upserted by number, their parcel
// references linked to the current parcels, the data version bumped so tile caches refresh, the audit
// event written), and the lookups by file number and by parcel.
import type pg from 'pg';
import { audit, type Queryable } from '../accounts/audit.js';
import type { Role } from '../accounts/schemas.js';
import type { RegisterRow } from './register.js';
import type { ImportOutcome, Study, Unmatched } from './schemas.js';

const STUDY_SQL = `
  jsonb_build_object(
    'number', s.file_number, 'kind', s.kind, 'studiedOn', to_char(s.studied_on, 'YYYY-MM-DD'), 'opinion', s.opinion,
    'conditions', s.conditions, 'illustrative', s.illustrative,
    'parcels', COALESCE((SELECT jsonb_agg(jsonb_build_object('reference', sp.reference, 'parcelId', sp.parcel_id) ORDER BY sp.reference)
                         FROM study_parcels sp WHERE sp.study_id = s.id), '[]'::jsonb))`;

export async function studyByNumber(db: Queryable, number: string): Promise<Study | null> {
  const { rows } = await db.query<{ s: Study }>(
    `SELECT ${STUDY_SQL} AS s FROM studies s WHERE s.number_norm = upper(regexp_replace($1, '\\s+', '', 'g'))`,
    [number],
  );
  return rows[0]?.s ?? null;
}

/** The files of a parcel, newest first; null when the parcel does not exist. */
export async function parcelStudies(db: Queryable, parcelId: number): Promise<Study[] | null> {
  const { rows } = await db.query<{ s: Study | null }>(
    `SELECT ${STUDY_SQL} AS s FROM parcels p
     LEFT JOIN study_parcels l ON l.parcel_id = p.id LEFT JOIN studies s ON s.id = l.study_id
     WHERE p.id = $1 ORDER BY s.studied_on DESC NULLS LAST, s.id DESC`,
    [parcelId],
  );
  if (rows.length === 0) return null;
  return rows.filter((r) => r.s && r.s.number !== null).map((r) => r.s!);
}

export interface ImportActor {
  user: { id: number; role: Role } | null;
}

/**
 * Imports checked rows in the caller's transaction: each file is created or updated by its number, its
 * parcel references replaced by the register's. References matching no current parcel are kept unlinked
 * and returned.
 */
export async function importRows(c: pg.ClientBase, rows: RegisterRow[], fileName: string, actor: ImportActor, illustrative = false): Promise<ImportOutcome> {
  const imp = await c.query<{ id: number }>('INSERT INTO study_imports (actor_id, file_name, files) VALUES ($1, $2, $3) RETURNING id', [actor.user?.id ?? null, fileName, rows.length]);
  const importId = imp.rows[0]!.id;
  let created = 0;
  let linked = 0;
  const unmatched: Unmatched[] = [];
  for (const r of rows) {
    const up = await c.query<{ id: number; inserted: boolean }>(
      `INSERT INTO studies (file_number, kind, studied_on, opinion, conditions, illustrative, import_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (number_norm) DO UPDATE SET file_number = EXCLUDED.file_number, kind = EXCLUDED.kind, studied_on = EXCLUDED.studied_on,
         opinion = EXCLUDED.opinion, conditions = EXCLUDED.conditions, illustrative = EXCLUDED.illustrative, import_id = EXCLUDED.import_id, updated_at = now()
       RETURNING id, (xmax = 0) AS inserted`,
      [r.number, r.kind, r.date, r.opinion, r.conditions, illustrative, importId],
    );
    const { id, inserted } = up.rows[0]!;
    if (inserted) created++;
    else await c.query('DELETE FROM study_parcels WHERE study_id = $1', [id]);
    const refs = await c.query<{ reference: string; parcel_id: string | null }>(
      `INSERT INTO study_parcels (study_id, reference, parcel_id)
       SELECT $1, ref, (SELECT p.id FROM parcels p WHERE p.reference_norm = upper(regexp_replace(ref, '\\s+', '', 'g')) AND p.valid_to IS NULL)
       FROM unnest($2::text[]) AS ref
       RETURNING reference, parcel_id`,
      [id, r.parcels],
    );
    for (const x of refs.rows) {
      if (x.parcel_id === null) unmatched.push({ row: r.row, number: r.number, reference: x.reference });
      else linked++;
    }
  }
  await c.query('UPDATE study_imports SET unmatched = $2 WHERE id = $1', [importId, JSON.stringify(unmatched)]);
  const v = await c.query<{ v: string }>('SELECT bump_data_version() v');
  await audit(c, {
    actor: actor.user, action: 'study.import', target: { type: 'study_import', id: importId },
    details: { fileName, files: rows.length, created, updated: rows.length - created, linkedParcels: linked, unmatched: unmatched.length },
  });
  return { importId, files: rows.length, created, updated: rows.length - created, linkedParcels: linked, unmatched, dataVersion: Number(v.rows[0]!.v) };
}
