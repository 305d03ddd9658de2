// The SQL side of the sample: every geometry operation (clipping, buffering, noding, union, validity) is
// done by PostGIS, on values bound as parameters; the statements below are constant text.
//
// Scratch geometries of one seeding live in temporary tables dropped at commit:
//   seed_geom (name → geometry): perimeters, wadis, coasts, no-build strips…;
//   seed_face: the faces of one plan version's zoning, before they are merged into zones;
//   seed_site: for each town that receives parcels, the zoned area and its no-build part.
import type pg from 'pg';
import type { I18n, ZoneCategory } from './catalogue.js';

export type Db = pg.ClientBase;

export async function createScratchTables(db: Db): Promise<void> {
  await db.query(`
    CREATE TEMP TABLE seed_geom (name text PRIMARY KEY, geom geometry NOT NULL) ON COMMIT DROP;
    CREATE TEMP TABLE seed_face (id integer PRIMARY KEY, geom geometry NOT NULL, px float8, py float8, na boolean, area float8) ON COMMIT DROP;
    CREATE TEMP TABLE seed_site (key text PRIMARY KEY, geom geometry NOT NULL, na geometry NOT NULL, commune_id integer) ON COMMIT DROP;`);
}

/** Stores WKT (EPSG:4326) under a name. */
export async function putWkt(db: Db, name: string, wkt: string): Promise<void> {
  await db.query('INSERT INTO seed_geom (name, geom) VALUES ($1, ST_GeomFromText($2, 4326))', [name, wkt]);
}

/** The part of a named geometry inside another, polygons only (for perimeters: commune ∩ rectangle). */
export async function putIntersection(db: Db, name: string, a: string, b: string): Promise<void> {
  await db.query(
    `INSERT INTO seed_geom (name, geom)
     SELECT $1, ST_Multi(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3))
     FROM seed_geom a, seed_geom b WHERE a.name = $2 AND b.name = $3`,
    [name, a, b],
  );
}

/** A commune's geometry, or the union of several, under a name. */
export async function putCommunes(db: Db, name: string, codes: string[]): Promise<void> {
  const r = await db.query(
    `INSERT INTO seed_geom (name, geom)
     SELECT $1, ST_Multi(ST_Union(geom_4326)) FROM communes WHERE code = ANY($2::text[]) HAVING count(*) > 0`,
    [name, codes],
  );
  if (r.rowCount !== 1) throw new Error(`communes ${codes.join(', ')} are missing`);
}

/**
 * The shore of a set of communes: the parts of their outer boundary that no other commune shares (the
 * commune polygons stop at the water line), less `exclude` (a WKT polygon: the land border with
 * Melilla, which is no commune of the data set but is no shore either).
 */
export async function putShore(db: Db, name: string, codes: string[], excludeWkt: string): Promise<void> {
  await db.query(
    `WITH u AS (SELECT ST_Union(geom_4326) g FROM communes WHERE code = ANY($2::text[])),
          others AS (SELECT ST_Buffer(ST_Union(c.geom_4326), 0.00002) g
                     FROM communes c, u WHERE c.code <> ALL($2::text[]) AND c.geom_4326 && ST_Expand(u.g, 0.01))
     INSERT INTO seed_geom (name, geom)
     SELECT $1, ST_Multi(ST_CollectionExtract(
              ST_Difference(ST_Difference(ST_Boundary(u.g), COALESCE(others.g, 'GEOMETRYCOLLECTION EMPTY'::geometry)),
                            ST_GeomFromText($3, 4326)), 2))
     FROM u, others`,
    [name, codes, excludeWkt],
  );
}

/** A buffer in metres (on the ellipsoid) of a named geometry or of WKT, clipped to a named polygon. */
export async function putBuffer(db: Db, name: string, src: { geom?: string; wkt?: string }, metres: number, clip: string): Promise<void> {
  await db.query(
    `INSERT INTO seed_geom (name, geom)
     SELECT $1, ST_Multi(ST_CollectionExtract(ST_Intersection(
              ST_Buffer(COALESCE(ST_GeomFromText($3, 4326), (SELECT geom FROM seed_geom WHERE name = $2))::geography, $4)::geometry,
              c.geom), 3))
     FROM seed_geom c WHERE c.name = $5`,
    [name, src.geom ?? null, src.wkt ?? null, metres, clip],
  );
}

export async function putEmpty(db: Db, name: string): Promise<void> {
  await db.query(`INSERT INTO seed_geom (name, geom) VALUES ($1, 'SRID=4326;MULTIPOLYGON EMPTY'::geometry)`, [name]);
}

/** Vertices of a named geometry after densifying to about `stepDeg`, as [lon, lat] pairs. */
export async function densePoints(db: Db, name: string, stepDeg: number): Promise<[number, number][]> {
  const r = await db.query<{ x: number; y: number }>(
    `SELECT ST_X(d.geom) x, ST_Y(d.geom) y FROM seed_geom g, ST_DumpPoints(ST_Segmentize(g.geom, $2)) d
     WHERE g.name = $1 ORDER BY d.path`,
    [name, stepDeg],
  );
  return r.rows.map((p) => [p.x, p.y]);
}

