import { describe, expect, it } from 'vitest';
import {
  formatArea,
  formatDate,
  formatLevels,
  formatMetres,
  formatNumber,
  formatShare,
  interpolate,
  pickText,
} from '../../client/lib/format.js';
import { detectLang, dirOf } from '../../client/lib/lang.js';

// Spaces in Intl output vary between ICU versions (narrow no-break, no-break, plain): compare without them.
const squash = (s: string) => s.replace(/[\s\u00a0\u202f\u200e\u200f\u061c]/g, '');

describe('data texts', () => {
  const text = { ar: 'فيلات', fr: 'Villas' };
  it('picks the language, falling back en → fr → ar', () => {
    expect(pickText(text, 'ar')).toBe('فيلات');
    expect(pickText(text, 'fr')).toBe('Villas');
    expect(pickText(text, 'en')).toBe('Villas');
    expect(pickText({ ...text, en: 'Detached houses' }, 'en')).toBe('Detached houses');
    expect(pickText({ ar: 'فيلات', fr: ' ' }, 'fr')).toBe('فيلات');
    expect(pickText(null, 'fr')).toBe('');
  });
});

describe('numbers', () => {
  it('writes Arabic with Western digits, as Moroccan documents do', () => {
    expect(formatNumber(1234.5, 'ar')).toMatch(/^[0-9.,\s\u00a0\u202f]+$/);
    expect(squash(formatNumber(1234.5, 'ar'))).toMatch(/1.?234,5/);
  });

  it('writes areas in m², hectares from 1 ha', () => {
    expect(squash(formatArea(356.4, 'fr'))).toBe(squash(`${formatNumber(356, 'fr')} m²`));
    expect(squash(formatArea(356.4, 'ar'))).toBe('356م²');
    expect(squash(formatArea(25_000, 'fr'))).toBe('2,5ha');
    expect(squash(formatArea(25_000, 'en'))).toBe('2.5ha');
    expect(formatArea(25_000, 'ar')).toContain('2,5');
  });

  it('writes shares as percentages, keeping a decimal for slivers', () => {
    expect(squash(formatShare(0.5, 'fr'))).toBe('50%');
    expect(squash(formatShare(0.004, 'en'))).toBe('0.4%');
    expect(squash(formatShare(0.456, 'en'))).toBe('46%');
  });

  it('writes metres', () => {
    expect(squash(formatMetres(12, 'fr'))).toBe('12m');
    expect(squash(formatMetres(5.5, 'en'))).toBe('5.5m');
  });

  it('writes levels as R+n, from the count with the ground floor', () => {
    expect(formatLevels(4)).toBe('R+3');
    expect(formatLevels(1)).toBe('R+0');
  });

  it('writes dates in the language without shifting the day', () => {
    expect(formatDate('2015-03-12', 'fr')).toBe('12 mars 2015');
    expect(formatDate('2015-03-12', 'en')).toBe('12 March 2015');
    expect(formatDate('2015-03-12', 'ar')).toContain('2015');
    expect(formatDate('not a date', 'fr')).toBe('not a date');
  });
});

describe('messages and languages', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Parcelle {ref}', { ref: 'TF 1/11' })).toBe('Parcelle TF 1/11');
    expect(interpolate('{a} {b}', { a: 1 })).toBe('1 {b}');
  });

  it('takes the first supported browser language, else French', () => {
    expect(detectLang(['ar-MA', 'fr'])).toBe('ar');
    expect(detectLang(['es-ES', 'en-GB'])).toBe('en');
    expect(detectLang(['de'])).toBe('fr');
    expect(detectLang([])).toBe('fr');
    expect(dirOf('ar')).toBe('rtl');
    expect(dirOf('fr')).toBe('ltr');
  });
});
