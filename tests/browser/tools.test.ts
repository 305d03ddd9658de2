// The viewer for everyone, in a real Chromium against the real server: Arabic right to left with its
// panels mirrored, labels on the map in Arabic (page fonts, RTL plugin from our host), a language
// switch that keeps the map, measure, compare, print, bookmarks, share, go to Lambert coordinates, and
// the tools on a phone. No request leaves our host, on every test.
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../helpers/db.js';
import { startTestServer } from '../helpers/server.js';
import { BrowserSession, DESKTOP } from './browser.js';
import { ViewerDriver, settledText } from './viewer-driver.js';

const SHOTS = new URL('../../tmp/', import.meta.url);
const NADOR = { lat: 35.17, lon: -2.93 };
const ARABIC = /[\u0600-\u06ff]/;

let server: { url: string; close(): Promise<void> };
let browser: BrowserSession;
let page: Page;
let viewer: ViewerDriver;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await startTestServer();
  browser = await BrowserSession.launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser context (its own localStorage) and page for each test. */
async function open(fragment: string, options: { viewport?: { width: number; height: number }; locale?: string; touch?: boolean } = {}) {
  browser.clearLogs();
  page = await browser.newPage({ viewport: options.viewport ?? DESKTOP.viewport, locale: options.locale ?? DESKTOP.locale, hasTouch: options.touch ?? false });
  viewer = new ViewerDriver(page, server.url);
  await viewer.open(fragment);
}

afterEach(async () => {
  // Nothing but our own host: no basemap, font, glyph, plugin, script or analytics request anywhere.
  if (!browser) return; // its launch failed: that is the error to read
  expect(browser.foreignRequests(server.url)).toEqual([]);
  expect(browser.pageErrors).toEqual([]);
  await browser.closeContexts();
});

const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
const centreX = (b: { x: number; width: number }) => b.x + b.width / 2;

/** A length as the English interface writes it ("457 m", "1.235 km"), in metres. */
function metresOf(text: string): number {
  const m = /([\d.,]+)\s*(km|m)\b/.exec(text.replace(/\u00a0|\u202f/g, ' '));
  if (!m) throw new Error(`no length in “${text}”`);
  const n = Number(m[1]!.replace(/,/g, ''));
  return m[2] === 'km' ? n * 1000 : n;
}

