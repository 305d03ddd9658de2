// The viewer in a real Chromium against the real server (Fastify + seeded PostGIS, built client):
// the map draws, a click on a parcel opens its sheet, the URL reopens it, a click beside the parcels shows
// the zoning at the point, Arabic mirrors the layout on a phone, and no request leaves our host.
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { BrowserSession } from './browser.js';
import { ViewerDriver } from './viewer-driver.js';

const SHOTS = new URL('../../tmp/', import.meta.url);
/** Nador's centre (the brief's reference point). */
const NADOR = { lat: 35.17, lon: -2.93 };

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

/** A page in a fresh context, in place of the previous one: what is checked after the test is its own. */
async function newPage(options: { viewport: { width: number; height: number }; locale: string }) {
  await browser.closeContexts();
  browser.clearLogs();
  page = await browser.newPage(options);
  viewer = new ViewerDriver(page, server.url);
}

beforeEach(async () => {
  await newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
});

afterEach(async () => {
  // Nothing but our own host: no basemap, font, glyph, script or analytics request anywhere.
  expect(browser.foreignRequests(server.url)).toEqual([]);
  expect(browser.pageErrors).toEqual([]);
  await browser.closeContexts();
});

// Each test waits for up to two map views (MAP_TIMEOUT each).
describe('viewer', { timeout: 300_000 }, () => {
  it('opens on the whole territory with every kind of plan drawn, and the layer panel lists them', async () => {
    await page.goto(`${server.url}/?test`);
    await viewer.waitForMap();
    const drawn: Record<string, number> = await page.evaluate(() => {
      const map = window.__tasmim!.map;
      const count = (ids: string[]) => map.queryRenderedFeatures({ layers: ids.filter((id) => map.getLayer(id)) }).length;
      return {
        zoom: map.getZoom(),
        ...Object.fromEntries(['master', 'development', 'growth', 'restructuring'].map((k) => [k, count([`${k}-fill`, `${k}-perimeter`, `${k}-perimeter-draft`])])),
        communes: count(['communes-line']),
      };
    });
    expect(drawn.zoom).toBeLessThan(9);
    for (const k of ['master', 'development', 'growth', 'restructuring', 'communes'] as const) expect(drawn[k], `${k} at the opening view`).toBeGreaterThan(0);
    for (const name of [/SDAU|master/i, /aménagement|development/i, /growth|développement/i, /restructur/i]) {
      await expect(page.getByRole('checkbox', { name }).first().isChecked()).resolves.toBe(true);
    }
    await page.screenshot({ path: new URL('viewer-open.png', SHOTS).pathname });
  });

  it('opens a parcel sheet on click, and a shared link reopens it', async () => {
    await viewer.open(`map=17/${NADOR.lat}/${NADOR.lon}&lang=en`);
    await viewer.waitForParcels();
    const target = await viewer.findParcelTarget();
    expect(target, 'a parcel drawn in view at Nador, z17').not.toBeNull();

    await viewer.click(target!);
    await viewer.waitForSheetLoaded();
    const sheet = viewer.sheet();
    expect(await viewer.sheetHeading()).toBe(`Parcel ${target!.ref}`);
    // The parcel region is named by its heading, for screen readers.
    await expect(page.getByRole('region', { name: `Parcel ${target!.ref}` }).count()).resolves.toBe(1);

    // At least one plan, with a zone code, the share of the parcel and the rules.
    const plan = sheet.locator('article.plan').first();
    await expect(plan.count()).resolves.toBe(1);
    expect((await plan.locator('.zone-code').first().textContent())?.trim()).toMatch(/\S+/);
    expect(await plan.locator('.share').first().textContent()).toMatch(/\d+(\.\d)?\s?% of the parcel/);
    const rules = await plan.locator('dl.rules').first().textContent();
    expect(rules).toContain('COS');
    expect(rules).toContain('Maximum height');
    expect(rules).toContain('Uses allowed');
    // Sample plans say so, next to the plan and in the banner.
    expect(await page.locator('.banner').textContent()).toMatch(/illustrative/i);
    await expect(plan.locator('.illustrative').count()).resolves.toBeGreaterThan(0);

    expect(await viewer.selectedParcelState(target!.parcelId!)).toBe(true);
    // ODbL: the commune boundaries are credited in the map's attribution control.
    expect(await page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('© OpenStreetMap contributors');
    await page.screenshot({ path: new URL('viewer.png', SHOTS).pathname });

    // The URL now holds the whole state; reloading it reopens the same sheet on the same view.
    const url = page.url();
    expect(url).toContain(`parcel=${target!.parcelId}`);
    expect(url).toMatch(/#map=17\/35\.\d+\/-2\.\d+&layers=[a-z,:0-9]+&parcel=\d+&lang=en$/);
    await page.goto('about:blank');
    await page.goto(url);
    await viewer.waitForParcels();
    await viewer.waitForSheetLoaded();
    expect(await viewer.sheetHeading()).toBe(`Parcel ${target!.ref}`);
    expect(await viewer.selectedParcelState(target!.parcelId!)).toBe(true);
    expect(page.url()).toBe(url);

    // Escape closes the sheet and the URL forgets the parcel.
    await viewer.sheet().getByRole('heading', { level: 2 }).press('Escape');
    await expect(viewer.sheet().count()).resolves.toBe(0);
    expect(page.url()).not.toContain('parcel=');
  });

  it('shows the zoning at a point clicked beside the parcels', async () => {
    await viewer.open(`map=17/${NADOR.lat}/${NADOR.lon}&lang=en`);
    await viewer.waitForParcels();
    const gap = await viewer.findGapTarget();
    expect(gap, 'a point in a zone with no parcel drawn').not.toBeNull();
    await viewer.click(gap!);
    await viewer.waitForSheetLoaded();
    expect(await viewer.sheetHeading()).toBe('Zoning at this point');
    const plan = viewer.sheet().locator('article.plan').first();
    expect((await plan.locator('.zone-code').first().textContent())?.trim()).toMatch(/\S+/);
    expect(await plan.locator('dl.rules').first().textContent()).toContain('COS');
    expect(page.url()).toMatch(/&point=35\.\d+\/-2\.\d+&lang=en$/);
    await page.screenshot({ path: new URL('viewer-point.png', SHOTS).pathname });
  });

  it('shows the zoning at a point where parcels are not drawn (z < 14)', async () => {
    await viewer.open(`map=13/${NADOR.lat}/${NADOR.lon}&lang=fr`);
    expect(await viewer.renderedParcelCount()).toBe(0);
    const box = (await page.locator('.map canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await viewer.waitForSheetLoaded();
    expect(await viewer.sheetHeading()).toBe('Zonage en ce point');
    await expect(viewer.sheet().locator('article.plan').count()).resolves.toBeGreaterThan(0);
  });

  it('finds a parcel by its reference from the keyboard, and switches language', async () => {
    const search = (await (await fetch(`${server.url}/api/search?q=${encodeURIComponent('TF 1')}`)).json()) as {
      results: Array<{ type: string; id: number; label: { fr: string } }>;
    };
    const hit = search.results.find((r) => r.type === 'parcel');
    expect(hit, 'a parcel answers the search "TF 1"').toBeDefined();

    await viewer.open(`map=12/${NADOR.lat}/${NADOR.lon}&lang=en`);
    const box = page.getByRole('combobox', { name: 'Search for a parcel, zone, commune or plan' });
    await box.fill(hit!.label.fr);
    const option = page.getByRole('option', { name: new RegExp(hit!.label.fr.replace(/[/.]/g, '\\$&')) }).first();
    await option.waitFor();
    // Arrow down to the hit, Enter to choose it.
    const options = await page.getByRole('option').allTextContents();
    const index = options.findIndex((o) => o.includes(hit!.label.fr));
    for (let i = 0; i <= index; i++) await box.press('ArrowDown');
    await expect(box.getAttribute('aria-activedescendant')).resolves.toMatch(/hit-/);
    await box.press('Enter');
    await viewer.waitForSheetLoaded();
    expect(await viewer.sheetHeading()).toBe(`Parcel ${hit!.label.fr}`);
    // The sheet took the focus, and the map went to the parcel.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(page.url()).toContain(`parcel=${hit!.id}`);
    expect(await page.evaluate(() => window.__tasmim!.map.getZoom())).toBeGreaterThan(15);

    // Layers: unticking one hides it on the map and in the URL.
    await page.getByRole('checkbox', { name: 'Communes' }).uncheck();
    expect(await page.evaluate(() => window.__tasmim!.map.getLayoutProperty('communes-line', 'visibility'))).toBe('none');
    expect(page.url()).not.toMatch(/layers=[^&]*communes/);

    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fr', 'ltr']);
    expect(await viewer.sheetHeading()).toBe(`Parcelle ${hit!.label.fr}`);
    expect(page.url()).toContain('lang=fr');
  });

  it('reads right to left in Arabic on a phone, sheet as a bottom drawer', async () => {
    await newPage({ viewport: { width: 390, height: 844 }, locale: 'ar-MA' });
    // No lang in the link: the browser's language decides.
    await viewer.open(`map=17/${NADOR.lat}/${NADOR.lon}`);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    // The layer panel is folded away behind its button on a phone.
    await expect(page.locator('#layers').isVisible()).resolves.toBe(false);
    await viewer.waitForParcels();
    const target = await viewer.findParcelTarget();
    expect(target).not.toBeNull();
    await viewer.click(target!);
    await viewer.waitForSheetLoaded();
    expect(await viewer.sheetHeading()).toBe(`القطعة ${target!.ref}`);
    const drawer = (await viewer.sheet().boundingBox())!;
    expect(drawer.width).toBeGreaterThan(380);
    expect(drawer.y + drawer.height).toBeGreaterThan(840);
    await page.screenshot({ path: new URL('viewer-ar-phone.png', SHOTS).pathname });

    await page.getByRole('button', { name: 'إظهار الطبقات' }).click();
    await expect(page.locator('#layers').isVisible()).resolves.toBe(true);
    expect(page.url()).toContain('lang=ar');
  });
});
