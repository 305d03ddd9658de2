-- 0011 — requests for the official urban planning information note (issue 8): a citizen files one online
-- with their identity and documents, follows it with a secret tracking code; instructors process it.
--
-- Decisions:
--  * Personal data (law 09-08 on the protection of individuals with regard to the processing of personal
--    data, art. 3: collected for a specified purpose, adequate, not excessive): the applicant's name,
--    national ID number (CIN), phone, e-mail, capacity and documents are kept only here, for the
--    instruction of the request. They never go to the audit trail, the logs or a note. The applicant's
--    acceptance of the notice is recorded (consent_at; art. 4: consent).
--  * The file number (DRU-2026-000123) is sequential, hence enumerable; reading a file also needs the
--    tracking code (125 random bits), of which only the SHA-256 is kept. A wrong code answers like an
--    unknown file (no oracle), as for notes (0005).
--  * Attachments are stored in the database (bytea, a few MB each, capped by the server) so that a request
--    and its documents are committed together, and are served only to staff or to the applicant with the
--    code (art. 23: security of processing), never from a public URL.
--  * The official note is an ordinary row of `notes` with kind 'official'. Its verification code is kept
--    here sealed for the applicant: each request has an RSA key pair made at submission, its private key
--    stored encrypted with the tracking code (PKCS#8, AES-256). The instructor's step seals the note's code
--    with the public key; only the holder of the tracking code can open it from the status page, and a
--    copy of this table does not give it.
--  * Every step is a row of request_events (who, when, what); the staff's steps are in audit_events too.
--  * Notifications go through an outbox (request_notifications), sent by the server's worker when SMTP is
--    configured, with retries; every notification is also shown on the status page.

CREATE SEQUENCE request_number_seq AS bigint;

CREATE TABLE requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_number text NOT NULL UNIQUE CHECK (file_number ~ '^DRU-[0-9]{4}-[0-9]{6,}$'),
  code_sha256 bytea NOT NULL CHECK (length(code_sha256) = 32),
  status text NOT NULL DEFAULT 'submitted'
    CHECK (status IN ('submitted', 'under_review', 'info_requested', 'issued', 'rejected')),
  selection jsonb NOT NULL CHECK (jsonb_typeof(selection) = 'object'),
  land jsonb NOT NULL CHECK (jsonb_typeof(land) = 'object'),   -- the land's outline at submission, GeoJSON EPSG:4326
  parcel_refs text[] NOT NULL DEFAULT '{}',
  commune_code text,
  applicant_name text NOT NULL CHECK (length(btrim(applicant_name)) BETWEEN 2 AND 200),
  cin text NOT NULL CHECK (cin ~ '^[A-Z]{1,2}[0-9]{1,6}$'),
  phone text NOT NULL CHECK (length(phone) BETWEEN 6 AND 20),
  email text NOT NULL CHECK (length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  capacity text NOT NULL CHECK (capacity IN ('owner', 'mandated')),
  purpose text NOT NULL CHECK (length(btrim(purpose)) BETWEEN 3 AND 1000),
  lang text NOT NULL DEFAULT 'fr' CHECK (lang IN ('ar', 'fr', 'en')),
  consent_at timestamptz NOT NULL,
  assigned_to integer REFERENCES users (id),
  note_reference text REFERENCES notes (reference),
  box_public_key text NOT NULL,                       -- PEM (SPKI)
  box_private_key text NOT NULL,                      -- PEM (PKCS#8), encrypted with the tracking code
  note_code_sealed bytea,                             -- RSA-OAEP of the note's verification code
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX requests_status_idx ON requests (status, id);
CREATE INDEX requests_commune_idx ON requests (commune_code, id);
CREATE INDEX requests_assigned_idx ON requests (assigned_to, id);
COMMENT ON TABLE requests IS 'Requests for the official note: personal data under law 09-08, read only by staff and the applicant (with the code).';

CREATE TABLE request_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id bigint NOT NULL REFERENCES requests (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id integer REFERENCES users (id),             -- null: the applicant
  kind text NOT NULL CHECK (kind IN ('submitted', 'assigned', 'info_requested', 'applicant_replied',
                                     'documents_added', 'note_issued', 'rejected')),
  status text NOT NULL,                               -- the file's status after this step
  message text CHECK (length(message) <= 4000),       -- the question, the answer or the reason
  details jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object')
);
CREATE INDEX request_events_request_idx ON request_events (request_id, id);

CREATE TABLE request_attachments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id bigint NOT NULL REFERENCES requests (id),
  event_id bigint REFERENCES request_events (id),
  kind text NOT NULL CHECK (kind IN ('property_certificate', 'plan', 'document')),
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_attachments_request_idx ON request_attachments (request_id, id);

CREATE TABLE request_notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id bigint NOT NULL REFERENCES requests (id),
  event_id bigint REFERENCES request_events (id),
  subject text NOT NULL,
  body text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX request_notifications_due_idx ON request_notifications (next_attempt_at) WHERE state = 'pending';
CREATE INDEX request_notifications_request_idx ON request_notifications (request_id, id);
COMMENT ON TABLE request_notifications IS 'Outbox: e-mails to applicants, sent by the server worker when SMTP_URL is set; always shown on the status page.';
