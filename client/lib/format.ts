// Formatting of data for display: texts stored in several languages, numbers, areas, shares, levels.
// Pure functions of (value, lang), so the sheet reads the same in a test as in the browser.
import type { I18nText, Lang } from '../../server/shared/schemas.js';
import { localeOf } from './lang.js';

/**
 * A data text in the asked language. Arabic and French are always stored, English only where given;
 * a missing or blank text falls back in the order en → fr → ar.
 */
export function pickText(text: I18nText | null | undefined, lang: Lang): string {
  if (!text) return '';
  const order: Lang[] = [lang, 'en', 'fr', 'ar'];
  for (const l of order) {
    const s = text[l];
    if (s != null && s.trim() !== '') return s;
  }
  return '';
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = lang + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), options);
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(n: number, lang: Lang, maxFractionDigits = 2): string {
  return nf(lang, { maximumFractionDigits: maxFractionDigits }).format(n);
}

const SQUARE_METRE: Record<Lang, string> = { ar: 'م²', fr: 'm²', en: 'm²' };

/**
 * An area: square metres up to one hectare, hectares above (plans and large parcels). Intl has no
 * sanctioned "square-meter" unit, so the m² symbol is written here; hectare is an Intl unit.
 */
export function formatArea(m2: number, lang: Lang): string {
  if (Math.abs(m2) >= 10_000) {
    return nf(lang, { style: 'unit', unit: 'hectare', maximumFractionDigits: 2 }).format(m2 / 10_000);
  }
  const digits = Math.abs(m2) < 10 ? 1 : 0;
  return `${nf(lang, { maximumFractionDigits: digits }).format(m2)} ${SQUARE_METRE[lang]}`;
}

export function formatMetres(m: number, lang: Lang): string {
  return nf(lang, { style: 'unit', unit: 'meter', unitDisplay: 'short', maximumFractionDigits: 1 }).format(m);
}

/**
 * A measured length: metres below a kilometre (a decimal below 100 m), kilometres above with three
 * significant decimals at most, so that a measure reads to about a metre.
 */
export function formatLength(m: number, lang: Lang): string {
  if (Math.abs(m) >= 1000) {
    const digits = Math.abs(m) >= 100_000 ? 1 : Math.abs(m) >= 10_000 ? 2 : 3;
    return nf(lang, { style: 'unit', unit: 'kilometer', unitDisplay: 'short', maximumFractionDigits: digits }).format(m / 1000);
  }
  return nf(lang, { style: 'unit', unit: 'meter', unitDisplay: 'short', maximumFractionDigits: Math.abs(m) < 100 ? 1 : 0 }).format(m);
}

/** A share 0–1 as a percentage; small shares keep one decimal so a 0.4 % sliver does not read "0 %". */
export function formatShare(fraction: number, lang: Lang): string {
  const digits = fraction < 0.1 ? 1 : 0;
  return nf(lang, { style: 'percent', maximumFractionDigits: digits }).format(fraction);
}

/** COS and CES are ratios written as decimals in the regulations (COS 1.2, CES 60 % = 0.6). */
export function formatRatio(x: number, lang: Lang): string {
  return nf(lang, { maximumFractionDigits: 2 }).format(x);
}

/**
 * Levels as the regulations write them: R+n, R the ground floor (rez-de-chaussée) and n the floors
 * above. The API counts levels with the ground floor included (R+3 = 4 levels).
 */
export function formatLevels(maxLevels: number): string {
  return `R+${Math.max(0, maxLevels - 1)}`;
}

const dateCache = new Map<Lang, Intl.DateTimeFormat>();
/** A calendar date (YYYY-MM-DD) in the language, read in UTC so it never shifts by a day. */
export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  let f = dateCache.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'long', timeZone: 'UTC' });
    dateCache.set(lang, f);
  }
  return f.format(d);
}

/** Coordinates are written with Latin digits and a point in every language, as GPS apps show them. */
export function formatLatLon(lat: number, lon: number): string {
  return `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
}

/** `{name}` placeholders of a message filled from vars; unknown placeholders are left visible. */
export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
