-- 0013 — outcomes of project studies: the agency's opinion on building permits, subdivisions, housing
-- groups, property divisions (files arriving through rokhas.ma) and investment projects (files of the
-- regional investment centre), imported from its register, linked to the parcels they concern, and drawn
-- as a tile layer coloured by opinion.
--
-- Decisions:
--  * A file is known by its number (unique regardless of spaces and case); importing it again updates it
--    (the register is the source: a file re-studied gets its new opinion).
--  * Each parcel reference of a file is kept as written. It is linked to the current parcel with the same
--    normalised reference (parcels.reference_norm, 0001); one that matches no parcel is kept unlinked and
--    reported by the import, never dropped.
--  * The tile layer is one feature per parcel with a file: the latest file's opinion and number.

CREATE TYPE study_kind AS ENUM ('building_permit', 'subdivision', 'housing_group', 'property_division', 'investment_project');
CREATE TYPE study_opinion AS ENUM ('favourable', 'favourable_with_conditions', 'unfavourable');

CREATE TABLE study_imports (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id integer REFERENCES users (id),                  -- null: the command line
  file_name text NOT NULL,
  files integer NOT NULL CHECK (files >= 0),
  unmatched jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(unmatched) = 'array')
);

CREATE TABLE studies (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_number text NOT NULL CHECK (length(btrim(file_number)) BETWEEN 1 AND 60),
  number_norm text GENERATED ALWAYS AS (upper(regexp_replace(file_number, '\s+', '', 'g'))) STORED UNIQUE,
  kind study_kind NOT NULL,
  studied_on date NOT NULL,
  opinion study_opinion NOT NULL,
  conditions text CHECK (length(conditions) <= 4000),
  illustrative boolean NOT NULL DEFAULT false,
  import_id integer REFERENCES study_imports ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX studies_studied_on_idx ON studies (studied_on);

CREATE TABLE study_parcels (
  study_id integer NOT NULL REFERENCES studies ON DELETE CASCADE,
  reference text NOT NULL,
  reference_norm text GENERATED ALWAYS AS (upper(regexp_replace(reference, '\s+', '', 'g'))) STORED,
  parcel_id bigint REFERENCES parcels ON DELETE SET NULL,
  PRIMARY KEY (study_id, reference_norm)
);
CREATE INDEX study_parcels_parcel_idx ON study_parcels (parcel_id) WHERE parcel_id IS NOT NULL;

-- The tile function, in the pattern of 0002: envelope and buffer, && on the indexed geom_3857, clipped
-- and quantised, integer feature id (the parcel's), a feature limit per tile. Files studied after the
-- date are not shown as of that date.
CREATE FUNCTION tile_studies(z integer, x integer, y integer, d date)
RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH b AS (
    SELECT ST_TileEnvelope(z, x, y) AS env, ST_TileEnvelope(z, x, y, margin => 64.0 / 4096) AS q
  ), t AS (
    SELECT p.id, s.opinion::text AS opinion, s.file_number AS number, s.kind::text AS kind, s.files,
           ST_AsMVTGeom(p.geom_3857, b.env, 4096, 64, true) AS geom
    FROM b, parcels p
    JOIN LATERAL (
      SELECT st.opinion, st.file_number, st.kind, count(*) OVER () AS files
      FROM study_parcels sp JOIN studies st ON st.id = sp.study_id
      WHERE sp.parcel_id = p.id AND st.studied_on <= d
      ORDER BY st.studied_on DESC, st.id DESC LIMIT 1
    ) s ON true
    WHERE p.geom_3857 && b.q AND p.valid_from <= d AND (p.valid_to IS NULL OR d < p.valid_to)
    LIMIT 20000
  )
  SELECT COALESCE((SELECT ST_AsMVT(t, 'studies', 4096, 'geom', 'id') FROM t WHERE t.geom IS NOT NULL), '')
$$;
COMMENT ON FUNCTION tile_studies(integer, integer, integer, date) IS
  'Parcels with a studied project file (layer "studies"): the latest opinion at a date, its file number and kind.';
