// `npm run import -- <file> [options]`: import a layer from the command line, the same pipeline as
// POST /api/imports (server/imports/pipeline.ts), on the embedded cluster (database `tasmim`, started if
// needed and stopped again) or on DATABASE_URL. Prints the validation report (JSON with --json).
//
// Exit codes: 0 imported (and published with --publish); 1 nothing imported (the file could not be read,
// or its blocking problems changed nothing); 2 wrong arguments; 3 imported as a draft, but --publish was
// refused (errors in the report, a date conflict).
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDatabase, ensurePostgres } from '../server/db/embedded.js';
import { migrate } from '../server/db/migrate.js';
import { createPool } from '../server/db/pool.js';
import { AppError } from '../server/errors.js';
import { DEFAULT_LIMITS } from '../server/imports/limits.js';
import { type ImportOutcome, type ImportRequest, runImport } from '../server/imports/pipeline.js';
import { type RenderedReport, renderReport } from '../server/imports/report.js';
import type { Actor } from '../server/imports/store.js';
import { publishDraft, type PublishResult } from '../server/publishing/publish.js';
import { LANGS, type Lang, PLAN_KINDS, PLAN_STATUSES, type PlanKind, type PlanStatus } from '../server/shared/schemas.js';

const USAGE = `usage: npm run import -- <file> [options]

  <file>                    a GeoJSON (.geojson), a zipped Shapefile (.zip), a GeoPackage (.gpkg) or a .shp
                            beside its .shx, .dbf, .prj, .cpg

zones (default): a draft version of a plan, published with --publish
  --plan <code>             the plan's code; an existing code makes a new version of it (default: from --name)
  --kind <kind>             ${PLAN_KINDS.join(' | ')} (a new plan)
  --name "<name>"           the plan's French name (a new plan); --name-ar "<name>" its Arabic name
  --code-field <field>      the attribute holding the zone code (CNIG ZONE_URBA: LIBELLE, found by itself)
  --label-field <field>     a label (sorted into Arabic or French by its script)
  --label-fr-field, --label-ar-field <field>
  --category-field <field>  a category or a CNIG TYPEZONE (U, AUc, AUs, A, N)
  --category-map <json>     {"code or value": "category", …}

parcels: --parcels --reference-field <field> [--commune-field <field>] [--valid-from YYYY-MM-DD]
  replaces the current parcels of the communes the file covers (the old ones are closed at the date)

overlays: --overlays --plan <code> --type-field <field> [--type-map <json>] [--width-field <field>] [--version <draft id>]

reading: --layer <name>  --crs EPSG:26191  --encoding windows-1256  --template cnig|none
publishing: --publish [--valid-from YYYY-MM-DD] [--status ${PLAN_STATUSES.join('|')}] [--status-on D]
            [--decree <ref>] [--bo <ref>] [--bo-date D] [--approved-on D] [--expires-on D] [--reference <text>]
output: --json (the report as JSON on stdout)  --lang ${LANGS.join('|')} (messages, default fr)`;

const options = {
  plan: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, 'name-ar': { type: 'string' },
  'code-field': { type: 'string' }, 'label-field': { type: 'string' }, 'label-fr-field': { type: 'string' }, 'label-ar-field': { type: 'string' },
  'category-field': { type: 'string' }, 'category-map': { type: 'string' },
  parcels: { type: 'boolean' }, 'reference-field': { type: 'string' }, 'commune-field': { type: 'string' }, 'valid-from': { type: 'string' },
  overlays: { type: 'boolean' }, 'type-field': { type: 'string' }, 'type-map': { type: 'string' }, 'width-field': { type: 'string' }, version: { type: 'string' },
  layer: { type: 'string' }, crs: { type: 'string' }, encoding: { type: 'string' }, template: { type: 'string' },
  publish: { type: 'boolean' }, status: { type: 'string' }, 'status-on': { type: 'string' }, decree: { type: 'string' }, bo: { type: 'string' },
  'bo-date': { type: 'string' }, 'approved-on': { type: 'string' }, 'expires-on': { type: 'string' }, reference: { type: 'string' },
  json: { type: 'boolean' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

class Usage extends Error {}

function jsonMap(text: string | undefined, flag: string): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, string>;
  } catch {
    // reported below
  }
  throw new Usage(`${flag} takes a JSON object, e.g. '{"UA": "mixed_centre"}'`);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new Usage(`${flag} is one of ${allowed.join(', ')}`);
  return value as T;
}

