// One town and the plan versions drawn on it: the street grid, the perimeter, zones, regulations and the
// overlays that follow the streets (planned roads on avenues, reserved sites on blocks). Used for the
// plans d'aménagement, the growth plan, the restructuring plan and the extra towns of large samples.
import { blockRect, cellAt, columns, makeGrid, rows, type Grid, type Rect } from './blocks.js';
import { FACILITIES, OVERLAY_TEXT, zoneType, type AnyZoneTypeKey, type I18n, type Rule, type ZoneTypeKey } from './catalogue.js';
import { fmt, lineWkt, makeFrame, polygonWkt, type Frame, type FrameSpec } from './frame.js';
import type { Rng } from './random.js';
import { insertZones, polygonizeFaces, withinMask, type Db, type OverlayRow, type ZoneCode } from './sql.js';
import { zoneBoundaryWkt, type CellRange } from './zones.js';

export interface Town {
  key: string;
  frame: Frame;
  grid: Grid;
  rng: Rng;
}

/** A town's frame and a street grid covering `extent` (grid metres) plus a margin. */
export function makeTown(key: string, spec: FrameSpec, extent: Rect, rng: Rng): Town {
  const r = rng.fork(`town:${key}`);
  const m = 400;
  const grid = makeGrid(r.fork('grid'), { u0: extent.u0 - m, u1: extent.u1 + m, v0: extent.v0 - m, v1: extent.v1 + m });
  return { key, frame: makeFrame(spec), grid, rng: r };
}

/** The cells that overlap a grid-metre rectangle. */
export function cellRange(grid: Grid, r: Rect): CellRange {
  const first = (a: number[], x: number) => Math.max(0, a.findIndex((p) => p >= x) - 1);
  const last = (a: number[], x: number) => {
    const k = a.findIndex((p) => p > x);
    return k < 0 ? a.length - 2 : Math.max(0, k - 1);
  };
  return {
    i0: first(grid.u, r.u0),
    i1: Math.min(columns(grid) - 1, last(grid.u, r.u1)),
    j0: first(grid.v, r.v0),
    j1: Math.min(rows(grid) - 1, last(grid.v, r.v1)),
  };
}

/**
 * A rectangle whose sides are the outer edges of the streets nearest to `r`: a perimeter drawn along
 * streets, which takes in the boundary streets and never runs along a street axis (so it never lies on a
 * zone boundary).
 */
export function streetRect(grid: Grid, r: Rect): Rect {
  const nearest = (a: number[], x: number) => a.reduce((best, p, k) => (Math.abs(p - x) < Math.abs(a[best]! - x) ? k : best), 0);
  const iu0 = nearest(grid.u, r.u0);
  const iu1 = nearest(grid.u, r.u1);
  const jv0 = nearest(grid.v, r.v0);
  const jv1 = nearest(grid.v, r.v1);
  return {
    u0: grid.u[iu0]! - grid.uWidth[iu0]! / 2,
    u1: grid.u[iu1]! + grid.uWidth[iu1]! / 2,
    v0: grid.v[jv0]! - grid.vWidth[jv0]! / 2,
    v1: grid.v[jv1]! + grid.vWidth[jv1]! / 2,
  };
}

export function rectWkt(frame: Frame, r: Rect): string {
  const p = (u: number, v: number) => fmt(...frame.toLonLat(u, v));
  return polygonWkt([p(r.u0, r.v0), p(r.u1, r.v0), p(r.u1, r.v1), p(r.u0, r.v1)]);
}

/** The outline of a range of whole cells along the street axes, through every grid node on it. */
export function cellRangeWkt(town: Town, c: CellRange): string {
  const { grid, frame } = town;
  const node = (i: number, j: number) => fmt(...frame.toLonLat(grid.u[i]!, grid.v[j]!));
  const ring: string[] = [];
  for (let i = c.i0; i <= c.i1; i++) ring.push(node(i, c.j0));
  for (let j = c.j0; j <= c.j1; j++) ring.push(node(c.i1 + 1, j));
  for (let i = c.i1 + 1; i > c.i0; i--) ring.push(node(i, c.j1 + 1));
  for (let j = c.j1 + 1; j > c.j0; j--) ring.push(node(c.i0, j));
  return polygonWkt(ring);
}

