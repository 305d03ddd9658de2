// The applicant follows a file by its number (GET /api/studies/:number): the agency's opinion, its date,
// its conditions. The server's message says what to check when no file has that number.
import { useState, type FormEvent } from 'react';
import type { Study } from '../../server/studies/schemas.js';
import { ApiError, errorMessage, getJson } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { StudyCard } from '../panels/StudyCard.js';

type State = { state: 'idle' } | { state: 'loading' } | { state: 'ok'; study: Study } | { state: 'error'; error: ApiError };

export function StudyLookup() {
  const { t } = useI18n();
  const [number, setNumber] = useState('');
  const [state, setState] = useState<State>({ state: 'idle' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = number.trim();
    if (!n) return;
    setState({ state: 'loading' });
    getJson<Study>(`/api/studies/${encodeURIComponent(n)}`).then(
      (study) => setState({ state: 'ok', study }),
      (err: unknown) => setState({ state: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'client', String(err)) }),
    );
  };
  return (
    <section className="study-lookup" aria-labelledby="lookup-title">
      <h2 id="lookup-title">{t('lookup.title')}</h2>
      <p>{t('lookup.intro')}</p>
      <form onSubmit={submit}>
        <label>
          {t('lookup.label')}
          <input name="number" value={number} onChange={(e) => setNumber(e.target.value)} maxLength={60} autoComplete="off" />
        </label>
        <button type="submit">{t('lookup.submit')}</button>
      </form>
      <div aria-live="polite">
        {state.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
        {state.state === 'error' && <p role="alert">{errorMessage(state.error, t)}</p>}
        {state.state === 'ok' && (
          <ul className="studies">
            <StudyCard study={state.study} />
          </ul>
        )}
      </div>
    </section>
  );
}
