// The map style, built in code from the tile catalog (GET /tiles) and the layer state. Nothing remote:
// no basemap, no glyphs, no sprite, so the map works offline on the agency's network and no visitor's
// request leaves our host. Labels are drawn without glyph PBFs: with no `glyphs` in the style MapLibre
// draws each character with the page's own fonts (TinySDF on a canvas), so `text-font` names CSS font
// families, those of the @font-face rules main.tsx bundles (map/fonts.ts waits for them to load).
//
// Every MapLibre layer carries metadata {"tasmim:layer": <logical layer>} so that the panel's toggle and
// opacity slider find the layers they drive, and its opacity is a function of the logical layer's
// opacity, so the initial style and later updates share one definition (layersOf).
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import type { Lang, PlanKind } from '../../server/shared/schemas.js';
import type { TileCatalog } from '../../server/tiles/schemas.js';
import type { LayerId, LayersState } from '../lib/urlState.js';
import {
  COMMUNE_LINE,
  LAND,
  NOT_IN_FORCE_FACTOR,
  OPINION_COLOURS,
  OVERLAY_COLOURS,
  PARCEL_LINE,
  PLAN_OUTLINE,
  SELECTED,
  ZONE_COLOURS,
} from './palette.js';
import { NAMED_LAYERS, PARCEL_LABEL_MINZOOM, ZONE_LABEL_MINZOOM, labelSource, nameSourceLayer, shapeSource } from './labelPoints.js';
import { pmtilesUrl } from './pmtiles.js';

export const HATCH_IMAGE = 'tasmim-hatch';
export const POINT_SOURCE = 'tasmim-point';
export const PARCEL_FILL = 'parcels-fill';
export const PARCEL_SOURCE_LAYER = 'parcels';
/** Parcels are drawn from this zoom (the minzoom of the parcels tile source). */
export const PARCEL_MINZOOM = 14;
export { PARCEL_LABEL_MINZOOM, ZONE_LABEL_MINZOOM };

/** The agency's territory, [west, south, east, north]: the provinces of Nador, Driouch and Guercif. */
export const TERRITORY_BOUNDS: [number, number, number, number] = [-4.0, 33.8, -2.2, 35.45];

type Meta = { 'tasmim:layer': LayerId; 'tasmim:label'?: LabelText };

/**
 * What a label layer writes: a name in the language (communes and plans carry name_fr and name_ar in
 * their tiles, no English: English falls back to French, as data texts do), or a code as the data
 * writes it in every language (zone codes, parcel references).
 */
export type LabelText = 'name' | 'code' | 'ref';

/**
 * CSS font families, in order: Latin from Noto Sans, Arabic from Noto Sans Arabic (Noto Sans has no
 * Arabic). MapLibre passes the stack to the canvas as a font-family list and sniffs a weight from the
 * first name ("… Bold"); names of fonts the page has not loaded would silently fall back to the
 * system's sans-serif.
 */
export const LABEL_FONT = ['Noto Sans', 'Noto Sans Arabic'];
export const LABEL_HALO = '#ffffff';

function match(property: string, colours: Record<string, string>, fallback: string): ExpressionSpecification {
  const pairs = Object.entries(colours).flat();
  return ['match', ['get', property], ...pairs, fallback] as unknown as ExpressionSpecification;
}

const inForce: ExpressionSpecification = ['==', ['get', 'in_force'], true];
const notInForce: ExpressionSpecification = ['!=', ['get', 'in_force'], true];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const isPolygon: ExpressionSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const isLine: ExpressionSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
const isPoint: ExpressionSpecification = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];

/** Full opacity for zones of plans in force, a fraction of it for the others (in study, expired…). */
function forceOpacity(o: number): ExpressionSpecification {
  return ['case', inForce, o, o * NOT_IN_FORCE_FACTOR];
}

/**
 * The SDAU's fill, full at the scale of the territory, fading out from z11 to z13 where the binding plans'
 * zones are read parcel by parcel (its outline stays): drawn under them it muddled the map.
 */
function fadeUnderLocalPlans(o: number): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'], 11, forceOpacity(o), 13, forceOpacity(o * 0.15)];
}

/**
 * A line as wide on the ground as `width_m` says (planned roads), never thinner than `min` pixels and
 * never wider than MAX_LINE_PX: tiles carry 64/4096 of buffer (8 px of a 512 px tile), and a line wider
 * than twice that is cut off along tile edges, where its axis lies in the neighbouring tile.
 */
