// The account routes' boundaries: one schema each for validation, serialisation (a field not named here
// is never sent, so a password hash cannot leak through a response), the OpenAPI document and the client.
import { Type, type Static } from 'typebox';
import { Nullable } from '../shared/schemas.js';
import { MAX_PASSWORD_LENGTH } from './passwords.js';

/** planner: imports, validates and publishes plans; instructor: instructs applications; admin: accounts. */
export const ROLES = ['planner', 'instructor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = Type.Enum(ROLES, { description: 'planner | instructor | admin (the public needs no account)' });

const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$', description: 'an email address' });
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });
const NewPassword = Type.String({
  minLength: 1,
  maxLength: MAX_PASSWORD_LENGTH,
  description: 'at least 12 characters, not a few characters repeated, not the email or the name',
});
const Timestamp = Type.String({ format: 'date-time' });

/** Who is signed in, as `GET /api/session` and every guarded route see them. */
export const SessionUser = Type.Object({ id: Type.Integer(), email: Type.String(), name: Type.String(), role: RoleSchema });
export type SessionUser = Static<typeof SessionUser>;

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });

export const SessionState = Type.Object({
  user: Nullable(SessionUser),
  csrfToken: Type.Optional(
    Type.String({ description: 'send it back in the `x-csrf-token` header of every POST, PUT, PATCH and DELETE' }),
  ),
  expiresAt: Type.Optional(Timestamp),
});
export type SessionState = Static<typeof SessionState>;

export const UserOut = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  disabled: Type.Boolean(),
  createdAt: Timestamp,
  lastLoginAt: Nullable(Timestamp),
});
export type UserOut = Static<typeof UserOut>;

const Limit = Type.Integer({ minimum: 1, maximum: 500, default: 100 });
const Cursor = Type.String({ pattern: '^[0-9]{1,15}$', description: 'the `next` value of the previous page' });

export const UserListQuery = Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) });
export const UserList = Type.Object({ users: Type.Array(UserOut), next: Nullable(Type.String()) });

export const UserIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$', description: 'the numeric user id' }) });

export const CreateUserBody = Type.Object(
  {
    email: Email,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    password: Type.Optional(NewPassword),
  },
  { additionalProperties: false, description: 'without `password`, a one-time password is generated and shown once' },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean({ description: 'true signs the account out everywhere' })),
    password: Type.Optional(NewPassword),
    generatePassword: Type.Optional(Type.Boolean({ description: 'true: reset to a one-time password shown once' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const UserChanged = Type.Object({
  user: UserOut,
  generatedPassword: Type.Optional(
    Type.String({ description: 'shown this once and stored nowhere in clear: give it to the person by a safe channel' }),
  ),
});

export const AuditQuery = Type.Object({
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor),
  action: Type.Optional(Type.String({ pattern: '^[a-z][a-z_]*(\\.[a-z][a-z_]*)+$', description: 'e.g. plan.publish' })),
});

export const AuditEvent = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  actor: Nullable(Type.Object({ id: Type.Integer(), email: Type.String(), name: Type.String() }, { description: 'null: the system' })),
  actorRole: Nullable(RoleSchema),
  action: Type.String(),
  target: Nullable(Type.Object({ type: Type.String(), id: Type.String() })),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditPage = Type.Object({
  events: Type.Array(AuditEvent),
  next: Nullable(Type.String({ description: 'cursor of the next (older) page, null on the last' })),
});
