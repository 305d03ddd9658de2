// Search: parcels by reference, zones by code, communes and plans by name, in Arabic or French,
// insensitive to case, accents and Arabic diacritics (tasmim_norm, migration 0001). Exact matches first,
// then prefixes, then the rest.
import type pg from 'pg';
import type { SearchHit } from './schemas.js';

const GEO = (g: string) => `
  jsonb_build_array(ST_XMin(${g}), ST_YMin(${g}), ST_XMax(${g}), ST_YMax(${g})) AS bbox,
  jsonb_build_array(ST_X(ST_PointOnSurface(${g})), ST_Y(ST_PointOnSurface(${g}))) AS center`;

const SEARCH_SQL = `
WITH q AS (SELECT tasmim_norm($1) AS n, upper(regexp_replace($1, '\\s+', '', 'g')) AS ref),
parcel_hits AS (
  SELECT 'parcel' AS type, p.id, jsonb_build_object('ar', p.reference, 'fr', p.reference) AS label,
         c.name AS detail, ${GEO('p.geom_4326')},
         CASE WHEN p.reference_norm = q.ref OR p.reference_norm = 'TF' || q.ref THEN 0 ELSE 1 END AS rank
  FROM q, parcels p LEFT JOIN communes c ON c.id = p.commune_id
  WHERE p.valid_to IS NULL AND (p.reference_norm LIKE q.ref || '%' OR p.reference_norm LIKE 'TF' || q.ref || '%')
  ORDER BY rank, p.reference_norm LIMIT $2
),
zone_hits AS (
  SELECT 'zone' AS type, min(z.id) AS id,
         jsonb_build_object('ar', z.code || ' — ' || ((min(z.label::text))::jsonb ->> 'ar'),
                            'fr', z.code || ' — ' || ((min(z.label::text))::jsonb ->> 'fr')) AS label,
         (min(pr.ref ->> 'name'))::jsonb AS detail,
         ${GEO('ST_Collect(z.geom_4326)')},
         CASE WHEN tasmim_norm(z.code) = q.n THEN 0 ELSE 2 END AS rank
  FROM q, zones z JOIN plan_refs_at($3::date) pr ON pr.version_id = z.version_id
  WHERE tasmim_norm(z.code) LIKE q.n || '%' OR tasmim_norm(z.label ->> 'fr') LIKE '%' || q.n || '%'
     OR tasmim_norm(z.label ->> 'ar') LIKE '%' || q.n || '%'
  GROUP BY pr.plan_id, z.code, q.n
  ORDER BY rank, z.code LIMIT $2
),
commune_hits AS (
  SELECT 'commune' AS type, c.id, c.name AS label, jsonb_build_object('ar', c.province, 'fr', c.province) AS detail,
         ${GEO('c.geom_4326')},
         CASE WHEN tasmim_norm(c.name ->> 'fr') = q.n OR tasmim_norm(c.name ->> 'ar') = q.n THEN 0
              WHEN tasmim_norm(c.name ->> 'fr') LIKE q.n || '%' OR tasmim_norm(c.name ->> 'ar') LIKE q.n || '%' THEN 1
              ELSE 3 END AS rank
  FROM q, communes c
  WHERE tasmim_norm(c.name ->> 'fr') LIKE '%' || q.n || '%' OR tasmim_norm(c.name ->> 'ar') LIKE '%' || q.n || '%'
  ORDER BY rank, c.name ->> 'fr' LIMIT $2
),
plan_hits AS (
  SELECT 'plan' AS type, p.id, p.name AS label, NULL::jsonb AS detail, ${GEO('v.geom_4326')},
         CASE WHEN tasmim_norm(p.name ->> 'fr') LIKE q.n || '%' OR tasmim_norm(p.name ->> 'ar') LIKE q.n || '%' THEN 1 ELSE 3 END AS rank
  FROM q, plan_refs_at($3::date) pr JOIN plans p ON p.id = pr.plan_id JOIN plan_versions v ON v.id = pr.version_id
  WHERE v.geom_4326 IS NOT NULL AND (
        tasmim_norm(p.name ->> 'fr') LIKE '%' || q.n || '%' OR tasmim_norm(p.name ->> 'ar') LIKE '%' || q.n || '%'
     OR tasmim_norm(p.code) LIKE '%' || q.n || '%')
  ORDER BY rank LIMIT $2
)
SELECT type, id, label, detail, bbox, center FROM (
  SELECT * FROM parcel_hits UNION ALL SELECT * FROM zone_hits
  UNION ALL SELECT * FROM commune_hits UNION ALL SELECT * FROM plan_hits
) hits ORDER BY rank, type LIMIT $2`;

export async function search(pool: pg.Pool, q: string, limit: number, at: string): Promise<SearchHit[]> {
  // %, _ and \ are LIKE wildcards and never part of a reference or a name: they are searched as spaces.
  const r = await pool.query<SearchHit>(SEARCH_SQL, [q.replace(/[%_\\]/g, ' ').trim(), limit, at]);
  return r.rows;
}
