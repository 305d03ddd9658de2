// The map and the QR code as inline SVG, for the HTML page: the same shapes as the PDF (map-model.ts), in
// millimetres, so the page printed at 100 % keeps the stated scale. No xmlns: inline SVG in HTML needs none,
// and the page names no URL but its own.
import QRCode from 'qrcode';
import type { MapModel, Shape, XY } from '../map-model.js';

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const PT = 25.4 / 72; // one point in millimetres

const d = (rings: XY[][], close: boolean) => rings.map((r) => `M${r.map(([x, y]) => `${x} ${y}`).join('L')}${close ? 'Z' : ''}`).join('');

function shape(s: Shape): string {
  const dash = 'dash' in s && s.dash ? ` stroke-dasharray="${s.dash[0]} ${s.dash[1]}"` : '';
  switch (s.kind) {
    case 'area': {
      const fill = s.fill ? `fill="${s.fill}" fill-opacity="${s.fillOpacity ?? 1}" fill-rule="evenodd"` : 'fill="none"';
      const stroke = s.stroke ? ` stroke="${s.stroke}" stroke-width="${s.width ?? 0.2}" stroke-linejoin="round"` : '';
      return `<path d="${d(s.rings, true)}" ${fill}${stroke}${dash}/>`;
    }
    case 'line':
      return `<path d="${d(s.lines, false)}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}" stroke-opacity="${s.opacity ?? 1}"${dash}/>`;
    case 'dot':
      return `<circle cx="${s.at[0]}" cy="${s.at[1]}" r="${s.r}" fill="${s.fill}"/>`;
    case 'text': {
      const halo = s.halo ? ` stroke="#fff" stroke-width="${((s.size * PT) / 6).toFixed(3)}" paint-order="stroke" stroke-linejoin="round"` : '';
      const weight = s.bold ? ' font-weight="700"' : '';
      return `<text x="${s.at[0]}" y="${s.at[1]}" font-size="${(s.size * PT).toFixed(2)}" fill="${s.color}" text-anchor="${s.anchor}"${weight}${halo}>${esc(s.text)}</text>`;
    }
  }
}

export function mapSvg(m: MapModel, title: string): string {
  return `<svg class="map" viewBox="0 0 ${m.widthMm} ${m.heightMm}" width="${m.widthMm}mm" height="${m.heightMm}mm" role="img" aria-label="${esc(title)}" direction="ltr">
<defs><clipPath id="frame"><rect width="${m.widthMm}" height="${m.heightMm}"/></clipPath></defs>
<rect width="${m.widthMm}" height="${m.heightMm}" fill="#fbfaf6"/>
<g clip-path="url(#frame)">${m.shapes.map(shape).join('')}${m.furniture.map(shape).join('')}</g>
<rect width="${m.widthMm}" height="${m.heightMm}" fill="none" stroke="#1a1a1a" stroke-width="0.3"/>
</svg>`;
}

export function swatchSvg(e: MapModel['legend'][number]): string {
  const s = e.swatch;
  const dash = s.dash ? ` stroke-dasharray="${s.dash[0]} ${s.dash[1]}"` : '';
  const body = s.line
    ? `<path d="M0 2.5H6" stroke="${s.stroke}" stroke-width="${s.width ?? 0.3}"${dash}/>`
    : `<rect x="0.2" y="0.2" width="5.6" height="4.6" fill="${s.fill ?? 'none'}" fill-opacity="${s.fillOpacity ?? 1}"${s.stroke ? ` stroke="${s.stroke}" stroke-width="${Math.max(0.15, s.width ?? 0.2)}"` : ''}${dash}/>`;
  return `<svg class="swatch" viewBox="0 0 6 5" width="6mm" height="5mm" aria-hidden="true">${body}</svg>`;
}

/** The QR code as one SVG path of dark modules. */
export function qrSvg(text: string, sizeMm: number): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  let path = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) path += `M${c + 2} ${r + 2}h1v1h-1z`;
  return `<svg class="qr" viewBox="0 0 ${n + 4} ${n + 4}" width="${sizeMm}mm" height="${sizeMm}mm" role="img" aria-label="QR"><rect width="${n + 4}" height="${n + 4}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}
