// The indicative urban planning information note: free and instant (DOMAIN.md). Issue it, get its PDF,
// verify it, print it as a page. Every note is recorded (migration 0005) with exactly what it stated.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.js';
import { selectionSheet } from '../selection/routes.js';
import { today } from '../shared/dates.js';
import { ErrorBody, Lang } from '../shared/schemas.js';
import { contentSha256 } from './canonical.js';
import { changeMessage, compareWithToday, landGone } from './compare.js';
import { buildContent } from './content.js';
import { localDate } from './format.js';
import { renderNoteHtml } from './html/page.js';
import { renderNotePdf } from './pdf/index.js';
import { NoteIssued, NoteParams, NoteQuery, NoteRequest, NoteVerification, type NoteChange } from './schemas.js';
import { findNote, insertNote, newVerificationCode, normaliseCode, reserveReference, type NoteRow } from './store.js';

const Query = Type.Object({ ...NoteQuery.properties, lang: Type.Optional(Lang) });
const Pdf = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' });
const Html = Type.Unsafe<string>({ type: 'string', description: 'text/html; charset=utf-8' });

/** Absolute URLs from the request's own origin (behind a proxy, Fastify's trustProxy decides what that is). */
export function urlsFor(req: FastifyRequest, reference: string, code: string) {
  const origin = `${req.protocol}://${req.host}`;
  const k = `?k=${encodeURIComponent(code)}`;
  return { pdf: `${origin}/api/notes/${reference}.pdf${k}`, verify: `${origin}/api/notes/${reference}${k}`, page: `${origin}/notes/${reference}${k}` };
}

export const noteRoutes: FastifyPluginAsyncTypebox<{ perMinute: number }> = async (app, opts) => {
  async function load(reference: string, code: string | undefined): Promise<NoteRow> {
    const note = await findNote(app.db, reference, code);
    if (!note) throw new AppError('note_not_found', { reference });
    return note;
  }

  /** What applies today to the land the note stated, compared with what it stated. */
  async function current(note: NoteRow): Promise<NoteVerification['current']> {
    const at = today();
    let changes: NoteChange[];
    try {
      changes = compareWithToday(note.content, await selectionSheet(app, note.content.selection, at));
    } catch (err) {
      // The land itself is gone (a parcel divided or merged since): that is a change, not an error.
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      changes = landGone(err.messageIn('en'));
    }
    return {
      at,
      dataVersion: await app.dataVersion.current(),
      changedSince: changes.length > 0,
      changes,
      message: changeMessage(changes, localDate(note.issuedAt)),
    };
  }

  app.post(
    '/api/notes',
    {
      schema: {
        tags: ['notes'],
        summary: 'Issue an indicative urban planning information note for a selection (free, instant)',
        body: NoteRequest,
        response: { 201: NoteIssued, 400: ErrorBody },
      },
      // Every note is a write, a reference number and a PDF: a tighter limit per client address than
      // the reads' (NOTES_PER_MINUTE); a 429 says when to come back (server/security.ts).
      config: { rateLimit: { max: opts.perMinute, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const lang = req.body.lang ?? 'bilingual';
      // The sheet first: a bad selection is refused (400) before a reference number is taken.
      const sheet = await selectionSheet(app, req.body.selection, req.body.at);
      const { reference, issuedAt } = await reserveReference(app.db);
      const code = newVerificationCode();
      const content = await buildContent(app.db, req.body.selection, sheet, { reference, issuedAt, lang });
      const hash = contentSha256(content);
      await insertNote(app.db, { code, selection: req.body.selection, content, contentSha256: hash });
      return reply.status(201).send({ reference, issuedAt, dataVersion: content.dataVersion, verificationCode: code, urls: urlsFor(req, reference, code) });
    },
  );

  app.get(
    '/api/notes/:reference.pdf',
    {
      schema: {
        tags: ['notes'],
        summary: 'The note as a PDF (A4), as it was issued',
        params: NoteParams,
        querystring: Query,
        response: { 200: Pdf, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const note = await load(req.params.reference, req.query.k);
      const code = normaliseCode(req.query.k!);
      const pdf = await renderNotePdf(note.content, { code, verifyUrl: urlsFor(req, note.reference, code).page });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${note.reference}.pdf"`)
        .header('cache-control', 'private, max-age=3600')
        .send(pdf);
    },
  );

  app.get(
    '/api/notes/:reference',
    {
      schema: {
        tags: ['notes'],
        summary: 'Verify a note: what it stated, its hash, and whether the rules have changed since',
        params: NoteParams,
        querystring: Query,
        response: { 200: NoteVerification, 404: ErrorBody },
      },
    },
    async (req) => {
      const note = await load(req.params.reference, req.query.k);
      return {
        reference: note.reference,
        kind: note.kind,
        lang: note.lang,
        issuedAt: note.issuedAt,
        dataVersion: note.dataVersion,
        contentSha256: note.contentSha256,
        content: note.content,
        current: await current(note),
      };
    },
  );

  app.get(
    '/notes/:reference',
    {
      schema: {
        tags: ['notes'],
        summary: 'The note as a printable HTML page (self-contained: inline styles, fonts and map)',
        params: NoteParams,
        querystring: Query,
        response: { 200: Html, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const note = await load(req.params.reference, req.query.k);
      const code = normaliseCode(req.query.k!);
      const urls = urlsFor(req, note.reference, code);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, max-age=3600')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:")
        .header('referrer-policy', 'no-referrer') // the URL holds the verification code
        .send(renderNoteHtml(note.content, { code, verifyUrl: urls.page, pdfUrl: urls.pdf }, await current(note)));
    },
  );
};
