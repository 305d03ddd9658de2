// The draft's zones on a MapLibre map of its own (GeoJSON from the drafts API; no tiles: a draft is never
// in them), the problems of the report as points, and the selected problem highlighted: the map moves to
// it, draws it larger and outlines the zones of its code.
import { Map as MlMap, NavigationControl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { ZoneCategory } from '../../server/shared/schemas.js';
import { useI18n } from '../i18n/index.js';
import { dirOf } from '../lib/lang.js';
import { LAND, SELECTED, ZONE_COLOURS } from '../map/palette.js';
import { TERRITORY_BOUNDS } from '../map/style.js';
import type { DraftDetail, Problem } from './types.js';

export type ZoneCollection = DraftDetail['zones'];

declare global {
  interface Window {
    /** For the browser tests: the workspace's map. */
    __planner?: { map: MlMap };
  }
}

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

function categoryColour(): unknown[] {
  const match: unknown[] = ['match', ['get', 'category']];
  for (const [cat, colour] of Object.entries(ZONE_COLOURS) as [ZoneCategory, string][]) match.push(cat, colour);
  match.push('#999999');
  return match;
}

function style(): StyleSpecification {
  return {
    version: 8,
    sources: {
      zones: { type: 'geojson', data: EMPTY },
      problems: { type: 'geojson', data: EMPTY },
      selected: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'land', type: 'background', paint: { 'background-color': LAND } },
      { id: 'zones-fill', type: 'fill', source: 'zones', paint: { 'fill-color': categoryColour() as never, 'fill-opacity': 0.55 } },
      { id: 'zones-line', type: 'line', source: 'zones', paint: { 'line-color': '#333333', 'line-width': 1 } },
      { id: 'zones-highlight', type: 'line', source: 'zones', filter: ['==', ['get', 'code'], '\u0000'], paint: { 'line-color': SELECTED, 'line-width': 4 } },
      { id: 'problems', type: 'circle', source: 'problems', paint: { 'circle-radius': 5, 'circle-color': '#f0a000', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } },
      { id: 'selected', type: 'circle', source: 'selected', paint: { 'circle-radius': 10, 'circle-color': SELECTED, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 } },
    ],
  };
}

const point = (lon: number, lat: number, props: Record<string, unknown> = {}) => ({
  type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [lon, lat] }, properties: props,
});

export function DraftMap({ zones, bbox, problems, selected }: {
  zones: ZoneCollection | null; bbox: readonly number[] | null; problems: Problem[]; selected: Problem | null;
}) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MlMap | null>(null);
  const loaded = useRef<Promise<void> | null>(null);

  useEffect(() => {
    const map = new MlMap({
      container: box.current!,
      style: style(),
      bounds: TERRITORY_BOUNDS,
      attributionControl: false,
      // The keyboard moves the map once it has the focus (arrows, +/-), as in the viewer.
      keyboard: true,
    });
    map.addControl(new NavigationControl({ showCompass: false }), dirOf(lang) === 'rtl' ? 'top-left' : 'top-right');
    mapRef.current = map;
    loaded.current = new Promise((resolve) => map.once('load', () => resolve()));
    window.__planner = { map };
    return () => {
      map.remove();
      mapRef.current = null;
      if (window.__planner?.map === map) delete window.__planner;
    };
    // The controls' side is chosen once; a change of language keeps the map.
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    void loaded.current?.then(() => {
      (map?.getSource('zones') as GeoJSONSource | undefined)?.setData((zones as GeoJSON.FeatureCollection | null) ?? EMPTY);
      const located = problems.filter((p) => p.location).map((p) => point(p.location!.lon, p.location!.lat, { code: p.code }));
      (map?.getSource('problems') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: located });
      if (bbox && bbox.length >= 4) map?.fitBounds([bbox[0]!, bbox[1]!, bbox[2]!, bbox[3]!], { padding: 30, animate: false });
    });
  }, [zones, bbox, problems]);

  useEffect(() => {
    const map = mapRef.current;
    void loaded.current?.then(() => {
      if (!map) return;
      const loc = selected?.location;
      (map.getSource('selected') as GeoJSONSource | undefined)?.setData(loc ? { type: 'FeatureCollection', features: [point(loc.lon, loc.lat)] } : EMPTY);
      map.setFilter('zones-highlight', ['==', ['get', 'code'], selected?.feature?.code ?? (selected?.params.code as string | undefined) ?? '\u0000']);
      if (loc) map.jumpTo({ center: [loc.lon, loc.lat], zoom: Math.max(map.getZoom(), 16) });
    });
  }, [selected]);

  return <div ref={box} className="planner-map" role="region" aria-label={t('planner.map.label')} tabIndex={0} />;
}
