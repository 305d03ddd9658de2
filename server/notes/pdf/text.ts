// Setting text with pdfkit in both directions: measuring, wrapping in logical order (UAX #9: lines are
// broken before they are reordered), then drawing each line's pieces left to right. Arabic pieces are
// drawn with `features: ['rtla']`, which makes pdfkit hand the whole piece to fontkit's shaper (joining
// forms, lam-alef, right-to-left order) instead of laying it out word by word.
import { visualPieces, type Piece } from './bidi.js';
import type { FontName, HasGlyph } from './fonts.js';

export interface Style {
  size: number;
  bold?: boolean;
  color?: string;
  /** a white outline under the letters, for labels on a map */
  halo?: boolean;
}

export type Align = 'start' | 'end' | 'center';

const fontOf = (p: Piece, bold?: boolean): FontName => (bold ? `${p.font}-bold` : p.font);

export class Typesetter {
  private widths = new Map<string, number>();

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly has: HasGlyph,
  ) {}

  pieces(text: string, rtl: boolean): Piece[] {
    return visualPieces(text, rtl, this.has);
  }

  /** Line height: Noto Sans Arabic needs more room (ascent 1.374 em, descent 0.738 em) than Noto Sans. */
  lineHeight(style: Style, rtl: boolean): number {
    return style.size * (rtl ? 1.75 : 1.4);
  }

  /**
   * The first baseline below a line's top: the same in both scripts, so that French and Arabic cells of
   * one row sit on one line (Arabic needs its extra room below, for its descenders).
   */
  baseline(style: Style): number {
    return style.size * 1.1;
  }

  private pieceWidth(p: Piece, style: Style): number {
    const key = `${fontOf(p, style.bold)}|${style.size}|${p.rtl ? 1 : 0}|${p.text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      w = this.doc.font(fontOf(p, style.bold)).fontSize(style.size).widthOfString(p.text, p.rtl ? { features: ['rtla'] } : {});
      this.widths.set(key, w);
    }
    return w;
  }

  width(text: string, rtl: boolean, style: Style): number {
    return this.pieces(text, rtl).reduce((a, p) => a + this.pieceWidth(p, style), 0);
  }

  /** Greedy line breaking at spaces; a word longer than the line (a URL) is cut where it must be. */
  wrap(text: string, maxWidth: number, rtl: boolean, style: Style): string[] {
    const out: string[] = [];
    for (const para of text.split('\n')) {
      const tokens = para.split(/( +)/).filter(Boolean);
      let line = '';
      let lineW = 0;
      for (const tok of tokens) {
        const w = this.width(tok, rtl, style);
        if (line && lineW + w > maxWidth && tok.trim()) {
          out.push(line.trimEnd());
          line = '';
          lineW = 0;
        }
        if (!line && !tok.trim()) continue;
        if (w > maxWidth && !line) {
          for (const part of this.cut(tok, maxWidth, rtl, style)) out.push(part);
          line = out.pop()!;
          lineW = this.width(line, rtl, style);
          continue;
        }
        line += tok;
        lineW += w;
      }
      out.push(line.trimEnd());
    }
    return out;
  }

  private cut(word: string, maxWidth: number, rtl: boolean, style: Style): string[] {
    const parts: string[] = [];
    let cur = '';
    for (const ch of Array.from(word)) {
      if (cur && this.width(cur + ch, rtl, style) > maxWidth) {
        parts.push(cur);
        cur = '';
      }
      cur += ch;
    }
    return [...parts, cur];
  }

  /** Draws one line in a box [x, x + width] with its baseline at `baseline`. */
  drawLine(text: string, x: number, baseline: number, width: number, rtl: boolean, style: Style, align: Align = 'start'): void {
    const pieces = this.pieces(text, rtl);
    const total = pieces.reduce((a, p) => a + this.pieceWidth(p, style), 0);
    const right = rtl ? align === 'start' : align === 'end';
    let cx = align === 'center' ? x + (width - total) / 2 : right ? x + width - total : x;
    for (const p of pieces) {
      const options = { lineBreak: false, baseline: 'alphabetic', ...(p.rtl ? { features: ['rtla'] } : {}) } as PDFKit.Mixins.TextOptions;
      this.doc.font(fontOf(p, style.bold)).fontSize(style.size);
      if (style.halo) {
        this.doc.save().lineWidth(style.size / 6).strokeColor('#ffffff').lineJoin('round');
        this.doc.text(p.text, cx, baseline, { ...options, stroke: true, fill: false }).restore();
      }
      this.doc.fillColor(style.color ?? '#1a1a1a').text(p.text, cx, baseline, options);
      cx += this.pieceWidth(p, style);
    }
  }

  /** Wraps and draws a paragraph whose first line's top is `top`; returns the height used. */
  paragraph(text: string, x: number, top: number, width: number, rtl: boolean, style: Style, align: Align = 'start'): number {
    const lh = this.lineHeight(style, rtl);
    const lines = this.wrap(text, width, rtl, style);
    lines.forEach((line, i) => this.drawLine(line, x, top + i * lh + this.baseline(style), width, rtl, style, align));
    return lines.length * lh;
  }

  /** The height `paragraph` would use. */
  measure(text: string, width: number, rtl: boolean, style: Style): number {
    return this.wrap(text, width, rtl, style).length * this.lineHeight(style, rtl);
  }
}
