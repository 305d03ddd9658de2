// Extracts, notes and project selections from the viewer, in a real Chromium against the real server:
// a click on a parcel in Nador, its DXF downloaded, an indicative note issued (PDF and printable page),
// a second adjacent parcel added to the project and the project's GeoJSON downloaded with both parcels.
// No request leaves our host.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { BrowserSession } from './browser.js';
import { MAP_TIMEOUT, ViewerDriver } from './viewer-driver.js';
import type { ScreenTarget } from './viewer-driver.js';

const NADOR = { lat: 35.17, lon: -2.93 };

let server: { url: string; close(): Promise<void> };
let browser: BrowserSession;
let page: Page;
let viewer: ViewerDriver;

beforeAll(async () => {
  server = await startTestServer();
  browser = await BrowserSession.launch();
  page = await browser.newPage({ acceptDownloads: true });
  viewer = new ViewerDriver(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function downloaded(click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const path = await download.path();
  return { download, text: await readFile(path, 'utf8') };
}

/** A drawn parcel sharing a boundary with `id` (vertices within a few centimetres), clickable. */
async function adjacentTarget(id: number): Promise<ScreenTarget | null> {
  return page.evaluate((pid) => {
    const map = window.__tasmim!.map;
    const canvas = map.getCanvas().getBoundingClientRect();
    const features = map.queryRenderedFeatures({ layers: ['parcels-fill'] });
    const ringOf = (f: (typeof features)[number]) => {
      const g = f.geometry;
      return g.type === 'Polygon' ? g.coordinates[0]! : g.type === 'MultiPolygon' ? g.coordinates[0]![0]! : [];
    };
    const own = features.filter((f) => f.id === pid).flatMap(ringOf);
    const near = (a: number[], b: number[]) => Math.abs(a[0]! - b[0]!) < 2e-6 && Math.abs(a[1]! - b[1]!) < 2e-6;
    const margin = 60;
    for (const f of features) {
      if (f.id === pid || typeof f.id !== 'number') continue;
      const ring = ringOf(f);
      const shared = ring.filter((p) => own.some((q) => near(p, q))).length;
      if (shared < 2) continue;
      const pts = ring.slice(0, -1);
      const lon = pts.reduce((s, p) => s + p[0]!, 0) / pts.length;
      const lat = pts.reduce((s, p) => s + p[1]!, 0) / pts.length;
      const p = map.project([lon, lat]);
      if (p.x < margin || p.y < margin || p.x > canvas.width - margin || p.y > canvas.height - margin) continue;
      const under = map.queryRenderedFeatures([p.x, p.y], { layers: ['parcels-fill'] });
      if (under.length !== 1 || under[0]!.id !== f.id) continue;
      return { x: canvas.left + p.x, y: canvas.top + p.y, parcelId: f.id, ref: String(f.properties.ref) };
    }
    return null;
  }, id);
}

describe('extracts and notes in the viewer', { timeout: 2 * MAP_TIMEOUT + 180_000 }, () => {
  it('downloads a DXF, issues a note, and exports a project of two adjacent parcels', async () => {
    await viewer.open(`map=18/${NADOR.lat}/${NADOR.lon}&lang=en`);
    await viewer.waitForParcels();
    const first = await viewer.findParcelTarget();
    expect(first, 'a parcel drawn in view at Nador').not.toBeNull();

    await viewer.click(first!);
    await viewer.waitForSheetLoaded();
    const sheet = viewer.sheet();

    // The DXF of the parcel: an ASCII DXF with the PARCEL layer.
    const dxf = await downloaded(() => sheet.getByRole('link', { name: 'DXF (AutoCAD)' }).click());
    expect(dxf.download.suggestedFilename()).toMatch(/\.dxf$/);
    expect(dxf.text.replace(/\r\n/g, '\n')).toMatch(/^\s*0\nSECTION\n/);
    expect(dxf.text).toMatch(/\r?\nPARCEL\r?\n/);

    // The indicative note: its reference, a PDF and a printable page on our host.
    await sheet.getByRole('button', { name: 'Get the indicative note' }).click();
    const pdfLink = sheet.locator('a.note-pdf');
    await pdfLink.waitFor({ timeout: 120_000 });
    expect(await sheet.locator('.note-result').textContent()).toMatch(/NRU-\d{4}-\d{6,12}/);
    const pdfHref = await pdfLink.getAttribute('href');
    const pdf = await page.request.get(new URL(pdfHref!, server.url).href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const pageHref = await sheet.locator('a.note-page').getAttribute('href');
    const printable = await page.context().newPage();
    const answer = await printable.goto(new URL(pageHref!, server.url).href);
    expect(answer?.status()).toBe(200);
    expect(await printable.content()).toContain(((await sheet.locator('.note-result').textContent()) ?? '').match(/NRU-\d{4}-\d+/)![0]);
    await printable.close();

    // The project: this parcel, then the adjacent one, each added from its sheet.
    await sheet.getByRole('button', { name: 'Add to project' }).click();
    // The card opens on the project; closed, so that it covers no parcel (it opens again on the next one).
    const card = page.locator('section.project-card');
    await card.getByRole('button', { name: 'Close' }).click();
    // The sheet narrowed the map: its screen positions are read now.
    await viewer.waitForMap();
    const second = await adjacentTarget(first!.parcelId!);
    expect(second, 'a parcel adjacent to the first, in view').not.toBeNull();
    await viewer.click(second!);
    await page.waitForFunction((ref) => document.querySelector('section.panel h2')?.textContent === `Parcel ${ref}`, second!.ref, { timeout: 30_000 });
    await viewer.waitForSheetLoaded();
    await sheet.getByRole('button', { name: 'Add to project' }).click();
    // The card opens again on the project: wait for its second line before reading the list.
    await card.locator('.project-ref').nth(1).waitFor({ timeout: 30_000 });
    await expect(card.locator('.project-ref').allTextContents()).resolves.toEqual([first!.ref, second!.ref]);
    // Both highlighted on the map.
    const states = await page.evaluate(
      (ids) => ids.map((id) => !!window.__tasmim!.map.getFeatureState({ source: 'parcels', sourceLayer: 'parcels', id }).project),
      [first!.parcelId!, second!.parcelId!],
    );
    expect(states).toEqual([true, true]);
    // The combined sheet of the two.
    await card.locator('.project-area').waitFor({ timeout: 30_000 });
    expect(await card.locator('.project-area').textContent()).toMatch(/2 parcel/);

    const geojson = await downloaded(() => card.getByRole('link', { name: 'GeoJSON (WGS84)' }).click());
    expect(new URL(geojson.download.url()).searchParams.get('parcels')).toBe(`${first!.parcelId},${second!.parcelId}`);
    const text = JSON.stringify(JSON.parse(geojson.text));
    expect(text).toContain(JSON.stringify(first!.ref));
    expect(text).toContain(JSON.stringify(second!.ref));

    // Nothing but our own host.
    expect(browser.foreignRequests(server.url)).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
