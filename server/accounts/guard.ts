// The one guard of every route that needs an account (ARCHITECTURE.md §7):
//
//   app.post('/api/plans/:id/publish', { preHandler: requireRole('planner'), schema: … }, async (req) => {
//     await withTransaction(app.db, async (c) => {
//       … the change …
//       await audit(c, { actor: req.user, action: 'plan.publish', target: { type: 'plan', id }, details: { versionNo } });
//     });
//   });
//
// It needs only the cookie and the headers, so it also works as `onRequest: requireRole(…)`: use that on
// uploads, so that nobody without an account gets as far as sending the body (a preHandler runs after it
// was read and parsed).
//
// In order: no valid session → 401 authentication_required; a POST, PUT, PATCH or DELETE without the
// session's CSRF token in the `x-csrf-token` header → 403 csrf_invalid; a role not named → 403 forbidden.
// Roles are named explicitly: admin does not imply planner (accounts and publication are separate duties).
//
// CSRF: synchronizer token (OWASP CSRF Prevention Cheat Sheet). Each session has a random token, kept
// server-side with the session and handed to the page by `GET /api/session`; another site can neither
// read it (the cookie is HttpOnly; CORS never allows credentials, even for CORS_ORIGINS) nor guess it. It is
// kept with our own session rather than by @fastify/csrf-protection, which needs @fastify/session to
// keep its secret server-side, or else keeps it in a second cookie (double submit), which a sibling
// subdomain could overwrite. SameSite=Strict already stops most cross-site requests; the token is the
// defence that does not depend on the browser.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { Role, SessionUser } from './schemas.js';
import { sameSecret, type Session, type SessionStore } from './sessions.js';

export { ROLES, type Role } from './schemas.js';

/** The signed-in user of a guarded route. */
export type AuthUser = SessionUser;

declare module 'fastify' {
  interface FastifyInstance {
    /** Server-side sessions (server/accounts/sessions.ts), decorated by accountRoutes. */
    sessions: SessionStore;
  }
  interface FastifyRequest {
    /** Set by `requireRole` on the routes it guards; null elsewhere. */
    user: AuthUser | null;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const CSRF_HEADER = 'x-csrf-token';

/** The request's session, or null (no cookie, unknown, expired, idle too long, account disabled). */
export function currentSession(request: FastifyRequest): Promise<Session | null> {
  const store = request.server.sessions as SessionStore | undefined;
  if (!store) throw new Error('accountRoutes is not registered: requireRole needs it (server/app.ts)');
  return store.current(request);
}

/** True when the request carries the session's CSRF token. */
export function csrfValid(request: FastifyRequest, session: Session): boolean {
  const sent = request.headers[CSRF_HEADER];
  return typeof sent === 'string' && sent.length > 0 && sameSecret(sent, session.csrfToken);
}

/** A preHandler admitting a signed-in user with one of `roles` (and the CSRF token on state changes). */
export function requireRole(...roles: [Role, ...Role[]]): (request: FastifyRequest) => Promise<void> {
  if (roles.length === 0) throw new Error('requireRole needs at least one role');
  return async function guard(request: FastifyRequest): Promise<void> {
    const session = await currentSession(request);
    if (!session) throw new AppError('authentication_required');
    if (STATE_CHANGING.has(request.method) && !csrfValid(request, session)) throw new AppError('csrf_invalid');
    if (!roles.includes(session.user.role)) {
      throw new AppError('forbidden', { required: roles.join(', '), role: session.user.role }, { required: roles });
    }
    request.user = session.user;
  };
}

/** `request.user` on a guarded route, typed non-null; throws 401 if the route forgot its guard. */
export function userOf(request: FastifyRequest): AuthUser {
  if (!request.user) throw new AppError('authentication_required');
  return request.user;
}
