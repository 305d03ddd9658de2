// Go to coordinates typed in Lambert Nord Maroc (EPSG:26191), as surveyors and architects give them:
// the map flies there and a marker shows the point, with its WGS84 equivalent.
import { useEffect, useId, useRef, useState } from 'react';
import { Marker } from 'maplibre-gl';
import type { Map as MlMap } from 'maplibre-gl';
import { useI18n } from '../i18n/index.js';
import { formatLatLon } from '../lib/format.js';
import { parseLambertInput } from '../lib/lambertInput.js';
import { ToolCard } from './ToolCard.js';
import { loadLambert } from './useLambert.js';

/** Close enough to see the parcel the point falls in. */
const GOTO_ZOOM = 17;

type Message = { kind: 'error'; key: 'goto.error.empty' | 'goto.error.format' | 'goto.error.range' } | { kind: 'ok'; x: number; y: number; lon: number; lat: number } | null;

export function GotoCard({ map, onClose }: { map: MlMap; onClose(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const marker = useRef<Marker | null>(null);
  useEffect(() => () => void marker.current?.remove(), []);
  useEffect(() => void loadLambert().catch(() => undefined), []);

  const go = async () => {
    const parsed = parseLambertInput(text);
    if (!parsed.ok) {
      setMessage({ kind: 'error', key: `goto.error.${parsed.error}` });
      return;
    }
    const { fromLambert } = await loadLambert();
    const [lon, lat] = fromLambert([parsed.x, parsed.y]);
    marker.current?.remove();
    marker.current = new Marker({ color: '#c2185b' }).setLngLat([lon, lat]).addTo(map);
    marker.current.getElement().setAttribute('aria-label', t('goto.marker'));
    marker.current.getElement().setAttribute('title', t('goto.marker'));
    map.flyTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), GOTO_ZOOM), duration: matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 1500 });
    setMessage({ kind: 'ok', x: parsed.x, y: parsed.y, lon, lat });
  };

  return (
    <ToolCard name="goto" title={t('goto.title')} onClose={onClose}>
      <form
        className="goto-form"
        onSubmit={(e) => {
          e.preventDefault();
          void go();
        }}
      >
        <label htmlFor={`${id}-xy`}>{t('goto.label')}</label>
        <div className="inline">
          <input
            id={`${id}-xy`}
            className="goto-input"
            dir="ltr"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            placeholder="725000 510000"
            value={text}
            aria-invalid={message?.kind === 'error'}
            aria-describedby={`${id}-msg`}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="primary">
            {t('goto.go')}
          </button>
        </div>
      </form>
      <p id={`${id}-msg`} role={message?.kind === 'error' ? 'alert' : 'status'} className={message?.kind === 'error' ? 'warn goto-message' : 'goto-message'}>
        {message?.kind === 'error'
          ? t(message.key)
          : message
            ? t('goto.result', { x: message.x, y: message.y, latlon: formatLatLon(message.lat, message.lon) })
            : ''}
      </p>
    </ToolCard>
  );
}
