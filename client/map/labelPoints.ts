// One label per feature. MapLibre labels a polygon once per tile it is cut into, and once per part of
// it, so a commune drawn across several tiles, a zone or a parcel across a tile edge, or a shape cut by
// the tiles' quantisation into a big part and a few slivers, was labelled several times. Labels are
// therefore written at points computed here, one per feature id, inside its largest piece, into
// GeoJSON sources that the label layers draw:
// - names of communes and plans from whole shapes: one low-zoom tile of the same source (a
//   "…-shapes" source with a low maxzoom, overzoomed: at z6 the whole territory, lon −4…−2.2,
//   lat 33.8…35.45, lies in one tile; shapes at that zoom are coarse, which only moves the anchor);
// - zone codes and parcel references from the tiles in view, the pieces of one feature merged by id.
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { GeoJSONSource, Map as MlMap, MapSourceDataEvent } from 'maplibre-gl';

export const NAMED_LAYERS = ['communes', 'master', 'development', 'growth', 'restructuring'] as const;
export const PLAN_KINDS = ['master', 'development', 'growth', 'restructuring'] as const;
/** Zone codes from this zoom, plan names below it. */
export const ZONE_LABEL_MINZOOM = 14;
/** Parcel references from this zoom: below it they would cover the parcels. */
export const PARCEL_LABEL_MINZOOM = 17;

/** The vector source whole shapes come from (low maxzoom, overzoomed). */
export function shapeSource(id: string): string {
  return `${id}-shapes`;
}
/** The GeoJSON source of the label points of a logical layer: names, zone codes or parcel refs. */
export function labelSource(id: string, what: 'names' | 'codes' | 'refs'): string {
  return `${id}-${what}`;
}
export function nameSourceLayer(id: string): string {
  return id === 'communes' ? 'communes' : 'plans';
}

/** Where each label source takes its shapes from, and from which zoom it is needed. */
interface Feed {
  target: string;
  from: string;
  sourceLayer: string;
  minzoom: number;
  /** See labelPoints. */
  minShare: number;
}

export const FEEDS: readonly Feed[] = [
  ...NAMED_LAYERS.map((id) => ({ target: labelSource(id, 'names'), from: shapeSource(id), sourceLayer: nameSourceLayer(id), minzoom: 0, minShare: 1 })),
  ...PLAN_KINDS.map((id) => ({ target: labelSource(id, 'codes'), from: id, sourceLayer: 'zones', minzoom: ZONE_LABEL_MINZOOM, minShare: 0.25 })),
  { target: labelSource('parcels', 'refs'), from: 'parcels', sourceLayer: 'parcels', minzoom: PARCEL_LABEL_MINZOOM, minShare: 1 },
];

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

/**
 * Label points, one per feature id inside its largest piece (a part of a multipolygon, or the part of
 * it in one tile). With `minShare` < 1, every piece at least that share of the largest one gets its
 * own label: a zone spread over several tiles is then named in each, as a big area on a printed plan is
 * named more than once, while the slivers a tile edge or the quantisation cut off are not.
 */
export function labelPoints(features: ReadonlyArray<Feature>, minShare = 1): FeatureCollection<Point> {
  const pieces = new Map<string, Array<{ feature: Feature; rings: Ring[]; area: number }>>();
  for (const f of features) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const key = String(f.id ?? JSON.stringify(f.properties));
    for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
      if (!rings[0] || rings[0].length < 4) continue;
      const area = partArea(rings, Math.cos(((rings[0][0]![1] ?? 0) * Math.PI) / 180));
      const list = pieces.get(key);
      if (list) list.push({ feature: f, rings, area });
      else pieces.set(key, [{ feature: f, rings, area }]);
    }
  }
  const points: Array<Feature<Point>> = [];
  for (const list of pieces.values()) {
    list.sort((a, b) => b.area - a.area);
    const largest = list[0]!.area;
    for (const { feature, rings } of minShare >= 1 ? list.slice(0, 1) : list.filter((p) => p.area >= largest * minShare)) {
      points.push({ type: 'Feature', id: feature.id, properties: feature.properties ?? {}, geometry: { type: 'Point', coordinates: labelPoint(rings) } });
    }
  }
  return { type: 'FeatureCollection', features: points };
}

export interface LabelFollower {
  stop(): void;
  /** Brings every label source up to date now; true if one changed (the map then draws again). */
  flush(): boolean;
}

/** Keeps the label sources of a map in step with the tiles it has loaded. */
export function followLabels(map: MlMap): LabelFollower {
  const written = new Map<string, string>();
  const update = (feed: Feed): boolean => {
    const target = map.getSource<GeoJSONSource>(feed.target);
    if (!target || !map.getSource(feed.from) || map.getZoom() < feed.minzoom || !map.isSourceLoaded(feed.from)) return false;
    const shapes = map.querySourceFeatures(feed.from, { sourceLayer: feed.sourceLayer }) as unknown as Shape[];
    const points = labelPoints(shapes, feed.minShare);
    // Only when the labels changed: setData re-tiles the source and redraws them.
    const key = points.features.map((f) => f.geometry.coordinates.join(',')).sort().join(';');
    if (written.get(feed.target) === key) return false;
    written.set(feed.target, key);
    void target.setData(points);
    return true;
  };
  // Tiles arrive one by one: the sources are read once per frame at most.
  const due = new Set<Feed>();
  let frame = 0;
  const onData = (e: MapSourceDataEvent) => {
    if (!e.isSourceLoaded) return;
    for (const feed of FEEDS) if (feed.from === e.sourceId) due.add(feed);
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      for (const feed of due) update(feed);
      due.clear();
    });
  };
  // A new style (setStyle without diff) starts with empty label sources.
  const onStyle = () => written.clear();
  map.on('sourcedata', onData);
  map.on('style.load', onStyle);
  return {
    stop() {
      cancelAnimationFrame(frame);
      map.off('sourcedata', onData);
      map.off('style.load', onStyle);
    },
    flush() {
      due.clear();
      return FEEDS.map(update).some(Boolean);
    },
  };
}
