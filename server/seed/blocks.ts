// Street grids and the lots of a street block: pure geometry in a town's local metric frame (metres).
//
// A grid is two families of street axes, u = const (cross streets) and v = const (the streets lots face).
// A cell is the rectangle between consecutive axes; its street block is the cell minus half of each
// street around it, so streets of 10–20 m (20 m avenues) are left free between blocks. Blocks are
// 90–150 m long and two lots deep (lots of 20–33 m back to back), the usual form of Moroccan
// lotissements; lots have 10–25 m of frontage (wider for villas, much wider for industry or facilities).
//
// Every number of a line or a block is drawn from a stream named after its index, so the same street is
// at the same place whatever part of the grid is generated, and a grid can be extended outwards for
// larger samples without moving anything already drawn.
import type { LotStyle } from './catalogue.js';
import type { Rng } from './random.js';

export interface GridSpec {
  /** Length of a block along u, between street edges (m). */
  blockLength: readonly [number, number];
  /** Depth of one row of lots (m); blocks are two rows deep. */
  lotDepth: readonly [number, number];
  /** Widths of ordinary streets (m), picked from this list. */
  streetWidths: readonly number[];
  /** Every n-th axis is an avenue of `avenueWidth` m. */
  avenueEvery: number;
  avenueWidth: number;
}

/** Street widths of 10 to 15 m and 20 m avenues, as in recent Moroccan subdivisions. */
export const DEFAULT_GRID: GridSpec = {
  blockLength: [90, 150],
  lotDepth: [21, 32],
  streetWidths: [10, 12, 12, 15],
  avenueEvery: 5,
  avenueWidth: 20,
};

export interface Rect {
  u0: number;
  u1: number;
  v0: number;
  v1: number;
}

export interface Grid {
  /** Axes of the cross streets, increasing; cell column i lies between u[i] and u[i + 1]. */
  u: number[];
  /** Width of the street on each u axis (m). */
  uWidth: number[];
  /** Index (in u) of the axis drawn at index 0 of the streams, so axis k of the stream is u[k + uZero]. */
  uZero: number;
  v: number[];
  vWidth: number[];
  vZero: number;
}

/** Axes covering [min, max], drawn outwards from an axis at 0. Returns positions, widths and the index of 0. */
function axes(rng: Rng, name: string, min: number, max: number, spacing: (r: Rng) => number, spec: GridSpec) {
  const width = (k: number): number =>
    k % spec.avenueEvery === 0 ? spec.avenueWidth : rng.fork(`${name}w${k}`).pick(spec.streetWidths);
  const pos = [0];
  const wid = [width(0)];
  for (let k = 1; pos[pos.length - 1]! < max; k++) {
    const w = width(k);
    pos.push(pos[pos.length - 1]! + wid[wid.length - 1]! / 2 + spacing(rng.fork(`${name}${k}`)) + w / 2);
    wid.push(w);
  }
  const neg: number[] = [];
  const negW: number[] = [];
  let last = 0;
  let lastW = wid[0]!;
  for (let k = -1; last > min; k--) {
    const w = width(k);
    last = last - lastW / 2 - spacing(rng.fork(`${name}${k}`)) - w / 2;
    lastW = w;
    neg.push(last);
    negW.push(w);
  }
  return { pos: [...neg.reverse(), ...pos], wid: [...negW.reverse(), ...wid], zero: neg.length };
}

/** A grid whose cells cover the rectangle `extent` of the frame (metres). */
export function makeGrid(rng: Rng, extent: Rect, spec: GridSpec = DEFAULT_GRID): Grid {
  const uAxes = axes(rng, 'u', extent.u0, extent.u1, (r) => r.range(spec.blockLength[0], spec.blockLength[1]), spec);
  const vAxes = axes(rng, 'v', extent.v0, extent.v1, (r) => r.range(spec.lotDepth[0], spec.lotDepth[1]) * 2, spec);
  return { u: uAxes.pos, uWidth: uAxes.wid, uZero: uAxes.zero, v: vAxes.pos, vWidth: vAxes.wid, vZero: vAxes.zero };
}

export const columns = (g: Grid): number => g.u.length - 1;
export const rows = (g: Grid): number => g.v.length - 1;

/** The cell (i, j) containing a point, or null outside the grid. */
export function cellAt(g: Grid, u: number, v: number): [number, number] | null {
  const i = bisect(g.u, u);
  const j = bisect(g.v, v);
  return i < 0 || j < 0 ? null : [i, j];
}

