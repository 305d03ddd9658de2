-- 0014 — problem reports from the map (issue 9, part 3): a citizen reports a wrong zone, an outdated rule,
-- a missing road… at a point or on a parcel; the agency's staff answer and close it; the citizen follows
-- it on a public page with the report number and a tracking code.
--
-- Decisions:
--  * Like notes (0005), the number (SIG-2026-000123) is sequential and enumerable; reading a report needs
--    the 125-bit tracking code too, kept only as its SHA-256. A wrong code answers like an unknown number.
--  * Personal data kept minimal: no name, no address; an optional contact (one email or phone, for the
--    staff to reach the reporter), shown to staff only, erased when the report is closed, never logged nor
--    written to the audit trail.
--  * The photo lives in the row (bytea, a few MB at most), so a report and its photo are written together
--    or not at all; its metadata (EXIF GPS, camera, XMP, comments) is stripped before it is stored
--    (server/reports/photo.ts).
--  * Every step is a row of report_events (received, answered, closed) with who and when, written in the
--    same transaction as the change, and an audit_events row for the staff's steps (server/accounts/audit.ts).

CREATE SEQUENCE report_number_seq AS bigint;

CREATE TABLE reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number text NOT NULL UNIQUE CHECK (number ~ '^SIG-[0-9]{4}-[0-9]{6,}$'),
  token_sha256 bytea NOT NULL CHECK (length(token_sha256) = 32),
  category text NOT NULL CHECK (category IN ('wrong_zone', 'outdated_rule', 'missing_road', 'other')),
  description text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 4000),
  geom_4326 geometry(Point, 4326) NOT NULL,
  parcel_id bigint REFERENCES parcels (id),
  lang text NOT NULL CHECK (lang IN ('ar', 'fr', 'en')),        -- the language the reporter wrote in
  contact text CHECK (length(contact) <= 254),
  photo bytea CHECK (length(photo) <= 10485760),
  photo_type text CHECK (photo_type IN ('image/jpeg', 'image/png', 'image/webp')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
  answer text CHECK (length(btrim(answer)) BETWEEN 1 AND 4000),
  answer_lang text CHECK (answer_lang IN ('ar', 'fr', 'en')),
  answered_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((photo IS NULL) = (photo_type IS NULL)),
  CHECK ((answer IS NULL) = (answer_lang IS NULL) AND (answer IS NULL) = (answered_at IS NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX reports_status_idx ON reports (status, id);
CREATE INDEX reports_geom_gix ON reports USING gist (geom_4326);
COMMENT ON TABLE reports IS 'Problem reports from the map; read publicly only with number + tracking code.';
COMMENT ON COLUMN reports.contact IS 'Optional email or phone of the reporter: personal data, staff only, erased at closing, never logged.';

CREATE TABLE report_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL CHECK (kind IN ('received', 'answered', 'closed')),
  actor_id integer REFERENCES users (id),                  -- null: the reporter (received)
  actor_role user_role,
  answer text,
  answer_lang text CHECK (answer_lang IN ('ar', 'fr', 'en')),
  CHECK (kind = 'received' OR actor_id IS NOT NULL)
);
CREATE INDEX report_events_report_idx ON report_events (report_id, id);
COMMENT ON TABLE report_events IS 'Every step of a report, with who (staff) and when.';
