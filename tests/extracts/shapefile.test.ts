// Zipped shapefile extracts, opened by independent readers: Debian's unzip for the archive, GDAL
// (ogrinfo, ogr2ogr) for the shapefiles, and a few lines here for what GDAL forgives (DBF field names,
// ESRI ring order).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDebianPackages } from '../../server/system/apt.js';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';
import { AT, lambertVertices, parcelWithSetbacks, sameVertices } from './fixtures.js';

const run = promisify(execFile);
const text = async (cmd: string, args: string[]) => (await run(cmd, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
const bytes = async (cmd: string, args: string[]) =>
  (await run(cmd, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 })).stdout;

let app: FastifyInstance;
let dir: string;
let zip: string;
let fixture: Awaited<ReturnType<typeof parcelWithSetbacks>>;
let files: string[];

beforeAll(async () => {
  await ensureDebianPackages(['unzip', 'gdal-bin'], { why: 'independent readers of the shapefile extract' });
  app = await buildTestApp();
  fixture = await parcelWithSetbacks();
  const res = await app.inject({ url: `/api/parcels/${fixture.id}/extract.shp.zip?at=${AT}` });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  expect(res.headers['content-disposition']).toMatch(/_extract_EPSG26191\.shp\.zip"$/);
  dir = await mkdtemp(path.join(tmpdir(), 'tasmim-shp-'));
  zip = path.join(dir, 'extract.zip');
  await writeFile(zip, res.rawPayload);
  // `unzip -Z1`: one archive member per line (zipinfo mode)
  files = (await text('unzip', ['-Z1', zip])).trim().split('\n');
}, 600_000);

afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** GeoJSON of one shapefile of the archive, as GDAL reads it (no reprojection). */
async function ogr(layer: string) {
  const out = await text('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', `/vsizip/${zip}/${layer}.shp`]);
  return JSON.parse(out) as { features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: number[][][] } }[] };
}

/** Field names of a DBF (dBase III header: 32-byte field descriptors from byte 32 up to 0x0D). */
function dbfFields(dbf: Buffer): string[] {
  const names: string[] = [];
  for (let at = 32; dbf[at] !== 0x0d; at += 32) names.push(dbf.subarray(at, at + 11).toString('latin1').replace(/\0.*$/, ''));
  return names;
}

describe('shapefile extract', () => {
  it('holds .shp, .shx, .dbf, .prj and .cpg for every layer, and a README', () => {
    const layers = files.filter((f) => f.endsWith('.shp')).map((f) => f.slice(0, -4));
    expect(layers).toEqual(expect.arrayContaining(['parcel', 'neighbours', 'zones', 'setbacks']));
    for (const l of layers) for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) expect(files).toContain(`${l}.${ext}`);
    expect(files).toContain('README.txt');
  });

  it('names Nord Maroc in every .prj, says UTF-8 in every .cpg, and GDAL recognises EPSG:26191', async () => {
    for (const f of files.filter((x) => x.endsWith('.prj'))) {
      const prj = await text('unzip', ['-p', zip, f]);
      expect(prj).toMatch(/^PROJCS\["Nord_Maroc",GEOGCS\["GCS_Merchich"/);
      expect(prj).toContain('PARAMETER["Scale_Factor",0.999625769]');
    }
    for (const f of files.filter((x) => x.endsWith('.cpg'))) expect(await text('unzip', ['-p', zip, f])).toBe('UTF-8');
    const info = await text('ogrinfo', ['-so', `/vsizip/${zip}/parcel.shp`, 'parcel']);
    expect(info).toContain('Merchich / Nord Maroc');
    expect(info).toContain('ID["EPSG",26191]');
  });

  it('keeps DBF field names within 10 characters, distinct, in ASCII', async () => {
    for (const f of files.filter((x) => x.endsWith('.dbf'))) {
      const names = dbfFields(await bytes('unzip', ['-p', zip, f]));
      expect(names.length, f).toBeGreaterThan(0);
      for (const n of names) expect(n, `${f}: ${n}`).toMatch(/^[a-z][a-z0-9_]{0,9}$/);
      expect(new Set(names).size, f).toBe(names.length);
    }
  });

  it('puts the parcel at its Lambert coordinates (as GDAL reads them), with its reference and Arabic commune', async () => {
    const { features } = await ogr('parcel');
    expect(features).toHaveLength(1);
    const [f] = features;
    expect(f!.properties.reference).toBe(fixture.reference);
    const commune = await one<{ ar: string }>(
      `SELECT c.name ->> 'ar' AS ar FROM parcels p JOIN communes c ON c.id = p.commune_id WHERE p.id = $1`,
      [fixture.id],
    );
    expect(f!.properties.commune_ar).toBe(commune.ar);
    const rings = f!.geometry.type === 'MultiPolygon' ? (f!.geometry.coordinates as unknown as number[][][][])[0]! : f!.geometry.coordinates;
    expect(rings).toHaveLength(1);
    const ring = rings[0]!.slice(0, -1).map(([x, y]) => [x!, y!] as [number, number]);
    expect(sameVertices(ring, await lambertVertices(fixture.id), 0.001)).toBeNull();
  });

  it('writes outer rings clockwise, as the ESRI shapefile description requires', async () => {
    const shp = await bytes('unzip', ['-p', zip, 'parcel.shp']);
    // first record: 100-byte file header, 8-byte record header, then type, bbox, parts, points (LE)
    const base = 108;
    expect(shp.readInt32LE(base)).toBe(5); // polygon
    const parts = shp.readInt32LE(base + 36);
    const points = shp.readInt32LE(base + 40);
    const first = base + 44 + 4 * parts;
    const end = parts > 1 ? shp.readInt32LE(base + 48) : points;
    let twiceArea = 0;
    for (let i = 0; i < end - 1; i++) {
      const [x1, y1] = [shp.readDoubleLE(first + 16 * i), shp.readDoubleLE(first + 16 * i + 8)];
      const [x2, y2] = [shp.readDoubleLE(first + 16 * (i + 1)), shp.readDoubleLE(first + 16 * (i + 1) + 8)];
      twiceArea += x1 * y2 - x2 * y1;
    }
    expect(twiceArea).toBeLessThan(0); // clockwise
  });

  it('carries the zones with their rules and Arabic labels readable, and the setback lines', async () => {
    const { features } = await ogr('zones');
    const zone = features.find((f) => f.properties.code === fixture.zone)!;
    expect(zone).toBeDefined();
    const db = await one<{ ar: string; fr: string }>(
      `SELECT z.label ->> 'ar' AS ar, z.label ->> 'fr' AS fr FROM zones z WHERE z.id = $1`,
      [zone.properties.zone_id],
    );
    expect(zone.properties.label_ar).toBe(db.ar);
    expect(zone.properties.label_fr).toBe(db.fr);
    expect(zone.properties.front_m).toBe(fixture.rule.front);
    expect(zone.properties.side_m).toBe(fixture.rule.side);
    expect(zone.properties.rear_m).toBe(fixture.rule.rear);
    const setbacks = await ogr('setbacks');
    expect(setbacks.features.length).toBeGreaterThan(0);
    for (const s of setbacks.features) expect(['front', 'side', 'rear']).toContain(s.properties.kind);
    const readme = await text('unzip', ['-p', zip, 'README.txt']);
    expect(readme).toContain(fixture.reference);
    expect(readme).toContain('EPSG:26191');
  });
});
