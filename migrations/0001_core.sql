-- 0001 — the core model: communes, plans and their versions, zones, regulations, overlays, parcels.
--
-- Decisions that every later migration builds on (see docs/architecture.md):
--  * A plan has versions; zones, regulations and overlays belong to a version, never to the plan. A version
--    is draft or published and has the period during which it is the plan's answer [valid_from, valid_to).
--    Its legal status has a history (plan_status_events). "What applies at date D" is versions_at(D).
--  * Parcels have a history the same way (valid_from / valid_to): a division or a merge closes the old
--    parcels and opens new ones.
--  * One data version number (data_version), bumped by every publication; tile ETags, cache keys and notes
--    carry it.
--  * User-facing texts are jsonb objects {"ar": …, "fr": …, "en"?: …} (domain i18n_text).
--  * Geometry is stored in EPSG:4326 (geom_4326) with a generated, indexed EPSG:3857 copy for tiles
--    (geom_3857). Areas are computed on the ellipsoid (geography), never in degrees or Web Mercator.

CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Texts in Arabic and French (English optional), stored as data.
CREATE DOMAIN i18n_text AS jsonb CHECK (
  jsonb_typeof(VALUE) = 'object'
  AND jsonb_typeof(VALUE -> 'ar') = 'string'
  AND jsonb_typeof(VALUE -> 'fr') = 'string'
  AND (NOT VALUE ? 'en' OR jsonb_typeof(VALUE -> 'en') = 'string')
);

-- Normalised text for search: lower case, accents removed (unaccent with its dictionary named, so the
-- function is immutable and indexable), Arabic diacritics (harakat U+064B–U+0652, superscript alef U+0670)
-- and tatweel (U+0640) removed, alef variants (أ إ آ ٱ) folded to ا, alef maqsura ى to ي, taa marbuta ة to ه.
CREATE FUNCTION tasmim_norm(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT translate(
           regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, t)),
                          '[\u064B-\u0652\u0670\u0640]', '', 'g'),
           'أإآٱىة', 'اااايه')
$$;

CREATE TABLE data_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO data_version (version) VALUES (1);

-- Every publication calls this in its own transaction, so the bump is visible with the data or not at all.
CREATE FUNCTION bump_data_version() RETURNS bigint
LANGUAGE sql VOLATILE AS $$
  UPDATE data_version SET version = version + 1, changed_at = now() RETURNING version
$$;

CREATE TABLE communes (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,                       -- HCP 9-digit code
  name i18n_text NOT NULL,
  province_code text NOT NULL,
  province text NOT NULL,
  geom_4326 geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom_4326)),
  geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom_4326, 3857)) STORED,
  area_m2 double precision GENERATED ALWAYS AS (ST_Area(geom_4326::geography)) STORED
);
CREATE INDEX communes_geom_4326_gix ON communes USING gist (geom_4326);
CREATE INDEX communes_geom_3857_gix ON communes USING gist (geom_3857);

CREATE TYPE plan_kind AS ENUM ('master', 'development', 'growth', 'restructuring');
CREATE TYPE plan_status AS ENUM ('in_study', 'public_inquiry', 'approved', 'expired', 'annulled', 'replaced');
CREATE TYPE version_state AS ENUM ('draft', 'published');

CREATE TABLE plans (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]*$'),
  kind plan_kind NOT NULL,
  name i18n_text NOT NULL,
  -- True for the generated sample: the viewer and every answer say it is not an official plan.
  illustrative boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan_versions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id integer NOT NULL REFERENCES plans ON DELETE CASCADE,
  version_no integer NOT NULL CHECK (version_no > 0),
  state version_state NOT NULL DEFAULT 'draft',
  decree_ref text,                                  -- approval decree number
  bo_ref text,                                      -- Bulletin officiel number
  bo_date date,
  approved_on date,
  expires_on date,                                  -- a plan d'aménagement is in force for 10 years (law 12-90, art. 28)
  regulation_url text,                              -- the règlement d'aménagement
  documents jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(documents) = 'array'),
  valid_from date,                                  -- this version answers for its plan from this date…
  valid_to date,                                    -- …until this one (exclusive); null: still current
  published_at timestamptz,
  -- Perimeter of the version (union of its zones), set when it is published; drawn at low zoom and used
  -- for bboxes.
  geom_4326 geometry(MultiPolygon, 4326),
  geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom_4326, 3857)) STORED,
  UNIQUE (plan_id, version_no),
  CHECK (state = 'draft' OR valid_from IS NOT NULL),
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  -- Only one published version of a plan answers at any date.
  EXCLUDE USING gist (plan_id WITH =, daterange(valid_from, valid_to) WITH &&) WHERE (state = 'published')
);
CREATE INDEX plan_versions_geom_3857_gix ON plan_versions USING gist (geom_3857);

