// Notes in the database (migration 0005): the reference, the verification code, the record.
// The reference is sequential and printed; the verification code is 125 random bits, shown once (in the
// answer to the issue, in the URLs and the QR code) and kept only as its SHA-256. Reading a note needs
// both, and a wrong code answers like an unknown reference, so references cannot be enumerated.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { NoteContent, NoteKind, NoteLang } from './schemas.js';
import type { Selection } from '../selection/schemas.js';

/** Crockford's base32: no I, L, O, U, so a code read aloud or typed from paper is not misread. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 125 random bits as 25 Crockford base32 characters (five groups of five when printed). */
export function newVerificationCode(): string {
  const bytes = randomBytes(16);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 25; i++) out += CROCKFORD[Number((bits >> BigInt(128 - 5 * (i + 1))) & 31n)];
  return out;
}

/** What a person may type: lower case, hyphens and spaces between groups, O for 0, I and L for 1. */
export function normaliseCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The code as printed: groups of five, easier to copy by hand (and a line may break between them). */
export function groupCode(code: string): string {
  return code.match(/.{1,5}/g)?.join(' ') ?? code;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** The next reference and the issue instant, both from the database (one clock for every instance). */
export async function reserveReference(pool: pg.Pool): Promise<{ reference: string; issuedAt: string }> {
  const r = await pool.query<{ n: string; year: string; issued_at: Date }>(
    `SELECT nextval('note_number_seq')::text AS n, to_char(now() AT TIME ZONE 'Africa/Casablanca', 'YYYY') AS year, now() AS issued_at`,
  );
  const row = r.rows[0]!;
  // padStart never truncates: number 1 234 567 gives NRU-2026-1234567.
  return { reference: `NRU-${row.year}-${row.n.padStart(6, '0')}`, issuedAt: row.issued_at.toISOString() };
}

export interface NoteRow {
  reference: string;
  kind: NoteKind;
  lang: NoteLang;
  issuedAt: string;
  dataVersion: number;
  content: NoteContent;
  contentSha256: string;
}

export async function insertNote(
  pool: pg.Pool | pg.ClientBase,
  n: { code: string; selection: Selection; content: NoteContent; contentSha256: string },
): Promise<void> {
  const c = n.content;
  await pool.query(
    `INSERT INTO notes (reference, token_sha256, kind, lang, selection, at, data_version, content, content_sha256, issued_at)
     VALUES ($1, $2, $10, $3, $4, $5, $6, $7, $8, $9)`,
    [c.reference, sha256(n.code), c.lang, JSON.stringify(n.selection), c.at, c.dataVersion, JSON.stringify(c), n.contentSha256, c.issuedAt, c.kind],
  );
}

/** The note with this reference and verification code, or null (unknown reference or wrong code alike). */
export async function findNote(pool: pg.Pool, reference: string, code: string | undefined): Promise<NoteRow | null> {
  if (!code) return null;
  const r = await pool.query<NoteRow>(
    `SELECT reference, kind, lang, content->>'issuedAt' AS "issuedAt", data_version::int AS "dataVersion", content,
            content_sha256 AS "contentSha256"
     FROM notes WHERE reference = $1 AND token_sha256 = $2`,
    [reference, sha256(normaliseCode(code))],
  );
  return r.rows[0] ?? null;
}
