// The note as a PDF (A4, pdfkit), rendered from the recorded content alone, so the same note prints the
// same statements whenever it is asked for. The document's dates are the issue instant, so two renderings
// of one note differ only by pdfkit's random file identifier.
import PDFDocument from 'pdfkit';
import { noteBlocks, type RenderContext } from '../document.js';
import { L, type T } from '../labels.js';
import { mapModel } from '../map-model.js';
import type { NoteContent } from '../schemas.js';
import { flow, textBlock } from './blocks.js';
import { registerFonts } from './fonts.js';
import { map } from './map.js';
import { A4, COLOURS, CONTENT_WIDTH, Layout, MARGIN, MM } from './page.js';
import { drawQr } from './qr.js';
import { table } from './table.js';
import { Typesetter, type Style } from './text.js';

const QR_SIZE = 64;

/** Page 1: the State and the agency in both languages, the QR code between them. */
function letterhead(l: Layout, verifyUrl: string): void {
  const w = (CONTENT_WIDTH - QR_SIZE - 24) / 2;
  const top = l.y;
  const strong: Style = { size: 9, bold: true };
  const plain: Style = { size: 8.5, color: COLOURS.muted };
  let yFr = top;
  let yAr = top;
  yFr += l.ts.paragraph(L.kingdom.fr.toUpperCase(), MARGIN.left, yFr, w, false, strong);
  yFr += l.ts.paragraph(L.agency.fr, MARGIN.left, yFr, w, false, plain);
  yAr += l.ts.paragraph(L.kingdom.ar, MARGIN.left + CONTENT_WIDTH - w, yAr, w, true, strong);
  yAr += l.ts.paragraph(L.agency.ar, MARGIN.left + CONTENT_WIDTH - w, yAr, w, true, plain);
  drawQr(l.doc, verifyUrl, MARGIN.left + (CONTENT_WIDTH - QR_SIZE) / 2, top - 8, QR_SIZE);
  l.y = Math.max(yFr, yAr, top + QR_SIZE - 8) + 6;
}

/** Pages 2…: a running head, so a loose page still says what it belongs to. */
function runningHead(l: Layout, reference: string): void {
  const style: Style = { size: 7.5, color: COLOURS.muted };
  l.ts.drawLine(`${reference} — ${L.title.fr}`, MARGIN.left, MARGIN.top - 14, CONTENT_WIDTH, false, style);
  l.ts.drawLine(L.title.ar, MARGIN.left, MARGIN.top - 14, CONTENT_WIDTH, true, style);
}

function footers(doc: PDFKit.PDFDocument, ts: Typesetter, reference: string, kind: T): void {
  const range = doc.bufferedPageRange();
  const style: Style = { size: 7.5, color: COLOURS.muted };
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = A4.height - MARGIN.bottom + 22;
    doc.save().moveTo(MARGIN.left, y - 11).lineTo(MARGIN.left + CONTENT_WIDTH, y - 11).lineWidth(0.4).strokeColor(COLOURS.rule).stroke().restore();
    const n = `${i + 1}/${range.count}`;
    ts.drawLine(`${reference} · ${kind.fr} · ${L.page.fr} ${n}`, MARGIN.left, y, CONTENT_WIDTH, false, style);
    ts.drawLine(`${kind.ar} · ${L.page.ar} ${n}`, MARGIN.left, y, CONTENT_WIDTH, true, style);
  }
}

export function renderNotePdf(content: NoteContent, ctx: RenderContext): Promise<Buffer> {
  const issued = new Date(content.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    autoFirstPage: true,
    lang: content.lang === 'fr' ? 'fr-MA' : 'ar-MA',
    displayTitle: true,
    info: {
      Title: `${L.title.fr} ${content.reference} — ${L.title.ar}`,
      Author: L.agency.fr,
      Subject: content.kind === 'official' ? 'Note de renseignements urbanistiques officielle / مذكرة المعلومات التعميرية الرسمية' : 'Note de renseignements urbanistiques indicative / مذكرة المعلومات التعميرية الإرشادية',
      Creator: 'Tasmim',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const ts = new Typesetter(doc, registerFonts(doc));
  const l = new Layout(doc, ts, content.lang, (page) => runningHead(page, content.reference));
  letterhead(l, ctx.verifyUrl);
  const blocks = noteBlocks(content, ctx);
  for (const [i, b] of blocks.entries()) {
    // A section heading stays with the map that follows it.
    if (b.type === 'section' && blocks[i + 1]?.type === 'map') l.ensure(content.map.heightMm * MM + 60);
    if (b.type === 'map') map(l, mapModel(content));
    else if (b.type === 'table') table(l, b);
    else if (b.type === 'verification') {
      l.y += 4;
      for (const s of l.sides) {
        const colon = s === 'fr' ? ' :' : ':';
        flow(l, `${L.verifyAt[s]}${colon} ${b.url}`, MARGIN.left, CONTENT_WIDTH, s === 'ar', { size: 8 });
        flow(l, `${L.verificationCode[s]}${colon} ${b.code}`, MARGIN.left, CONTENT_WIDTH, s === 'ar', { size: 8 });
      }
    } else textBlock(l, b);
  }
  footers(doc, ts, content.reference, content.kind === 'official' ? L.officialShort : L.indicativeShort);
  doc.end();
  return done;
}
