// The PDF's text engine on its own: the visual order of mixed lines, the hash's canonical form, and every
// Arabic letter surviving copy-paste (pdfkit + fontkit first copied a letter sharing a dotless skeleton
// with an earlier one as that one: server/notes/pdf/fonts.ts).
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, contentSha256 } from '../../server/notes/canonical.js';
import { resolveTypes, visualPieces } from '../../server/notes/pdf/bidi.js';
import { MIRRORED, registerFonts } from '../../server/notes/pdf/fonts.js';
import { Typesetter } from '../../server/notes/pdf/text.js';
import { arabicWords, ensurePoppler, pdfText } from './poppler.js';

beforeAll(() => ensurePoppler());

/** The text of pieces as a reader sees them, left to right (Arabic pieces shown reversed). */
const shown = (text: string, rtl: boolean) =>
  visualPieces(text, rtl, (font, cp) => (font === 'arabic' ? cp >= 0x600 && cp <= 0x6ff : cp < 0x600 || cp > 0x6ff))
    .map((p) => (p.rtl ? Array.from(p.text).reverse().join('') : p.text))
    .join('');

describe('visual order (UAX #9, the part the notes need)', () => {
  it('keeps Latin and numbers left to right inside Arabic, and the runs right to left', () => {
    expect(shown('المرجع: TF 1201/11', true)).toBe('TF 1201/11 :عجرملا');
    expect(shown('العرض 30 م', true)).toBe('م 30 ضرعلا');
  });

  it('mirrors brackets around Arabic, and pairs them (N0) around a number before Arabic words', () => {
    const s = shown('R+3 (4 مستويات)', true);
    expect(s.replace(/[\ue000-\ue00b]/g, (c) => ({ [MIRRORED['(']!]: ')', [MIRRORED[')']!]: '(' })[c] ?? c)).toBe('(تايوتسم 4) R+3');
  });

  it('leaves a French line alone', () => {
    expect(shown('Zone R+3 — Petits immeubles (R+3)', false)).toBe('Zone R+3 — Petits immeubles (R+3)');
    expect(resolveTypes(Array.from('a (b) c'), false).every((t) => t === 'L')).toBe(true);
  });

  it('puts an Arabic name inside a French line right to left', () => {
    expect(shown('Commune : الناظور.', false)).toBe('Commune : روظانلا.');
  });

  it('chooses the Latin font for what the Arabic font lacks', () => {
    const pieces = visualPieces('المساحة: 12', true, (font, cp) => (font === 'arabic' ? cp >= 0x600 : true));
    expect(pieces.map((p) => [p.font, p.text])).toEqual([['latin', '12'], ['latin', ' :'], ['arabic', 'المساحة']]);
  });
});

describe('canonical JSON for the content hash', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], é: 'é' })).toBe('{"a":[{"c":null,"d":"x"}],"b":1,"é":"é"}');
    expect(contentSha256({ a: 1, b: 2 })).toBe(contentSha256({ b: 2, a: 1 }));
  });
});

describe('copy-paste of Arabic from the PDF', () => {
  it('gives back every letter, including those drawn from a shared dotless skeleton', async () => {
    const lines = [
      'مذكرة المعلومات التعميرية',
      'تصميم التهيئة تصميم النمو بيت نبت ثبت يثب تنبيه',
      'أبجد هوز حطي كلمن سعفص قرشت ثخذ ضظغ',
      'جحخ دذ رز سش صض طظ عغ فق أإآ ؤ ئ ة ى لا لأ',
      'الارتفاع الأقصى، معامل استعمال الأرض؛ المساحة؟',
    ];
    const doc = new PDFDocument({ size: 'A4', margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    const ts = new Typesetter(doc, registerFonts(doc));
    lines.forEach((l, i) => ts.drawLine(l, 40, 80 + i * 30, 500, true, { size: 14 }));
    doc.end();
    const text = await pdfText(await done);
    // Letters and their order; poppler may drop the space between two one-letter words.
    expect(arabicWords(text).join('')).toBe(arabicWords(lines.join(' ')).join(''));
  });
});
