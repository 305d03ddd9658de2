// The benchmark's territories: one database per size in the embedded cluster (or DATABASE_URL's server),
// seeded by the project's generator and reused while the same size and seed were asked. The marker is the
// database's comment, written only after a seeding succeeded, so a seeding cut short is done again.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';
import { ensureDatabase } from '../server/db/embedded.js';
import { migrate } from '../server/db/migrate.js';
import { seed } from '../server/seed/index.js';

export interface Territory {
  name: string;
  url: string;
  parcels: number;
  seed: number;
  /** True when it was built by this run. */
  built: boolean;
  seedMs: number | null;
  /** [west, south, east, north] of the parcels, WGS84: where the tile lists are drawn. */
  parcelBbox: [number, number, number, number];
  /** Same for the communes (the whole agency). */
  territoryBbox: [number, number, number, number];
  counts: Record<string, number>;
}

interface Marker {
  parcels: number;
  seed: number;
  generator: string;
  seedMs: number;
}

const MARKER_PREFIX = 'tasmim bench territory ';

export async function ensureTerritory(
  adminUrl: string,
  opts: { name: string; parcels: number; seed: number; rebuild?: boolean; log: (m: string) => void },
): Promise<Territory> {
  let url = await ensureDatabase(adminUrl, opts.name);
  let stale = false;
  try {
    await migrate(url, () => {});
  } catch (err) {
    // A migration edited after it was applied here: the later ones were never applied, and the server
    // serves sources (tiles of later slices) that this schema lacks. Measuring it would measure 500s, so
    // the territory is made again from scratch.
    if (!/was changed after it was applied/.test((err as Error).message)) throw err;
    opts.log(`${opts.name}: ${(err as Error).message}; making the territory again`);
    await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${opts.name.replace(/"/g, '')}" WITH (FORCE)`));
    url = await ensureDatabase(adminUrl, opts.name);
    await migrate(url, () => {});
    stale = true;
  }
  const generator = await generatorFingerprint();
  const marker = stale ? null : await readMarker(url);
  let built = false;
  let seedMs = marker?.seedMs ?? null;
  if (opts.rebuild || !marker || marker.parcels !== opts.parcels || marker.seed !== opts.seed) {
    opts.log(`seeding ${opts.name}: ${opts.parcels} parcels, seed ${opts.seed} (this takes a while at 1,000,000)…`);
    const r = await seed(url, { parcels: opts.parcels, seed: opts.seed });
    await withClient(url, (c) => c.query('VACUUM ANALYZE'));
    seedMs = r.ms;
    await writeMarker(url, { parcels: opts.parcels, seed: opts.seed, generator, seedMs: r.ms });
    built = true;
  } else if (marker.generator !== generator) {
    opts.log(`${opts.name}: reusing a territory made by an earlier version of server/seed (same size and seed; --rebuild to redo it)`);
  }
  return withClient(url, async (c) => {
    const box = async (table: string) =>
      (await c.query<{ b: [number, number, number, number] }>(
        `SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] AS b FROM (SELECT ST_Extent(geom_4326) e FROM ${table}) t`,
      )).rows[0]!.b;
    const counts: Record<string, number> = {};
    for (const t of ['parcels', 'zones', 'overlays', 'communes', 'plan_versions']) {
      counts[t] = Number((await c.query<{ n: string }>(`SELECT count(*) n FROM ${t}`)).rows[0]!.n);
    }
    return { name: opts.name, url, parcels: opts.parcels, seed: opts.seed, built, seedMs, parcelBbox: await box('parcels'), territoryBbox: await box('communes'), counts };
  });
}

async function generatorFingerprint(): Promise<string> {
  const dir = new URL('../server/seed/', import.meta.url);
  const hash = createHash('sha256');
  for (const f of (await readdir(dir)).sort()) hash.update(f).update(await readFile(new URL(f, dir)));
  return hash.digest('hex').slice(0, 16);
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function readMarker(url: string): Promise<Marker | null> {
  const d = await withClient(url, async (c) =>
    (await c.query<{ d: string | null }>(`SELECT shobj_description(oid, 'pg_database') d FROM pg_database WHERE datname = current_database()`)).rows[0]?.d ?? null);
  if (!d?.startsWith(MARKER_PREFIX)) return null;
  try {
    return JSON.parse(d.slice(MARKER_PREFIX.length)) as Marker;
  } catch {
    return null;
  }
}

async function writeMarker(url: string, m: Marker): Promise<void> {
  await withClient(url, async (c) => {
    const db = (await c.query<{ d: string }>('SELECT current_database() d')).rows[0]!.d;
    await c.query(`COMMENT ON DATABASE ${c.escapeIdentifier(db)} IS ${c.escapeLiteral(MARKER_PREFIX + JSON.stringify(m))}`);
  });
}
