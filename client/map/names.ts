// One name per commune and per plan. MapLibre labels a polygon once per tile and once per part, so a
// commune drawn across several tiles, or cut by tile quantisation into a big part and a few slivers, was
// named several times. The names are therefore written at points computed here: the shapes come whole
// from one low-zoom tile (a `…-labels` source, overzoomed: see style.ts#labelSource), each feature
// keeps its largest part, and its name goes to a point inside that part, in a GeoJSON source.
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { GeoJSONSource, Map as MlMap, MapSourceDataEvent } from 'maplibre-gl';

export const NAMED_LAYERS = ['communes', 'master', 'development', 'growth', 'restructuring'] as const;

/** The vector source the shapes come from (low maxzoom, overzoomed) and its layer in the tiles. */
export function shapeSource(id: string): string {
  return `${id}-labels`;
}
/** The GeoJSON source of the name points, which the label layers draw. */
export function nameSource(id: string): string {
  return `${id}-names`;
}
export function nameSourceLayer(id: string): string {
  return id === 'communes' ? 'communes' : 'plans';
}

type Shape = Feature<Polygon | MultiPolygon>;
type Ring = Position[];

/**
 * Signed area and centroid of a ring in degrees, x scaled by cos(lat) so that areas compare truly
 * within the few hundred kilometres of the territory (which part is largest, nothing more).
 */
function ringMoments(ring: Ring, k: number): { a: number; x: number; y: number } {
  let a = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const c = x0! * k * y1! - x1! * k * y0!;
    a += c;
    x += (x0! * k + x1! * k) * c;
    y += (y0! + y1!) * c;
  }
  return a === 0 ? { a: 0, x: ring[0]![0]! * k, y: ring[0]![1]! } : { a: a / 2, x: x / (3 * a) / k, y: y / (3 * a) };
}

function partArea(rings: Ring[], k: number): number {
  return rings.reduce((sum, r, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringMoments(r, k).a), 0);
}

function inside([px, py]: Position, rings: Ring[]): boolean {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi! > py! !== yj! > py! && px! < ((xj! - xi!) * (py! - yi!)) / (yj! - yi!) + xi!) odd = !odd;
    }
  }
  return odd;
}

/**
 * A point to write a name at: the centroid when it falls inside the part, else (a crescent, a ring)
 * the middle of the widest stretch of the part along the centroid's parallel.
 */
export function labelPoint(rings: Ring[]): Position {
  const k = Math.cos(((rings[0]![0]![1] ?? 0) * Math.PI) / 180);
  const c = ringMoments(rings[0]!, k);
  if (inside([c.x, c.y], rings)) return [c.x, c.y];
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi! > c.y !== yj! > c.y) xs.push(xi! + ((c.y - yi!) * (xj! - xi!)) / (yj! - yi!));
    }
  }
  xs.sort((a, b) => a - b);
  let best: Position = rings[0]![0]!;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1]! - xs[i]! > width) {
      width = xs[i + 1]! - xs[i]!;
      best = [(xs[i]! + xs[i + 1]!) / 2, c.y];
    }
  }
  return best;
}

/** A point inside each feature's largest part, one per feature id, with the feature's properties. */
export function namePoints(features: ReadonlyArray<Feature>): FeatureCollection<Point> {
  const best = new Map<string, { feature: Feature; rings: Ring[]; area: number }>();
  for (const f of features) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const key = String(f.id ?? JSON.stringify(f.properties));
    for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
      if (!rings[0] || rings[0].length < 4) continue;
      const a = partArea(rings, Math.cos(((rings[0][0]![1] ?? 0) * Math.PI) / 180));
      const seen = best.get(key);
      if (!seen || a > seen.area) best.set(key, { feature: f, rings, area: a });
    }
  }
  return {
    type: 'FeatureCollection',
    features: [...best.values()].map(({ feature, rings }) => ({
      type: 'Feature',
      id: feature.id,
      properties: feature.properties ?? {},
      geometry: { type: 'Point', coordinates: labelPoint(rings) },
    })),
  };
}

/**
 * Keeps the name sources of a map in step with its shape sources, as their tiles load (the first
 * time, and for the plans when the view reaches other tiles). Returns the function that stops it.
 */
export function followNames(map: MlMap): () => void {
  const written = new Map<string, string>();
  const update = (id: string) => {
    const target = map.getSource<GeoJSONSource>(nameSource(id));
    if (!target || !map.getSource(shapeSource(id))) return;
    const shapes = map.querySourceFeatures(shapeSource(id), { sourceLayer: nameSourceLayer(id) }) as unknown as Shape[];
    const points = namePoints(shapes);
    // Only when the set of names changed: setData re-tiles the source and redraws the labels.
    const key = points.features.map((f) => `${String(f.id)}:${f.geometry.coordinates.join(',')}`).sort().join(';');
    if (written.get(id) === key) return;
    written.set(id, key);
    void target.setData(points);
  };
  const onData = (e: MapSourceDataEvent) => {
    const id = NAMED_LAYERS.find((n) => shapeSource(n) === e.sourceId);
    if (id && e.isSourceLoaded && map.isSourceLoaded(e.sourceId)) update(id);
  };
  map.on('sourcedata', onData);
  return () => map.off('sourcedata', onData);
}
