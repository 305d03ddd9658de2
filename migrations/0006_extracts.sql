-- 0006 — extracts of a selection for architects and GIS users: the layers around a piece of land in
-- Lambert Nord Maroc (EPSG:26191, metres, through to_26191 of 0001), the setback lines that the rules of
-- its zone draw inside it, and the alignments of the planned roads near it. server/extracts writes them as
-- GeoJSON, DXF and shapefiles; every geometry comes from here, so the three formats draw the same thing.

-- A geometry in the asked SRID (4326 or 26191). Stored geometries are EPSG:4326 and go to 26191 with
-- to_26191; geometries computed in metres (setbacks, road edges) are 26191 and go back with from_26191;
-- neither makes a round trip (4326 → 26191 → 4326 through the towgs84 shift moves a point by about 2 mm,
-- because the ellipsoidal height is dropped between the two steps).
CREATE FUNCTION extract_crs(g geometry, srid integer) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT CASE
    WHEN ST_SRID(g) = srid THEN g
    WHEN srid = 26191 AND ST_SRID(g) = 4326 THEN to_26191(g)
    WHEN srid = 4326 AND ST_SRID(g) = 26191 THEN from_26191(g)
  END
$$;
COMMENT ON FUNCTION extract_crs(geometry, integer) IS 'A 4326 or 26191 geometry in the asked SRID (4326 or 26191).';

