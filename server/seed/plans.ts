// The illustrative plans of the sample, placed on the real territory. Every plan is flagged
// illustrative and says so in its name; decree and Bulletin officiel references are marked "(exemple)".
//
//   ex-sdau-nador      master        SDAU of the Nador urban area (master.ts)
//   ex-pa-nador        development   Nador city: v1 approved 2009 (replaced 2019), v2 approved 2019 (in force)
//   ex-pr-nador-sud    restructuring a neighbourhood of Nador, inside the PA, approved 2021
//   ex-pa-driouch      development   Driouch, at public inquiry since October 2026 (not in force)
//   ex-pd-tiztoutine   growth        the rural centre of Tiztoutine, approved 2017
//   ex-pa-… / ex-pd-…  extra towns, only when more parcels are asked for than the towns above can hold
//
// Positions: town centres are chosen inside their commune polygons (Nador's centre at −2.9335, 35.1685,
// west of the Marchica lagoon; the plan's perimeter is clipped to the commune, whose polygon stops at the
// shore). Law 12-90, art. 28: a plan d'aménagement has effect for 10 years from the publication of its
// approval decree, hence expires_on.
import { cellAt } from './blocks.js';
import { OVERLAY_TEXT, ZONE_TYPES, type I18n, type Rule, type ZoneTypeKey } from './catalogue.js';
import { lineWkt, makeFrame, type FrameSpec } from './frame.js';
import type { Rng } from './random.js';
import {
  densePoints, insertOverlays, putBuffer, putCommunes, putEmpty, putIntersection, putShore, putSite, putWkt, withinMask,
  type Db, type OverlayRow,
} from './sql.js';
import {
  avenueRoads, cellRange, cellRangeWkt, insertRegulations, makeTown, planCodes, rectWkt, reservedBlocks, reservedSites,
  streetRect, wadiWkt, zoneTown, type CodeOverrides, type Town,
} from './town.js';
import { CellZoning, CITY_RINGS, VILLAGE_RINGS, type CellRange, type TownModel } from './zones.js';

export type PlanStatus = 'in_study' | 'public_inquiry' | 'approved' | 'expired' | 'annulled' | 'replaced';

export interface VersionDef {
  no: number;
  decreeRef: string | null;
  boRef: string | null;
  boDate: string | null;
  approvedOn: string | null;
  expiresOn: string | null;
  validFrom: string;
  validTo: string | null;
  events: [PlanStatus, string, string | null][];
}

/** A town that receives parcels (see parcels.ts). */
export interface Site {
  key: string;
  town: Town;
  /** Cells that may hold lots; lots are laid out from the town centre (the frame's origin) outwards. */
  range: CellRange;
  /** Cells laid out before all others (the restructuring plan's neighbourhood). */
  priority?: (i: number, j: number) => boolean;
  lotType: (i: number, j: number) => ZoneTypeKey;
  /** Share of the requested parcels. */
  share: number;
  /** Land registry suffix of the references ("TF 1234/11"): illustrative. */
  refSuffix: string;
}

export interface Counts {
  plans: number;
  versions: number;
  zones: number;
  regulations: number;
  overlays: number;
}

export const emptyCounts = (): Counts => ({ plans: 0, versions: 0, zones: 0, regulations: 0, overlays: 0 });

/** The land border with Melilla (no commune of the data set lies there), never counted as a shore. */
export const MELILLA_BORDER = 'POLYGON((-2.975 35.262,-2.915 35.262,-2.915 35.325,-2.975 35.325,-2.975 35.262))';

const ALL_TYPES = Object.keys(ZONE_TYPES) as ZoneTypeKey[];

