// The seeded, deterministic sample territory: the 56 real communes of the agency, illustrative plans of
// the four kinds placed on them (plans.ts, master.ts) and parcels in the zoned towns (parcels.ts).
//
// `seed` replaces the whole sample in one transaction — illustrative plans, illustrative parcels and all
// communes are deleted and inserted anew, then the data version is bumped — so a failure leaves the
// previous data untouched. The same seed and options give byte-identical data: every random draw comes
// from server/seed/random.ts, and fixed dates stand in for "now". Identity counters restart at 1 when
// their tables hold nothing else, so ids are the same from one seeding to the next.
import pg from 'pg';
import { loadCommunes } from './communes.js';
import { seedDocuments } from './documents.js';
import { masterPlan } from './master.js';
import { References, SiteFiller } from './parcels.js';
import { emptyCounts, extraTownPlan, townPlans } from './plans.js';
import { DEFAULT_SEED, Rng } from './random.js';
import { createScratchTables, restartIdsIfEmpty, type Db } from './sql.js';
import { seedStudies } from './studies.js';

export interface SeedOptions {
  /** Seed of the random streams (default 20261128). */
  seed?: number;
  /** Target parcel count (default 20,000): at least this many are made, more towns being added if needed. */
  parcels?: number;
  log?: (msg: string) => void;
}

export interface SeedReport {
  communes: number;
  /** Codes of the communes whose published geometry was invalid and was repaired. */
  repairedCommunes: string[];
  plans: number;
  versions: number;
  zones: number;
  regulations: number;
  overlays: number;
  parcels: number;
  dataVersion: number;
  ms: number;
}

export const DEFAULT_PARCELS = 20000;

/** Tables of the sample whose identity counter restarts when nothing else is left in them. */
const SAMPLE_TABLES = ['communes', 'plans', 'plan_versions', 'plan_status_events', 'zones', 'regulations', 'overlays', 'parcels'];

async function clearSample(db: Db): Promise<void> {
  await db.query('DELETE FROM plans WHERE illustrative'); // versions, events, zones, rules, overlays follow (cascade)
  await db.query('DELETE FROM parcels WHERE illustrative');
  // Real parcels (if any) keep their rows; their commune is looked up again once the communes are back.
  await db.query('UPDATE parcels SET commune_id = NULL WHERE commune_id IS NOT NULL');
  await db.query('DELETE FROM communes');
  await restartIdsIfEmpty(db, SAMPLE_TABLES);
}

export async function seed(databaseUrl: string, options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const target = Math.max(0, Math.floor(options.parcels ?? DEFAULT_PARCELS));
  const rng = new Rng(options.seed ?? DEFAULT_SEED);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    // Two seedings of one database at once (npm start and npm test) take turns instead of failing.
    await db.query('SELECT pg_advisory_xact_lock(727273)');
    // Queries over large geometries get high cost estimates, so PostgreSQL would compile them (JIT): that
    // costs more than it saves here (about 30 ms on every batch of parcels).
    await db.query('SET LOCAL jit = off');
    await clearSample(db);
    await createScratchTables(db);
    const communes = await loadCommunes(db, log);
    log(`${communes.inserted} communes (repaired: ${communes.repaired.join(', ') || 'none'})`);

    const counts = emptyCounts();
    await masterPlan(db, rng, counts, log);
    const sites = await townPlans(db, rng, counts, log);

    // Parcels: each town its share; what a town cannot hold goes to the towns with room left, and what
    // none can hold to extra towns (large samples only).
    const refs = new References(rng.fork('references'));
    const fillers: SiteFiller[] = [];
    for (const s of sites) fillers.push(await SiteFiller.create(db, s, refs));
    let parcels = 0;
    const fill = async (f: SiteFiller, quota: number) => {
      const n = await f.fill(quota);
      log(`${n} parcels in ${f.site.key}`);
      return n;
    };
    for (const f of fillers) parcels += await fill(f, Math.round(target * f.site.share));
    for (const f of fillers) if (parcels < target && !f.full) parcels += await fill(f, target - parcels);
    for (let k = 0; parcels < target; k++) {
      const site = await extraTownPlan(db, rng, k, target - parcels, counts, log);
      if (!site) {
        log(`only ${parcels} parcels: every commune already has a town`);
        break;
      }
      parcels += await fill(await SiteFiller.create(db, site, refs), target - parcels);
    }
    log(`${parcels} parcels`);

    await db.query(
      `UPDATE parcels p SET commune_id = (SELECT c.id FROM communes c WHERE ST_Intersects(c.geom_4326, ST_Centroid(p.geom_4326))
                                          ORDER BY c.id LIMIT 1)
       WHERE NOT p.illustrative`,
    );
    // The documents library and the study outcomes of the sample (server/documents, server/studies).
    await seedDocuments(db, log);
    await seedStudies(db, log);
    const v = await db.query<{ v: string }>('SELECT bump_data_version() v');
    await db.query('COMMIT');
    const report: SeedReport = {
      communes: communes.inserted,
      repairedCommunes: communes.repaired,
      ...counts,
      parcels,
      dataVersion: Number(v.rows[0]!.v),
      ms: Math.round(performance.now() - started),
    };
    log(`seeded in ${report.ms} ms`);
    return report;
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await db.end();
  }
}

/** True when the sample is present: communes and at least one illustrative plan. */
export async function isSeeded(databaseUrl: string): Promise<boolean> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const r = await db.query<{ seeded: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM plans WHERE illustrative) AND EXISTS (SELECT 1 FROM communes) AS seeded',
    );
    return r.rows[0]!.seeded;
  } catch (err) {
    if ((err as { code?: string }).code === '42P01') return false; // not migrated yet
    throw err;
  } finally {
    await db.end();
  }
}
