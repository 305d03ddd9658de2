// The master plan (SDAU) of the Nador urban area: the union of ten real communes around the Marchica
// lagoon, cut into large zones of intended use by the Voronoi cells of seeded points.
//
// Which use a seed gets follows the geography, in this order: near a town centre, existing urban fabric;
// near the Selouane industrial area, the industrial platform; on the Gourougou massif west of Nador, a
// protected natural area; along the sea and the lagoon, tourist coast; around the towns, urban extension;
// elsewhere farmland (with some natural land). Town centres and the two other places are approximate
// positions (a few hundred metres), enough for an illustrative plan.
import { OVERLAY_TEXT, SDAU_ZONE_TYPES, type SdauZoneTypeKey } from './catalogue.js';
import { fmt, lineWkt, makeFrame } from './frame.js';
import { MELILLA_BORDER, insertPlan, insertVersion, type Counts } from './plans.js';
import type { Rng } from './random.js';
import { densePoints, insertOverlays, insertZones, polygonizeFaces, putCommunes, putEmpty, putShore, type Db } from './sql.js';
import { insertRegulations, planCodes } from './town.js';
import { jitteredLattice } from './zones.js';

const SDAU_COMMUNES = [
  '023810105', // Nador
  '023810103', // Bni Ansar
  '023810119', // Selouane
  '023810101', // Al Aaroui
  '023810501', // Bni Bouifrour
  '023810515', // Ihaddadene
  '023810109', // Zeghanghane
  '023810509', // Bouarg
  '023810517', // Iksane
  '023810705', // Arekmane
];

/** Approximate town centres [lon, lat, radius of the existing fabric in m]. */
const TOWNS: [number, number, number][] = [
  [-2.9335, 35.1685, 2800], // Nador
  [-2.932, 35.258, 1400], // Bni Ansar
  [-2.947, 35.068, 1400], // Selouane
  [-2.997, 35.022, 1400], // Al Aaroui
  [-3.002, 35.153, 900], // Zeghanghane
];
const GOUROUGOU: [number, number] = [-2.985, 35.235];
const INDUSTRY: [number, number] = [-2.93, 35.095];
const KASBAH_SELOUANE: [number, number] = [-2.9405, 35.0705];

const FRAME = makeFrame({ lon0: -2.9335, lat0: 35.1685, rotationDeg: 0 });