export function blockWkt(town: Town, i: number, j: number): string {
  return rectWkt(town.frame, blockRect(town.grid, i, j));
}

/** A wadi: a meandering line across the town along u, at about v = `v0` (grid metres). */
export function wadiWkt(town: Town, from: number, to: number, v0: number): string {
  const r = town.rng.fork(`wadi${v0}`);
  const pts: [number, number][] = [];
  let v = v0;
  let dv = 0;
  for (let u = from; u <= to; u += 60) {
    pts.push(town.frame.toLonLat(u, v));
    dv = 0.8 * dv + r.range(-9, 9);
    v += dv;
  }
  return lineWkt(pts);
}

export type CodeOverrides = Partial<Record<ZoneTypeKey, string>>;

/** The codes a plan gives to the zone types: the catalogue's unless the plan says otherwise. */
export function planCodes(keys: readonly AnyZoneTypeKey[], overrides: Partial<Record<AnyZoneTypeKey, string>> = {}): Map<string, ZoneCode> {
  return new Map(
    keys.map((k) => {
      const t = zoneType(k);
      return [k, { code: overrides[k] ?? t.code, label: t.label, category: t.category }];
    }),
  );
}

export interface TownZoningSpec {
  versionId: number;
  perimeter: string;
  na: string;
  range: CellRange;
  typeOf: (i: number, j: number) => ZoneTypeKey;
  codes: Map<string, ZoneCode>;
}

/** Zones of a town plan version: cells grouped by type, cut by the perimeter and the no-build strips. */
export async function zoneTown(db: Db, town: Town, s: TownZoningSpec): Promise<{ zones: number; keys: string[] }> {
  const lines = zoneBoundaryWkt(town.grid, town.frame, s.range, s.typeOf);
  const faces = await polygonizeFaces(db, s.perimeter, s.na, lines, null, 200);
  const keys = new Map<number, string>();
  for (const f of faces) {
    const [u, v] = town.frame.toGrid(f.lon, f.lat);
    const cell = cellAt(town.grid, u, v);
    keys.set(f.id, f.na ? 'no_build' : cell ? s.typeOf(cell[0], cell[1]) : 'green');
  }
  const zones = await insertZones(db, s.versionId, faces, keys, s.codes);
  return { zones, keys: [...new Set(keys.values())] };
}

/** One regulations row per zone code of a version, numbered as articles in code order. */
export async function insertRegulations(
  db: Db,
  versionId: number,
  keys: readonly string[],
  codes: Map<string, ZoneCode>,
  overrides: Partial<Record<string, Partial<Rule>>> = {},
  firstArticle = 5,
): Promise<number> {
  const items = keys
    .map((k) => ({ code: codes.get(k)!.code, rule: { ...zoneType(k as AnyZoneTypeKey).rule, ...overrides[k] } }))
    .sort((a, b) => a.code.localeCompare(b.code, 'en'));
  const j = (x: unknown) => (x == null ? null : JSON.stringify(x));
  const col = <T>(f: (r: Rule) => T) => items.map((it) => f(it.rule));
  const r = await db.query(
    `INSERT INTO regulations (version_id, zone_code, allowed_uses, forbidden_uses, max_height_m, max_levels, cos, ces,
       min_lot_area_m2, min_frontage_m, setback_front_m, setback_side_m, setback_rear_m, parking, remarks, article_ref)
     SELECT $1, t.* FROM unnest($2::text[], $3::jsonb[], $4::jsonb[], $5::numeric[], $6::int[], $7::numeric[],
       $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[], $14::jsonb[],
       $15::jsonb[], $16::text[]) AS t`,
    [
      versionId,
      items.map((it) => it.code),
      col((x) => j(x.allowed)),
      col((x) => j(x.forbidden)),
      col((x) => x.maxHeightM),
      col((x) => x.maxLevels),
      col((x) => x.cos),
      col((x) => x.ces),
      col((x) => x.minLotAreaM2),
      col((x) => x.minFrontageM),
      col((x) => x.setbackFrontM),
      col((x) => x.setbackSideM),
      col((x) => x.setbackRearM),
      col((x) => j(x.parking)),
      col((x) => j(x.remarks)),
      items.map((_, k) => `Art. ${firstArticle + k}`),
    ],
  );
  return r.rowCount ?? 0;
}

