// Validation of an imported layer, in SQL on a staging table of the import's own transaction
// (import_stage, dropped at its end): PostGIS answers every geometric question — validity and repair,
// the territory, overlaps, gaps — on the features as they will be stored.
//
// Each check adds problems to the report with the feature (its position in the layer, its id in the
// file, its code or reference) and a point to look at on the map (lon/lat). Thresholds:
//   * zones overlapping on OVERLAP_ERROR_M2 or more: error (a place would have two sets of rules); less:
//     warning (a digitising sliver; at 1/2000, a boundary drawn 0.2 m off along 50 m makes 10 m²);
//   * gaps (holes inside the union of the zones) of GAP_MIN_M2 or more: warning (roads are often left
//     unzoned on purpose, so a gap is not an error);
//   * parcels overlapping on half of the smaller one or more: error (the same land twice); from
//     PARCEL_OVERLAP_MIN_M2: warning (cadastral plans are drawn by surveyors; the agency reports, it does
//     not redraw);
//   * a feature partly outside the communes by more than 1 % and 100 m²: warning (commune boundaries come
//     from OpenStreetMap and stop at the shore); entirely outside: error; most features outside: the
//     coordinate system is suspect (error).
import type pg from 'pg';
import { candidatesFor, type Extent } from './readers/crs.js';
import type { FeatureRef, ProblemList } from './report.js';

export const OVERLAP_ERROR_M2 = 10;
export const OVERLAP_MIN_M2 = 0.01;
export const GAP_MIN_M2 = 1;
export const PARCEL_OVERLAP_MIN_M2 = 1;
export const PARCEL_DUPLICATE_SHARE = 0.5;

type Db = pg.ClientBase;

export interface StageRow {
  idx: number;
  fid: number | null;
  /** Zone code, parcel reference or overlay type value, as in the file (trimmed). */
  key: string | null;
  labelAr: string | null;
  labelFr: string | null;
  /** Zone category or overlay kind, resolved by the mapping; null when unknown. */
  category: string | null;
  commune: string | null;
  widthM: number | null;
  code: string | null;
  geometry: string | null;
}

export async function createStage(db: Db): Promise<void> {
  await db.query(`
    CREATE TEMP TABLE import_stage (
      idx integer PRIMARY KEY,
      fid bigint,
      key text,
      label_ar text,
      label_fr text,
      category text,
      commune_value text,
      width_m numeric,
      code text,
      geom_in geometry,                 -- as read (EPSG:4326), possibly null, invalid or of another type
      geom geometry,                    -- what will be stored: valid, of the expected type
      skip text,                        -- why the feature is left out (null: kept)
      commune_id integer
    ) ON COMMIT DROP`);
}