export async function insertPlan(db: Db, code: string, kind: string, name: I18n, createdOn: string): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO plans (code, kind, name, illustrative, created_at) VALUES ($1, $2, $3, true, $4::date + time '09:00')
     RETURNING id`,
    [code, kind, JSON.stringify(name), createdOn],
  );
  return r.rows[0]!.id;
}

export async function insertVersion(db: Db, planId: number, v: VersionDef): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO plan_versions (plan_id, version_no, state, decree_ref, bo_ref, bo_date, approved_on, expires_on,
       regulation_url, documents, valid_from, valid_to, published_at)
     VALUES ($1, $2, 'published', $3, $4, $5, $6, $7, NULL, '[]', $8, $9, $8::date + time '09:00')
     RETURNING id`,
    [planId, v.no, v.decreeRef, v.boRef, v.boDate, v.approvedOn, v.expiresOn, v.validFrom, v.validTo],
  );
  const id = r.rows[0]!.id;
  await db.query(
    `INSERT INTO plan_status_events (version_id, status, effective_on, reference, recorded_at)
     SELECT $1, s::plan_status, d, ref, d + time '09:00'
     FROM unnest($2::text[], $3::date[], $4::text[]) WITH ORDINALITY AS t(s, d, ref, n) ORDER BY n`,
    [id, v.events.map((e) => e[0]), v.events.map((e) => e[1]), v.events.map((e) => e[2])],
  );
  return id;
}

const ex = (s: string) => `${s} (exemple)`;
const inquiryOpened = ex('Arrêté d\'ouverture de l\'enquête publique');

/** Distance (m, grid frame) to the nearest of a set of points, for "near the shore" rules. */
function distanceTo(town: Town, lonLat: [number, number][]): (u: number, v: number) => number {
  const pts = lonLat.map(([x, y]) => town.frame.toGrid(x, y));
  return (u, v) => pts.reduce((best, [pu, pv]) => Math.min(best, Math.hypot(pu - u, pv - v)), Infinity);
}

// ---------------------------------------------------------------------------------------------------------
// Nador: the plan d'aménagement (two versions) and the restructuring plan inside it.

const NADOR_FRAME: FrameSpec = { lon0: -2.9335, lat0: 35.1685, rotationDeg: 22 };
const NADOR_CODE = '023810105';
// Grid-metre extents (u points east-north-east, towards the lagoon; v north-north-west, along the shore).
const NADOR_V2 = { u0: -2300, u1: 2300, v0: -2000, v1: 2200 };
const NADOR_V1 = { u0: -1800, u1: 1800, v0: -1500, v1: 1700 };

function nadorModel(version: 1 | 2, shore: (u: number, v: number) => number): TownModel {
  // South-south-west (towards Selouane) lies the industrial sector; the corniche along the lagoon became a
  // tourist and green front in version 2. Version 1 was denser in the middle ring and had no R+4 zone.
  const south = -90 - NADOR_FRAME.rotationDeg;
  if (version === 1) {
    return {
      radius: 1800, seedSpacing: 450,
      rings: [
        { upTo: 0.2, mix: { centre: 8, facility: 0.4, green: 0.3 } },
        { upTo: 0.5, mix: { small_building: 6, economic: 2, facility: 0.4, green: 0.3 } },
        { upTo: 0.8, mix: { economic: 4, villa: 2, facility: 0.3, green: 0.3 } },
        { upTo: Infinity, mix: { agricultural: 5, villa: 2 } },
      ],
      sprinkle: { facility: 0.03, green: 0.02 },
      industry: { bearing: south, halfWidth: 30, from: 0.45, mix: { industrial: 1 } },
      coast: { within: 150, mix: { green: 1 }, distance: shore },
    };
  }
  return {
    radius: 2300, seedSpacing: 420,
    rings: [...CITY_RINGS.slice(0, 4), { upTo: Infinity, mix: { villa: 3, agricultural: 2, future_urban: 3, natural: 1, green: 1 } }],
    industry: { bearing: south, halfWidth: 35, from: 0.5, mix: { industrial: 6, commercial: 1, facility: 1, green: 1 } },
    coast: { within: 260, mix: { tourist: 3, green: 2 }, distance: shore },
    sprinkle: { facility: 0.035, green: 0.03 },
  };
}

