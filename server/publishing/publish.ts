// Publication and the legal life of a plan version.
//
// publishDraft makes a draft the plan's answer from a date, in ONE transaction: the previous published
// version that answered then is closed at that date (valid_to; it still answers `?at=` before it and is
// recorded as replaced), the draft becomes published from the date with its perimeter (the union of its
// zones), its references and a status event, the data version is bumped (tiles, ETags and notes follow),
// the zones import is marked published and the audit row written. Two publications of one plan take
// turns (an advisory lock on the plan), and the exclusion constraint of migration 0001 stays the last
// word: one published version per plan at any date.
//
// changeStatus records a change of legal status (public inquiry, approval with its decree and Bulletin
// officiel references, expiry, annulment…) with its date, on the version answering today by default.
import type pg from 'pg';
import { audit } from '../accounts/audit.js';
import { withTransaction } from '../db/pool.js';
import { AppError } from '../errors.js';
import type { Actor } from '../imports/store.js';
import { resolveAt, today } from '../shared/dates.js';
import type { PlanStatus } from '../shared/schemas.js';
import { draftForUpdate, publicationBlockers, setPerimeter, versionRow } from './drafts.js';

/** A plan d'aménagement is in force for 10 years from its approval (law 12-90, art. 28). */
export const DEVELOPMENT_PLAN_YEARS = 10;

export interface References {
  decreeRef?: string;
  boRef?: string;
  boDate?: string;
  approvedOn?: string;
  expiresOn?: string;
  regulationUrl?: string;
}

export interface PublishInput extends References {
  /** From when the version answers (default: today, Africa/Casablanca). */
  validFrom?: string;
  /** Its legal status then (default in_study: a version is never shown as in force unless it is said so). */
  status?: PlanStatus;
  /** When that status took effect (default: the approval date for approved, else validFrom). */
  statusOn?: string;
  /** The decision that made the status (decree, BO, order opening the inquiry…). */
  reference?: string;
}

export interface PublishResult {
  planId: number;
  planCode: string;
  versionId: number;
  versionNo: number;
  validFrom: string;
  status: PlanStatus;
  approvedOn: string | null;
  expiresOn: string | null;
  closedVersionId: number | null;
  dataVersion: number;
}

const date = (v: string | undefined) => (v === undefined ? undefined : resolveAt(v));

function addYears(d: string, years: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, day));
  if (t.getUTCDate() !== day) t.setUTCDate(0); // 29 February → 28 February
  return t.toISOString().slice(0, 10);
}

/** The approval and expiry dates a status change implies. */
function approvalDates(kind: string, status: PlanStatus, effectiveOn: string, refs: References): { approvedOn: string | null; expiresOn: string | null } {
  if (status !== 'approved') return { approvedOn: date(refs.approvedOn) ?? null, expiresOn: date(refs.expiresOn) ?? null };
  const approvedOn = date(refs.approvedOn) ?? effectiveOn;
  const expiresOn = date(refs.expiresOn) ?? (kind === 'development' ? addYears(approvedOn, DEVELOPMENT_PLAN_YEARS) : null);
  return { approvedOn, expiresOn };
}