-- The same, polygons with counter-clockwise outer rings (RFC 7946 §3.1.6; the shapefile writer reverses
-- them for ESRI's clockwise rule). Only polygons go through ST_ForcePolygonCCW: in PostGIS 3.3 it also
-- reverses lines.
CREATE FUNCTION extract_out(g geometry, srid integer) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT CASE WHEN ST_Dimension(t.g) = 2 THEN ST_ForcePolygonCCW(t.g) ELSE t.g END
  FROM (SELECT extract_crs(g, srid) AS g) t
$$;
COMMENT ON FUNCTION extract_out(geometry, integer) IS
  'A 4326 or 26191 polygon, line or point in the asked SRID, polygons counter-clockwise.';

-- The zone whose rules govern a piece of land: in the most detailed binding plan in force that covers it
-- (the order of zoning_of: restructuring, development, growth; an SDAU is not opposable at parcel level),
-- the zone holding the largest share of the land. The same choice as capacity() in server/parcels.
CREATE FUNCTION governing_zone(g geometry, d date)
RETURNS TABLE (plan jsonb, zone jsonb, area_m2 double precision, share double precision, regulation jsonb)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT z.plan, z.zone, z.area_m2, z.area_m2 / NULLIF(ST_Area(g::geography), 0), z.regulation
  FROM zoning_of(g, d) z
  WHERE (z.plan ->> 'inForce')::boolean AND z.plan ->> 'kind' <> 'master'
  ORDER BY plan_kind_rank((z.plan ->> 'kind')::plan_kind), (z.plan ->> 'id')::integer, z.area_m2 DESC
  LIMIT 1
$$;
COMMENT ON FUNCTION governing_zone(geometry, date) IS
  'The zone (largest share) of the most detailed binding plan in force over the land, with its regulation.';

-- The sides of a land (a parcel, or the union of the parcels of a project), in metres, each classified:
--  * front: an edge shared with no other parcel faces public space (a street, a square);
--  * rear:  an edge shared with a neighbour whose outward direction is within 45° of the opposite of the
--           main front (the longest front edge);
--  * side:  every other edge shared with a neighbour.
-- "Shared" means that at least half of the edge lies within `tol` of a neighbouring parcel: 0.5 m absorbs
-- the digitising disagreements of real cadastral boundaries (a few decimetres), while the narrowest street
-- in the sample is 10 m, so a lot across a street is never taken for a neighbour.
-- Limits, stated in every extract: a parcel missing from the cadastral data makes the edge it would share
-- look like a street; a corner lot has two fronts and its rear is taken opposite the longer one; a lot with
-- no street edge (reached by an easement) has no front and no rear, only sides; only outer rings count
-- (courtyards, i.e. holes, get no setback). Edges are numbered along the simplified counter-clockwise
-- outer ring.
CREATE FUNCTION land_edges(land geometry, others geometry, tol double precision DEFAULT 0.5)
RETURNS TABLE (piece integer, edge integer, kind text, ux double precision, uy double precision, geom geometry)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH pieces AS (
    -- vertices within 1 cm of the line through their neighbours go (a T-junction where two neighbours
    -- meet behind the land), so a straight boundary is one side whatever the parcels along it
    SELECT COALESCE(d.path[1], 1) AS piece, ST_ForcePolygonCCW(ST_SimplifyPreserveTopology(d.geom, 0.01)) AS g
    FROM ST_Dump(ST_CollectionExtract(land, 3)) d
  ), segs AS (
    -- each side with its unit direction; sides under 1 cm are digitising noise
    SELECT p.piece, s.path[1] AS edge, s.geom, ST_Length(s.geom) AS len,
           (ST_X(ST_EndPoint(s.geom)) - ST_X(ST_StartPoint(s.geom))) / ST_Length(s.geom) AS ux,
           (ST_Y(ST_EndPoint(s.geom)) - ST_Y(ST_StartPoint(s.geom))) / ST_Length(s.geom) AS uy
    FROM pieces p CROSS JOIN LATERAL ST_DumpSegments(ST_ExteriorRing(p.g)) s
    WHERE ST_Length(s.geom) > 0.01
  ), classified AS (
    SELECT s.*, COALESCE(ST_Length(ST_Intersection(s.geom, n.b)) >= 0.5 * s.len, false) AS shared
    FROM segs s CROSS JOIN (SELECT ST_Buffer(others, tol) AS b) n
  ), main AS (
    SELECT DISTINCT ON (piece) piece, ux, uy FROM classified WHERE NOT shared ORDER BY piece, len DESC, edge
  )
  -- outward normals are the directions turned by −90° on a counter-clockwise ring, so comparing normals
  -- is comparing directions: cos 135° = −0.7071
  SELECT c.piece, c.edge,
         CASE WHEN NOT c.shared THEN 'front'
              WHEN c.ux * m.ux + c.uy * m.uy <= -0.7071 THEN 'rear'
              ELSE 'side' END,
         c.ux, c.uy, c.geom
  FROM classified c LEFT JOIN main m ON m.piece = c.piece
  ORDER BY c.piece, c.edge
$$;
COMMENT ON FUNCTION land_edges(geometry, geometry, double precision) IS
  'Sides of a land in metres, classified front (no neighbour), rear (opposite the main front) or side.';

-- Setback lines: for each side whose setback is stated and positive, the line parallel to it at that
-- distance inside the land, drawn across the land and stopped where it enters the setback strip of another
-- side, so that together the lines outline where a building may stand (regulation: "recul par rapport à
-- l'alignement / aux limites séparatives / au fond de la parcelle"). A setback of 0 (buildings on the
-- boundary, usual for side limits in terraced housing) or not stated draws nothing.
CREATE FUNCTION setback_lines(land geometry, others geometry, front double precision,
                                         side double precision, rear double precision)
RETURNS TABLE (piece integer, edge integer, kind text, setback_m double precision, geom geometry)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH pieces AS (
    SELECT COALESCE(d.path[1], 1) AS piece, d.geom AS g,
           sqrt((ST_XMax(d.geom) - ST_XMin(d.geom)) ^ 2 + (ST_YMax(d.geom) - ST_YMin(d.geom)) ^ 2) AS diag
    FROM ST_Dump(ST_CollectionExtract(land, 3)) d
  ), e AS (
    SELECT le.*, CASE le.kind WHEN 'front' THEN front WHEN 'side' THEN side ELSE rear END AS d
    FROM land_edges(land, others) le
  ), strips AS (
    -- what the setbacks keep free, per piece; each strip 0.1 mm narrower than its setback so that the line
    -- at exactly that distance is not cut away by its own strip
    SELECT piece, ST_Union(ST_Buffer(geom, d - 0.0001, 'quad_segs=16')) AS s FROM e WHERE d > 0 GROUP BY piece
  ), moved AS (
    -- the side moved inwards by d (the ring is counter-clockwise: inside is on the left, normal (−uy, ux))
    -- and lengthened both ways by the piece's diagonal, so that it spans the piece whatever its shape
    SELECT e.piece, e.edge, e.kind, e.d, e.geom AS side_geom, p.g,
           ST_SetSRID(ST_MakeLine(
             ST_MakePoint(ST_X(ST_StartPoint(e.geom)) - e.uy * e.d - p.diag * e.ux,
                          ST_Y(ST_StartPoint(e.geom)) + e.ux * e.d - p.diag * e.uy),
             ST_MakePoint(ST_X(ST_EndPoint(e.geom)) - e.uy * e.d + p.diag * e.ux,
                          ST_Y(ST_EndPoint(e.geom)) + e.ux * e.d + p.diag * e.uy)), ST_SRID(land)) AS l
    FROM e JOIN pieces p USING (piece)
    WHERE e.d > 0
  )
  -- keep the parts that face their own side (a concave land can cut the line into pieces facing others)
  SELECT m.piece, m.edge, m.kind, m.d, c.geom
  FROM moved m JOIN strips s USING (piece)
  CROSS JOIN LATERAL ST_Dump(ST_Intersection(ST_Difference(m.l, s.s), m.g)) c
  WHERE GeometryType(c.geom) = 'LINESTRING' AND ST_Length(c.geom) > 0.01
    AND ST_Distance(c.geom, m.side_geom) < m.d + 0.01
  ORDER BY m.piece, m.edge
$$;
COMMENT ON FUNCTION setback_lines(geometry, geometry, double precision, double precision, double precision) IS
  'Lines inside a land (metres) at the front, side and rear setbacks from its classified sides (land_edges).';

-- Planned roads near an area (EPSG:26191 polygon): the centre line and both edges of the alignment
-- (centre ± width/2, ST_OffsetCurve: positive is left), clipped to the area. The centre is first clipped
-- to the area grown by the road's width, so that the offset edges are whole up to the area's border.
CREATE FUNCTION road_alignments(area geometry, d date)
RETURNS TABLE (overlay_id integer, code text, label jsonb, width_m numeric, plan jsonb, role text, geom geometry)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH near AS (
    -- candidates by index within about 100 m (as overlays_of), then exactly: alignment within width/2
    SELECT o.id, o.code, o.label, o.width_m, pr.ref, pr.in_force, pr.kind_rank, to_26191(o.geom_4326) AS g
    FROM overlays o JOIN plan_refs_at(d) pr ON pr.version_id = o.version_id
    WHERE o.kind = 'planned_road' AND o.width_m IS NOT NULL
      AND o.geom_4326 && ST_Expand(from_26191(ST_Envelope(area)), 0.001)
  ), centres AS (
    SELECT n.*, c.path AS part, c.geom AS centre
    FROM near n
    CROSS JOIN LATERAL ST_Dump(ST_LineMerge(ST_CollectionExtract(
      ST_Intersection(n.g, ST_Buffer(area, n.width_m::float8, 'quad_segs=4')), 2))) c
    WHERE ST_DWithin(n.g, area, n.width_m::float8 / 2)
  )
  SELECT c.id, c.code, c.label, c.width_m, c.ref, r.role, ST_Intersection(r.g, area)
  FROM centres c
  CROSS JOIN LATERAL (VALUES (1, 'centre', c.centre),
                             (2, 'left', ST_OffsetCurve(c.centre, c.width_m::float8 / 2)),
                             (3, 'right', ST_OffsetCurve(c.centre, -c.width_m::float8 / 2))) r(n, role, g)
  WHERE ST_Intersects(r.g, area)
  ORDER BY c.in_force DESC, c.kind_rank, c.id, c.part, r.n
$$;
COMMENT ON FUNCTION road_alignments(geometry, date) IS
  'Planned road alignments near an area (EPSG:26191): centre line and edges at ± width/2, clipped to it.';

-- Every layer of an extract, in the asked SRID (4326 or 26191), in drawing order:
--  parcel      the selected parcels, or the drawn/typed polygon when no parcel is named;
--  neighbours  the current parcels within 30 m of the land (for a drawn polygon, also those under it);
--  zones       the zones of every plan answering at the date, clipped to 50 m around the land, with the
--              plan and the zone's full regulation;
--  overlays    the prescriptions and servitudes meeting that area, clipped to it;
--  roads       planned road alignments (road_alignments);
--  setbacks    for parcels only: setback_lines with the rules of governing_zone; a drawn outline is not a
--              cadastral lot, its sides cannot be told street from neighbour.
-- `land_4326` and `land_26191` are the same land in both CRS, each exact in its own (typed Lambert
-- coordinates stay exactly as typed). `label` is a point inside each feature, to write its name on.
CREATE FUNCTION extract_layers(land_4326 geometry, land_26191 geometry, selected bigint[], d date, srid integer)
RETURNS TABLE (layer text, props jsonb, geom geometry, label geometry)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH area AS (
    SELECT b AS a, from_26191(b) AS a4326 FROM (SELECT ST_Buffer(land_26191, 50, 'quad_segs=8') AS b) t
  ), sel AS (
    SELECT 1 AS o, row_number() OVER (ORDER BY p.reference_norm) AS n, 'parcel' AS layer,
           jsonb_build_object('id', p.id, 'reference', p.reference, 'communeCode', c.code, 'commune', c.name,
                              'areaM2', round(p.area_m2::numeric, 2), 'illustrative', p.illustrative) AS props,
           p.geom_4326 AS g
    FROM parcels p LEFT JOIN communes c ON c.id = p.commune_id
    WHERE p.id = ANY(selected)
    UNION ALL
    SELECT 1, 1, 'parcel', jsonb_build_object('source', 'polygon', 'areaM2', round(ST_Area(land_4326::geography)::numeric, 2)),
           CASE WHEN srid = 26191 THEN land_26191 ELSE land_4326 END
    WHERE cardinality(selected) = 0
  ), nb AS (
    SELECT 2, row_number() OVER (ORDER BY t.dist, t.id), 'neighbours',
           jsonb_build_object('id', t.id, 'reference', t.reference, 'areaM2', round(t.area_m2::numeric, 2),
                              'distanceM', round(t.dist::numeric, 2)), t.geom_4326
    FROM (
      SELECT p.id, p.reference, p.area_m2, p.geom_4326, ST_Distance(p.geom_4326::geography, land_4326::geography) AS dist
      FROM parcels p
      -- a planar test in degrees first (0.0006° ≥ 54 m in longitude at 36°N, 66 m in latitude; it uses
      -- the index and the exact shapes, so a scattered selection's large bbox costs nothing), then the
      -- exact test on the ellipsoid
      WHERE ST_DWithin(p.geom_4326, land_4326, 0.0006)
        AND NOT p.id = ANY(selected)
        AND p.valid_from <= d AND (p.valid_to IS NULL OR d < p.valid_to)
        AND ST_DWithin(p.geom_4326::geography, land_4326::geography, 30)
      ORDER BY dist, p.id LIMIT 5000
    ) t
  ), zn AS (
    SELECT 3, row_number() OVER (ORDER BY pr.in_force DESC, pr.kind_rank, pr.plan_id, z.code, z.id), 'zones',
           jsonb_build_object('zoneId', z.id, 'code', z.code, 'label', z.label, 'category', z.category,
                              'plan', pr.ref, 'regulation', regulation_json(r)),
           ST_CollectionExtract(ST_Intersection(z.geom_4326, area.a4326), 3)
    FROM zones z
    JOIN plan_refs_at(d) pr ON pr.version_id = z.version_id
    LEFT JOIN regulations r ON r.version_id = z.version_id AND r.zone_code = z.code
    CROSS JOIN area
    WHERE z.geom_4326 && area.a4326 AND ST_Intersects(z.geom_4326, area.a4326)
  ), ov AS (
    SELECT 4, row_number() OVER (ORDER BY pr.in_force DESC, pr.kind_rank, o.kind, o.id), 'overlays',
           jsonb_build_object('overlayId', o.id, 'kind', o.kind, 'code', o.code, 'label', o.label,
                              'details', o.details, 'widthM', o.width_m, 'plan', pr.ref),
           ST_CollectionExtract(ST_Intersection(o.geom_4326, area.a4326), ST_Dimension(o.geom_4326) + 1)
    FROM overlays o
    JOIN plan_refs_at(d) pr ON pr.version_id = o.version_id
    CROSS JOIN area
    WHERE o.geom_4326 && area.a4326 AND ST_Intersects(o.geom_4326, area.a4326)
  ), rd AS (
    SELECT 5, row_number() OVER (), 'roads',
           jsonb_build_object('overlayId', r.overlay_id, 'role', r.role, 'code', r.code, 'label', r.label,
                              'widthM', r.width_m, 'plan', r.plan), r.geom
    FROM area CROSS JOIN LATERAL road_alignments(area.a, d) r
  ), others AS (
    -- the parcels the land's sides may be shared with
    SELECT to_26191(ST_Union(p.geom_4326)) AS g FROM parcels p
    WHERE ST_DWithin(p.geom_4326, land_4326, 0.0001) AND NOT p.id = ANY(selected)
      AND p.valid_from <= d AND (p.valid_to IS NULL OR d < p.valid_to)
      AND ST_DWithin(p.geom_4326::geography, land_4326::geography, 1)
  ), sb AS (
    SELECT 6, row_number() OVER (ORDER BY s.piece, s.edge), 'setbacks',
           jsonb_build_object('kind', s.kind, 'setbackM', s.setback_m, 'piece', s.piece, 'edge', s.edge,
                              'zoneCode', g.zone ->> 'code', 'plan', g.plan ->> 'code'), s.geom
    FROM governing_zone(land_4326, d) g CROSS JOIN others
    CROSS JOIN LATERAL setback_lines(land_26191, others.g,
      (g.regulation -> 'setbacks' ->> 'frontM')::float8, (g.regulation -> 'setbacks' ->> 'sideM')::float8,
      (g.regulation -> 'setbacks' ->> 'rearM')::float8) s
    WHERE cardinality(selected) > 0
  ), all_layers AS (
    SELECT * FROM sel UNION ALL SELECT * FROM nb UNION ALL SELECT * FROM zn UNION ALL SELECT * FROM ov
    UNION ALL SELECT * FROM rd UNION ALL SELECT * FROM sb
  ), numbered AS (
    SELECT row_number() OVER (ORDER BY a.o, a.n) AS k, a.layer, a.props, a.g, ST_SRID(a.g) <> srid AS moves
    FROM all_layers a WHERE a.g IS NOT NULL AND NOT ST_IsEmpty(a.g)
  ), batch AS (
    -- One transformation for every geometry that changes CRS: to_26191 and from_26191 build a PROJ
    -- transformation from the text definition at each call (about 2 ms), too slow for thousands of
    -- features. The collection's parts come back from ST_Dump as path {i} or {i, j} (i-th member).
    SELECT b.ks[d.path[1]] AS k, d.path, d.geom
    FROM (SELECT ST_Collect(g ORDER BY k) AS c, array_agg(k ORDER BY k) AS ks FROM numbered WHERE moves) b
    CROSS JOIN LATERAL ST_Dump(extract_crs(b.c, srid)) d
  ), moved AS (
    SELECT k, ST_Collect(geom ORDER BY path) AS multi, (array_agg(geom ORDER BY path))[1] AS single
    FROM batch GROUP BY k
  ), placed AS (
    SELECT n.k, n.layer, n.props,
           CASE WHEN NOT n.moves THEN n.g WHEN GeometryType(n.g) LIKE 'MULTI%' THEN m.multi ELSE m.single END AS g
    FROM numbered n LEFT JOIN moved m ON m.k = n.k
  )
  SELECT p.layer, p.props, o.g, ST_PointOnSurface(o.g)
  FROM placed p
  CROSS JOIN LATERAL (SELECT CASE WHEN ST_Dimension(p.g) = 2 THEN ST_ForcePolygonCCW(p.g) ELSE p.g END AS g) o
  ORDER BY p.k
$$;
COMMENT ON FUNCTION extract_layers(geometry, geometry, bigint[], date, integer) IS
  'The layers of an extract around a land (parcel, neighbours, zones, overlays, roads, setbacks) in 4326 or 26191.';
