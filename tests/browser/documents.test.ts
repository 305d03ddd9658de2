// The citizen's path of issue 9, in a real Chromium against the real server: with the study outcomes
// layer on, click the parcel next to theirs and read the agency's favourable opinion on its permit file;
// then, from the sheet of their own parcel, see the law the plan applies and open the plan's regulation
// (its PDF). Then the documents page: an Arabic search, the lookup of the file by its number, and a
// planner adding a PDF and retiring it. No request leaves our host.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../helpers/db.js';
import PDFDocument from 'pdfkit';
import { makeUser } from '../accounts/helpers.js';
import { startTestServer } from '../helpers/server.js';
import { BrowserSession } from './browser.js';
import { MAP_TIMEOUT, settledText, ViewerDriver } from './viewer-driver.js';

let server: { url: string; close(): Promise<void> };
let browser: BrowserSession;
let page: Page;
let viewer: ViewerDriver;

beforeAll(async () => {
  // COOKIE_SECURE=false so that the staff's session cookie holds over plain HTTP (the documents page's
  // staff tools, last test).
  server = await startTestServer({ env: { COOKIE_SECURE: 'false' } });
  browser = await BrowserSession.launch();
  page = await browser.newPage({ acceptDownloads: true });
  viewer = new ViewerDriver(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Pair {
  own: number;
  lon: number;
  lat: number;
  neighbour: number;
  nref: string;
  nlon: number;
  nlat: number;
  number: string;
}

/** A parcel of the Nador plan without a file, next to one whose building permit file got a favourable opinion. */
const pair = () =>
  one<Pair>(
    `SELECT a.id AS own, ST_X(ST_PointOnSurface(a.geom_4326)) AS lon, ST_Y(ST_PointOnSurface(a.geom_4326)) AS lat,
            s.id AS neighbour, s.reference AS nref, ST_X(ST_PointOnSurface(s.geom_4326)) AS nlon, ST_Y(ST_PointOnSurface(s.geom_4326)) AS nlat,
            st.file_number AS number
     FROM studies st JOIN study_parcels sp ON sp.study_id = st.id JOIN parcels s ON s.id = sp.parcel_id
     JOIN parcels a ON a.valid_to IS NULL AND a.id <> s.id AND ST_Touches(a.geom_4326, s.geom_4326)
       AND NOT EXISTS (SELECT 1 FROM study_parcels x WHERE x.parcel_id = a.id)
     WHERE st.kind = 'building_permit' AND st.opinion = 'favourable' AND st.illustrative
     ORDER BY st.id, a.id LIMIT 1`,
  );

describe('documents and study outcomes from the viewer', { timeout: 2 * MAP_TIMEOUT + 120_000 }, () => {
  it("sees the neighbour's favourable opinion, then opens the regulation of the plan covering the parcel", async () => {
    const p = await pair();
    await viewer.open(`map=18/${p.lat.toFixed(6)}/${p.lon.toFixed(6)}&layers=development,studies,parcels&lang=en`);
    await viewer.waitForParcels();
    const sheet = viewer.sheet();

    // The neighbour, drawn in the studies layer with its opinion, clicked on the map.
    const clickParcel = async (id: number, lon: number, lat: number, ref: string) => {
      const target = await page.evaluate(
        ({ lon, lat, id }) => {
          const map = window.__tasmim!.map;
          const pt = map.project([lon, lat]);
          const parcels = map.queryRenderedFeatures([pt.x, pt.y], { layers: ['parcels-fill'] });
          const studied = map.queryRenderedFeatures([pt.x, pt.y], { layers: ['studies-fill'] });
          const box = map.getCanvas().getBoundingClientRect();
          return { x: box.left + pt.x, y: box.top + pt.y, parcel: parcels[0]?.id ?? null, opinion: studied.find((f) => f.id === id)?.properties.opinion ?? null };
        },
        { lon, lat, id },
      );
      expect(target.parcel).toBe(id);
      await viewer.click({ x: target.x, y: target.y, parcelId: id, ref });
      const heading = sheet.getByRole('heading', { level: 2 }).first();
      expect(await settledText(heading, `Parcel ${ref}`, 30_000)).toBe(`Parcel ${ref}`);
      await viewer.waitForSheetLoaded();
      return target;
    };
    const studied = await clickParcel(p.neighbour, p.nlon, p.nlat, p.nref);
    expect(studied.opinion).toBe('favourable');
    const file = sheet.locator(`.parcel-studies .study[data-number="${p.number}"]`);
    await file.waitFor({ timeout: 30_000 });
    expect(await settledText(file.locator('.opinion'), /Favourable/)).toMatch(/^\s*Favourable$/);
    expect(await file.textContent()).toContain('Building permit');

    // The citizen's own parcel: its sheet links the regulation of the plan covering it and the law applied.
    await viewer.waitForMap();
    const ownRef = (await one<{ r: string }>('SELECT reference AS r FROM parcels WHERE id = $1', [p.own])).r;
    await clickParcel(p.own, p.lon, p.lat, ownRef);
    const regulation = sheet.locator('.parcel-documents a[data-kind="regulation"]', { hasText: "Plan d'aménagement de Nador" });
    await regulation.waitFor({ timeout: 30_000 });
    const laws = sheet.locator('.parcel-documents a[data-kind="law"]');
    await laws.first().waitFor({ timeout: 30_000 });
    expect((await laws.allTextContents()).join(' ')).toContain('12-90');
    const href = await regulation.getAttribute('href');
    expect(href).toMatch(/^\/api\/documents\/\d+\/file$/);
    const [response] = await Promise.all([
      page.context().waitForEvent('response', { predicate: (r) => r.url() === new URL(href!, server.url).href, timeout: 30_000 }),
      regulation.click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const pdf = await page.request.get(new URL(href!, server.url).href);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The PDF opened in a tab of its own (Chromium's viewer).
    for (const other of page.context().pages()) if (other !== page) await other.close();
  });

  it('searches the library in Arabic and follows a file by its number on the documents page', async () => {
    const p = await pair();
    await page.goto(`${server.url}/documents/?lang=ar`);
    await page.locator('input[name="q"]').fill('التَّعْمِير');
    await page.locator('form[role="search"] button[type="submit"]').click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'التَّعْمِير');
    const law = page.locator('.documents-list li.document[data-kind="law"]').first();
    await law.waitFor({ timeout: 30_000 });
    expect(await law.textContent()).toContain('12.90');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');

    await page.locator('input[name="number"]').fill(p.number.toLowerCase());
    await page.locator('.study-lookup button[type="submit"]').click();
    const card = page.locator(`.study-lookup .study[data-number="${p.number}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('.opinion').textContent()).toContain('موافق');

    await page.locator('input[name="number"]').fill('EX-NOPE-1');
    await page.locator('.study-lookup button[type="submit"]').click();
    const alert = page.locator('.study-lookup [role="alert"]');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain('EX-NOPE-1');
  });

  it('lets a signed-in planner add a PDF to the library and retire it from the documents page', async () => {
    const planner = await makeUser('planner');
    const login = await page.request.post(`${server.url}/api/session`, { data: { email: planner.email, password: planner.password } });
    expect(login.status()).toBe(200);
    await page.goto(`${server.url}/documents/?lang=fr`);
    const tools = page.locator('section.staff-tools');
    await tools.waitFor({ timeout: 30_000 });
    const word = `quetzalisation${Date.now().toString(36)}`;
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    doc.fontSize(12).text(`Circulaire relative a la ${word}.`);
    doc.end();
    await ended;
    await tools.locator('input[name="file"]').setInputFiles({ name: 'circulaire.pdf', mimeType: 'application/pdf', buffer: Buffer.concat(chunks) });
    await tools.locator('select[name="kind"]').selectOption('circular');
    await tools.locator('input[name="titleAr"]').fill('دورية تجريبية');
    await tools.locator('input[name="titleFr"]').fill(`Circulaire ${word}`);
    await tools.locator('select[name="language"]').selectOption('fr');
    await tools.locator('button[type="submit"]').click();
    expect(await settledText(tools.locator('[role="status"]'), 'Document ajouté.', 60_000)).toBe('Document ajouté.');

    // Found by the text of its PDF, then retired: no longer listed.
    await page.locator('input[name="q"]').fill(word);
    await page.locator('form[role="search"] button[type="submit"]').click();
    const item = page.locator('.documents-list li.document', { hasText: word });
    await item.waitFor({ timeout: 30_000 });
    page.once('dialog', (d) => void d.accept('circulaire de test'));
    await item.locator('button.retire').click();
    await page.locator('.documents-page [role="status"]', { hasText: 'Document retiré.' }).waitFor({ timeout: 30_000 });
    await item.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await settledText(page.locator('.results-count'), /^0 document/)).toMatch(/^0 document/);
  });

  it('asked nothing of another host and threw no page error', () => {
    // Only network requests: Chromium's PDF viewer loads its own chrome:// and chrome-extension:// pages.
    expect(browser.foreignRequests(server.url)).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
