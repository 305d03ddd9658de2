// Draft plan versions: what an import made, before it is published. Never visible to the public —
// versions_at() (migration 0001) returns published versions only, and tiles, identify, the parcel sheet,
// plans, search and notes all go through it — so a draft can be reviewed and completed (rules per zone
// code, labels and categories) before `publish` (publish.ts) makes it the plan's answer.
import type pg from 'pg';
import { audit } from '../accounts/audit.js';
import { withTransaction } from '../db/pool.js';
import { AppError } from '../errors.js';
import type { Actor } from '../imports/store.js';
import type { I18nText, Regulation, ZoneCategory } from '../shared/schemas.js';

type Db = pg.ClientBase;

/** The version's perimeter: the union of its zones (drawn at low zoom, bboxes). */
export async function setPerimeter(db: Db, versionId: number): Promise<void> {
  await db.query(
    `UPDATE plan_versions SET geom_4326 = (
       SELECT ST_Multi(ST_CollectionExtract(ST_Union(geom_4326), 3)) FROM zones WHERE version_id = $1)
     WHERE id = $1`,
    [versionId],
  );
}

const REGULATION_COLUMNS = `allowed_uses, forbidden_uses, max_height_m, max_levels, cos, ces, min_lot_area_m2, min_frontage_m,
  setback_front_m, setback_side_m, setback_rear_m, parking, remarks, article_ref`;

/**
 * Copies into a new version the regulations of the plan's previous version (the one numbered just before)
 * for the zone codes the new version has, and (unless told not to) its overlays: re-importing the zones
 * of a plan keeps the rules already entered and the prescriptions already drawn.
 */
export async function copyFromPrevious(
  db: Db,
  planId: number,
  version: { id: number; versionNo: number },
  opts: { overlays?: boolean } = {},
): Promise<{ versionNo: number; regulations: number; overlays: number } | null> {
  const prev = await db.query<{ id: number; version_no: number }>(
    `SELECT id, version_no FROM plan_versions WHERE plan_id = $1 AND version_no < $2 ORDER BY version_no DESC LIMIT 1`,
    [planId, version.versionNo],
  );
  const p = prev.rows[0];
  if (!p) return null;
  const regs = await db.query(
    `INSERT INTO regulations (version_id, zone_code, ${REGULATION_COLUMNS})
     SELECT $1, r.zone_code, ${REGULATION_COLUMNS.split(',').map((c) => `r.${c.trim()}`).join(', ')}
     FROM regulations r
     WHERE r.version_id = $2 AND EXISTS (SELECT 1 FROM zones z WHERE z.version_id = $1 AND z.code = r.zone_code)`,
    [version.id, p.id],
  );
  let overlays = 0;
  if (opts.overlays !== false) {
    const o = await db.query(
      `INSERT INTO overlays (version_id, kind, code, label, width_m, details, geom_4326)
       SELECT $1, kind, code, label, width_m, details, geom_4326 FROM overlays WHERE version_id = $2 ORDER BY id`,
      [version.id, p.id],
    );
    overlays = o.rowCount ?? 0;
  }
  return { versionNo: p.version_no, regulations: regs.rowCount ?? 0, overlays };
}

/** Zone codes of a version that have no regulation, with how many zones and a point of the first. */
export async function missingRegulations(db: Db | pg.Pool, versionId: number): Promise<{ code: string; count: number; lon: number; lat: number }[]> {
  const r = await db.query<{ code: string; count: number; lon: number; lat: number }>(
    `SELECT z.code, count(*)::int count,
            (array_agg(ST_X(ST_PointOnSurface(z.geom_4326)) ORDER BY z.id))[1] lon,
            (array_agg(ST_Y(ST_PointOnSurface(z.geom_4326)) ORDER BY z.id))[1] lat
     FROM zones z
     WHERE z.version_id = $1
       AND NOT EXISTS (SELECT 1 FROM regulations r WHERE r.version_id = z.version_id AND r.zone_code = z.code)
     GROUP BY z.code ORDER BY z.code`,
    [versionId],
  );
  return r.rows;
}

export interface VersionRow {
  id: number;
  planId: number;
  planCode: string;
  planKind: string;
  planName: I18nText;
  illustrative: boolean;
  versionNo: number;
  state: 'draft' | 'published';
}

