// ?tiles=pmtiles:<url>: which sources the style reads from PMTiles archives, and from where.
import { describe, expect, it } from 'vitest';
import { LAYER_IDS, defaultLayers } from '../../client/lib/urlState.js';
import { pmtilesBase, pmtilesUrl } from '../../client/map/pmtiles.js';
import { buildStyle } from '../../client/map/style.js';
import type { TileCatalog } from '../../server/tiles/schemas.js';

describe('PMTiles mode', () => {
  it('is off without ?tiles=pmtiles:', () => {
    expect(pmtilesBase('http://127.0.0.1:3000/?lang=fr#map=12/35.1/-2.9')).toBeNull();
    expect(pmtilesBase('http://127.0.0.1:3000/?tiles=server')).toBeNull();
    expect(pmtilesBase('http://127.0.0.1:3000/?tiles=pmtiles:')).toBeNull();
    expect(pmtilesUrl('parcels', 'http://127.0.0.1:3000/')).toBeNull();
  });

  it('names one archive per source, absolute, from an absolute or relative folder', () => {
    const cdn = 'http://127.0.0.1:3000/?tiles=pmtiles:https://cdn.example.org/tasmim/2026-11/';
    expect(pmtilesBase(cdn)).toBe('https://cdn.example.org/tasmim/2026-11');
    expect(pmtilesUrl('parcels', cdn)).toBe('pmtiles://https://cdn.example.org/tasmim/2026-11/parcels.pmtiles');
    expect(pmtilesUrl('communes', 'http://127.0.0.1:3000/app/?tiles=pmtiles:/pmtiles')).toBe('pmtiles://http://127.0.0.1:3000/pmtiles/communes.pmtiles');
  });
});

describe('the style in PMTiles mode', () => {
  const catalog: TileCatalog = {
    dataVersion: 3,
    sources: LAYER_IDS.map((id) => ({ id, name: id, description: id, minzoom: 0, maxzoom: 16, dated: id !== 'communes', tilejson: `http://127.0.0.1:3000/tiles/${id}` })),
  };
  it('reads every tile source from its archive, and only there', () => {
    const style = buildStyle({ catalog, layers: defaultLayers(), baseUrl: 'https://tasmim.example.ma/?tiles=pmtiles:https://cdn.example.org/t' });
    const urls = Object.values(style.sources).flatMap((s) => ('url' in s && s.url ? [s.url] : []));
    expect(urls.length).toBeGreaterThanOrEqual(LAYER_IDS.length);
    for (const u of urls) expect(u).toMatch(/^pmtiles:\/\/https:\/\/cdn\.example\.org\/t\/[a-z]+\.pmtiles$/);
    const plain = buildStyle({ catalog, layers: defaultLayers(), baseUrl: 'https://tasmim.example.ma/' });
    expect(Object.values(plain.sources).some((s) => 'url' in s && String(s.url).startsWith('pmtiles:'))).toBe(false);
  });
});
