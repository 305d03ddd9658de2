// The planners' workspace's pure logic: the layer's attributes, the mapping's first guess (CNIG template,
// usual names), the upload's fields, the rules form ⇄ the regulation the drafts API takes, the viewer link,
// and a zipped Shapefile's fields read from its .dbf (on the project's real fixtures, made with GDAL).
import { readFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbfFieldNames, shapefileFields, zoningDbf } from '../../client/planner/dbf.js';
import { viewerLink } from '../../client/planner/links.js';
import { fieldsFromDetails, fileFormat, geojsonFields, importFields, suggestMapping } from '../../client/planner/mapping.js';
import { bodyOf, formOf, pairLines, parseNumber } from '../../client/planner/rules.js';
import type { Regulation } from '../../server/shared/schemas.js';
import type { FixtureName } from '../fixtures/make-fixtures.js';
import { fixtureDir } from '../imports/helpers.js';

describe('the layer attributes', () => {
  it('reads the property names of a FeatureCollection in the order first met', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { CODE: 'UA', NOM_FR: 'Centre' }, geometry: null },
        { type: 'Feature', properties: null, geometry: null },
        { type: 'Feature', properties: { CODE: 'R+4', NOM_AR: 'عمارات' }, geometry: null },
      ],
    });
    expect(geojsonFields(text)).toEqual(['CODE', 'NOM_FR', 'NOM_AR']);
  });

  it('leaves to the server what is not a FeatureCollection', () => {
    expect(geojsonFields('not json')).toBeNull();
    expect(geojsonFields('{"type":"Feature","properties":{}}')).toBeNull();
    expect(geojsonFields('{"type":"FeatureCollection"}')).toBeNull();
  });

  it('takes the fields an import_field_missing answer lists', () => {
    expect(fieldsFromDetails({ importId: 3, fields: ['CODE', 'NOM'] })).toEqual(['CODE', 'NOM']);
    expect(fieldsFromDetails({ importId: 3 })).toBeNull();
    expect(fieldsFromDetails({ fields: [1, 2] })).toBeNull();
    expect(fieldsFromDetails(null)).toBeNull();
  });

  it('knows the formats by name', () => {
    expect(fileFormat('Zonage.GeoJSON')).toBe('geojson');
    expect(fileFormat('pa.zip')).toBe('shapefile');
    expect(fileFormat('pa.gpkg')).toBe('geopackage');
    expect(fileFormat('pa.dwg')).toBeNull();
  });
});

describe('the mapping', () => {
  it('pre-fills the CNIG ZONE_URBA template, in the case the layer writes', () => {
    expect(suggestMapping(['IDURBA', 'libelle', 'libelong', 'typezone', 'DESTDOMI'])).toEqual({
      codeField: 'libelle', labelFrField: 'libelong', labelArField: '', cnig: true,
    });
  });

  it('guesses the usual names of consultants’ files', () => {
    expect(suggestMapping(['ID', 'CODE', 'NOM_FR', 'NOM_AR'])).toEqual({ codeField: 'CODE', labelFrField: 'NOM_FR', labelArField: 'NOM_AR', cnig: false });
    expect(suggestMapping(['zone', 'nom'])).toEqual({ codeField: 'zone', labelFrField: 'nom', labelArField: '', cnig: false });
    // LIBELLE without TYPEZONE is not CNIG: it is then the code, and never the label too.
    expect(suggestMapping(['LIBELLE', 'SURFACE'])).toEqual({ codeField: 'LIBELLE', labelFrField: '', labelArField: '', cnig: false });
    expect(suggestMapping(['A', 'B'])).toEqual({ codeField: '', labelFrField: '', labelArField: '', cnig: false });
  });

  it('sends the choices made, and nothing for what was left empty', () => {
    const mapping = { codeField: 'CODE', labelFrField: 'NOM_FR', labelArField: '', cnig: false };
    expect(importFields({ planCode: '', kind: 'development', name: ' PA de Selouane ', nameAr: '', mapping })).toEqual({
      target: 'zones', kind: 'development', template: 'none', name: 'PA de Selouane', codeField: 'CODE', labelFrField: 'NOM_FR',
    });
    expect(importFields({ planCode: '', kind: 'master', name: 'SDAU', nameAr: 'المخطط', mapping: { ...mapping, cnig: true } })).toMatchObject({ template: 'cnig', nameAr: 'المخطط' });
  });

  it('makes a new version of an existing plan by its code, keeping its kind and names', () => {
    const mapping = { codeField: 'CODE', labelFrField: '', labelArField: 'NOM_AR', cnig: false };
    expect(importFields({ planCode: 'pa-selouane', kind: 'development', name: 'ignored', nameAr: 'ignored', mapping })).toEqual({
      target: 'zones', template: 'none', planCode: 'pa-selouane', codeField: 'CODE', labelArField: 'NOM_AR',
    });
  });
});

const REG: Regulation = {
  zoneCode: 'UA',
  allowedUses: [{ ar: 'سكن', fr: 'Habitat' }, { ar: 'تجارة', fr: 'Commerce' }],
  forbiddenUses: [],
  maxHeightM: 15.5, maxLevels: 4, cos: 2.4, ces: 0.6, minLotAreaM2: null, minFrontageM: 10,
  setbacks: { frontM: 4, sideM: null, rearM: 3 },
  parking: { ar: 'موقف لكل مسكن', fr: 'Une place par logement' },
  remarks: null,
  articleRef: 'Art. 12',
};

