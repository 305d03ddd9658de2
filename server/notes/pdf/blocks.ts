// The note's text blocks on the page (document.ts says what they are). Side by side in a bilingual note;
// long paragraphs (the disclaimer) are set one language after the other over the whole width, so that
// each reads, and copies, as continuous text.
import type { Block } from '../document.js';
import type { T } from '../labels.js';
import { COLOURS, CONTENT_WIDTH, MARGIN, type Layout, type Side } from './page.js';
import type { Style } from './text.js';

const BODY: Style = { size: 8.5 };
const LABEL: Style = { size: 8, color: COLOURS.muted };

/** Draws something in each language's column at the same top; the cursor moves by the tallest. */
function sideBySide(l: Layout, height: (side: Side, x: number, w: number) => number, draw: (side: Side, x: number, w: number, top: number) => void, gap = 3): void {
  const h = Math.max(...l.sides.map((s) => height(s, ...l.column(s))));
  l.ensure(h + gap);
  for (const s of l.sides) draw(s, ...l.column(s), l.y);
  l.y += h + gap;
}

/** A paragraph drawn line by line, so it can run on to the next page. */
export function flow(l: Layout, text: string, x: number, width: number, rtl: boolean, style: Style, align: 'start' | 'center' = 'start'): void {
  const lh = l.ts.lineHeight(style, rtl);
  for (const line of l.ts.wrap(text, width, rtl, style)) {
    l.ensure(lh);
    l.ts.drawLine(line, x, l.y + l.ts.baseline(style), width, rtl, style, align);
    l.y += lh;
  }
}

export function title(l: Layout, t: T): void {
  flow(l, t.ar, MARGIN.left, CONTENT_WIDTH, true, { size: 18, bold: true, color: COLOURS.accent }, 'center');
  flow(l, t.fr.toUpperCase(), MARGIN.left, CONTENT_WIDTH, false, { size: 13.5, bold: true, color: COLOURS.accent }, 'center');
  l.y += 4;
}

/** Always in both languages, whatever the note's language: the indicative and sample warnings. */
export function banner(l: Layout, lines: T[], tone: 'warning' | 'illustrative' | 'official'): void {
  const [fg, bg] = tone === 'warning' ? [COLOURS.warning, COLOURS.warningBg] : tone === 'official' ? [COLOURS.accent, '#ffffff'] : [COLOURS.sample, COLOURS.sampleBg];
  const pad = 6;
  const w = CONTENT_WIDTH - 2 * pad;
  const styles = lines.map((_, i): Style => ({ size: i === 0 ? 9.5 : 8.5, bold: i === 0, color: fg }));
  const h = lines.reduce((a, t, i) => a + l.ts.measure(t.fr, w, false, styles[i]!) + l.ts.measure(t.ar, w, true, styles[i]!), 0) + 2 * pad;
  l.ensure(h + 6);
  l.doc.save().rect(MARGIN.left, l.y, CONTENT_WIDTH, h).fillColor(bg).fill().restore();
  l.doc.save().rect(MARGIN.left, l.y, CONTENT_WIDTH, h).lineWidth(1.2).strokeColor(fg).stroke().restore();
  let y = l.y + pad;
  lines.forEach((t, i) => {
    y += l.ts.paragraph(t.fr, MARGIN.left + pad, y, w, false, styles[i]!, 'center');
    y += l.ts.paragraph(t.ar, MARGIN.left + pad, y, w, true, styles[i]!, 'center');
  });
  l.y += h + 8;
}

export function section(l: Layout, t: T): void {
  const style: Style = { size: 11.5, bold: true, color: COLOURS.accent };
  l.ensure(90); // a heading is never the last line of a page
  l.y += 8;
  sideBySide(l, (s, _x, w) => l.ts.measure(t[s], w, s === 'ar', style), (s, x, w, top) => l.ts.paragraph(t[s], x, top, w, s === 'ar', style), 1);
  l.rule(COLOURS.accent, 0.8);
  l.y += 5;
}

