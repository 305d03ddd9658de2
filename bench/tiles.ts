// Tile lists: uniform random tiles per zoom inside a box, and viewport replays (the tiles a 1280×800 map
// asks for at a zoom, for every source drawn there). Drawn from a seeded generator, so two runs ask for the
// same tiles.
import { SOURCES } from '../server/tiles/sources.js';

export interface TileRef {
  source: string;
  z: number;
  x: number;
  y: number;
}

export type Bbox = [number, number, number, number];

/** mulberry32: small and good enough to spread tiles; not for anything else. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fractional tile coordinates of a WGS84 point at zoom z. */
export function tileXY(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [((lon + 180) / 360) * n, ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n];
}

export function uniformTiles(source: string, z: number, box: Bbox, n: number, random: () => number): TileRef[] {
  const [x0, y1] = tileXY(box[0], box[1], z).map(Math.floor) as [number, number];
  const [x1, y0] = tileXY(box[2], box[3], z).map(Math.floor) as [number, number];
  return Array.from({ length: n }, () => ({
    source, z,
    x: x0 + Math.floor(random() * (x1 - x0 + 1)),
    y: y0 + Math.floor(random() * (y1 - y0 + 1)),
  }));
}

/**
 * The tiles of every source drawn at zoom z (minzoom ≤ z) that a width×height map centred on a point at
 * zoom z needs, with MapLibre's 512-pixel vector tiles: 9 to 12 per source.
 */
export function viewportTiles(lon: number, lat: number, z: number, width = 1280, height = 800): TileRef[] {
  const [cx, cy] = tileXY(lon, lat, z);
  const hw = width / 2 / 512;
  const hh = height / 2 / 512;
  const out: TileRef[] = [];
  const n = 2 ** z;
  for (const s of SOURCES) {
    if (s.minzoom > z) continue;
    for (let x = Math.floor(cx - hw); x <= Math.floor(cx + hw); x++) {
      for (let y = Math.max(0, Math.floor(cy - hh)); y <= Math.min(n - 1, Math.floor(cy + hh)); y++) {
        out.push({ source: s.id, z, x: ((x % n) + n) % n, y });
      }
    }
  }
  return out;
}

export function tilePath(t: TileRef): string {
  return `/tiles/${t.source}/${t.z}/${t.x}/${t.y}.mvt`;
}
