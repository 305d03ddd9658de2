// One transformation everywhere: the browser's proj4 (client/lib/lambert.ts) and PostGIS's to_26191 /
// from_26191 (migration 0001) must place every point of the territory at the same Lambert Nord Maroc
// coordinates, and both must agree with an independent implementation, PROJ's own cs2cs, fed the same
// explicit definition (EPSG:26191 with the EPSG:1166 shift).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromLambert, LAMBERT_NORD_MAROC, toLambert } from '../../client/lib/lambert.js';
import { ensureDebianPackages } from '../../server/system/apt.js';
import { one, sql } from '../helpers/db.js';

interface Sample {
  lon: number;
  lat: number;
  x: number;
  y: number;
  /** from_26191 of the Lambert point rounded to the millimetre (a typed coordinate) */
  lx: number;
  ly: number;
  back_lon: number;
  back_lat: number;
}

/** Distance in metres between two nearby lon/lat points (local plane; 1e-8° is about 1 mm). */
const metres = (a: [number, number], b: [number, number]) => {
  const k = (Math.PI / 180) * 6_371_000;
  return Math.hypot((a[0] - b[0]) * k * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * k);
};

/** cs2cs with the definition split into its +parameters, one "a b" pair per line in, "x<TAB>y z" out. */
async function cs2cs(from: string, to: string, points: [number, number][]): Promise<[number, number][]> {
  const child = execFile('cs2cs', ['-f', '%.9f', ...from.split(' '), '+to', ...to.split(' ')]);
  const out = new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`cs2cs exited with ${code}`))));
  });
  child.stdin!.end(points.map(([a, b]) => `${a} ${b}`).join('\n') + '\n');
  return (await out).trim().split('\n').map((line) => line.trim().split(/\s+/).slice(0, 2).map(Number) as [number, number]);
}

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

let samples: Sample[];
beforeAll(async () => {
  await ensureDebianPackages(['proj-bin'], { why: 'cs2cs, the independent reference for the Lambert tests' });
  // One random point in each commune of the territory (fixed seed), and what PostGIS makes of it.
  samples = await sql<Sample>(
    `WITH pts AS (
       SELECT (ST_Dump(ST_GeneratePoints(c.geom_4326, 1, c.id))).geom AS g FROM communes c
     ), l AS (SELECT g, to_26191(g) AS l FROM pts)
     SELECT ST_X(g) AS lon, ST_Y(g) AS lat, ST_X(l) AS x, ST_Y(l) AS y,
            round(ST_X(l)::numeric, 3)::float8 AS lx, round(ST_Y(l)::numeric, 3)::float8 AS ly,
            ST_X(b) AS back_lon, ST_Y(b) AS back_lat
     FROM l CROSS JOIN LATERAL (
       SELECT from_26191(ST_SetSRID(ST_MakePoint(round(ST_X(l)::numeric, 3), round(ST_Y(l)::numeric, 3)), 26191)) AS b) t
     ORDER BY lon, lat`,
  );
}, 600_000);

describe('Lambert Nord Maroc, one definition', () => {
  it('is the very text of lambert_nord_proj() in migration 0001, and of the database', async () => {
    const file = await readFile(new URL('../../migrations/0001_core.sql', import.meta.url), 'utf8');
    const body = /CREATE FUNCTION lambert_nord_proj\(\)[^$]*\$\$([\s\S]*?)\$\$/.exec(file)?.[1];
    expect(body, 'lambert_nord_proj() not found in 0001_core.sql').toBeDefined();
    // Adjacent SQL string literals separated by a newline are one string (PostgreSQL, "String Constants").
    const text = [...body!.matchAll(/'([^']*)'/g)].map((m) => m[1]).join('');
    expect(text).toBe(LAMBERT_NORD_MAROC);
    const db = await one<{ p: string }>('SELECT lambert_nord_proj() AS p');
    expect(db.p).toBe(LAMBERT_NORD_MAROC);
    expect(LAMBERT_NORD_MAROC).toContain('+towgs84=31,146,47,0,0,0,0'); // EPSG:1166
  });

  it('samples the whole territory: at least 30 points in at least 30 communes', () => {
    expect(samples.length).toBeGreaterThanOrEqual(30);
  });

  it('proj4 (browser) and PostGIS agree within 1 cm from WGS84 to Lambert', () => {
    for (const s of samples) {
      const [x, y] = toLambert([s.lon, s.lat]);
      expect(Math.hypot(x - s.x, y - s.y), `${s.lon} ${s.lat}`).toBeLessThan(0.01);
    }
  });

  it('proj4 (browser) and PostGIS agree within 1 cm from Lambert to WGS84', () => {
    for (const s of samples) {
      const back = fromLambert([s.lx, s.ly]);
      expect(metres(back, [s.back_lon, s.back_lat]), `${s.lx} ${s.ly}`).toBeLessThan(0.01);
    }
  });

  it('PROJ cs2cs with the same explicit definition gives the same coordinates, both ways', async () => {
    const forward = await cs2cs(WGS84, LAMBERT_NORD_MAROC, samples.map((s) => [s.lon, s.lat]));
    const inverse = await cs2cs(LAMBERT_NORD_MAROC, WGS84, samples.map((s) => [s.lx, s.ly]));
    expect(forward).toHaveLength(samples.length);
    samples.forEach((s, i) => {
      const [x, y] = forward[i]!;
      expect(Math.hypot(x - s.x, y - s.y), `PostGIS vs cs2cs at ${s.lon} ${s.lat}`).toBeLessThan(0.01);
      const [px, py] = toLambert([s.lon, s.lat]);
      expect(Math.hypot(x - px, y - py), `proj4 vs cs2cs at ${s.lon} ${s.lat}`).toBeLessThan(0.01);
      expect(metres(inverse[i]!, fromLambert([s.lx, s.ly])), `inverse at ${s.lx} ${s.ly}`).toBeLessThan(0.01);
    });
  });

  it('puts Nador city where surveyors expect it (x ≈ 725 000, y ≈ 510 000) and where cs2cs puts it', async () => {
    const nador: [number, number] = [-2.93, 35.17];
    const [[cx, cy]] = (await cs2cs(WGS84, LAMBERT_NORD_MAROC, [nador])) as [[number, number]];
    const [x, y] = toLambert(nador);
    expect(Math.hypot(x - cx, y - cy)).toBeLessThan(0.01);
    // DOMAIN.md, "Coordinates": about x 725 000, y 510 000 around Nador city.
    expect(Math.abs(x - 725_000)).toBeLessThan(1_000);
    expect(Math.abs(y - 510_000)).toBeLessThan(1_000);
    const db = await one<{ x: number; y: number }>(
      'SELECT ST_X(g) AS x, ST_Y(g) AS y FROM (SELECT to_26191(ST_SetSRID(ST_MakePoint($1, $2), 4326)) AS g) t',
      nador,
    );
    expect(Math.hypot(x - db.x, y - db.y)).toBeLessThan(0.01);
  });

  it('is not a silent default: without the EPSG:1166 shift the same point moves by metres', async () => {
    const plain = LAMBERT_NORD_MAROC.replace('+towgs84=31,146,47,0,0,0,0 ', '');
    const [[x, y]] = (await cs2cs(WGS84, plain, [[-2.93, 35.17]])) as [[number, number]];
    const [lx, ly] = toLambert([-2.93, 35.17]);
    expect(Math.hypot(x - lx, y - ly)).toBeGreaterThan(100);
  });
});