export function subheading(l: Layout, t: T, level: 1 | 2, tag?: T): void {
  const style: Style = { size: level === 1 ? 10.5 : 9, bold: true, color: level === 1 ? COLOURS.text : COLOURS.accent };
  const tagStyle: Style = { size: 7.5, color: COLOURS.muted };
  l.ensure(60);
  l.y += level === 1 ? 6 : 3;
  sideBySide(
    l,
    (s, _x, w) => l.ts.measure(t[s], w, s === 'ar', style) + (tag ? l.ts.measure(tag[s], w, s === 'ar', tagStyle) : 0),
    (s, x, w, top) => {
      const h = l.ts.paragraph(t[s], x, top, w, s === 'ar', style);
      if (tag) l.ts.paragraph(tag[s], x, top + h, w, s === 'ar', tagStyle);
    },
  );
}

export function paragraph(l: Layout, t: T, tone: 'normal' | 'muted' = 'normal'): void {
  const style: Style = tone === 'muted' ? { size: 8, color: COLOURS.muted } : BODY;
  // Kept on one page when it fits on one: a statement read whole (the disclaimer) is not cut.
  l.ensure(l.sides.reduce((a, s) => a + l.ts.measure(t[s], CONTENT_WIDTH, s === 'ar', style) + 2, 0));
  for (const s of l.sides) {
    flow(l, t[s], MARGIN.left, CONTENT_WIDTH, s === 'ar', style);
    l.y += 2;
  }
}

/** Label and value rows; in Arabic the label is on the right and the value to its left. */
export function fields(l: Layout, rows: { label: T; value: T }[]): void {
  for (const row of rows) {
    const parts = (s: Side, x: number, w: number) => {
      const lw = w * (l.sides.length === 1 ? 0.32 : 0.42);
      const vw = w - lw - 6;
      return s === 'ar' ? { label: [x + w - lw, lw] as const, value: [x, vw] as const } : { label: [x, lw] as const, value: [x + lw + 6, vw] as const };
    };
    sideBySide(
      l,
      (s, x, w) => {
        const p = parts(s, x, w);
        return Math.max(l.ts.measure(row.label[s], p.label[1], s === 'ar', LABEL), l.ts.measure(row.value[s], p.value[1], s === 'ar', BODY));
      },
      (s, x, w, top) => {
        const p = parts(s, x, w);
        l.ts.paragraph(row.label[s], p.label[0], top, p.label[1], s === 'ar', LABEL);
        l.ts.paragraph(row.value[s], p.value[0], top, p.value[1], s === 'ar', BODY);
      },
      1,
    );
    l.doc.save().moveTo(MARGIN.left, l.y).lineTo(MARGIN.left + CONTENT_WIDTH, l.y).lineWidth(0.3).strokeColor(COLOURS.faint).stroke().restore();
    l.y += 1.5;
  }
}

/** A label and bullet items, with a hanging indent on the reading side. */
export function list(l: Layout, label: T, items: T[]): void {
  const indent = 9;
  sideBySide(
    l,
    (s, _x, w) => l.ts.measure(label[s], w, s === 'ar', LABEL) + items.reduce((a, it) => a + l.ts.measure(it[s], w - indent, s === 'ar', BODY), 0),
    (s, x, w, top) => {
      const rtl = s === 'ar';
      let y = top + l.ts.paragraph(label[s], x, top, w, rtl, LABEL);
      for (const it of items) {
        l.ts.drawLine('•', rtl ? x + w - indent + 3 : x + 2, y + l.ts.baseline(BODY), indent, false, BODY);
        y += l.ts.paragraph(it[s], rtl ? x : x + indent, y, w - indent, rtl, BODY);
      }
    },
  );
}

export type TextBlock = Exclude<Block, { type: 'map' } | { type: 'table' } | { type: 'verification' }>;

export function textBlock(l: Layout, b: TextBlock): void {
  switch (b.type) {
    case 'title':
      return title(l, b.text);
    case 'banner':
      return banner(l, b.lines, b.tone);
    case 'section':
      return section(l, b.title);
    case 'subheading':
      return subheading(l, b.title, b.level, b.tag);
    case 'fields':
      return fields(l, b.rows);
    case 'list':
      return list(l, b.label, b.items);
    case 'paragraph':
      return paragraph(l, b.text, b.tone);
  }
}