/** Version 1 was stricter in the centre (R+4) and on villa lots. */
const NADOR_V1_RULES: Partial<Record<string, Partial<Rule>>> = {
  centre: { maxHeightM: 17.5, maxLevels: 5, cos: 3.4 },
  small_building: { cos: 2.6 },
  villa: { minLotAreaM2: 400, ces: 0.45 },
};

async function nador(db: Db, rng: Rng, counts: Counts, log: (m: string) => void): Promise<Site> {
  const town = makeTown('nador', NADOR_FRAME, NADOR_V2, rng);
  const { grid, frame } = town;
  await putCommunes(db, 'c:nador', [NADOR_CODE]);
  await putShore(db, 'shore:nador', [NADOR_CODE], MELILLA_BORDER);
  const shore = distanceTo(town, await densePoints(db, 'shore:nador', 0.0004));
  await putWkt(db, 'wadi:nador', wadiWkt(town, -4500, 4500, -620));
  const powerLine = lineWkt([frame.toLonLat(-3600, -1500), frame.toLonLat(3600, -2500)]);

  const planId = await insertPlan(db, 'ex-pa-nador', 'development', {
    fr: 'Plan d\'aménagement de Nador (exemple illustratif)',
    ar: 'تصميم تهيئة الناظور (مثال توضيحي)',
    en: 'Development plan of Nador (illustrative example)',
  }, '2006-09-01');
  counts.plans++;

  const versions = [
    {
      no: 1 as const, rect: NADOR_V1, strip: 15, rules: NADOR_V1_RULES, codes: { economic: 'R+2' } as CodeOverrides,
      def: {
        no: 1, decreeRef: ex('Décret n° 2-09-214'), boRef: ex('BO n° 5740'), boDate: '2009-06-01',
        approvedOn: '2009-05-18', expiresOn: '2019-06-01', validFrom: '2009-06-01', validTo: '2019-06-01',
        events: [
          ['in_study', '2006-09-01', null], ['public_inquiry', '2008-04-14', inquiryOpened],
          ['approved', '2009-06-01', ex('Décret n° 2-09-214')], ['replaced', '2019-06-01', ex('Décret n° 2-19-387')],
        ],
      } satisfies VersionDef,
    },
    {
      no: 2 as const, rect: NADOR_V2, strip: 20, rules: {}, codes: {} as CodeOverrides,
      def: {
        no: 2, decreeRef: ex('Décret n° 2-19-387'), boRef: ex('BO n° 6786'), boDate: '2019-06-01',
        approvedOn: '2019-05-15', expiresOn: '2029-06-01', validFrom: '2019-06-01', validTo: null,
        events: [
          ['in_study', '2016-01-11', null], ['public_inquiry', '2018-03-05', inquiryOpened],
          ['approved', '2019-06-01', ex('Décret n° 2-19-387')],
        ],
      } satisfies VersionDef,
    },
  ];

  // The restructuring plan's neighbourhood: 6 × 10 street cells south-west of the centre, zoned as economic
  // housing by version 2 of the PA.
  const [ic, jc] = cellAt(grid, -800, -1150)!;
  const prRange: CellRange = { i0: ic - 3, i1: ic + 2, j0: jc - 5, j1: jc + 4 };
  const inPr = (i: number, j: number) => i >= prRange.i0 && i <= prRange.i1 && j >= prRange.j0 && j <= prRange.j1;

  let v2: { id: number; typeOf: (i: number, j: number) => ZoneTypeKey; range: CellRange } | null = null;
  for (const v of versions) {
    const p = `p:nador-v${v.no}`;
    const na = `na:nador-v${v.no}`;
    await putWkt(db, `r:nador-v${v.no}`, rectWkt(frame, streetRect(grid, v.rect)));
    await putIntersection(db, p, 'c:nador', `r:nador-v${v.no}`);
    await putBuffer(db, na, { geom: 'wadi:nador' }, v.strip, p);
    const id = await insertVersion(db, planId, v.def);
    const zoning = new CellZoning(grid, nadorModel(v.no, shore), town.rng.fork(`v${v.no}`));
    const typeOf = (i: number, j: number): ZoneTypeKey => (v.no === 2 && inPr(i, j) ? 'economic' : zoning.cellType(i, j));
    const range = cellRange(grid, { u0: v.rect.u0 - 250, u1: v.rect.u1 + 250, v0: v.rect.v0 - 250, v1: v.rect.v1 + 250 });
    const codes = planCodes(ALL_TYPES, v.codes);
    const z = await zoneTown(db, town, { versionId: id, perimeter: p, na, range, typeOf, codes });
    counts.versions++;
    counts.zones += z.zones;
    counts.regulations += await insertRegulations(db, id, z.keys, codes, v.rules);

    const overlays: OverlayRow[] = [
      ...avenueRoads(town, range, p, v.no === 1 ? [20, 25] : [25, 30]),
      ...(await reservedSites(db, town, range, p, typeOf, v.no === 1 ? 6 : 10, v.no === 1 ? 3 : 6)),
      { kind: 'wadi', code: null, label: OVERLAY_TEXT.wadi, details: null, widthM: null, geom: 'wadi:nador', clip: p, dim: 1 },
      {
        kind: 'no_build', code: 'NA1', label: OVERLAY_TEXT.wadiStrip, details: OVERLAY_TEXT.wadiStripDetails(v.strip),
        widthM: 2 * v.strip, geom: na, clip: null, dim: 2,
      },
    ];
    if (v.no === 2) {
      overlays.push(
        {
          kind: 'no_build', code: 'NA2', label: OVERLAY_TEXT.coastStrip, details: OVERLAY_TEXT.coastStripDetails,
          widthM: 100, geom: 'shore:nador', bufferM: 100, clip: p, dim: 2,
        },
        { kind: 'flood_zone', code: 'ZIN1', label: OVERLAY_TEXT.flood, details: OVERLAY_TEXT.floodDetails, widthM: null, geom: 'wadi:nador', bufferM: 90, clip: p, dim: 2 },
        {
          kind: 'maritime_domain', code: 'DPM', label: OVERLAY_TEXT.maritime, details: OVERLAY_TEXT.maritimeDetails,
          widthM: 30, geom: 'shore:nador', bufferM: 30, clip: p, dim: 2,
        },
        { kind: 'utility_line', code: 'HT1', label: OVERLAY_TEXT.powerLine, details: OVERLAY_TEXT.powerLineDetails, widthM: 30, wkt: powerLine, clip: p, dim: 1 },
        ...(await reservedBlocks(db, town, range, p, typeOf, {
          type: 'centre', count: 2, prefix: 'MH', kind: 'heritage', labels: [OVERLAY_TEXT.heritage], details: OVERLAY_TEXT.heritageDetails,
        })),
        ...(await reservedBlocks(db, town, range, p, typeOf, {
          type: 'economic', count: 1, prefix: 'C', kind: 'cemetery', labels: [OVERLAY_TEXT.cemetery], details: OVERLAY_TEXT.cemeteryDetails,
        })),
      );
      v2 = { id, typeOf, range };
    }
    counts.overlays += await insertOverlays(db, id, overlays);
    log(`plan ex-pa-nador v${v.no}: ${z.zones} zones`);
  }
  if (!v2) throw new Error('unreachable');

  const pr = await restructuring(db, town, prRange, counts, log);
  const v2Type = v2.typeOf;
  await putSite(db, 'nador', v2.id, NADOR_CODE);
  return {
    key: 'nador', town, range: v2.range, priority: inPr, share: 0.7, refSuffix: '11',
    lotType: (i, j) => (inPr(i, j) ? pr.typeOf(i, j) : v2Type(i, j)),
  };
}