function groundWidth(min: number): ExpressionSpecification {
  // Metres per pixel at latitude 35° for 512 px tiles: 40 075 016 × cos 35° / (512 × 2^z) ≈ 64 116 / 2^z.
  const w: ExpressionSpecification = ['coalesce', ['get', 'width_m'], 0];
  const at = (z: number, least: number): ExpressionSpecification => ['min', MAX_LINE_PX, ['max', least, ['/', ['*', w, 2 ** z], 64116]]];
  // A stop per zoom: between two stops the exponential curve is exact, and the caps stay where they bite.
  const stops = Array.from({ length: 11 }, (_, i) => [10 + i, at(10 + i, min)]).flat();
  return ['interpolate', ['exponential', 2], ['zoom'], ...stops] as unknown as ExpressionSpecification;
}
const MAX_LINE_PX = 16;

/**
 * Labels are drawn from points computed in the browser, one per feature (map/labelPoints.ts). Names of
 * communes and plans come from whole shapes: those of one low-zoom tile, the source's own minzoom and
 * at least z6, overzoomed beyond; a transparent fill makes MapLibre load that tile while they are shown.
 */
const SHAPES_MAXZOOM = 6;

function nameLayers(id: LayerId, o: number, lang: Lang, options: { maxzoom: number; size: ExpressionSpecification; colour: string; halo: number }): LayerSpecification[] {
  const metadata: Meta = { 'tasmim:layer': id };
  return [
    {
      id: `${id}-shapes-load`, type: 'fill', source: shapeSource(id), 'source-layer': nameSourceLayer(id), maxzoom: options.maxzoom,
      metadata, paint: { 'fill-opacity': 0 },
    },
    {
      id: id === 'communes' ? 'communes-label' : `${id}-plan-label`, type: 'symbol', source: labelSource(id, 'names'), maxzoom: options.maxzoom,
      metadata: { ...metadata, 'tasmim:label': 'name' },
      layout: labelLayout('name', lang, options.size),
      paint: { 'text-color': options.colour, 'text-halo-color': LABEL_HALO, 'text-halo-width': options.halo, 'text-opacity': labelOpacity(o) },
    },
  ];
}

/** The text of a label layer in a language (see LabelText). */
export function labelText(text: LabelText, lang: Lang): ExpressionSpecification {
  if (text === 'code') return ['to-string', ['get', 'code']];
  if (text === 'ref') return ['to-string', ['get', 'ref']];
  return lang === 'ar'
    ? ['coalesce', ['get', 'name_ar'], ['get', 'name_fr'], '']
    : ['coalesce', ['get', 'name_fr'], ['get', 'name_ar'], ''];
}

/** Labels stay readable over a layer made paler, and vanish with it at 0. */
function labelOpacity(o: number): number {
  return Math.min(1, o * 2);
}

function labelLayout(text: LabelText, lang: Lang, size: ExpressionSpecification | number, maxWidth = 8) {
  return {
    'text-field': labelText(text, lang),
    'text-font': LABEL_FONT,
    'text-size': size,
    'text-max-width': maxWidth,
    'text-padding': 3,
  };
}

