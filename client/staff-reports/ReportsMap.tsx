// The reports on a map: the agency's own tiles (communes, plans, parcels; nothing from another host) and
// the reports as points coloured by status. A click on a point opens the report.
import { Map as MlMap, NavigationControl, type GeoJSONSource } from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import { useEffect, useRef } from 'react';
import type { TileCatalog } from '../../server/tiles/schemas.js';
import { getJson } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { DEFAULT_LAYERS } from '../lib/urlState.js';
import { addStyle } from '../report/page.js';
import { buildStyle, HATCH_IMAGE, hatchImage, TERRITORY_BOUNDS } from '../map/style.js';

// Inlined like the page's own styles (report/page.tsx says why), before our rules so they win.
addStyle(maplibreCss);

const SOURCE = 'reports';
const EMPTY = { type: 'FeatureCollection' as const, features: [] };

export interface ReportsMapProps {
  path: string;
  version: number;
  selected: number | null;
  onSelect(id: number): void;
  label: string;
}

export function ReportsMap({ path, version, selected, onSelect, label }: ReportsMapProps) {
  const { lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MlMap | null>(null);
  const ready = useRef<Promise<void> | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const ctl = new AbortController();
    let m: MlMap | null = null;
    ready.current = getJson<TileCatalog>('/tiles', ctl.signal).then((catalog) => {
      const layers = { ...DEFAULT_LAYERS, parcels: { visible: true, opacity: 1 } };
      const style = buildStyle({ catalog, layers, baseUrl: location.href, lang });
      style.sources[SOURCE] = { type: 'geojson', data: EMPTY };
      style.layers.push({
        id: 'reports',
        type: 'circle',
        source: SOURCE,
        paint: {
          'circle-radius': ['case', ['boolean', ['feature-state', 'selected'], false], 10, 7],
          'circle-color': ['match', ['get', 'status'], 'open', '#a4002a', 'answered', '#b06f00', '#1e6b35'],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      });
      m = new MlMap({ container: box.current!, style, bounds: TERRITORY_BOUNDS, attributionControl: false });
      m.addControl(new NavigationControl({ showCompass: false }));
      m.on('styleimagemissing', (e: { id: string }) => {
        if (e.id === HATCH_IMAGE && !m!.hasImage(HATCH_IMAGE)) m!.addImage(HATCH_IMAGE, hatchImage());
      });
      m.on('click', 'reports', (e) => {
        const id = e.features?.[0]?.id;
        if (typeof id === 'number') select.current(id);
      });
      map.current = m;
      return new Promise<void>((resolve) => m!.once('load', () => resolve()));
    });
    return () => {
      ctl.abort();
      m?.remove();
      map.current = null;
    };
    // The map is made once; the language of its labels is the page's at that time.
  }, []);

  useEffect(() => {
    const ctl = new AbortController();
    void Promise.all([ready.current, getJson<GeoJSON.FeatureCollection>(path, ctl.signal)]).then(
      ([, data]) => (map.current?.getSource(SOURCE) as GeoJSONSource | undefined)?.setData(data),
      () => {},
    );
    return () => ctl.abort();
  }, [path, version]);

  useEffect(() => {
    const m = map.current;
    if (!m || selected == null) return;
    m.removeFeatureState({ source: SOURCE });
    m.setFeatureState({ source: SOURCE, id: selected }, { selected: true });
  }, [selected, version]);

  return <div ref={box} className="staff-map" role="region" aria-label={label} />;
}
