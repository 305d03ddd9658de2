-- 0010 — overlays_of (0004) with a cheap planar test before the geodesic one.
--
-- Why: the parcel sheet's slowest part (bench, docs/performance.md). A planned road is a long line whose box
-- covers much of its town, so the index hands overlays_of tens of candidates for any parcel there, and each
-- was measured with ST_DWithin on geography (a geodesic distance to every vertex of the line): 130–600 ms
-- for a parcel of Nador on the shared bench machine, for no overlay found.
--
-- The new test, added before the geodesic one and implied by it, so the answer is unchanged: a line within
-- d metres of the land is within d / 55,000 degrees of it in plain longitude/latitude. A degree of latitude
-- is at least 110,500 m and a degree of longitude 111,300 × cos(latitude) m, which is at least 55,650 m up
-- to 60° of latitude (Morocco lies between 21° and 36°); so a metric distance d never exceeds a planar
-- distance of d / 55,000 degrees there. Only candidates that pass it pay for the geodesic test.

CREATE OR REPLACE FUNCTION overlays_of(g geometry, d date)
RETURNS TABLE (id integer, kind overlay_kind, code text, label jsonb, details jsonb, width_m numeric, plan jsonb,
               area_m2 double precision, length_m double precision)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT o.id, o.kind, o.code, o.label, o.details, o.width_m, pr.ref,
         CASE WHEN GeometryType(o.geom_4326) IN ('POLYGON', 'MULTIPOLYGON')
                THEN ST_Area(ST_Intersection(o.geom_4326, g)::geography)
              WHEN o.width_m IS NOT NULL AND GeometryType(o.geom_4326) IN ('LINESTRING', 'MULTILINESTRING')
                THEN ST_Area(ST_Intersection(ST_Buffer(o.geom_4326::geography, o.width_m / 2)::geometry, g)::geography)
         END,
         CASE WHEN GeometryType(o.geom_4326) IN ('LINESTRING', 'MULTILINESTRING')
                THEN ST_Length(ST_Intersection(o.geom_4326, g)::geography) END
  FROM overlays o
  JOIN plan_refs_at(d) pr ON pr.version_id = o.version_id
  WHERE o.geom_4326 && ST_Expand(g, 0.001)
    AND (ST_Intersects(o.geom_4326, g)
         OR (o.width_m IS NOT NULL
             AND ST_DWithin(o.geom_4326, g, o.width_m::float8 / 2 / 55000)
             AND ST_DWithin(o.geom_4326::geography, g::geography, o.width_m / 2)))
  ORDER BY pr.in_force DESC, pr.kind_rank, o.kind, o.id
$$;
COMMENT ON FUNCTION overlays_of(geometry, date) IS
  'Overlays touching the land at a date: surfaces and points inside it, lines within half their width (planar prefilter, migration 0010).';
