// What can be done with a selection (one parcel, a project of several, a polygon or typed coordinates):
// download its extract (GeoJSON in Lambert or WGS84, DXF, zipped Shapefile, plain links) and get the
// indicative note (POST /api/notes), whose PDF and printable page are then linked with its reference.
import { useState } from 'react';
import type { NoteIssued } from '../../server/notes/schemas.js';
import { ApiError, errorMessage } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { extractPath, localUrl, requestNote } from '../lib/selection.js';
import type { Selection } from '../lib/selection.js';

type NoteState = { state: 'idle' } | { state: 'loading' } | { state: 'ok'; note: NoteIssued } | { state: 'error'; error: ApiError };

export function SelectionActions({ selection }: { selection: Selection }) {
  const { lang, t } = useI18n();
  const [note, setNote] = useState<NoteState>({ state: 'idle' });
  const links: Array<[string, string]> = [
    [t('extract.geojsonLambert'), extractPath(selection, 'geojson', 'EPSG:26191')],
    [t('extract.geojsonWgs84'), extractPath(selection, 'geojson', 'EPSG:4326')],
    [t('extract.dxf'), extractPath(selection, 'dxf', 'EPSG:26191')],
    [t('extract.shapefile'), extractPath(selection, 'shp.zip', 'EPSG:26191')],
  ];
  const ask = () => {
    setNote({ state: 'loading' });
    requestNote(selection, lang, lang).then(
      (n) => setNote({ state: 'ok', note: n }),
      (e: unknown) => setNote({ state: 'error', error: e instanceof ApiError ? e : new ApiError(0, 'client', String(e)) }),
    );
  };
  return (
    <div className="selection-actions">
      <p className="extract-title">{t('extract.title')}</p>
      <ul className="extract-links">
        {links.map(([label, href]) => (
          <li key={href}>
            <a href={href} download>
              {label}
            </a>
          </li>
        ))}
      </ul>
      <button type="button" className="note-request" onClick={ask} disabled={note.state === 'loading'} aria-busy={note.state === 'loading'}>
        {note.state === 'loading' ? t('note.requesting') : t('note.request')}
      </button>
      <div aria-live="polite" className="note-result">
        {note.state === 'ok' && (
          <p>
            {t('note.reference', { ref: note.note.reference })}{' '}
            <a className="note-pdf" href={localUrl(note.note.urls.pdf)} target="_blank" rel="noopener">
              {t('note.pdf')}
            </a>
            {' · '}
            <a className="note-page" href={localUrl(note.note.urls.page)} target="_blank" rel="noopener">
              {t('note.page')}
            </a>
          </p>
        )}
        {note.state === 'error' && <p role="alert">{t('note.error', { message: errorMessage(note.error, t) })}</p>}
      </div>
    </div>
  );
}