export async function masterPlan(db: Db, rng: Rng, counts: Counts, log: (m: string) => void): Promise<void> {
  const r = rng.fork('sdau');
  const p = 'p:sdau';
  await putCommunes(db, p, SDAU_COMMUNES);
  await putShore(db, 'shore:sdau', SDAU_COMMUNES, MELILLA_BORDER);
  await putEmpty(db, 'na:sdau');
  const shore = (await densePoints(db, 'shore:sdau', 0.002)).map(([x, y]) => FRAME.toGrid(x, y));

  const ext = await db.query<{ x0: number; y0: number; x1: number; y1: number }>(
    `SELECT ST_XMin(geom) x0, ST_YMin(geom) y0, ST_XMax(geom) x1, ST_YMax(geom) y1 FROM seed_geom WHERE name = $1`, [p]);
  const e = ext.rows[0]!;
  const [a0, b0] = FRAME.toGrid(e.x0, e.y0);
  const [a1, b1] = FRAME.toGrid(e.x1, e.y1);
  const lattice = jitteredLattice(r, [a0 - 2000, b0 - 2000], [a1 + 2000, b1 + 2000], 2400);

  // Distances in metres, in the frame's plane.
  const towns = TOWNS.map(([x, y, radius]) => [...FRAME.toGrid(x, y), radius] as const);
  const industry = FRAME.toGrid(...INDUSTRY);
  const gourougou = FRAME.toGrid(...GOUROUGOU);
  const seeds = lattice.map(([u, v]) => {
    const town = Math.min(...towns.map(([tu, tv, radius]) => Math.hypot(u - tu, v - tv) - radius));
    const coast = shore.reduce((m, [su, sv]) => Math.min(m, Math.hypot(su - u, sv - v)), Infinity);
    const s = r.fork(`${u.toFixed(0)},${v.toFixed(0)}`);
    let key: SdauZoneTypeKey;
    if (town < 0) key = 'sdau_urban';
    else if (Math.hypot(u - industry[0], v - industry[1]) < 3000) key = 'sdau_industrial';
    else if (Math.hypot(u - gourougou[0], v - gourougou[1]) < 4500) key = 'sdau_natural';
    else if (coast < 1500) key = 'sdau_tourist';
    else if (town < 3000) key = 'sdau_extension';
    else key = s.chance(0.8) ? 'sdau_agricultural' : 'sdau_natural';
    const [lon, lat] = FRAME.toLonLat(u, v);
    return { lon: Number(lon.toFixed(8)), lat: Number(lat.toFixed(8)), key };
  });

  await db.query(
    `INSERT INTO seed_geom (name, geom)
     SELECT 'vor:sdau', ST_VoronoiLines(ST_GeomFromText($1, 4326), 0, ST_Expand(geom, 0.05)) FROM seed_geom WHERE name = $2`,
    [`MULTIPOINT(${seeds.map((s) => `(${fmt(s.lon, s.lat)})`).join(',')})`, p],
  );

  const planId = await insertPlan(db, 'ex-sdau-nador', 'master', {
    fr: 'Schéma directeur d\'aménagement urbain de l\'agglomération de Nador (exemple illustratif)',
    ar: 'مخطط توجيه التهيئة العمرانية لتجمع الناظور (مثال توضيحي)',
    en: 'Urban master plan of the Nador urban area (illustrative example)',
  }, '2008-02-04');
  const id = await insertVersion(db, planId, {
    no: 1, decreeRef: 'Décret n° 2-11-612 (exemple)', boRef: 'BO n° 6010 (exemple)', boDate: '2012-01-05',
    approvedOn: '2011-12-05', expiresOn: null, validFrom: '2012-01-05', validTo: null,
    events: [
      ['in_study', '2008-02-04', null],
      ['public_inquiry', '2010-06-14', 'Arrêté d\'ouverture de l\'enquête publique (exemple)'],
      ['approved', '2012-01-05', 'Décret n° 2-11-612 (exemple)'],
    ],
  });

  // Each face of the Voronoi diagram cut by the perimeter takes the use of its seed (the nearest one,
  // in the same plane as ST_VoronoiLines: degrees).
  const faces = await polygonizeFaces(db, p, 'na:sdau', null, 'vor:sdau', 20000);
  const keys = new Map<number, string>();
  for (const f of faces) {
    let best = seeds[0]!;
    let bestD = Infinity;
    for (const s of seeds) {
      const d = (s.lon - f.lon) ** 2 + (s.lat - f.lat) ** 2;
      if (d < bestD) {
        bestD = d;
        best = s;
      }
    }
    keys.set(f.id, best.key);
  }
  const codes = planCodes(Object.keys(SDAU_ZONE_TYPES) as SdauZoneTypeKey[]);
  const zones = await insertZones(db, id, faces, keys, codes);
  counts.plans++;
  counts.versions++;
  counts.zones += zones;
  counts.regulations += await insertRegulations(db, id, [...new Set(keys.values())], codes);

  const rocade = lineWkt([[-2.955, 35.245], [-2.962, 35.205], [-2.968, 35.15], [-2.972, 35.1], [-2.985, 35.05], [-2.996, 35.0]]);
  const powerLine = lineWkt([[-3.03, 34.99], [-2.985, 35.06], [-2.95, 35.11], [-2.905, 35.135]]);
  const rocadeText = OVERLAY_TEXT.plannedRoad(30, null);
  counts.overlays += await insertOverlays(db, id, [
    { kind: 'planned_road', code: 'R1', label: rocadeText.label, details: rocadeText.details, widthM: 30, wkt: rocade, clip: p, dim: 1 },
    { kind: 'maritime_domain', code: 'DPM', label: OVERLAY_TEXT.maritimeCoast, details: OVERLAY_TEXT.maritimeDetails, widthM: 30, geom: 'shore:sdau', bufferM: 30, clip: p, dim: 2 },
    { kind: 'no_build', code: 'NA1', label: OVERLAY_TEXT.coastStrip, details: OVERLAY_TEXT.coastStripDetails, widthM: 100, geom: 'shore:sdau', bufferM: 100, clip: p, dim: 2 },
    { kind: 'heritage', code: 'MH1', label: OVERLAY_TEXT.kasbah, details: OVERLAY_TEXT.heritageDetails, widthM: null, wkt: `POINT(${fmt(...KASBAH_SELOUANE)})`, bufferM: 80, clip: p, dim: 2 },
    { kind: 'utility_line', code: 'HT1', label: OVERLAY_TEXT.powerLine, details: OVERLAY_TEXT.powerLineDetails, widthM: 30, wkt: powerLine, clip: p, dim: 1 },
  ]);
  log(`plan ex-sdau-nador: ${zones} zones from ${seeds.length} seeds`);
}