/** Planned roads on the avenues crossing a range of cells, widened to `width` m (clipped to the perimeter). */
export function avenueRoads(town: Town, range: CellRange, perimeter: string, widths: readonly number[], every = 5): OverlayRow[] {
  const { grid, frame } = town;
  const out: OverlayRow[] = [];
  const uMin = grid.u[range.i0]!;
  const uMax = grid.u[range.i1 + 1]!;
  const vMin = grid.v[range.j0]!;
  const vMax = grid.v[range.j1 + 1]!;
  const road = (a: [number, number], b: [number, number], existing: number, k: number) => {
    const width = widths[k % widths.length]!;
    const text = OVERLAY_TEXT.plannedRoad(width, existing);
    out.push({
      kind: 'planned_road', code: 'V#', label: text.label, details: text.details, widthM: width,
      wkt: lineWkt([frame.toLonLat(...a), frame.toLonLat(...b)]), clip: perimeter, dim: 1,
    });
  };
  for (let i = range.i0; i <= range.i1 + 1; i++) {
    if ((i - grid.uZero) % every === 0) road([grid.u[i]!, vMin], [grid.u[i]!, vMax], grid.uWidth[i]!, i);
  }
  for (let j = range.j0; j <= range.j1 + 1; j++) {
    if ((j - grid.vZero) % every === 0) road([uMin, grid.v[j]!], [uMax, grid.v[j]!], grid.vWidth[j]!, j);
  }
  return out;
}

/**
 * Reserved sites on whole blocks: the blocks of cells of type `type` inside the perimeter, nearest to the
 * town centre first, at most `count`, coded `prefix`1, `prefix`2…
 */
export async function reservedBlocks(
  db: Db,
  town: Town,
  range: CellRange,
  perimeter: string,
  typeOf: (i: number, j: number) => ZoneTypeKey,
  want: { type: ZoneTypeKey; count: number; prefix: string; kind: string; labels: readonly I18n[]; details: I18n },
): Promise<OverlayRow[]> {
  const cells: [number, number, number][] = [];
  for (let i = range.i0; i <= range.i1; i++) {
    for (let j = range.j0; j <= range.j1; j++) {
      if (typeOf(i, j) !== want.type) continue;
      const b = blockRect(town.grid, i, j);
      cells.push([i, j, Math.hypot((b.u0 + b.u1) / 2, (b.v0 + b.v1) / 2)]);
    }
  }
  // Spread over the town: every third candidate by distance, then the rest.
  cells.sort((a, b) => a[2] - b[2]);
  const ordered = [...cells.filter((_, k) => k % 3 === 0), ...cells.filter((_, k) => k % 3 !== 0)].slice(0, want.count * 4);
  const wkts = ordered.map(([i, j]) => blockWkt(town, i, j));
  const inside = await withinMask(db, wkts, perimeter);
  return wkts
    .filter((_, k) => inside[k])
    .slice(0, want.count)
    .map((wkt, k) => ({
      kind: want.kind, code: `${want.prefix}${k + 1}`, label: want.labels[k % want.labels.length]!, details: want.details,
      widthM: null, wkt, clip: null, dim: 2 as const,
    }));
}

/** Reserved facility sites (E1…) on the facility blocks and reserved green spaces (G1…) on the green blocks. */
export async function reservedSites(
  db: Db, town: Town, range: CellRange, perimeter: string, typeOf: (i: number, j: number) => ZoneTypeKey,
  facilities: number, greens: number,
): Promise<OverlayRow[]> {
  const e = await reservedBlocks(db, town, range, perimeter, typeOf, {
    type: 'facility', count: facilities, prefix: 'E', kind: 'reserved_facility', labels: FACILITIES,
    details: OVERLAY_TEXT.reservedFacilityDetails,
  });
  const g = await reservedBlocks(db, town, range, perimeter, typeOf, {
    type: 'green', count: greens, prefix: 'G', kind: 'reserved_green', labels: [OVERLAY_TEXT.reservedGreen],
    details: OVERLAY_TEXT.reservedGreenDetails,
  });
  return [...e, ...g];
}