describe('the rules form', () => {
  it('reads numbers with a decimal comma or point, and nothing else', () => {
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber(' 0.6 ')).toBe(0.6);
    expect(parseNumber('1 200')).toBe(1200);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('-3')).toBeUndefined();
    expect(parseNumber('R+4')).toBeUndefined();
    expect(parseNumber('1e3')).toBeUndefined();
  });

  it('pairs Arabic and French lines by rank and drops empty pairs', () => {
    expect(pairLines('سكن\n\nتجارة', 'Habitat\n\nCommerce\nBureaux')).toEqual([
      { ar: 'سكن', fr: 'Habitat' }, { ar: 'تجارة', fr: 'Commerce' }, { ar: '', fr: 'Bureaux' },
    ]);
  });

  it('gives back the regulation it was made from', () => {
    const out = bodyOf(formOf(REG));
    expect(out).toEqual({ ok: true, body: { ...REG, zoneCode: undefined } });
  });

  it('starts empty for a code without rules, and an empty form states nothing', () => {
    const out = bodyOf(formOf(null));
    expect(out).toEqual({
      ok: true,
      body: {
        allowedUses: [], forbiddenUses: [], maxHeightM: null, maxLevels: null, cos: null, ces: null, minLotAreaM2: null, minFrontageM: null,
        setbacks: { frontM: null, sideM: null, rearM: null }, parking: null, remarks: null, articleRef: null,
      },
    });
  });

  it('names the fields that are not numbers in the API’s range', () => {
    const form = { ...formOf(REG), ces: '1,2', maxLevels: '3.5', maxHeightM: 'haut', cos: '2' };
    expect(bodyOf(form)).toEqual({ ok: false, invalid: ['maxHeightM', 'maxLevels', 'ces'] });
  });
});

describe('the viewer link', () => {
  it('centres the viewer on the plan, in the page language', () => {
    expect(viewerLink([-3.3, 34.54, -3.29, 34.55], 'ar')).toBe('/#map=17/34.54500/-3.29500&lang=ar');
    expect(viewerLink(null, 'fr')).toBe('/#lang=fr');
  });
});

/** A zip of one deflated entry (no CRC: the page's reader does not check it, the server's does). */
function zipOf(name: string, deflated: Buffer): Buffer {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + n.length, 12);
  eocd.writeUInt32LE(30 + n.length + deflated.length, 16);
  return Buffer.concat([local, n, deflated, central, n, eocd]);
}

describe('the attributes of a zipped Shapefile, read in the page', () => {
  let fx: Awaited<ReturnType<typeof fixtureDir>>;
  beforeAll(async () => {
    fx = await fixtureDir();
  });
  afterAll(async () => fx?.remove());
  const bytes = async (name: FixtureName) => new Blob([new Uint8Array(await readFile(await fx.get(name)))]);

  it('reads the field names of the .dbf of a real Shapefile', async () => {
    expect(await shapefileFields(await bytes('zones-1256.zip'))).toEqual(['CODE', 'NOM_FR', 'NOM_AR']);
  });

  it('reads the CNIG zoning layer of an archive that holds two', async () => {
    const fields = await shapefileFields(await bytes('cnig.zip'));
    expect(fields).toEqual(expect.arrayContaining(['IDURBA', 'LIBELLE', 'LIBELONG', 'TYPEZONE']));
    expect(suggestMapping(fields!)).toMatchObject({ codeField: 'LIBELLE', labelFrField: 'LIBELONG', cnig: true });
  });

  it('reads the header of a .dbf whose records are huge, without waiting for them', async () => {
    // A .dbf of one field, CODE, followed by 64 MB of zeros, deflated to some 64 kilobytes.
    const header = Buffer.alloc(65);
    header[8] = 65;
    header.write('CODE', 32, 'latin1');
    header[64] = 0x0d;
    const data = deflateRawSync(Buffer.concat([header, Buffer.alloc(64 * 1024 * 1024)]), { level: 9 });
    const started = Date.now();
    expect(await shapefileFields(new Blob([new Uint8Array(zipOf('zones.dbf', data))]))).toEqual(['CODE']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('leaves to the server what it does not read', async () => {
    expect(await shapefileFields(new Blob([Buffer.from('not a zip')]))).toBeNull();
    expect(zoningDbf(['a/zones.dbf', '__MACOSX/a/._zones.dbf'])).toBe('a/zones.dbf');
    expect(zoningDbf(['a.dbf', 'b.dbf'])).toBeNull();
  });

  it('refuses a header that is not plain dBASE', () => {
    const header = new Uint8Array(65);
    header[8] = 65;
    header.set([0x4e, 0xc9, 0x4d], 32); // "NÉM" in Latin-1: GDAL may recode it, the server knows
    header[64] = 0x0d;
    expect(dbfFieldNames(header)).toBeNull();
    header.set([0x4e, 0x4f, 0x4d], 32);
    expect(dbfFieldNames(header)).toEqual(['NOM']);
  });
});
