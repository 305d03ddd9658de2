// The staff's reports desk (/staff-reports/): sign in, then the reports on a map and in a list (by status
// and category); open one to read it (with its photo and the reporter's contact), answer it in the
// language you write, and close it. Every step is recorded server-side with who and when.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SessionState } from '../../server/accounts/schemas.js';
import type { ReportCategory, ReportDetail, ReportList, ReportStatus } from '../../server/reports/schemas.js';
import { apiPath, errorMessage, getJson, type ApiError } from '../api.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { formatDate } from '../lib/format.js';
import { LANGS, dirOf } from '../lib/lang.js';
import { asApiError, send } from '../lib/send.js';
import { mountPage } from '../report/page.js';
import { ReportsMap } from './ReportsMap.js';

const STATUSES: ReportStatus[] = ['open', 'answered', 'closed'];
const CATEGORIES: ReportCategory[] = ['wrong_zone', 'outdated_rule', 'missing_road', 'other'];
const LANG_NAMES = { ar: 'العربية', fr: 'Français', en: 'English' } as const;

function StaffPage() {
  const { lang, t } = useI18n();
  const [session, setSession] = useState<SessionState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    getJson<SessionState>('/api/session').then(setSession, (e: unknown) => setError(asApiError(e)));
  }, []);
  useEffect(load, [load]);
  if (error) return <p role="alert">{errorMessage(error, t)}</p>;
  if (!session) return <p role="status">{t('common.loading')}</p>;
  if (!session.user || !session.csrfToken) return <SignIn onSignedIn={load} />;
  const csrf = session.csrfToken;
  const signOut = () => send('DELETE', '/api/session', null, { lang, csrf }).then(load, (e: unknown) => setError(asApiError(e)));
  return (
    <>
      <p className="muted signed-in">
        {t('staff.signedIn', { name: session.user.name, role: session.user.role })}{' '}
        <button type="button" className="link" onClick={() => void signOut()}>
          {t('staff.signOut')}
        </button>
      </p>
      <Desk csrf={csrf} />
    </>
  );
}

function SignIn({ onSignedIn }: { onSignedIn(): void }) {
  const { lang, t } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    send('POST', '/api/session', { email: String(f.get('email')), password: String(f.get('password')) }, { lang }).then(onSignedIn, (err: unknown) => setError(asApiError(err)));
  };
  return (
    <form className="card sign-in" onSubmit={submit}>
      <h2>{t('staff.signIn')}</h2>
      <label>
        {t('staff.email')}
        <input type="email" name="email" required autoComplete="username" />
      </label>
      <label>
        {t('staff.password')}
        <input type="password" name="password" required autoComplete="current-password" />
      </label>
      {error && (
        <p role="alert" className="warn">
          {errorMessage(error, t)}
        </p>
      )}
      <button type="submit">{t('staff.signInButton')}</button>
    </form>
  );
}