/** The restructuring plan on a range of street cells of Nador, inside the PA. */
async function restructuring(db: Db, town: Town, range: CellRange, counts: Counts, log: (m: string) => void) {
  const ic = range.i0 + 3;
  const jc = range.j0 + 5;
  const p = 'p:nador-pr';
  await putWkt(db, p, cellRangeWkt(town, range));
  const [inside] = await withinMask(db, [cellRangeWkt(town, range)], 'p:nador-v2');
  if (!inside) throw new Error('the restructuring plan must lie inside the plan d\'aménagement of Nador');
  await putBuffer(db, 'na:nador-pr', { geom: 'wadi:nador' }, 20, p);

  // Restructured housing, with what restructuring brings to an under-equipped neighbourhood: two blocks of
  // public facilities and a garden.
  const special = new Map<string, ZoneTypeKey>([
    [String([ic, jc]), 'facility'], [String([ic + 1, jc - 3]), 'facility'], [String([ic - 2, jc + 2]), 'green'],
  ]);
  const typeOf = (i: number, j: number): ZoneTypeKey => special.get(String([i, j])) ?? 'restructured';

  const planId = await insertPlan(db, 'ex-pr-nador-sud', 'restructuring', {
    fr: 'Plan de restructuration d\'un quartier de Nador (exemple illustratif)',
    ar: 'تصميم إعادة هيكلة حي بالناظور (مثال توضيحي)',
    en: 'Restructuring plan of a Nador neighbourhood (illustrative example)',
  }, '2019-10-01');
  const id = await insertVersion(db, planId, {
    no: 1, decreeRef: ex('Arrêté n° 1530-21'), boRef: ex('BO n° 7032'), boDate: '2021-10-14',
    approvedOn: '2021-09-13', expiresOn: null, validFrom: '2021-10-14', validTo: null,
    events: [['in_study', '2019-10-01', null], ['public_inquiry', '2020-11-16', inquiryOpened], ['approved', '2021-10-14', ex('Arrêté n° 1530-21')]],
  });
  const codes = planCodes(['restructured', 'facility', 'green', 'no_build']);
  const z = await zoneTown(db, town, { versionId: id, perimeter: p, na: 'na:nador-pr', range, typeOf, codes });
  counts.plans++;
  counts.versions++;
  counts.zones += z.zones;
  counts.regulations += await insertRegulations(db, id, z.keys, codes);
  // New alignments: the two streets through the middle widened to 15 m.
  const { grid, frame } = town;
  const [u0, u1, v0, v1] = [grid.u[range.i0]!, grid.u[range.i1 + 1]!, grid.v[range.j0]!, grid.v[range.j1 + 1]!];
  const widen = (a: [number, number], b: [number, number], existing: number, code: string): OverlayRow => {
    const t = OVERLAY_TEXT.plannedRoad(15, existing);
    return { kind: 'planned_road', code, label: t.label, details: t.details, widthM: 15, wkt: lineWkt([frame.toLonLat(...a), frame.toLonLat(...b)]), clip: p, dim: 1 };
  };
  counts.overlays += await insertOverlays(db, id, [
    widen([grid.u[ic]!, v0], [grid.u[ic]!, v1], grid.uWidth[ic]!, 'V#'),
    widen([u0, grid.v[jc]!], [u1, grid.v[jc]!], grid.vWidth[jc]!, 'V#'),
    ...(await reservedSites(db, town, range, p, typeOf, 2, 1)),
  ]);
  log(`plan ex-pr-nador-sud: ${z.zones} zones`);
  return { typeOf };
}