-- The legal life of a version: in study, public inquiry, approved (homologué), expired, annulled, replaced.
CREATE TABLE plan_status_events (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id integer NOT NULL REFERENCES plan_versions ON DELETE CASCADE,
  status plan_status NOT NULL,
  effective_on date NOT NULL,
  reference text,                                   -- decree, BO or decision that made the change
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_status_events_version_idx ON plan_status_events (version_id, effective_on DESC);

CREATE TYPE zone_category AS ENUM (
  'villa', 'small_building', 'apartment', 'economic_housing', 'mixed_centre', 'commercial', 'tourist',
  'industrial', 'facility', 'green_space', 'agricultural', 'natural', 'no_build', 'future_urban'
);

CREATE TABLE zones (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id integer NOT NULL REFERENCES plan_versions ON DELETE CASCADE,
  code text NOT NULL,                               -- the plan's own code, never standardised
  label i18n_text NOT NULL,
  category zone_category NOT NULL,
  geom_4326 geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom_4326)),
  geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom_4326, 3857)) STORED,
  area_m2 double precision GENERATED ALWAYS AS (ST_Area(geom_4326::geography)) STORED
);
CREATE INDEX zones_version_idx ON zones (version_id, code);
CREATE INDEX zones_geom_4326_gix ON zones USING gist (geom_4326);
CREATE INDEX zones_geom_3857_gix ON zones USING gist (geom_3857);

-- The rules of a zone code in one version of a plan (règlement d'aménagement).
CREATE TABLE regulations (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id integer NOT NULL REFERENCES plan_versions ON DELETE CASCADE,
  zone_code text NOT NULL,
  allowed_uses jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(allowed_uses) = 'array'),   -- of i18n_text
  forbidden_uses jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(forbidden_uses) = 'array'),
  max_height_m numeric CHECK (max_height_m >= 0),
  max_levels integer CHECK (max_levels >= 0),      -- levels above ground, ground floor included: R+3 = 4
  cos numeric CHECK (cos >= 0),                     -- floor area ÷ parcel area
  ces numeric CHECK (ces >= 0 AND ces <= 1),        -- footprint ÷ parcel area
  min_lot_area_m2 numeric CHECK (min_lot_area_m2 >= 0),
  min_frontage_m numeric CHECK (min_frontage_m >= 0),
  setback_front_m numeric CHECK (setback_front_m >= 0),
  setback_side_m numeric CHECK (setback_side_m >= 0),
  setback_rear_m numeric CHECK (setback_rear_m >= 0),
  parking i18n_text,
  remarks i18n_text,
  article_ref text,
  UNIQUE (version_id, zone_code)
);

CREATE TYPE overlay_kind AS ENUM (
  'planned_road', 'reserved_facility', 'reserved_green', 'no_build', 'heritage', 'flood_zone',
  'maritime_domain', 'utility_line', 'railway_setback', 'cemetery', 'wadi'
);

