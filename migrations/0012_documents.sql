-- 0012 — the documents library: the documents of each plan (regulation, drawn plans, approval decree,
-- Bulletin officiel extract, public-inquiry report) and the legal and regulatory texts of urban planning
-- (laws 12-90 and 25-90, their decrees, the general building regulation, circulars).
--
-- Decisions:
--  * One table for both: a plan document has a plan (and, optionally, the version it belongs to); a legal
--    text has none (CHECK). Legal texts name the plan kinds they are the legal basis of (basis_for), so a
--    parcel sheet can cite "the law the plan applies".
--  * The PDF itself lives in document_files (bytea): in the same transaction and the same backup as its
--    row, and out of the way of the listing queries.
--  * Retired, never deleted: a retired document is no longer listed nor served, but stays here with who
--    retired it and why (and its audit event), since a citizen may have read it.
--  * Full-text search in Arabic and French. Titles, number and subject (weight A) and the text extracted
--    from the PDF (weight B) are normalised by tasmim_norm (0001: case, Latin accents through unaccent,
--    Arabic tashkeel U+064B–U+0652 and tatweel removed, أ إ آ → ا, ى → ي, ة → ه), then indexed three
--    ways: 'simple' (the words as written, numbers included), 'french' and 'arabic' (the Snowball
--    stemmers shipped with PostgreSQL since 12: "lotissements" finds "lotissement", "التعمير" finds
--    "تعمير"). The query is normalised by the same function and
--    asked of the three (documents_query below), so a word matches with or without its diacritics or
--    accents. Why not one language per document: titles are bilingual and Moroccan texts mix both.

CREATE TYPE document_kind AS ENUM (
  -- documents of a plan
  'regulation', 'drawn_plan', 'approval_decree', 'bo_extract', 'inquiry_report',
  -- legal and regulatory texts
  'law', 'decree', 'building_regulation', 'circular'
);

CREATE FUNCTION document_kind_is_plan(k document_kind) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT k IN ('regulation', 'drawn_plan', 'approval_decree', 'bo_extract', 'inquiry_report')
$$;

CREATE TABLE documents (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind document_kind NOT NULL,
  plan_id integer REFERENCES plans ON DELETE CASCADE,
  version_id integer REFERENCES plan_versions ON DELETE CASCADE,
  title i18n_text NOT NULL,
  number text CHECK (length(number) <= 100),              -- "12-90", "2-92-832", "BO 4159"
  issued_on date,
  language text NOT NULL CHECK (language IN ('ar', 'fr', 'ar-fr')),
  subject text CHECK (length(subject) <= 1000),
  basis_for plan_kind[] NOT NULL DEFAULT '{}',
  illustrative boolean NOT NULL DEFAULT false,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  file_bytes integer NOT NULL CHECK (file_bytes > 0),
  file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  pages integer CHECK (pages >= 0),
  body_text text NOT NULL DEFAULT '' CHECK (length(body_text) <= 400000),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer REFERENCES users (id),
  retired_at timestamptz,
  retired_by integer REFERENCES users (id),
  retired_reason text CHECK (length(retired_reason) <= 1000),
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', tasmim_norm(coalesce(title ->> 'ar', '') || ' ' || coalesce(title ->> 'fr', '') || ' ' ||
                                                coalesce(title ->> 'en', '') || ' ' || coalesce(number, '') || ' ' || coalesce(subject, ''))), 'A')
    || setweight(to_tsvector('french', tasmim_norm(coalesce(title ->> 'fr', '') || ' ' || coalesce(subject, ''))), 'A')
    || setweight(to_tsvector('arabic', tasmim_norm(coalesce(title ->> 'ar', '') || ' ' || coalesce(subject, ''))), 'A')
    || setweight(to_tsvector('simple', tasmim_norm(body_text)), 'B')
    || setweight(to_tsvector('french', tasmim_norm(body_text)), 'B')
    || setweight(to_tsvector('arabic', tasmim_norm(body_text)), 'B')
  ) STORED,
  CHECK (document_kind_is_plan(kind) = (plan_id IS NOT NULL)),
  CHECK (version_id IS NULL OR plan_id IS NOT NULL),
  CHECK (retired_by IS NULL OR retired_at IS NOT NULL)
);
CREATE INDEX documents_search_gin ON documents USING gin (search);
CREATE INDEX documents_plan_idx ON documents (plan_id, kind) WHERE retired_at IS NULL;
CREATE INDEX documents_listed_idx ON documents (issued_on DESC NULLS LAST, id DESC) WHERE retired_at IS NULL;
COMMENT ON TABLE documents IS 'Documents of plans and legal texts; retired ones kept, not listed.';

CREATE TABLE document_files (
  document_id integer PRIMARY KEY REFERENCES documents ON DELETE CASCADE,
  content bytea NOT NULL
);
COMMENT ON TABLE document_files IS 'The PDF of each document (kept with its row: one transaction, one backup).';

-- A query typed by a visitor, as the OR of its three readings (see above): every word must match, in
-- one of the three ways. websearch_to_tsquery never fails on user input (quotes, "or", "-word").
CREATE FUNCTION documents_query(q text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT websearch_to_tsquery('simple', tasmim_norm(q))
      || websearch_to_tsquery('french', tasmim_norm(q))
      || websearch_to_tsquery('arabic', tasmim_norm(q))
$$;