// ---------------------------------------------------------------------------------------------------------
// Single-version towns: Driouch (PA at public inquiry), Tiztoutine (growth plan) and the extra towns.

export interface TownPlanDef {
  key: string;
  planCode: string;
  kind: 'development' | 'growth';
  name: I18n;
  communeCode: string;
  frame: FrameSpec;
  rect: { u0: number; u1: number; v0: number; v1: number };
  model: TownModel;
  keys: readonly ZoneTypeKey[];
  codes: CodeOverrides;
  version: VersionDef;
  /** Zone types imposed on the cells at these grid positions (m): the souk and the public buildings of a centre. */
  forced?: [number, number, ZoneTypeKey][];
  /** A wadi across the town at this v (grid metres) with a no-build strip of `strip` m each side. */
  wadi: { v: number; strip: number } | null;
  facilities: number;
  greens: number;
  share: number;
  refSuffix: string;
}

export async function townPlan(db: Db, rng: Rng, d: TownPlanDef, counts: Counts, log: (m: string) => void): Promise<Site> {
  const town = makeTown(d.key, d.frame, d.rect, rng);
  const p = `p:${d.key}`;
  const na = `na:${d.key}`;
  await putCommunes(db, `c:${d.key}`, [d.communeCode]);
  await putWkt(db, `r:${d.key}`, rectWkt(town.frame, streetRect(town.grid, d.rect)));
  await putIntersection(db, p, `c:${d.key}`, `r:${d.key}`);
  if (d.wadi) {
    await putWkt(db, `wadi:${d.key}`, wadiWkt(town, d.rect.u0 - 1500, d.rect.u1 + 1500, d.wadi.v));
    await putBuffer(db, na, { geom: `wadi:${d.key}` }, d.wadi.strip, p);
  } else {
    await putEmpty(db, na);
  }
  const planId = await insertPlan(db, d.planCode, d.kind, d.name, d.version.events[0]![1]);
  const id = await insertVersion(db, planId, d.version);
  const zoning = new CellZoning(town.grid, d.model, town.rng.fork('v1'));
  const forced = new Map((d.forced ?? []).map(([u, v, type]) => [String(cellAt(town.grid, u, v)), type]));
  const typeOf = (i: number, j: number) => forced.get(String([i, j])) ?? zoning.cellType(i, j);
  const range = cellRange(town.grid, { u0: d.rect.u0 - 250, u1: d.rect.u1 + 250, v0: d.rect.v0 - 250, v1: d.rect.v1 + 250 });
  const codes = planCodes([...d.keys, 'no_build'], d.codes);
  const z = await zoneTown(db, town, { versionId: id, perimeter: p, na, range, typeOf, codes });
  counts.plans++;
  counts.versions++;
  counts.zones += z.zones;
  counts.regulations += await insertRegulations(db, id, z.keys, codes);
  const overlays: OverlayRow[] = [
    ...avenueRoads(town, range, p, [20, 25]),
    ...(await reservedSites(db, town, range, p, typeOf, d.facilities, d.greens)),
  ];
  if (d.wadi) {
    overlays.push(
      { kind: 'wadi', code: null, label: OVERLAY_TEXT.wadi, details: null, widthM: null, geom: `wadi:${d.key}`, clip: p, dim: 1 },
      {
        kind: 'no_build', code: 'NA1', label: OVERLAY_TEXT.wadiStrip, details: OVERLAY_TEXT.wadiStripDetails(d.wadi.strip),
        widthM: 2 * d.wadi.strip, geom: na, clip: null, dim: 2,
      },
      { kind: 'flood_zone', code: 'ZIN1', label: OVERLAY_TEXT.flood, details: OVERLAY_TEXT.floodDetails, widthM: null, geom: `wadi:${d.key}`, bufferM: 70, clip: p, dim: 2 },
    );
  }
  counts.overlays += await insertOverlays(db, id, overlays);
  await putSite(db, d.key, id, d.communeCode);
  log(`plan ${d.planCode}: ${z.zones} zones`);
  return { key: d.key, town, range, lotType: typeOf, share: d.share, refSuffix: d.refSuffix };
}

