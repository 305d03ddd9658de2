// The viewer's state in the URL fragment, so that a shared link reopens the same map:
//   #map=15/35.17/-2.93&layers=communes,development:60,parcels&parcel=123&lang=ar
// - map=zoom/lat/lon (the order of OpenStreetMap's permalinks), with as many decimals as the zoom needs;
// - layers=the visible layers in display order, each with :opacity in percent when not the default;
//   absent (a hand-written link): the default layers; empty: none;
// - parcel=the selected parcel id, or point=lat/lon for the zoning at a clicked point;
// - project=the parcel ids of the project (several parcels a permit covers), comma-separated;
// - lang=ar|fr|en.
// The fragment never reaches the server, so no state leaks into access logs, and changing it does not
// reload the page. Parsing is lenient: an invalid value is ignored, not an error.
import { SELECTION_LIMITS } from '../../server/selection/schemas.js';
import type { Lang } from '../../server/shared/schemas.js';
import { isLang } from './lang.js';

export const LAYER_IDS = ['communes', 'master', 'development', 'growth', 'restructuring', 'overlays', 'parcels', 'studies'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export interface LayerState {
  visible: boolean;
  /** 0–1 */
  opacity: number;
}
export type LayersState = Record<LayerId, LayerState>;

export interface View {
  zoom: number;
  lat: number;
  lon: number;
}

export interface LonLat {
  lon: number;
  lat: number;
}

export interface UrlState {
  view: View | null;
  layers: LayersState;
  parcel: number | null;
  point: LonLat | null;
  /** The parcels of the project (client/project), in the order they were added. */
  project: number[];
  lang: Lang | null;
}


/**
 * Every plan kind is on at the opening view, so the territory opens with its plans drawn. The SDAU
 * (master) covers the same towns as the binding plans with coarser zones: its fill fades out where the
 * binding plans' zones are read (client/map/style.ts), and only its outline stays under them.
 */
export const DEFAULT_LAYERS: LayersState = {
  communes: { visible: true, opacity: 1 },
  master: { visible: true, opacity: 0.5 },
  development: { visible: true, opacity: 0.6 },
  growth: { visible: true, opacity: 0.6 },
  restructuring: { visible: true, opacity: 0.6 },
  overlays: { visible: true, opacity: 0.8 },
  parcels: { visible: true, opacity: 1 },
  // Outcomes of project studies (server/studies): asked for by those who follow files, off by default.
  studies: { visible: false, opacity: 0.7 },
};

export function defaultLayers(): LayersState {
  return Object.fromEntries(LAYER_IDS.map((id) => [id, { ...DEFAULT_LAYERS[id] }])) as LayersState;
}

export function isLayerId(value: string): value is LayerId {
  return (LAYER_IDS as readonly string[]).includes(value);
}

function num(s: string | undefined): number | null {
  if (s == null || s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function parseView(v: string): View | null {
  const [z, lat, lon] = v.split('/').map(num);
  if (z == null || lat == null || lon == null) return null;
  if (z < 0 || z > 24 || lat < -85.06 || lat > 85.06 || lon < -180 || lon > 180) return null;
  return { zoom: z, lat, lon };
}

function parsePoint(v: string): LonLat | null {
  const [lat, lon] = v.split('/').map(num);
  if (lat == null || lon == null || lat < -90 || lat > 90 || lon < -180 || lon > 180) return null;
  return { lon, lat };
}

function parseIds(v: string): number[] {
  const ids = v.split(',').filter((x) => /^[0-9]{1,15}$/.test(x)).map(Number).filter((n) => n > 0);
  return [...new Set(ids)].slice(0, SELECTION_LIMITS.parcels);
}

function parseLayers(v: string): LayersState {
  const layers = defaultLayers();
  for (const id of LAYER_IDS) layers[id].visible = false;
  for (const item of v.split(',')) {
    const [id, pct] = item.split(':');
    if (id == null || !isLayerId(id)) continue;
    layers[id].visible = true;
    const p = num(pct);
    if (p != null) layers[id].opacity = Math.min(100, Math.max(0, p)) / 100;
  }
  return layers;
}

export function parseHash(hash: string): UrlState {
  const state: UrlState = { view: null, layers: defaultLayers(), parcel: null, point: null, project: [], lang: null };
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const pair of body.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const key = pair.slice(0, eq);
    let value: string;
    try {
      value = decodeURIComponent(pair.slice(eq + 1));
    } catch {
      continue;
    }
    switch (key) {
      case 'map':
        state.view = parseView(value);
        break;
      case 'layers':
        state.layers = parseLayers(value);
        break;
      case 'parcel':
        state.parcel = /^[0-9]{1,15}$/.test(value) && Number(value) > 0 ? Number(value) : null;
        break;
      case 'point':
        state.point = parsePoint(value);
        break;
      case 'project':
        state.project = parseIds(value);
        break;
      case 'lang':
        state.lang = isLang(value) ? value : null;
        break;
    }
  }
  // One selection at a time: a parcel wins over a point.
  if (state.parcel != null) state.point = null;
  return state;
}

/** Decimals that keep a position to about a pixel at the zoom: 512 px tiles, 360° at zoom 0. */
export function coordDecimals(zoom: number): number {
  return Math.max(2, Math.ceil(Math.log10((512 / 360) * 2 ** zoom)));
}

function trim(n: number, decimals: number): string {
  // toFixed then drop trailing zeros: 15.00 → 15, 35.17000 → 35.17.
  const s = n.toFixed(decimals);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function serialiseLayers(layers: LayersState): string {
  return LAYER_IDS.filter((id) => layers[id].visible)
    .map((id) => {
      const pct = Math.round(layers[id].opacity * 100);
      return pct === Math.round(DEFAULT_LAYERS[id].opacity * 100) ? id : `${id}:${pct}`;
    })
    .join(',');
}

export function serialiseHash(state: UrlState): string {
  const parts: string[] = [];
  if (state.view) {
    const d = coordDecimals(state.view.zoom);
    parts.push(`map=${trim(state.view.zoom, 2)}/${trim(state.view.lat, d)}/${trim(state.view.lon, d)}`);
  }
  // Always written, so a link keeps its meaning if the defaults change in a later release.
  parts.push(`layers=${serialiseLayers(state.layers)}`);
  if (state.parcel != null) parts.push(`parcel=${state.parcel}`);
  else if (state.point) parts.push(`point=${trim(state.point.lat, 6)}/${trim(state.point.lon, 6)}`);
  if (state.project.length > 0) parts.push(`project=${state.project.join(',')}`);
  if (state.lang) parts.push(`lang=${state.lang}`);
  return parts.join('&');
}
