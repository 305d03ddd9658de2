// The frame of the small pages (report follow, contact, staff reports): the language chosen as in the
// viewer (?lang=, then the visitor's last choice, then the browser's), its catalogue loaded before the
// first render, the page's direction set, and a header linking the pages to each other and to the map.
import { StrictMode, useMemo, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-arabic/arabic-700.css';
import type { Lang } from '../../server/shared/schemas.js';
import { setApiLanguage } from '../api.js';
import { I18nContext, loadCatalogue, translator, useI18n, type MessageKey } from '../i18n/index.js';
import { chooseLang, dirOf, isLang, LANG_KEY } from '../lib/lang.js';
import { LanguageSwitch } from '../panels/LanguageSwitch.js';
// Inlined, not linked: a stylesheet shared with the viewer would become a chunk of its own, and the
// viewer's stylesheets would then load in another order (MapLibre's after ours, overriding them).
import viewerCss from '../styles.css?inline';
import pagesCss from './pages.css?inline';

function startLang(): Lang {
  const q = new URLSearchParams(location.search).get('lang');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LANG_KEY);
  } catch {
    // Storage refused (private mode): the browser's languages decide.
  }
  return chooseLang(isLang(q) ? q : null, stored, navigator.languages?.length ? navigator.languages : [navigator.language]);
}

function applyLang(lang: Lang, title: string): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = dirOf(lang);
  document.title = title;
  setApiLanguage(lang);
}

function Shell({ initial, titleKey, children }: { initial: Lang; titleKey: MessageKey; children: () => ReactNode }) {
  const [lang, setLang] = useState(initial);
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  applyLang(lang, `${i18n.t(titleKey)} — ${i18n.t('app.title')}`);
  const change = (l: Lang) => {
    void loadCatalogue(l).then(() => setLang(l));
    try {
      localStorage.setItem(LANG_KEY, l);
    } catch {
      // Not kept: the choice lasts for this page.
    }
  };
  return (
    <I18nContext.Provider value={i18n}>
      <div className="page">
        <header className="top page-top">
          <p className="brand-line">
            <a href="/" className="brand">
              {i18n.t('app.title')}
            </a>
          </p>
          <Nav />
          <LanguageSwitch onChange={change} />
        </header>
        <main className="page-main">
          <h1>{i18n.t(titleKey)}</h1>
          {children()}
        </main>
      </div>
    </I18nContext.Provider>
  );
}

function Nav() {
  const { t } = useI18n();
  return (
    <nav className="page-nav" aria-label={t('pages.nav')}>
      <a href="/">{t('pages.map')}</a>
      <a href="/report/">{t('pages.follow')}</a>
      <a href="/contact/">{t('pages.contact')}</a>
    </nav>
  );
}

/** Adds a stylesheet to the page (CSP: style-src allows inline styles). */
export function addStyle(css: string): void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
}

/** Renders a page once the catalogue of its language is loaded. */
export async function mountPage(titleKey: MessageKey, body: () => ReactNode): Promise<void> {
  addStyle(viewerCss);
  addStyle(pagesCss);
  const lang = startLang();
  await loadCatalogue(lang);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Shell initial={lang} titleKey={titleKey}>
        {body}
      </Shell>
    </StrictMode>,
  );
}

/** Formal complaints go to the national portal: a plain link, nothing is fetched from it. */
export function ComplaintsNote({ url = 'https://www.chikaya.ma' }: { url?: string }) {
  const { t } = useI18n();
  return (
    <p className="card complaints-note">
      {t('complaints.formal')}{' '}
      <a href={url} rel="noopener noreferrer external" target="_blank">
        {url.replace(/^https:\/\/(www\.)?/, '').replace(/\/$/, '')}
      </a>
    </p>
  );
}
