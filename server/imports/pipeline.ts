// The import pipeline, the same for the HTTP API and the command line:
//
//   1. the file → a dataset GDAL can open (readers/source.ts: format by its first bytes, zip checked and
//      extracted entry by entry);
//   2. the layer → GeoJSON in EPSG:4326 (readers/layer.ts: system from the .prj, text encoding);
//   3. in ONE transaction: the mapped features into a staging table, validated in SQL (validate.ts), then
//        zones    → a DRAFT version of the plan (new plan, or a new version of an existing one by code),
//                   with the regulations and overlays of the previous version for the codes that exist;
//        parcels  → applied at once: the current parcels of the communes the file covers are closed
//                   (valid_to = the date) and the new ones inserted; the data version is bumped;
//        overlays → into the plan's draft (made from the current version when there is none);
//      with the import's row and its audit row. A file that cannot be read, or (parcels, overlays) has
//      blocking problems, changes nothing: the transaction is rolled back, the temporary files removed,
//      and only the import's row is written, saying why.
//
// Time: one deadline for the whole import; GDAL is killed at it, and every statement of the transaction
// gets what is left of it as its statement_timeout.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { audit } from '../accounts/audit.js';
import { AppError } from '../errors.js';
import { OVERLAY } from '../notes/labels.js';
import { copyFromPrevious, missingRegulations, setPerimeter } from '../publishing/drafts.js';
import { resolveAt } from '../shared/dates.js';
import type { OverlayKind, PlanKind, ZoneCategory } from '../shared/schemas.js';
import { Deadline, type ImportLimits } from './limits.js';
import {
  categoryOf, findField, labelsOf, type OverlayMappingInput, overlayKindOf, resolveOverlayMapping, resolveZoneMapping,
  type ZoneMappingInput,
} from './mapping.js';
import { type Layer, type ReadOptions, readLayer } from './readers/layer.js';
import { prepareDataset } from './readers/source.js';
import { ensureImportTools } from './readers/tools.js';
import { ProblemList, type Report } from './report.js';
import { type Actor, finishImport, type ImportStatus, type ImportTarget, insertImport } from './store.js';
import { checkGeometry, checkParcels, checkTerritory, checkZoneTopology, createStage, loadStage, type StageRow } from './validate.js';

export interface ImportRequest {
  target: ImportTarget;
  /** The file on disk, and its name as its sender gave it. */
  file: string;
  fileName: string;
  read: ReadOptions & { template?: 'cnig' | 'none' };
  /** The plan: by code (new or existing); kind and name for a new one. */
  plan?: { code?: string; kind?: PlanKind; name?: string; nameAr?: string };
  zones?: Omit<ZoneMappingInput, 'template'>;
  parcels?: { referenceField: string; communeField?: string; validFrom?: string };
  overlays?: Omit<OverlayMappingInput, 'template'> & { versionId?: number };
  actor: Actor;
}

export interface ImportOutcome {
  importId: number;
  /** draft (zones), applied (parcels, overlays) or rejected (nothing changed: see the report). */
  status: Extract<ImportStatus, 'draft' | 'applied' | 'rejected'>;
  planId: number | null;
  versionId: number | null;
  report: Report;
  /** The data version after the import, when it changed what the public sees (parcels). */
  dataVersion: number | null;
}

type Db = pg.ClientBase;

/** Blocking problems: the transaction is rolled back, the report kept. */
class Rejected extends Error {
  constructor(readonly report: Report, readonly planId: number | null) {
    super('rejected');
  }
}

const BATCH = 500;

/** Gives the next statements what is left of the import's time. */
async function budget(db: Db, deadline: Deadline): Promise<void> {
  const ms = deadline.remainingMs();
  if (ms <= 0) throw new AppError('import_timeout', { seconds: deadline.seconds });
  await db.query(`SELECT set_config('statement_timeout', $1, true)`, [String(Math.max(1, Math.floor(ms)))]);
}

const text = (v: unknown): string | null => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim());

