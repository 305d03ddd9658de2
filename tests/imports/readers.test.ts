// The readers, on the project's own fixture files in each real format (tests/fixtures/make-fixtures.ts):
// coordinate systems identified from what the file says (EPSG codes, unnamed Lambert definitions in
// grads), the EPSG:1166 shift GDAL applies agreeing with PostGIS's from_26191(), text encodings of DBF
// files (.cpg, or detected), 3D flattened, archives refused before they are extracted.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { DEFAULT_LIMITS, Deadline } from '../../server/imports/limits.js';
import { crsFromDefinition, identifyProj } from '../../server/imports/readers/crs.js';
import { detectEncoding, encodingFromCpg } from '../../server/imports/readers/encoding.js';
import { type Layer, readLayer, type ReadFeature } from '../../server/imports/readers/layer.js';
import { prepareDataset } from '../../server/imports/readers/source.js';
import { ensureImportTools } from '../../server/imports/readers/tools.js';
import { sql } from '../helpers/db.js';
import { ORIGIN_LAMBERT, UNNAMED_LAMBERT_PRJ, ZONES_V1 } from '../fixtures/make-fixtures.js';
import { fixtureDir } from './helpers.js';

let fx: Awaited<ReturnType<typeof fixtureDir>>;
let work: string;
beforeAll(async () => {
  await ensureImportTools();
  fx = await fixtureDir();
  work = await mkdtemp(path.join(tmpdir(), 'tasmim-readers-'));
});
afterAll(async () => {
  await fx?.remove();
  await rm(work, { recursive: true, force: true });
});

const deadline = () => new Deadline(60_000);