export async function loadStage(db: Db, rows: StageRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO import_stage (idx, fid, key, label_ar, label_fr, category, commune_value, width_m, code, geom_in)
     SELECT t.idx, t.fid, t.key, t.ar, t.fr, t.cat, t.commune, t.width, t.code,
            ST_SetSRID(ST_GeomFromGeoJSON(t.g), 4326)
     FROM unnest($1::int[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[],
                 $9::text[], $10::text[]) AS t(idx, fid, key, ar, fr, cat, commune, width, code, g)`,
    [
      rows.map((r) => r.idx), rows.map((r) => r.fid), rows.map((r) => r.key), rows.map((r) => r.labelAr),
      rows.map((r) => r.labelFr), rows.map((r) => r.category), rows.map((r) => r.commune), rows.map((r) => r.widthM),
      rows.map((r) => r.code), rows.map((r) => r.geometry),
    ],
  );
}

interface Located {
  idx: number;
  fid: number | null;
  key: string | null;
  lon: number | null;
  lat: number | null;
}

const ref = (r: Located): FeatureRef => ({ index: r.idx, fid: r.fid === null ? null : Number(r.fid), code: r.key });
const at = (r: { lon: number | null; lat: number | null }) => (r.lon === null || r.lat === null ? null : { lon: r.lon, lat: r.lat });

/** A point to look at for any geometry, even an invalid one (the middle of its box never fails). */
const SAFE_POINT = (g: string) => `ST_X(ST_Centroid(ST_Envelope(${g}))) lon, ST_Y(ST_Centroid(ST_Envelope(${g}))) lat`;
const POINT = (g: string) => `ST_X(ST_PointOnSurface(${g})) lon, ST_Y(ST_PointOnSurface(${g})) lat`;

/**
 * Geometry as read → geometry to store. `surfaces`: zones and parcels, MultiPolygons only; otherwise
 * overlays: polygons, lines or points, kept in their type.
 */
export async function checkGeometry(db: Db, problems: ProblemList, opts: { surfaces: boolean; reportMixed: boolean }): Promise<void> {
  // Null or empty geometry: left out.
  const nulls = await db.query<Located>(
    `UPDATE import_stage SET skip = 'null' WHERE geom_in IS NULL OR ST_IsEmpty(geom_in)
     RETURNING idx, fid, key, NULL::float8 lon, NULL::float8 lat`);
  for (const r of nulls.rows.sort((a, b) => a.idx - b.idx)) problems.add('null_geometry', ref(r), null);

  // Types we cannot store: left out, an error (the wrong layer, most likely).
  const allowed = opts.surfaces
    ? `('POLYGON', 'MULTIPOLYGON')`
    : `('POLYGON', 'MULTIPOLYGON', 'LINESTRING', 'MULTILINESTRING', 'POINT', 'MULTIPOINT')`;
  const wrong = await db.query<Located & { type: string }>(
    `UPDATE import_stage SET skip = 'type' WHERE skip IS NULL AND GeometryType(geom_in) NOT IN ${allowed}
     RETURNING idx, fid, key, GeometryType(geom_in) AS type, ${SAFE_POINT('geom_in')}`);
  for (const r of wrong.rows.sort((a, b) => a.idx - b.idx)) {
    problems.add(opts.surfaces ? 'not_polygon' : 'unsupported_geometry', ref(r), at(r), { type: r.type });
  }

  if (opts.reportMixed) {
    const mix = await db.query<{ p: number; m: number }>(
      `SELECT count(*) FILTER (WHERE GeometryType(geom_in) = 'POLYGON')::int p,
              count(*) FILTER (WHERE GeometryType(geom_in) = 'MULTIPOLYGON')::int m
       FROM import_stage WHERE skip IS NULL`);
    const { p, m } = mix.rows[0]!;
    if (p > 0 && m > 0) problems.add('mixed_geometry_types', null, null, { polygons: p, multipolygons: m });
  }

  // Invalid geometry: repaired. Polygons with the "structure" method (GEOS ≥ 3.10): rings are unioned as
  // the area they mean, so a bow-tie gives its two triangles and the result is always polygonal.
  const repaired = await db.query<Located & { reason: string; area: number | null; empty: boolean }>(
    `WITH bad AS (
       SELECT idx, ST_IsValidDetail(geom_in) d,
              CASE WHEN ST_Dimension(geom_in) = 2 THEN ST_CollectionExtract(ST_MakeValid(geom_in, 'method=structure'), 3)
                   ELSE ST_CollectionExtract(ST_MakeValid(geom_in), ST_Dimension(geom_in) + 1) END AS fixed
       FROM import_stage WHERE skip IS NULL AND NOT ST_IsValid(geom_in)
     )
     UPDATE import_stage s
     SET geom = CASE WHEN ST_IsEmpty(bad.fixed) THEN NULL ELSE bad.fixed END,
         skip = CASE WHEN ST_IsEmpty(bad.fixed) THEN 'unrepairable' END
     FROM bad WHERE bad.idx = s.idx
     RETURNING s.idx, s.fid, s.key, (bad.d).reason AS reason, ST_IsEmpty(bad.fixed) AS empty,
               CASE WHEN ST_Dimension(bad.fixed) = 2 THEN ST_Area(bad.fixed::geography) END AS area,
               COALESCE(ST_X((bad.d).location), ST_X(ST_Centroid(ST_Envelope(s.geom_in)))) lon,
               COALESCE(ST_Y((bad.d).location), ST_Y(ST_Centroid(ST_Envelope(s.geom_in)))) lat`);
  for (const r of repaired.rows.sort((a, b) => a.idx - b.idx)) {
    if (r.empty) problems.add('unrepairable_geometry', ref(r), at(r), { reason: r.reason ?? 'invalid' });
    else problems.add('invalid_geometry', ref(r), at(r), { reason: r.reason ?? 'invalid', areaM2: Math.round((r.area ?? 0) * 10) / 10 });
  }
  await db.query(`UPDATE import_stage SET geom = geom_in WHERE skip IS NULL AND geom IS NULL`);
  if (opts.surfaces) await db.query(`UPDATE import_stage SET geom = ST_Multi(geom) WHERE skip IS NULL`);
  // What is stored must be valid (the tables check it): whatever a repair could not make valid is left out.
  const still = await db.query<Located & { reason: string }>(
    `UPDATE import_stage SET skip = 'unrepairable' WHERE skip IS NULL AND NOT ST_IsValid(geom)
     RETURNING idx, fid, key, ST_IsValidReason(geom) reason, ${SAFE_POINT('geom')}`);
  for (const r of still.rows.sort((a, b) => a.idx - b.idx)) problems.add('unrepairable_geometry', ref(r), at(r), { reason: r.reason });
  await db.query(`CREATE INDEX ON import_stage USING gist (geom)`);
  await db.query(`ANALYZE import_stage`);
}

/** Features entirely outside the communes of the agency (error), partly outside (warning); a wrong system. */
export async function checkTerritory(db: Db, problems: ProblemList, extent: Extent | null, epsg: number): Promise<void> {
  const outside = await db.query<Located>(
    `UPDATE import_stage s SET skip = 'outside'
     WHERE s.skip IS NULL AND NOT EXISTS (
       SELECT 1 FROM communes c WHERE c.geom_4326 && s.geom AND ST_Intersects(c.geom_4326, s.geom))
     RETURNING s.idx, s.fid, s.key, ${SAFE_POINT('s.geom')}`);
  const total = await db.query<{ n: number }>(`SELECT count(*)::int n FROM import_stage WHERE skip IS NULL OR skip = 'outside'`);
  const n = total.rows[0]!.n;
  if (outside.rows.length > 0 && outside.rows.length * 2 >= n) {
    const fits = extent ? candidatesFor(extent).filter((c) => c !== epsg) : [];
    problems.add('crs_suspect', null, null, { outside: outside.rows.length, total: n, epsg, fits: fits.map((c) => `EPSG:${c}`).join(' / ') });
  }
  for (const r of outside.rows.sort((a, b) => a.idx - b.idx)) problems.add('outside_territory', ref(r), at(r));

  // Partly outside: first the cheap test (covered by one commune), then, for the few features across a
  // boundary, the area left outside the union of the communes they touch.
  const partly = await db.query<Located & { outside_m2: number; share: number }>(
    `WITH across AS (
       SELECT s.* FROM import_stage s
       WHERE s.skip IS NULL AND ST_Dimension(s.geom) = 2
         AND NOT EXISTS (SELECT 1 FROM communes c WHERE c.geom_4326 && s.geom AND ST_CoveredBy(s.geom, c.geom_4326))
     ), diff AS (
       SELECT a.idx, a.fid, a.key, ST_Area(a.geom::geography) total,
              ST_Difference(a.geom, (SELECT ST_Union(c.geom_4326) FROM communes c WHERE c.geom_4326 && a.geom)) d
       FROM across a
     )
     SELECT idx, fid, key, ST_Area(d::geography) outside_m2, round((100 * ST_Area(d::geography) / NULLIF(total, 0))::numeric, 1)::float8 share,
            ${POINT('d')}
     FROM diff WHERE NOT ST_IsEmpty(d) AND ST_Area(d::geography) > greatest(100, 0.01 * total)
     ORDER BY idx`);
  for (const r of partly.rows) {
    problems.add('partly_outside_territory', ref(r), at(r), { outsideM2: Math.round(r.outside_m2), share: r.share });
  }
}

/** Zones of the file overlapping each other, and the gaps inside their union. */
export async function checkZoneTopology(db: Db, problems: ProblemList): Promise<void> {
  const overlaps = await db.query<Located & { other_idx: number; other_key: string | null; area: number }>(
    `SELECT a.idx, a.fid, a.key, b.idx other_idx, b.key other_key, ST_Area(x.i::geography) area, ${POINT('x.i')}
     FROM import_stage a
     JOIN import_stage b ON a.idx < b.idx AND a.geom && b.geom
     CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3) i) x
     WHERE a.skip IS NULL AND b.skip IS NULL AND ST_Relate(a.geom, b.geom, '2********')
       AND NOT ST_IsEmpty(x.i) AND ST_Area(x.i::geography) >= $1
     ORDER BY a.idx, b.idx`,
    [OVERLAP_MIN_M2],
  );
  for (const r of overlaps.rows) {
    problems.add(r.area >= OVERLAP_ERROR_M2 ? 'overlap' : 'overlap_sliver', ref(r), at(r), {
      code: r.key ?? '', otherCode: r.other_key ?? '', otherIndex: r.other_idx, areaM2: Math.round(r.area * 100) / 100,
    });
  }
  const gaps = await db.query<{ area: number; lon: number; lat: number }>(
    `WITH u AS (SELECT ST_Union(geom) g FROM import_stage WHERE skip IS NULL),
          holes AS (
            SELECT ST_Difference(ST_MakePolygon(ST_InteriorRingN(d.geom, k)), u.g) h
            FROM u, ST_Dump(u.g) d, generate_series(1, ST_NumInteriorRings(d.geom)) k)
     SELECT ST_Area(h::geography) area, ${POINT('h')}
     FROM holes WHERE NOT ST_IsEmpty(h) AND ST_Area(h::geography) >= $1
     ORDER BY 2, 3`,
    [GAP_MIN_M2],
  );
  for (const r of gaps.rows) problems.add('gap', null, at(r), { areaM2: Math.round(r.area * 10) / 10 });
}

/**
 * Parcels: references (missing, duplicated in the file, used by a current parcel the file does not
 * replace), communes (the field's value, or where the parcel lies), overlaps. Returns the ids of the
 * communes the file covers.
 */
export async function checkParcels(db: Db, problems: ProblemList, fields: { reference: string; commune?: string }): Promise<number[]> {
  const noRef = await db.query<Located>(
    `UPDATE import_stage SET skip = 'reference' WHERE skip IS NULL AND (key IS NULL OR btrim(key) = '')
     RETURNING idx, fid, key, ${POINT('geom')}`);
  for (const r of noRef.rows.sort((a, b) => a.idx - b.idx)) problems.add('missing_reference', ref(r), at(r), { field: fields.reference });

  const dup = await db.query<Located & { first: number }>(
    `SELECT idx, fid, key, first, ${POINT('geom')} FROM (
       SELECT s.*, min(idx) OVER (PARTITION BY upper(regexp_replace(key, '\\s+', '', 'g'))) first
       FROM import_stage s WHERE skip IS NULL) t
     WHERE idx <> first ORDER BY idx`);
  for (const r of dup.rows) problems.add('duplicate_reference', ref(r), at(r), { reference: r.key ?? '', otherIndex: r.first });

  // The commune: where the parcel lies (its point on surface), and what the file says, if it says.
  await db.query(
    `UPDATE import_stage s SET commune_id = (
       SELECT c.id FROM communes c WHERE c.geom_4326 && s.geom AND ST_Intersects(c.geom_4326, ST_PointOnSurface(s.geom))
       ORDER BY c.id LIMIT 1)
     WHERE s.skip IS NULL`);
  if (fields.commune) {
    const said = await db.query<Located & { value: string | null; said_id: number | null; said_name: string | null; found_name: string | null }>(
      `WITH m AS (
         SELECT s.idx, (SELECT c.id FROM communes c
                        WHERE c.code = btrim(s.commune_value)
                           OR tasmim_norm(c.name->>'fr') = tasmim_norm(btrim(s.commune_value))
                           OR tasmim_norm(c.name->>'ar') = tasmim_norm(btrim(s.commune_value))
                        ORDER BY c.id LIMIT 1) said_id
         FROM import_stage s WHERE s.skip IS NULL)
       SELECT s.idx, s.fid, s.key, s.commune_value value, m.said_id, cs.name->>'fr' said_name, cf.name->>'fr' found_name,
              ${POINT('s.geom')}
       FROM import_stage s JOIN m ON m.idx = s.idx
       LEFT JOIN communes cs ON cs.id = m.said_id LEFT JOIN communes cf ON cf.id = s.commune_id
       WHERE m.said_id IS DISTINCT FROM s.commune_id
       ORDER BY s.idx`);
    for (const r of said.rows) {
      if (r.said_id === null) {
        problems.add('unknown_commune', ref(r), at(r), { value: r.value ?? '', field: fields.commune });
        await db.query(`UPDATE import_stage SET skip = 'commune' WHERE idx = $1`, [r.idx]);
      } else {
        problems.add('commune_mismatch', ref(r), at(r), { said: r.said_name ?? '', found: r.found_name ?? '' });
        await db.query(`UPDATE import_stage SET commune_id = $2 WHERE idx = $1`, [r.idx, r.said_id]);
      }
    }
  }
  const covered = (await db.query<{ id: number }>(
    `SELECT DISTINCT commune_id id FROM import_stage WHERE skip IS NULL AND commune_id IS NOT NULL ORDER BY 1`)).rows.map((r) => r.id);

  const inUse = await db.query<Located & { commune: string | null }>(
    `SELECT s.idx, s.fid, s.key, c.name->>'fr' commune, ${POINT('s.geom')}
     FROM import_stage s
     JOIN parcels p ON p.reference_norm = upper(regexp_replace(s.key, '\\s+', '', 'g')) AND p.valid_to IS NULL
     LEFT JOIN communes c ON c.id = p.commune_id
     WHERE s.skip IS NULL AND (p.commune_id IS NULL OR NOT p.commune_id = ANY($1::int[]))
     ORDER BY s.idx`,
    [covered],
  );
  for (const r of inUse.rows) problems.add('reference_in_use', ref(r), at(r), { reference: r.key ?? '', commune: r.commune ?? '?' });

  const overlaps = await db.query<Located & { other_idx: number; other_key: string | null; area: number; share: number }>(
    `SELECT a.idx, a.fid, a.key, b.idx other_idx, b.key other_key, ST_Area(x.i::geography) area,
            ST_Area(x.i::geography) / NULLIF(least(ST_Area(a.geom::geography), ST_Area(b.geom::geography)), 0) share,
            ${POINT('x.i')}
     FROM import_stage a
     JOIN import_stage b ON a.idx < b.idx AND a.geom && b.geom
     CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3) i) x
     WHERE a.skip IS NULL AND b.skip IS NULL AND ST_Relate(a.geom, b.geom, '2********')
       AND NOT ST_IsEmpty(x.i) AND ST_Area(x.i::geography) >= $1
     ORDER BY a.idx, b.idx`,
    [PARCEL_OVERLAP_MIN_M2],
  );
  for (const r of overlaps.rows) {
    const params = { reference: r.key ?? '', otherReference: r.other_key ?? '', otherIndex: r.other_idx, areaM2: Math.round(r.area * 10) / 10 };
    if (r.share >= PARCEL_DUPLICATE_SHARE) problems.add('parcel_duplicate_geometry', ref(r), at(r), { ...params, share: Math.round(r.share * 100) });
    else problems.add('parcel_overlap', ref(r), at(r), params);
  }
  return covered;
}
