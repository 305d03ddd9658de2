// Distances and areas measured on the map, on the ellipsoid's sphere (Turf: haversine lengths, areas by
// spherical excess on the WGS84 equatorial radius). Within 0.5 % of the ellipsoidal answer at the
// territory's latitudes, well below what a click on a screen can place.
import { area, length } from '@turf/turf';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { LonLat } from './urlState.js';

export type MeasureMode = 'distance' | 'area';

export interface Measure {
  /** The length of the line through the points; for an area, its perimeter (closed). */
  lengthM: number;
  /** The area enclosed by the points (area mode, three points or more), else null. */
  areaM2: number | null;
}

const position = (p: LonLat): [number, number] => [p.lon, p.lat];
const line = (coordinates: Array<[number, number]>): Feature<LineString> => ({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates } });

export function measure(points: readonly LonLat[], mode: MeasureMode): Measure {
  if (mode === 'area' && points.length >= 3) {
    const ring = [...points.map(position), position(points[0]!)];
    return {
      lengthM: length(line(ring), { units: 'meters' }),
      areaM2: area({ type: 'Polygon', coordinates: [ring] }),
    };
  }
  const lengthM = points.length >= 2 ? length(line(points.map(position)), { units: 'meters' }) : 0;
  return { lengthM, areaM2: null };
}

/** The shape to draw: the line, or the polygon (closed) with its outline, and the points. */
export function measureGeoJson(points: readonly LonLat[], mode: MeasureMode, cursor: LonLat | null): FeatureCollection {
  const path = [...points, ...(cursor ? [cursor] : [])].map(position);
  const features: Feature[] = points.map((p) => ({ type: 'Feature', properties: { role: 'vertex' }, geometry: { type: 'Point', coordinates: position(p) } }));
  if (mode === 'area' && path.length >= 3) {
    features.unshift({ type: 'Feature', properties: { role: 'area' }, geometry: { type: 'Polygon', coordinates: [[...path, path[0]!]] } });
    features.unshift({ type: 'Feature', properties: { role: 'line' }, geometry: { type: 'LineString', coordinates: [...path, path[0]!] } });
  } else if (path.length >= 2) {
    features.unshift({ type: 'Feature', properties: { role: 'line' }, geometry: { type: 'LineString', coordinates: path } });
  }
  return { type: 'FeatureCollection', features };
}
