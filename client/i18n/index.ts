// Interface strings: one message catalogue per language, the same keys in each (tests/client/i18n.test.ts
// checks it). French is the reference for the key type. Data texts (I18nText) are not here: they come
// with the data and are picked by lib/format.ts#pickText.
//
// Each catalogue is its own chunk: the page loads the one it opens in (main.tsx waits for it), then the
// others in the background, so that a switch of language is immediate and no visit pays for three.
import { createContext, useContext } from 'react';
import type { Lang } from '../../server/shared/schemas.js';
import { interpolate } from '../lib/format.js';
import type fr from './fr.json';

export type MessageKey = keyof typeof fr;
export type Catalogue = Record<MessageKey, string>;

const loaders: Record<Lang, () => Promise<{ default: Catalogue }>> = {
  ar: () => import('./ar.json', { with: { type: 'json' } }),
  fr: () => import('./fr.json', { with: { type: 'json' } }),
  en: () => import('./en.json', { with: { type: 'json' } }),
};

const loaded: Partial<Record<Lang, Catalogue>> = {};
const loading: Partial<Record<Lang, Promise<Catalogue>>> = {};

/** The catalogue of a language, fetched once. */
export function loadCatalogue(lang: Lang): Promise<Catalogue> {
  return (loading[lang] ??= loaders[lang]().then((m) => (loaded[lang] = m.default)));
}

export function isCatalogueLoaded(lang: Lang): boolean {
  return loaded[lang] != null;
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Messages of a loaded catalogue; the key itself stands for a message not loaded (never shown: App waits). */
export function translator(lang: Lang): Translate {
  const messages = loaded[lang] ?? loaded.fr;
  return (key, vars) => interpolate(messages?.[key] ?? key, vars);
}

export interface I18n {
  lang: Lang;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ lang: 'fr', t: translator('fr') });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
