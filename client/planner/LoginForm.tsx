// Sign-in: email and password; the API's own message when it refuses (wrong password, too many attempts).
import { type FormEvent, useId, useState } from 'react';
import type { SessionState } from '../../server/accounts/schemas.js';
import { useI18n } from '../i18n/index.js';
import { asApiError, send } from './http.js';

export function LoginForm({ onSignedIn }: { onSignedIn(s: SessionState): void }) {
  const { t } = useI18n();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await send<SessionState>('/api/session', { method: 'POST', body: { email: email.trim(), password } }));
    } catch (err) {
      const a = asApiError(err);
      setError({ code: a.code, message: a.status === 0 ? t('error.network') : a.message });
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="planner-card planner-login" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('planner.login.title')}</h2>
      <p className="muted">{t('planner.login.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate={false}>
        <label htmlFor={`${id}-email`}>{t('planner.login.email')}</label>
        <input id={`${id}-email`} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} dir="ltr" />
        <label htmlFor={`${id}-password`}>{t('planner.login.password')}</label>
        <input id={`${id}-password`} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} dir="ltr" />
        {error && (
          <p role="alert" className="planner-error" data-code={error.code}>
            {error.message}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('planner.login.busy') : t('planner.login.submit')}
        </button>
      </form>
    </section>
  );
}