function planLayers(kind: PlanKind, o: number, lang: Lang): LayerSpecification[] {
  const meta: Meta = { 'tasmim:layer': kind };
  const base = { source: kind, metadata: meta } as const;
  return [
    {
      ...base, id: `${kind}-fill`, type: 'fill', 'source-layer': 'zones',
      paint: { 'fill-color': match('category', ZONE_COLOURS, '#cccccc'), 'fill-opacity': kind === 'master' ? fadeUnderLocalPlans(o) : forceOpacity(o) },
    },
    {
      ...base, id: `${kind}-hatch`, type: 'fill', 'source-layer': 'zones',
      filter: ['==', ['get', 'category'], 'no_build'],
      paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': forceOpacity(o) },
    },
    {
      ...base, id: `${kind}-zone-line`, type: 'line', 'source-layer': 'zones', filter: inForce,
      paint: {
        'line-color': PLAN_OUTLINE[kind],
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.3, 16, 1],
        'line-opacity': Math.min(1, o + 0.2),
      },
    },
    {
      ...base, id: `${kind}-zone-line-draft`, type: 'line', 'source-layer': 'zones', filter: notInForce,
      paint: {
        'line-color': PLAN_OUTLINE[kind],
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.3, 16, 1],
        'line-dasharray': [3, 3],
        'line-opacity': Math.min(1, o + 0.2) * NOT_IN_FORCE_FACTOR * 2,
      },
    },
    // Below z9 a local plan has no zones in its tiles (migration 0018): its perimeter, tinted, says where it is.
    ...(kind === 'master' ? [] : [{
      ...base, id: `${kind}-plan-fill`, type: 'fill', 'source-layer': 'plans', maxzoom: 9,
      paint: { 'fill-color': PLAN_OUTLINE[kind], 'fill-opacity': forceOpacity(o * 0.5) },
    } satisfies LayerSpecification]),
    {
      ...base, id: `${kind}-perimeter`, type: 'line', 'source-layer': 'plans', filter: inForce,
      paint: {
        'line-color': PLAN_OUTLINE[kind],
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 16, 3],
        'line-opacity': Math.min(1, o + 0.3),
      },
    },
    {
      ...base, id: `${kind}-perimeter-draft`, type: 'line', 'source-layer': 'plans', filter: notInForce,
      paint: {
        'line-color': PLAN_OUTLINE[kind],
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 16, 2.5],
        'line-dasharray': [4, 3],
        'line-opacity': Math.min(1, o + 0.3) * NOT_IN_FORCE_FACTOR * 2,
      },
    },
    {
      // Zone codes where zones are big enough on screen to hold them.
      ...base, id: `${kind}-zone-label`, type: 'symbol', source: labelSource(kind, 'codes'), minzoom: ZONE_LABEL_MINZOOM,
      metadata: { ...meta, 'tasmim:label': 'code' },
      layout: labelLayout('code', lang, ['interpolate', ['linear'], ['zoom'], 14, 11, 18, 14], 6),
      paint: {
        'text-color': ['case', inForce, '#1b1f24', '#4f5761'],
        'text-halo-color': LABEL_HALO, 'text-halo-width': 1.5, 'text-opacity': labelOpacity(o),
      },
    },
    // Plan names while the plans are small on screen; zone codes take over closer in.
    ...nameLayers(kind, o, lang, {
      maxzoom: ZONE_LABEL_MINZOOM, size: ['interpolate', ['linear'], ['zoom'], 8, 11, 13, 14], colour: PLAN_OUTLINE[kind], halo: 1.8,
    }),
  ];
}

function overlayLayers(o: number): LayerSpecification[] {
  const base = { source: 'overlays', 'source-layer': 'overlays', metadata: { 'tasmim:layer': 'overlays' } as Meta } as const;
  const colour = match('kind', OVERLAY_COLOURS, '#555555');
  return [
    { ...base, id: 'overlays-fill', type: 'fill', filter: isPolygon, paint: { 'fill-color': colour, 'fill-opacity': o * 0.3 } },
    {
      ...base, id: 'overlays-hatch', type: 'fill',
      filter: ['all', isPolygon, ['==', ['get', 'kind'], 'no_build']],
      paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': o },
    },
    {
      ...base, id: 'overlays-outline', type: 'line', filter: isPolygon,
      paint: { 'line-color': colour, 'line-width': 1.5, 'line-dasharray': [2, 1.5], 'line-opacity': o },
    },
    {
      ...base, id: 'overlays-line', type: 'line', filter: isLine,
      layout: { 'line-cap': 'butt', 'line-join': 'round' },
      paint: { 'line-color': colour, 'line-width': groundWidth(2), 'line-opacity': o * 0.75 },
    },
    {
      ...base, id: 'overlays-point', type: 'circle', filter: isPoint,
      paint: {
        'circle-color': colour, 'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 7],
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
        'circle-opacity': o, 'circle-stroke-opacity': o,
      },
    },
  ];
}

function communeLayers(o: number, lang: Lang): LayerSpecification[] {
  return [
    {
      id: 'communes-line', type: 'line', source: 'communes', 'source-layer': 'communes',
      metadata: { 'tasmim:layer': 'communes' } as Meta,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COMMUNE_LINE,
        'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.8, 14, 2.5],
        'line-dasharray': [4, 2, 1, 2],
        'line-opacity': o,
      },
    },
    // Up to z13: closer in, the names of communes would crowd those of zones.
    ...nameLayers('communes', o, lang, { maxzoom: 13, size: ['interpolate', ['linear'], ['zoom'], 7, 11, 12, 15], colour: '#33334a', halo: 2 }),
  ];
}

