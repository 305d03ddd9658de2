-- 0009 — imports: the files planners bring (zones of a plan, parcels, overlays), what was found in them and
-- what became of them. See server/imports/ (reading, validation, drafts) and server/publishing/ (publication,
-- status changes).
--
-- Decisions:
--  * An import of zones creates a DRAFT plan version (migration 0001: versions_at() only returns published
--    ones, so tiles, identify, sheets, search and notes never see a draft). Publishing it is a separate,
--    explicit step, in one transaction (server/publishing/publish.ts).
--  * Parcels and overlays have no draft stage of their own: parcels are applied at once (closing the
--    parcels they replace, so `?at=` still answers with the old ones), overlays go into a draft version.
--  * Every import is recorded, also those refused (status failed / rejected), with its validation report,
--    so a planner can see why a file was refused and the agency keeps the history. The report is data
--    (problem codes with their parameters), rendered in the reader's language by the API.
--  * The staging area is a temporary table of the import's own transaction (dropped at its end), so an
--    import that fails leaves nothing behind and two imports never share rows.

CREATE TYPE import_target AS ENUM ('zones', 'parcels', 'overlays');
-- failed: the file could not be read (no draft, nothing applied); rejected: read, but blocking problems
-- (parcels, overlays: nothing applied); draft: a draft version was made; applied: parcels or overlays
-- written; published: its draft was published; discarded: its draft was deleted.
CREATE TYPE import_status AS ENUM ('failed', 'rejected', 'draft', 'applied', 'published', 'discarded');

CREATE TABLE imports (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  target import_target NOT NULL,
  status import_status NOT NULL,
  file_name text NOT NULL CHECK (length(file_name) <= 255),
  format text,                                      -- geojson, shapefile, geopackage
  plan_id integer REFERENCES plans ON DELETE SET NULL,
  version_id integer REFERENCES plan_versions ON DELETE SET NULL,
  options jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(options) = 'object'),   -- the mapping asked
  report jsonb NOT NULL CHECK (jsonb_typeof(report) = 'object'),
  error_count integer NOT NULL DEFAULT 0,
  warning_count integer NOT NULL DEFAULT 0,
  actor_id integer REFERENCES users (id),           -- the account that imported; null: the command line
  actor text NOT NULL,                              -- its email, or "cli:<system user>"
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX imports_created_idx ON imports (created_at DESC);
CREATE INDEX imports_version_idx ON imports (version_id);
COMMENT ON TABLE imports IS
  'Every file imported by a planner (zones, parcels, overlays), with its validation report and what became of it.';

-- Where a parcel came from (null: the sample, or parcels loaded before imports existed).
ALTER TABLE parcels ADD COLUMN import_id integer REFERENCES imports ON DELETE SET NULL;
CREATE INDEX parcels_import_idx ON parcels (import_id) WHERE import_id IS NOT NULL;
