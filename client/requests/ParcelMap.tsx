// A small map of the territory for the requests desk and the file view: a tap on a parcel picks it
// (the viewer's own style and picking, map/style.ts and map/MapView.tsx); a land outline can be drawn.
import { Map as MlMap, type LngLatBoundsLike } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { Geometry as GeometrySchema } from '../../server/shared/schemas.js';
import type { Static } from 'typebox';

type Geometry = Static<typeof GeometrySchema>;
import type { TileCatalog } from '../../server/tiles/schemas.js';
import { useApi } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { defaultLayers } from '../lib/urlState.js';
import { buildStyle, TERRITORY_BOUNDS } from '../map/style.js';
import { pickAt, prepareMap } from '../map/MapView.js';

const LAND = 'request-land';

function boundsOf(g: Geometry): LngLatBoundsLike | null {
  const xs: number[] = [];
  const ys: number[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      xs.push(c[0] as number);
      ys.push(c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(g.coordinates);
  return xs.length ? [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] : null;
}

export function ParcelMap({ land, onPick }: { land?: Geometry | null; onPick?(p: { parcelId: number | null; lon: number; lat: number }): void }) {
  const { t } = useI18n();
  const catalog = useApi<TileCatalog>('/tiles');
  const container = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const landKey = land ? JSON.stringify(land) : '';

  useEffect(() => {
    if (catalog.state !== 'ok' || !container.current) return;
    const map = new MlMap({
      container: container.current,
      style: buildStyle({ catalog: catalog.data, layers: defaultLayers(), baseUrl: location.href }),
      bounds: TERRITORY_BOUNDS,
      fitBoundsOptions: { padding: 10 },
      attributionControl: false,
      dragRotate: false,
      touchPitch: false,
    });
    const labels = prepareMap(map);
    map.on('click', (e) => {
      const p = pickAt(map, e.point);
      pick.current?.({ parcelId: p.parcelId, lon: p.lngLat.lon, lat: p.lngLat.lat });
    });
    map.on('load', () => {
      if (!land) return;
      map.addSource(LAND, { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: land as GeoJSON.Geometry } });
      map.addLayer({ id: LAND, type: 'line', source: LAND, paint: { 'line-color': '#d0021b', 'line-width': 3 } });
      const b = boundsOf(land);
      if (b) map.fitBounds(b, { padding: 40, maxZoom: 18, duration: 0 });
    });
    // The label follower first: a frame it asked for must not read a removed map.
    return () => {
      labels.stop();
      map.remove();
    };
    // The outline by value: a file reloaded after a step has a new but equal geometry object.
  }, [catalog, landKey]);

  return (
    <div className="desk-map" ref={container} role="application" aria-label={t('req.map.label')}>
      {catalog.state === 'loading' && <p className="small">{t('app.loading')}</p>}
    </div>
  );
}
