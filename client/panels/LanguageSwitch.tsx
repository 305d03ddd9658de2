import type { Lang } from '../../server/shared/schemas.js';
import { useI18n } from '../i18n/index.js';
import { LANGS } from '../lib/lang.js';

/** Each language named in itself, so a reader finds theirs whatever the current one. */
const NAMES: Record<Lang, string> = { ar: 'العربية', fr: 'Français', en: 'English' };

export function LanguageSwitch({ onChange }: { onChange(lang: Lang): void }) {
  const { lang, t } = useI18n();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('lang.label')}</span>
      <select value={lang} onChange={(e) => onChange(e.target.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