const driouch: TownPlanDef = {
  key: 'driouch', planCode: 'ex-pa-driouch', kind: 'development', communeCode: '021670109',
  name: {
    fr: 'Plan d\'aménagement de Driouch (exemple illustratif)',
    ar: 'تصميم تهيئة الدريوش (مثال توضيحي)',
    en: 'Development plan of Driouch (illustrative example)',
  },
  frame: { lon0: -3.3855, lat0: 34.9745, rotationDeg: 8 },
  rect: { u0: -1500, u1: 1500, v0: -1250, v1: 1250 },
  model: {
    radius: 1500, seedSpacing: 340, rings: CITY_RINGS, sprinkle: { facility: 0.035, green: 0.03 },
    industry: { bearing: 0, halfWidth: 35, from: 0.55, mix: { industrial: 4, commercial: 1, facility: 1 } },
  },
  keys: ['centre', 'apartment', 'small_building', 'economic', 'twin_villa', 'villa', 'commercial', 'industrial', 'facility', 'green', 'agricultural', 'future_urban'],
  // Driouch's plan has its own codes, as real plans do.
  codes: { centre: 'ZC', economic: 'R+2', twin_villa: 'V2', villa: 'V1', commercial: 'ZAE' },
  version: {
    no: 1, decreeRef: null, boRef: null, boDate: null, approvedOn: null, expiresOn: null, validFrom: '2026-10-05', validTo: null,
    events: [['in_study', '2023-03-06', null], ['public_inquiry', '2026-10-05', inquiryOpened]],
  },
  wadi: { v: 350, strip: 20 },
  facilities: 6, greens: 3, share: 0.23, refSuffix: '12',
};

