// "Report a problem" from a parcel sheet or the zoning at a point: a category, a description, an
// optional photo and an optional contact, sent to POST /api/reports. The answer is the report number
// and its tracking code, with the link of the follow page (the two in its #fragment).
import { useState, type FormEvent } from 'react';
import type { ReportCategory } from '../../server/reports/schemas.js';
import { errorMessage, type ApiError } from '../api.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { asApiError, send } from '../lib/send.js';

const CATEGORIES: ReportCategory[] = ['wrong_zone', 'outdated_rule', 'missing_road', 'other'];
const PHOTO_MAX = 5 * 1024 * 1024;

interface Created {
  number: string;
  trackingCode: string;
  followUrl: string;
}

type State = { state: 'idle' } | { state: 'sending' } | { state: 'sent'; report: Created } | { state: 'error'; error: ApiError | null; message?: string };

export type ReportPlace = { parcelId: number } | { lon: number; lat: number };

export function ReportProblem({ place }: { place: ReportPlace }) {
  const { lang, t } = useI18n();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<State>({ state: 'idle' });

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const photo = data.get('photo');
    if (photo instanceof File && photo.size > PHOTO_MAX) {
      setState({ state: 'error', error: null, message: t('report.photoTooLarge') });
      return;
    }
    if (photo instanceof File && photo.size === 0) data.delete('photo');
    if ('parcelId' in place) data.set('parcelId', String(place.parcelId));
    else {
      data.set('lon', place.lon.toFixed(7));
      data.set('lat', place.lat.toFixed(7));
    }
    data.set('lang', lang);
    setState({ state: 'sending' });
    send<Created>('POST', '/api/reports', data, { lang }).then(
      (report) => setState({ state: 'sent', report }),
      (err: unknown) => setState({ state: 'error', error: asApiError(err) }),
    );
  };

  if (!open) {
    return (
      <p>
        <button type="button" className="report-open" onClick={() => setOpen(true)}>
          {t('report.open')}
        </button>
      </p>
    );
  }
  if (state.state === 'sent') {
    const { number, trackingCode, followUrl } = state.report;
    const local = new URL(followUrl, location.href);
    return (
      <div className="report-sent" role="status">
        <p>{t('report.sent', { number })}</p>
        <p>
          {t('report.code')} <code className="report-code">{trackingCode}</code>
        </p>
        <p className="muted">{t('report.keep')}</p>
        <p>
          <a className="report-follow" href={`${local.pathname}${local.hash}`} target="_blank" rel="noopener">
            {t('report.followLink')}
          </a>
        </p>
      </div>
    );
  }
  return (
    <form className="report-form" onSubmit={submit} aria-label={t('report.open')}>
      <h3>{t('report.open')}</h3>
      <label>
        {t('report.category')}
        <select name="category" defaultValue="wrong_zone" required>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`report.category.${c}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('report.description')}
        <textarea name="description" required maxLength={4000} rows={4} />
      </label>
      <label>
        {t('report.photo')}
        <input type="file" name="photo" accept="image/jpeg,image/png,image/webp" />
      </label>
      <label>
        {t('report.contact')}
        <input type="text" name="contact" maxLength={254} autoComplete="email" inputMode="email" />
      </label>
      <p className="muted">{t('report.privacy')}</p>
      {state.state === 'error' && (
        <p role="alert" className="warn">
          {state.error ? errorMessage(state.error, t) : state.message}
        </p>
      )}
      <button type="submit" disabled={state.state === 'sending'}>
        {state.state === 'sending' ? t('report.sending') : t('report.send')}
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        {t('report.cancel')}
      </button>
    </form>
  );
}
