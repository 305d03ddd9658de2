// What an uploaded file must be, and its text. A PDF is recognised by its magic bytes ("%PDF-" at the very
// start: ISO 32000-1 §7.5.2; readers tolerate up to 1024 bytes of junk before it, we do not), never by its
// name or the browser's Content-Type. Its text is extracted with Poppler's pdftotext (Debian
// poppler-utils): the extractor of the Linux desktop, which puts Arabic runs in logical order and maps
// glyphs through the ToUnicode tables; no npm library of comparable upkeep reads Arabic PDFs as well
// (pdf.js, under pdf-parse, returns right-to-left runs in visual order).
//
// pdftotext runs with an argument array (no shell), a time limit (SIGKILL) and a cap on its output.
import { spawn } from 'node:child_process';
import { commandExists, ensureDebianPackages } from '../system/apt.js';

export const PDF_PACKAGES = ['poppler-utils'];

let ready: Promise<void> | null = null;

/** pdftotext, installed from Debian when missing (as root), else an error naming the command to run. */
export function ensurePdfTools(): Promise<void> {
  ready ??= (async () => {
    if (await commandExists('pdftotext')) return;
    await ensureDebianPackages(PDF_PACKAGES, { why: 'reading the text of the PDF documents of the library' });
  })().catch((err: unknown) => {
    ready = null;
    throw err;
  });
  return ready;
}

export function isPdf(head: Buffer): boolean {
  return head.subarray(0, 5).toString('latin1') === '%PDF-';
}

export class PdfUnreadable extends Error {}

/**
 * The text of a PDF file and its page count (pdftotext ends each page with a form feed). A PDF without a
 * text layer (a scan) gives an empty text: the document is still listed by its title.
 */
export async function extractText(file: string, opts: { timeoutMs?: number; maxChars?: number } = {}): Promise<{ text: string; pages: number }> {
  await ensurePdfTools();
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxBytes = (opts.maxChars ?? 400_000) * 4;
  return new Promise((resolve, reject) => {
    const child = spawn('pdftotext', ['-enc', 'UTF-8', '-q', file, '-'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => {
      // Beyond the cap only the page count still needs reading: keep the form feeds.
      if (size < maxBytes) chunks.push(b);
      else chunks.push(Buffer.from('\f'.repeat(b.toString('latin1').split('\f').length - 1)));
      size += b.length;
    });
    child.stderr.on('data', (b: Buffer) => {
      if (stderr.length < 2000) stderr += b.toString('utf8');
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) return reject(new PdfUnreadable(`the text extraction took longer than ${Math.round(timeoutMs / 1000)} s`));
      if (code !== 0) return reject(new PdfUnreadable(stderr.trim().split('\n')[0] || `pdftotext exit code ${code}`));
      const raw = Buffer.concat(chunks).toString('utf8');
      const pages = raw.split('\f').length - 1;
      // pdftotext wraps right-to-left runs in embedding marks (U+202B … U+202C): not text, and they would
      // glue themselves to words in the index.
      const text = raw.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\f/g, '\n').replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
      resolve({ text, pages });
    });
  });
}
