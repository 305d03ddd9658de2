// The whole flow on a phone (390×844), in a real Chromium against the real server: a citizen taps a
// parcel in Driouch on the map, follows the parcel sheet's link to the requests desk (in Arabic, right to
// left), sends the request with a property certificate (a fake one is refused first); an instructor (an
// account made in the test database) signs in, takes the file and asks for more; the citizen, refused with
// a wrong code, answers with the right one; the instructor issues the official note; the citizen downloads
// its PDF, decodes its QR code and opens the verification page it leads to. A planner's account cannot
// open the queue. No request leaves our host.
import { readFile } from 'node:fs/promises';
import jsqrModule from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../accounts/helpers.js';
import { startTestServer } from '../helpers/server.js';
import { ensurePoppler, renderPage1 } from '../notes/poppler.js';
import { driouchParcel, PDF, png } from '../requests/helpers.js';
import { BrowserSession } from './browser.js';
import { MAP_TIMEOUT, settledText, ViewerDriver } from './viewer-driver.js';

const PHONE = { width: 390, height: 844 };

// jsqr is CommonJS with an `exports.default`: under NodeNext its default import is the module object to
// TypeScript, while the runtime's interop may already hand out the function.
type Decode = (typeof jsqrModule)['default'];
const jsQR: Decode = typeof jsqrModule === 'function' ? (jsqrModule as unknown as Decode) : jsqrModule.default;

let server: { url: string; close(): Promise<void> };
let browser: BrowserSession;
let instructor: TestUser;

