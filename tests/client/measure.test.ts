// Measures on the map: geodesic lengths and areas (Turf), and how they are written in each language.
import { describe, expect, it } from 'vitest';
import { formatLength } from '../../client/lib/format.js';
import { measure, measureGeoJson } from '../../client/lib/measure.js';

const squash = (s: string) => s.replace(/[\s\u00a0\u202f\u200e\u200f\u061c]/g, '');

describe('measure', () => {
  it('measures a known distance on the ground: one minute of latitude ≈ 1 849 m at 35°N', () => {
    // On the WGS84 ellipsoid a minute of latitude at 35° is 1 849.3 m (meridian arc); Turf's sphere
    // gives 1 853.2 m: within 0.25 %.
    const m = measure([{ lon: -2.93, lat: 35 }, { lon: -2.93, lat: 35 + 1 / 60 }], 'distance');
    expect(m.lengthM).toBeGreaterThan(1849.3 * 0.9975);
    expect(m.lengthM).toBeLessThan(1849.3 * 1.0025);
    expect(m.areaM2).toBeNull();
  });

  it('adds the legs of a line and needs two points', () => {
    const a = { lon: -2.93, lat: 35.17 };
    const b = { lon: -2.92, lat: 35.17 };
    const c = { lon: -2.92, lat: 35.18 };
    const ab = measure([a, b], 'distance').lengthM;
    const bc = measure([b, c], 'distance').lengthM;
    expect(measure([a, b, c], 'distance').lengthM).toBeCloseTo(ab + bc, 6);
    expect(measure([a], 'distance').lengthM).toBe(0);
  });

  it('measures an area and its closed perimeter from three points', () => {
    // A square of 0.001° × 0.001° at 35.17°N: 111.3 m × 91.0 m ≈ 10 130 m².
    const sq = [
      { lon: -2.93, lat: 35.17 },
      { lon: -2.929, lat: 35.17 },
      { lon: -2.929, lat: 35.171 },
      { lon: -2.93, lat: 35.171 },
    ];
    const m = measure(sq, 'area');
    expect(m.areaM2).toBeGreaterThan(10_000);
    expect(m.areaM2).toBeLessThan(10_300);
    const sides = measure([...sq, sq[0]!], 'distance').lengthM;
    expect(m.lengthM).toBeCloseTo(sides, 6);
    expect(measure(sq.slice(0, 2), 'area').areaM2).toBeNull();
  });

  it('draws the line while placing points, the closed polygon in area mode', () => {
    const pts = [{ lon: 0, lat: 0 }, { lon: 1, lat: 0 }];
    const line = measureGeoJson(pts, 'distance', { lon: 1, lat: 1 });
    expect(line.features.map((f) => f.properties?.role)).toEqual(['line', 'vertex', 'vertex']);
    const area = measureGeoJson(pts, 'area', { lon: 1, lat: 1 });
    expect(area.features.map((f) => f.properties?.role)).toEqual(['line', 'area', 'vertex', 'vertex']);
    expect(measureGeoJson([], 'distance', null).features).toEqual([]);
  });
});

describe('lengths as written', () => {
  it('in metres below a kilometre, in kilometres above', () => {
    expect(squash(formatLength(12.34, 'en'))).toBe('12.3m');
    expect(squash(formatLength(456.7, 'en'))).toBe('457m');
    expect(squash(formatLength(1234.6, 'en'))).toBe('1.235km');
    expect(squash(formatLength(12_346, 'fr'))).toBe('12,35km');
    expect(squash(formatLength(123_456, 'en'))).toBe('123.5km');
  });

  it('in Arabic with Latin digits and Arabic units', () => {
    const s = formatLength(1234.6, 'ar');
    expect(s).toMatch(/1[,٫.]235/);
    expect(s).toMatch(/[\u0600-\u06ff]/);
    expect(s).not.toMatch(/[\u0660-\u0669]/);
  });
});