describe('viewer for everyone', { timeout: 300_000 }, () => {
  it('reads right to left in Arabic, with the layout and the map controls mirrored', async () => {
    await open(`map=13/${NADOR.lat}/${NADOR.lon}&lang=ar`);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    // The zoning at the centre opens the sheet on the inline-end side, the left in Arabic.
    await page.getByRole('button', { name: 'الضوابط في وسط الخريطة' }).click();
    await viewer.waitForSheetLoaded();
    const map = await box('.map-area');
    const layers = await box('#layers');
    const sheet = await box('section.panel');
    expect(layers.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
    expect(sheet.x + sheet.width).toBeLessThanOrEqual(map.x + 1);
    // Tools on the right of the map, zoom buttons on the left, scale on the right, credits on the left.
    expect(centreX(await box('.toolbar'))).toBeGreaterThan(centreX(map));
    expect(centreX(await box('.maplibregl-ctrl-zoom-in'))).toBeLessThan(centreX(map));
    expect(centreX(await box('.maplibregl-ctrl-scale'))).toBeGreaterThan(centreX(map));
    expect(centreX(await box('.maplibregl-ctrl-attrib'))).toBeLessThan(centreX(map));
    // The map's own controls speak Arabic too.
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('aria-label')).toBe('تكبير');
    expect(await page.locator('.maplibregl-ctrl-scale').textContent()).toMatch(/كم|م/);
    // A tool card opens beside the toolbar, on the right.
    await viewer.tool('قياس');
    const card = await box('.tool-card');
    expect(card.x + card.width).toBeLessThanOrEqual((await box('.toolbar')).x + 1);
    expect(await page.locator('.tool-card h2').textContent()).toBe('القياس');
    await page.screenshot({ path: new URL('rtl-ar.png', SHOTS).pathname });
  });

  it('labels the communes in Arabic, shaped by the RTL plugin and drawn with the page fonts', async () => {
    await open('map=10/35.1/-2.95&lang=ar');
    // The plugin's ICU is WebAssembly: the server's Content-Security-Policy must let the page compile it
    // (script-src 'wasm-unsafe-eval'), or the viewer falls back to French names on the map.
    const wasm = await page.evaluate(() => {
      try {
        new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
        return true;
      } catch {
        return false;
      }
    });
    expect(wasm, "Content-Security-Policy: script-src needs 'wasm-unsafe-eval' for the RTL text plugin").toBe(true);
    const labels = await viewer.waitForLabels('communes-label', 8);
    const names = labels.map((p) => String(p.name_ar));
    expect(names.every((n) => ARABIC.test(n))).toBe(true);
    expect(names).toContain('الناظور');
    // One label per commune, not one per tile or per sliver of a commune.
    expect(new Set(names).size).toBe(names.length);
    // The text field reads name_ar; the plugin and the fonts came from our own server.
    const field = await page.evaluate(() => JSON.stringify(window.__tasmim!.map.getLayoutProperty('communes-label', 'text-field')));
    expect(field).toMatch(/^\["coalesce",\["get","name_ar"\]/);
    expect(browser.requests.some((u) => /\/assets\/mapbox-gl-rtl-text-[\w-]+\.js$/.test(u))).toBe(true);
    expect(browser.requests.some((u) => /\/assets\/noto-sans-arabic-arabic-400-normal-[\w-]+\.woff2$/.test(u))).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Noto Sans Arabic' && f.status === 'loaded'))).toBe(true);
    // MapLibre draws glyphs one by one on OffscreenCanvases: under dir="rtl" a lone "(" must still be
    // drawn as "(" (its middle left of its ends), or every bracket of an Arabic label comes out mirrored.
    const bracket = await page.evaluate(() => {
      const ctx = new OffscreenCanvas(40, 40).getContext('2d')!;
      ctx.font = '30px "Noto Sans"';
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillText('(', 10, 5);
      const d = ctx.getImageData(0, 0, 40, 40).data;
      const firstInk = (row: number) => Array.from({ length: 40 }, (_, x) => d[(row * 40 + x) * 4 + 3]!).findIndex((a) => a > 128);
      return { dir: document.documentElement.dir, top: firstInk(8), middle: firstInk(18) };
    });
    expect(bracket.dir).toBe('rtl');
    expect(bracket.middle, 'a "(" drawn on an OffscreenCanvas bulges to the left').toBeLessThan(bracket.top);
    await page.screenshot({ path: new URL('labels-ar.png', SHOTS).pathname });
  });

  it('keeps the view, the layers and the selected parcel when the language changes, and remembers it', async () => {
    await open(`map=17/${NADOR.lat}/${NADOR.lon}&lang=en`);
    await viewer.waitForParcels();
    const target = (await viewer.findParcelTarget())!;
    expect(target).not.toBeNull();
    await viewer.click(target);
    await viewer.waitForSheetLoaded();
    await page.getByRole('checkbox', { name: 'Prescriptions and easements' }).uncheck();
    await viewer.waitForMap();
    const before = await viewer.mapState();
    expect(before.visible).not.toContain('overlays-fill');
    const url = new URL(page.url());

    await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    expect(await viewer.sheetHeading()).toBe(`القطعة ${target.ref}`);
    const after = await viewer.mapState();
    expect(after.zoom).toBeCloseTo(before.zoom, 6);
    expect(after.lon).toBeCloseTo(before.lon, 7);
    expect(after.lat).toBeCloseTo(before.lat, 7);
    expect(after.visible).toEqual(before.visible);
    expect(await viewer.selectedParcelState(target.parcelId!)).toBe(true);
    expect(page.url()).toBe(url.href.replace('lang=en', 'lang=ar'));
    expect(await page.getByRole('checkbox', { name: 'التخصيصات والارتفاقات' }).isChecked()).toBe(false);
    expect(await page.evaluate(() => JSON.stringify(window.__tasmim!.map.getLayoutProperty('development-plan-label', 'text-field')))).toContain('name_ar');

    // The choice is kept: a link without a language opens in Arabic for this visitor.
    await page.goto(`${server.url}/?test#map=12/${NADOR.lat}/${NADOR.lon}`);
    await viewer.waitForMap();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
  });

  it('measures a distance within 1 % of PostGIS, and an area', async () => {
    await open(`map=15/${NADOR.lat}/${NADOR.lon}&lang=en`);
    await viewer.tool('Measure');
    const a = await viewer.mapPoint(0.3, 0.6);
    const b = await viewer.mapPoint(0.7, 0.45);
    await page.mouse.click(a.x, a.y);
    await page.mouse.click(b.x, b.y);
    await page.keyboard.press('Enter');
    expect(await settledText(page.locator('.tool-measure [role="status"]'), 'Measure finished.')).toBe('Measure finished.');
    const shown = metresOf((await page.locator('.tool-measure .measure-length').textContent())!);
    const [p, q] = [await viewer.lngLatAt(a), await viewer.lngLatAt(b)];
    const truth = Number(
      (await one<{ d: number }>('SELECT ST_Distance(ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography) AS d', [...p, ...q])).d,
    );
    expect(truth).toBeGreaterThan(300);
    expect(Math.abs(shown - truth) / truth).toBeLessThan(0.01);
    // No sheet opened: the clicks placed points.
    await expect(page.locator('section.panel').count()).resolves.toBe(0);
    await page.screenshot({ path: new URL('measure.png', SHOTS).pathname });

    // An area: three points, finished with the button; Escape on the map cancels.
    await page.getByRole('radio', { name: 'Area' }).check();
    await page.getByRole('button', { name: 'Start again' }).click();
    // Right of the tool card, which covers the map's top left.
    for (const [fx, fy] of [[0.6, 0.5], [0.85, 0.5], [0.75, 0.8]] as const) {
      const pt = await viewer.mapPoint(fx, fy);
      await page.mouse.click(pt.x, pt.y);
    }
    await page.getByRole('button', { name: 'Finish' }).click();
    expect(await settledText(page.locator('.tool-measure .measure-area'), /\d\s?(m²|ha)/)).toMatch(/\d\s?(m²|ha)/);
    await page.locator('.map canvas').first().focus();
    await page.keyboard.press('Escape');
    expect(await settledText(page.locator('.tool-measure .measure-area'), '—')).toBe('—');
  });

  it('compares two dates of a plan side by side, with a divider that moves the clip and views that follow', async () => {
    await open(`map=14/${NADOR.lat}/${NADOR.lon}&lang=en`);
    await viewer.tool('Compare');
    await viewer.waitForCompare();
    await expect(page.locator('.compare canvas').count()).resolves.toBe(2);
    // The first side shows the plans as in force on 2015-01-01 (the Nador plan's first version).
    // (Its tiles are asked for that date: the catalog gives the tile templates, the style adds ?at=.)
    expect(browser.requests.some((u) => /\/tiles\/development\/\d+\/\d+\/\d+\.mvt\?.*at=2015-01-01/.test(u))).toBe(true);
    const clip = () => page.locator('.compare-b').evaluate((el) => (el as HTMLElement).style.clipPath);
    const before = await clip();
    expect(before).toMatch(/^inset\(/);
    const divider = await box('.compare-divider');
    await page.mouse.move(centreX(divider), divider.y + divider.height / 2);
    await page.mouse.down();
    await page.mouse.move(centreX(divider) - 200, divider.y + divider.height / 2, { steps: 5 });
    await page.mouse.up();
    const after = await clip();
    expect(after).not.toBe(before);
    const left = (s: string) => Number(/inset\(\S+ \S+ \S+ ([\d.]+)px\)/.exec(s)?.[1]);
    expect(left(before) - left(after)).toBeGreaterThan(150);
    // The keyboard moves it too.
    await page.locator('.compare-divider').focus();
    await page.keyboard.press('End');
    expect(await page.locator('.compare-divider').getAttribute('aria-valuenow')).toBe('100');
    // Panning one map moves the other.
    const stage = await box('.compare-stage');
    await page.mouse.move(stage.x + 100, stage.y + 200);
    await page.mouse.down();
    await page.mouse.move(stage.x + 300, stage.y + 300, { steps: 5 });
    await page.mouse.up();
    await viewer.waitForCompare();
    const centres = await page.evaluate(() => window.__tasmim!.compare!.map((m) => [m.getCenter().lng, m.getCenter().lat, m.getZoom()]));
    expect(centres[0]![0]).toBeCloseTo(centres[1]![0]!, 9);
    expect(centres[0]![1]).toBeCloseTo(centres[1]![1]!, 9);
    expect(centres[0]![2]).toBeCloseTo(centres[1]![2]!, 9);
    await page.screenshot({ path: new URL('compare.png', SHOTS).pathname });
    await page.getByRole('button', { name: 'Close the comparison' }).click();
    await expect(page.locator('.compare').count()).resolves.toBe(0);
  });

  it('prints on A4 and A3 landscape with a legend, a scale bar and a north arrow, sharp', async () => {
    await open(`map=15/${NADOR.lat}/${NADOR.lon}&lang=en`);
    await viewer.tool('Print');
    const dialog = page.getByRole('dialog', { name: 'Print the map' });
    await dialog.waitFor(); // its code is loaded on first use
    // The dialog has the focus, the page behind it is inert.
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    expect(await page.locator('.app').getAttribute('inert')).not.toBeNull();
    for (const [paper, w, h] of [['A4', 297, 210], ['A3', 420, 297]] as const) {
      await page.locator('.print-paper').selectOption(paper);
      await page.getByRole('radio', { name: 'Landscape' }).check();
      await viewer.waitForPrint();
      const sheet = page.locator(`.print-page[data-paper="${paper}"][data-orientation="landscape"]`);
      await expect(sheet.count()).resolves.toBe(1);
      expect(await sheet.locator('.print-legend li').count()).toBeGreaterThan(2);
      expect(await sheet.locator('.print-scalebar').textContent()).toMatch(/\d+\s?(m|km)/);
      expect(await sheet.locator('.print-ratio').textContent()).toMatch(/Scale 1:[\d,]+/);
      await expect(sheet.getByRole('img', { name: 'North' }).count()).resolves.toBe(1);
      expect(await sheet.textContent()).toContain('OpenStreetMap');
      expect(await sheet.textContent()).toContain('Illustrative sample');
      const b = (await sheet.boundingBox())!;
      expect(b.width / b.height).toBeCloseTo(w / (h - 0.5), 2);
      expect(await page.evaluate(() => document.querySelector('style[data-tasmim="page"]')?.textContent)).toContain(`size: ${paper} landscape`);
      // Drawn at twice the resolution it is laid out at.
      const ratio = await sheet.locator('.print-map-image').evaluate((img) => (img as HTMLImageElement).naturalWidth / (img as HTMLImageElement).clientWidth);
      expect(ratio).toBeGreaterThanOrEqual(1.95);
      await page.screenshot({ path: new URL(`print-${paper}.png`, SHOTS).pathname });
    }
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await dialog.getByRole('button', { name: 'Print', exact: true }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.keyboard.press('Escape');
    await expect(page.locator('.print-overlay').count()).resolves.toBe(0);
    // The focus went back to the toolbar's print button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('title'))).toBe('Print');
  });

  it('bookmarks a parcel, lists it after a reload and reopens it', async () => {
    await open(`map=17/${NADOR.lat}/${NADOR.lon}&lang=en`);
    await viewer.waitForParcels();
    const target = (await viewer.findParcelTarget())!;
    await viewer.click(target);
    await viewer.waitForSheetLoaded();
    const toggle = viewer.sheet().getByRole('button', { name: 'Bookmark' });
    await toggle.click();
    expect(await viewer.sheet().locator('.bookmark-toggle').getAttribute('aria-pressed')).toBe('true');
    await page.goto(`${server.url}/?test#map=12/${NADOR.lat}/${NADOR.lon}&lang=en`);
    await viewer.waitForMap();
    await viewer.tool('Bookmarks');
    const reopen = page.getByRole('button', { name: `Open parcel ${target.ref}` });
    await expect(reopen.count()).resolves.toBe(1);
    await reopen.click();
    await viewer.waitForSheetLoaded();
    expect(await viewer.sheetHeading()).toBe(`Parcel ${target.ref}`);
    expect(page.url()).toContain(`parcel=${target.parcelId}`);
    await page.getByRole('button', { name: `Remove ${target.ref} from the bookmarks` }).click();
    await expect(page.getByText('No parcel bookmarked yet', { exact: false }).count()).resolves.toBe(1);
  });

  it('shares the permalink through the clipboard, and goes to typed Lambert coordinates', async () => {
    await open(`map=13/${NADOR.lat}/${NADOR.lon}&lang=en`);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await viewer.tool('Share');
    await page.getByRole('button', { name: 'Copy the link' }).click();
    expect(await settledText(page.locator('.share-status'), 'Link copied to the clipboard.')).toBe('Link copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());

    await viewer.tool('Go to coordinates');
    const input = page.getByRole('textbox', { name: 'X and Y in Lambert Nord Maroc (EPSG:26191), in metres' });
    await input.fill('35.17 -2.93');
    await input.press('Enter');
    expect(await settledText(page.getByRole('alert'), /Outside Lambert Nord Maroc/)).toMatch(/Outside Lambert Nord Maroc/);
    await input.fill('X = 724 883 ; Y = 510 347');
    await input.press('Enter');
    await page.waitForFunction(() => window.__tasmim!.map.getZoom() >= 17 && !window.__tasmim!.map.isMoving(), undefined, { timeout: 60_000 });
    await viewer.waitForMap();
    const s = await viewer.mapState();
    expect(s.lon).toBeCloseTo(NADOR.lon, 3);
    expect(s.lat).toBeCloseTo(NADOR.lat, 3);
    await expect(page.locator('.maplibregl-marker').count()).resolves.toBe(1);
    // The coordinates of the map's centre read back what was typed, to the metre.
    await page.mouse.move(5, 5);
    expect(await settledText(page.locator('.coords-lambert'), /X 72488[2-4] Y 51034[6-8]/)).toMatch(/X 72488[2-4] Y 51034[6-8]/);
  });

  it('works on a phone: tools over the map, dialogs that fit, a drawer that keeps the focus', async () => {
    await open(`map=16/${NADOR.lat}/${NADOR.lon}&lang=fr`, { viewport: { width: 390, height: 844 }, locale: 'fr-FR', touch: true });
    const inside = async (selector: string) => {
      const b = await box(selector);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(390.5);
    };
    for (const name of ['Mesurer', 'Favoris', 'Partager', 'Aller à des coordonnées']) {
      await viewer.tool(name);
      await inside('.tool-card');
      await page.keyboard.press('Escape');
      await expect(page.locator('.tool-card').count()).resolves.toBe(0);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('title'))).toBe(name);
    }
    await viewer.tool('Imprimer');
    await viewer.waitForPrint();
    await inside('.print-controls');
    await inside('.print-page');
    await page.keyboard.press('Escape');
    await viewer.tool('Comparer');
    await viewer.waitForCompare();
    await inside('.compare-bar');
    await expect(page.locator('.compare canvas').count()).resolves.toBe(2);
    await page.screenshot({ path: new URL('compare-phone.png', SHOTS).pathname });
    await page.getByRole('button', { name: 'Fermer la comparaison' }).click();

    // A tap on a parcel opens the drawer; Tab stays inside it; Escape closes it.
    await viewer.waitForParcels();
    const target = (await viewer.findParcelTarget())!;
    await page.touchscreen.tap(target.x, target.y);
    await viewer.waitForSheetLoaded();
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('section.panel'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(viewer.sheet().count()).resolves.toBe(0);
  });
});
