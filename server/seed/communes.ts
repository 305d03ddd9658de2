// The 56 real communes of the agency's territory (provinces of Nador, Driouch and Guercif), from
// data/communes.geojson (OpenStreetMap boundaries, ODbL, see data/SOURCE.md).
//
// The file gives the French name; the Arabic names below were added by the project (see data/SOURCE.md
// for the ones that are transliterations still to be checked against the official list). Geometry is
// checked and repaired in PostGIS: one commune (Bni Ansar, 023810103) is published as an invalid polygon
// (a self-intersection); ST_MakeValid repairs it, keeping only its polygonal parts. A feature that cannot
// be used at all is skipped and logged, never a crash.
import { readFile } from 'node:fs/promises';
import type { Db } from './sql.js';

export const COMMUNES_FILE = new URL('../../data/communes.geojson', import.meta.url);

/** Arabic names by HCP code. */
export const ARABIC_NAMES: Readonly<Record<string, string>> = {
  // Province of Nador
  '023810101': 'العروي',
  '023810103': 'بني انصار',
  '023810105': 'الناظور',
  '023810107': 'زايو',
  '023810109': 'زغنغن',
  '023810115': 'رأس الماء',
  '023810119': 'سلوان',
  '023810501': 'بني بويفرور',
  '023810503': 'بني شيكر',
  '023810505': 'بني سيدال الجبل',
  '023810507': 'بني سيدال لوطا',
  '023810509': 'بوعرك',
  '023810513': 'إعزانن',
  '023810515': 'إحدادن',
  '023810517': 'إكسان',
  '023810701': 'أفسو',
  '023810703': 'البركانيين',
  '023810705': 'أركمان',
  '023810707': 'بني وكيل أولاد امحند',
  '023810709': 'حاسي بركان',
  '023810711': 'أولاد داود الزخانين',
  '023810713': 'أولاد ستوت',
  '023810717': 'تيزطوطين',
  // Province of Driouch
  '021670103': 'بن الطيب',
  '021670109': 'الدريوش',
  '021670113': 'ميضار',
  '021671105': 'بني مرغنين',
  '021671107': 'بودينار',
  '021671111': 'إجرماواس',
  '021671119': 'أولاد امغار',
  '021671125': 'تمسمان',
  '021671127': 'تروكوت',
  '021671301': 'أزلاف',
  '021671309': 'إفرني',
  '021671315': 'امهاجر',
  '021671317': 'وردانة',
  '021671321': 'تفرسيت',
  '021671323': 'تليليت',
  '021671329': 'تسافت',
  '021671503': 'آيت مايت',
  '021671505': 'أمجاو',
  '021671507': 'دار الكبداني',
  '021671513': 'تازاغين',
  '021671701': 'عين الزهرة',
  '021671709': 'امطالسة',
  '021671711': 'أولاد بوبكر',
  // Province of Guercif
  '022650103': 'جرسيف',
  '022650501': 'أسبابو',
  '022650503': 'بركين',
  '022650505': 'هوارة أولاد رحو',
  '022650507': 'لمريجة',
  '022650515': 'صاكة',
  '022650709': 'مزكيتام',
  '022650711': 'أولاد بوريمة',
  '022650713': 'راس لقصر',
  '022650717': 'تادرت',
};

export const ARABIC_PROVINCES: Readonly<Record<string, string>> = { Nador: 'الناظور', Driouch: 'الدريوش', Guercif: 'جرسيف' };

interface Feature {
  type: string;
  properties?: Record<string, unknown> | null;
  geometry?: { type: string } | null;
}

export interface CommunesResult {
  inserted: number;
  repaired: string[];
  skipped: string[];
}

/** Inserts the communes of `file` in batches; returns the codes repaired and skipped. */
export async function loadCommunes(db: Db, log: (m: string) => void, file: URL = COMMUNES_FILE): Promise<CommunesResult> {
  const fc = JSON.parse(await readFile(file, 'utf8')) as { features?: Feature[] };
  const rows: { code: string; fr: string; ar: string; pc: string; p: string; gj: string }[] = [];
  const skipped: string[] = [];
  for (const f of fc.features ?? []) {
    const p = f.properties ?? {};
    const code = String(p['code'] ?? '');
    const fr = typeof p['name'] === 'string' ? p['name'] : '';
    const geom = f.geometry;
    if (!/^\d{9}$/.test(code) || !fr || !geom || !['Polygon', 'MultiPolygon'].includes(geom.type)) {
      skipped.push(code || '(no code)');
      log(`commune skipped: ${code || '(no code)'} has no usable code, name or polygon`);
      continue;
    }
    const ar = ARABIC_NAMES[code] ?? fr;
    rows.push({ code, fr, ar, pc: String(p['province_code'] ?? ''), p: String(p['province'] ?? ''), gj: JSON.stringify(geom) });
  }
  rows.sort((a, b) => a.code.localeCompare(b.code));

  const repaired: string[] = [];
  let inserted = 0;
  for (let k = 0; k < rows.length; k += 16) {
    const batch = rows.slice(k, k + 16);
    // Parse, then repair what is invalid; keep only polygons; skip what is left empty.
    const r = await db.query<{ code: string; valid: boolean; empty: boolean }>(
      `WITH src AS (
         SELECT t.*, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(t.gj), 4326)) g0
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
              AS t(code, fr, ar, pc, p, gj, n)
       ), fixed AS (
         SELECT src.*, ST_IsValid(g0) valid,
                ST_Multi(CASE WHEN ST_IsValid(g0) THEN g0 ELSE ST_CollectionExtract(ST_MakeValid(g0), 3) END) g
         FROM src
       ), ins AS (
         INSERT INTO communes (code, name, province_code, province, geom_4326)
         SELECT code, jsonb_build_object('ar', ar, 'fr', fr), pc, p, g FROM fixed
         WHERE NOT ST_IsEmpty(g) AND ST_IsValid(g)
         ORDER BY n
         RETURNING code
       )
       SELECT code, valid, ST_IsEmpty(g) OR NOT ST_IsValid(g) AS empty FROM fixed ORDER BY n`,
      [batch.map((x) => x.code), batch.map((x) => x.fr), batch.map((x) => x.ar), batch.map((x) => x.pc),
        batch.map((x) => x.p), batch.map((x) => x.gj)],
    );
    for (const row of r.rows) {
      if (row.empty) {
        skipped.push(row.code);
        log(`commune ${row.code} skipped: no valid polygon left after repair`);
      } else {
        inserted++;
        if (!row.valid) {
          repaired.push(row.code);
          log(`commune ${row.code} was an invalid polygon: repaired with ST_MakeValid`);
        }
      }
    }
  }
  return { inserted, repaired, skipped };
}
