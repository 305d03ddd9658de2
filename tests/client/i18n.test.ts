// Every interface string exists in every language, with the same placeholders, and every category,
// overlay kind, plan kind and status the API can send has its label.
import { describe, expect, it } from 'vitest';
import ar from '../../client/i18n/ar.json' with { type: 'json' };
import en from '../../client/i18n/en.json' with { type: 'json' };
import fr from '../../client/i18n/fr.json' with { type: 'json' };
import { LAYER_IDS } from '../../client/lib/urlState.js';
import { OVERLAY_KINDS, PLAN_KINDS, ZONE_CATEGORIES } from '../../server/shared/schemas.js';

const catalogues: Record<string, Record<string, string>> = { ar, en, fr };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const keys = new Set(Object.values(catalogues).flatMap((c) => Object.keys(c)));

  for (const [lang, messages] of Object.entries(catalogues)) {
    it(`${lang} has every key, none empty, with the same placeholders as fr`, () => {
      expect([...keys].filter((k) => !(k in messages))).toEqual([]);
      expect(Object.entries(messages).filter(([, v]) => v.trim() === '')).toEqual([]);
      for (const k of keys) expect(placeholders(messages[k]!), `${lang} ${k}`).toEqual(placeholders(catalogues.fr![k]!));
    });
  }

  it('labels every value the API can send', () => {
    const needed = [
      ...ZONE_CATEGORIES.map((c) => `category.${c}`),
      ...OVERLAY_KINDS.map((k) => `overlay.${k}`),
      ...PLAN_KINDS.map((k) => `kind.${k}`),
      ...['in_study', 'public_inquiry', 'approved', 'expired', 'annulled', 'replaced'].map((s) => `status.${s}`),
      ...LAYER_IDS.map((l) => `layer.${l}`),
      ...['parcel', 'zone', 'commune', 'plan'].map((t) => `search.type.${t}`),
    ];
    expect(needed.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('writes Arabic in Arabic', () => {
    const arabic = /[\u0600-\u06ff]/;
    const untranslated = Object.entries(ar).filter(([k, v]) => !arabic.test(v) && v === (fr as Record<string, string>)[k]);
    expect(untranslated).toEqual([]);
  });
});
