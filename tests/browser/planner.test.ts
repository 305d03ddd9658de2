// The planners' workspace (/planner/) in a real Chromium against the real server, on a scratch database of
// its own (publishing changes what the public sees, which the shared sample's tests must never see move):
// sign-in (a wrong password told clearly), a bad file told clearly (in Arabic too), a consultant's zipped
// Shapefile in Lambert Nord Maroc with Arabic labels mapped, its report's problem located on the map, a rule
// edited, the draft published and then its status changed — checked through the public API and tiles —
// the audit trail read by an admin, an ended session, and too many sign-in attempts told clearly. No request
// leaves our host.
import Protobuf from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lonLatAt, ZONES_V1 } from '../fixtures/make-fixtures.js';
import { startTestServer } from '../helpers/server.js';
import { fixtureDir, makeUser, type Scratch, scratchDatabase } from '../imports/helpers.js';
import { BrowserSession } from './browser.js';

const UI_TIMEOUT = 60_000;
const IMPORT_TIMEOUT = 180_000;
const PLAN_NAME = 'PA de Saka (test du navigateur)';
const PLAN_CODE = 'pa-de-saka-test-du-navigateur';

let db: Scratch;
let fx: Awaited<ReturnType<typeof fixtureDir>>;
let server: { url: string; close(): Promise<void> };
let browser: BrowserSession;
let page: Page;
let planner: Awaited<ReturnType<typeof makeUser>>;
let admin: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  db = await scratchDatabase('planner_ui');
  planner = await makeUser(db, 'planner');
  admin = await makeUser(db, 'admin');
  fx = await fixtureDir();
  server = await startTestServer({ databaseUrl: db.url });
  browser = await BrowserSession.launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fx?.remove();
  await db?.close();
});

async function signIn(email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function publicJson<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, server.url));
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

function tileOf(lon: number, lat: number, z: number): string {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return `/tiles/development/${z}/${x}/${y}.mvt`;
}

