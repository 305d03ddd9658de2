// WCAG 2.2 AA: text at least 4.5:1 against its background. The interface's colours are read from
// client/styles.css (its custom properties), the map labels' from the style, each on what it sits on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAN_OUTLINE } from '../../client/map/palette.js';
import { LABEL_HALO, buildStyle } from '../../client/map/style.js';
import { LAYER_IDS, defaultLayers } from '../../client/lib/urlState.js';

function luminance(hex: string): number {
  const n = hex.replace('#', '');
  const full = n.length === 3 ? [...n].map((c) => c + c).join('') : n;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const css = readFileSync(new URL('../../client/styles.css', import.meta.url), 'utf8');
const root = /:root\s*{([^}]*)}/.exec(css)![1]!;
const v = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{3,6})`).exec(root)![1]!;

describe('contrast (WCAG AA, text ≥ 4.5:1)', () => {
  it('knows the formula: black on white is 21:1', () => {
    expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
  });

  it.each([
    ['ink', 'paper'],
    ['muted', 'paper'],
    ['muted', 'wash'],
    ['accent', 'paper'],
    ['accent', 'wash'],
    ['ok', 'paper'],
    ['bad', 'paper'],
    ['warn-ink', 'warn-bg'],
    ['paper', 'brand'],
    ['paper', 'accent'],
  ])('--%s on --%s', (fg, bg) => {
    expect(contrast(v(fg), v(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it('the selected search hit and the pressed segment (#e4f1f7) keep their text readable', () => {
    expect(contrast(v('ink'), '#e4f1f7')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(v('muted'), '#e4f1f7')).toBeGreaterThanOrEqual(4.5);
  });

  it('map labels stand out from their halo', () => {
    const style = buildStyle({
      catalog: { dataVersion: 1, sources: LAYER_IDS.map((id) => ({ id, name: id, description: id, minzoom: 0, maxzoom: 16, dated: id !== 'communes', tilejson: `http://h/tiles/${id}` })) },
      layers: defaultLayers(),
      baseUrl: 'http://h/',
    });
    const colours = new Set<string>();
    for (const l of style.layers) {
      if (l.type !== 'symbol') continue;
      const c = l.paint?.['text-color'];
      for (const hex of JSON.stringify(c).match(/#[0-9a-fA-F]{6}/g) ?? []) colours.add(hex);
    }
    expect(colours.size).toBeGreaterThan(3);
    for (const c of [...colours, ...Object.values(PLAN_OUTLINE)]) expect(contrast(c, LABEL_HALO), c).toBeGreaterThanOrEqual(4.5);
  });
});