async function read(name: Parameters<typeof fx.get>[0], opts: Parameters<typeof readLayer>[1] = {}, limits = DEFAULT_LIMITS): Promise<{ layer: Layer; features: ReadFeature[] }> {
  const dir = await mkdtemp(path.join(work, 'r-'));
  const ds = await prepareDataset(await fx.get(name), name, dir, limits, deadline(), { layer: opts.layer, preferZoneUrba: opts.preferZoneUrba });
  const layer = await readLayer(ds, opts, dir, limits, deadline());
  const features: ReadFeature[] = [];
  for await (const f of layer.features()) features.push(f);
  return { layer, features };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** Windows-1256 bytes of a text (the encoder WHATWG does not provide, from its decoder's table). */
function encode1256(text: string): Buffer {
  const dec = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((c) => table.get(c) ?? 0x3f));
}

describe('coordinate systems', () => {
  it('identifies Lambert Nord and Sud Maroc from their parameters, however the .prj names them', async () => {
    const prj = path.join(work, 'unnamed.prj');
    await writeFile(prj, UNNAMED_LAMBERT_PRJ);
    const nord = await crsFromDefinition(prj, 'prj', deadline());
    expect(nord.epsg).toBe(26191);
    expect(nord.how).toMatch(/parameters of EPSG:26191/);
    // The Merchich shift is the explicit EPSG:1166 one, whatever the file said.
    expect(nord.proj).toContain('+towgs84=31,146,47');
    expect(identifyProj('+proj=lcc +lat_1=29.7 +lat_0=29.7 +lon_0=-5.4 +k_0=0.999615596 +x_0=500000 +y_0=300000 +ellps=clrk80ign +units=m +no_defs')).toMatchObject({ epsg: 26192 });
    expect(identifyProj('+proj=lcc +lat_1=33.3 +lat_0=33.3 +lon_0=-5.4 +k_0=0.999625769 +x_0=500000 +y_0=300000 +a=6378249.2 +b=6356515 +towgs84=31,146,47,0,0,0,0 +units=m +no_defs')).toMatchObject({ epsg: 26191 });
    // Same projection on another ellipsoid: not Lambert Nord Maroc, and said why.
    expect(identifyProj('+proj=lcc +lat_1=33.3 +lat_0=33.3 +lon_0=-5.4 +k_0=0.999625769 +x_0=500000 +y_0=300000 +ellps=WGS84 +units=m +no_defs'))
      .toMatchObject({ epsg: null, found: expect.stringMatching(/parameters of EPSG:26191 but on another ellipsoid/) });
  });

  it('identifies WGS 84, Web Mercator and UTM, and refuses the rest with the list of what is supported', async () => {
    expect((await crsFromDefinition('EPSG:4326', 'file', deadline())).epsg).toBe(4326);
    expect((await crsFromDefinition('EPSG:3857', 'file', deadline())).epsg).toBe(3857);
    expect((await crsFromDefinition('EPSG:32630', 'file', deadline())).epsg).toBe(32630);
    const err = await refusal(crsFromDefinition('EPSG:2154', 'file', deadline()));
    expect(err.code).toBe('import_unknown_crs');
    expect(err.messageIn('en')).toMatch(/EPSG:26191.*EPSG:26192/);
  });

  it('converts Lambert with the same EPSG:1166 shift as PostGIS (from_26191), to the centimetre', async () => {
    const { layer, features } = await read('zones-1256.zip');
    expect(layer.crs).toMatchObject({ epsg: 26191, source: 'prj' });
    const ring = (features[0]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    const [x0, y0] = ORIGIN_LAMBERT;
    const rows = await sql<{ lon: number; lat: number }>(
      'SELECT ST_X(g) lon, ST_Y(g) lat FROM from_26191(ST_MakePoint($1, $2)) g', [x0 + ZONES_V1[0]!.ring[0]![0], y0 + ZONES_V1[0]!.ring[0]![1]]);
    const corner = ring.find(([lon, lat]) => Math.abs(lon! - rows[0]!.lon) < 1e-6 && Math.abs(lat! - rows[0]!.lat) < 1e-6);
    expect(corner, JSON.stringify({ ring, postgis: rows[0] })).toBeDefined();
    expect(Math.abs(corner![0]! - rows[0]!.lon)).toBeLessThan(1.5e-7); // ≈ 1 cm
    expect(Math.abs(corner![1]! - rows[0]!.lat)).toBeLessThan(1.5e-7);
  });

  it('refuses a Shapefile in metres without .prj, saying what to do', async () => {
    const err = await refusal(read('zones-noprj.zip'));
    expect(err.code).toBe('import_missing_prj');
    expect(err.messageIn('fr')).toMatch(/crs=EPSG:26191/);
  });

  it('reads the .prj of Lambert Sud Maroc as EPSG:26192, never guessing Nord', async () => {
    const { layer } = await read('zones-sud.zip');
    expect(layer.crs.epsg).toBe(26192);
  });

  it('refuses a GeoJSON whose coordinates are metres while GeoJSON means degrees, naming the system that fits', async () => {
    const err = await refusal(read('lambert.geojson'));
    expect(err.code).toBe('import_crs_mismatch');
    expect(err.params.fits).toContain('EPSG:26191');
    expect(err.messageIn('en')).toMatch(/Read as EPSG:26191.*fall in the agency territory/);
    // Stated by the planner, the same file is read.
    const { layer, features } = await read('lambert.geojson', { crs: 'EPSG:26191' });
    expect(layer.crs).toMatchObject({ epsg: 26191, source: 'option' });
    expect(features).toHaveLength(4);
  });
});

describe('text encodings', () => {
  it('maps .cpg texts to encodings', () => {
    expect(encodingFromCpg('UTF-8')).toBe('utf-8');
    expect(encodingFromCpg('1256')).toBe('windows-1256');
    expect(encodingFromCpg('CP1256')).toBe('windows-1256');
    expect(encodingFromCpg('ANSI 1252')).toBe('windows-1252');
    expect(encodingFromCpg('88591')).toBe('iso-8859-1');
    expect(encodingFromCpg('nonsense')).toBeNull();
  });

  it('detects UTF-8, Arabic Windows-1256 and Latin-1 from the bytes', () => {
    expect(detectEncoding([Buffer.from('Zone à urbaniser'), Buffer.from('منطقة سكنية')]).name).toBe('utf-8');
    expect(detectEncoding([encode1256('منطقة سكنية'), encode1256('مساحة خضراء'), Buffer.from('UA')]).name).toBe('windows-1256');
    expect(detectEncoding([Buffer.from('Zone été, équipements', 'latin1'), Buffer.from('Médina', 'latin1')]).name).toBe('windows-1252');
    expect(detectEncoding([Buffer.from('R+4')]).detail).toMatch(/ASCII/);
  });

  it('reads Arabic labels from a Windows-1256 DBF without .cpg', async () => {
    const { layer, features } = await read('zones-1256.zip');
    expect(layer.encoding).toMatchObject({ name: 'windows-1256', source: 'detected' });
    expect(features.map((f) => f.properties.NOM_AR)).toEqual(ZONES_V1.map((z) => z.ar));
    expect(features.map((f) => f.properties.NOM_FR)).toEqual(ZONES_V1.map((z) => z.fr));
  });

  it('reads French labels from a Latin-1 DBF without .cpg', async () => {
    const { layer, features } = await read('zones-latin1.zip');
    expect(layer.encoding).toMatchObject({ name: 'windows-1252', source: 'detected' });
    expect(features.map((f) => f.properties.NOM_FR)).toEqual(['Médina, centre historique', "Zone d'activités à créer", 'Espace vert aménagé']);
  });

  it('takes the encoding from the .cpg when there is one, or from the planner', async () => {
    expect((await read('cnig.zip', { preferZoneUrba: true })).layer.encoding).toMatchObject({ name: 'utf-8', source: 'cpg' });
    const stated = await read('zones-latin1.zip', { encoding: 'windows-1256' });
    expect(stated.layer.encoding).toMatchObject({ name: 'windows-1256', source: 'option' });
  });
});

describe('formats', () => {
  it('reads a GeoPackage, flattening its 3D polygons and saying so', async () => {
    const { layer, features } = await read('zones-3d.gpkg');
    expect(layer.dataset.format).toBe('geopackage');
    expect(layer.info).toMatchObject({ name: 'zonage', had3d: true, featureCount: 4 });
    expect(layer.info.geometryType).toMatch(/3D/);
    const ring = (features[0]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    expect(ring.every((p) => p.length === 2)).toBe(true);
    expect(features[0]!.fid).toBe(1);
  });

  it('keeps null geometries, lines and multipolygons for validation, with their position and id', async () => {
    const { layer, features } = await read('problems.geojson');
    expect(layer.crs).toMatchObject({ epsg: 4326 });
    expect(features).toHaveLength(9);
    expect(features[4]).toMatchObject({ index: 4, geometry: null });
    expect(features[5]!.geometry).toMatchObject({ type: 'LineString' });
    expect(features[6]!.geometry).toMatchObject({ type: 'MultiPolygon' });
  });

  it('picks the CNIG ZONE_URBA layer of an archive holding several, and asks otherwise', async () => {
    const { layer } = await read('cnig.zip', { preferZoneUrba: true });
    expect(layer.info.name).toBe('22650515_ZONE_URBA_20240101');
    expect(layer.fields).toEqual(expect.arrayContaining(['LIBELLE', 'LIBELONG', 'TYPEZONE']));
    const err = await refusal(read('cnig.zip'));
    expect(err.code).toBe('import_layer_choice');
    expect(String(err.params.layers)).toMatch(/PRESCRIPTION_SURF/);
    expect((await read('cnig.zip', { layer: '22650515_PRESCRIPTION_SURF_20240101' })).features).toHaveLength(3);
  });

  it('refuses what is not a GIS file', async () => {
    const junk = path.join(work, 'notes.txt');
    await writeFile(junk, 'hello');
    const err = await refusal(prepareDataset(junk, 'notes.txt', work, DEFAULT_LIMITS, deadline()));
    expect(err.code).toBe('import_unsupported_format');
  });
});

describe('archives', () => {
  it('refuses a zip bomb from its central directory, before extracting anything', async () => {
    const dir = await mkdtemp(path.join(work, 'bomb-'));
    const started = Date.now();
    const err = await refusal(prepareDataset(await fx.get('bomb.zip'), 'bomb.zip', dir, DEFAULT_LIMITS, deadline()));
    expect(err.code).toBe('import_archive_refused');
    expect(err.messageIn('en')).toMatch(/600 MB.*zip bomb/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops extracting an entry that inflates beyond what its directory declares', async () => {
    const dir = await mkdtemp(path.join(work, 'lying-'));
    const err = await refusal(prepareDataset(await fx.get('lying.zip'), 'lying.zip', dir, { ...DEFAULT_LIMITS, extractedBytes: 1024 * 1024 }, deadline()));
    expect(err.code).toBe('import_archive_refused');
    expect(err.messageIn('en')).toMatch(/inflate beyond/);
  });

  it('refuses a file beyond the size limit', async () => {
    const err = await refusal(prepareDataset(await fx.get('cnig.zip'), 'cnig.zip', work, { ...DEFAULT_LIMITS, uploadBytes: 1000 }, deadline()));
    expect(err.code).toBe('import_too_large');
    expect(err.status).toBe(413);
  });

  it('refuses archives with too many files', async () => {
    const dir = await mkdtemp(path.join(work, 'many-'));
    const err = await refusal(prepareDataset(await fx.get('cnig.zip'), 'cnig.zip', dir, { ...DEFAULT_LIMITS, archiveEntries: 5 }, deadline()));
    expect(err.code).toBe('import_archive_refused');
  });

  it('kills GDAL at the deadline', async () => {
    const dir = await mkdtemp(path.join(work, 'slow-'));
    const ds = await prepareDataset(await fx.get('zones-v1.geojson'), 'zones-v1.geojson', dir, DEFAULT_LIMITS, deadline());
    const err = await refusal(readLayer(ds, {}, dir, DEFAULT_LIMITS, new Deadline(1)));
    expect(err.code).toBe('import_timeout');
  });
});
