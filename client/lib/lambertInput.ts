// Coordinates typed in Lambert Nord Maroc (EPSG:26191), as surveyors write them: "725000 510000",
// "725000.5, 510000.25", "X = 725 000,50 ; Y = 510 000,25" (French documents: spaces between
// thousands, decimal comma), "x: 725000 y: 510000", in Latin or Arabic-Indic digits. Pure parsing; the
// caller converts (lib/lambert.ts) and checks that the point falls where the projection is valid.

export type LambertInput = { ok: true; x: number; y: number } | { ok: false; error: 'empty' | 'format' | 'range' };

/**
 * The plausible extent of EPSG:26191 coordinates over its area of use (Morocco north of 31°30'N: lon
 * −9.85…−1.01, lat 31.49…35.97 give x ≈ 77 000…917 000, y ≈ 100 000…605 000), with a margin: outside
 * it a typo or swapped axes are likelier than a real point.
 */
export const LAMBERT_EXTENT = { minX: 0, maxX: 1_000_000, minY: 0, maxY: 700_000 } as const;

const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

function normalise(text: string): string {
  return text
    .replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .replace(/\u066b/g, '.') // Arabic decimal separator
    .replace(/\u066c/g, '') // Arabic thousands separator
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .trim();
}

/** One number: spaces between groups of three digits are thousands; a lone comma is a decimal comma. */
function number(s: string): number | null {
  let t = s.trim().replace(/(\d) (?=\d{3}(\D|$))/g, '$1');
  if (/^[-+]?\d+,\d+$/.test(t)) t = t.replace(',', '.');
  if (!/^[-+]?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

function pair(xs: string, ys: string): LambertInput {
  const x = number(xs);
  const y = number(ys);
  if (x == null || y == null) return { ok: false, error: 'format' };
  const e = LAMBERT_EXTENT;
  if (x < e.minX || x > e.maxX || y < e.minY || y > e.maxY) return { ok: false, error: 'range' };
  return { ok: true, x, y };
}

export function parseLambertInput(text: string): LambertInput {
  const t = normalise(text);
  if (t === '') return { ok: false, error: 'empty' };
  // Labelled: X … Y … (any separator between them).
  const labelled = /^x\s*[:=]?\s*([-+]?[\d ,.]+?)\s*[;,]?\s*y\s*[:=]?\s*([-+]?[\d ,.]+?)\s*$/i.exec(t);
  if (labelled) return pair(labelled[1]!, labelled[2]!);
  // A semicolon, or a comma followed by a space, separates two numbers that may have decimal commas.
  const strong = t.split(/\s*;\s*|,\s+/);
  if (strong.length === 2) return pair(strong[0]!, strong[1]!);
  // Two plain numbers separated by spaces or by one comma.
  const plain = t.split(/\s+/);
  if (plain.length === 2) return pair(plain[0]!, plain[1]!);
  const comma = t.split(',');
  if (comma.length === 2 && !t.includes(' ')) return pair(comma[0]!, comma[1]!);
  // Four groups: thousands written with spaces, "725 000 510 000".
  const groups = /^(\d{1,3} \d{3}(?:[.,]\d+)?) (\d{1,3} \d{3}(?:[.,]\d+)?)$/.exec(t);
  if (groups) return pair(groups[1]!, groups[2]!);
  return { ok: false, error: 'format' };
}