function Desk({ csrf }: { csrf: string }) {
  const { lang, t } = useI18n();
  const [status, setStatus] = useState<ReportStatus | ''>('open');
  const [category, setCategory] = useState<ReportCategory | ''>('');
  const [selected, setSelected] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [list, setList] = useState<ReportList | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const query = { status: status || undefined, category: category || undefined };
  const listPath = apiPath('/api/staff/reports', query);
  const mapPath = apiPath('/api/staff/reports.geojson', query);
  useEffect(() => {
    const ctl = new AbortController();
    getJson<ReportList>(listPath, ctl.signal).then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e: unknown) => !ctl.signal.aborted && setError(asApiError(e)),
    );
    return () => ctl.abort();
  }, [listPath, version]);
  const changed = () => setVersion((v) => v + 1);
  return (
    <>
      <div className="filters" role="group" aria-label={t('staff.filters')}>
        <label>
          {t('staff.status')}
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value as ReportStatus | '')}>
            <option value="">{t('staff.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`report.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('report.category')}
          <select name="category" value={category} onChange={(e) => setCategory(e.target.value as ReportCategory | '')}>
            <option value="">{t('staff.all')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`report.category.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <p role="alert">{errorMessage(error, t)}</p>}
      <div className="staff-layout">
        <div>
          <ReportsMap path={mapPath} version={version} selected={selected} onSelect={setSelected} label={t('staff.map')} />
          <table className="staff-list">
            <caption className="visually-hidden">{t('staff.list')}</caption>
            <thead>
              <tr>
                <th>{t('staff.number')}</th>
                <th>{t('report.category')}</th>
                <th>{t('staff.status')}</th>
                <th>{t('staff.date')}</th>
              </tr>
            </thead>
            <tbody>
              {list?.reports.map((r) => (
                <tr key={r.id} aria-selected={r.id === selected}>
                  <td>
                    <button type="button" className="link report-row" onClick={() => setSelected(r.id)}>
                      {r.number}
                    </button>
                  </td>
                  <td>{t(`report.category.${r.category}` as MessageKey)}</td>
                  <td>{t(`report.status.${r.status}` as MessageKey)}</td>
                  <td>{formatDate(r.createdAt.slice(0, 10), lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list && list.reports.length === 0 && <p className="muted">{t('staff.none')}</p>}
        </div>
        <div>{selected != null ? <Detail key={`${selected}`} id={selected} csrf={csrf} onChanged={changed} /> : <p className="muted">{t('staff.pick')}</p>}</div>
      </div>
    </>
  );
}

function Detail({ id, csrf, onChanged }: { id: number; csrf: string; onChanged(): void }) {
  const { lang, t } = useI18n();
  const [report, setReport] = useState<ReportDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    getJson<ReportDetail>(`/api/staff/reports/${id}`).then(setReport, (e: unknown) => setError(asApiError(e)));
  }, [id]);
  const act = (path: string, body: object) => {
    setBusy(true);
    send<ReportDetail>('POST', path, body, { lang, csrf }).then(
      (r) => {
        setReport(r);
        setError(null);
        setBusy(false);
        onChanged();
      },
      (e: unknown) => {
        setError(asApiError(e));
        setBusy(false);
      },
    );
  };
  const answer = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    act(`/api/staff/reports/${id}/answer`, { answer: String(f.get('answer')), lang: String(f.get('lang')) });
  };
  if (!report) return error ? <p role="alert">{errorMessage(error, t)}</p> : <p role="status">{t('common.loading')}</p>;
  return (
    <section className="card report-detail" aria-label={report.number}>
      <h2>{report.number}</h2>
      <p>
        <span className="status-badge report-status">{t(`report.status.${report.status}` as MessageKey)}</span> · {t(`report.category.${report.category}` as MessageKey)}
      </p>
      <dl className="facts">
        <dt>{t('staff.date')}</dt>
        <dd>{formatDate(report.createdAt.slice(0, 10), lang)}</dd>
        <dt>{t('staff.place')}</dt>
        <dd>
          {report.parcel ? t('staff.parcel', { ref: report.parcel.reference }) : ''}{' '}
          <a href={`/#map=18/${report.lat.toFixed(6)}/${report.lon.toFixed(6)}`} target="_blank" rel="noopener">
            {t('staff.openMap')}
          </a>
        </dd>
        <dt>{t('report.description')}</dt>
        <dd className="report-description" lang={report.lang} dir={dirOf(report.lang)} style={{ whiteSpace: 'pre-wrap' }}>
          {report.description}
        </dd>
        <dt>{t('staff.contact')}</dt>
        <dd dir="ltr">{report.contact ?? <span className="muted">{t('staff.noContact')}</span>}</dd>
      </dl>
      {report.hasPhoto && <img className="report-photo" src={`/api/staff/reports/${report.id}/photo`} alt={t('staff.photo')} />}
      <h3>{t('staff.history')}</h3>
      <ol className="report-events">
        {report.events.map((ev, i) => (
          <li key={i}>
            {t(`report.step.${ev.kind}` as MessageKey)} — {new Date(ev.at).toLocaleString(lang === 'ar' ? 'ar-MA-u-nu-latn' : lang)}
            {ev.actor ? ` — ${ev.actor.name} (${ev.actor.role})` : ''}
            {ev.answer && (
              <p className="answer-text" lang={ev.lang ?? undefined} dir={ev.lang ? dirOf(ev.lang) : undefined}>
                {ev.answer}
              </p>
            )}
          </li>
        ))}
      </ol>
      {error && (
        <p role="alert" className="warn">
          {errorMessage(error, t)}
        </p>
      )}
      {report.status !== 'closed' && (
        <>
          <form className="answer-form" onSubmit={answer}>
            <label>
              {t('staff.answer')}
              <textarea name="answer" required maxLength={4000} rows={4} />
            </label>
            <label>
              {t('staff.answerLang')}
              <select name="lang" defaultValue={lang}>
                {LANGS.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {LANG_NAMES[l]}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={busy}>
              {t('staff.sendAnswer')}
            </button>
          </form>
          <p>
            <button type="button" className="close-report" disabled={busy} onClick={() => act(`/api/staff/reports/${id}/close`, {})}>
              {t('staff.close')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

await mountPage('staff.title', () => <StaffPage />);
