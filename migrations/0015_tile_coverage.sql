-- Where each tile source may have features: the cells of a coarse grid of tiles (zoom `zc`) that the
-- bounding boxes of its geometries touch. The server reads it once per data version
-- (server/tiles/coverage.ts) and answers a tile whose buffered envelope meets none of those cells as empty
-- without running its tile function: in the bench most uniformly drawn tiles are empty, and PostgreSQL
-- spent 2–5 ms on each (docs/performance.md); a citizen panning over the sea costs the database nothing.
--
-- It must be a superset of what the tile functions (0002, 0007, 0013) can draw: every row of each table
-- they read, whatever its date, version state or status, and the same geom_3857 column their && filter
-- uses. A box is wider than its geometry, so this only errs towards running the query.
-- The cells (tile x, y at zoom zc) a box touches, edges included (as && counts boxes that touch).
CREATE FUNCTION box_cells(b box2d, zc integer)
RETURNS TABLE (cx integer, cy integer) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  -- 20037508.342789244: Web Mercator's half width (ST_TileEnvelope's default bounds).
  SELECT x, y
  FROM (SELECT 40075016.685578488 / (1 << zc) AS cell) k,
       generate_series(floor((ST_XMin(b) + 20037508.342789244) / k.cell)::int, floor((ST_XMax(b) + 20037508.342789244) / k.cell)::int) x,
       generate_series(floor((20037508.342789244 - ST_YMax(b)) / k.cell)::int, floor((20037508.342789244 - ST_YMin(b)) / k.cell)::int) y
$$;

CREATE FUNCTION tile_coverage(src text, zc integer)
RETURNS TABLE (cx integer, cy integer) LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  -- One branch per source: a single UNION ALL of every source scanned every table on each call.
  IF src = 'communes' THEN
    RETURN QUERY SELECT DISTINCT c.cx, c.cy FROM communes t, box_cells(t.geom_3857::box2d, zc) c;
  ELSIF src IN ('master', 'development', 'growth', 'restructuring') THEN
    RETURN QUERY SELECT DISTINCT c.cx, c.cy FROM (
      SELECT zo.geom_3857 AS g FROM zones zo JOIN plan_versions pv ON pv.id = zo.version_id JOIN plans p ON p.id = pv.plan_id
      WHERE p.kind::text = src
      UNION ALL
      SELECT pv.geom_3857 FROM plan_versions pv JOIN plans p ON p.id = pv.plan_id WHERE p.kind::text = src AND pv.geom_3857 IS NOT NULL
    ) t, box_cells(t.g::box2d, zc) c;
  ELSIF src = 'overlays' THEN
    RETURN QUERY SELECT DISTINCT c.cx, c.cy FROM overlays t, box_cells(t.geom_3857::box2d, zc) c;
  ELSIF src = 'parcels' THEN
    RETURN QUERY SELECT DISTINCT c.cx, c.cy FROM parcels t, box_cells(t.geom_3857::box2d, zc) c;
  ELSIF src = 'studies' THEN
    RETURN QUERY SELECT DISTINCT c.cx, c.cy FROM parcels t, box_cells(t.geom_3857::box2d, zc) c
    WHERE EXISTS (SELECT 1 FROM study_parcels sp WHERE sp.parcel_id = t.id);
  ELSE
    RAISE EXCEPTION 'tile_coverage: unknown source %', src;
  END IF;
END
$$;
COMMENT ON FUNCTION tile_coverage(text, integer) IS
  'Cells (tile x, y at zoom zc) that the bounding boxes of a tile source''s geometries touch: no feature of that source lies outside them.';