/** "PA de Selouane 2024" → "pa-de-selouane-2024". */
export function planCodeFrom(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

function baseReport(req: ImportRequest, layer: Layer, mapping: Record<string, unknown>): Report {
  return {
    target: req.target,
    file: { name: req.fileName, format: layer.dataset.format, layer: layer.info.name, geometryType: layer.info.geometryType, featureCount: 0 },
    crs: { epsg: layer.crs.epsg, label: layer.crs.label, source: layer.crs.source, how: layer.crs.how },
    encoding: layer.encoding,
    mapping,
    counts: { read: 0, imported: 0, skipped: 0, errors: 0, warnings: 0 },
    problems: [],
    truncated: {},
  };
}

function readInfo(problems: ProblemList, layer: Layer, template: string | null, templateFields: string): void {
  problems.add('crs', null, null, { epsg: layer.crs.epsg, label: layer.crs.label, how: layer.crs.how });
  if (layer.encoding && layer.dataset.format === 'shapefile') problems.add('encoding', null, null, { name: layer.encoding.name, detail: layer.encoding.detail });
  if (template) problems.add('template', null, null, { layer: template, fields: templateFields });
  if (layer.info.had3d) problems.add('flattened_3d', null, null, { type: layer.info.geometryType });
}

function finish(report: Report, problems: ProblemList, read: number, imported: number): Report {
  return {
    ...report,
    file: { ...report.file, featureCount: read },
    counts: { read, imported, skipped: read - imported, errors: problems.errors, warnings: problems.warnings },
    problems: problems.problems,
    truncated: problems.truncated,
  };
}

async function kept(db: Db): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int n FROM import_stage WHERE skip IS NULL`)).rows[0]!.n;
}

/** Streams the layer's features into the staging table, mapped by `map`. Returns how many were read. */
async function stage(db: Db, layer: Layer, deadline: Deadline, map: (f: { index: number; fid: number | null; properties: Record<string, unknown>; geometry: Record<string, unknown> | null }) => StageRow): Promise<number> {
  await createStage(db);
  let batch: StageRow[] = [];
  let read = 0;
  for await (const f of layer.features()) {
    read++;
    batch.push(map(f));
    if (batch.length >= BATCH) {
      await budget(db, deadline);
      await loadStage(db, batch);
      batch = [];
    }
  }
  await loadStage(db, batch);
  return read;
}

// ---------------------------------------------------------------- plans

interface PlanRow {
  id: number;
  code: string;
  kind: PlanKind;
  illustrative: boolean;
}

async function lockPlan(db: Db, code: string): Promise<void> {
  // Two imports or publications of one plan take turns (version numbers, the one version in force).
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('tasmim-plan:' || $1))`, [code]);
}

async function findOrCreatePlan(db: Db, plan: ImportRequest['plan']): Promise<PlanRow> {
  const code = plan?.code ?? planCodeFrom(plan?.name ?? '');
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(code)) {
    throw new AppError('invalid_request', { detail: 'planCode must be lower-case letters, digits and dashes (e.g. pa-selouane), or give a Latin name to derive it from' });
  }
  await lockPlan(db, code);
  const found = await db.query<PlanRow>(`SELECT id, code, kind, illustrative FROM plans WHERE code = $1`, [code]);
  const existing = found.rows[0];
  if (existing) {
    if (existing.illustrative) throw new AppError('plan_illustrative', { code });
    if (plan?.kind && plan.kind !== existing.kind) throw new AppError('plan_kind_mismatch', { code, existing: existing.kind, asked: plan.kind });
    return existing;
  }
  if (!plan?.kind) throw new AppError('invalid_request', { detail: `plan "${code}" does not exist yet: give its kind (master, development, growth or restructuring)` });
  const fr = plan.name ?? plan.nameAr;
  const ar = plan.nameAr ?? plan.name;
  if (!fr || !ar) throw new AppError('invalid_request', { detail: `plan "${code}" does not exist yet: give its name` });
  const r = await db.query<PlanRow>(
    `INSERT INTO plans (code, kind, name) VALUES ($1, $2, jsonb_build_object('ar', $3::text, 'fr', $4::text))
     RETURNING id, code, kind, illustrative`,
    [code, plan.kind, ar, fr],
  );
  return r.rows[0]!;
}

