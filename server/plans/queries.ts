// Plans as they answer at a date: every plan with a published version then, its legal status, its
// references and its extent; one plan with its versions, status history and zone types with their rules.
import type pg from 'pg';
import type { Bbox } from '../shared/schemas.js';
import type { PlanDetail, PlanSummary, ZoneCollection } from './schemas.js';

const SUMMARY_SQL = `
  SELECT pr.ref || jsonb_build_object(
           'regulationUrl', v.regulation_url,
           'bbox', CASE WHEN v.geom_4326 IS NULL THEN NULL ELSE jsonb_build_array(
             ST_XMin(v.geom_4326), ST_YMin(v.geom_4326), ST_XMax(v.geom_4326), ST_YMax(v.geom_4326)) END,
           'zoneCount', (SELECT count(*) FROM zones z WHERE z.version_id = v.id)) AS plan
  FROM plan_refs_at($1::date) pr JOIN plan_versions v ON v.id = pr.version_id`;

export async function listPlans(pool: pg.Pool, at: string): Promise<PlanSummary[]> {
  const r = await pool.query<{ plan: PlanSummary }>(`${SUMMARY_SQL} ORDER BY pr.in_force DESC, pr.kind_rank, pr.plan_id`, [at]);
  return r.rows.map((row) => row.plan);
}

export async function planExists(pool: pg.Pool, id: number): Promise<boolean> {
  return (await pool.query('SELECT 1 FROM plans WHERE id = $1', [id])).rowCount === 1;
}

export async function planDetail(pool: pg.Pool, id: number, at: string, dataVersion: number): Promise<PlanDetail | null> {
  const summary = await pool.query<{ plan: PlanSummary }>(`${SUMMARY_SQL} WHERE pr.plan_id = $2`, [at, id]);
  const plan = summary.rows[0]?.plan;
  if (!plan) return null;
  const [versions, zoneTypes] = await Promise.all([
    pool.query<PlanDetail['versions'][number]>(
      `SELECT v.id, v.version_no AS "versionNo", v.valid_from AS "validFrom", v.valid_to AS "validTo",
              v.approved_on AS "approvedOn",
              COALESCE((SELECT jsonb_agg(jsonb_build_object('status', e.status, 'effectiveOn', e.effective_on,
                                                            'reference', e.reference) ORDER BY e.effective_on, e.id)
                        FROM plan_status_events e WHERE e.version_id = v.id), '[]') AS "statusHistory"
       FROM plan_versions v WHERE v.plan_id = $1 AND v.state = 'published' ORDER BY v.version_no`,
      [id],
    ),
    pool.query<PlanDetail['zoneTypes'][number]>(
      `SELECT z.code, (array_agg(z.label ORDER BY z.id))[1] AS label, (array_agg(z.category ORDER BY z.id))[1] AS category,
              round(sum(z.area_m2)::numeric, 0) AS "areaM2", regulation_json(r) AS regulation
       FROM zones z LEFT JOIN regulations r ON r.version_id = z.version_id AND r.zone_code = z.code
       WHERE z.version_id = $1
       GROUP BY z.code, r.* ORDER BY z.code`,
      [plan.versionId],
    ),
  ]);
  return { ...plan, at, dataVersion, versions: versions.rows, zoneTypes: zoneTypes.rows };
}

/** Zones of the version answering at `at`, as GeoJSON, keyset-paged by zone id (stable under inserts). */
export async function planZones(
  pool: pg.Pool,
  versionId: number,
  bbox: Bbox | null,
  limit: number,
  after: number,
): Promise<ZoneCollection> {
  const r = await pool.query(
    `SELECT z.id, ST_AsGeoJSON(z.geom_4326, 7)::jsonb AS geometry, z.code, z.label, z.category,
            round(z.area_m2::numeric, 1) AS "areaM2"
     FROM zones z
     WHERE z.version_id = $1 AND z.id > $2
       AND ($3::float8 IS NULL OR z.geom_4326 && ST_MakeEnvelope($3, $4, $5, $6, 4326))
     ORDER BY z.id LIMIT $7`,
    [versionId, after, bbox?.[0] ?? null, bbox?.[1] ?? null, bbox?.[2] ?? null, bbox?.[3] ?? null, limit + 1],
  );
  const rows = r.rows.slice(0, limit);
  return {
    type: 'FeatureCollection',
    features: rows.map((z) => ({
      type: 'Feature' as const,
      id: z.id,
      geometry: z.geometry,
      properties: { code: z.code, label: z.label, category: z.category, areaM2: z.areaM2 },
    })),
    numberReturned: rows.length,
    next: r.rows.length > limit ? String(rows[rows.length - 1]!.id) : null,
  };
}