-- Prescriptions and servitudes laid over the zones: surfaces, lines or points.
CREATE TABLE overlays (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id integer NOT NULL REFERENCES plan_versions ON DELETE CASCADE,
  kind overlay_kind NOT NULL,
  code text,                                        -- e.g. the number of a reserved site ("E12")
  label i18n_text NOT NULL,
  width_m numeric CHECK (width_m > 0),              -- planned road width, strip width
  details i18n_text,
  geom_4326 geometry(Geometry, 4326) NOT NULL CHECK (
    ST_IsValid(geom_4326)
    AND GeometryType(geom_4326) IN ('POLYGON', 'MULTIPOLYGON', 'LINESTRING', 'MULTILINESTRING', 'POINT', 'MULTIPOINT')),
  geom_3857 geometry(Geometry, 3857) GENERATED ALWAYS AS (ST_Transform(geom_4326, 3857)) STORED
);
CREATE INDEX overlays_version_idx ON overlays (version_id);
CREATE INDEX overlays_geom_4326_gix ON overlays USING gist (geom_4326);
CREATE INDEX overlays_geom_3857_gix ON overlays USING gist (geom_3857);

-- Cadastral parcels, with their history: a division or merge closes (valid_to) and opens parcels.
CREATE TABLE parcels (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  reference text NOT NULL,                          -- land title "TF 12345/11" or requisition "R 678/11"
  reference_norm text GENERATED ALWAYS AS (upper(regexp_replace(reference, '\s+', '', 'g'))) STORED,
  commune_id integer REFERENCES communes,
  valid_from date NOT NULL DEFAULT DATE '1900-01-01',
  valid_to date,
  illustrative boolean NOT NULL DEFAULT false,
  geom_4326 geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom_4326)),
  geom_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom_4326, 3857)) STORED,
  area_m2 double precision GENERATED ALWAYS AS (ST_Area(geom_4326::geography)) STORED,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX parcels_current_reference_key ON parcels (reference_norm) WHERE valid_to IS NULL;
CREATE INDEX parcels_reference_prefix_idx ON parcels (reference_norm text_pattern_ops);
CREATE INDEX parcels_geom_4326_gix ON parcels USING gist (geom_4326);
CREATE INDEX parcels_geom_3857_gix ON parcels USING gist (geom_3857);
CREATE INDEX parcels_commune_idx ON parcels (commune_id);

-- The one answer to "what applies at date D": the published version of each plan that answers at D, with
-- its legal status at D and whether it is in force (approved and not past its expiry date).
CREATE FUNCTION versions_at(d date)
RETURNS TABLE (version_id integer, plan_id integer, kind plan_kind, status plan_status, in_force boolean)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT v.id, v.plan_id, p.kind,
         CASE WHEN s.status = 'approved' AND v.expires_on IS NOT NULL AND d >= v.expires_on
              THEN 'expired'::plan_status ELSE COALESCE(s.status, 'in_study') END,
         COALESCE(s.status = 'approved' AND (v.expires_on IS NULL OR d < v.expires_on), false)
  FROM plan_versions v
  JOIN plans p ON p.id = v.plan_id
  LEFT JOIN LATERAL (
    SELECT e.status FROM plan_status_events e
    WHERE e.version_id = v.id AND e.effective_on <= d
    ORDER BY e.effective_on DESC, e.id DESC LIMIT 1
  ) s ON true
  WHERE v.state = 'published' AND v.valid_from <= d AND (v.valid_to IS NULL OR d < v.valid_to)
$$;
COMMENT ON FUNCTION versions_at(date) IS
  'The published plan versions that answer at a date, with their legal status then and whether they are in force.';

-- Lambert Nord Maroc (EPSG:26191) with the one published transformation to WGS84, EPSG:1166
-- (towgs84 31,146,47; about 7 m). Stated explicitly so that the answer does not depend on which
-- transformation a given PROJ release would pick; the browser uses the same string with proj4.
CREATE FUNCTION lambert_nord_proj() RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT '+proj=lcc +lat_1=33.3 +lat_0=33.3 +lon_0=-5.4 +k_0=0.999625769 +x_0=500000 +y_0=300000 '
         '+a=6378249.2 +b=6356515 +towgs84=31,146,47,0,0,0,0 +units=m +no_defs'
$$;
CREATE FUNCTION to_26191(g geometry) RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT ST_SetSRID(ST_Transform(ST_Transform(g, 4326), lambert_nord_proj()), 26191)
$$;
CREATE FUNCTION from_26191(g geometry) RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT ST_Transform(ST_SetSRID(g, 0), lambert_nord_proj(), 4326)
$$;
