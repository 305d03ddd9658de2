// Sign-in, sign-out and the current session; the accounts and the audit trail for admins.
//
//   GET    /api/session     who is signed in, their role and the CSRF token (or { user: null })
//   POST   /api/session     sign in (email + password); sets the session cookie
//   DELETE /api/session     sign out
//   GET    /api/users       admin: the accounts, keyset-paged
//   POST   /api/users       admin: create an account (with a password, or a one-time one shown once)
//   PATCH  /api/users/:id   admin: role, disable, reset password
//   GET    /api/audit       admin: the audit trail, newest first, keyset-paged, by action
//
// Sign-in needs no CSRF token (there is no session yet): another site cannot post JSON to it without a
// CORS preflight, which the API refuses to other origins, and a form's text/plain body fails the schema.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../config.js';
import { withTransaction } from '../db/pool.js';
import { AppError } from '../errors.js';
import { ErrorBody } from '../shared/schemas.js';
import { audit, listAudit } from './audit.js';
import { csrfValid, currentSession, requireRole } from './guard.js';
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import {
  AuditPage,
  AuditQuery,
  CreateUserBody,
  LoginBody,
  SessionState,
  UpdateUserBody,
  UserChanged,
  UserIdParams,
  UserList,
  UserListQuery,
} from './schemas.js';
import { SessionStore } from './sessions.js';
import { LoginThrottle } from './throttle.js';
import { createUser, findForLogin, listUsers, updateUser } from './users.js';

export type AccountOptions = Pick<Config, 'COOKIE_SECURE' | 'SESSION_IDLE_MINUTES' | 'SESSION_MAX_HOURS'>;


const routes: FastifyPluginAsyncTypebox = async (app) => {
  const sessions = app.sessions;
  const throttle = new LoginThrottle();
  // Answers about accounts are personal: never stored by a browser or a proxy.
  app.addHook('onRequest', async (_req, reply) => {
    void reply.header('cache-control', 'no-store');
  });

  const clearCookie = (reply: FastifyReply) => {
    void reply.clearCookie(sessions.cookieName, sessions.cookieOptions());
  };
  const tokenOf = (req: FastifyRequest) => req.cookies[sessions.cookieName];

  app.get(
    '/api/session',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Who is signed in, with their role and the CSRF token to send in `x-csrf-token`; `{ user: null }` if nobody',
        response: { 200: SessionState },
      },
    },
    async (req, reply) => {
      const session = await currentSession(req);
      if (!session) {
        if (tokenOf(req)) clearCookie(reply);
        return { user: null };
      }
      return { user: session.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/session',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in: sets the session cookie and answers the user and the CSRF token (5 failures a minute per address and per account, then 429)',
        body: LoginBody,
        response: { 200: SessionState, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { email, password } = req.body;
      const ipKey = `ip:${req.ip}`;
      const accountKey = `account:${email.trim().toLowerCase()}`;
      const gate = throttle.take([ipKey, accountKey]);
      if (!gate.ok) throw new AppError('too_many_login_attempts', { seconds: gate.retryAfterS });

      // The same work whether the account exists or not: one scrypt, one audit row.
      const candidate = await findForLogin(app.db, email);
      const matches = await verifyPassword(candidate?.password_hash ?? DUMMY_HASH, password);
      if (!candidate || !matches || candidate.disabled) {
        const reason = !candidate ? 'unknown_account' : !matches ? 'wrong_password' : 'disabled';
        await audit(app.db, {
          actor: null,
          action: 'session.login_failed',
          target: candidate ? { type: 'user', id: candidate.id } : null,
          details: { reason },
        });
        throw new AppError('invalid_credentials');
      }
      throttle.giveBack(ipKey);
      throttle.clear(accountKey);

      const user = { id: candidate.id, email: candidate.email, name: candidate.display_name, role: candidate.role };
      const rehash = needsRehash(candidate.password_hash) ? await hashPassword(password) : null;
      const opened = await withTransaction(app.db, async (c) => {
        await sessions.close(c, tokenOf(req));
        const s = await sessions.open(c, user.id);
        await c.query('UPDATE users SET last_login_at = now(), password_hash = coalesce($2, password_hash) WHERE id = $1', [user.id, rehash]);
        await audit(c, {
          actor: user,
          action: 'session.login',
          target: { type: 'user', id: user.id },
          details: rehash ? { hashUpgraded: true } : {},
        });
        return s;
      });
      void reply.setCookie(sessions.cookieName, opened.token, sessions.cookieOptions());
      return { user, csrfToken: opened.csrfToken, expiresAt: opened.expiresAt.toISOString() };
    },
  );

  app.delete(
    '/api/session',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign out: deletes the session (needs `x-csrf-token` when signed in); 204 also when nobody was',
        response: { 204: Type.Null({ description: 'no content' }), 403: ErrorBody },
      },
    },
    async (req, reply) => {
      const session = await currentSession(req);
      if (session) {
        if (!csrfValid(req, session)) throw new AppError('csrf_invalid');
        await withTransaction(app.db, async (c) => {
          await sessions.close(c, tokenOf(req));
          await audit(c, { actor: session.user, action: 'session.logout', target: { type: 'user', id: session.user.id } });
        });
      }
      clearCookie(reply);
      return reply.status(204).send(null);
    },
  );

  const admin = requireRole('admin');

  app.get(
    '/api/users',
    {
      preHandler: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Admin: the accounts, by id, keyset-paged (follow `next`)',
        querystring: UserListQuery,
        response: { 200: UserList, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => listUsers(app.db, req.query.limit ?? 100, req.query.cursor === undefined ? undefined : Number(req.query.cursor)),
  );

  app.post(
    '/api/users',
    {
      preHandler: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Admin: create an account; without `password`, a one-time password is generated and answered once',
        body: CreateUserBody,
        response: { 201: UserChanged, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(app.db, req.body, req.user)),
  );

  app.patch(
    '/api/users/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Admin: change the role, disable or enable, reset the password (given, or generated and answered once)',
        params: UserIdParams,
        body: UpdateUserBody,
        response: { 200: UserChanged, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      const session = (await currentSession(req))!;
      return updateUser(app.db, sessions, Number(req.params.id), req.body, session.user, session.id);
    },
  );

  app.get(
    '/api/audit',
    {
      preHandler: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Admin: the audit trail, newest first, keyset-paged (follow `next`), optionally one action',
        querystring: AuditQuery,
        response: { 200: AuditPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) =>
      listAudit(app.db, {
        limit: req.query.limit ?? 100,
        cursor: req.query.cursor === undefined ? undefined : Number(req.query.cursor),
        action: req.query.action,
      }),
  );
};

/**
 * Registers sessions for the whole server (`app.sessions`, `request.user`, used by `requireRole` in every
 * slice), then the account routes. Needs @fastify/cookie, registered once among the infrastructure.
 */
async function accounts(app: FastifyInstance, opts: AccountOptions): Promise<void> {
  if (!app.hasReplyDecorator('setCookie')) throw new Error('register @fastify/cookie before accountRoutes');
  app.decorate(
    'sessions',
    new SessionStore(app.db, { cookieSecure: opts.COOKIE_SECURE, idleMinutes: opts.SESSION_IDLE_MINUTES, maxHours: opts.SESSION_MAX_HOURS }),
  );
  app.decorateRequest('user', null);
  await app.register(routes);
}

// Not encapsulated (Fastify's documented 'skip-override'): `sessions` and `request.user` must be seen by
// the routes of every other slice. Register it before them: a request decorator reaches only the plugins
// registered after it.
export const accountRoutes = Object.assign(accounts, { [Symbol.for('skip-override')]: true });