const tiztoutine: TownPlanDef = {
  key: 'tiztoutine', planCode: 'ex-pd-tiztoutine', kind: 'growth', communeCode: '023810717',
  name: {
    fr: 'Plan de développement du centre de Tiztoutine (exemple illustratif)',
    ar: 'تصميم نمو مركز تيزطوطين (مثال توضيحي)',
    en: 'Growth plan of the Tiztoutine centre (illustrative example)',
  },
  frame: { lon0: -3.137, lat0: 34.966, rotationDeg: -12 },
  rect: { u0: -650, u1: 650, v0: -600, v1: 600 },
  model: { radius: 700, seedSpacing: 240, rings: VILLAGE_RINGS, sprinkle: { facility: 0.04, green: 0.02 } },
  keys: ['rural_housing', 'souk', 'facility', 'green', 'agricultural', 'future_urban', 'natural'],
  codes: { agricultural: 'ZA', future_urban: 'ZEF' },
  forced: [[180, 60, 'souk'], [-120, 150, 'facility'], [60, -200, 'facility'], [-250, -60, 'facility'], [300, 260, 'green']],
  version: {
    no: 1, decreeRef: ex('Décision d\'homologation n° 812-17'), boRef: ex('BO n° 6560'), boDate: '2017-04-20',
    approvedOn: '2017-03-20', expiresOn: null, validFrom: '2017-04-20', validTo: null,
    events: [['in_study', '2014-05-12', null], ['public_inquiry', '2016-02-15', inquiryOpened], ['approved', '2017-04-20', ex('Décision d\'homologation n° 812-17')]],
  },
  wadi: { v: -260, strip: 15 },
  facilities: 4, greens: 1, share: 0.07, refSuffix: '11',
};

/** Nador's PA and restructuring plan, Driouch's PA and Tiztoutine's growth plan, as parcel sites. */
export async function townPlans(db: Db, rng: Rng, counts: Counts, log: (m: string) => void): Promise<Site[]> {
  return [await nador(db, rng, counts, log), await townPlan(db, rng, driouch, counts, log), await townPlan(db, rng, tiztoutine, counts, log)];
}

// ---------------------------------------------------------------------------------------------------------
// Extra towns for large samples (benchmarks): one plan per commune, in this order, sized to what is missing.

const EXTRA_FIRST = ['023810103', '023810119', '023810101', '023810107', '022650103', '021670113', '021670103', '023810109', '023810115'];
const BASE_COMMUNES = new Set([NADOR_CODE, driouch.communeCode, tiztoutine.communeCode]);
/** Gross area of the town per parcel, streets, facilities and empty zones included (m²), measured on Nador. */
export const GROSS_M2_PER_PARCEL = 900;

