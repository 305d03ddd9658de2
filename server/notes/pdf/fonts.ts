// The note's fonts, embedded (subset) in every PDF: Noto Sans Arabic for Arabic, Noto Sans for Latin and
// digits (the Arabic files of @fontsource carry no Latin glyph, not even digits). They ship with the
// project through npm (@fontsource/noto-sans-arabic, @fontsource/noto-sans; SIL Open Font License).
//
// Copy-paste of Arabic. pdfkit writes each glyph's Unicode text (ToUnicode) from fontkit's glyph objects,
// and fontkit (2.0.4) caches one glyph object per glyph id with the characters of its first use. Noto Sans
// Arabic draws dotted letters as a dotless skeleton plus dots (its `ccmp` feature decomposes them), so one
// skeleton glyph serves ب ت ث ن ي (initial and medial forms), another ج ح خ, د ذ, ر ز, س ش, ص ض, ط ظ,
// ع غ, ف ق, and ا for أ إ آ. Every later letter sharing a skeleton was copied as the first one: pdftotext
// read مذكرة المعلومات التعميرية as "التعمترية" (the medial ي taken for ت). Two fixes, both here:
//  1. fontkit's getGlyph returns, when asked for other characters than the cached glyph's, a view of that
//     glyph carrying the characters asked (the shaper's own record of which input produced the glyph);
//  2. pdfkit's encode gives each (glyph, characters) pair its own code in the subset (a duplicate of the
//     glyph's outline), so the ToUnicode map can say ت for one and ي for the other.
// The dots themselves map to no text.
//
// Brackets in right-to-left text are drawn mirrored (UAX #9, L4: "(" shows as ")"), but their text must
// stay the logical character, or a reader's copy says ")قطع(" for "(قطع)". bidi.ts hands such characters
// as private-use stand-ins (MIRRORED below); layout draws the mirrored glyph and records the logical
// character, which (2) then keeps apart from the real ")" in the ToUnicode map.
// What remains is documented in server/notes/README.md.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sfntOf } from './woff.js';

const require = createRequire(import.meta.url);
const dir = (pkg: string) => join(dirname(require.resolve(`${pkg}/package.json`)), 'files');

export const FONT_FILES = {
  latin: join(dir('@fontsource/noto-sans'), 'noto-sans-latin-400-normal.woff'),
  'latin-bold': join(dir('@fontsource/noto-sans'), 'noto-sans-latin-700-normal.woff'),
  arabic: join(dir('@fontsource/noto-sans-arabic'), 'noto-sans-arabic-arabic-400-normal.woff'),
  'arabic-bold': join(dir('@fontsource/noto-sans-arabic'), 'noto-sans-arabic-arabic-700-normal.woff'),
} as const;
export type FontName = keyof typeof FONT_FILES;

interface FontkitGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}
interface FontkitFont {
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph;
  hasGlyphForCodePoint(cp: number): boolean;
}
/** The parts of pdfkit's EmbeddedFont used here (pdfkit 0.17–0.20, js/pdfkit.js `class EmbeddedFont`). */
interface EmbeddedFont {
  font: FontkitFont;
  subset: { glyphs: number[]; mapping: Record<number, number>; includeGlyph(id: number): number };
  unicode: number[][];
  widths: number[];
  scale: number;
  layout(text: string, features?: string[], onlyWidth?: boolean): Run;
  encode(text: string, features?: string[]): [string[], unknown[]];
  tasmimPatched?: boolean;
}

const sameText = (a: number[], b: number[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/** Private-use stand-ins for brackets drawn mirrored: [stand-in, glyph drawn, logical character]. */
const PAIRS: [string, string][] = [['(', ')'], [')', '('], ['[', ']'], [']', '['], ['{', '}'], ['}', '{'], ['«', '»'], ['»', '«'], ['<', '>'], ['>', '<'], ['‹', '›'], ['›', '‹']];
export const MIRRORED: Record<string, string> = Object.fromEntries(PAIRS.map(([logical], i) => [logical, String.fromCharCode(0xe000 + i)]));
const STAND_IN = new Map(PAIRS.map(([logical, shown], i) => [0xe000 + i, { shown, logical: logical.codePointAt(0)! }]));
const STAND_INS = /[\ue000-\ue00b]/g;
const HAS_STAND_IN = /[\ue000-\ue00b]/;

type Run = { glyphs: FontkitGlyph[]; positions: unknown[]; advanceWidth: number };

/** Layout with the stand-ins drawn as the mirrored glyph and recorded as the logical character. */
function patchMirrors(f: EmbeddedFont): void {
  const layout = f.layout.bind(f);
  f.layout = (text, features, onlyWidth) => {
    if (!HAS_STAND_IN.test(text)) return layout(text, features, onlyWidth);
    const chars = Array.from(text).map((c) => c.codePointAt(0)!);
    const run = layout(text.replace(STAND_INS, (c) => STAND_IN.get(c.charCodeAt(0))!.shown), features, onlyWidth);
    if (onlyWidth || !run.glyphs) return run;
    let i = 0; // index in chars: each glyph stands for codePoints.length of them (a ligature for several)
    run.glyphs = run.glyphs.map((g) => {
      const m = STAND_IN.get(chars[i]!);
      i += Math.max(1, g.codePoints.length);
      return m && g.codePoints.length === 1 ? Object.assign(Object.create(g) as FontkitGlyph, { codePoints: [m.logical] }) : g;
    });
    return run;
  };
}

function patchToUnicode(f: EmbeddedFont): void {
  if (f.tasmimPatched) return;
  f.tasmimPatched = true;
  const font = f.font;
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints = []) => {
    const g = getGlyph(id, codePoints);
    if (codePoints.length === 0 || sameText(g.codePoints, codePoints)) return g;
    return Object.assign(Object.create(g) as FontkitGlyph, { codePoints });
  };
  const codes = new Map<string, number>();
  f.encode = function encode(this: EmbeddedFont, text, features) {
    const { glyphs, positions } = this.layout(text, features);
    const out: string[] = [];
    for (const glyph of glyphs) {
      const key = `${glyph.id}:${glyph.codePoints.join(',')}`;
      let gid = codes.get(key);
      if (gid === undefined) {
        if (this.subset.mapping[glyph.id] === undefined) gid = this.subset.includeGlyph(glyph.id);
        else gid = this.subset.glyphs.push(glyph.id) - 1; // the same outline under a second code
        codes.set(key, gid);
      }
      out.push(gid.toString(16).padStart(4, '0'));
      this.widths[gid] ??= glyph.advanceWidth * this.scale;
      this.unicode[gid] ??= glyph.codePoints;
    }
    return [out, positions];
  };
}

/** Which characters a font can draw (to choose the Latin or the Arabic font for neutrals). */
export type HasGlyph = (name: FontName, codePoint: number) => boolean;

/** Registers the four fonts on a document and applies the ToUnicode fix to each. */
export function registerFonts(doc: PDFKit.PDFDocument): HasGlyph {
  const fonts = new Map<FontName, FontkitFont>();
  for (const [name, file] of Object.entries(FONT_FILES) as [FontName, string][]) {
    doc.registerFont(name, sfntOf(file));
    doc.font(name);
    const embedded = (doc as unknown as { _font: EmbeddedFont })._font;
    patchToUnicode(embedded);
    patchMirrors(embedded);
    fonts.set(name, embedded.font);
  }
  return (name, cp) => fonts.get(name)!.hasGlyphForCodePoint(cp);
}
