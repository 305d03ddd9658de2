// The public follow page of a report (/report/): the number and tracking code come in the #fragment of
// the link given at sending (a fragment is never sent to a server, so the code is in no log), or are
// typed; the page asks POST /api/reports/follow and shows the status, the steps and the agency's answer.
import { useEffect, useState, type FormEvent } from 'react';
import type { ReportFollow } from '../../server/reports/schemas.js';
import { errorMessage, type ApiError } from '../api.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { formatDate } from '../lib/format.js';
import { dirOf } from '../lib/lang.js';
import { asApiError, send } from '../lib/send.js';
import { ComplaintsNote, mountPage } from './page.js';

type State = { state: 'idle' } | { state: 'loading' } | { state: 'ok'; report: ReportFollow } | { state: 'error'; error: ApiError };

function fromFragment(): { number: string; code: string } {
  const p = new URLSearchParams(location.hash.slice(1));
  return { number: p.get('n') ?? '', code: p.get('c') ?? '' };
}

function FollowPage() {
  const { lang, t } = useI18n();
  const initial = fromFragment();
  const [number, setNumber] = useState(initial.number);
  const [code, setCode] = useState(initial.code);
  const [result, setResult] = useState<State>({ state: 'idle' });
  const ask = (n: string, c: string) => {
    setResult({ state: 'loading' });
    send<ReportFollow>('POST', '/api/reports/follow', { number: n, code: c }, { lang }).then(
      (report) => setResult({ state: 'ok', report }),
      (e: unknown) => setResult({ state: 'error', error: asApiError(e) }),
    );
  };
  useEffect(() => {
    if (initial.number && initial.code) ask(initial.number, initial.code);
    // Once, from the link the reporter followed.
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask(number, code);
  };
  return (
    <>
      <p>{t('follow.intro')}</p>
      <form onSubmit={submit} className="card follow-form">
        <label>
          {t('follow.number')}
          <input name="number" value={number} onChange={(e) => setNumber(e.target.value)} required placeholder="SIG-2026-000123" autoComplete="off" />
        </label>
        <label>
          {t('follow.code')}
          <input name="code" value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" spellCheck={false} />
        </label>
        <button type="submit">{t('follow.submit')}</button>
      </form>
      <div aria-live="polite">
        {result.state === 'loading' && <p>{t('common.loading')}</p>}
        {result.state === 'error' && (
          <p role="alert" className="warn">
            {errorMessage(result.error, t)}
          </p>
        )}
        {result.state === 'ok' && <Followed report={result.report} />}
      </div>
      <ComplaintsNote />
    </>
  );
}

function Followed({ report }: { report: ReportFollow }) {
  const { lang, t } = useI18n();
  return (
    <section className="card report-followed" aria-label={report.number}>
      <h2>{t('follow.report', { number: report.number })}</h2>
      <p>
        {t('follow.status')} <span className="status-badge report-status">{t(`report.status.${report.status}` as MessageKey)}</span>
      </p>
      <dl className="facts">
        <dt>{t('report.category')}</dt>
        <dd>{t(`report.category.${report.category}` as MessageKey)}</dd>
        <dt>{t('report.description')}</dt>
        <dd style={{ whiteSpace: 'pre-wrap' }}>{report.description}</dd>
      </dl>
      <h3>{t('follow.answer')}</h3>
      {report.answer ? (
        <p className="answer-text" lang={report.answer.lang} dir={dirOf(report.answer.lang)}>
          {report.answer.text}
        </p>
      ) : (
        <p className="muted">{t('follow.noAnswer')}</p>
      )}
      <h3>{t('follow.steps')}</h3>
      <ol>
        {report.steps.map((s, i) => (
          <li key={i}>
            {t(`report.step.${s.kind}` as MessageKey)} — {formatDate(s.at.slice(0, 10), lang)}
          </li>
        ))}
      </ol>
    </section>
  );
}

await mountPage('follow.title', () => <FollowPage />);