describe('the planners’ workspace', { timeout: 2 * IMPORT_TIMEOUT + 4 * UI_TIMEOUT }, () => {
  it('signs in, telling a wrong password clearly', async () => {
    await page.goto(`${server.url}/planner/?lang=en`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: UI_TIMEOUT });
    await signIn(planner.email, 'not the password');
    const alert = page.locator('.planner-login [role=alert]');
    await alert.waitFor({ timeout: UI_TIMEOUT });
    expect(await alert.getAttribute('data-code')).toBe('invalid_credentials');
    expect(await alert.textContent()).toBe('Wrong email or password.');

    await signIn(planner.email, planner.password);
    await page.getByRole('heading', { name: 'Import a plan' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('.planner-user').textContent()).toContain('(planner)');
  });

  it('tells clearly, in the chosen language, that a file cannot be imported', async () => {
    await page.locator('.lang-switch select').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl' && document.documentElement.lang === 'ar', null, { timeout: UI_TIMEOUT });
    await page.getByRole('heading', { name: 'استيراد تصميم' }).waitFor({ timeout: UI_TIMEOUT });
    await page.locator('input[type=file]').setInputFiles({ name: 'plan.zip', mimeType: 'application/zip', buffer: Buffer.from('this is not a zip archive at all') });
    const alert = page.locator('.planner-card [role=alert][data-code^="import_"]');
    await alert.waitFor({ timeout: UI_TIMEOUT });
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('لا يمكن استيراد هذا الملف');
    expect(text).toContain('plan.zip');
    // The server's own message, in Arabic too.
    expect(text.replace('لا يمكن استيراد هذا الملف', '')).toMatch(/[\u0600-\u06ff]{3}/);
    expect(await page.getByRole('button', { name: 'استيراد كمسودة' }).isDisabled()).toBe(true);

    await page.locator('.lang-switch select').selectOption('en');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr', null, { timeout: UI_TIMEOUT });
    // A broken GeoJSON: not read here, so the server says why.
    await page.getByLabel('Plan file').setInputFiles({ name: 'zones.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type": "FeatureCollection", "features": [') });
    await page.getByText('This file cannot be imported: "zones.geojson"').waitFor({ timeout: UI_TIMEOUT });
  });

  it('offers the attributes of a GeoPackage, and pre-fills a CNIG layer from the template', async () => {
    const code = page.getByLabel('Zone code', { exact: true });
    await page.getByLabel('Plan file').setInputFiles(await fx.get('zones-3d.gpkg'));
    await expect.poll(() => code.inputValue(), { timeout: UI_TIMEOUT }).toBe('CODE');
    expect(await code.locator('option').allTextContents()).toEqual(expect.arrayContaining(['CODE', 'NOM_FR', 'NOM_AR']));

    // Two layers in the archive: the page reads the CNIG zoning one, and its fields are mapped by the standard.
    await page.getByLabel('Plan file').setInputFiles(await fx.get('cnig.zip'));
    await page.getByText(/^This layer follows the CNIG PLU standard/).waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => code.inputValue(), { timeout: UI_TIMEOUT }).toBe('LIBELLE');
    expect(await page.getByLabel('Label (French)').inputValue()).toBe('LIBELONG');
    expect(await code.locator('option').allTextContents()).toEqual(expect.arrayContaining(['IDURBA', 'TYPEZONE', 'DESTDOMI']));
    // Only what the page cannot read was sent to the server to learn its fields (and listed as failed).
    const failed = await db.query<{ file_name: string }>(`SELECT file_name FROM imports WHERE status = 'failed' ORDER BY id`);
    expect(failed.map((r) => r.file_name)).toEqual(['plan.zip', 'zones.geojson', 'zones-3d.gpkg']);
  });

  it('imports a zipped Shapefile, locates a problem, edits a rule, publishes and changes the status', async () => {
    await page.getByLabel('Plan file').setInputFiles(await fx.get('zones-1256.zip'));
    // The mapping step offers the layer's own attributes, pre-filled from their names.
    const code = page.getByLabel('Zone code', { exact: true });
    await code.waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => code.inputValue(), { timeout: UI_TIMEOUT }).toBe('CODE');
    expect(await code.locator('option').allTextContents()).toEqual(expect.arrayContaining(['CODE', 'NOM_FR', 'NOM_AR']));
    expect(await page.getByLabel('Label (Arabic)').inputValue()).toBe('NOM_AR');
    await page.getByLabel('Label (French)').selectOption('NOM_FR');
    await page.getByLabel('Kind of plan').selectOption('development');
    await page.getByLabel('Name of the plan (French)').fill(PLAN_NAME);
    await page.getByLabel('Name of the plan (Arabic)').fill('تصميم تهيئة ساكا');
    await page.getByRole('button', { name: 'Import as a draft' }).click();
    await page.getByText(/^Imported as a draft: 4 zone\(s\), 0 error\(s\)/).waitFor({ timeout: IMPORT_TIMEOUT });

    // The report: the system read from the unnamed Lambert .prj, and each zone code without rules.
    const draft = page.locator('section.planner-draft');
    await draft.waitFor({ timeout: UI_TIMEOUT });
    const versionId = Number(await draft.getAttribute('data-version'));
    expect(versionId).toBeGreaterThan(0);
    expect(await draft.locator('li[data-code=crs]').textContent()).toContain('26191');
    const missing = draft.locator('li[data-code=missing_regulation]');
    await missing.first().waitFor({ timeout: UI_TIMEOUT });
    expect(await missing.count()).toBe(4);

    // A problem located: the map goes there, marks it and outlines the zones of its code.
    const problem = missing.filter({ hasText: 'code UA' });
    await problem.getByRole('button', { name: 'Show on the map' }).click();
    await draft.locator('.planner-located[data-located=true]').waitFor({ timeout: UI_TIMEOUT });
    const [w, s] = lonLatAt(0, 0);
    const [e, n] = lonLatAt(600, 400);
    await page.waitForFunction(
      ({ w, s, e, n }) => {
        const map = window.__planner?.map;
        if (!map || !map.loaded()) return false;
        const c = map.getCenter();
        const filter = JSON.stringify(map.getFilter('zones-highlight'));
        return c.lng > w && c.lng < e && c.lat > s && c.lat < n && filter.includes('"UA"') &&
          map.queryRenderedFeatures({ layers: ['selected'] }).length === 1 && map.queryRenderedFeatures({ layers: ['zones-highlight'] }).length >= 1;
      },
      { w, s, e, n },
      { timeout: UI_TIMEOUT, polling: 250 },
    );
    // Nothing is public yet.
    expect((await publicJson<{ plans: { code: string }[] }>('/api/plans')).plans.map((p) => p.code)).not.toContain(PLAN_CODE);

    // A rule: a number out of range is refused here, then the rules are saved through the drafts API.
    await draft.getByRole('button', { name: 'Edit the rules of UA' }).click();
    await draft.getByLabel('Maximum height (m)').fill('15,5');
    await draft.getByLabel('Maximum levels').fill('4');
    await draft.getByLabel('CES', { exact: true }).fill('1,5');
    await draft.getByLabel('Allowed uses (Arabic)').fill('سكن\nتجارة');
    await draft.getByLabel('Allowed uses (French)').fill('Habitat\nCommerce');
    await draft.getByRole('button', { name: 'Save the rules of UA' }).click();
    await draft.getByText('Not a number in range: CES.').waitFor({ timeout: UI_TIMEOUT });
    await draft.getByLabel('CES', { exact: true }).fill('0,6');
    await draft.getByRole('button', { name: 'Save the rules of UA' }).click();
    await draft.getByText('Rules of UA saved.').waitFor({ timeout: UI_TIMEOUT });
    const row = draft.locator('tr[data-code=UA] td');
    await expect.poll(() => row.nth(2).textContent(), { timeout: UI_TIMEOUT }).toBe('15.5');
    // The report is the import's; the problem it no longer has is marked resolved, and publication says the rest.
    await draft.locator('li[data-code=missing_regulation][data-resolved=true]', { hasText: 'code UA' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await draft.locator('li[data-code=missing_regulation][data-resolved=true]').count()).toBe(1);
    expect(await draft.locator('.planner-publish').textContent()).toContain('Zone codes still without rules: EV, R+4, VB.');

    // Publication from a past date (a new version will follow today), confirmed.
    await draft.getByLabel('In force from').fill('2020-01-01');
    await draft.getByRole('button', { name: 'Publish…' }).click();
    const confirm = draft.getByRole('button', { name: 'Confirm the publication' });
    await confirm.waitFor({ timeout: UI_TIMEOUT });
    expect(await draft.locator('.planner-confirm').textContent()).toContain('Citizens will see it at once');
    await confirm.click();
    await draft.getByText('version 1 published, in force from 2020-01-01').waitFor({ timeout: UI_TIMEOUT });
    expect(await draft.getByRole('link', { name: 'See it in the viewer' }).getAttribute('href')).toMatch(/^\/#map=\d+\/34\.\d+\/-3\.\d+&lang=en$/);

    // Public now: the plans, identify (with the rule and the Arabic label read from Windows-1256), the tiles.
    const plans = await publicJson<{ plans: { code: string; name: { fr: string }; illustrative: boolean; status: string }[] }>('/api/plans');
    expect(plans.plans.find((p) => p.code === PLAN_CODE)).toMatchObject({ name: { fr: PLAN_NAME }, illustrative: false, status: 'approved' });
    const [lon, lat] = lonLatAt(150, 100);
    const hit = await publicJson<{ zoning: { plan: { code: string }; zone: { code: string; label: { ar: string } }; regulation: { maxHeightM: number; ces: number } | null }[] }>(
      `/api/identify?lon=${lon}&lat=${lat}`,
    );
    expect(hit.zoning.find((z) => z.plan.code === PLAN_CODE)).toMatchObject({
      zone: { code: 'UA', label: { ar: ZONES_V1[0]!.ar } }, regulation: { maxHeightM: 15.5, ces: 0.6 },
    });
    const tile = await fetch(new URL(tileOf(lon, lat, 15), server.url));
    expect(tile.status).toBe(200);
    const vt = new VectorTile(new Protobuf(new Uint8Array(await tile.arrayBuffer())));
    const codes = Object.values(vt.layers).flatMap((l) => Array.from({ length: l.length }, (_, i) => l.feature(i).properties.code));
    expect(codes).toContain('UA');

    // A change of status, with its date: the public API says it.
    const status = page.locator('section.planner-card', { has: page.getByRole('heading', { name: 'Status of a published plan' }) });
    const planSelect = status.getByLabel('Plan', { exact: true });
    await expect.poll(() => planSelect.locator('option').allTextContents(), { timeout: UI_TIMEOUT }).toContain(`${PLAN_NAME} (version 1, approved)`);
    await planSelect.selectOption({ label: `${PLAN_NAME} (version 1, approved)` });
    await status.getByLabel('New status').selectOption('public_inquiry');
    await status.getByLabel('Reference (optional)').fill('Arrêté 12/2026');
    await status.getByRole('button', { name: 'Record the status' }).click();
    await status.getByText(new RegExp(`^${PLAN_NAME.replace(/[()]/g, '\\$&')}: public inquiry from \\d{4}-\\d{2}-\\d{2}`)).waitFor({ timeout: UI_TIMEOUT });
    const after = await publicJson<{ plans: { code: string; status: string }[] }>('/api/plans');
    expect(after.plans.find((p) => p.code === PLAN_CODE)?.status).toBe('public_inquiry');
  });

  it('publishes a new version of the plan; the former one stays available by date', async () => {
    const upload = page.locator('section.planner-card', { has: page.getByRole('heading', { name: 'Import a plan' }) });
    const plan = upload.getByLabel('Plan', { exact: true });
    await expect.poll(() => plan.locator('option').allTextContents(), { timeout: UI_TIMEOUT }).toContain(`${PLAN_NAME}: new version 2`);
    await plan.selectOption({ label: `${PLAN_NAME}: new version 2` });
    await upload.getByLabel('Plan file').setInputFiles(await fx.get('zones-v2.geojson'));
    await expect.poll(() => upload.getByLabel('Zone code', { exact: true }).inputValue(), { timeout: UI_TIMEOUT }).toBe('CODE');
    await upload.getByRole('button', { name: 'Import as a draft' }).click();
    await upload.getByText(/^Imported as a draft: 2 zone\(s\), 0 error\(s\)/).waitFor({ timeout: IMPORT_TIMEOUT });

    // The new draft: the rules of UA carried over from version 1, R+3 still without.
    const draft = page.locator('section.planner-draft');
    await draft.getByRole('heading', { name: `${PLAN_NAME} — version 2` }).waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => draft.locator('tr[data-code=UA] td').nth(2).textContent(), { timeout: UI_TIMEOUT }).toBe('15.5');
    expect(await draft.locator('tr[data-code="R+3"]').textContent()).toContain('No rules yet');
    await draft.getByRole('button', { name: 'Publish…' }).click();
    await draft.getByRole('button', { name: 'Confirm the publication' }).click();
    await draft.getByText(/version 2 published, in force from \d{4}-\d{2}-\d{2}/).waitFor({ timeout: UI_TIMEOUT });

    // Citizens see version 2 now; version 1 still answers for a date before it.
    const [lon, lat] = lonLatAt(450, 300);
    type Zoning = { zoning: { plan: { code: string; versionNo: number }; zone: { code: string } }[] };
    const now = (await publicJson<Zoning>(`/api/identify?lon=${lon}&lat=${lat}`)).zoning.find((z) => z.plan.code === PLAN_CODE);
    expect(now).toMatchObject({ plan: { versionNo: 2 }, zone: { code: 'R+3' } });
    const then = (await publicJson<Zoning>(`/api/identify?lon=${lon}&lat=${lat}&at=2021-01-01`)).zoning.find((z) => z.plan.code === PLAN_CODE);
    expect(then).toMatchObject({ plan: { versionNo: 1 }, zone: { code: 'VB' } });
  });

  it('shows the audit trail to an admin', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: UI_TIMEOUT });
    await signIn(admin.email, admin.password);
    const audit = page.locator('section.planner-card', { has: page.getByRole('heading', { name: 'Audit trail' }) });
    await audit.locator('tbody tr').first().waitFor({ timeout: UI_TIMEOUT });
    const actions = await audit.locator('tbody td:nth-child(3)').allTextContents();
    expect(actions).toEqual(expect.arrayContaining(['plan.import', 'regulation.edit', 'plan.publish', 'plan.status', 'session.login']));
    const publications = await audit.locator('tbody tr', { hasText: 'plan.publish' }).allTextContents();
    expect(publications).toHaveLength(2);
    for (const row of publications) expect(row).toContain(planner.email);
  });

  it('asks to sign in again when the session has ended', async () => {
    await page.context().clearCookies();
    await page.getByLabel('Plan file').setInputFiles(await fx.get('zones-3d.gpkg'));
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByText('Your session has ended: sign in again to go on').waitFor({ timeout: UI_TIMEOUT });
  });

  it('tells clearly when sign-in is rate-limited, and nothing left our host', async () => {
    const alert = page.locator('.planner-login [role=alert]');
    let code: string | null = null;
    for (let i = 0; i < 8 && code !== 'too_many_login_attempts'; i++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST', { timeout: UI_TIMEOUT });
      await signIn('nobody@test.tasmim.invalid', `wrong ${i}`);
      const res = await answered;
      const expected = res.status() === 429 ? 'too_many_login_attempts' : 'invalid_credentials';
      // The alert of this attempt (the previous one is cleared when the form is sent).
      await page.locator(`.planner-login [role=alert][data-code=${expected}]`).waitFor({ timeout: UI_TIMEOUT });
      code = await alert.getAttribute('data-code');
    }
    expect(code).toBe('too_many_login_attempts');
    expect(await alert.textContent()).toMatch(/^Too many failed sign-in attempts; wait \d+ s and try again\.$/);

    expect(browser.foreignRequests(server.url)).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
