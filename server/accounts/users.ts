// Accounts: creation (by an admin or `npm run user:create`), listing and changes (role, disable, password
// reset), each change written with its audit event in one transaction. Passwords are hashed before the
// transaction opens, so a third of a second of scrypt does not hold a connection.
import type pg from 'pg';
import { withTransaction } from '../db/pool.js';
import { AppError, notFound } from '../errors.js';
import { audit, type AuditEntry, type Queryable } from './audit.js';
import { generatePassword, hashPassword, passwordWeakness } from './passwords.js';
import type { Role, UserOut } from './schemas.js';
import type { SessionStore } from './sessions.js';

interface UserRow {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  disabled: boolean;
  created_at: Date;
  last_login_at: Date | null;
}

const COLUMNS = 'id, email, display_name, role, disabled, created_at, last_login_at';

export const toUserOut = (r: UserRow): UserOut => ({
  id: r.id,
  email: r.email,
  name: r.display_name,
  role: r.role,
  disabled: r.disabled,
  createdAt: r.created_at.toISOString(),
  lastLoginAt: r.last_login_at?.toISOString() ?? null,
});

type Actor = AuditEntry['actor'];

/** Refuses a weak new password with 400 weak_password, saying why. */
export function checkNewPassword(password: string, identity: { email?: string; name?: string }): void {
  const weakness = passwordWeakness(password, identity);
  if (weakness) throw new AppError('weak_password', { reason: weakness });
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  /** Absent: a one-time password is generated and returned once. */
  password?: string;
}

export async function createUser(
  pool: pg.Pool,
  input: NewUser,
  actor: Actor,
  via: 'api' | 'cli' = 'api',
): Promise<{ user: UserOut; generatedPassword?: string }> {
  const email = input.email.trim();
  const name = input.name.trim();
  if (!name) throw new AppError('invalid_request', { detail: 'name must not be blank' });
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generated!;
  checkNewPassword(password, { email, name });
  const hash = await hashPassword(password);
  const user = await withTransaction(pool, async (c) => {
    let row: UserRow;
    try {
      const inserted = await c.query<UserRow>(
        `INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
        [email, name, input.role, hash],
      );
      row = inserted.rows[0]!;
    } catch (err) {
      if ((err as { code?: string; constraint?: string }).constraint === 'users_email_key') throw new AppError('email_taken', { email });
      throw err;
    }
    await audit(c, {
      actor,
      action: 'user.create',
      target: { type: 'user', id: row.id },
      details: { role: input.role, passwordGenerated: generated !== undefined, via },
    });
    return toUserOut(row);
  });
  return generated === undefined ? { user } : { user, generatedPassword: generated };
}

export async function listUsers(db: Queryable, limit: number, cursor?: number): Promise<{ users: UserOut[]; next: string | null }> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${COLUMNS} FROM users WHERE ($1::integer IS NULL OR id > $1) ORDER BY id LIMIT $2`,
    [cursor ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  return { users: page.map(toUserOut), next: rows.length > limit ? String(page[page.length - 1]!.id) : null };
}

export interface UserChange {
  role?: Role;
  disabled?: boolean;
  password?: string;
  generatePassword?: boolean;
}

/**
 * Changes an account. Disabling it or resetting its password signs it out everywhere (but for the
 * admin's own session when they reset their own password). No change may leave the agency without an
 * enabled admin (409 last_admin): the enabled admins are locked while counting, so two admins demoting
 * each other at the same moment cannot both succeed.
 */
export async function updateUser(
  pool: pg.Pool,
  sessions: SessionStore,
  id: number,
  change: UserChange,
  actor: NonNullable<Actor>,
  actorSession?: Buffer,
): Promise<{ user: UserOut; generatedPassword?: string }> {
  if (change.password !== undefined && change.generatePassword) {
    throw new AppError('invalid_request', { detail: 'give either password or generatePassword, not both' });
  }
  const existing = (await pool.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id])).rows[0];
  if (!existing) throw notFound('user', id);
  const generated = change.generatePassword ? generatePassword() : undefined;
  const newPassword = change.password ?? generated;
  if (newPassword !== undefined) checkNewPassword(newPassword, { email: existing.email, name: existing.display_name });
  const hash = newPassword === undefined ? null : await hashPassword(newPassword);

  const user = await withTransaction(pool, async (c) => {
    const before = (await c.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id])).rows[0]!;
    const role = change.role ?? before.role;
    const disabled = change.disabled ?? before.disabled;
    const wasAdmin = before.role === 'admin' && !before.disabled;
    if (wasAdmin && (role !== 'admin' || disabled)) {
      const { rows } = await c.query<{ id: number }>(`SELECT id FROM users WHERE role = 'admin' AND NOT disabled FOR UPDATE`);
      if (!rows.some((r) => r.id !== id)) throw new AppError('last_admin');
    }
    const { rows } = await c.query<UserRow>(
      `UPDATE users SET role = $2, disabled = $3,
              password_hash = coalesce($4, password_hash),
              password_changed_at = CASE WHEN $4::text IS NULL THEN password_changed_at ELSE now() END
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, role, disabled, hash],
    );
    if (disabled && !before.disabled) await sessions.closeAllOf(c, id);
    else if (hash) await sessions.closeAllOf(c, id, actor.id === id ? actorSession : undefined);
    const details: Record<string, unknown> = {};
    if (role !== before.role) details.role = { from: before.role, to: role };
    if (disabled !== before.disabled) details.disabled = { from: before.disabled, to: disabled };
    if (hash) details.passwordReset = generated === undefined ? 'given' : 'generated';
    await audit(c, { actor, action: 'user.update', target: { type: 'user', id }, details });
    return toUserOut(rows[0]!);
  });
  return generated === undefined ? { user } : { user, generatedPassword: generated };
}

export interface LoginCandidate {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
}

export async function findForLogin(db: Queryable, email: string): Promise<LoginCandidate | null> {
  const { rows } = await db.query<LoginCandidate>(
    'SELECT id, email, display_name, role, password_hash, disabled FROM users WHERE lower(email) = lower($1)',
    [email.trim()],
  );
  return rows[0] ?? null;
}