function parcelLayers(o: number): LayerSpecification[] {
  const base = {
    source: 'parcels', 'source-layer': PARCEL_SOURCE_LAYER, minzoom: PARCEL_MINZOOM,
    metadata: { 'tasmim:layer': 'parcels' } as Meta,
  } as const;
  return [
    {
      // Transparent except when selected, but there for clicks: queryRenderedFeatures hits the whole
      // polygon, whatever its opacity.
      ...base, id: PARCEL_FILL, type: 'fill',
      paint: { 'fill-color': SELECTED, 'fill-opacity': ['case', selected, 0.25 * o, 0] },
    },
    {
      ...base, id: 'parcels-line', type: 'line',
      paint: {
        'line-color': ['case', selected, SELECTED, PARCEL_LINE],
        'line-width': ['interpolate', ['linear'], ['zoom'], 14, ['case', selected, 2.5, 0.4], 18, ['case', selected, 4, 1.2]],
        'line-opacity': ['case', selected, 1, o * 0.8],
      },
    },
    {
      id: 'parcels-label', type: 'symbol', source: labelSource('parcels', 'refs'), minzoom: PARCEL_LABEL_MINZOOM,
      metadata: { ...base.metadata, 'tasmim:label': 'ref' } as Meta,
      layout: labelLayout('ref', 'fr', 10, 12),
      paint: { 'text-color': '#3a3a3a', 'text-halo-color': LABEL_HALO, 'text-halo-width': 1.2, 'text-opacity': labelOpacity(o) },
    },
  ];
}

/** Parcels with a studied file, filled with the colour of the agency's latest opinion (tile_studies, 0013). */
function studyLayers(o: number): LayerSpecification[] {
  const base = { source: 'studies', 'source-layer': 'studies', minzoom: STUDIES_MINZOOM, metadata: { 'tasmim:layer': 'studies' } as Meta } as const;
  const colour = match('opinion', OPINION_COLOURS, '#777777');
  return [
    { ...base, id: 'studies-fill', type: 'fill', paint: { 'fill-color': colour, 'fill-opacity': o * 0.55 } },
    { ...base, id: 'studies-line', type: 'line', paint: { 'line-color': colour, 'line-width': 2, 'line-opacity': o } },
  ];
}

/** Studied files are drawn from this zoom (the minzoom of the studies tile source). */
export const STUDIES_MINZOOM = 13;

/** The MapLibre layers of one logical layer, at an opacity 0–1, labels in a language. */
export function layersOf(id: LayerId, opacity: number, lang: Lang = 'fr'): LayerSpecification[] {
  switch (id) {
    case 'communes':
      return communeLayers(opacity, lang);
    case 'overlays':
      return overlayLayers(opacity);
    case 'parcels':
      return parcelLayers(opacity);
    case 'studies':
      return studyLayers(opacity);
    default:
      return planLayers(id, opacity, lang);
  }
}

/** The label layers of a style and what each writes, to rewrite them when the language changes. */
export function labelLayers(style: Pick<StyleSpecification, 'layers'>): Array<{ id: string; text: LabelText }> {
  return style.layers.flatMap((l) => {
    const text = (l.metadata as Partial<Meta> | undefined)?.['tasmim:label'];
    return l.type === 'symbol' && text ? [{ id: l.id, text }] : [];
  });
}

/** Paint properties that carry the opacity of a layer, to update it in place (setPaintProperty). */
export function opacityPaint(id: LayerId, opacity: number): Array<{ layer: string; property: string; value: unknown }> {
  return layersOf(id, opacity).flatMap((l) =>
    Object.entries(('paint' in l && l.paint) || {})
      .filter(([property]) => property.endsWith('opacity'))
      .map(([property, value]) => ({ layer: l.id, property, value })),
  );
}

/** Bottom to top: zones of the broadest plans first, then overlays, communes, parcels. */
export const DRAW_ORDER: readonly LayerId[] = [
  'master', 'development', 'growth', 'restructuring', 'overlays', 'studies', 'communes', 'parcels',
];

export interface StyleOptions {
  catalog: TileCatalog;
  layers: LayersState;
  /** Page address, to make the catalog's TileJSON addresses absolute. */
  baseUrl: string;
  /** An optional external basemap style, drawn under our layers (off by default). */
  basemap?: StyleSpecification | null;
  /** The language of the labels (default French). */
  lang?: Lang;
  /** The plans, overlays and parcels as they were at this date (YYYY-MM-DD; default: today). */
  at?: string | null;
}

