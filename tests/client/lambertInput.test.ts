// Lambert coordinates as people type them, and the shared conversion they go through.
import { describe, expect, it } from 'vitest';
import { fromLambert, toLambert } from '../../client/lib/lambert.js';
import { parseLambertInput } from '../../client/lib/lambertInput.js';

describe('Lambert input', () => {
  it.each([
    ['725000 510000', 725000, 510000],
    ['  725000.5   510000.25 ', 725000.5, 510000.25],
    ['725000,510000', 725000, 510000],
    ['725000.5, 510000.25', 725000.5, 510000.25],
    ['725000,5 ; 510000,25', 725000.5, 510000.25],
    ['X = 725 000,50 ; Y = 510 000,25', 725000.5, 510000.25],
    ['x: 725000 y: 510000', 725000, 510000],
    ['X 724883 Y 510347', 724883, 510347],
    ['725 000 510 000', 725000, 510000],
    ['٧٢٥٠٠٠ ٥١٠٠٠٠', 725000, 510000],
    ['725000\u00a0510000', 725000, 510000],
  ])('reads %j', (text, x, y) => {
    expect(parseLambertInput(text)).toEqual({ ok: true, x, y });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['725000', 'format'],
    ['abc def', 'format'],
    ['725000 510000 12', 'format'],
    ['35.17 -2.93', 'range'],
    ['5100000 7250000', 'range'],
  ])('refuses %j (%s)', (text, error) => {
    expect(parseLambertInput(text)).toEqual({ ok: false, error });
  });

  it('goes to the right place: Nador is about x 725 000, y 510 000 (DOMAIN.md)', () => {
    const [x, y] = toLambert([-2.93, 35.17]);
    expect(Math.abs(x - 725_000)).toBeLessThan(2_000);
    expect(Math.abs(y - 510_000)).toBeLessThan(2_000);
    const parsed = parseLambertInput(`X ${Math.round(x)} Y ${Math.round(y)}`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [lon, lat] = fromLambert([parsed.x, parsed.y]);
    expect(lon).toBeCloseTo(-2.93, 4);
    expect(lat).toBeCloseTo(35.17, 4);
  });
});

describe('proj4 in the browser build', () => {
  it('gives the same answers with only the Lambert Conformal Conic projection as the whole package', async () => {
    const { default: slim } = await import('../../client/lib/proj4-slim.js');
    const { LAMBERT_NORD_MAROC } = await import('../../client/lib/lambert.js');
    slim.defs('EPSG:26191', LAMBERT_NORD_MAROC);
    const converter = slim('EPSG:4326', 'EPSG:26191');
    for (const p of [[-2.93, 35.17], [-3.85, 34.22], [-2.2, 35.45]] as Array<[number, number]>) {
      const [x, y] = converter.forward(p);
      const full = toLambert(p);
      expect(x).toBeCloseTo(full[0], 6);
      expect(y).toBeCloseTo(full[1], 6);
      const back = converter.inverse([x!, y!]);
      expect(back[0]).toBeCloseTo(fromLambert(full)[0], 9);
    }
  });
});