export async function extraTownPlan(db: Db, rng: Rng, index: number, missing: number, counts: Counts, log: (m: string) => void): Promise<Site | null> {
  const all = await db.query<{ code: string; fr: string; ar: string; province_code: string; x: number; y: number; box: [number, number][] }>(
    `SELECT code, name->>'fr' fr, name->>'ar' ar, province_code, ST_X(p) x, ST_Y(p) y,
            json_build_array(json_build_array(ST_XMin(geom_4326), ST_YMin(geom_4326)), json_build_array(ST_XMax(geom_4326), ST_YMin(geom_4326)),
                             json_build_array(ST_XMax(geom_4326), ST_YMax(geom_4326)), json_build_array(ST_XMin(geom_4326), ST_YMax(geom_4326))) box
     FROM communes, LATERAL ST_PointOnSurface(geom_4326) p ORDER BY code`,
  );
  const order = [...EXTRA_FIRST, ...all.rows.map((c) => c.code).filter((c) => !EXTRA_FIRST.includes(c))].filter((c) => !BASE_COMMUNES.has(c));
  const code = order[index];
  const c = all.rows.find((x) => x.code === code);
  if (!c) return null;
  const r = rng.fork(`extra${index}`);
  const half = Math.min(20000, Math.max(800, Math.sqrt(missing * GROSS_M2_PER_PARCEL * 1.3) / 2));
  const frame: FrameSpec = { lon0: c.x, lat0: c.y, rotationDeg: r.range(-35, 35) };
  // The square, but no larger than the commune (its bounding box in the town's rotated frame).
  const corners = c.box.map(([x, y]) => makeFrame(frame).toGrid(x, y));
  const rect = {
    u0: Math.max(-half, Math.min(...corners.map((p) => p[0]))), u1: Math.min(half, Math.max(...corners.map((p) => p[0]))),
    v0: Math.max(-half, Math.min(...corners.map((p) => p[1]))), v1: Math.min(half, Math.max(...corners.map((p) => p[1]))),
  };
  const municipality = code!.slice(5, 7) === '01';
  const de = /^[AEIOUY]/i.test(c.fr) ? 'd\'' : 'de ';
  const slug = c.fr.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const year = 2017 + (index % 9);
  const approved = `${year}-0${1 + (index % 9)}-15`;
  const decree = ex(`${municipality ? 'Décret' : 'Décision d\'homologation'} n° 2-${String(year).slice(2)}-${100 + index}`);
  const def: TownPlanDef = {
    key: `x-${slug}`, communeCode: c.code, share: 1, refSuffix: { '381': '11', '167': '12', '265': '13' }[c.province_code] ?? '11',
    planCode: `ex-${municipality ? 'pa' : 'pd'}-${slug}`,
    kind: municipality ? 'development' : 'growth',
    name: municipality
      ? { fr: `Plan d'aménagement ${de}${c.fr} (exemple illustratif)`, ar: `تصميم تهيئة ${c.ar} (مثال توضيحي)`, en: `Development plan of ${c.fr} (illustrative example)` }
      : { fr: `Plan de développement du centre ${de}${c.fr} (exemple illustratif)`, ar: `تصميم نمو مركز ${c.ar} (مثال توضيحي)`, en: `Growth plan of the ${c.fr} centre (illustrative example)` },
    frame, rect,
    model: {
      radius: half, seedSpacing: Math.min(900, Math.max(340, half / 6)), rings: CITY_RINGS, sprinkle: { facility: 0.03, green: 0.03 },
      industry: { bearing: r.range(-180, 180), halfWidth: 30, from: 0.55, mix: { industrial: 4, commercial: 1, facility: 1 } },
    },
    keys: ['centre', 'apartment', 'small_building', 'economic', 'twin_villa', 'villa', 'commercial', 'industrial', 'facility', 'green', 'agricultural', 'future_urban'],
    codes: {},
    version: {
      no: 1, decreeRef: decree, boRef: ex(`BO n° ${6500 + index * 7}`), boDate: approved,
      approvedOn: approved, expiresOn: municipality ? `${year + 10}${approved.slice(4)}` : null, validFrom: approved, validTo: null,
      events: [['in_study', `${year - 3}-02-01`, null], ['public_inquiry', `${year - 1}-05-02`, inquiryOpened], ['approved', approved, decree]],
    },
    wadi: null, facilities: 6, greens: 3,
  };
  return townPlan(db, rng, def, counts, log);
}
