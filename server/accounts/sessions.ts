// Server-side sessions. The cookie carries a 256-bit random token; the database keeps only its SHA-256,
// with the session's CSRF token, its absolute end and the time it was last used (for the idle end).
//
// The cookie (RFC 6265bis): HttpOnly (scripts cannot read it), SameSite=Strict (no other site's page can
// make the browser send it), Path=/, Secure unless COOKIE_SECURE=false (plain-HTTP localhost only). When
// Secure, it is named with the `__Host-` prefix, which browsers accept only when Secure, Path=/ and no
// Domain: no sibling subdomain can plant or overwrite it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Queryable } from './audit.js';
import type { Role, SessionUser } from './schemas.js';

export interface SessionSettings {
  cookieSecure: boolean;
  idleMinutes: number;
  maxHours: number;
}

export interface Session {
  /** SHA-256 of the cookie's token: the row's key. */
  id: Buffer;
  user: SessionUser;
  csrfToken: string;
  expiresAt: Date;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/; // 32 bytes in base64url

const newSecret = () => randomBytes(32).toString('base64url');
const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time equality of two strings of any length (their SHA-256 digests are compared). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

interface SessionRow {
  user_id: number;
  email: string;
  display_name: string;
  role: Role;
  csrf_token: string;
  expires_at: Date;
  stale: boolean;
}

export class SessionStore {
  readonly cookieName: string;
  private readonly cache = new WeakMap<FastifyRequest, Promise<Session | null>>();

  constructor(
    private readonly db: pg.Pool,
    readonly settings: SessionSettings,
  ) {
    this.cookieName = settings.cookieSecure ? '__Host-tasmim_session' : 'tasmim_session';
  }

  cookieOptions(): CookieSerializeOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: this.settings.cookieSecure,
      maxAge: this.settings.maxHours * 3600,
    };
  }

  /** The request's session (looked up once per request), or null when absent, unknown, expired or disabled. */
  current(request: FastifyRequest): Promise<Session | null> {
    let found = this.cache.get(request);
    if (!found) {
      found = this.lookup(request.cookies?.[this.cookieName]);
      this.cache.set(request, found);
    }
    return found;
  }

  private async lookup(token: string | undefined): Promise<Session | null> {
    if (!token || !TOKEN.test(token)) return null;
    const id = sha256(token);
    const { rows } = await this.db.query<SessionRow>(
      `SELECT u.id AS user_id, u.email, u.display_name, u.role, s.csrf_token, s.expires_at,
              s.last_seen_at < now() - interval '1 minute' AS stale
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)
          AND NOT u.disabled`,
      [id, this.settings.idleMinutes],
    );
    const row = rows[0];
    if (!row) return null;
    // The idle clock restarts at most once a minute, so reading pages does not write a row per request.
    if (row.stale) await this.db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [id]);
    return {
      id,
      user: { id: row.user_id, email: row.email, name: row.display_name, role: row.role },
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
    };
  }

  /**
   * Opens a session for the user and returns the token for the cookie. Always a new token (the one the
   * browser held before, if any, is deleted by the caller): a token planted before sign-in is worthless
   * after it (session fixation, OWASP Session Management Cheat Sheet).
   */
  async open(db: Queryable, userId: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = newSecret();
    const csrfToken = newSecret();
    // Sessions past their end are removed here rather than by a job: sign-ins are rare enough.
    await db.query(
      `DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $1)`,
      [this.settings.idleMinutes],
    );
    const { rows } = await db.query<{ expires_at: Date }>(
      `INSERT INTO sessions (id, user_id, csrf_token, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING expires_at`,
      [sha256(token), userId, csrfToken, this.settings.maxHours],
    );
    return { token, csrfToken, expiresAt: rows[0]!.expires_at };
  }

  /** Deletes the session the cookie names, if any (sign-out, or the old session at sign-in). */
  async close(db: Queryable, token: string | undefined): Promise<void> {
    if (token && TOKEN.test(token)) await db.query('DELETE FROM sessions WHERE id = $1', [sha256(token)]);
  }

  /** Signs a user out everywhere (account disabled, password reset), except the session `keep`. */
  async closeAllOf(db: Queryable, userId: number, keep?: Buffer): Promise<void> {
    await db.query('DELETE FROM sessions WHERE user_id = $1 AND ($2::bytea IS NULL OR id <> $2)', [userId, keep ?? null]);
  }
}