export async function versionRow(db: Db | pg.Pool, versionId: number, lock = false): Promise<VersionRow> {
  const r = await db.query<VersionRow>(
    `SELECT v.id, v.plan_id "planId", p.code "planCode", p.kind "planKind", p.name "planName", p.illustrative,
            v.version_no "versionNo", v.state
     FROM plan_versions v JOIN plans p ON p.id = v.plan_id WHERE v.id = $1 ${lock ? 'FOR UPDATE OF v' : ''}`,
    [versionId],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('not_found', { what: 'plan version', id: versionId });
  return row;
}

/** The draft, locked for a change; refuses published versions and the generated sample. */
export async function draftForUpdate(db: Db, versionId: number): Promise<VersionRow> {
  const v = await versionRow(db, versionId, true);
  if (v.state !== 'draft') throw new AppError('version_not_draft', { id: versionId, state: v.state });
  if (v.illustrative) throw new AppError('plan_illustrative', { code: v.planCode });
  return v;
}

async function zoneCodeExists(db: Db, versionId: number, code: string): Promise<void> {
  const r = await db.query('SELECT 1 FROM zones WHERE version_id = $1 AND code = $2 LIMIT 1', [versionId, code]);
  if (r.rowCount === 0) throw new AppError('not_found', { what: `zone code in draft ${versionId}`, id: code });
}

/** The rules of a zone code in a draft, as the client sends them (PUT: the whole regulation). */
export interface RegulationInput {
  allowedUses?: I18nText[];
  forbiddenUses?: I18nText[];
  maxHeightM?: number | null;
  maxLevels?: number | null;
  cos?: number | null;
  ces?: number | null;
  minLotAreaM2?: number | null;
  minFrontageM?: number | null;
  setbacks?: { frontM?: number | null; sideM?: number | null; rearM?: number | null };
  parking?: I18nText | null;
  remarks?: I18nText | null;
  articleRef?: string | null;
}

export async function putRegulation(pool: pg.Pool, versionId: number, code: string, input: RegulationInput, actor: Actor): Promise<Regulation> {
  return withTransaction(pool, async (db) => {
    await draftForUpdate(db, versionId);
    await zoneCodeExists(db, versionId, code);
    const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
    const r = await db.query<{ regulation: Regulation; created: boolean }>(
      `INSERT INTO regulations AS r (version_id, zone_code, ${REGULATION_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (version_id, zone_code) DO UPDATE SET
         allowed_uses = EXCLUDED.allowed_uses, forbidden_uses = EXCLUDED.forbidden_uses, max_height_m = EXCLUDED.max_height_m,
         max_levels = EXCLUDED.max_levels, cos = EXCLUDED.cos, ces = EXCLUDED.ces, min_lot_area_m2 = EXCLUDED.min_lot_area_m2,
         min_frontage_m = EXCLUDED.min_frontage_m, setback_front_m = EXCLUDED.setback_front_m,
         setback_side_m = EXCLUDED.setback_side_m, setback_rear_m = EXCLUDED.setback_rear_m, parking = EXCLUDED.parking,
         remarks = EXCLUDED.remarks, article_ref = EXCLUDED.article_ref
       RETURNING regulation_json(r) regulation, (xmax = 0) created`,
      [
        versionId, code, JSON.stringify(input.allowedUses ?? []), JSON.stringify(input.forbiddenUses ?? []),
        input.maxHeightM ?? null, input.maxLevels ?? null, input.cos ?? null, input.ces ?? null, input.minLotAreaM2 ?? null,
        input.minFrontageM ?? null, input.setbacks?.frontM ?? null, input.setbacks?.sideM ?? null, input.setbacks?.rearM ?? null,
        json(input.parking), json(input.remarks), input.articleRef ?? null,
      ],
    );
    const row = r.rows[0]!;
    await audit(db, {
      actor: actor.user, action: 'regulation.edit', target: { type: 'plan_version', id: versionId },
      details: { zoneCode: code, created: row.created, by: actor.label },
    });
    return row.regulation;
  });
}

export async function deleteRegulation(pool: pg.Pool, versionId: number, code: string, actor: Actor): Promise<void> {
  await withTransaction(pool, async (db) => {
    await draftForUpdate(db, versionId);
    const r = await db.query('DELETE FROM regulations WHERE version_id = $1 AND zone_code = $2', [versionId, code]);
    if (r.rowCount === 0) throw new AppError('not_found', { what: `regulation in draft ${versionId}`, id: code });
    await audit(db, { actor: actor.user, action: 'regulation.delete', target: { type: 'plan_version', id: versionId }, details: { zoneCode: code, by: actor.label } });
  });
}

/** The label and category of every zone of a code in a draft (what the import could not know). */
export async function putZoneCode(
  pool: pg.Pool, versionId: number, code: string, input: { label?: I18nText; category?: ZoneCategory }, actor: Actor,
): Promise<{ code: string; zones: number }> {
  return withTransaction(pool, async (db) => {
    await draftForUpdate(db, versionId);
    await zoneCodeExists(db, versionId, code);
    const r = await db.query(
      `UPDATE zones SET label = COALESCE($3::jsonb, label), category = COALESCE($4::zone_category, category)
       WHERE version_id = $1 AND code = $2`,
      [versionId, code, input.label ? JSON.stringify(input.label) : null, input.category ?? null],
    );
    await audit(db, {
      actor: actor.user, action: 'zone.edit', target: { type: 'plan_version', id: versionId },
      details: { zoneCode: code, label: input.label ?? null, category: input.category ?? null, by: actor.label },
    });
    return { code, zones: r.rowCount ?? 0 };
  });
}

/** Deletes a draft (its zones, rules and overlays follow); its import is marked discarded. */
export async function discardDraft(pool: pg.Pool, versionId: number, actor: Actor): Promise<void> {
  await withTransaction(pool, async (db) => {
    const v = await draftForUpdate(db, versionId);
    await db.query(`UPDATE imports SET status = 'discarded' WHERE version_id = $1 AND status IN ('draft', 'applied')`, [versionId]);
    await db.query('DELETE FROM plan_versions WHERE id = $1', [versionId]);
    await audit(db, {
      actor: actor.user, action: 'draft.discard', target: { type: 'plan_version', id: versionId },
      details: { plan: v.planCode, versionNo: v.versionNo, by: actor.label },
    });
  });
}

/** Why a draft cannot be published yet (empty: it can). */
export async function publicationBlockers(db: Db | pg.Pool, versionId: number): Promise<{ errors: number; codes: string[]; zones: number }> {
  const r = await db.query<{ errors: number; codes: string[] | null; zones: number }>(
    `SELECT COALESCE((SELECT sum(error_count)::int FROM imports WHERE version_id = $1 AND target = 'zones' AND status = 'draft'), 0) errors,
            (SELECT array_agg(DISTINCT p->>'code') FROM imports i, jsonb_array_elements(i.report->'problems') p
             WHERE i.version_id = $1 AND i.target = 'zones' AND i.status = 'draft' AND p->>'severity' = 'error') codes,
            (SELECT count(*)::int FROM zones WHERE version_id = $1) zones`,
    [versionId],
  );
  const row = r.rows[0]!;
  return { errors: row.errors, codes: row.codes ?? [], zones: row.zones };
}

export interface DraftSummary {
  versionId: number;
  versionNo: number;
  planId: number;
  planCode: string;
  planName: I18nText;
  zones: number;
  importId: number | null;
  errors: number;
  warnings: number;
  createdAt: string | null;
}

export async function listDrafts(pool: pg.Pool): Promise<DraftSummary[]> {
  const r = await pool.query<Omit<DraftSummary, 'createdAt'> & { created_at: Date | null }>(
    `SELECT v.id "versionId", v.version_no "versionNo", p.id "planId", p.code "planCode", p.name "planName",
            (SELECT count(*)::int FROM zones z WHERE z.version_id = v.id) zones,
            i.id "importId", COALESCE(i.error_count, 0) errors, COALESCE(i.warning_count, 0) warnings, i.created_at
     FROM plan_versions v JOIN plans p ON p.id = v.plan_id
     LEFT JOIN LATERAL (SELECT * FROM imports WHERE version_id = v.id AND target = 'zones' ORDER BY id DESC LIMIT 1) i ON true
     WHERE v.state = 'draft' AND NOT p.illustrative
     ORDER BY v.id DESC LIMIT 500`,
  );
  return r.rows.map(({ created_at, ...d }) => ({ ...d, createdAt: created_at ? created_at.toISOString() : null }));
}

/** The draft's zones as GeoJSON (EPSG:4326), its zone codes with their rules, its overlays. */
export async function draftContent(pool: pg.Pool, versionId: number) {
  const [zones, codes, overlays, bbox] = await Promise.all([
    pool.query(
      `SELECT z.id, ST_AsGeoJSON(z.geom_4326, 7)::jsonb geometry, z.code, z.label, z.category, round(z.area_m2::numeric, 1)::float8 "areaM2"
       FROM zones z WHERE z.version_id = $1 ORDER BY z.id LIMIT 50000`,
      [versionId],
    ),
    pool.query(
      `SELECT z.code, (array_agg(z.label ORDER BY z.id))[1] label, (array_agg(z.category ORDER BY z.id))[1] category,
              count(*)::int zones, round(sum(z.area_m2)::numeric, 0)::float8 "areaM2", regulation_json(r) regulation
       FROM zones z LEFT JOIN regulations r ON r.version_id = z.version_id AND r.zone_code = z.code
       WHERE z.version_id = $1 GROUP BY z.code, r.* ORDER BY z.code`,
      [versionId],
    ),
    pool.query(
      `SELECT o.id, ST_AsGeoJSON(o.geom_4326, 7)::jsonb geometry, o.kind, o.code, o.label, o.width_m::float8 "widthM"
       FROM overlays o WHERE o.version_id = $1 ORDER BY o.id LIMIT 50000`,
      [versionId],
    ),
    pool.query<{ b: number[] | null }>(
      `SELECT CASE WHEN e IS NULL THEN NULL ELSE ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] END b
       FROM (SELECT ST_Extent(geom_4326) e FROM zones WHERE version_id = $1) t`,
      [versionId],
    ),
  ]);
  return {
    bbox: bbox.rows[0]?.b ?? null,
    zones: {
      type: 'FeatureCollection' as const,
      features: zones.rows.map((z) => ({
        type: 'Feature' as const, id: z.id, geometry: z.geometry,
        properties: { code: z.code, label: z.label, category: z.category, areaM2: z.areaM2 },
      })),
    },
    zoneCodes: codes.rows,
    overlays: {
      type: 'FeatureCollection' as const,
      features: overlays.rows.map((o) => ({
        type: 'Feature' as const, id: o.id, geometry: o.geometry,
        properties: { kind: o.kind, code: o.code, label: o.label, widthM: o.widthM },
      })),
    },
  };
}
