import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LAYERS,
  coordDecimals,
  defaultLayers,
  parseHash,
  serialiseHash,
} from '../../client/lib/urlState.js';
import type { UrlState } from '../../client/lib/urlState.js';

const state = (over: Partial<UrlState>): UrlState => ({
  view: null,
  layers: defaultLayers(),
  parcel: null,
  point: null,
  project: [],
  lang: null,
  ...over,
});

describe('URL state', () => {
  it('parses the documented example', () => {
    const s = parseHash('#map=15/35.170/-2.930&layers=development,parcels&parcel=123&lang=ar');
    expect(s.view).toEqual({ zoom: 15, lat: 35.17, lon: -2.93 });
    expect(s.parcel).toBe(123);
    expect(s.lang).toBe('ar');
    expect(s.layers.development).toEqual({ visible: true, opacity: DEFAULT_LAYERS.development.opacity });
    expect(s.layers.parcels.visible).toBe(true);
    expect(s.layers.communes.visible).toBe(false);
    expect(s.layers.overlays.visible).toBe(false);
  });

  it('writes the view, the visible layers with their opacity, the parcel and the language', () => {
    const layers = defaultLayers();
    layers.master.opacity = 0.35;
    layers.communes.visible = false;
    const hash = serialiseHash(state({ view: { zoom: 17.25, lat: 35.1712345678, lon: -2.9323456789 }, layers, parcel: 42, lang: 'fr' }));
    expect(hash).toBe('map=17.25/35.171235/-2.932346&layers=master:35,development,growth,restructuring,overlays,parcels&parcel=42&lang=fr');
  });

  it('round-trips every field', () => {
    const layers = defaultLayers();
    layers.development.opacity = 0.9;
    layers.parcels.visible = false;
    const s = state({ view: { zoom: 15, lat: 35.17, lon: -2.93 }, layers, point: { lon: -3.35, lat: 34.23 }, lang: 'en' });
    expect(parseHash('#' + serialiseHash(s))).toEqual(s);
  });

  it('keeps the defaults when layers is absent and hides all when it is empty', () => {
    expect(parseHash('#map=10/35/-3').layers).toEqual(DEFAULT_LAYERS);
    const none = parseHash('#layers=');
    expect(Object.values(none.layers).every((l) => !l.visible)).toBe(true);
    expect(serialiseHash(state({ layers: none.layers }))).toBe('layers=');
  });

  it('ignores invalid values instead of failing', () => {
    const s = parseHash('#map=99/35/-3&parcel=abc&lang=de&layers=nope,parcels:250,communes:x&point=91/0&junk');
    expect(s.view).toBeNull();
    expect(s.parcel).toBeNull();
    expect(s.lang).toBeNull();
    expect(s.point).toBeNull();
    expect(s.layers.parcels).toEqual({ visible: true, opacity: 1 });
    expect(s.layers.communes).toEqual({ visible: true, opacity: 1 });
    expect(parseHash('#parcel=%E0%A4%A').parcel).toBeNull();
    expect(parseHash('').view).toBeNull();
  });

  it('keeps one selection: a parcel wins over a point', () => {
    const s = parseHash('#parcel=7&point=35.1/-2.9');
    expect(s.parcel).toBe(7);
    expect(s.point).toBeNull();
  });

  it('writes as many decimals as the zoom needs, about one pixel', () => {
    expect(coordDecimals(0)).toBe(2);
    expect(coordDecimals(8)).toBe(3);
    expect(coordDecimals(15)).toBe(5);
    expect(coordDecimals(17)).toBe(6);
    expect(serialiseHash(state({ view: { zoom: 8, lat: 34.98765, lon: -3.39 } }))).toMatch(/^map=8\/34.988\/-3.39&/);
  });

  it('carries the project: parcel ids in order, duplicates and junk dropped, at most a selection\'s worth', () => {
    expect(parseHash('#project=12,7,12,x,0,-3,99').project).toEqual([12, 7, 99]);
    expect(parseHash('#project=').project).toEqual([]);
    expect(parseHash(`#project=${Array.from({ length: 80 }, (_, i) => i + 1).join(',')}`).project).toHaveLength(50);
    const hash = serialiseHash(state({ parcel: 7, project: [12, 7] }));
    expect(hash).toMatch(/&parcel=7&project=12,7$/);
    expect(parseHash(hash).project).toEqual([12, 7]);
    expect(serialiseHash(state({}))).not.toMatch(/project=/);
  });
});
