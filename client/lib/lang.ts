// The interface language: one of the three the data carries (I18nText), chosen from the URL, else the
// visitor's last choice (kept in the browser), else the browser's preferences, else French, the
// agency's working language alongside Arabic.
import type { Lang } from '../../server/shared/schemas.js';

export const LANGS: readonly Lang[] = ['ar', 'fr', 'en'];
export const FALLBACK_LANG: Lang = 'fr';

export function isLang(value: unknown): value is Lang {
  return value === 'ar' || value === 'fr' || value === 'en';
}

/** The first supported language among the browser's (navigator.languages, most preferred first). */
export function detectLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLang(primary)) return primary;
  }
  return FALLBACK_LANG;
}

/** Where the last choice is kept (localStorage). */
export const LANG_KEY = 'tasmim:lang';

/** A link's language wins (it was shared to be read so), then the visitor's own choice, then the browser's. */
export function chooseLang(fromUrl: Lang | null, stored: string | null, preferred: readonly string[]): Lang {
  if (fromUrl) return fromUrl;
  if (isLang(stored)) return stored;
  return detectLang(preferred);
}

export function dirOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The BCP 47 locale used for numbers and dates. Moroccan usage writes Arabic text with Western
 * (Latin) digits, on road signs, cadastral documents and plan regulations alike, hence `nu-latn`.
 */
export function localeOf(lang: Lang): string {
  switch (lang) {
    case 'ar':
      return 'ar-MA-u-nu-latn';
    case 'fr':
      return 'fr-MA';
    case 'en':
      return 'en-GB';
  }
}