beforeAll(async () => {
  // Plain HTTP on loopback: the session cookie without Secure (COOKIE_SECURE=false, local use only).
  server = await startTestServer({ env: { COOKIE_SECURE: 'false' } });
  browser = await BrowserSession.launch();
  instructor = await makeUser('instructor', { tag: 'browser-instructor' });
  await ensurePoppler();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const phone = (locale: string): Promise<Page> =>
  browser.newPage({ viewport: PHONE, locale, deviceScaleFactor: 2, isMobile: true, hasTouch: true, acceptDownloads: true });

async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${server.url}/instruct/?lang=fr`);
  await page.fill('input[name="email"]', user.email);
  await page.fill('input[name="password"]', user.password);
  await page.locator('button[type="submit"]').click();
  await page.locator('input[name="password"]').waitFor({ state: 'detached', timeout: 30_000 });
}

describe('requesting the official note from a phone', { timeout: MAP_TIMEOUT * 2 + 240_000 }, () => {
  it('request in Driouch, instruct, issue, download and verify by the QR code', async () => {
    // 1. The citizen finds the parcel on the map and follows the sheet's link to the desk.
    const parcel = await driouchParcel(3);
    const citizen = await phone('ar-MA');
    const viewer = new ViewerDriver(citizen, server.url);
    await viewer.open(`map=19/${parcel.lat}/${parcel.lon}&lang=ar`);
    await viewer.waitForParcels();
    const target = await viewer.findParcelTarget();
    expect(target).not.toBeNull();
    await citizen.mouse.click(target!.x, target!.y);
    const link = citizen.locator('a.request-note');
    await link.waitFor({ state: 'visible', timeout: 30_000 });
    await link.click();
    await citizen.waitForURL(/\/requests\/\?ref=/);

    // 2. The form, in Arabic, right to left, with the reference already filled in.
    const form = citizen.locator('form.desk-card');
    await form.waitFor();
    expect(await citizen.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await citizen.locator('input[name="reference"]').inputValue()).toBe(target!.ref);
    await citizen.fill('input[name="name"]', 'Mohamed Amrani');
    await citizen.fill('input[name="cin"]', 'ab 123456');
    await citizen.fill('input[name="phone"]', '0612345678');
    await citizen.fill('input[name="email"]', 'm.amrani@example.invalid');
    await citizen.fill('textarea[name="purpose"]', 'بناء مسكن عائلي');
    // A file that is not a document is refused with a clear message, and the form stays filled.
    await citizen.setInputFiles('input[name="certificate"]', { name: 'certificate.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not really a pdf') });
    await citizen.check('input[name="consent"]');
    await citizen.locator('button[type="submit"]').click();
    const alert = citizen.locator('.desk-error');
    await alert.waitFor();
    expect(await settledText(alert, /certificate\.pdf/)).toMatch(/PDF أو PNG أو JPEG/);
    await citizen.setInputFiles('input[name="certificate"]', { name: 'certificate.pdf', mimeType: 'application/pdf', buffer: PDF });
    await citizen.setInputFiles('input[name="plan"]', { name: 'plan.png', mimeType: 'image/png', buffer: png(32, 32) });
    await citizen.locator('button[type="submit"]').click();
    const fileNumber = (await settledText(citizen.locator('.file-number'), /^DRU-/, 60_000)).trim();
    const code = (await citizen.locator('.tracking-code').textContent())!.trim();
    expect(fileNumber).toMatch(/^DRU-[0-9]{4}-[0-9]{6,}$/);
    expect(code).toMatch(/^[0-9A-Z]{25}$/);

    // 3. The instructor signs in on their phone, opens the file from the queue, takes it and asks for more.
    const staff = await phone('fr-FR');
    await signIn(staff, instructor);
    const openFile = async () => {
      const entry = staff.locator('button.file-link', { hasText: fileNumber });
      await entry.waitFor({ timeout: 30_000 });
      await entry.click();
      await staff.locator('section.desk-file').waitFor();
    };
    await openFile();
    expect(await staff.locator('section.desk-file').textContent()).toContain('AB123456');
    await staff.getByRole('button', { name: "M'attribuer" }).click();
    await staff.locator('section.desk-file[data-status="under_review"]').waitFor({ timeout: 30_000 });
    await staff.fill('.desk-actions textarea', 'Merci de joindre le plan cadastral signé.');
    await staff.getByRole('button', { name: 'Demander un complément' }).click();
    await staff.locator('section.desk-file[data-status="info_requested"]').waitFor({ timeout: 30_000 });

    // 4. The citizen follows the file: a wrong code is refused like an unknown file; with the code, the
    // question is there and the citizen answers it with a document.
    await citizen.getByRole('button', { name: 'تتبع ملفي' }).click();
    const codeInput = citizen.locator('input[name="code"]');
    await codeInput.waitFor();
    expect(await codeInput.inputValue()).toBe(code);
    await codeInput.fill('0000000000000000000000000');
    await citizen.getByRole('button', { name: 'فتح' }).click();
    expect(await settledText(citizen.locator('.desk-error'), /لا يوجد طلب/)).toMatch(/لا يوجد طلب/);
    await codeInput.fill(code);
    await citizen.getByRole('button', { name: 'فتح' }).click();
    await citizen.locator('.desk-file[data-status="info_requested"]').waitFor({ timeout: 30_000 });
    expect(await citizen.locator('.desk-timeline').textContent()).toContain('Merci de joindre le plan cadastral signé.');
    await citizen.fill('.desk-reply textarea', 'مرفق التصميم الموقع.');
    await citizen.setInputFiles('.desk-reply input[type="file"]', { name: 'plan-signe.pdf', mimeType: 'application/pdf', buffer: PDF });
    await citizen.getByRole('button', { name: 'إرسال', exact: true }).click();
    await citizen.locator('.desk-file[data-status="under_review"]').waitFor({ timeout: 30_000 });
    await citizen.locator('.desk-file li', { hasText: 'plan-signe.pdf' }).waitFor();

    // 5. The instructor sees the answer and issues the official note.
    await staff.getByRole('button', { name: 'Retour à la file' }).click();
    await openFile();
    await staff.locator('section.desk-file[data-status="under_review"] .desk-timeline li[data-kind="applicant_replied"]').waitFor({ timeout: 30_000 });
    await staff.getByRole('button', { name: 'Délivrer la note officielle' }).click();
    await staff.locator('section.desk-file[data-status="issued"]').waitFor({ timeout: 60_000 });
    expect(await staff.locator('.desk-timeline li[data-kind="note_issued"]').textContent()).toContain('Test instructor');

    // 6. The citizen opens the file again and downloads the official note.
    await citizen.getByRole('button', { name: 'فتح' }).click();
    await citizen.locator('.desk-file[data-status="issued"]').waitFor({ timeout: 30_000 });
    const pdfLink = citizen.locator('.desk-note a', { hasText: 'PDF' });
    const [download] = await Promise.all([citizen.waitForEvent('download', { timeout: 60_000 }), pdfLink.click()]);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // 7. Its QR code, read from the printed page, leads to the verification page of the official note.
    const { png: page1 } = await renderPage1(pdf, 200);
    const image = PNG.sync.read(page1);
    const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(qr, 'a QR code on page 1').not.toBeNull();
    const verifyUrl = qr!.data;
    expect(verifyUrl.startsWith(`${server.url}/notes/NRU-`)).toBe(true);
    await citizen.goto(verifyUrl);
    const body = await settledText(citizen.locator('body'), /NOTE OFFICIELLE/);
    expect(body).toContain(fileNumber);
    expect(body).not.toContain('AB123456');

    // 8. A planner's account is not an instructor's: the page says so and the queue stays closed.
    const planner = await phone('fr-FR');
    await signIn(planner, await makeUser('planner', { tag: 'browser-planner' }));
    expect(await settledText(planner.locator('.desk-error'), /rôle d'instructeur/)).toMatch(/rôle d'instructeur/);
    const queue = await planner.evaluate(async () => (await fetch('/api/instruct/requests')).status);
    expect(queue).toBe(403);

    expect(browser.pageErrors).toEqual([]);
    // Stricter than foreignRequests(): any scheme but data: and blob: counts, not only the network's.
    const foreign = browser.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
  });
});