/** Which WKT polygons lie entirely inside a named polygon. */
export async function withinMask(db: Db, wkts: string[], name: string): Promise<boolean[]> {
  if (wkts.length === 0) return [];
  const r = await db.query<{ ok: boolean }>(
    `SELECT ST_Within(ST_GeomFromText(w, 4326), (SELECT geom FROM seed_geom WHERE name = $2)) ok
     FROM unnest($1::text[]) WITH ORDINALITY AS t(w, n) ORDER BY n`,
    [wkts, name],
  );
  return r.rows.map((x) => x.ok);
}

export interface Face {
  id: number;
  lon: number;
  lat: number;
  /** Inside the no-build strips of the version. */
  na: boolean;
  /** For a sliver (where a line runs close to the perimeter), the face it is merged into. */
  into: number | null;
}

/**
 * Cuts a perimeter into faces along the given lines (WKT in `linesWkt` and/or the named geometry
 * `linesGeom`) and along the boundary of the no-build strips `na`: the lines are noded once and
 * polygonized, so faces share their edges exactly and never overlap. Returns each face's interior point,
 * and for faces smaller than `sliverM2` the neighbour sharing the longest edge with it, so that slivers
 * join a zone instead of making tiny zones of their own.
 */
export async function polygonizeFaces(
  db: Db,
  perimeter: string,
  na: string,
  linesWkt: string | null,
  linesGeom: string | null,
  sliverM2: number,
): Promise<Face[]> {
  await db.query('TRUNCATE seed_face');
  await db.query(
    `WITH lines AS (
       SELECT ST_Boundary(geom) g FROM seed_geom WHERE name = $1
       UNION ALL SELECT ST_Boundary(geom) FROM seed_geom WHERE name = $2 AND NOT ST_IsEmpty(geom)
       UNION ALL SELECT ST_GeomFromText($3, 4326) WHERE $3 IS NOT NULL
       UNION ALL SELECT geom FROM seed_geom WHERE name = $4
     ), faces AS (
       SELECT d.geom, ST_PointOnSurface(d.geom) p
       FROM ST_Dump((SELECT ST_Polygonize(n.g) FROM (SELECT ST_UnaryUnion(ST_Collect(g)) g FROM lines) n)) d
     )
     INSERT INTO seed_face (id, geom, px, py, na, area)
     SELECT row_number() OVER (ORDER BY ST_X(f.p), ST_Y(f.p)), ST_SetSRID(f.geom, 4326), ST_X(f.p), ST_Y(f.p),
            ST_Intersects((SELECT geom FROM seed_geom WHERE name = $2), f.p), ST_Area(ST_SetSRID(f.geom, 4326)::geography)
     FROM faces f
     WHERE ST_Intersects((SELECT geom FROM seed_geom WHERE name = $1), f.p)`,
    [perimeter, na, linesWkt, linesGeom],
  );
  const r = await db.query<{ id: number; px: number; py: number; na: boolean; into: number | null }>(
    `SELECT f.id, f.px, f.py, f.na,
            CASE WHEN f.area < $1 THEN (
              SELECT g.id FROM seed_face g
              WHERE g.id <> f.id AND g.geom && f.geom AND g.area >= $1
              ORDER BY ST_Length(ST_Intersection(ST_Boundary(g.geom), ST_Boundary(f.geom))) DESC, g.id LIMIT 1) END AS into
     FROM seed_face f ORDER BY f.id`,
    [sliverM2],
  );
  return r.rows.map((f) => ({ id: f.id, lon: f.px, lat: f.py, na: f.na, into: f.into }));
}

export interface ZoneCode {
  code: string;
  label: I18n;
  category: ZoneCategory;
}

/**
 * Merges the faces of each zone type into zones (one row per connected part) of a version, and sets the
 * version's perimeter to their union. Slivers take the type of the face they join. Returns the number of
 * zones.
 */
export async function insertZones(
  db: Db,
  versionId: number,
  faces: readonly Face[],
  faceKeys: Map<number, string>,
  codes: Map<string, ZoneCode>,
): Promise<number> {
  for (const f of faces) if (f.into !== null && faceKeys.has(f.into)) faceKeys.set(f.id, faceKeys.get(f.into)!);
  const ids = [...faceKeys.keys()];
  const keys = ids.map((id) => faceKeys.get(id)!);
  const used = [...new Set(keys)].sort();
  const r = await db.query(
    `INSERT INTO zones (version_id, code, label, category, geom_4326)
     SELECT $1, c.code, c.label, c.category::zone_category, ST_Multi(d.geom)
     FROM (SELECT k.key, (ST_Dump(ST_Union(f.geom))).geom AS geom
           FROM seed_face f JOIN unnest($2::int[], $3::text[]) AS k(id, key) ON k.id = f.id
           GROUP BY k.key) d
     JOIN unnest($4::text[], $5::text[], $6::jsonb[], $7::text[]) AS c(key, code, label, category) ON c.key = d.key
     ORDER BY c.code, ST_XMin(d.geom), ST_YMin(d.geom)`,
    [
      versionId, ids, keys, used,
      used.map((k) => codes.get(k)!.code),
      used.map((k) => JSON.stringify(codes.get(k)!.label)),
      used.map((k) => codes.get(k)!.category),
    ],
  );
  await db.query(
    `UPDATE plan_versions SET geom_4326 = (SELECT ST_Multi(ST_Union(geom_4326)) FROM zones WHERE version_id = $1)
     WHERE id = $1`,
    [versionId],
  );
  return r.rowCount ?? 0;
}