function parse(argv: string[]) {
  const { values: v, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  if (v.help) return null;
  if (positionals.length !== 1) throw new Usage('give exactly one file to import');
  if (v.parcels && v.overlays) throw new Usage('--parcels and --overlays are exclusive');
  const file = path.resolve(positionals[0]!);
  const target = v.parcels ? 'parcels' : v.overlays ? 'overlays' : 'zones';
  const actor: Actor = { user: null, label: `cli:${userInfo().username}` };
  const req: ImportRequest = {
    target,
    file,
    fileName: path.basename(file),
    read: { layer: v.layer, crs: v.crs, encoding: v.encoding, template: oneOf(v.template, ['cnig', 'none'] as const, '--template') },
    plan: { code: v.plan, kind: oneOf<PlanKind>(v.kind, PLAN_KINDS, '--kind'), name: v.name, nameAr: v['name-ar'] },
    zones: {
      codeField: v['code-field'], labelField: v['label-field'], labelFrField: v['label-fr-field'], labelArField: v['label-ar-field'],
      categoryField: v['category-field'], categoryMap: jsonMap(v['category-map'], '--category-map'),
    },
    parcels: target === 'parcels' ? { referenceField: v['reference-field'] ?? '', communeField: v['commune-field'], validFrom: v['valid-from'] } : undefined,
    overlays: {
      typeField: v['type-field'], typeMap: jsonMap(v['type-map'], '--type-map'), widthField: v['width-field'],
      codeField: v['code-field'], labelField: v['label-field'], labelFrField: v['label-fr-field'], labelArField: v['label-ar-field'],
      versionId: v.version === undefined ? undefined : Number(v.version),
    },
    actor,
  };
  if (target === 'parcels' && !v['reference-field']) throw new Usage('--parcels needs --reference-field');
  if (v.publish && target !== 'zones') throw new Usage('--publish publishes a draft of zones; overlays go into a draft, parcels apply at once');
  const publish = v.publish
    ? {
        validFrom: v['valid-from'], status: oneOf<PlanStatus>(v.status, PLAN_STATUSES, '--status'), statusOn: v['status-on'],
        decreeRef: v.decree, boRef: v.bo, boDate: v['bo-date'], approvedOn: v['approved-on'], expiresOn: v['expires-on'], reference: v.reference,
      }
    : null;
  return { req, publish, json: !!v.json, lang: oneOf<Lang>(v.lang, LANGS, '--lang') ?? 'fr', actor };
}

function printReport(out: ImportOutcome, report: RenderedReport, published: PublishResult | null): void {
  const f = report.file;
  console.log(`${f.name} (${f.format}, layer ${f.layer}, ${f.geometryType}): ${report.counts.read} read, ${report.counts.imported} imported, ${report.counts.skipped} left out`);
  console.log(`coordinates: EPSG:${report.crs.epsg} ${report.crs.label} (${report.crs.how})`);
  if (report.encoding) console.log(`text: ${report.encoding.name} (${report.encoding.detail})`);
  for (const severity of ['error', 'warning', 'info'] as const) {
    const list = report.problems.filter((p) => p.severity === severity);
    if (list.length === 0) continue;
    console.log(`\n${severity === 'error' ? 'ERRORS' : severity === 'warning' ? 'Warnings' : 'Notes'} (${list.length}):`);
    for (const p of list) {
      const what = p.feature ? `feature ${p.feature.index}${p.feature.code ? ` (${p.feature.code})` : ''}` : 'layer';
      const where = p.location ? ` at ${p.location.lon.toFixed(6)}, ${p.location.lat.toFixed(6)}` : '';
      console.log(`  [${p.code}] ${what}${where}: ${p.message}`);
    }
  }
  for (const [code, n] of Object.entries(report.truncated)) console.log(`  … and ${n} more ${code}`);
  console.log('');
  if (out.status === 'rejected') console.log(`Nothing was imported (import ${out.importId}): correct the errors above and import again.`);
  else if (out.status === 'draft') console.log(`Draft version ${out.versionId} of plan ${out.planId} (import ${out.importId}); review it at GET /api/drafts/${out.versionId}.`);
  else console.log(`Applied (import ${out.importId})${out.dataVersion !== null ? `; data version ${out.dataVersion}` : ''}.`);
  if (published) console.log(`Published: plan ${published.planCode} version ${published.versionNo} from ${published.validFrom} (${published.status}); data version ${published.dataVersion}.`);
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (err) {
    if (err instanceof Usage || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  const { req, publish, json, lang, actor } = args;
  const log = (m: string) => process.stderr.write(`[import] ${m}\n`);
  const pg = await ensurePostgres({ log });
  const pool = createPool(process.env.DATABASE_URL ?? (await ensureDatabase(pg.adminUrl, 'tasmim')), {
    max: 2, statementTimeoutMs: DEFAULT_LIMITS.timeoutMs,
  });
  try {
    await migrate(process.env.DATABASE_URL ?? (await ensureDatabase(pg.adminUrl, 'tasmim')), log);
    let out: ImportOutcome;
    try {
      out = await runImport(pool, req, DEFAULT_LIMITS);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const error = { code: err.code, message: err.messageIn(lang), details: err.details };
      if (json) console.log(JSON.stringify({ error }, null, 2));
      else console.error(`${error.message}${err.details ? `\n${JSON.stringify(err.details)}` : ''}`);
      return 1;
    }
    const report = renderReport(out.report, lang);
    let published: PublishResult | null = null;
    let publishError: { code: string; message: string; details?: unknown } | null = null;
    if (publish && out.status === 'draft' && out.versionId !== null) {
      try {
        published = await publishDraft(pool, out.versionId, publish, actor);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        publishError = { code: err.code, message: err.messageIn(lang), details: err.details };
      }
    }
    if (json) {
      console.log(JSON.stringify({
        importId: out.importId, status: out.status, planId: out.planId, versionId: out.versionId, dataVersion: published?.dataVersion ?? out.dataVersion,
        report, published, publishError,
      }, null, 2));
    } else {
      printReport(out, report, published);
      if (publishError) console.error(`Not published: ${publishError.message}`);
    }
    if (out.status === 'rejected') return 1;
    return publishError ? 3 : 0;
  } finally {
    await pool.end();
    await pg.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`[import] failed: ${err.message}`);
    process.exit(1);
  },
);
