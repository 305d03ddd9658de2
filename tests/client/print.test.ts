// The print layout's arithmetic: paper sizes and the @page rule, the pixel ratio of the printed map,
// its scale bar and ratio scale.
import { describe, expect, it } from 'vitest';
import { CSS_PX_PER_MM, metresPerPixel, pageCss, pageSize, printPixelRatio, scaleBar, scaleDenominator } from '../../client/lib/print.js';

describe('print layout', () => {
  it('knows A4 and A3 in both orientations (ISO 216)', () => {
    expect(pageSize('A4', 'portrait')).toEqual({ widthMm: 210, heightMm: 297 });
    expect(pageSize('A4', 'landscape')).toEqual({ widthMm: 297, heightMm: 210 });
    expect(pageSize('A3', 'portrait')).toEqual({ widthMm: 297, heightMm: 420 });
    expect(pageSize('A3', 'landscape')).toEqual({ widthMm: 420, heightMm: 297 });
    expect(pageCss('A3', 'landscape')).toBe('@page { size: A3 landscape; margin: 0; }');
  });

  it('draws the map at twice the CSS resolution, less only past the canvas limit', () => {
    // An A3 landscape map is about 330 × 230 mm: 1 247 × 869 CSS px.
    expect(printPixelRatio(330 * CSS_PX_PER_MM, 230 * CSS_PX_PER_MM)).toBe(2);
    expect(printPixelRatio(3000, 1000, 4096)).toBeCloseTo(1.36, 2);
  });

  it('makes a round scale bar no longer than asked', () => {
    expect(scaleBar(1, 150)).toEqual({ metres: 100, px: 100 });
    expect(scaleBar(0.5, 150)).toEqual({ metres: 50, px: 100 });
    expect(scaleBar(3, 150)).toEqual({ metres: 200, px: 200 / 3 });
    const { metres, px } = scaleBar(123.4, 150);
    expect(metres).toBe(10_000);
    expect(px).toBeLessThanOrEqual(150);
  });

  it('states the ratio scale on paper, two significant digits', () => {
    // One CSS pixel is 0.2646 mm on paper: 1 m per pixel is 1:3 780 → 1:3 800.
    expect(scaleDenominator(1)).toBe(3800);
    expect(scaleDenominator(0.5)).toBe(1900);
    expect(scaleDenominator(metresPerPixel(35.17, 17))).toBe(1800);
  });

  it('computes metres per pixel for 512 px tiles', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.5, 0);
    expect(metresPerPixel(60, 1)).toBeCloseTo(78_271.5 / 4, 0);
  });
});
