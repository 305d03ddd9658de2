// The audit trail: who did what to which object. Every state-changing route writes one row with `audit`,
// passing the pg client of its own transaction, so the change and its record are committed (or rolled
// back) together: there is no change without its row, nor a row for a change that did not happen.
import type pg from 'pg';
import type { AuditEvent, Role } from './schemas.js';

/** A pool or a client inside a transaction (`withTransaction` of server/db/pool.ts hands one out). */
export type Queryable = pg.Pool | pg.ClientBase;

export interface AuditEntry {
  /** `request.user` of a guarded route; null for the system (the command line, a job). */
  actor: { id: number; role: Role } | null;
  /** `<object>.<verb>`, lower case: plan.import, plan.publish, regulation.edit, user.create, session.login… */
  action: string;
  /** The object acted on; its id as text (numeric ids, note references…). */
  target?: { type: string; id: string | number } | null;
  /**
   * What a reader of the trail needs to understand the change (version numbers, counts, old and new
   * values). Never passwords, tokens or personal data of citizens: keys that name a secret are refused.
   */
  details?: Record<string, unknown>;
}

const ACTION = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;
const SECRET_KEY = /^(password|passwordHash|password_hash|token|csrfToken|csrf_token|secret|generatedPassword)$/i;

function refuseSecrets(value: unknown, path: string): void {
  if (Array.isArray(value)) value.forEach((v, i) => refuseSecrets(v, `${path}[${i}]`));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k)) throw new Error(`audit: details must not hold secrets (${path}.${k})`);
      refuseSecrets(v, `${path}.${k}`);
    }
  }
}

/** Appends one event to the audit trail and returns its id. A malformed entry is a programming error. */
export async function audit(db: Queryable, entry: AuditEntry): Promise<number> {
  if (!ACTION.test(entry.action)) throw new Error(`audit: action must look like "plan.publish", got "${entry.action}"`);
  const details = entry.details ?? {};
  refuseSecrets(details, 'details');
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO audit_events (actor_id, actor_role, action, target_type, target_id, details)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      entry.actor?.id ?? null,
      entry.actor?.role ?? null,
      entry.action,
      entry.target?.type ?? null,
      entry.target == null ? null : String(entry.target.id),
      JSON.stringify(details),
    ],
  );
  return rows[0]!.id;
}

interface AuditRow {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_email: string | null;
  actor_name: string | null;
  actor_role: Role | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
}

/** Newest first, keyset-paged on the id: `cursor` is the last id of the previous page. */
export async function listAudit(
  db: Queryable,
  opts: { limit: number; cursor?: number; action?: string },
): Promise<{ events: AuditEvent[]; next: string | null }> {
  const { rows } = await db.query<AuditRow>(
    `SELECT e.id, e.at, e.actor_id, u.email AS actor_email, u.display_name AS actor_name, e.actor_role,
            e.action, e.target_type, e.target_id, e.details
       FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
      WHERE ($1::bigint IS NULL OR e.id < $1) AND ($2::text IS NULL OR e.action = $2)
      ORDER BY e.id DESC
      LIMIT $3`,
    [opts.cursor ?? null, opts.action ?? null, opts.limit + 1],
  );
  const page = rows.slice(0, opts.limit);
  return {
    events: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actor_id == null ? null : { id: r.actor_id, email: r.actor_email ?? '', name: r.actor_name ?? '' },
      actorRole: r.actor_role,
      action: r.action,
      target: r.target_type == null ? null : { type: r.target_type, id: r.target_id ?? '' },
      details: r.details,
    })),
    next: rows.length > opts.limit ? String(page[page.length - 1]!.id) : null,
  };
}