async function newDraft(db: Db, planId: number): Promise<{ id: number; versionNo: number }> {
  const r = await db.query<{ id: number; version_no: number }>(
    `INSERT INTO plan_versions (plan_id, version_no, state)
     SELECT $1, COALESCE(max(version_no), 0) + 1, 'draft' FROM plan_versions WHERE plan_id = $1
     RETURNING id, version_no`,
    [planId],
  );
  return { id: r.rows[0]!.id, versionNo: r.rows[0]!.version_no };
}

// ---------------------------------------------------------------- zones

async function importZones(db: Db, req: ImportRequest, layer: Layer, limits: ImportLimits, deadline: Deadline): Promise<Omit<ImportOutcome, 'importId'>> {
  const problems = new ProblemList(limits.problemsPerCode);
  const mapping = resolveZoneMapping(layer.fields, { ...req.zones, template: req.read.template });
  const plan = await findOrCreatePlan(db, req.plan);
  readInfo(problems, layer, mapping.template ? 'ZONE_URBA' : null, `code ${mapping.codeField}, label ${mapping.labelFrField ?? '—'}, category ${mapping.categoryField ?? '—'}`);
  const report = baseReport(req, layer, { ...mapping });

  const fallback = new Map<string, ZoneCategory>();
  let noAr = 0;
  let noFr = 0;
  const read = await stage(db, layer, deadline, (f) => {
    const code = text(f.properties[mapping.codeField]);
    const labels = labelsOf(f.properties, mapping);
    if (!labels.ar) noAr++;
    if (!labels.fr) noFr++;
    const cat = code ? categoryOf(code, mapping.categoryField ? text(f.properties[mapping.categoryField]) : null, mapping.categoryMap) : null;
    if (cat?.how === 'fallback') fallback.set(code!, cat.category);
    return {
      idx: f.index, fid: f.fid, key: code, labelAr: labels.ar ?? labels.fr ?? code, labelFr: labels.fr ?? labels.ar ?? code,
      category: cat?.category ?? null, commune: null, widthM: null, code: null,
      geometry: f.geometry ? JSON.stringify(f.geometry) : null,
    };
  });
  if (noAr > 0 || noFr > 0) problems.add('labels_filled', null, null, { noAr, noFr });

  await budget(db, deadline);
  await checkGeometry(db, problems, { surfaces: true, reportMixed: layer.dataset.format !== 'shapefile' });
  const noCode = await db.query<{ idx: number; fid: number | null; lon: number; lat: number }>(
    `UPDATE import_stage SET skip = 'code' WHERE skip IS NULL AND key IS NULL
     RETURNING idx, fid, ST_X(ST_PointOnSurface(geom)) lon, ST_Y(ST_PointOnSurface(geom)) lat`);
  for (const r of noCode.rows.sort((a, b) => a.idx - b.idx)) {
    problems.add('missing_code', { index: r.idx, fid: r.fid === null ? null : Number(r.fid), code: null }, { lon: r.lon, lat: r.lat }, { field: mapping.codeField });
  }
  await budget(db, deadline);
  await checkTerritory(db, problems, layer.info.extent, layer.crs.epsg);
  await budget(db, deadline);
  await checkZoneTopology(db, problems);
  if (fallback.size > 0) {
    const first = await firstOfKeys(db, [...fallback.keys()]);
    for (const [code, category] of [...fallback.entries()].sort()) {
      const f = first.get(code);
      problems.add('category_defaulted', f ? { index: f.idx, fid: f.fid, code } : null, f ? { lon: f.lon, lat: f.lat } : null, { code, category });
    }
  }

  const n = await kept(db);
  if (n === 0) throw new Rejected(finish(report, problems, read, 0), plan.id);

  await budget(db, deadline);
  const version = await newDraft(db, plan.id);
  await db.query(
    `INSERT INTO zones (version_id, code, label, category, geom_4326)
     SELECT $1, key, jsonb_build_object('ar', label_ar, 'fr', label_fr), category::zone_category, geom
     FROM import_stage WHERE skip IS NULL ORDER BY idx`,
    [version.id],
  );
  await setPerimeter(db, version.id);
  const copied = await copyFromPrevious(db, plan.id, version);
  if (copied) problems.add('copied_from_version', null, null, { regulations: copied.regulations, overlays: copied.overlays, versionNo: copied.versionNo });
  const missing = await missingRegulations(db, version.id);
  const first = await firstOfKeys(db, missing.map((m) => m.code));
  for (const m of missing) {
    const f = first.get(m.code);
    problems.add('missing_regulation', f ? { index: f.idx, fid: f.fid, code: m.code } : null, { lon: m.lon, lat: m.lat }, { code: m.code, count: m.count });
  }
  return { status: 'draft', planId: plan.id, versionId: version.id, report: finish(report, problems, read, n), dataVersion: null };
}

