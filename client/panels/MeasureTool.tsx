// Measure a distance or an area on the map: click or tap points, double-click, Enter or "Finish" to end,
// Escape to cancel, Backspace to remove the last point. The shape is drawn in a GeoJSON source of the
// map; lengths and areas are geodesic (lib/measure.ts). While it is open, clicks on the map place
// points instead of opening sheets (App checks the tool before picking).
import { useEffect, useRef, useState } from 'react';
import type { GeoJSONSource, MapMouseEvent, Map as MlMap } from 'maplibre-gl';
import { useI18n } from '../i18n/index.js';
import { withStyle } from '../map/MapView.js';
import { formatArea, formatLength } from '../lib/format.js';
import { measure, measureGeoJson } from '../lib/measure.js';
import type { MeasureMode } from '../lib/measure.js';
import type { LonLat } from '../lib/urlState.js';
import { ToolCard } from './ToolCard.js';

const SOURCE = 'tasmim-measure';
const INK = '#c2185b';
/** A second click closer than this to the last point is the first half of a double-click, not a point. */
const SAME_POINT_PX = 5;

function install(map: MlMap): void {
  if (map.getSource(SOURCE)) return;
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({ id: 'measure-area', type: 'fill', source: SOURCE, filter: ['==', ['get', 'role'], 'area'], paint: { 'fill-color': INK, 'fill-opacity': 0.15 } });
  map.addLayer({
    id: 'measure-line', type: 'line', source: SOURCE, filter: ['==', ['get', 'role'], 'line'],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': INK, 'line-width': 3, 'line-dasharray': [2, 1] },
  });
  map.addLayer({
    id: 'measure-vertex', type: 'circle', source: SOURCE, filter: ['==', ['get', 'role'], 'vertex'],
    paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': INK, 'circle-stroke-width': 2.5 },
  });
}

function uninstall(map: MlMap): void {
  for (const id of ['measure-vertex', 'measure-line', 'measure-area']) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(SOURCE)) map.removeSource(SOURCE);
}

export function MeasureTool({ map, onClose }: { map: MlMap; onClose(): void }) {
  const { lang, t } = useI18n();
  const [mode, setMode] = useState<MeasureMode>('distance');
  const [points, setPoints] = useState<LonLat[]>([]);
  const [done, setDone] = useState(false);
  const [cursor, setCursor] = useState<LonLat | null>(null);
  const now = useRef({ points, done });
  now.current = { points, done };

  useEffect(() => {
    let live = true;
    withStyle(map, () => live && install(map));
    map.doubleClickZoom.disable();
    const container = map.getCanvasContainer();
    container.classList.add('measuring');
    const onClick = (e: MapMouseEvent) => {
      const p = { lon: e.lngLat.lng, lat: e.lngLat.lat };
      const { points, done } = now.current;
      if (done) {
        setPoints([p]);
        setDone(false);
        return;
      }
      const last = points[points.length - 1];
      if (last) {
        const q = map.project([last.lon, last.lat]);
        if (Math.hypot(q.x - e.point.x, q.y - e.point.y) < SAME_POINT_PX) return;
      }
      setPoints([...points, p]);
    };
    const onDoubleClick = (e: MapMouseEvent) => {
      e.preventDefault();
      if (now.current.points.length > 1) setDone(true);
    };
    const onMove = (e: MapMouseEvent) => {
      if (!now.current.done && now.current.points.length > 0) setCursor({ lon: e.lngLat.lng, lat: e.lngLat.lat });
    };
    const onKey = (e: KeyboardEvent) => {
      const { points, done } = now.current;
      if (e.key === 'Enter' && points.length > 1) setDone(true);
      else if (e.key === 'Escape' && points.length > 0) {
        // The first Escape cancels the measure; the next one (in the card) closes the tool.
        e.preventDefault();
        setPoints([]);
        setDone(false);
      } else if (e.key === 'Backspace' && points.length > 0 && !done) setPoints(points.slice(0, -1));
      else return;
      e.stopPropagation();
    };
    map.on('click', onClick);
    map.on('dblclick', onDoubleClick);
    map.on('mousemove', onMove);
    container.addEventListener('keydown', onKey);
    return () => {
      live = false;
      map.off('click', onClick);
      map.off('dblclick', onDoubleClick);
      map.off('mousemove', onMove);
      container.removeEventListener('keydown', onKey);
      container.classList.remove('measuring');
      map.doubleClickZoom.enable();
      if (map.style) uninstall(map);
    };
  }, [map]);

  useEffect(() => {
    map.getSource<GeoJSONSource>(SOURCE)?.setData(measureGeoJson(points, mode, done ? null : cursor));
  }, [map, points, mode, cursor, done]);

  const live = done || cursor == null ? points : [...points, cursor];
  const m = measure(live, mode);
  const restart = () => {
    setPoints([]);
    setDone(false);
    setCursor(null);
  };

  return (
    <ToolCard name="measure" title={t('measure.title')} onClose={onClose}>
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('measure.mode')}</legend>
        {(['distance', 'area'] as const).map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="measure-mode"
              value={m}
              checked={mode === m}
              onChange={() => {
                setMode(m);
                setDone(false);
              }}
            />
            <span>{t(m === 'distance' ? 'measure.distance' : 'measure.area')}</span>
          </label>
        ))}
      </fieldset>
      <p className="muted small">{t('measure.help')}</p>
      <dl className="facts measure-result" aria-live={done ? 'polite' : 'off'}>
        {mode === 'area' ? (
          <>
            <dt>{t('measure.areaValue')}</dt>
            <dd className="measure-area" data-m2={m.areaM2 ?? 0}>
              {m.areaM2 != null ? formatArea(m.areaM2, lang) : '—'}
            </dd>
            <dt>{t('measure.perimeter')}</dt>
            <dd className="measure-length" data-m={m.lengthM}>
              {m.areaM2 != null ? formatLength(m.lengthM, lang) : '—'}
            </dd>
          </>
        ) : (
          <>
            <dt>{t('measure.length')}</dt>
            <dd className="measure-length" data-m={m.lengthM}>
              {points.length > 0 ? formatLength(m.lengthM, lang) : '—'}
            </dd>
          </>
        )}
        <dt>{t('measure.points')}</dt>
        <dd>{points.length}</dd>
      </dl>
      <p className="muted small" role="status">
        {done ? t('measure.done') : points.length === 0 ? t('measure.none') : ''}
      </p>
      <div className="actions">
        <button type="button" onClick={() => setDone(true)} disabled={done || points.length < (mode === 'area' ? 3 : 2)}>
          {t('measure.finish')}
        </button>
        <button type="button" onClick={() => setPoints(points.slice(0, -1))} disabled={done || points.length === 0}>
          {t('measure.undo')}
        </button>
        <button type="button" onClick={restart} disabled={points.length === 0}>
          {t('measure.clear')}
        </button>
      </div>
      <p className="muted small">{t('measure.geodesic')}</p>
    </ToolCard>
  );
}
