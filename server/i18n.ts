// Language negotiation for the API's own messages (errors), and the fallback order for texts stored as
// data. The order follows the agency's public: Arabic and French first-class, English where given.
import { LANGS, type I18nText, type Lang } from './shared/schemas.js';

const FALLBACK: Record<Lang, Lang[]> = { ar: ['ar', 'fr', 'en'], fr: ['fr', 'ar', 'en'], en: ['en', 'fr', 'ar'] };

/** `?lang=` wins, then the first supported language of Accept-Language, then French. */
export function negotiateLang(queryLang: unknown, acceptLanguage: string | undefined): Lang {
  if (typeof queryLang === 'string' && (LANGS as readonly string[]).includes(queryLang)) return queryLang as Lang;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag, ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        return { tag: (tag ?? '').toLowerCase().slice(0, 2), q: q ? Number(q.slice(2)) || 0 : 1 };
      })
      .filter((r) => r.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const r of ranked) if ((LANGS as readonly string[]).includes(r.tag)) return r.tag as Lang;
  }
  return 'fr';
}

export function pick(text: Partial<I18nText> | null | undefined, lang: Lang): string {
  if (!text) return '';
  for (const l of FALLBACK[lang]) {
    const v = text[l];
    if (v) return v;
  }
  return '';
}
