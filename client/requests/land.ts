// The land of a request typed as Lambert Nord Maroc vertices (EPSG:26191), one vertex a line, in any form
// lib/lambertInput.ts reads ("725000 510000", "X = 725 000,50 ; Y = 510 000"): three or more make a polygon.
import type { Selection } from '../../server/selection/schemas.js';
import { parseLambertInput } from '../lib/lambertInput.js';

export function lambertSelection(text: string): Selection | null {
  const points: [number, number][] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const p = parseLambertInput(line);
    if (!p.ok) return null;
    points.push([p.x, p.y]);
  }
  return points.length >= 3 ? { type: 'coordinates', crs: 'EPSG:26191', points } : null;
}
