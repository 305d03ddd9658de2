// Numbers, dates and measures as the note prints them. The same digits in both languages: Moroccan
// administrative Arabic writes Western digits (0–9), and a number that reads the same in both halves of
// a bilingual note cannot be misread. Thousands are grouped with a no-break space, decimals with a comma.
import type { T } from './labels.js';

const NBSP = '\u00a0';

export function num(v: number, digits = 0): string {
  const fixed = Math.abs(v).toFixed(digits);
  const [int, dec] = fixed.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${v < 0 ? '-' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}

/** A number with at most `digits` decimals, trailing zeros dropped (0,60 → 0,6; 2,00 → 2). */
export function dec(v: number, digits = 2): string {
  const s = num(v, digits);
  return s.includes(',') ? s.replace(/,?0+$/, '') : s;
}

export const both = (fr: string, ar: string = fr): T => ({ fr, ar });
export const m = (v: number, digits = 2): T => ({ fr: `${dec(v, digits)}${NBSP}m`, ar: `${dec(v, digits)}${NBSP}م` });
export const m2 = (v: number, digits = 2): T => ({ fr: `${num(v, digits)}${NBSP}m²`, ar: `${num(v, digits)}${NBSP}م²` });
export const pct = (share: number): T => both(`${dec(share * 100, 1)}${NBSP}%`);

/** Levels above ground including the ground floor → R+n (DOMAIN.md: R = rez-de-chaussée). */
export function levels(n: number): T {
  const rn = n <= 1 ? 'R' : `R+${n - 1}`;
  return { fr: `${rn} (${n} niveau${n > 1 ? 'x' : ''})`, ar: `${rn} (${n} ${n === 1 ? 'مستوى' : n === 2 ? 'مستويان' : n <= 10 ? 'مستويات' : 'مستوى'})` };
}

const TZ = 'Africa/Casablanca';

/** 2026-11-28 → 28/11/2026 (the order used in Morocco in both languages). */
export function date(iso: string): string {
  const [y, mo, d] = iso.slice(0, 10).split('-');
  return `${d}/${mo}/${y}`;
}

/** The date of an instant in the agency's time zone, 28/11/2026. */
export function localDate(iso: string): string {
  return date(new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(iso)));
}

/** An instant in the agency's time zone. */
export function dateTime(iso: string): T {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const d = `${parts.day}/${parts.month}/${parts.year}`;
  const t = `${parts.hour}:${parts.minute}`;
  return { fr: `${d} à ${t} (heure du Maroc)`, ar: `${d} على الساعة ${t} (بتوقيت المغرب)` };
}

/**
 * Lambert coordinates as surveyors exchange them: no grouping, a decimal point, to the centimetre
 * (725123.45), so they can be copied into a CAD or GIS tool as they are, like the selection takes them.
 */
export const coord = (v: number) => v.toFixed(2);
