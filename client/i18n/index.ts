// Interface strings: one message catalogue per language, the same keys in each (tests/client/i18n.test.ts
// checks it). French is the reference for the key type. Data texts (I18nText) are not here: they come
// with the data and are picked by lib/format.ts#pickText.
import { createContext, useContext } from 'react';
import type { Lang } from '../../server/shared/schemas.js';
import { interpolate } from '../lib/format.js';
import ar from './ar.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export type MessageKey = keyof typeof fr;
export type Catalogue = Record<MessageKey, string>;

export const CATALOGUES: Record<Lang, Catalogue> = { ar, fr, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const messages = CATALOGUES[lang];
  return (key, vars) => interpolate(messages[key] ?? CATALOGUES.fr[key] ?? key, vars);
}

export interface I18n {
  lang: Lang;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ lang: 'fr', t: translator('fr') });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
