// The documents library through the real app and the seeded test database: search in Arabic (with and
// without diacritics) and French (without accents), reading and downloading, uploads refused by type and
// size with a clear message, a real upload whose PDF text becomes searchable, retirement (kept, audited,
// no longer listed), and the parcel sheet's link to the documents of the plans covering it.
import type { FastifyInstance } from 'fastify';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail, DocumentList, ParcelDocuments } from '../../server/documents/schemas.js';
import { as, login, makeUser, type Signed } from '../accounts/helpers.js';
import { buildTestApp } from '../helpers/app.js';
import { one, sql } from '../helpers/db.js';
import { multipart } from '../imports/helpers.js';
import { bilingualPdf } from '../../server/seed/documents.js';

let app: FastifyInstance;
let planner: Signed;
let instructor: Signed;
beforeAll(async () => {
  // A 1 MB cap here, so that "too large" needs no 20 MB upload.
  app = await buildTestApp({ DOCUMENT_MAX_MB: '1' });
  planner = await login(app, await makeUser('planner'));
  instructor = await login(app, await makeUser('instructor'));
});
afterAll(() => app?.close());

const search = async (q: string, extra = ''): Promise<DocumentList> => {
  const res = await app.inject({ url: `/api/documents?q=${encodeURIComponent(q)}${extra}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const numbers = (l: DocumentList) => l.documents.map((d) => d.number);

/** A one-page PDF holding `text` (Latin script: pdfkit's standard font). */
function pdfWith(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(12).text(text);
  doc.end();
  return done;
}

const fields = (extra: Record<string, string> = {}) => ({
  kind: 'circular', titleAr: 'دورية توضيحية للاختبار', titleFr: 'Circulaire de test', language: 'fr', number: `T-${Date.now()}`, issuedOn: '2024-03-01', ...extra,
});

const upload = (f: Record<string, string>, file: { name: string; data: Buffer }, who: Signed = planner) => {
  const body = multipart(f, file);
  return app.inject({ method: 'POST', url: '/api/documents?lang=en', payload: body.payload, headers: { ...body.headers, ...as(who).headers }, cookies: who.cookies });
};

describe('search', () => {
  it('finds law 12-90 by an Arabic word written with and without its diacritics', async () => {
    const bare = await search('التعمير');
    const voweled = await search('التَّعْمِيرِ');
    expect(numbers(bare)).toContain('12-90');
    expect(numbers(voweled)).toContain('12-90');
    expect(numbers(voweled)).toEqual(numbers(bare));
    // Without its article (the Arabic stemmer), and with or without the hamza on its alef (أ → ا).
    expect(numbers(await search('تعمير'))).toContain('12-90');
    const hamza = await search('أرض');
    expect(numbers(hamza)).toContain('12-90');
    expect(numbers(await search('ارض'))).toEqual(numbers(hamza));
  });

  it('finds it by a French word written without its accents, and by its number', async () => {
    expect(numbers(await search('schema directeur', '&group=legal'))).toContain('12-90');
    expect(numbers(await search('reglement general de construction'))).toContain('2-18-577');
    expect(numbers(await search('12-90'))[0]).toBe('12-90');
  });

  it('filters by kind and by plan, lists legal texts apart, and never 500s on odd input', async () => {
    const laws = await search('', '&kind=law');
    expect(laws.documents.length).toBeGreaterThan(0);
    expect(laws.documents.every((d) => d.kind === 'law' && d.plan === null)).toBe(true);
    const plan = await one<{ id: number }>("SELECT id FROM plans WHERE code = 'ex-pa-nador'");
    const ofPlan = await search('', `&plan=${plan.id}`);
    expect(ofPlan.documents.map((d) => d.kind)).toContain('regulation');
    expect(ofPlan.documents.every((d) => d.plan?.id === plan.id && d.illustrative)).toBe(true);
    for (const q of ['"', '!!', '-', "l'&|", 'a'.repeat(200)]) expect((await app.inject({ url: `/api/documents?q=${encodeURIComponent(q)}` })).statusCode).toBe(200);
    const bad = await app.inject({ url: '/api/documents?kind=novel&lang=en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
  });
});

describe('reading', () => {
  it('serves a document record and its PDF', async () => {
    const law = (await search('12-90')).documents[0]!;
    expect(law.illustrative).toBe(true);
    const detail = (await app.inject({ url: `/api/documents/${law.id}` })).json() as DocumentDetail;
    expect(detail.excerpt).toContain('illustratif');
    const file = await app.inject({ url: law.url });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file.headers['content-disposition']).toContain('.pdf');
    expect((await app.inject({ url: '/api/documents/999999999' })).json().error.code).toBe('not_found');
  });
});

describe('upload and retirement (planners)', () => {
  it('refuses a file that is not a PDF, and one too large, with a clear message; nothing is added', async () => {
    const before = (await one<{ n: string }>('SELECT count(*) n FROM documents')).n;
    const notPdf = await upload(fields(), { name: 'plan.docx', data: Buffer.from('PK\u0003\u0004 this is a zip, not a PDF') });
    expect(notPdf.statusCode, notPdf.body).toBe(400);
    expect(notPdf.json().error.code).toBe('document_not_pdf');
    expect(notPdf.json().error.message).toMatch(/"plan\.docx" is not a PDF.*PDF files only/);
    const big = await upload(fields(), { name: 'big.pdf', data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10, 32)]) });
    expect(big.statusCode, big.body).toBe(400);
    expect(big.json().error.code).toBe('document_too_large');
    expect(big.json().error.message).toContain('limited to 1 MB');
    const broken = await upload(fields(), { name: 'broken.pdf', data: Buffer.from('%PDF-1.4\nnot really a pdf') });
    expect(broken.statusCode, broken.body).toBe(400);
    expect(broken.json().error.code).toBe('document_unreadable');
    const planless = await upload(fields({ kind: 'regulation' }), { name: 'r.pdf', data: await pdfWith('x') });
    expect(planless.json().error.code).toBe('document_plan_required');
    expect((await one<{ n: string }>('SELECT count(*) n FROM documents')).n).toBe(before);
  });

  it('needs a planner and the CSRF token', async () => {
    const data = await pdfWith('x');
    expect((await upload(fields(), { name: 'a.pdf', data }, instructor)).statusCode).toBe(403);
    const body = multipart(fields(), { name: 'a.pdf', data });
    const noToken = await app.inject({ method: 'POST', url: '/api/documents', payload: body.payload, headers: body.headers, cookies: planner.cookies });
    expect(noToken.json().error.code).toBe('csrf_invalid');
    const anonymous = await app.inject({ method: 'POST', url: '/api/documents', payload: body.payload, headers: body.headers });
    expect(anonymous.statusCode).toBe(401);
  });

  it('adds a PDF whose text becomes searchable, then retires it: kept, audited, no longer listed nor served', async () => {
    const word = `zorblatisation${Date.now().toString(36)}`;
    const res = await upload(fields(), { name: 'circulaire.pdf', data: await pdfWith(`Circulaire relative a la ${word} des dossiers.`) });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json() as DocumentDetail;
    expect(doc.pages).toBe(1);
    expect(doc.excerpt).toContain(word);
    expect((await search(word)).documents.map((d) => d.id)).toEqual([doc.id]);

    const retire = await app.inject({ method: 'POST', url: `/api/documents/${doc.id}/retire`, payload: { reason: 'remplacée par une nouvelle circulaire' }, ...as(planner) });
    expect(retire.statusCode, retire.body).toBe(200);
    expect(retire.json().retired).toBe(true);
    expect((await search(word)).documents).toEqual([]);
    expect((await app.inject({ url: `/api/documents/${doc.id}` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/documents/${doc.id}/file` })).statusCode).toBe(404);
    const kept = await one<{ retired_reason: string }>('SELECT retired_reason FROM documents WHERE id = $1', [doc.id]);
    expect(kept.retired_reason).toBe('remplacée par une nouvelle circulaire');
    const events = await sql<{ action: string; actor_id: number }>(
      "SELECT action, actor_id FROM audit_events WHERE target_type = 'document' AND target_id = $1 ORDER BY id", [String(doc.id)]);
    expect(events.map((e) => e.action)).toEqual(['document.upload', 'document.retire']);
    // Retiring twice: nothing left to retire.
    const again = await app.inject({ method: 'POST', url: `/api/documents/${doc.id}/retire`, payload: { reason: 'encore' }, ...as(planner) });
    expect(again.statusCode).toBe(404);
  });
});

