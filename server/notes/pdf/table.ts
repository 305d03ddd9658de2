// Tables (parcels, vertices): columns in the reading direction of the note (right to left in an Arabic
// note), headers in the note's language(s), repeated on each page a table runs on to.
import type { Block, Column } from '../document.js';
import type { T } from '../labels.js';
import { COLOURS, CONTENT_WIDTH, MARGIN, type Layout, type Side } from './page.js';
import type { Style } from './text.js';

const CELL: Style = { size: 8 };
const HEAD: Style = { size: 7.5, bold: true, color: COLOURS.muted };
const PAD = 3;

type Table = Extract<Block, { type: 'table' }>;

export function table(l: Layout, b: Table): void {
  const rtlTable = l.sides.length === 1 && l.sides[0] === 'ar';
  const keep = b.columns.map((c, i) => [c, i] as const).filter(([c]) => !c.only || l.sides.includes(c.only));
  const cols = rtlTable ? [...keep].reverse() : keep;
  const total = cols.reduce((a, [c]) => a + c.weight, 0);
  const widths = cols.map(([c]) => (CONTENT_WIDTH * c.weight) / total);
  const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, w) => a + w, 0));
  /** which language a column speaks: its own, or the table's */
  const sideOf = (c: Column): Side => c.only ?? (rtlTable ? 'ar' : 'fr');
  const headSides = (c: Column): Side[] => (c.only ? [c.only] : l.sides);

  const cell = (text: string, i: number, top: number, rtl: boolean, style: Style, align: Column['align'], measureOnly: boolean): number => {
    const w = widths[i]! - 2 * PAD;
    // 'start' / 'end' are in the table's direction; the text's own direction decides its alignment
    const a = align === 'start' ? (rtl === rtlTable ? 'start' : 'end') : rtl === rtlTable ? 'end' : 'start';
    if (measureOnly) return l.ts.measure(text, w, rtl, style);
    return l.ts.paragraph(text, xs[i]! + PAD, top, w, rtl, style, a);
  };
  const header = (measureOnly: boolean): number => {
    const hs = cols.map(([c], i) => {
      let y = l.y + PAD;
      for (const s of headSides(c)) y += cell(c.title[s], i, y, s === 'ar', HEAD, c.align, measureOnly);
      return y - l.y + PAD;
    });
    const h = Math.max(...hs);
    if (!measureOnly) {
      l.doc.save().rect(MARGIN.left, l.y + h - 0.6, CONTENT_WIDTH, 0.6).fillColor(COLOURS.rule).fill().restore();
      l.y += h;
    }
    return h;
  };

  if (b.caption) {
    const cap = b.caption;
    const style: Style = { size: 8, bold: true };
    l.ensure(header(true) + 40);
    for (const s of l.sides) {
      const rtl = s === 'ar';
      l.ts.drawLine(cap[s], MARGIN.left, l.y + l.ts.baseline(style), CONTENT_WIDTH, rtl, style);
      if (l.sides.length === 1 || s === 'ar') l.y += l.ts.lineHeight(style, rtl);
    }
  } else {
    l.ensure(header(true) + 30);
  }
  header(false);
  b.rows.forEach((row: T[], r) => {
    const values = cols.map(([c, i]) => row[i]![sideOf(c)]);
    const h = Math.max(...cols.map(([c], i) => cell(values[i]!, i, 0, sideOf(c) === 'ar', CELL, c.align, true))) + 2 * PAD;
    if (l.y + h > l.bottom) {
      l.newPage();
      header(false);
    }
    if (r % 2 === 1) l.doc.save().rect(MARGIN.left, l.y, CONTENT_WIDTH, h).fillColor('#f6f6f4').fill().restore();
    cols.forEach(([c], i) => cell(values[i]!, i, l.y + PAD, sideOf(c) === 'ar', CELL, c.align, false));
    l.y += h;
  });
  l.y += 6;
}
