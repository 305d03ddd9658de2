// Visual order for a line of mixed Arabic and Latin text, and the font of each piece. pdfkit draws a string
// in one font and one direction; a note's Arabic lines hold Latin (references "TF 1234/11", codes "R+3",
// "EPSG:26191", numbers) and its French lines may hold Arabic names. This is the part of the Unicode
// Bidirectional Algorithm (UAX #9) that such lines need:
//  - strong types: Arabic script → R; other letters and all digits → L (a number stays left to right);
//  - bracket pairs (N0): a pair enclosing text of the paragraph's direction takes that direction, so
//    "R+3 (4 مستويات)" keeps its brackets around the Arabic words;
//  - other neutrals (N1/N2): the direction of the strong text on both sides when they agree, else the
//    paragraph's;
//  - levels (base 0 or 1; L in an RTL paragraph at 2) and reordering (L2): reverse every maximal sequence
//    of runs at or above each odd level, from the highest down.
// Deliberately left out: explicit embeddings and isolates (our texts carry none), Arabic-Indic digits as a
// separate type (Western digits are used, format.ts) and the W rules on separators (digits being L, "2-11"
// and "12,5" stay in one run anyway).
import { MIRRORED, type FontName } from './fonts.js';

export interface Piece {
  text: string;
  font: 'latin' | 'arabic';
  /** true: Arabic letters, drawn right to left and shaped by fontkit; false: drawn as given */
  rtl: boolean;
}

type Cls = 'R' | 'L' | 'N';
const ARABIC = /\p{Script_Extensions=Arabic}/u;
// Superscripts (m², of category No) are neutral: they belong to the unit before them, in either script.
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;
const DIGIT = /\p{Nd}/u;
const ARABIC_LETTER = /[\p{L}\p{M}]/u;
const OPEN = new Set(['(', '[', '{', '«', '‹']);
const CLOSE: Record<string, string> = { ')': '(', ']': '[', '}': '{', '»': '«', '›': '‹' };

function classify(ch: string): Cls {
  if (ARABIC.test(ch) && !DIGIT.test(ch)) return 'R';
  return LETTER_OR_DIGIT.test(ch) ? 'L' : 'N';
}

/** The resolved direction of every character: N0 (brackets) then N1/N2 (other neutrals). */
export function resolveTypes(chars: string[], rtl: boolean): ('R' | 'L')[] {
  const base: 'R' | 'L' = rtl ? 'R' : 'L';
  const t: Cls[] = chars.map(classify);
  // N0: bracket pairs, found with a stack (UAX #9 BD16, without its 63-deep limit: lines are short).
  const stack: { ch: string; i: number }[] = [];
  const pairs: [number, number][] = [];
  chars.forEach((ch, i) => {
    if (OPEN.has(ch)) stack.push({ ch, i });
    else if (CLOSE[ch]) {
      const k = stack.map((s) => s.ch).lastIndexOf(CLOSE[ch]!);
      if (k >= 0) {
        pairs.push([stack[k]!.i, i]);
        stack.length = k;
      }
    }
  });
  for (const [o, c] of pairs.sort((a, b) => a[0] - b[0])) {
    const inside = t.slice(o + 1, c).filter((x) => x !== 'N');
    let dir: Cls | null = null;
    if (inside.includes(base)) dir = base;
    else if (inside.length) {
      const before = t.slice(0, o).filter((x) => x !== 'N').pop() ?? base;
      dir = before === inside[0] ? before : base;
    }
    if (dir) t[o] = t[c] = dir;
  }
  // N1/N2
  const out: ('R' | 'L')[] = [];
  for (let i = 0; i < t.length; ) {
    if (t[i] !== 'N') {
      out.push(t[i] as 'R' | 'L');
      i++;
      continue;
    }
    let j = i;
    while (j < t.length && t[j] === 'N') j++;
    const prev = i > 0 ? out[i - 1]! : base;
    const next = j < t.length ? (t[j] as 'R' | 'L') : base;
    const d = prev === next ? prev : base;
    for (let k = i; k < j; k++) out.push(d);
    i = j;
  }
  return out;
}

/**
 * The pieces of a line, left to right as they are drawn. `has(font, codePoint)` says which font can draw
 * a character: Arabic letters and Arabic punctuation take the Arabic font, everything else the Latin one.
 */
export function visualPieces(text: string, rtl: boolean, has: (font: FontName, cp: number) => boolean): Piece[] {
  const chars = Array.from(text);
  if (chars.length === 0) return [];
  const types = resolveTypes(chars, rtl);
  const levels = types.map((d) => (rtl ? (d === 'R' ? 1 : 2) : d === 'R' ? 1 : 0));
  // Runs of one level, in logical order.
  const runs: { level: number; chars: string[] }[] = [];
  chars.forEach((ch, i) => {
    const last = runs[runs.length - 1];
    if (last && last.level === levels[i]) last.chars.push(ch);
    else runs.push({ level: levels[i]!, chars: [ch] });
  });
  // L2: from the highest level to the lowest odd one, reverse each maximal sequence at or above it.
  const max = Math.max(...runs.map((r) => r.level));
  const minOdd = Math.min(...runs.map((r) => r.level).filter((l) => l % 2 === 1), max + 1);
  for (let lvl = max; lvl >= minOdd; lvl--) {
    for (let i = 0; i < runs.length; ) {
      if (runs[i]!.level < lvl) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && runs[j]!.level >= lvl) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
  return runs.flatMap((r) => piecesOfRun(r.chars, r.level % 2 === 1, has));
}

function fontFor(ch: string, has: (font: FontName, cp: number) => boolean): 'latin' | 'arabic' {
  const cp = ch.codePointAt(0)!;
  if (ARABIC.test(ch) && !DIGIT.test(ch) && has('arabic', cp)) return 'arabic';
  if (has('latin', cp)) return 'latin';
  return has('arabic', cp) ? 'arabic' : 'latin';
}

/** One run → its pieces by font; a right-to-left run is drawn from its end, mirrored where needed. */
function piecesOfRun(chars: string[], rtl: boolean, has: (font: FontName, cp: number) => boolean): Piece[] {
  const pieces: { font: 'latin' | 'arabic'; chars: string[] }[] = [];
  for (const ch of chars) {
    const font = fontFor(ch, has);
    const last = pieces[pieces.length - 1];
    if (last && last.font === font) last.chars.push(ch);
    else pieces.push({ font, chars: [ch] });
  }
  if (!rtl) return pieces.map((p) => ({ text: p.chars.join(''), font: p.font, rtl: false }));
  return pieces.reverse().map((p) => {
    const shaped = p.font === 'arabic' && p.chars.some((c) => ARABIC.test(c) && ARABIC_LETTER.test(c));
    // fontkit orders and shapes Arabic letters itself; neutrals alone are reversed here, and brackets
    // mirrored (UAX #9 L4) through stand-ins that keep their logical character (fonts.ts).
    return shaped
      ? { text: p.chars.join(''), font: p.font, rtl: true }
      : { text: p.chars.reverse().map((c) => MIRRORED[c] ?? c).join(''), font: p.font, rtl: false };
  });
}