describe('Arabic text extracted from an uploaded PDF', () => {
  it('is found by a word written with its diacritics, and by another alef form', async () => {
    // A word of this run only: Arabic letters drawn from the clock, after a real word.
    const letters = 'بتثجحخدذرزسشصضطظعغفقكلمن';
    const tag = [...Date.now().toString()].slice(-6).map((d) => letters[Number(d) * 2]).join('');
    const word = `استثمار${tag}`;
    const data = await bilingualPdf({ fr: 'Circulaire de test (arabe)', ar: 'دورية اختبار' }, [{ fr: 'Texte de test.', ar: `تتعلق هذه الدورية بإجراءات ${word} في المناطق الصناعية.` }], '2024-01-01');
    const res = await upload(fields({ language: 'ar' }), { name: 'dawriya.pdf', data });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json() as DocumentDetail;
    expect(doc.excerpt).toContain(word);
    // "اِسْتِثْمَار…" with kasra, sukun and fatha; "إستثمار…" with a hamza below its alef.
    const voweled = `اِسْتِثْمَار${tag}`;
    expect((await search(voweled)).documents.map((d) => d.id)).toEqual([doc.id]);
    expect((await search(`إستثمار${tag}`)).documents.map((d) => d.id)).toEqual([doc.id]);
    const retire = await app.inject({ method: 'POST', url: `/api/documents/${doc.id}/retire`, payload: { reason: 'document de test' }, ...as(planner) });
    expect(retire.statusCode).toBe(200);
  });
});

describe('the parcel sheet links the documents of the plans covering the parcel', () => {
  it("lists the regulation of the Nador plan and the law it applies, for a parcel it covers", async () => {
    const p = await one<{ id: number }>(
      `SELECT pa.id FROM parcels pa JOIN plans p ON p.code = 'ex-pa-nador' JOIN plan_versions v ON v.plan_id = p.id AND v.state = 'published' AND v.valid_to IS NULL
       WHERE pa.valid_to IS NULL AND ST_Within(pa.geom_4326, v.geom_4326) ORDER BY pa.id LIMIT 1`);
    const res = await app.inject({ url: `/api/parcels/${p.id}/documents` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as ParcelDocuments;
    const nador = body.plans.find((x) => x.plan.code === 'ex-pa-nador');
    expect(nador?.plan.inForce).toBe(true);
    expect(nador!.documents.map((d) => d.kind)).toContain('regulation');
    expect(nador!.documents.find((d) => d.kind === 'regulation')!.url).toMatch(/^\/api\/documents\/\d+\/file$/);
    expect(body.legal.map((d) => d.number)).toContain('12-90');
    expect((await app.inject({ url: '/api/parcels/999999999/documents' })).statusCode).toBe(404);
  });
});
