-- 0018 — below z9 the plans of towns, rural centres and neighbourhoods are drawn by their perimeter only.
-- The viewer opens on the whole territory (about z7.9) with every kind of plan drawn (0016's sources start
-- at z6); there a town's plan is 40 pixels wide, its zones are unreadable specks, and they made the
-- opening tiles heavy (an 87 KB z7 development tile at 1,000,000 parcels) and the first map slow to draw
-- in the browser (docs/performance.md). The SDAU, whose zones are the territory-scale reading, keeps them.
-- Body as in 0016 otherwise.

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
    WHERE zo.geom_3857 && b.q AND (k = 'master' OR z >= 9)
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
