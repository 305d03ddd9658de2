// The cold phase of BENCHMARKS.md ("fresh server and database"): for each cold row (the viewport replays and
// the densest tiles), the embedded PostgreSQL cluster is restarted (a clean fast shutdown, then a start: its
// shared buffers are empty), the OS page cache is dropped while it is stopped when the kernel lets us
// (root: `sync; echo 3 > /proc/sys/vm/drop_caches`), a new server process is started (TILE_CACHE_MB=0, like
// the warm uncached side, so every request is a miss either way), and each distinct tile of the row is asked
// once, with the bench's concurrency: the first pass. Then the same tiles once more on the same server (the
// second pass: same shape of load, caches warm). tileBench puts the row's warm uncached figures beside them.
// This runs before any other side starts, since a restart ends every open database session.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { restartEmbeddedPostgres } from '../server/db/embedded.js';
import { isRoot } from '../server/system/apt.js';
import { startNodeChild } from './children.js';
import { LoopbackClient, measure, round, summarise, type LoadResult } from './load.js';
import { tilePath, type TileRef } from './tiles.js';

export interface ColdRow {
  label: string;
  /** Distinct tiles of the row: each asked once per pass. */
  tiles: number;
  /** PostgreSQL stopped, page cache dropped, started and accepting connections again (null: not restarted). */
  restartMs: number | null;
  /** From spawning the server process to its "listening". */
  listenMs: number;
  /** From spawning the server process to the first tile answered (the server's time to first answer). */
  firstAnswerMs: number | null;
  /** First pass: fresh server, restarted database. */
  cold: LoadResult;
  /** The same tiles once more, at once, on the same server. */
  second: LoadResult;
  /** The row's warm uncached figures (the uncached side of the main phase, same tile list), set by tileBench. */
  warm: LoadResult | null;
  /** cold ÷ warm uncached and cold ÷ second pass, in tiles/s. */
  coldToWarm: number | null;
  coldToSecond: number;
}

export interface ColdResult {
  /** Whether PostgreSQL was restarted before each row; if not, why. */
  databaseRestarted: boolean;
  pageCacheDropped: boolean;
  /** What was done, or why not (shown in the report). */
  note: string;
  rows: ColdRow[];
}

export interface ColdRowPlan {
  label: string;
  tiles: TileRef[];
}

/** `sync; echo 3 > /proc/sys/vm/drop_caches`; null when done, else why not. */
async function dropPageCache(): Promise<string | null> {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (!isRoot()) return 'not root';
  await new Promise<void>((resolve) => execFile('sync', () => resolve()));
  try {
    await writeFile('/proc/sys/vm/drop_caches', '3');
    return null;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return `writing /proc/sys/vm/drop_caches failed: ${e.code ?? e.message}`;
  }
}

export async function coldPhase(
  plans: ColdRowPlan[],
  opts: { env: Record<string, string>; concurrency: number; log: (m: string) => void },
): Promise<ColdResult> {
  const restart = !process.env.DATABASE_URL;
  let dropFailure: string | null | undefined;
  const rows: ColdRow[] = [];
  for (const plan of plans) {
    const paths = [...new Set(plan.tiles.map(tilePath))];
    let restartMs: number | null = null;
    if (restart) {
      const t0 = performance.now();
      await restartEmbeddedPostgres(async () => {
        const failure = await dropPageCache();
        // The first failure is the one reported (they are all alike).
        if (dropFailure === undefined || (dropFailure === null && failure !== null)) dropFailure = failure;
      });
      restartMs = round(performance.now() - t0);
    }
    const spawned = performance.now();
    const server = await startNodeChild('bench/serve.ts', [], { ...opts.env, TILE_CACHE_MB: '0' });
    const listenMs = round(performance.now() - spawned);
    const client = new LoopbackClient(`http://127.0.0.1:${server.port}`, opts.concurrency);
    try {
      let firstAt: number | null = null;
      const pass = { concurrency: opts.concurrency, durationMs: 120_000, maxRequests: paths.length };
      const cold = summarise([
        await measure(pass, async (i) => {
          const { status } = await client.get(paths[i]!);
          firstAt ??= performance.now();
          return status;
        }),
      ]);
      const second = summarise([await measure(pass, async (i) => (await client.get(paths[i]!)).status)]);
      const row: ColdRow = {
        label: plan.label, tiles: paths.length, restartMs, listenMs,
        firstAnswerMs: firstAt === null ? null : round((firstAt as number) - spawned),
        cold, second, warm: null, coldToWarm: null,
        coldToSecond: round(cold.perSecond / second.perSecond, 2),
      };
      opts.log(`cold ${plan.label}: ${paths.length} tiles, ${cold.perSecond}/s (p95 ${cold.p95} ms, errors ${cold.errors}), ` +
        `second pass ${second.perSecond}/s; restart ${restartMs ?? '–'} ms, listening after ${listenMs} ms, first answer after ${row.firstAnswerMs} ms`);
      rows.push(row);
    } finally {
      client.close();
      await server.stop();
    }
  }
  const pageCacheDropped = restart && dropFailure === null;
  const note = !restart
    ? 'PostgreSQL not restarted (DATABASE_URL is set: not our server to restart); page cache not dropped'
    : pageCacheDropped
      ? 'PostgreSQL restarted (fast shutdown) and the OS page cache dropped before each row'
      : `PostgreSQL restarted (fast shutdown) before each row; page cache not dropped (${dropFailure ?? 'unknown'})`;
  opts.log(`cold: ${note}`);
  return { databaseRestarted: restart, pageCacheDropped, note, rows };
}
