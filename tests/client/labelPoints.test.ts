// Label points: one per feature, inside its largest piece; slivers and tile fragments unlabelled.
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { labelPoint, labelPoints } from '../../client/map/labelPoints.js';

const square = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const feature = (id: number, coordinates: number[][][][], name = `f${id}`): Feature => ({
  type: 'Feature', id, properties: { name_fr: name }, geometry: { type: 'MultiPolygon', coordinates },
});

describe('label points', () => {
  it('names a commune once, in its largest part, whatever slivers the tiles cut off', () => {
    const commune = feature(7, [[square(0, 35, 0.1)], [square(0.2, 35, 0.0001)], [square(0.3, 35, 0.0002)]]);
    const fc = labelPoints([commune]);
    expect(fc.features).toHaveLength(1);
    const [x, y] = fc.features[0]!.geometry.coordinates;
    expect(x).toBeCloseTo(0.05, 6);
    expect(y).toBeCloseTo(35.05, 6);
    expect(fc.features[0]!.properties).toEqual({ name_fr: 'f7' });
  });

  it('merges the pieces of one feature from several tiles by id', () => {
    const left = feature(1, [[square(0, 35, 0.01)]]);
    const right = feature(1, [[square(0.01, 35, 0.006)]]);
    const other = feature(2, [[square(1, 35, 0.01)]]);
    expect(labelPoints([left, right, other]).features.map((f) => f.id)).toEqual([1, 2]);
    // With a share, big pieces in other tiles keep a label of their own, slivers do not.
    const sliver = feature(1, [[square(0.02, 35, 0.001)]]);
    expect(labelPoints([left, right, sliver], 0.25).features).toHaveLength(2);
  });

  it('puts the point inside a part whose centroid falls outside (a U shape)', () => {
    const u = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    const [x, y] = labelPoint([u]);
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(3);
    expect((x! > 0 && x! < 1) || (x! > 2 && x! < 3) || y! < 1).toBe(true);
  });

  it('leaves out what is not a polygon', () => {
    const line: Feature = { type: 'Feature', id: 1, properties: {}, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } };
    expect(labelPoints([line]).features).toEqual([]);
  });
});