async function lockPlan(db: pg.ClientBase, code: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('tasmim-plan:' || $1))`, [code]);
}

export async function publishDraft(pool: pg.Pool, versionId: number, input: PublishInput, actor: Actor): Promise<PublishResult> {
  const validFrom = resolveAt(input.validFrom ?? today());
  const status: PlanStatus = input.status ?? 'in_study';
  return withTransaction(pool, async (db) => {
    // The plan's lock first, then the version's row: the order every change of a plan takes.
    await lockPlan(db, (await versionRow(db, versionId)).planCode);
    const v = await draftForUpdate(db, versionId);
    const blockers = await publicationBlockers(db, versionId);
    if (blockers.zones === 0) throw new AppError('publish_blocked', { id: versionId, reason: 'it has no zone' });
    if (blockers.errors > 0) {
      throw new AppError('publish_blocked', { id: versionId, reason: `its import report has ${blockers.errors} error(s) (${blockers.codes.join(', ')})` }, { errors: blockers.errors, codes: blockers.codes });
    }
    const later = await db.query<{ version_no: number; valid_from: string; valid_to: string | null }>(
      `SELECT version_no, valid_from, valid_to FROM plan_versions
       WHERE plan_id = $1 AND state = 'published' AND valid_from >= $2::date ORDER BY valid_from LIMIT 1`,
      [v.planId, validFrom],
    );
    if (later.rows[0]) {
      const o = later.rows[0];
      throw new AppError('publish_conflict', { date: validFrom, other: o.version_no, from: o.valid_from, to: o.valid_to ?? '' });
    }
    const closed = await db.query<{ id: number; version_no: number }>(
      `UPDATE plan_versions SET valid_to = $2::date
       WHERE plan_id = $1 AND state = 'published' AND valid_from < $2::date AND (valid_to IS NULL OR valid_to > $2::date)
       RETURNING id, version_no`,
      [v.planId, validFrom],
    );
    const prev = closed.rows[0] ?? null;
    if (prev) {
      await db.query(
        `INSERT INTO plan_status_events (version_id, status, effective_on, reference) VALUES ($1, 'replaced', $2, $3)`,
        [prev.id, validFrom, `version ${v.versionNo}`],
      );
    }
    const effectiveOn = date(input.statusOn) ?? (status === 'approved' ? date(input.approvedOn) ?? validFrom : validFrom);
    const { approvedOn, expiresOn } = approvalDates(v.planKind, status, effectiveOn, input);
    await setPerimeter(db, versionId);
    await db.query(
      `UPDATE plan_versions SET state = 'published', valid_from = $2::date, valid_to = NULL, published_at = now(),
              decree_ref = COALESCE($3, decree_ref), bo_ref = COALESCE($4, bo_ref), bo_date = COALESCE($5::date, bo_date),
              approved_on = COALESCE($6::date, approved_on), expires_on = COALESCE($7::date, expires_on),
              regulation_url = COALESCE($8, regulation_url)
       WHERE id = $1`,
      [versionId, validFrom, input.decreeRef ?? null, input.boRef ?? null, date(input.boDate) ?? null, approvedOn, expiresOn, input.regulationUrl ?? null],
    );
    await db.query(
      `INSERT INTO plan_status_events (version_id, status, effective_on, reference) VALUES ($1, $2, $3, $4)`,
      [versionId, status, effectiveOn, input.reference ?? input.decreeRef ?? null],
    );
    const dv = await db.query<{ v: number }>('SELECT bump_data_version() v');
    await db.query(`UPDATE imports SET status = 'published' WHERE version_id = $1 AND status IN ('draft', 'applied')`, [versionId]);
    await audit(db, {
      actor: actor.user, action: 'plan.publish', target: { type: 'plan_version', id: versionId },
      details: { plan: v.planCode, versionNo: v.versionNo, validFrom, status, closedVersionId: prev?.id ?? null, by: actor.label },
    });
    return {
      planId: v.planId, planCode: v.planCode, versionId, versionNo: v.versionNo, validFrom, status, approvedOn, expiresOn,
      closedVersionId: prev?.id ?? null, dataVersion: Number(dv.rows[0]!.v),
    };
  }).catch((err: unknown) => {
    // The exclusion constraint: another publication won a race the lock did not cover.
    if ((err as { code?: string }).code === '23P01') throw new AppError('publish_conflict', { date: validFrom, other: '?', from: '?', to: '' });
    throw err;
  });
}

export interface StatusInput extends References {
  status: PlanStatus;
  /** When it took effect (default: today). */
  effectiveOn?: string;
  reference?: string;
  /** The version concerned (default: the one answering today, else the latest). */
  versionId?: number;
}

export interface StatusResult {
  planId: number;
  versionId: number;
  versionNo: number;
  status: PlanStatus;
  effectiveOn: string;
  approvedOn: string | null;
  expiresOn: string | null;
  dataVersion: number | null;
}

export async function changeStatus(pool: pg.Pool, planId: number, input: StatusInput, actor: Actor): Promise<StatusResult> {
  const effectiveOn = resolveAt(input.effectiveOn ?? today());
  return withTransaction(pool, async (db) => {
    const p = await db.query<{ id: number; code: string; kind: string; illustrative: boolean }>(
      'SELECT id, code, kind, illustrative FROM plans WHERE id = $1', [planId]);
    const plan = p.rows[0];
    if (!plan) throw new AppError('not_found', { what: 'plan', id: planId });
    if (plan.illustrative) throw new AppError('plan_illustrative', { code: plan.code });
    await lockPlan(db, plan.code);
    const v = await db.query<{ id: number; version_no: number; state: string }>(
      input.versionId !== undefined
        ? `SELECT id, version_no, state FROM plan_versions WHERE plan_id = $1 AND id = $2 FOR UPDATE`
        : `SELECT id, version_no, state FROM plan_versions WHERE plan_id = $1
           ORDER BY (state = 'published' AND valid_from <= $2::date AND (valid_to IS NULL OR $2::date < valid_to)) DESC,
                    (state = 'published') DESC, version_no DESC
           LIMIT 1 FOR UPDATE`,
      input.versionId !== undefined ? [planId, input.versionId] : [planId, today()],
    );
    const version = v.rows[0];
    if (!version) throw new AppError('not_found', { what: `version of plan ${planId}`, id: input.versionId ?? 'current' });
    const { approvedOn, expiresOn } = approvalDates(plan.kind, input.status, effectiveOn, input);
    await db.query(
      `UPDATE plan_versions SET decree_ref = COALESCE($2, decree_ref), bo_ref = COALESCE($3, bo_ref), bo_date = COALESCE($4::date, bo_date),
              approved_on = COALESCE($5::date, approved_on), expires_on = COALESCE($6::date, expires_on),
              regulation_url = COALESCE($7, regulation_url)
       WHERE id = $1`,
      [version.id, input.decreeRef ?? null, input.boRef ?? null, date(input.boDate) ?? null, approvedOn, expiresOn, input.regulationUrl ?? null],
    );
    await db.query(
      `INSERT INTO plan_status_events (version_id, status, effective_on, reference) VALUES ($1, $2, $3, $4)`,
      [version.id, input.status, effectiveOn, input.reference ?? input.decreeRef ?? null],
    );
    // What the public sees changes only with a published version.
    const dv = version.state === 'published' ? Number((await db.query<{ v: number }>('SELECT bump_data_version() v')).rows[0]!.v) : null;
    await audit(db, {
      actor: actor.user, action: 'plan.status', target: { type: 'plan_version', id: version.id },
      details: { plan: plan.code, versionNo: version.version_no, status: input.status, effectiveOn, reference: input.reference ?? null, by: actor.label },
    });
    return { planId, versionId: version.id, versionNo: version.version_no, status: input.status, effectiveOn, approvedOn, expiresOn, dataVersion: dv };
  });
}
