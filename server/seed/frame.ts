// A local metric frame: street grids are drawn in metres around a town, then turned into longitude and
// latitude. Over a few kilometres a local tangent plane is far more accurate than the sample needs
// (the error of the equirectangular approximation at 5 km from the origin is a few centimetres).
//
// Grid coordinates (u, v) are metres along and across the streets; the grid is rotated by `rotationDeg`
// (counter-clockwise from east) so that streets follow the town's main direction, not the meridians.

export interface FrameSpec {
  lon0: number;
  lat0: number;
  rotationDeg: number;
}

export interface Frame extends FrameSpec {
  /** Grid coordinates (metres) → [lon, lat]. */
  toLonLat(u: number, v: number): [number, number];
  /** [lon, lat] → grid coordinates (metres). */
  toGrid(lon: number, lat: number): [number, number];
}

/**
 * Length of one degree on the WGS84 ellipsoid at latitude `latDeg` (the usual series, e.g. as given by the
 * US National Geospatial-Intelligence Agency): about 110.9 km of latitude and 91.2 km of longitude at Nador.
 */
export function metresPerDegree(latDeg: number): { lat: number; lon: number } {
  const p = (latDeg * Math.PI) / 180;
  return {
    lat: 111132.92 - 559.82 * Math.cos(2 * p) + 1.175 * Math.cos(4 * p) - 0.0023 * Math.cos(6 * p),
    lon: 111412.84 * Math.cos(p) - 93.5 * Math.cos(3 * p) + 0.118 * Math.cos(5 * p),
  };
}

export function makeFrame(spec: FrameSpec): Frame {
  const m = metresPerDegree(spec.lat0);
  const t = (spec.rotationDeg * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  return {
    ...spec,
    toLonLat(u, v) {
      const x = u * c - v * s;
      const y = u * s + v * c;
      return [spec.lon0 + x / m.lon, spec.lat0 + y / m.lat];
    },
    toGrid(lon, lat) {
      const x = (lon - spec.lon0) * m.lon;
      const y = (lat - spec.lat0) * m.lat;
      return [x * c + y * s, -x * s + y * c];
    },
  };
}

/**
 * Fixed-precision coordinates for WKT. 8 decimals of a degree is about 1 mm: finer than any survey, and the
 * same number always prints the same way, so neighbouring lots that share a corner share it exactly.
 */
export function fmt(lon: number, lat: number): string {
  return `${lon.toFixed(8)} ${lat.toFixed(8)}`;
}

/** A closed ring of already formatted points as WKT POLYGON text. */
export function polygonWkt(ring: readonly string[]): string {
  return `POLYGON((${ring.join(',')},${ring[0]}))`;
}

export function lineWkt(points: readonly [number, number][]): string {
  return `LINESTRING(${points.map(([x, y]) => fmt(x, y)).join(',')})`;
}
