// Reading a PDF back the way a person's tools do: poppler's pdftotext (copy-paste), pdffonts (embedded
// fonts) and pdftoppm (what is printed). poppler-utils is installed when missing (server/system/apt.ts).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureDebianPackages } from '../../server/system/apt.js';

const run = promisify(execFile);

export async function ensurePoppler(): Promise<void> {
  await ensureDebianPackages(['poppler-utils'], { why: 'reading the notes PDF back in tests' });
}

async function withFile<T>(pdf: Buffer, fn: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tasmim-note-'));
  try {
    await writeFile(join(dir, 'note.pdf'), pdf);
    return await fn(join(dir, 'note.pdf'), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `pdftotext -layout`, without the bidi embedding marks poppler wraps right-to-left runs in. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return withFile(pdf, async (file) => (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 1 << 24 })).stdout.replace(/[\u202a-\u202e]/g, ''));
}

/** Rows of `pdffonts`: name, type, embedded. */
export async function pdfFonts(pdf: Buffer): Promise<{ name: string; type: string; embedded: boolean }[]> {
  const out = await withFile(pdf, async (file) => (await run('pdffonts', [file])).stdout);
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name, type (one or two words), encoding, emb, sub, uni, object, ID
      const emb = cols[cols.length - 5];
      return { name: cols[0]!, type: cols.slice(1, cols.length - 6).join(' '), embedded: emb === 'yes' };
    });
}

/** Page 1 rendered by pdftoppm, as a PNG (to look at) and as grey levels (to measure). */
export async function renderPage1(pdf: Buffer, dpi = 50): Promise<{ png: Buffer; width: number; height: number; grey: Uint8Array }> {
  return withFile(pdf, async (file, dir) => {
    await run('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'p')]);
    await run('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'g')]);
    return { png: await readFile(join(dir, 'p.png')), ...parsePgm(await readFile(join(dir, 'g.pgm'))) };
  });
}

/** Binary PGM (P5): "P5 <width> <height> <maxval>" then one byte a pixel (maxval < 256). */
export function parsePgm(buf: Buffer): { width: number; height: number; grey: Uint8Array } {
  const header: string[] = [];
  let i = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[i]!))) i++;
    if (buf[i] === 0x23) { // a comment line
      while (buf[i] !== 0x0a) i++;
      continue;
    }
    let tok = '';
    while (!/\s/.test(String.fromCharCode(buf[i]!))) tok += String.fromCharCode(buf[i++]!);
    header.push(tok);
  }
  if (header[0] !== 'P5' || Number(header[3]) > 255) throw new Error(`not an 8-bit binary PGM: ${header.join(' ')}`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, grey: new Uint8Array(buf.subarray(i + 1, i + 1 + width * height)) };
}

/** Collapses the layout's runs of spaces and line breaks, so statements wrapped on lines read whole. */
export const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The Arabic words of a text (letters only: U+0620–U+064A, U+066E–U+06D3), in order: reading order,
 * whatever poppler does with the spaces and punctuation next to numbers and Latin.
 */
export const arabicWords = (s: string) => s.match(/[\u0620-\u064A\u066E-\u06D3]+/g) ?? [];
