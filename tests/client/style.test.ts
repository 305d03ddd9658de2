// The map style built from a catalog: valid for MapLibre, nothing fetched from another host, every
// layer driven by the panel, and a colour for every category and overlay kind.
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { TileCatalog } from '../../server/tiles/schemas.js';
import { OVERLAY_KINDS, ZONE_CATEGORIES } from '../../server/shared/schemas.js';
import { LAYER_IDS, defaultLayers } from '../../client/lib/urlState.js';
import { OVERLAY_COLOURS, ZONE_CATEGORY_ORDER, ZONE_COLOURS } from '../../client/map/palette.js';
import { LABEL_FONT, buildStyle, hatchImage, labelLayers, labelText, layersOf, opacityPaint } from '../../client/map/style.js';

const catalog: TileCatalog = {
  dataVersion: 3,
  sources: LAYER_IDS.map((id) => ({
    id,
    name: id,
    description: id,
    minzoom: id === 'parcels' ? 14 : 0,
    maxzoom: 16,
    // As the server says it (server/tiles/sources.ts): the communes have no history.
    dated: id !== 'communes',
    // As the server writes them: absolute, from the Host header it was reached with.
    tilejson: `http://127.0.0.1:3000/tiles/${id}`,
  })),
};
const base = 'https://tasmim.example.ma/?test#map=10/35/-3';

describe('map style', () => {
  const style = buildStyle({ catalog, layers: defaultLayers(), baseUrl: base });

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('loads nothing from another host: no glyphs, no sprite, sources on our origin', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    for (const [id, source] of Object.entries(style.sources)) {
      if ('url' in source && source.url) expect(new URL(source.url).origin, id).toBe('https://tasmim.example.ma');
      if ('tiles' in source) expect(source.tiles).toBeUndefined();
    }
  });

  it("writes labels with the page's own fonts, no glyph server", () => {
    const labels = style.layers.filter((l) => l.type === 'symbol');
    expect(labels.map((l) => l.id).sort()).toEqual(
      ['communes-label', 'parcels-label', ...['development', 'growth', 'master', 'restructuring'].flatMap((k) => [`${k}-plan-label`, `${k}-zone-label`])].sort(),
    );
    for (const l of labels) expect(l.type === 'symbol' && l.layout?.['text-font'], l.id).toEqual(LABEL_FONT);
    // Above every shape: the first label comes after the last fill or line.
    const firstLabel = style.layers.findIndex((l) => l.type === 'symbol');
    expect(style.layers.slice(firstLabel).every((l) => l.type === 'symbol' || l.id === 'point')).toBe(true);
  });

  it('names communes and plans in the language, from name_ar in Arabic and name_fr otherwise', () => {
    expect(JSON.stringify(labelText('name', 'ar'))).toMatch(/name_ar.*name_fr/);
    expect(JSON.stringify(labelText('name', 'fr'))).toMatch(/name_fr.*name_ar/);
    expect(JSON.stringify(labelText('name', 'en'))).toMatch(/name_fr.*name_ar/);
    const ar = buildStyle({ catalog, layers: defaultLayers(), baseUrl: base, lang: 'ar' });
    const communes = ar.layers.find((l) => l.id === 'communes-label')!;
    expect(JSON.stringify(communes.type === 'symbol' && communes.layout?.['text-field'])).toMatch(/^\["coalesce",\["get","name_ar"\]/);
    expect(labelLayers(ar).find((l) => l.id === 'communes-label')?.text).toBe('name');
    expect(labelLayers(ar).find((l) => l.id === 'parcels-label')?.text).toBe('ref');
  });

  it('asks the plans as of a date when given one, the communes (no history) as they are', () => {
    const past = buildStyle({ catalog, layers: defaultLayers(), baseUrl: base, at: '2015-01-01' });
    const url = (id: string) => new URL((past.sources[id] as { url: string }).url);
    expect(url('development').searchParams.get('at')).toBe('2015-01-01');
    expect(url('development-shapes').searchParams.get('at')).toBe('2015-01-01');
    expect(url('parcels').searchParams.get('at')).toBe('2015-01-01');
    expect(url('communes').searchParams.has('at')).toBe(false);
  });

  it('draws every logical layer and only the visible ones', () => {
    for (const id of LAYER_IDS) {
      const mine = style.layers.filter((l) => (l.metadata as Record<string, string> | undefined)?.['tasmim:layer'] === id);
      expect(mine.length, id).toBeGreaterThan(0);
      const visible = defaultLayers()[id].visible ? 'visible' : 'none';
      for (const l of mine) expect(l.layout?.visibility, l.id).toBe(visible);
    }
  });

  it('leaves out the sources the catalog does not offer', () => {
    const partial = buildStyle({ catalog: { ...catalog, sources: catalog.sources.filter((s) => s.id !== 'master') }, layers: defaultLayers(), baseUrl: base });
    expect(partial.sources.master).toBeUndefined();
    expect(partial.layers.some((l) => 'source' in l && l.source === 'master')).toBe(false);
  });

  it('draws parcels from z14 and highlights the selected one through feature-state', () => {
    const parcels = layersOf('parcels', 1);
    expect(parcels.filter((l) => l.type !== 'symbol').every((l) => l.minzoom === 14)).toBe(true);
    expect(parcels.find((l) => l.type === 'symbol')?.minzoom).toBe(17);
    expect(JSON.stringify(parcels)).toContain('feature-state');
  });

  it('draws plans not in force differently: dashed and paler', () => {
    const dev = layersOf('development', 0.6);
    const draft = dev.find((l) => l.id === 'development-perimeter-draft')!;
    expect(draft.type === 'line' && draft.paint?.['line-dasharray']).toBeTruthy();
    expect(JSON.stringify(dev.find((l) => l.id === 'development-fill'))).toContain('in_force');
  });

  it('changes opacity through the same definitions', () => {
    const props = opacityPaint('development', 0.3);
    expect(props.map((p) => p.layer)).toContain('development-fill');
    expect(JSON.stringify(props.find((p) => p.layer === 'development-fill')!.value)).toContain('0.3');
  });

  it('puts an external basemap under our layers when one is configured', () => {
    const basemap = {
      version: 8 as const,
      glyphs: 'https://basemap.example/{fontstack}/{range}.pbf',
      sources: { osm: { type: 'raster' as const, tiles: ['https://basemap.example/{z}/{x}/{y}.png'], tileSize: 256 } },
      layers: [{ id: 'osm', type: 'raster' as const, source: 'osm' }],
    };
    const s = buildStyle({ catalog, layers: defaultLayers(), baseUrl: base, basemap });
    expect(validateStyleMin(s)).toEqual([]);
    expect(s.layers[0]!.id).toBe('osm');
    expect(s.layers.some((l) => l.type === 'background')).toBe(false);
  });
});

describe('palette', () => {
  it('has a distinct colour for every zone category and a colour for every overlay kind', () => {
    expect(Object.keys(ZONE_COLOURS).sort()).toEqual([...ZONE_CATEGORIES].sort());
    expect([...ZONE_CATEGORY_ORDER].sort()).toEqual([...ZONE_CATEGORIES].sort());
    expect(new Set(Object.values(ZONE_COLOURS)).size).toBe(ZONE_CATEGORIES.length);
    expect(Object.keys(OVERLAY_COLOURS).sort()).toEqual([...OVERLAY_KINDS].sort());
  });

  it('makes the no-build hatching in code, no sprite', () => {
    const img = hatchImage(16);
    expect(img.data.length).toBe(16 * 16 * 4);
    expect(img.data.some((v) => v > 0)).toBe(true);
  });
});