export interface OverlayRow {
  kind: string;
  code: string | null;
  label: I18n;
  details: I18n | null;
  widthM: number | null;
  /** The geometry: WKT, or the name of a scratch geometry. */
  wkt?: string;
  geom?: string;
  /** Buffer (m) applied before clipping. */
  bufferM?: number;
  /** Clip to this scratch polygon; dropped when nothing is left. */
  clip: string | null;
  /** 1: keep lines; 2: keep polygons. */
  dim: 1 | 2;
}

/**
 * Inserts overlays of a version in the given order; returns how many were not empty once clipped. A code
 * ending in "#" is numbered among the overlays kept with that code ("V#" → V1, V2…).
 */
export async function insertOverlays(db: Db, versionId: number, rows: OverlayRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db.query(
    `INSERT INTO overlays (version_id, kind, code, label, width_m, details, geom_4326)
     SELECT $1, x.kind::overlay_kind,
            CASE WHEN x.code LIKE '%#' THEN left(x.code, -1) || row_number() OVER (PARTITION BY x.code ORDER BY x.n)
                 ELSE x.code END,
            x.label, x.width, x.details, x.geom
     FROM (
       SELECT o.*, g.geom
       FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::numeric[], $6::jsonb[], $7::text[], $8::text[],
                   $9::float8[], $10::text[], $11::int[]) WITH ORDINALITY
            AS o(kind, code, label, width, details, wkt, src, buffer, clip, dim, n)
       CROSS JOIN LATERAL (SELECT COALESCE(ST_GeomFromText(o.wkt, 4326), (SELECT geom FROM seed_geom WHERE name = o.src)) g0) a
       CROSS JOIN LATERAL (SELECT CASE WHEN o.buffer IS NULL THEN a.g0
                                       ELSE ST_Buffer(a.g0::geography, o.buffer)::geometry END g1) b
       CROSS JOIN LATERAL (SELECT ST_Multi(ST_CollectionExtract(
                             CASE WHEN o.clip IS NULL THEN b.g1
                                  ELSE ST_Intersection(b.g1, (SELECT geom FROM seed_geom WHERE name = o.clip)) END,
                             CASE o.dim WHEN 1 THEN 2 ELSE 3 END)) geom) g
       WHERE NOT ST_IsEmpty(g.geom)
     ) x
     ORDER BY x.n`,
    [
      versionId,
      rows.map((o) => o.kind),
      rows.map((o) => o.code),
      rows.map((o) => JSON.stringify(o.label)),
      rows.map((o) => o.widthM),
      rows.map((o) => (o.details ? JSON.stringify(o.details) : null)),
      rows.map((o) => o.wkt ?? null),
      rows.map((o) => o.geom ?? null),
      rows.map((o) => o.bufferM ?? null),
      rows.map((o) => o.clip),
      rows.map((o) => o.dim),
    ],
  );
  return r.rowCount ?? 0;
}

/**
 * Registers a town that receives parcels: its zoned area (a version's perimeter), its no-build zones, and
 * the commune its perimeter was cut from (every parcel inside the perimeter, centroid included, is in it).
 */
export async function putSite(db: Db, key: string, versionId: number, communeCode: string): Promise<void> {
  await db.query(
    `INSERT INTO seed_site (key, geom, na, commune_id)
     SELECT $1, v.geom_4326,
            COALESCE((SELECT ST_Union(z.geom_4326) FROM zones z WHERE z.version_id = v.id AND z.category = 'no_build'),
                     'SRID=4326;MULTIPOLYGON EMPTY'::geometry),
            (SELECT id FROM communes WHERE code = $3)
     FROM plan_versions v WHERE v.id = $2`,
    [key, versionId, communeCode],
  );
}

/**
 * Restarts the identity counter of each table left empty, so that seeding again gives the same ids (the
 * seed is deterministic). Table names are the seed's own constants: a name cannot be bound.
 */
export async function restartIdsIfEmpty(db: Db, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const r = await db.query<{ seq: string | null; empty: boolean }>(
      `SELECT pg_get_serial_sequence($1, 'id') seq, NOT EXISTS (SELECT 1 FROM ${table}) empty`,
      [table],
    );
    const { seq, empty } = r.rows[0]!;
    // The name comes from the catalogue, already quoted by pg_get_serial_sequence. ALTER SEQUENCE … RESTART
    // is transactional (unlike setval), so a failed seeding leaves the counters as they were.
    if (seq && empty) await db.query(`ALTER SEQUENCE ${seq} RESTART`);
  }
}
