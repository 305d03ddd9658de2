-- 0008 — staff accounts, server-side sessions and the audit trail (ARCHITECTURE.md §7 "Accounts once").
--
-- Decisions:
--  * The public needs no account. Staff have one role each: planner (imports, validates, publishes plans),
--    instructor (instructs applications), admin (manages accounts, reads the audit trail). Every route
--    that changes state names the roles it admits (server/accounts/guard.ts); no role implies another.
--  * An email is unique whatever its case (unique index on lower(email)); it is stored as typed.
--  * Only a self-describing scrypt hash of the password is kept (PHC string format, see
--    server/accounts/passwords.ts), so its parameters can be raised later and old hashes are upgraded at
--    the next sign-in. There is no default account: the first admin is made by `npm run user:create`.
--  * Accounts are disabled, never deleted: the audit trail keeps pointing at them.
--  * Sessions live here, not in the cookie. The cookie carries a 256-bit random token and only its SHA-256
--    is stored, so a copy of this table does not let anyone in. A session ends at expires_at (absolute) or
--    after SESSION_IDLE_MINUTES without a request (last_seen_at, checked by the server), at sign-out, and
--    when its account is disabled or its password reset. Its CSRF token lives with it (synchronizer
--    token pattern, OWASP CSRF Prevention Cheat Sheet).
--  * The audit trail is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). It names who did what
--    to which object; its details never hold passwords, tokens or personal data of citizens.

CREATE TYPE user_role AS ENUM ('planner', 'instructor', 'admin');

CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL CHECK (length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
  role user_role NOT NULL,
  -- '$scrypt$v=1$ln=15,r=8,p=3$<salt>$<hash>' (server/accounts/passwords.ts)
  password_hash text NOT NULL CHECK (password_hash ~ '^\$[a-z0-9-]+\$'),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
COMMENT ON TABLE users IS 'Staff accounts (the public needs none); disabled, never deleted.';

CREATE TABLE sessions (
  id bytea PRIMARY KEY CHECK (length(id) = 32),          -- SHA-256 of the token held by the cookie
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL CHECK (length(csrf_token) >= 43),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,                        -- absolute end (SESSION_MAX_HOURS after sign-in)
  last_seen_at timestamptz NOT NULL DEFAULT now()         -- idle end: last_seen_at + SESSION_IDLE_MINUTES
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
COMMENT ON TABLE sessions IS 'Server-side sessions, keyed by the SHA-256 of the cookie token.';

CREATE TABLE audit_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id integer REFERENCES users (id),                 -- null: the system (the command line, a job)
  actor_role user_role,                                   -- the role the actor had when acting
  action text NOT NULL CHECK (action ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),  -- plan.publish, user.create…
  target_type text CHECK (target_type ~ '^[a-z][a-z_]*$'),
  target_id text,
  details jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
  CHECK ((target_type IS NULL) = (target_id IS NULL)),
  CHECK (actor_id IS NOT NULL OR actor_role IS NULL)
);
CREATE INDEX audit_events_action_idx ON audit_events (action, id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id);
CREATE INDEX audit_events_target_idx ON audit_events (target_type, target_id, id);
CREATE INDEX audit_events_at_idx ON audit_events (at);
COMMENT ON TABLE audit_events IS
  'Who did what to which object, written in the same transaction as the change; append-only.';

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % refused', lower(TG_OP)
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
