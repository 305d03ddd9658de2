// The print layout's arithmetic: paper sizes, the @page rule, the pixel ratio the map is drawn at, and
// the scale bar and ratio scale of the printed map. CSS lengths are exact on paper (1 in = 96 px =
// 25.4 mm) as long as the browser prints at 100 %, which the @page size asks for.

export type Paper = 'A4' | 'A3';
export type Orientation = 'portrait' | 'landscape';
export const PAPERS: readonly Paper[] = ['A4', 'A3'];
export const ORIENTATIONS: readonly Orientation[] = ['landscape', 'portrait'];

/** ISO 216, portrait, in millimetres. */
const PAPER_MM: Record<Paper, readonly [number, number]> = { A4: [210, 297], A3: [297, 420] };

export const CSS_PX_PER_MM = 96 / 25.4;

export function pageSize(paper: Paper, orientation: Orientation): { widthMm: number; heightMm: number } {
  const [w, h] = PAPER_MM[paper];
  return orientation === 'portrait' ? { widthMm: w, heightMm: h } : { widthMm: h, heightMm: w };
}

/** The page rule for the chosen paper: no browser margin, the layout draws its own. */
export function pageCss(paper: Paper, orientation: Orientation): string {
  return `@page { size: ${paper} ${orientation}; margin: 0; }`;
}

/** The canvas size the print map may use (MapLibre's maxCanvasSize; WebGL2 guarantees 4096 at least). */
export const PRINT_MAX_CANVAS_PX = 4096;

/**
 * The pixel ratio the map is drawn at for print: 2 (192 dpi, sharp lines and labels on paper), less
 * only if the canvas would pass the maximum (not for A4 and A3 maps, whose longest side is < 1600 px).
 */
export function printPixelRatio(widthPx: number, heightPx: number, maxCanvasPx = PRINT_MAX_CANVAS_PX): number {
  const longest = Math.max(widthPx, heightPx, 1);
  return Math.min(2, Math.floor((maxCanvasPx / longest) * 100) / 100);
}

/** A round length (1, 2 or 5 × 10ⁿ metres) whose bar is at most maxPx long, and that bar's length. */
export function scaleBar(metresPerPx: number, maxPx: number): { metres: number; px: number } {
  const most = metresPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(most));
  const first = most / pow;
  const nice = (first >= 5 ? 5 : first >= 2 ? 2 : 1) * pow;
  return { metres: nice, px: nice / metresPerPx };
}

/**
 * The ratio scale on paper (1 : n), n rounded to two significant digits as plans state it: a CSS pixel
 * is 0.2646 mm on paper.
 */
export function scaleDenominator(metresPerPx: number): number {
  const n = metresPerPx / (25.4 / 96 / 1000);
  const pow = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / pow) * pow;
}

/** Metres per CSS pixel at a latitude and zoom, for MapLibre's 512 px tiles (WGS84 equator 40 075 016.7 m). */
export function metresPerPixel(lat: number, zoom: number): number {
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}
