// The imports table (migration 0009): one row per file imported, with its report and what became of it.
import type pg from 'pg';
import type { Report } from './report.js';

export type ImportTarget = 'zones' | 'parcels' | 'overlays';
export type ImportStatus = 'failed' | 'rejected' | 'draft' | 'applied' | 'published' | 'discarded';

/** Who imports: an account (through the API), or the system user running the command line. */
export interface Actor {
  user: { id: number; role: 'planner' | 'instructor' | 'admin' } | null;
  label: string;
}

/** Why a file could not be read (status failed): the error code and its parameters. */
export interface Failure {
  code: string;
  params: Record<string, string | number>;
  details?: unknown;
}

export interface ImportRow {
  id: number;
  target: ImportTarget;
  status: ImportStatus;
  fileName: string;
  format: string | null;
  planId: number | null;
  versionId: number | null;
  options: Record<string, unknown>;
  report: Report | null;
  failure: Failure | null;
  errorCount: number;
  warningCount: number;
  actor: string;
  createdAt: string;
}

export interface NewImport {
  target: ImportTarget;
  status: ImportStatus;
  fileName: string;
  format: string | null;
  planId?: number | null;
  versionId?: number | null;
  options: Record<string, unknown>;
  report: Report | { failure: Failure };
  errors: number;
  warnings: number;
  actor: Actor;
}

export async function insertImport(db: pg.Pool | pg.ClientBase, row: NewImport): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO imports (target, status, file_name, format, plan_id, version_id, options, report, error_count, warning_count, actor_id, actor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [row.target, row.status, row.fileName.slice(0, 255), row.format, row.planId ?? null, row.versionId ?? null,
      JSON.stringify(row.options), JSON.stringify(row.report), row.errors, row.warnings, row.actor.user?.id ?? null, row.actor.label],
  );
  return r.rows[0]!.id;
}

export async function finishImport(
  db: pg.ClientBase,
  id: number,
  change: { status: ImportStatus; report: Report; planId: number | null; versionId: number | null; errors: number; warnings: number },
): Promise<void> {
  await db.query(
    `UPDATE imports SET status = $2, report = $3, plan_id = $4, version_id = $5, error_count = $6, warning_count = $7 WHERE id = $1`,
    [id, change.status, JSON.stringify(change.report), change.planId, change.versionId, change.errors, change.warnings],
  );
}

interface DbRow {
  id: number;
  target: ImportTarget;
  status: ImportStatus;
  file_name: string;
  format: string | null;
  plan_id: number | null;
  version_id: number | null;
  options: Record<string, unknown>;
  report: Report | { failure: Failure };
  error_count: number;
  warning_count: number;
  actor: string;
  created_at: Date;
}

const toRow = (r: DbRow): ImportRow => ({
  id: r.id,
  target: r.target,
  status: r.status,
  fileName: r.file_name,
  format: r.format,
  planId: r.plan_id,
  versionId: r.version_id,
  options: r.options,
  report: 'failure' in r.report ? null : r.report,
  failure: 'failure' in r.report ? r.report.failure : null,
  errorCount: r.error_count,
  warningCount: r.warning_count,
  actor: r.actor,
  createdAt: r.created_at.toISOString(),
});

const COLUMNS = `id, target, status, file_name, format, plan_id, version_id, options, report, error_count, warning_count, actor, created_at`;

export async function getImport(db: pg.Pool | pg.ClientBase, id: number): Promise<ImportRow | null> {
  const r = await db.query<DbRow>(`SELECT ${COLUMNS} FROM imports WHERE id = $1`, [id]);
  return r.rows[0] ? toRow(r.rows[0]) : null;
}

/** The zones import that made a draft version (its report is the draft's). */
export async function importOfVersion(db: pg.Pool | pg.ClientBase, versionId: number): Promise<ImportRow | null> {
  const r = await db.query<DbRow>(
    `SELECT ${COLUMNS} FROM imports WHERE version_id = $1 AND target = 'zones' ORDER BY id DESC LIMIT 1`, [versionId]);
  return r.rows[0] ? toRow(r.rows[0]) : null;
}

/** Newest first, keyset-paged on the id. */
export async function listImports(db: pg.Pool, limit: number, before?: number): Promise<{ imports: ImportRow[]; next: string | null }> {
  const r = await db.query<DbRow>(
    `SELECT ${COLUMNS} FROM imports WHERE ($1::int IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`, [before ?? null, limit + 1]);
  const page = r.rows.slice(0, limit).map(toRow);
  return { imports: page, next: r.rows.length > limit ? String(page[page.length - 1]!.id) : null };
}
