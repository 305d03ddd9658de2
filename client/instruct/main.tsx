import { StrictMode, useCallback, useEffect, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-arabic/arabic-700.css';
import '../styles.css';
import '../requests/desk.css';
import type { StaffFileView } from '../../server/requests/schemas.js';
import { ApiError, errorMessage } from '../api.js';
import { loadCatalogue, useI18n } from '../i18n/index.js';
import { call } from '../requests/http.js';
import { Shell, startLang } from '../requests/shell.js';
import { FileView } from './FileView.js';
import { Queue } from './Queue.js';

interface SessionState { user: { name: string; role: string } | null; csrfToken?: string }

function Login({ onIn }: { onIn(s: SessionState): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      onIn(await call<SessionState>('/api/session', { json: { email: f.get('email'), password: f.get('password') } }));
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err, t) : String(err));
    }
  }
  return (
    <form className="desk-card" onSubmit={submit}>
      <h2>{t('instr.login')}</h2>
      <label>{t('req.applicant.email')}<input name="email" type="email" required autoComplete="username" dir="ltr" /></label>
      <label>{t('instr.password')}<input name="password" type="password" required autoComplete="current-password" /></label>
      {error && <p className="desk-error" role="alert">{error}</p>}
      <button className="primary" type="submit">{t('instr.signIn')}</button>
    </form>
  );
}

function Instruct() {
  const { t } = useI18n();
  const [session, setSession] = useState<SessionState | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [file, setFile] = useState<StaffFileView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call<SessionState>('/api/session').then(setSession, () => setSession({ user: null }));
  }, []);
  const load = useCallback(() => {
    if (!open) return setFile(null);
    call<StaffFileView>(`/api/instruct/requests/${open}`).then(setFile, (err: unknown) => setError(err instanceof ApiError ? errorMessage(err, t) : String(err)));
  }, [open, t]);
  useEffect(load, [load]);
  if (!session) return <p>{t('app.loading')}</p>;
  if (!session.user || !session.csrfToken) return <Login onIn={setSession} />;
  if (!['instructor', 'admin'].includes(session.user.role)) return <p className="desk-error" role="alert">{t('instr.noRole')}</p>;
  return (
    <>
      <p className="small">{t('instr.signedIn', { name: session.user.name })}</p>
      {error && <p className="desk-error" role="alert">{error}</p>}
      {open && file ? <FileView file={file} csrf={session.csrfToken} onChanged={load} onBack={() => setOpen(null)} /> : <Queue onOpen={setOpen} />}
    </>
  );
}

const lang = startLang();
await loadCatalogue(lang);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Shell initial={lang} title="instr.title">
      <Instruct />
    </Shell>
  </StrictMode>,
);
