// The permalink of the current view (the URL fragment holds view, layers, selection and language):
// the system's share sheet where the browser has one (phones), else the clipboard, with the link shown
// and selected so that it can always be copied by hand.
import { useEffect, useRef, useState } from 'react';
import type { Map as MlMap } from 'maplibre-gl';
import { useI18n } from '../i18n/index.js';
import { ToolCard } from './ToolCard.js';

type Outcome = 'copied' | 'copyFailed' | 'shared' | null;

export function ShareCard({ map, title, onClose }: { map: MlMap; title: string; onClose(): void }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome>(null);
  // The address follows the map: the viewer writes the view into it on every moveend, before this runs.
  const [url, setUrl] = useState(() => location.href);
  useEffect(() => {
    const follow = () => {
      setUrl(location.href);
      setOutcome(null);
    };
    map.on('moveend', follow);
    window.addEventListener('hashchange', follow);
    return () => {
      map.off('moveend', follow);
      window.removeEventListener('hashchange', follow);
    };
  }, [map]);
  const input = useRef<HTMLInputElement>(null);
  const canShare = typeof navigator.share === 'function';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setOutcome('copied');
    } catch {
      input.current?.select();
      setOutcome('copyFailed');
    }
  };
  const share = async () => {
    try {
      await navigator.share({ title, url });
      setOutcome('shared');
    } catch (e) {
      // Dismissed by the visitor (AbortError): nothing to say. Refused: fall back to the clipboard.
      if (!(e instanceof DOMException && e.name === 'AbortError')) await copy();
    }
  };

  return (
    <ToolCard name="share" title={t('share.title')} onClose={onClose}>
      <label className="field">
        <span>{t('share.link')}</span>
        <input ref={input} type="url" readOnly value={url} dir="ltr" onFocus={(e) => e.currentTarget.select()} className="share-url" />
      </label>
      <div className="actions">
        {canShare && (
          <button type="button" onClick={() => void share()}>
            {t('share.native')}
          </button>
        )}
        <button type="button" className={canShare ? undefined : 'primary'} onClick={() => void copy()}>
          {t('share.copy')}
        </button>
      </div>
      <p role="status" className={outcome === 'copyFailed' ? 'warn share-status' : 'ok share-status'}>
        {outcome ? t(`share.${outcome}`) : ''}
      </p>
      <p className="muted small">{t('share.keeps')}</p>
    </ToolCard>
  );
}