async function firstOfKeys(db: Db, keys: string[]): Promise<Map<string, { idx: number; fid: number | null; lon: number; lat: number }>> {
  const r = await db.query<{ key: string; idx: number; fid: number | null; lon: number; lat: number }>(
    `SELECT DISTINCT ON (key) key, idx, fid, ST_X(ST_PointOnSurface(geom)) lon, ST_Y(ST_PointOnSurface(geom)) lat
     FROM import_stage WHERE skip IS NULL AND key = ANY($1::text[]) ORDER BY key, idx`,
    [keys],
  );
  return new Map(r.rows.map((x) => [x.key, { ...x, fid: x.fid === null ? null : Number(x.fid) }]));
}

// ---------------------------------------------------------------- parcels

async function importParcels(
  db: Db, req: ImportRequest, layer: Layer, limits: ImportLimits, deadline: Deadline, importId: number,
): Promise<Omit<ImportOutcome, 'importId'>> {
  const problems = new ProblemList(limits.problemsPerCode);
  const asked = req.parcels;
  if (!asked?.referenceField) {
    throw new AppError('import_field_missing', { field: '', role: 'the parcel reference: say which field holds it (referenceField)', fields: layer.fields.join(', ') }, { fields: layer.fields });
  }
  const referenceField = findField(layer.fields, asked.referenceField, 'parcel reference')!;
  const communeField = findField(layer.fields, asked.communeField, 'commune');
  const date = resolveAt(asked.validFrom);
  readInfo(problems, layer, null, '');
  const report = baseReport(req, layer, { referenceField, communeField: communeField ?? null, validFrom: date });
  // Everyone reading parcels while they are replaced sees the old set or the new one, never half of each;
  // two parcel imports take turns.
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('tasmim-parcels'))`);

  const read = await stage(db, layer, deadline, (f) => ({
    idx: f.index, fid: f.fid, key: text(f.properties[referenceField]), labelAr: null, labelFr: null, category: null,
    commune: communeField ? text(f.properties[communeField]) : null, widthM: null, code: null,
    geometry: f.geometry ? JSON.stringify(f.geometry) : null,
  }));
  await budget(db, deadline);
  await checkGeometry(db, problems, { surfaces: true, reportMixed: layer.dataset.format !== 'shapefile' });
  await budget(db, deadline);
  await checkTerritory(db, problems, layer.info.extent, layer.crs.epsg);
  await budget(db, deadline);
  const communes = await checkParcels(db, problems, { reference: referenceField, commune: communeField });
  const n = await kept(db);
  if (problems.errors > 0 || n === 0) throw new Rejected(finish(report, problems, read, 0), null);

  await budget(db, deadline);
  const removed = await db.query(`DELETE FROM parcels WHERE valid_to IS NULL AND commune_id = ANY($1::int[]) AND valid_from >= $2::date`, [communes, date]);
  const closed = await db.query(`UPDATE parcels SET valid_to = $2::date WHERE valid_to IS NULL AND commune_id = ANY($1::int[])`, [communes, date]);
  const inserted = await db.query(
    `INSERT INTO parcels (reference, commune_id, valid_from, geom_4326, import_id)
     SELECT key, commune_id, $1::date, geom, $2 FROM import_stage WHERE skip IS NULL ORDER BY idx`,
    [date, importId],
  );
  const names = await db.query<{ names: string }>(`SELECT string_agg(name->>'fr', ', ' ORDER BY code) names FROM communes WHERE id = ANY($1::int[])`, [communes]);
  problems.add('parcels_replaced', null, null, {
    communes: names.rows[0]?.names ?? '', closed: closed.rowCount ?? 0, removed: removed.rowCount ?? 0, inserted: inserted.rowCount ?? 0, date,
  });
  const v = await db.query<{ v: number }>('SELECT bump_data_version() v');
  return { status: 'applied', planId: null, versionId: null, report: finish(report, problems, read, n), dataVersion: Number(v.rows[0]!.v) };
}

// ---------------------------------------------------------------- overlays

/** The draft receiving overlays: the one asked, else the plan's latest draft, else a new draft made from its latest version. */
async function overlayTarget(db: Db, req: ImportRequest): Promise<{ planId: number; versionId: number; made: boolean }> {
  const versionId = req.overlays?.versionId;
  if (versionId !== undefined) {
    const r = await db.query<{ id: number; state: string; plan_id: number; code: string; illustrative: boolean }>(
      `SELECT v.id, v.state, v.plan_id, p.code, p.illustrative FROM plan_versions v JOIN plans p ON p.id = v.plan_id WHERE v.id = $1`, [versionId]);
    const v = r.rows[0];
    if (!v) throw new AppError('not_found', { what: 'plan version', id: versionId });
    if (v.illustrative) throw new AppError('plan_illustrative', { code: v.code });
    await lockPlan(db, v.code);
    if (v.state !== 'draft') throw new AppError('version_not_draft', { id: versionId, state: v.state });
    return { planId: v.plan_id, versionId, made: false };
  }
  const code = req.plan?.code;
  if (!code) throw new AppError('invalid_request', { detail: 'overlays go into a plan: give planCode (or the draft versionId)' });
  await lockPlan(db, code);
  const p = await db.query<PlanRow>(`SELECT id, code, kind, illustrative FROM plans WHERE code = $1`, [code]);
  const plan = p.rows[0];
  if (!plan) throw new AppError('not_found', { what: 'plan', id: code });
  if (plan.illustrative) throw new AppError('plan_illustrative', { code });
  const draft = await db.query<{ id: number }>(
    `SELECT id FROM plan_versions WHERE plan_id = $1 AND state = 'draft' ORDER BY version_no DESC LIMIT 1`, [plan.id]);
  if (draft.rows[0]) return { planId: plan.id, versionId: draft.rows[0].id, made: false };
  const latest = await db.query<{ id: number }>(`SELECT id FROM plan_versions WHERE plan_id = $1 ORDER BY version_no DESC LIMIT 1`, [plan.id]);
  if (!latest.rows[0]) throw new AppError('invalid_request', { detail: `plan "${code}" has no version yet: import its zones first` });
  const version = await newDraft(db, plan.id);
  await db.query(
    `INSERT INTO zones (version_id, code, label, category, geom_4326)
     SELECT $1, code, label, category, geom_4326 FROM zones WHERE version_id = $2 ORDER BY id`,
    [version.id, latest.rows[0].id],
  );
  await setPerimeter(db, version.id);
  await copyFromPrevious(db, plan.id, version, { overlays: false });
  return { planId: plan.id, versionId: version.id, made: true };
}

async function importOverlays(db: Db, req: ImportRequest, layer: Layer, limits: ImportLimits, deadline: Deadline): Promise<Omit<ImportOutcome, 'importId'>> {
  const problems = new ProblemList(limits.problemsPerCode);
  const mapping = resolveOverlayMapping(layer.fields, { ...req.overlays, template: req.read.template });
  const target = await overlayTarget(db, req);
  readInfo(problems, layer, mapping.template ? 'PRESCRIPTION' : null, `type ${mapping.typeField}${mapping.subtypeField ? `+${mapping.subtypeField}` : ''}, label ${mapping.labelField ?? '—'}`);
  const report = baseReport(req, layer, { ...mapping, versionId: target.versionId });

  const unknown = new Map<string, { count: number; idx: number }>();
  const badWidth: { idx: number; fid: number | null; value: string; key: string | null }[] = [];
  const read = await stage(db, layer, deadline, (f) => {
    const value = text(f.properties[mapping.typeField]);
    const sub = mapping.subtypeField ? text(f.properties[mapping.subtypeField]) : null;
    const kind: OverlayKind | null = value ? overlayKindOf(value, sub, mapping.typeMap) : null;
    if (!kind) {
      const u = unknown.get(value ?? '') ?? { count: 0, idx: f.index };
      u.count++;
      unknown.set(value ?? '', u);
    }
    const labels = labelsOf(f.properties, mapping);
    const code = mapping.codeField ? text(f.properties[mapping.codeField]) : null;
    const fallback = kind ? OVERLAY[kind] : null;
    let width: number | null = null;
    const rawWidth = mapping.widthField ? text(f.properties[mapping.widthField]) : null;
    if (rawWidth !== null) {
      const w = Number(rawWidth.replace(',', '.'));
      if (Number.isFinite(w) && w > 0) width = w;
      else badWidth.push({ idx: f.index, fid: f.fid, value: rawWidth, key: value });
    }
    const withCode = (s: string | undefined) => (s && code ? `${s} ${code}` : s ?? code);
    return {
      idx: f.index, fid: f.fid, key: value,
      labelAr: labels.ar ?? labels.fr ?? withCode(fallback?.ar) ?? value, labelFr: labels.fr ?? labels.ar ?? withCode(fallback?.fr) ?? value,
      category: kind, commune: null, widthM: width, code, geometry: f.geometry ? JSON.stringify(f.geometry) : null,
    };
  });
  await budget(db, deadline);
  await checkGeometry(db, problems, { surfaces: false, reportMixed: false });
  for (const [value, u] of unknown) {
    const at = await db.query<{ lon: number; lat: number; fid: number | null }>(
      `SELECT fid, ST_X(ST_Centroid(ST_Envelope(geom_in))) lon, ST_Y(ST_Centroid(ST_Envelope(geom_in))) lat FROM import_stage WHERE idx = $1`, [u.idx]);
    const row = at.rows[0];
    problems.add('unknown_overlay_type', { index: u.idx, fid: row?.fid == null ? null : Number(row.fid), code: value || null },
      row && row.lon !== null ? { lon: row.lon, lat: row.lat } : null, { value, count: u.count, kinds: Object.keys(OVERLAY).join(', ') });
  }
  await db.query(`UPDATE import_stage SET skip = 'type' WHERE skip IS NULL AND category IS NULL`);
  for (const b of badWidth) problems.add('invalid_width', { index: b.idx, fid: b.fid, code: b.key }, null, { value: b.value });
  await budget(db, deadline);
  await checkTerritory(db, problems, layer.info.extent, layer.crs.epsg);
  const n = await kept(db);
  if (problems.errors > 0 || n === 0) throw new Rejected(finish(report, problems, read, 0), target.planId);

  await db.query(`DELETE FROM overlays WHERE version_id = $1`, [target.versionId]);
  await db.query(
    `INSERT INTO overlays (version_id, kind, code, label, width_m, geom_4326)
     SELECT $1, category::overlay_kind, code, jsonb_build_object('ar', label_ar, 'fr', label_fr), width_m, geom
     FROM import_stage WHERE skip IS NULL ORDER BY idx`,
    [target.versionId],
  );
  return { status: 'applied', planId: target.planId, versionId: target.versionId, report: finish(report, problems, read, n), dataVersion: null };
}

// ---------------------------------------------------------------- the whole

/** What a failed import's row says (the options as asked, without the file). */
function optionsOf(req: ImportRequest): Record<string, unknown> {
  return { read: req.read, plan: req.plan ?? null, zones: req.zones ?? null, parcels: req.parcels ?? null, overlays: req.overlays ?? null };
}

/**
 * Imports one file. Resolves with the outcome (a draft, parcels applied, or rejected with its report);
 * throws an AppError (4xx) when the file cannot be read at all, after recording the failed import.
 */
export async function runImport(pool: pg.Pool, req: ImportRequest, limits: ImportLimits): Promise<ImportOutcome> {
  await ensureImportTools();
  const deadline = new Deadline(limits.timeoutMs);
  const tmp = await mkdtemp(path.join(tmpdir(), 'tasmim-import-'));
  let format: string | null = null;
  try {
    const dataset = await prepareDataset(req.file, req.fileName, tmp, limits, deadline, {
      layer: req.read.layer, preferZoneUrba: req.target === 'zones',
    });
    format = dataset.format;
    const layer = await readLayer(dataset, { ...req.read, preferZoneUrba: req.target === 'zones' }, tmp, limits, deadline);
    return await inTransaction(pool, req, layer, limits, deadline);
  } catch (err) {
    const e = err as { code?: string };
    const appErr = err instanceof AppError ? err : e.code === '57014' ? new AppError('import_timeout', { seconds: deadline.seconds }) : null;
    if (!appErr || appErr.status >= 500) throw err;
    const id = await insertImport(pool, {
      target: req.target, status: 'failed', fileName: req.fileName, format, options: optionsOf(req),
      report: { failure: { code: appErr.code, params: appErr.params, details: appErr.details } }, errors: 1, warnings: 0, actor: req.actor,
    });
    const details = appErr.details && typeof appErr.details === 'object' ? appErr.details : {};
    throw new AppError(appErr.code, appErr.params, { importId: id, ...details });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function inTransaction(pool: pg.Pool, req: ImportRequest, layer: Layer, limits: ImportLimits, deadline: Deadline): Promise<ImportOutcome> {
  const db = await pool.connect();
  try {
    await db.query('BEGIN');
    // Large geometries get high cost estimates: compiling them (JIT) costs more than it saves here.
    await db.query('SET LOCAL jit = off');
    await budget(db, deadline);
    const importId = await insertImport(db, {
      target: req.target, status: req.target === 'zones' ? 'draft' : 'applied', fileName: req.fileName, format: layer.dataset.format,
      options: optionsOf(req), report: baseReport(req, layer, {}), errors: 0, warnings: 0, actor: req.actor,
    });
    const out = req.target === 'zones' ? await importZones(db, req, layer, limits, deadline)
      : req.target === 'parcels' ? await importParcels(db, req, layer, limits, deadline, importId)
      : await importOverlays(db, req, layer, limits, deadline);
    await finishImport(db, importId, { status: out.status, report: out.report, planId: out.planId, versionId: out.versionId, errors: out.report.counts.errors, warnings: out.report.counts.warnings });
    await audit(db, {
      actor: req.actor.user,
      action: req.target === 'zones' ? 'plan.import' : req.target === 'parcels' ? 'parcels.import' : 'overlays.import',
      target: out.versionId !== null ? { type: 'plan_version', id: out.versionId } : { type: 'import', id: importId },
      details: {
        importId, file: req.fileName, by: req.actor.label, planId: out.planId, imported: out.report.counts.imported,
        errors: out.report.counts.errors, warnings: out.report.counts.warnings,
      },
    });
    await db.query('COMMIT');
    return { importId, ...out };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {});
    if (!(err instanceof Rejected)) throw err;
    const report = err.report;
    // A plan the import made was rolled back with it.
    const planId = err.planId !== null && (await pool.query('SELECT 1 FROM plans WHERE id = $1', [err.planId])).rowCount ? err.planId : null;
    const importId = await insertImport(pool, {
      target: req.target, status: 'rejected', fileName: req.fileName, format: layer.dataset.format, planId,
      options: optionsOf(req), report, errors: report.counts.errors, warnings: report.counts.warnings, actor: req.actor,
    });
    return { importId, status: 'rejected', planId, versionId: null, report, dataVersion: null };
  } finally {
    db.release();
  }
}
