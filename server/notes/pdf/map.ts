// The map in the PDF: vector paths at the stated scale (1 mm on paper = scale/1000 m on the ground when
// printed at 100 %), clipped to its frame, then its legend in the note's language(s).
import type { MapModel, Shape, XY } from '../map-model.js';
import type { LegendEntry } from '../map-model.js';
import { COLOURS, CONTENT_WIDTH, MARGIN, MM, type Layout, type Side } from './page.js';
import type { Style } from './text.js';

function path(doc: PDFKit.PDFDocument, rings: XY[][], x0: number, y0: number, close: boolean): void {
  for (const ring of rings) {
    ring.forEach(([x, y], i) => (i === 0 ? doc.moveTo(x0 + x * MM, y0 + y * MM) : doc.lineTo(x0 + x * MM, y0 + y * MM)));
    if (close) doc.closePath();
  }
}

function drawShape(l: Layout, s: Shape, x0: number, y0: number): void {
  const doc = l.doc;
  doc.save();
  if ('dash' in s && s.dash) doc.dash(s.dash[0] * MM, { space: s.dash[1] * MM });
  switch (s.kind) {
    case 'area':
      if (s.fill) {
        path(doc, s.rings, x0, y0, true);
        doc.fillColor(s.fill, s.fillOpacity ?? 1).fill('even-odd');
      }
      if (s.stroke) {
        path(doc, s.rings, x0, y0, true);
        doc.lineWidth((s.width ?? 0.2) * MM).strokeColor(s.stroke).lineJoin('round').stroke();
      }
      break;
    case 'line':
      path(doc, s.lines, x0, y0, false);
      doc.lineWidth(s.width * MM).strokeColor(s.stroke, s.opacity ?? 1).lineCap('butt').lineJoin('round').stroke();
      break;
    case 'dot':
      doc.circle(x0 + s.at[0] * MM, y0 + s.at[1] * MM, s.r * MM).fillColor(s.fill).fill();
      break;
    case 'text': {
      const style: Style = { size: s.size, bold: s.bold, color: s.color, halo: s.halo };
      const w = l.ts.width(s.text, false, style);
      const x = x0 + s.at[0] * MM - (s.anchor === 'middle' ? w / 2 : s.anchor === 'end' ? w : 0);
      l.ts.drawLine(s.text, x, y0 + s.at[1] * MM, w + 1, false, style);
      break;
    }
  }
  doc.restore();
}

function swatch(l: Layout, e: LegendEntry, x: number, y: number): void {
  const doc = l.doc;
  const [w, h] = [16, 8];
  doc.save();
  if (e.swatch.dash) doc.dash(e.swatch.dash[0] * MM, { space: e.swatch.dash[1] * MM });
  if (e.swatch.line) {
    doc.moveTo(x, y + h / 2).lineTo(x + w, y + h / 2).lineWidth((e.swatch.width ?? 0.3) * MM).strokeColor(e.swatch.stroke ?? '#000').stroke();
  } else {
    if (e.swatch.fill) doc.rect(x, y, w, h).fillColor(e.swatch.fill, e.swatch.fillOpacity ?? 1).fill();
    if (e.swatch.stroke) doc.rect(x, y, w, h).lineWidth(Math.max(0.3, (e.swatch.width ?? 0.2) * MM)).strokeColor(e.swatch.stroke).stroke();
  }
  doc.restore();
}

export function map(l: Layout, m: MapModel): void {
  const [w, h] = [m.widthMm * MM, m.heightMm * MM];
  l.ensure(h + 40);
  const [x0, y0] = [MARGIN.left + (CONTENT_WIDTH - w) / 2, l.y];
  l.doc.save().rect(x0, y0, w, h).fillColor('#fbfaf6').fill().restore();
  l.doc.save().rect(x0, y0, w, h).clip();
  for (const s of m.shapes) drawShape(l, s, x0, y0);
  for (const s of m.furniture) drawShape(l, s, x0, y0);
  l.doc.restore();
  l.doc.save().rect(x0, y0, w, h).lineWidth(0.8).strokeColor(COLOURS.text).stroke().restore();
  l.y += h + 6;
  legend(l, m.legend);
}

function legend(l: Layout, entries: LegendEntry[]): void {
  const style: Style = { size: 7.5 };
  // Three entries a row in a note in one language; one a row in each language's column when bilingual.
  const perRow = l.sides.length === 1 ? 3 : 1;
  for (let i = 0; i < entries.length; i += perRow) {
    const row = entries.slice(i, i + perRow);
    const heights = l.sides.map((s) => {
      const [, cw] = l.column(s);
      return Math.max(...row.map((e) => l.ts.measure(e.label[s], cw / perRow - 22, s === 'ar', style)));
    });
    const rh = Math.max(10, ...heights) + 1;
    l.ensure(rh);
    for (const s of l.sides) {
      const [cx, cw] = l.column(s);
      const rtl = s === 'ar';
      row.forEach((e, k) => {
        const ew = cw / perRow;
        const ex = rtl ? cx + cw - (k + 1) * ew : cx + k * ew;
        swatch(l, e, rtl ? ex + ew - 16 : ex, l.y + 1.5);
        l.ts.paragraph(e.label[s as Side], rtl ? ex : ex + 20, l.y - 1, ew - 22, rtl, style);
      });
    }
    l.y += rh;
  }
  l.y += 4;
}
