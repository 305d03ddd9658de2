-- 0016 — tiles carry only what the viewer's style draws or labels (issue: "features carry integer ids
-- and only the attributes the style needs"). Dropped: zones.plan_id, plans.code and plans.status,
-- overlays.code and overlays.plan_id, communes.code and communes.province, and studies' number, kind and
-- files. What a click needs beyond this comes from the API by feature id (the parcel sheet, identify).
-- Bodies as in 0007 and 0013 otherwise; client/map/style.ts reads: zones {code, category, in_force},
-- plans {name_fr, name_ar, in_force}, overlays {kind, width_m}, communes {name_fr, name_ar},
-- parcels {ref}, studies {opinion}.

CREATE OR REPLACE FUNCTION tile_zones(k plan_kind, z integer, x integer, y integer, d date)
RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH b AS (
    SELECT ST_TileEnvelope(z, x, y) AS env, ST_TileEnvelope(z, x, y, margin => 64.0 / 4096) AS q
  ), v AS (
    SELECT version_id, plan_id, in_force FROM versions_at(d) WHERE kind = k
  ), zn AS (
    SELECT zo.id, zo.code, zo.category::text AS category, v.in_force,
           ST_AsMVTGeom(CASE WHEN z <= 8 THEN zo.geom_3857_z8 WHEN z <= 11 THEN zo.geom_3857_z11 ELSE zo.geom_3857 END,
                        b.env, 4096, 64, true) AS geom
    FROM b, v JOIN zones zo ON zo.version_id = v.version_id
    WHERE zo.geom_3857 && b.q
    LIMIT 20000
  ), pl AS (
    SELECT v.plan_id AS id, p.name ->> 'fr' AS name_fr, p.name ->> 'ar' AS name_ar, v.in_force,
           ST_AsMVTGeom(CASE WHEN z <= 8 THEN pv.geom_3857_z8 WHEN z <= 11 THEN pv.geom_3857_z11 ELSE pv.geom_3857 END,
                        b.env, 4096, 64, true) AS geom
    FROM b, v JOIN plan_versions pv ON pv.id = v.version_id JOIN plans p ON p.id = v.plan_id
    WHERE pv.geom_3857 && b.q
  )
  SELECT COALESCE((SELECT ST_AsMVT(zn, 'zones', 4096, 'geom', 'id') FROM zn WHERE zn.geom IS NOT NULL), '')
      || COALESCE((SELECT ST_AsMVT(pl, 'plans', 4096, 'geom', 'id') FROM pl WHERE pl.geom IS NOT NULL), '')
$$;

CREATE OR REPLACE FUNCTION tile_overlays(z integer, x integer, y integer, d date)
RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH b AS (
    SELECT ST_TileEnvelope(z, x, y) AS env, ST_TileEnvelope(z, x, y, margin => 64.0 / 4096) AS q
  ), t AS (
    SELECT o.id, o.kind::text AS kind, o.width_m::float8 AS width_m,
           ST_AsMVTGeom(o.geom_3857, b.env, 4096, 64, true) AS geom
    FROM b, versions_at(d) v JOIN overlays o ON o.version_id = v.version_id
    WHERE o.geom_3857 && b.q
    LIMIT 20000
  )
  SELECT COALESCE((SELECT ST_AsMVT(t, 'overlays', 4096, 'geom', 'id') FROM t WHERE t.geom IS NOT NULL), '')
$$;

CREATE OR REPLACE FUNCTION tile_communes(z integer, x integer, y integer)
RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH b AS (
    SELECT ST_TileEnvelope(z, x, y) AS env, ST_TileEnvelope(z, x, y, margin => 64.0 / 4096) AS q
  ), t AS (
    SELECT c.id, c.name ->> 'fr' AS name_fr, c.name ->> 'ar' AS name_ar,
           ST_AsMVTGeom(CASE WHEN z <= 8 THEN c.geom_3857_z8 WHEN z <= 11 THEN c.geom_3857_z11 ELSE c.geom_3857 END,
                        b.env, 4096, 64, true) AS geom
    FROM b, communes c
    WHERE c.geom_3857 && b.q
  )
  SELECT COALESCE((SELECT ST_AsMVT(t, 'communes', 4096, 'geom', 'id') FROM t WHERE t.geom IS NOT NULL), '')
$$;

CREATE OR REPLACE FUNCTION tile_studies(z integer, x integer, y integer, d date)
RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH b AS (
    SELECT ST_TileEnvelope(z, x, y) AS env, ST_TileEnvelope(z, x, y, margin => 64.0 / 4096) AS q
  ), t AS (
    SELECT p.id, s.opinion::text AS opinion, ST_AsMVTGeom(p.geom_3857, b.env, 4096, 64, true) AS geom
    FROM b, parcels p
    JOIN LATERAL (
      SELECT st.opinion
      FROM study_parcels sp JOIN studies st ON st.id = sp.study_id
      WHERE sp.parcel_id = p.id AND st.studied_on <= d
      ORDER BY st.studied_on DESC, st.id DESC LIMIT 1
    ) s ON true
    WHERE p.geom_3857 && b.q AND p.valid_from <= d AND (p.valid_to IS NULL OR d < p.valid_to)
    LIMIT 20000
  )
  SELECT COALESCE((SELECT ST_AsMVT(t, 'studies', 4096, 'geom', 'id') FROM t WHERE t.geom IS NOT NULL), '')
$$;
