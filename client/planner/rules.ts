// The rules table's pure logic: a zone code's regulation as the editor's text fields, and back to the whole
// regulation the drafts API takes (PUT /api/drafts/:versionId/regulations/:code replaces it entirely).
// Numbers are typed as planners write them, with a decimal comma or point; uses one per line, the Arabic
// and French lines side by side.
import type { I18nText, Regulation } from '../../server/shared/schemas.js';

export const NUMBER_FIELDS = ['maxHeightM', 'maxLevels', 'cos', 'ces', 'minLotAreaM2', 'minFrontageM', 'frontM', 'sideM', 'rearM'] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];
export const TEXT_FIELDS = ['allowedAr', 'allowedFr', 'forbiddenAr', 'forbiddenFr', 'parkingAr', 'parkingFr', 'remarksAr', 'remarksFr', 'articleRef'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export type RuleForm = Record<NumberField | TextField, string>;

/** The upper bounds of the API (server/publishing/schemas.ts RegulationInput); all are at least 0. */
const MAX: Record<NumberField, number> = {
  maxHeightM: 1000, maxLevels: 300, cos: 100, ces: 1, minLotAreaM2: 1e9, minFrontageM: 1e5, frontM: 1e4, sideM: 1e4, rearM: 1e4,
};

const num = (n: number | null | undefined) => (n == null ? '' : String(n));
const lines = (items: I18nText[], lang: 'ar' | 'fr') => items.map((t) => t[lang]).join('\n');

export function formOf(r: Regulation | null): RuleForm {
  return {
    maxHeightM: num(r?.maxHeightM), maxLevels: num(r?.maxLevels), cos: num(r?.cos), ces: num(r?.ces),
    minLotAreaM2: num(r?.minLotAreaM2), minFrontageM: num(r?.minFrontageM),
    frontM: num(r?.setbacks.frontM), sideM: num(r?.setbacks.sideM), rearM: num(r?.setbacks.rearM),
    allowedAr: lines(r?.allowedUses ?? [], 'ar'), allowedFr: lines(r?.allowedUses ?? [], 'fr'),
    forbiddenAr: lines(r?.forbiddenUses ?? [], 'ar'), forbiddenFr: lines(r?.forbiddenUses ?? [], 'fr'),
    parkingAr: r?.parking?.ar ?? '', parkingFr: r?.parking?.fr ?? '',
    remarksAr: r?.remarks?.ar ?? '', remarksFr: r?.remarks?.fr ?? '',
    articleRef: r?.articleRef ?? '',
  };
}

/** "12,5" → 12.5; "" → null; anything else → undefined (not a number). */
export function parseNumber(text: string): number | null | undefined {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (t === '') return null;
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(t)) return undefined;
  return Number(t);
}

/** Lines of two languages paired by position; a line missing on one side is empty there. */
export function pairLines(ar: string, fr: string): I18nText[] {
  const a = ar.split('\n').map((s) => s.trim());
  const f = fr.split('\n').map((s) => s.trim());
  const out: I18nText[] = [];
  for (let i = 0; i < Math.max(a.length, f.length); i++) {
    const pair = { ar: a[i] ?? '', fr: f[i] ?? '' };
    if (pair.ar !== '' || pair.fr !== '') out.push(pair);
  }
  return out;
}

const text = (ar: string, fr: string): I18nText | null => (ar.trim() === '' && fr.trim() === '' ? null : { ar: ar.trim(), fr: fr.trim() });

export type RuleBody = Omit<Regulation, 'zoneCode'>;

/** The PUT body, or the fields that are not numbers in range (shown next to them). */
export function bodyOf(form: RuleForm): { ok: true; body: RuleBody } | { ok: false; invalid: NumberField[] } {
  const values = {} as Record<NumberField, number | null>;
  const invalid: NumberField[] = [];
  for (const f of NUMBER_FIELDS) {
    const v = parseNumber(form[f]);
    if (v === undefined || (v !== null && v > MAX[f]) || (f === 'maxLevels' && v !== null && !Number.isInteger(v))) invalid.push(f);
    else values[f] = v;
  }
  if (invalid.length > 0) return { ok: false, invalid };
  return {
    ok: true,
    body: {
      allowedUses: pairLines(form.allowedAr, form.allowedFr),
      forbiddenUses: pairLines(form.forbiddenAr, form.forbiddenFr),
      maxHeightM: values.maxHeightM, maxLevels: values.maxLevels, cos: values.cos, ces: values.ces,
      minLotAreaM2: values.minLotAreaM2, minFrontageM: values.minFrontageM,
      setbacks: { frontM: values.frontM, sideM: values.sideM, rearM: values.rearM },
      parking: text(form.parkingAr, form.parkingFr),
      remarks: text(form.remarksAr, form.remarksFr),
      articleRef: form.articleRef.trim() === '' ? null : form.articleRef.trim(),
    },
  };
}
