-- 0004 — the zoning of any piece of land: a parcel, several parcels, a drawn polygon, typed coordinates.
-- The parcel sheet, extracts and notes all call these two functions, so they state the same thing.

-- Zones whose interior meets the land, in every plan version answering at the date, with the area of the
-- land inside each (on the ellipsoid). Slivers under 0.01 m² (floating noise along shared boundaries) are
-- dropped. Order: plans in force first, then the most detailed kind, then the largest part.
CREATE FUNCTION zoning_of(g geometry, d date)
RETURNS TABLE (plan jsonb, zone jsonb, area_m2 double precision, regulation jsonb)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT pr.ref, jsonb_build_object('id', z.id, 'code', z.code, 'label', z.label, 'category', z.category),
         a.area_m2, regulation_json(r)
  FROM zones z
  JOIN plan_refs_at(d) pr ON pr.version_id = z.version_id
  LEFT JOIN regulations r ON r.version_id = z.version_id AND r.zone_code = z.code
  CROSS JOIN LATERAL (SELECT ST_Area(ST_Intersection(z.geom_4326, g)::geography) AS area_m2) a
  WHERE z.geom_4326 && g AND ST_Intersects(z.geom_4326, g) AND a.area_m2 > 0.01
  ORDER BY pr.in_force DESC, pr.kind_rank, pr.plan_id, a.area_m2 DESC
$$;

-- Overlays that touch the land: surfaces and points inside it, and lines within half their width (a
-- planned road's alignment takes land from the parcels along it). The bbox prefilter (about 100 m) keeps
-- the index in use; the exact test is on the ellipsoid.
CREATE FUNCTION overlays_of(g geometry, d date)
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
         OR (o.width_m IS NOT NULL AND ST_DWithin(o.geom_4326::geography, g::geography, o.width_m / 2)))
  ORDER BY pr.in_force DESC, pr.kind_rank, o.kind, o.id
$$;
