// The other ways to choose land in the viewer, in a real Chromium against the real server: a project
// reopened from its link (#project=…), vertices typed in Lambert Nord Maroc, a polygon drawn on the map;
// and the note of a typed selection, whose QR code (decoded from the printed PDF) leads to its
// verification on our host. No request leaves our host.
import type { Page } from 'playwright-core';
import jsQRModule from 'jsqr';
import type { QRCode } from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../helpers/db.js';
import { startTestServer } from '../helpers/server.js';
import { ensurePoppler, renderPage1 } from '../notes/poppler.js';
import { BrowserSession } from './browser.js';
import { MAP_TIMEOUT, ViewerDriver, settledText } from './viewer-driver.js';

// jsqr is CommonJS whose types declare an ES default export: under Node's ESM the default import is the
// module object, which is the function itself and also carries it as .default.
const jsQR = (jsQRModule as unknown as { default: (data: Uint8ClampedArray, width: number, height: number) => QRCode | null }).default;

let server: { url: string; close(): Promise<void> };
let browser: BrowserSession;
let page: Page;
let viewer: ViewerDriver;

/** Two current parcels of Nador that touch, and a point of the first. */
let pair: { a: number; b: number; ra: string; rb: string; lon: number; lat: number; x: number; y: number };

beforeAll(async () => {
  await ensurePoppler();
  pair = await one(
    `SELECT a.id AS a, b.id AS b, a.reference AS ra, b.reference AS rb,
            ST_X(ST_PointOnSurface(a.geom_4326)) AS lon, ST_Y(ST_PointOnSurface(a.geom_4326)) AS lat,
            ST_X(to_26191(ST_PointOnSurface(a.geom_4326))) AS x, ST_Y(to_26191(ST_PointOnSurface(a.geom_4326))) AS y
     FROM parcels a JOIN parcels b ON a.id < b.id AND ST_Intersects(a.geom_4326, b.geom_4326)
     WHERE a.valid_to IS NULL AND b.valid_to IS NULL
       AND ST_DWithin(a.geom_4326, ST_SetSRID(ST_MakePoint(-2.93, 35.17), 4326), 0.01)
     ORDER BY a.id, b.id LIMIT 1`,
  );
  server = await startTestServer();
  browser = await BrowserSession.launch();
  page = await browser.newPage({ acceptDownloads: true });
  viewer = new ViewerDriver(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const card = () => page.locator('section.project-card');

async function openCard(): Promise<void> {
  if ((await card().count()) === 0) await page.locator('button.project-toggle').click();
  await card().waitFor();
}

describe('choosing land in the viewer', { timeout: 2 * MAP_TIMEOUT + 240_000 }, () => {
  it('reopens a project from its link, with both parcels named and highlighted, and keeps the link in step', async () => {
    await viewer.open(`map=18/${pair.lat}/${pair.lon}&lang=en&project=${pair.a},${pair.b}`);
    await viewer.waitForParcels();
    await openCard();
    // Listed at once by id, then named from the API.
    await page.waitForFunction(
      () => [...document.querySelectorAll('.project-ref')].map((e) => e.textContent).every((t) => t && !t.startsWith('#')),
      undefined,
      { timeout: 30_000 },
    );
    expect(await card().locator('.project-ref').allTextContents()).toEqual([pair.ra, pair.rb]);
    await card().locator('.project-area').waitFor({ timeout: 30_000 });
    expect(await card().locator('.project-area').textContent()).toMatch(/2 parcel/);
    await page.waitForFunction(
      (ids) => ids.every((id) => !!window.__tasmim!.map.getFeatureState({ source: 'parcels', sourceLayer: 'parcels', id }).project),
      [pair.a, pair.b],
      { timeout: 30_000 },
    );
    // Removing one writes the link again.
    await card().getByRole('button', { name: `Remove parcel ${pair.rb} from the project` }).click();
    await page.waitForFunction((a) => location.hash.includes(`project=${a}`) && !location.hash.includes(','.concat(String(a))), pair.a);
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('project')).toBe(String(pair.a));
  });

  it('selects a square typed in Lambert coordinates, and its note’s QR code verifies on our host', async () => {
    await openCard();
    await card().getByRole('tab', { name: 'Coordinates' }).click();
    // A 10 m square around a point of the first parcel, as a surveyor writes it.
    const [x, y] = [Math.round(pair.x), Math.round(pair.y)];
    const square = [[x - 5, y - 5], [x + 5, y - 5], [x + 5, y + 5], [x - 5, y + 5]];
    await card().getByRole('textbox').fill(square.map(([px, py]) => `${px} ${py}`).join('\n'));
    const answer = page.waitForResponse((r) => r.url().includes('/api/selection?') && r.url().includes('coords='), { timeout: 60_000 });
    await card().getByRole('button', { name: 'Use these coordinates' }).click();
    const sheet = (await (await answer).json()) as { selection: { areaM2: number; parcels: Array<{ reference: string }> } };
    // 100 m² on the plane of the projection; on the ellipsoid within its scale error (well under 1 %).
    expect(sheet.selection.areaM2).toBeGreaterThan(99);
    expect(sheet.selection.areaM2).toBeLessThan(101);
    expect(sheet.selection.parcels.map((p) => p.reference)).toContain(pair.ra);
    expect(await settledText(card().locator('.project-area'), /m²/)).toMatch(/\d\s?m²/);

    await card().getByRole('button', { name: 'Get the indicative note' }).click();
    const pdfLink = card().locator('a.note-pdf');
    await pdfLink.waitFor({ timeout: 120_000 });
    const reference = /NRU-\d{4}-\d+/.exec((await card().locator('.note-result').textContent()) ?? '')![0];
    const pdf = await page.request.get(new URL((await pdfLink.getAttribute('href'))!, server.url).href);
    expect(pdf.status()).toBe(200);
    // The QR code as printed: page 1 rendered at 150 dpi, decoded from its pixels.
    const { width, height, grey } = await renderPage1(Buffer.from(await pdf.body()), 150);
    const rgba = new Uint8ClampedArray(width * height * 4);
    grey.forEach((g, i) => rgba.set([g, g, g, 255], i * 4));
    const qr = jsQR(rgba, width, height);
    expect(qr, 'a QR code on page 1 of the note').not.toBeNull();
    const target = new URL(qr!.data);
    expect(target.host).toBe(new URL(server.url).host);
    expect(target.pathname).toBe(`/notes/${reference}`);
    const verification = await page.request.get(target.href);
    expect(verification.status()).toBe(200);
    const html = await verification.text();
    expect(html).toContain(reference);
    expect(html).toContain(pair.ra);
  });

  it('selects a polygon drawn on the map, the same land PostGIS measures', async () => {
    await openCard();
    await card().getByRole('tab', { name: 'Draw' }).click();
    await viewer.waitForMap();
    const corners = [await viewer.mapPoint(0.35, 0.35), await viewer.mapPoint(0.6, 0.35), await viewer.mapPoint(0.6, 0.65), await viewer.mapPoint(0.35, 0.6)];
    const lngLats = [] as Array<[number, number]>;
    for (const c of corners) lngLats.push(await viewer.lngLatAt(c));
    const answer = page.waitForResponse((r) => r.url().includes('/api/selection?') && r.url().includes('polygon='), { timeout: 60_000 });
    for (const c of corners) await page.mouse.click(c.x, c.y);
    await page.keyboard.press('Enter');
    expect(await settledText(card().locator('.project-draw p'), 'Polygon of 4 vertices.')).toBe('Polygon of 4 vertices.');
    const sheet = (await (await answer).json()) as { selection: { type: string; areaM2: number; parcels: unknown[] } };
    expect(sheet.selection.type).toBe('polygon');
    const ring = [...lngLats, lngLats[0]!].map(([lon, lat]) => `${lon} ${lat}`).join(',');
    const { area } = await one<{ area: number }>(`SELECT ST_Area(geography(ST_GeomFromText($1, 4326))) AS area`, [`POLYGON((${ring}))`]);
    expect(Math.abs(sheet.selection.areaM2 - area) / area).toBeLessThan(0.01);
    expect(sheet.selection.parcels.length).toBeGreaterThan(0);
    // No sheet opened by the clicks that placed the vertices.
    expect(await page.locator('section.panel h2').filter({ hasText: /^Parcel / }).count()).toBe(0);

    expect(browser.foreignRequests(server.url)).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
