-- 0005 — urban planning information notes (مذكرة المعلومات التعميرية, DOMAIN.md): every note issued is
-- recorded with exactly what it stated, so that anyone holding one can check it later and be told whether
-- the rules have changed since (ARCHITECTURE.md §2).
--
-- Decisions:
--  * The reference printed on the note (NRU-2026-000123) is human-readable and sequential, hence
--    enumerable. It is never enough to read a note: the verification URL (and the QR code) also carries a
--    125-bit random code, and only its SHA-256 is kept here. A reference with a wrong or missing token
--    answers exactly like an unknown reference (404), so references cannot be walked into other people's
--    notes (what land someone is interested in is their business). A leak of this table does not give the
--    tokens either.
--  * `content` is the full statement as issued (parcels, vertices in EPSG:26191, plans, zones and shares,
--    rules, overlays, capacity, the map's features): the PDF and the HTML page are rendered from it, never
--    from today's data. `content_sha256` is the SHA-256 of its canonical JSON (object keys sorted, no
--    whitespace; server/notes/canonical.ts), so a copy of the content can be checked against the record.
--  * No personal data: an indicative note needs none (the applicant's identity, property certificate and
--    plan belong to the official note, which will come with staff signatures).
--  * Append-only: a note, once issued, is never edited.

CREATE SEQUENCE note_number_seq AS bigint;

CREATE TABLE notes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- 'NRU-' || year of issue (Africa/Casablanca) || '-' || the sequence number, at least 6 digits.
  reference text NOT NULL UNIQUE CHECK (reference ~ '^NRU-[0-9]{4}-[0-9]{6,}$'),
  token_sha256 bytea NOT NULL CHECK (length(token_sha256) = 32),
  -- 'official' (reviewed and signed by the agency's staff) is reserved for a later issue.
  kind text NOT NULL DEFAULT 'indicative' CHECK (kind IN ('indicative', 'official')),
  lang text NOT NULL CHECK (lang IN ('ar', 'fr', 'bilingual')),
  selection jsonb NOT NULL CHECK (jsonb_typeof(selection) = 'object'),
  at date NOT NULL,                                 -- the date the rules are stated for
  data_version bigint NOT NULL,
  content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  issued_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_issued_at_idx ON notes (issued_at);
COMMENT ON TABLE notes IS
  'Every urban planning information note issued, with exactly what it stated (content) and its SHA-256; append-only.';

CREATE FUNCTION notes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'notes are append-only: note % was issued and cannot be %', OLD.reference, lower(TG_OP)
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER notes_append_only BEFORE UPDATE OR DELETE ON notes
  FOR EACH ROW EXECUTE FUNCTION notes_append_only();
