// The coordinates of the point under the cursor (of the map's centre on touch screens, which have no
// cursor), in WGS84 and in Lambert Nord Maroc (EPSG:26191), the system the agency's documents use.
// Written with Latin digits in every language, as survey documents write them; the Lambert pair reads
// back in "go to coordinates".
import { useEffect, useState } from 'react';
import type { MapMouseEvent, Map as MlMap } from 'maplibre-gl';
import { useI18n } from '../i18n/index.js';
import { formatLatLon } from '../lib/format.js';
import type { LonLat } from '../lib/urlState.js';
import { useLambert } from '../panels/useLambert.js';

export function Coordinates({ map }: { map: MlMap }) {
  const { t } = useI18n();
  const lambert = useLambert();
  const [at, setAt] = useState<{ p: LonLat; cursor: boolean }>(() => {
    const c = map.getCenter();
    return { p: { lon: c.lng, lat: c.lat }, cursor: false };
  });
  useEffect(() => {
    let frame = 0;
    let next: { p: LonLat; cursor: boolean } | null = null;
    // One update per frame at most: mousemove fires far more often than the screen refreshes.
    const set = (v: { p: LonLat; cursor: boolean }) => {
      next = v;
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        if (next) setAt(next);
      });
    };
    let hovering = false;
    const onMove = (e: MapMouseEvent) => {
      const mouse = (e.originalEvent as PointerEvent).pointerType;
      if (mouse !== undefined && mouse !== 'mouse') return;
      hovering = true;
      set({ p: { lon: e.lngLat.lng, lat: e.lngLat.lat }, cursor: true });
    };
    const onOut = () => {
      hovering = false;
      const c = map.getCenter();
      set({ p: { lon: c.lng, lat: c.lat }, cursor: false });
    };
    const onPan = () => {
      if (hovering) return;
      const c = map.getCenter();
      set({ p: { lon: c.lng, lat: c.lat }, cursor: false });
    };
    map.on('mousemove', onMove);
    map.on('mouseout', onOut);
    map.on('move', onPan);
    return () => {
      cancelAnimationFrame(frame);
      map.off('mousemove', onMove);
      map.off('mouseout', onOut);
      map.off('move', onPan);
    };
  }, [map]);

  const [x, y] = lambert ? lambert.toLambert([at.p.lon, at.p.lat]) : [null, null];
  return (
    <div className="coordinates" role="group" aria-label={t('coords.label')}>
      <span className="muted">{at.cursor ? t('coords.cursor') : t('coords.centre')}</span>{' '}
      <span dir="ltr" className="coords-wgs84">
        WGS84 {formatLatLon(at.p.lat, at.p.lon)}
      </span>
      {x != null && y != null && (
        <>
          {' · '}
          <span className="coords-lambert">
            <abbr title="EPSG:26191">{t('coords.lambert')}</abbr>{' '}
            <span dir="ltr">
              X {Math.round(x)} Y {Math.round(y)}
            </span>
          </span>
        </>
      )}
    </div>
  );
}
