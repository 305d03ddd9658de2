// Issuing an indicative note: for two adjacent parcels in Nador and for a polygon typed in Lambert Nord
// Maroc; the PDF read back as a person's tools read it (text, fonts, pixels), the record and its hash,
// the printable page.
import { mkdir, writeFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSha256 } from '../../server/notes/canonical.js';
import { L } from '../../server/notes/labels.js';
import type { NoteIssued, NoteVerification } from '../../server/notes/schemas.js';
import { buildTestApp } from '../helpers/app.js';
import { one } from '../helpers/db.js';
import { arabicWords, ensurePoppler, flat, pdfFonts, pdfText, renderPage1 } from './poppler.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
  await ensurePoppler();
});
afterAll(() => app.close());

const path = (url: string) => new URL(url).pathname + new URL(url).search;

async function issue(body: object): Promise<NoteIssued> {
  const res = await app.inject({ method: 'POST', url: '/api/notes', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Two current parcels of the commune of Nador sharing a side (not just a corner). */
const pair = () =>
  one<{ a: number; b: number; ra: string; rb: string }>(
    `SELECT p.id::int AS a, q.id::int AS b, p.reference AS ra, q.reference AS rb
     FROM parcels p JOIN communes c ON c.id = p.commune_id AND c.name->>'fr' = 'Nador'
     JOIN parcels q ON q.id > p.id AND q.geom_4326 && p.geom_4326 AND ST_Touches(p.geom_4326, q.geom_4326)
     WHERE p.valid_to IS NULL AND q.valid_to IS NULL
       AND ST_Length(ST_Intersection(p.geom_4326, q.geom_4326)::geography) > 5
       AND EXISTS (SELECT 1 FROM zoning_of(p.geom_4326, CURRENT_DATE) z WHERE (z.plan->>'inForce')::boolean)
     ORDER BY p.id LIMIT 1`,
  );

describe('a note for two adjacent parcels in Nador (bilingual)', () => {
  let issued: NoteIssued;
  let record: NoteVerification;
  let pdf: Buffer;
  let text: string;
  let refs: { ra: string; rb: string };

  beforeAll(async () => {
    const f = await pair();
    refs = f;
    issued = await issue({ selection: { type: 'parcels', ids: [f.a, f.b] } });
    const v = await app.inject({ url: path(issued.urls.verify) });
    expect(v.statusCode, v.body).toBe(200);
    record = v.json();
    const p = await app.inject({ url: path(issued.urls.pdf) });
    expect(p.statusCode).toBe(200);
    expect(p.headers['content-type']).toBe('application/pdf');
    expect(p.headers['content-disposition']).toBe(`inline; filename="${issued.reference}.pdf"`);
    pdf = p.rawPayload;
    text = await pdfText(pdf);
  });

  it('answers 201 with a reference, the data version and absolute URLs from the request origin', () => {
    expect(issued.reference).toMatch(/^NRU-\d{4}-\d{6,}$/);
    expect(issued.reference.slice(4, 8)).toBe(issued.issuedAt.slice(0, 4));
    expect(Number.isInteger(issued.dataVersion)).toBe(true);
    for (const u of Object.values(issued.urls)) expect(u).toMatch(/^http:\/\/localhost(:80)?\//);
    expect(issued.urls.pdf).toContain(`/api/notes/${issued.reference}.pdf?k=`);
    expect(issued.urls.page).toContain(`/notes/${issued.reference}?k=`);
  });

  it('records what it stated, with a hash anyone can recompute, and no change since', () => {
    expect(record.reference).toBe(issued.reference);
    expect(record.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(contentSha256(record.content)).toBe(record.contentSha256);
    expect(record.content.land.parcels.map((p) => p.reference).sort()).toEqual([refs.ra, refs.rb].sort());
    expect(record.content.zoning.length).toBeGreaterThan(0);
    expect(record.content.capacity).not.toBeNull();
    expect(record.current.changedSince).toBe(false);
    expect(record.current.changes).toEqual([]);
  });

  it('states the vertices in Lambert Nord Maroc as to_26191 gives them', async () => {
    const parcel = record.content.land.parcels[0]!;
    const first = parcel.rings[0]![0]!;
    const near = await one<{ d: number }>(
      `SELECT min(ST_Distance(ST_SetSRID(ST_MakePoint($2, $3), 26191), (dp).geom)) AS d
       FROM (SELECT ST_DumpPoints(to_26191(geom_4326)) AS dp FROM parcels WHERE id = $1) s`,
      [parcel.id, first[0], first[1]],
    );
    expect(near.d).toBeLessThan(0.01);
    expect(first[0]).toBeGreaterThan(600_000); // Nador: about x 725 000, y 510 000 (DOMAIN.md)
    expect(first[1]).toBeGreaterThan(450_000);
  });

  it('reads back, in reading order: titles, the indicative warning, reference, parcels, zone codes, disclaimer', () => {
    const lines = text.split('\n').map((l) => l.trim());
    expect(lines).toContain(L.title.ar); // the Arabic title as a whole line, every letter right
    expect(lines).toContain(L.title.fr.toUpperCase());
    const all = flat(text);
    expect(all).toContain(L.indicative.fr);
    expect(all).toContain(L.indicative.ar.replace(/\.$/, '')); // poppler moves the final full stop of an RTL line
    expect(all).toContain(issued.reference);
    expect(all).toContain(refs.ra);
    expect(all).toContain(refs.rb);
    for (const z of record.content.zoning) expect(all, z.zone.code).toContain(`Zone ${z.zone.code} — `);
    expect(all).toContain(flat(L.disclaimer.fr));
    // The Arabic disclaimer's first line is Arabic only: read whole. (Lines mixing Arabic with numbers or
    // Latin come out in poppler's order of runs on a mostly French page: server/notes/README.md.)
    expect(all).toContain('أعدت هذه المذكرة الإرشادية آليا ودون دراسة');
    expect(all).toContain('وهي ليست رخصة بناء أو تجزئة ولا شهادة');
    expect(all).toContain(`${L.illustrative.fr.slice(0, 40)}`);
  });

  it('embeds its fonts, Noto Sans and Noto Sans Arabic, in every weight it uses', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(fonts.some((f) => /NotoSansArabic/.test(f.name))).toBe(true);
    expect(fonts.some((f) => /\+NotoSans-/.test(f.name))).toBe(true);
  });

  it('prints something on page 1 (rendered, not blank) — saved to tmp/note.png to look at', async () => {
    const page = await renderPage1(pdf, 50);
    expect(Math.abs(page.width - (595.28 / 72) * 50)).toBeLessThan(1.5); // A4 width at 50 dpi
    const ink = page.grey.reduce((n, v) => n + (v < 200 ? 1 : 0), 0);
    expect(ink / page.grey.length).toBeGreaterThan(0.03);
    await mkdir('tmp', { recursive: true });
    await writeFile('tmp/note.png', (await renderPage1(pdf, 100)).png);
  });

  it('serves the printable page: UTF-8, Arabic right to left, nothing loaded from elsewhere', async () => {
    const res = await app.inject({ url: path(issued.urls.page) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.body;
    expect(html).toMatch(/<meta charset="utf-8">/);
    expect(html).toContain(`lang="ar" dir="rtl">${L.title.ar}<`);
    expect(html).toContain('<svg class="map"');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/);
    expect(html).toContain(refs.ra);
  });

  it('gives the same record for any spelling of the verification code, and 404 for a wrong one', async () => {
    const code = issued.verificationCode;
    const typed = code.toLowerCase().match(/.{1,5}/g)!.join('-');
    const ok = await app.inject({ url: `/api/notes/${issued.reference}?k=${typed}` });
    expect(ok.statusCode).toBe(200);
    const wrong = `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`;
    for (const url of [`/api/notes/${issued.reference}?k=${wrong}`, `/api/notes/${issued.reference}`, `/notes/${issued.reference}?k=${wrong}`, `/api/notes/${issued.reference}.pdf`]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('note_not_found');
    }
  });
});

describe('a note for a polygon typed in Lambert Nord Maroc (Arabic)', () => {
  it('states the typed vertices, and reads back in Arabic reading order', async () => {
    const c = await one<{ x: number; y: number }>(
      `SELECT round(ST_X(p)) AS x, round(ST_Y(p)) AS y FROM (
         SELECT to_26191(ST_PointOnSurface(pa.geom_4326)) AS p FROM parcels pa JOIN communes c ON c.id = pa.commune_id
         WHERE c.name->>'fr' = 'Nador' AND pa.valid_to IS NULL ORDER BY pa.id OFFSET 200 LIMIT 1) s`,
    );
    const points = [[c.x - 15, c.y - 10], [c.x + 15, c.y - 10], [c.x + 15, c.y + 10], [c.x - 15, c.y + 10]];
    const issued = await issue({ selection: { type: 'coordinates', crs: 'EPSG:26191', points }, lang: 'ar' });
    const record: NoteVerification = (await app.inject({ url: path(issued.urls.verify) })).json();
    expect(record.lang).toBe('ar');
    expect(record.content.land.type).toBe('coordinates');
    expect(record.content.land.areaM2).toBeGreaterThan(590);
    expect(record.content.land.areaM2).toBeLessThan(610);
    // The outline stated is the polygon as typed: the same vertices, in the same order.
    expect(record.content.land.rings).toEqual([points]);

    const pdf = (await app.inject({ url: path(issued.urls.pdf) })).rawPayload;
    const text = await pdfText(pdf);
    const all = flat(text);
    expect(text.split('\n').map((l) => l.trim())).toContain(L.title.ar);
    expect(all).toContain(`${c.x - 15}.00`);
    expect(all).toContain(`${c.y + 10}.00`);
    // On a mostly Arabic page every Arabic word of the disclaimer comes back, in order.
    expect(arabicWords(all).join(' ')).toContain(arabicWords(L.disclaimer.ar).join(' '));
    for (const z of record.content.zoning) expect(all, z.zone.code).toContain(z.zone.code);
  });
});
