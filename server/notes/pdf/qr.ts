// The QR code to the verification URL, drawn as vector squares (sharp at any zoom and print resolution).
// Error correction level M (15 %) survives a crease or a stain on a printed note.
import QRCode from 'qrcode';

export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2; // white modules around the symbol; ISO/IEC 18004 asks for 4: callers leave blank page around it
  const cell = size / (n + 2 * quiet);
  doc.save().rect(x, y, size, size).fillColor('#ffffff').fill();
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++) {
    // one rectangle per horizontal run of dark modules
    for (let c = 0; c < n; ) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      let e = c;
      while (e < n && qr.modules.get(r, e)) e++;
      doc.rect(x + (quiet + c) * cell, y + (quiet + r) * cell, (e - c) * cell + 0.01, cell + 0.01);
      c = e;
    }
  }
  doc.fill().restore();
}
