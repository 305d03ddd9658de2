import { AppError } from '../errors.js';
import type { Bbox } from './schemas.js';

/** `minLon,minLat,maxLon,maxLat` → a checked bbox in EPSG:4326, or a 400 that says what a bbox must be. */
export function parseBbox(raw: string | undefined): Bbox | null {
  if (raw === undefined) return null;
  const parts = raw.split(',');
  const n = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  const [a, b, c, d] = n as [number, number, number, number];
  const ok =
    n.length === 4 && n.every(Number.isFinite) &&
    a >= -180 && c <= 180 && b >= -90 && d <= 90 && a < c && b < d;
  if (!ok) throw new AppError('invalid_bbox', {}, { received: raw });
  return [a, b, c, d];
}
