// The parts of a GeoJSON geometry, for the writers that draw rings and lines one by one (DXF, shapefile).
import type { Geometry } from './queries.js';

export type Position = [number, number];
export type Ring = Position[];

/** Polygons as lists of rings (outer first), or [] for a non-polygonal geometry. */
export function polygonsOf(g: Geometry): Ring[][] {
  if (g.type === 'Polygon') return [g.coordinates as Ring[]];
  if (g.type === 'MultiPolygon') return g.coordinates as Ring[][];
  return [];
}

/** Lines, or [] for a non-linear geometry. */
export function linesOf(g: Geometry): Position[][] {
  if (g.type === 'LineString') return [g.coordinates as Position[]];
  if (g.type === 'MultiLineString') return g.coordinates as Position[][];
  return [];
}

export function pointsOf(g: Geometry): Position[] {
  if (g.type === 'Point') return [g.coordinates as Position];
  if (g.type === 'MultiPoint') return g.coordinates as Position[];
  return [];
}

/** A closed ring without its repeated last vertex (a closed DXF polyline states closure by a flag). */
export function openRing(ring: Ring): Ring {
  const [a, b] = [ring[0], ring[ring.length - 1]];
  return a && b && ring.length > 1 && a[0] === b[0] && a[1] === b[1] ? ring.slice(0, -1) : ring;
}

/** [minX, minY, maxX, maxY] of every position in a nested coordinate array. */
export function bboxOf(coords: unknown, box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]) {
  if (Array.isArray(coords) && typeof coords[0] === 'number') {
    const [x, y] = coords as Position;
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  } else if (Array.isArray(coords)) {
    for (const c of coords) bboxOf(c, box);
  }
  return box;
}
