// Zoning: which zone type each street cell of a town gets, and the lines that separate zones.
//
// A plan's zones are drawn as Voronoi regions of seeded points ("seeds"), one zone type per seed. For a
// plan d'aménagement the regions are made of whole street cells (a cell takes the type of the seed nearest
// to its centre), so zone boundaries run along street axes as in real plans; lots are never cut by them,
// except by the no-build strips added later along wadis. The SDAU, drawn at a much larger scale, keeps
// plain Voronoi cells (see plans.ts).
//
// Seeds sit on a jittered lattice: one per lattice square, drawn from a stream named after the square, so
// the zoning of a place does not depend on how far the plan extends, and the nearest seed of any point is
// among the 5 × 5 squares around it.
import type { ZoneTypeKey } from './catalogue.js';
import { blockRect, centreOf, type Grid } from './blocks.js';
import type { Frame } from './frame.js';
import { fmt } from './frame.js';
import type { Rng } from './random.js';

export type Mix = Partial<Record<ZoneTypeKey, number>>;

/** Zone mixes by distance from the town centre, as a share of the town's radius. */
export interface Ring {
  upTo: number;
  mix: Mix;
}

export interface TownModel {
  /** Metres; rings are given as shares of it. */
  radius: number;
  /** Lattice spacing of the seeds (m): the typical size of one zone. */
  seedSpacing: number;
  rings: readonly Ring[];
  /** An industrial sector: seeds within `halfWidth` degrees of `bearing` (grid frame, 0 = +u) beyond `from`. */
  industry?: { bearing: number; halfWidth: number; from: number; mix: Mix };
  /** Seeds closer than `within` m to the shore take this mix (corniche, tourism). */
  coast?: { within: number; mix: Mix; distance: (u: number, v: number) => number };
  /**
   * Single blocks of facilities and gardens sprinkled through housing zones, with these probabilities:
   * in real plans schools, mosques and gardens are mostly one block each, inside the neighbourhoods.
   */
  sprinkle?: { facility: number; green: number };
}

/** Zone types a facility or garden block may be sprinkled into. */
const HOUSING: ReadonlySet<ZoneTypeKey> = new Set([
  'centre', 'apartment', 'small_building', 'economic', 'twin_villa', 'villa', 'rural_housing', 'restructured',
]);

export interface Seed {
  u: number;
  v: number;
  type: ZoneTypeKey;
}

/**
 * The zone mixes of a Moroccan town, centre outwards: a mixed centre; apartment buildings; small
 * buildings and economic housing; villas at the edges; farmland and future urban land beyond. Facilities
 * and green spaces are spread through every ring. Weights are relative.
 */
export const CITY_RINGS: readonly Ring[] = [
  { upTo: 0.18, mix: { centre: 8, facility: 0.4, green: 0.4 } },
  { upTo: 0.4, mix: { apartment: 6, small_building: 2, commercial: 1, facility: 0.4, green: 0.4 } },
  { upTo: 0.65, mix: { small_building: 4, economic: 3, twin_villa: 1, facility: 0.4, green: 0.4 } },
  { upTo: 0.85, mix: { economic: 2, twin_villa: 3, villa: 3, facility: 0.3, green: 0.4 } },
  { upTo: Infinity, mix: { villa: 3, agricultural: 3, future_urban: 3, green: 0.5 } },
];

/** A rural centre (plan de développement): village housing around a souk, farmland around. */
export const VILLAGE_RINGS: readonly Ring[] = [
  { upTo: 0.25, mix: { rural_housing: 6, souk: 2, facility: 1 } },
  { upTo: 0.6, mix: { rural_housing: 6, facility: 0.5, green: 0.5 } },
  { upTo: 0.85, mix: { rural_housing: 3, future_urban: 2, agricultural: 2 } },
  { upTo: Infinity, mix: { agricultural: 5, natural: 1 } },
];

export class CellZoning {
  private readonly seeds = new Map<string, Seed>();
  private readonly cells = new Map<number, ZoneTypeKey>();

  constructor(
    private readonly grid: Grid,
    private readonly model: TownModel,
    private readonly rng: Rng,
  ) {}

