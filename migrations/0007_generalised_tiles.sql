-- 0007 — generalised geometry for low zooms, chosen by z in the tile functions (BENCHMARKS.md: "use
-- simplified or generalised geometry for low zooms where vertices are dense").
--
-- Where the vertices are: the 56 commune boundaries (OpenStreetMap, about 26,000 vertices, up to 4,300 in
-- one), plan perimeters (up to 5,000) and the zones. A z7 tile over Nador holds every commune, and each tile
-- made ST_AsMVTGeom clip and quantise every vertex, most of which fall on the same pixel.
--
-- Two generalisations per table, as generated columns, so every insert and every seeding keeps them up to
-- date without a refresh step (a materialised table would need one on each publication):
--   * geom_3857_z8  for z <= 8,       tolerance 19 m: half a pixel of a z8 tile (40,075,016 m / (4096 × 2^8)
--                                     = 38 m of Web Mercator per pixel of the 4096 extent);
--   * geom_3857_z11 for 9 <= z <= 11, tolerance 2.4 m: half a pixel at z11 (4.8 m).
-- At half a pixel the simplified outline lands on the same pixels as the full one once ST_AsMVTGeom has
-- quantised it, so the tiles do not change visibly. z >= 12 reads the full geometry.
-- ST_SimplifyPreserveTopology rather than ST_Simplify: it never collapses a ring or makes one cross itself.
-- Neighbouring communes are simplified independently, so their shared border may differ by up to the
-- tolerance: less than a pixel at the zooms where it is used.
--
-- The && filter stays on geom_3857 and its index: a simplified outline keeps a subset of the vertices, so its
-- box lies inside the full one's, and a feature the full box selects but the simplified outline misses
-- comes out of ST_AsMVTGeom as NULL and is dropped, as before.

ALTER TABLE communes
  ADD COLUMN geom_3857_z8 geometry(MultiPolygon, 3857)
    GENERATED ALWAYS AS (ST_Multi(ST_SimplifyPreserveTopology(ST_Transform(geom_4326, 3857), 19.0))) STORED,
  ADD COLUMN geom_3857_z11 geometry(MultiPolygon, 3857)
    GENERATED ALWAYS AS (ST_Multi(ST_SimplifyPreserveTopology(ST_Transform(geom_4326, 3857), 2.4))) STORED;

ALTER TABLE plan_versions
  ADD COLUMN geom_3857_z8 geometry(MultiPolygon, 3857)
    GENERATED ALWAYS AS (ST_Multi(ST_SimplifyPreserveTopology(ST_Transform(geom_4326, 3857), 19.0))) STORED,
  ADD COLUMN geom_3857_z11 geometry(MultiPolygon, 3857)
    GENERATED ALWAYS AS (ST_Multi(ST_SimplifyPreserveTopology(ST_Transform(geom_4326, 3857), 2.4))) STORED;

ALTER TABLE zones
  ADD COLUMN geom_3857_z8 geometry(MultiPolygon, 3857)
    GENERATED ALWAYS AS (ST_Multi(ST_SimplifyPreserveTopology(ST_Transform(geom_4326, 3857), 19.0))) STORED,
  ADD COLUMN geom_3857_z11 geometry(MultiPolygon, 3857)
    GENERATED ALWAYS AS (ST_Multi(ST_SimplifyPreserveTopology(ST_Transform(geom_4326, 3857), 2.4))) STORED;

COMMENT ON COLUMN communes.geom_3857_z8 IS 'geom_3857 simplified by 19 m (half a z8 pixel): tiles of z <= 8';
COMMENT ON COLUMN communes.geom_3857_z11 IS 'geom_3857 simplified by 2.4 m (half a z11 pixel): tiles of z 9–11';
COMMENT ON COLUMN plan_versions.geom_3857_z8 IS 'geom_3857 simplified by 19 m (half a z8 pixel): tiles of z <= 8';
COMMENT ON COLUMN plan_versions.geom_3857_z11 IS 'geom_3857 simplified by 2.4 m (half a z11 pixel): tiles of z 9–11';
COMMENT ON COLUMN zones.geom_3857_z8 IS 'geom_3857 simplified by 19 m (half a z8 pixel): tiles of z <= 8';
COMMENT ON COLUMN zones.geom_3857_z11 IS 'geom_3857 simplified by 2.4 m (half a z11 pixel): tiles of z 9–11';

-- The tile functions of 0002, unchanged but for the geometry each zoom reads (the CASE picks one column, so
-- only that one is read from TOAST).

CREATE OR REPLACE FUNCTION tile_zones(k plan_kind, z integer, x integer, y integer, d date)
RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH b AS (
    SELECT ST_TileEnvelope(z, x, y) AS env, ST_TileEnvelope(z, x, y, margin => 64.0 / 4096) AS q
  ), v AS (
    SELECT version_id, plan_id, status, in_force FROM versions_at(d) WHERE kind = k
  ), zn AS (
    SELECT zo.id, zo.code, zo.category::text AS category, v.plan_id, v.in_force,
           ST_AsMVTGeom(CASE WHEN z <= 8 THEN zo.geom_3857_z8 WHEN z <= 11 THEN zo.geom_3857_z11 ELSE zo.geom_3857 END,
                        b.env, 4096, 64, true) AS geom
    FROM b, v JOIN zones zo ON zo.version_id = v.version_id
    WHERE zo.geom_3857 && b.q
    LIMIT 20000
  ), pl AS (
    SELECT v.plan_id AS id, p.code, p.name ->> 'fr' AS name_fr, p.name ->> 'ar' AS name_ar,
           v.status::text AS status, v.in_force,
           ST_AsMVTGeom(CASE WHEN z <= 8 THEN pv.geom_3857_z8 WHEN z <= 11 THEN pv.geom_3857_z11 ELSE pv.geom_3857 END,
                        b.env, 4096, 64, true) AS geom
    FROM b, v JOIN plan_versions pv ON pv.id = v.version_id JOIN plans p ON p.id = v.plan_id
    WHERE pv.geom_3857 && b.q
  )
  SELECT COALESCE((SELECT ST_AsMVT(zn, 'zones', 4096, 'geom', 'id') FROM zn WHERE zn.geom IS NOT NULL), '')
      || COALESCE((SELECT ST_AsMVT(pl, 'plans', 4096, 'geom', 'id') FROM pl WHERE pl.geom IS NOT NULL), '')
$$;
COMMENT ON FUNCTION tile_zones(plan_kind, integer, integer, integer, date) IS
  'Zones (layer "zones") and plan perimeters (layer "plans") of the plans of one kind that answer at a date; '
  'generalised geometry below z12 (migration 0007).';

CREATE OR REPLACE FUNCTION tile_communes(z integer, x integer, y integer)
RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH b AS (
    SELECT ST_TileEnvelope(z, x, y) AS env, ST_TileEnvelope(z, x, y, margin => 64.0 / 4096) AS q
  ), t AS (
    SELECT c.id, c.code, c.name ->> 'fr' AS name_fr, c.name ->> 'ar' AS name_ar, c.province,
           ST_AsMVTGeom(CASE WHEN z <= 8 THEN c.geom_3857_z8 WHEN z <= 11 THEN c.geom_3857_z11 ELSE c.geom_3857 END,
                        b.env, 4096, 64, true) AS geom
    FROM b, communes c
    WHERE c.geom_3857 && b.q
  )
  SELECT COALESCE((SELECT ST_AsMVT(t, 'communes', 4096, 'geom', 'id') FROM t WHERE t.geom IS NOT NULL), '')
$$;
COMMENT ON FUNCTION tile_communes(integer, integer, integer) IS
  'Commune boundaries (layer "communes"); generalised geometry below z12 (migration 0007).';
