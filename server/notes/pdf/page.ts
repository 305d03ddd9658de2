// The page: A4, margins, a cursor, page breaks, and the languages' places. A bilingual note has French on
// the left and Arabic on the right, side by side, as Moroccan administrative forms are; a note in one
// language uses the whole width, from the right for Arabic.
import type { NoteLang } from '../schemas.js';
import type { Typesetter } from './text.js';

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = { left: 34, right: 34, top: 40, bottom: 50 };
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
export const GUTTER = 16;
export const MM = 72 / 25.4;

export const COLOURS = { text: '#1a1a1a', muted: '#5a5a5a', rule: '#c9c9c9', faint: '#ececec', accent: '#7a1f2b', warning: '#b00020', warningBg: '#fdecea', sample: '#8a5a00', sampleBg: '#fff4d6' };

export type Side = 'fr' | 'ar';

export class Layout {
  y = MARGIN.top;
  readonly sides: Side[];

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly ts: Typesetter,
    lang: NoteLang,
    private readonly onNewPage: (layout: Layout) => void,
  ) {
    this.sides = lang === 'bilingual' ? ['fr', 'ar'] : [lang];
  }

  get bottom(): number {
    return A4.height - MARGIN.bottom;
  }

  /** Where a language's column is: [x, width]. */
  column(side: Side): [number, number] {
    if (this.sides.length === 1) return [MARGIN.left, CONTENT_WIDTH];
    const w = (CONTENT_WIDTH - GUTTER) / 2;
    return side === 'fr' ? [MARGIN.left, w] : [MARGIN.left + w + GUTTER, w];
  }

  /** Starts a new page unless `height` fits below the cursor (or could not fit on any page). */
  ensure(height: number): void {
    if (this.y + height <= this.bottom || this.y <= MARGIN.top + 30) return;
    this.newPage();
  }

  newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.y = MARGIN.top;
    this.onNewPage(this);
  }

  rule(colour = COLOURS.rule, width = 0.5): void {
    this.doc.save().moveTo(MARGIN.left, this.y).lineTo(MARGIN.left + CONTENT_WIDTH, this.y).lineWidth(width).strokeColor(colour).stroke().restore();
  }
}