  /** The seed of lattice square (a, b): a jittered position and a zone type drawn from the model. */
  seed(a: number, b: number): Seed {
    const key = `${a},${b}`;
    const known = this.seeds.get(key);
    if (known) return known;
    const r = this.rng.fork(`seed${key}`);
    const s = this.model.seedSpacing;
    const u = (a + r.range(0.15, 0.85)) * s;
    const v = (b + r.range(0.15, 0.85)) * s;
    const seed = { u, v, type: this.typeFor(u, v, r) };
    this.seeds.set(key, seed);
    return seed;
  }

  private typeFor(u: number, v: number, r: Rng): ZoneTypeKey {
    const m = this.model;
    const d = Math.hypot(u, v) / m.radius;
    if (m.coast && m.coast.distance(u, v) < m.coast.within) return r.weighted(m.coast.mix);
    if (m.industry && d >= m.industry.from) {
      const bearing = (Math.atan2(v, u) * 180) / Math.PI;
      const off = Math.abs(((bearing - m.industry.bearing + 540) % 360) - 180);
      if (off <= m.industry.halfWidth) return r.weighted(m.industry.mix);
    }
    const ring = m.rings.find((g) => d < g.upTo) ?? m.rings[m.rings.length - 1]!;
    return r.weighted(ring.mix);
  }

  /** The zone type at a point: that of the nearest seed. */
  typeAt(u: number, v: number): ZoneTypeKey {
    const s = this.model.seedSpacing;
    const a0 = Math.floor(u / s);
    const b0 = Math.floor(v / s);
    let best: Seed | null = null;
    let bestD = Infinity;
    for (let a = a0 - 2; a <= a0 + 2; a++) {
      for (let b = b0 - 2; b <= b0 + 2; b++) {
        const seed = this.seed(a, b);
        const d = (seed.u - u) ** 2 + (seed.v - v) ** 2;
        if (d < bestD) {
          bestD = d;
          best = seed;
        }
      }
    }
    return best!.type;
  }

  /** The zone type of street cell (i, j), decided at the centre of its block. */
  cellType(i: number, j: number): ZoneTypeKey {
    const key = i * 100003 + j;
    const known = this.cells.get(key);
    if (known) return known;
    const [u, v] = centreOf(blockRect(this.grid, i, j));
    let type = this.typeAt(u, v);
    const sprinkle = this.model.sprinkle;
    if (sprinkle && HOUSING.has(type)) {
      const r = this.rng.fork(`cell${i},${j}`).float();
      if (r < sprinkle.facility) type = 'facility';
      else if (r < sprinkle.facility + sprinkle.green) type = 'green';
    }
    this.cells.set(key, type);
    return type;
  }
}

export interface CellRange {
  i0: number;
  i1: number;
  j0: number;
  j1: number;
}

/**
 * The street axes that separate cells of different types within a range of cells, as WKT MULTILINESTRING
 * in longitude/latitude: one segment per cell side, so that segments meeting at a grid node share that
 * node exactly (the lines are later noded and polygonized with the plan's perimeter).
 */
export function zoneBoundaryWkt(
  grid: Grid,
  frame: Frame,
  range: CellRange,
  typeOf: (i: number, j: number) => string,
): string {
  const node = (i: number, j: number) => {
    const [lon, lat] = frame.toLonLat(grid.u[i]!, grid.v[j]!);
    return fmt(lon, lat);
  };
  const parts: string[] = [];
  for (let i = range.i0; i <= range.i1; i++) {
    for (let j = range.j0; j <= range.j1; j++) {
      const here = typeOf(i, j);
      if (i < range.i1 && typeOf(i + 1, j) !== here) parts.push(`(${node(i + 1, j)},${node(i + 1, j + 1)})`);
      if (j < range.j1 && typeOf(i, j + 1) !== here) parts.push(`(${node(i, j + 1)},${node(i + 1, j + 1)})`);
    }
  }
  return parts.length ? `MULTILINESTRING(${parts.join(',')})` : 'MULTILINESTRING EMPTY';
}

/** Points on a jittered lattice covering a rectangle (any units), one per lattice square. */
export function jitteredLattice(
  rng: Rng,
  min: [number, number],
  max: [number, number],
  spacing: number,
): [number, number][] {
  const out: [number, number][] = [];
  for (let a = Math.floor(min[0] / spacing); a * spacing < max[0]; a++) {
    for (let b = Math.floor(min[1] / spacing); b * spacing < max[1]; b++) {
      const r = rng.fork(`lattice${a},${b}`);
      out.push([(a + r.range(0.1, 0.9)) * spacing, (b + r.range(0.1, 0.9)) * spacing]);
    }
  }
  return out;
}