/** Index of the interval [a[k], a[k+1]) containing x, or -1. */
function bisect(a: readonly number[], x: number): number {
  if (x < a[0]! || x >= a[a.length - 1]!) return -1;
  let lo = 0;
  let hi = a.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function cellRect(g: Grid, i: number, j: number): Rect {
  return { u0: g.u[i]!, u1: g.u[i + 1]!, v0: g.v[j]!, v1: g.v[j + 1]! };
}

/** The street block of a cell: the cell minus half of the streets around it. */
export function blockRect(g: Grid, i: number, j: number): Rect {
  return {
    u0: g.u[i]! + g.uWidth[i]! / 2,
    u1: g.u[i + 1]! - g.uWidth[i + 1]! / 2,
    v0: g.v[j]! + g.vWidth[j]! / 2,
    v1: g.v[j + 1]! - g.vWidth[j + 1]! / 2,
  };
}

export const centreOf = (r: Rect): [number, number] => [(r.u0 + r.u1) / 2, (r.v0 + r.v1) / 2];

/** Lots of one block: shared corner points and, for each lot, the indices of its ring (counter-clockwise). */
export interface BlockLots {
  points: [number, number][];
  lots: number[][];
}

/** Cuts [a, b] into pieces whose lengths fall in the frontage range (give or take the ±12 % jitter). */
function divide(a: number, b: number, [fmin, fmax]: readonly [number, number], rng: Rng): number[] {
  const length = b - a;
  const most = Math.max(1, Math.floor(length / (fmin * 1.1)));
  const least = Math.min(most, Math.max(1, Math.ceil(length / fmax)));
  const n = Math.min(most, Math.max(least, Math.round(length / ((fmin + fmax) / 2))));
  const weights = Array.from({ length: n }, () => 1 + rng.range(-0.12, 0.12));
  // One lot in twenty absorbs its neighbour: the larger holdings found in every real block.
  for (let k = weights.length - 1; k > 0; k--) {
    if (weights.length > 3 && rng.chance(0.05)) {
      weights[k - 1]! += weights[k]!;
      weights.splice(k, 1);
    }
  }
  const total = weights.reduce((s, w) => s + w, 0);
  const cuts = [a];
  let acc = 0;
  for (let k = 0; k < weights.length - 1; k++) {
    acc += weights[k]!;
    cuts.push(a + (length * acc) / total);
  }
  cuts.push(b);
  return cuts;
}

/** Side lines between lots lean by up to this much (m): the small irregularity of real lot lines. */
const SKEW = 1.2;
/** Middle points of the two rows closer than this (m) are merged into one, to avoid needle-thin slivers. */
const SNAP = 0.6;

/**
 * Cuts a block into lots. Two rows: lots face the streets on both long sides and meet back to back on a
 * slightly tilted middle line; every point of that line belongs to both rows, so neighbouring lots share
 * their boundary exactly and never overlap. One row: deep lots across the whole block (industry, facilities).
 */
export function cutBlock(block: Rect, style: LotStyle, rng: Rng): BlockLots {
  const { u0, u1, v0, v1 } = block;
  const points: [number, number][] = [];
  const add = (u: number, v: number) => points.push([u, v]) - 1;
  const skews = (n: number) => Array.from({ length: n + 1 }, (_, k) => (k === 0 || k === n ? 0 : rng.range(-SKEW, SKEW)));

  if (style.rows === 1) {
    const xs = divide(u0, u1, style.frontage, rng);
    const s = skews(xs.length - 1);
    const bottom = xs.map((x) => add(x, v0));
    const top = xs.map((x, k) => add(x + s[k]!, v1));
    const lots = xs.slice(1).map((_, k) => [bottom[k]!, bottom[k + 1]!, top[k + 1]!, top[k]!]);
    return { points, lots };
  }

  const depth = v1 - v0;
  const vmA = v0 + depth * rng.range(0.45, 0.55);
  const vmB = vmA + rng.range(-1, 1);
  const vm = (u: number) => vmA + ((vmB - vmA) * (u - u0)) / (u1 - u0);

  const xs = divide(u0, u1, style.frontage, rng);
  const ys = divide(u0, u1, style.frontage, rng);
  const sx = skews(xs.length - 1);
  const sy = skews(ys.length - 1);
  const xm = xs.map((x, k) => x + sx[k]!);
  const ym = ys.map((y, k) => {
    const m = y + sy[k]!;
    const near = xm.find((x) => Math.abs(x - m) < SNAP);
    return near ?? m;
  });
  const mids = [...new Set([...xm, ...ym])].sort((a, b) => a - b);
  const midIndex = new Map(mids.map((m) => [m, add(m, vm(m))]));
  const mid = (m: number) => midIndex.get(m)!;
  const between = (a: number, b: number) => mids.filter((m) => m > a && m < b);

  const lots: number[][] = [];
  const bottom = xs.map((x) => add(x, v0));
  for (let k = 0; k < xs.length - 1; k++) {
    const inner = between(xm[k]!, xm[k + 1]!).reverse().map(mid);
    lots.push([bottom[k]!, bottom[k + 1]!, mid(xm[k + 1]!), ...inner, mid(xm[k]!)]);
  }
  const top = ys.map((y) => add(y, v1));
  for (let k = 0; k < ys.length - 1; k++) {
    const inner = between(ym[k]!, ym[k + 1]!).map(mid);
    lots.push([mid(ym[k]!), ...inner, mid(ym[k + 1]!), top[k + 1]!, top[k]!]);
  }
  return { points, lots };
}
