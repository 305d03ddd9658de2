// The workspace's frame: language (with Arabic mirrored by dir=rtl), the session, and either the sign-in
// form or the work of the signed-in planner.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionState, SessionUser } from '../../server/accounts/schemas.js';
import type { Lang } from '../../server/shared/schemas.js';
import { setApiLanguage } from '../api.js';
import { I18nContext, isCatalogueLoaded, loadCatalogue, translator } from '../i18n/index.js';
import { chooseLang, dirOf, isLang, LANG_KEY } from '../lib/lang.js';
import { LanguageSwitch } from '../panels/LanguageSwitch.js';
import { asApiError, onSessionLost, send, setCsrfToken, setMessageLang } from './http.js';
import { LoginForm } from './LoginForm.js';
import { Workspace } from './Workspace.js';

function stored(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

/** ?lang= of the address, else the visitor's last choice (shared with the viewer), else the browser's. */
export function initialPlannerLang(): Lang {
  const q = new URLSearchParams(location.search).get('lang');
  return chooseLang(isLang(q) ? q : null, stored(), navigator.languages?.length ? navigator.languages : [navigator.language]);
}

type SessionView = { state: 'loading' } | { state: 'out' } | { state: 'in'; user: SessionUser } | { state: 'error'; message: string };

export function PlannerApp({ initialLang }: { initialLang: Lang }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const langRef = useRef(lang);
  langRef.current = lang;
  const [loaded, setLoaded] = useState(0);
  const [session, setSession] = useState<SessionView>({ state: 'loading' });
  const [signOutError, setSignOutError] = useState<string | null>(null);
  // `loaded` changes when a catalogue arrives: the translator is made again with it.
  const t = useMemo(() => translator(lang), [lang, loaded]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dirOf(lang);
    setApiLanguage(lang);
    setMessageLang(lang);
    if (!isCatalogueLoaded(lang)) void loadCatalogue(lang).then(() => setLoaded((n) => n + 1));
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // Private browsing: the choice lasts as long as the page.
    }
  }, [lang]);
  useEffect(() => {
    document.title = t('planner.title');
  }, [t]);

  const adopt = useCallback((s: SessionState) => {
    setCsrfToken(s.csrfToken ?? null);
    if (s.user) setSignOutError(null);
    setSession(s.user ? { state: 'in', user: s.user } : { state: 'out' });
  }, []);

  useEffect(() => {
    send<SessionState>('/api/session').then(adopt, (e: unknown) => setSession({ state: 'error', message: asApiError(e).message }));
    // A session that ended meanwhile (idle, or closed by an admin): back to the sign-in form, saying why.
    onSessionLost(() => {
      setCsrfToken(null);
      setSession({ state: 'out' });
      setSignOutError(translator(langRef.current)('planner.sessionLost'));
    });
    return () => onSessionLost(null);
  }, [adopt]);

  const signOut = async () => {
    setSignOutError(null);
    try {
      await send('/api/session', { method: 'DELETE' });
      adopt({ user: null });
    } catch (e) {
      setSignOutError(asApiError(e).message);
    }
  };

  return (
    <I18nContext.Provider value={{ lang, t }}>
      <div className="planner-app">
        <header className="top">
          <h1>
            <span>{t('app.title')}</span>
            <span className="subtitle">{t('planner.title')}</span>
          </h1>
          <nav className="planner-nav" aria-label={t('planner.nav')}>
            <a href={`/#lang=${lang}`}>{t('planner.viewerLink')}</a>
          </nav>
          <LanguageSwitch onChange={setLang} />
          {session.state === 'in' && (
            <div className="planner-user">
              <span>{t('planner.signedInAs', { name: session.user.name || session.user.email, role: t(`planner.role.${session.user.role}` as const) })}</span>
              <button type="button" onClick={() => void signOut()}>{t('planner.signOut')}</button>
            </div>
          )}
        </header>
        <main className="planner-main" id="main">
          {signOutError && <p role="alert" className="planner-error">{signOutError}</p>}
          {session.state === 'loading' && <p role="status">{t('planner.loading')}</p>}
          {session.state === 'error' && <p role="alert" className="planner-error">{session.message}</p>}
          {session.state === 'out' && <LoginForm onSignedIn={adopt} />}
          {session.state === 'in' && <Workspace user={session.user} />}
        </main>
      </div>
    </I18nContext.Provider>
  );
}
