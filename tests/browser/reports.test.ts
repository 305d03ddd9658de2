// A problem reported from the map, answered by staff, read by the citizen, in a real Chromium against
// the real server: a citizen reports a wrong zone from a parcel sheet in the viewer and gets a number
// and a tracking code; a planner signs in on the staff page, finds the report, answers it and closes
// it; the citizen opens the follow page and reads the answer. A report from the zoning at a point, and
// the contact page in Arabic. No request leaves our host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../accounts/helpers.js';
import { sql } from '../helpers/db.js';
import { startTestServer } from '../helpers/server.js';
import { BrowserSession } from './browser.js';
import { MAP_TIMEOUT, settledText, ViewerDriver } from './viewer-driver.js';

const NADOR = { lat: 35.17, lon: -2.93 };

let server: { url: string; close(): Promise<void> };
let browser: BrowserSession;
/** Each user (the citizen, staff) in a browser context of their own. */
const newPage = () => browser.newPage();

beforeAll(async () => {
  server = await startTestServer();
  browser = await BrowserSession.launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('reporting a problem from the map', { timeout: MAP_TIMEOUT + 180_000 }, () => {
  it('a citizen reports a wrong zone, staff answer and close it, the citizen reads the answer', async () => {
    // The citizen, on a parcel sheet.
    const citizen = await newPage();
    const viewer = new ViewerDriver(citizen, server.url);
    await viewer.open(`map=18/${NADOR.lat}/${NADOR.lon}&lang=en`);
    await viewer.waitForParcels();
    const target = await viewer.findParcelTarget();
    expect(target, 'a parcel drawn in view at Nador').not.toBeNull();
    await viewer.click(target!);
    await viewer.waitForSheetLoaded();
    const sheet = viewer.sheet();
    await sheet.getByRole('button', { name: 'Report a problem' }).click();
    const form = sheet.locator('form.report-form');
    await form.waitFor({ timeout: 15_000 });
    await form.getByLabel('Kind of problem').selectOption('wrong_zone');
    const description = `This parcel is in a green zone on the plan but has been built for years (${Date.now()}).`;
    await form.getByLabel('Description').fill(description);
    await form.getByLabel('To reach you (optional): email or phone').fill('+212 600 00 00 00');
    await form.getByRole('button', { name: 'Send the report' }).click();
    const sent = sheet.locator('.report-sent');
    await sent.waitFor({ timeout: 30_000 });
    const number = ((await sent.textContent()) ?? '').match(/SIG-\d{4}-\d{6,}/)?.[0];
    expect(number, (await sent.textContent()) ?? "").toBeDefined();
    const code = await sent.locator('.report-code').textContent();
    expect(code).toMatch(/^[0-9A-Z]{25}$/);
    const followHref = await sent.locator('a.report-follow').getAttribute('href');
    expect(followHref).toBe(`/report/#n=${number}&c=${code}`);

    // A planner, on the staff page.
    const user = await makeUser('planner', { tag: 'browser-reports' });
    const staff = await newPage();
    await staff.goto(`${server.url}/staff-reports/?lang=en`);
    await staff.getByLabel('Email').fill(user.email);
    await staff.getByLabel('Password').fill(user.password);
    // The map asks for the open reports as points once signed in.
    const points = staff.waitForResponse((r) => new URL(r.url()).pathname === '/api/staff/reports.geojson', { timeout: 60_000 });
    await staff.getByRole('button', { name: 'Sign in' }).click();
    const mapped = (await (await points).json()) as { features: Array<{ properties: { number: string } }> };
    expect(mapped.features.map((f) => f.properties.number)).toContain(number);
    const row = staff.getByRole('button', { name: number! });
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const detail = staff.locator('section.report-detail');
    await detail.getByRole('heading', { name: number! }).waitFor({ timeout: 30_000 });
    expect(await detail.locator('.report-description').textContent()).toBe(description);
    expect(await settledText(detail.locator('.report-status'), 'Received, being examined')).toBe('Received, being examined');
    // The staff map is drawn.
    await staff.waitForFunction(() => document.querySelector('.staff-map canvas') !== null, undefined, { timeout: 60_000 });

    const answer = "Merci : la zone de cette parcelle sera corrigée dans la prochaine version du plan d'aménagement.";
    await detail.getByLabel('Answer (shown on the follow page)').fill(answer);
    await detail.getByLabel('Language of the answer').selectOption('fr');
    await detail.getByRole('button', { name: 'Send the answer' }).click();
    expect(await settledText(detail.locator('.report-status'), 'Answered')).toBe('Answered');
    await detail.getByRole('button', { name: 'Close the report' }).click();
    expect(await settledText(detail.locator('.report-status'), 'Closed')).toBe('Closed');
    expect(await settledText(detail.locator('.report-events'), /Closed.*Test planner/s)).toMatch(/Answer from the agency.*Test planner.*Closed.*Test planner/s);

    // Signing out leaves the desk: the sign-in form again.
    await staff.getByRole('button', { name: 'Sign out' }).click();
    await staff.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    expect(await staff.locator('section.report-detail').count()).toBe(0);

    // The citizen follows the link given at sending.
    await citizen.goto(new URL(followHref!, server.url).href);
    const followed = citizen.locator('section.report-followed');
    await followed.waitFor({ timeout: 30_000 });
    expect(await followed.locator('.answer-text').textContent()).toBe(answer);
    expect(await followed.locator('.answer-text').getAttribute('lang')).toBe('fr');
    expect(await settledText(followed.locator('.report-status'), 'Closed')).toBe('Closed');
    expect(await citizen.locator('a[href="https://www.chikaya.ma"]').count()).toBe(1);

    // Nothing but our own host (the chikaya.ma link is never followed).
    expect(browser.foreignRequests(server.url)).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
  it('reports a missing road at a point beside the parcels, from the zoning at that point', async () => {
    const page = await newPage();
    const viewer = new ViewerDriver(page, server.url);
    await viewer.open(`map=17/${NADOR.lat}/${NADOR.lon}&lang=en`);
    await viewer.waitForParcels();
    const gap = await viewer.findGapTarget();
    expect(gap, 'a point in a zone with no parcel drawn').not.toBeNull();
    await viewer.click(gap!);
    await viewer.waitForSheetLoaded();
    expect(await viewer.sheetHeading()).toBe('Zoning at this point');
    const sheet = viewer.sheet();
    await sheet.getByRole('button', { name: 'Report a problem' }).click();
    const form = sheet.locator('form.report-form');
    await form.getByLabel('Kind of problem').selectOption('missing_road');
    await form.getByLabel('Description').fill('The road opened last year along this block is not on the plan.');
    await form.getByRole('button', { name: 'Send the report' }).click();
    const sent = sheet.locator('.report-sent');
    await sent.waitFor({ timeout: 30_000 });
    const number = ((await sent.textContent()) ?? '').match(/SIG-\d{4}-\d{6,}/)?.[0];
    expect(number).toBeDefined();
    // Stored at the clicked point, on no parcel.
    const [row] = await sql<{ category: string; parcel_id: string | null }>('SELECT category, parcel_id FROM reports WHERE number = $1', [number]);
    expect(row).toEqual({ category: 'missing_road', parcel_id: null });
    expect(browser.foreignRequests(server.url)).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
  it('shows the contact page in Arabic, right to left, with the national complaints portal', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/contact/?lang=ar`);
    await page.getByRole('heading', { level: 1, name: 'الاتصال بالوكالة' }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { level: 2, name: 'المصالح' }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await page.locator('a.phone').count()).toBeGreaterThan(2);
    expect(await page.locator('a[href="https://www.chikaya.ma"]').count()).toBe(1);
    expect(browser.foreignRequests(server.url)).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