const PLAN_SOURCES: ReadonlySet<string> = new Set(['master', 'development', 'growth', 'restructuring']);

/** Bottom to top among labels: the higher ones are placed first when labels collide. */
function labelRank(l: LayerSpecification): number {
  const text = (l.metadata as Partial<Meta> | undefined)?.['tasmim:label'];
  if (text === 'ref') return 0;
  if (text === 'code') return 1;
  return l.id.startsWith('communes') ? 3 : 2;
}

export function buildStyle({ catalog, layers, baseUrl, basemap, lang = 'fr', at = null }: StyleOptions): StyleSpecification {
  const available = new Set(catalog.sources.map((s) => s.id));
  const sources: Record<string, SourceSpecification> = {};
  for (const s of catalog.sources) {
    // The catalog's path on the page's own origin: behind a proxy that rewrites the Host header the
    // catalog could name another host, and the viewer must not leave its own.
    const tilejson = new URL(s.tilejson, baseUrl);
    const url = new URL(tilejson.pathname + tilejson.search, baseUrl);
    // `?at=` only on sources with history (the catalog's `dated`): elsewhere it would only split the cache.
    if (at && s.dated) url.searchParams.set('at', at);
    // An empty attribution replaces the TileJSON's English one: the map credits its sources in the
    // interface language through the attribution control's customAttribution (MapView).
    // ?tiles=pmtiles:<url>: the same source read from its PMTiles archive (client/map/pmtiles.ts).
    const pmtiles = pmtilesUrl(s.id, baseUrl);
    // The catalog gives the tile URL templates: no TileJSON request per source before the first tile.
    // Templates keep their {z}/{x}/{y} (new URL would escape the braces), moved to the page's origin.
    const template = s.tiles?.[0]?.replace(/^[a-z]+:\/\/[^/]+/i, new URL(baseUrl).origin);
    const where = pmtiles
      ? { url: pmtiles }
      : template && s.bounds
        ? { tiles: [at && s.dated ? `${template}&at=${encodeURIComponent(at)}` : template], bounds: s.bounds, minzoom: s.minzoom, maxzoom: s.maxzoom }
        : { url: url.href };
    sources[s.id] = { type: 'vector', ...where, attribution: '' };
    if ((NAMED_LAYERS as readonly string[]).includes(s.id)) {
      sources[shapeSource(s.id)] = { type: 'vector', ...where, attribution: '', maxzoom: Math.max(s.minzoom, SHAPES_MAXZOOM) };
    }
    for (const what of ['names', 'codes', 'refs'] as const) {
      const needed = what === 'names' ? (NAMED_LAYERS as readonly string[]).includes(s.id) : what === 'codes' ? PLAN_SOURCES.has(s.id) : s.id === 'parcels';
      if (needed) sources[labelSource(s.id, what)] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
    }
  }
  sources[POINT_SOURCE] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };

  const drawn: LayerSpecification[] = [];
  for (const id of DRAW_ORDER) {
    if (!available.has(id)) continue;
    const visibility = layers[id].visible ? 'visible' : 'none';
    for (const l of layersOf(id, layers[id].opacity, lang)) {
      drawn.push({ ...l, layout: { ...('layout' in l ? l.layout : {}), visibility } } as LayerSpecification);
    }
  }
  // Every label above every shape, whatever layer it belongs to.
  const labels = drawn.filter((l) => l.type === 'symbol').sort((a, b) => labelRank(a) - labelRank(b));
  const ours = [...drawn.filter((l) => l.type !== 'symbol'), ...labels];
  ours.push({
    id: 'point', type: 'circle', source: POINT_SOURCE,
    paint: { 'circle-radius': 6, 'circle-color': SELECTED, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  });

  if (basemap) {
    return {
      ...basemap,
      sources: { ...basemap.sources, ...sources },
      layers: [...basemap.layers, ...ours],
    };
  }
  return {
    version: 8,
    name: 'Tasmim',
    sources,
    layers: [{ id: 'land', type: 'background', paint: { 'background-color': LAND } }, ...ours],
  };
}

/**
 * The diagonal hatching of no-build zones (non aedificandi), drawn here rather than loaded from a
 * sprite: 16 px square, lines at 45° two pixels wide, RGBA.
 */
export function hatchImage(size = 16): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if ((x + y) % (size / 2) < 2) {
        const i = (y * size + x) * 4;
        data.set([70, 90, 60, 200], i);
      }
    }
  }
  return { width: size, height: size, data };
}
