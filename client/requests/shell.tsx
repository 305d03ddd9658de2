// The frame of the requests desk and the instructors' page: the language (chosen as in the viewer,
// lib/lang.ts), the page direction (Arabic right to left), a header with the language switch.
import { useEffect, useState, type ReactNode } from 'react';
import type { Lang } from '../../server/shared/schemas.js';
import { setApiLanguage } from '../api.js';
import { I18nContext, loadCatalogue, translator, type MessageKey } from '../i18n/index.js';
import { chooseLang, dirOf, isLang, LANG_KEY } from '../lib/lang.js';
import { LanguageSwitch } from '../panels/LanguageSwitch.js';

export function startLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LANG_KEY);
  } catch {
    // storage disabled: the browser's languages decide
  }
  return chooseLang(isLang(fromUrl) ? fromUrl : null, stored, navigator.languages);
}

export function Shell({ initial, title, children }: { initial: Lang; title: MessageKey; children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(initial);
  const [, setLoaded] = useState(0);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dirOf(lang);
    setApiLanguage(lang);
  }, [lang]);
  const change = (l: Lang) => {
    void loadCatalogue(l).then(() => {
      setLoaded((n) => n + 1);
      setLang(l);
      try {
        localStorage.setItem(LANG_KEY, l);
      } catch {
        // not kept: fine
      }
    });
  };
  const t = translator(lang);
  useEffect(() => {
    document.title = `${t(title)} — Tasmim`;
  }, [t, title]);
  return (
    <I18nContext.Provider value={{ lang, t }}>
      <header className="desk-top">
        <a className="desk-brand" href="/">Tasmim</a>
        <h1>{t(title)}</h1>
        <LanguageSwitch onChange={change} />
      </header>
      <main className="desk">{children}</main>
    </I18nContext.Provider>
  );
}
