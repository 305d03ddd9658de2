// The answers a click makes (GET /api/identify, GET /api/parcels/:id) and GeoJSON paging
// (GET /api/plans/:id/zones), against our server on the territory. Latency is measured one request at a
// time (what one visitor waits), over points and parcels drawn from the territory with a fixed seed.
import pg from 'pg';
import { startNodeChild } from './children.js';
import { LoopbackClient, round, runLoop, type LoadResult } from './load.js';
import type { Territory } from './territory.js';

export interface ApiBenchResult {
  identify: LoadResult;
  parcelSheet: LoadResult;
  geojson: { plan: number; features: number; pages: number; featuresPerSecond: number; pageP50: number; pageP95: number };
}

export async function apiBench(t: Territory, opts: { requests: number; durationMs: number }): Promise<ApiBenchResult> {
  const db = new pg.Client({ connectionString: t.url });
  await db.connect();
  let sample: Array<{ id: number; lon: number; lat: number }>;
  let plan: number;
  try {
    sample = (
      await db.query<{ id: number; lon: number; lat: number }>(
        `SELECT id::int, ST_X(p) lon, ST_Y(p) lat FROM (SELECT id, ST_PointOnSurface(geom_4326) p FROM parcels TABLESAMPLE BERNOULLI (1) REPEATABLE (11) LIMIT 300) t`,
      )
    ).rows;
    // The plan with the most zones: the longest GeoJSON paging.
    plan = (await db.query<{ plan_id: number }>(
      `SELECT v.plan_id FROM plan_versions v JOIN zones z ON z.version_id = v.id GROUP BY v.plan_id ORDER BY count(*) DESC LIMIT 1`,
    )).rows[0]!.plan_id;
  } finally {
    await db.end();
  }
  const server = await startNodeChild('bench/serve.ts', [], { DATABASE_URL: t.url, LOG_LEVEL: 'silent' });
  const client = new LoopbackClient(`http://127.0.0.1:${server.port}`, 1);
  try {
    const one = { concurrency: 1, durationMs: opts.durationMs, maxRequests: opts.requests };
    // One request of each first: the pool and the plans are warm, as on a running server.
    await client.get(`/api/parcels/${sample[0]!.id}`);
    const identify = await runLoop(one, async (i) => {
      const p = sample[i % sample.length]!;
      return (await client.get(`/api/identify?lon=${p.lon}&lat=${p.lat}`)).status;
    });
    const parcelSheet = await runLoop(one, async (i) => (await client.get(`/api/parcels/${sample[i % sample.length]!.id}`)).status);

    let features = 0;
    let pages = 0;
    const pageTimes: number[] = [];
    const started = performance.now();
    while (performance.now() - started < opts.durationMs) {
      let cursor: string | null = null;
      do {
        const t0 = performance.now();
        const r = await client.get(`/api/plans/${plan}/zones?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
        pageTimes.push(performance.now() - t0);
        if (r.status !== 200) throw new Error(`zones page: HTTP ${r.status}`);
        const body = JSON.parse(r.body.toString()) as { features: unknown[]; next: string | null };
        features += body.features.length;
        pages++;
        cursor = body.next;
      } while (cursor);
    }
    const elapsed = performance.now() - started;
    pageTimes.sort((a, b) => a - b);
    return {
      identify,
      parcelSheet,
      geojson: {
        plan, features, pages,
        featuresPerSecond: round((features / elapsed) * 1000),
        pageP50: round(pageTimes[Math.floor(pageTimes.length * 0.5)]!, 1),
        pageP95: round(pageTimes[Math.floor(pageTimes.length * 0.95)]!, 1),
      },
    };
  } finally {
    client.close();
    await server.stop();
  }
}
