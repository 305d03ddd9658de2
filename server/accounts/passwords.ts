// Passwords: hashed with scrypt (RFC 7914), a memory-hard function, as node:crypto computes it (OpenSSL).
//
// Parameters: N = 2^15, r = 8, p = 3. OWASP's Password Storage Cheat Sheet gives N = 2^17, r = 8, p = 1
// (128 MiB) as the minimum and N = 2^15, r = 8, p = 3 as an equivalent that needs a quarter of the memory:
// 32 MiB per hash (128·r·N bytes, RFC 7914 §2), 3 passes. OpenSSL counts 128·r·(N + p + 2) bytes, just
// over Node's default maxmem of 32 MiB, so maxmem is set explicitly (even p = 1 would exceed it). Hashes
// run on libuv's thread pool, at most 2 at once (the others wait their turn): 64 MiB at most whatever the
// load, and 2 of the pool's 4 threads stay free for files and compression.
//
// The stored string is self-describing, in the PHC string format
// (https://github.com/P-H-C/phc-string-format): `$scrypt$v=1$ln=15,r=8,p=3$<salt>$<hash>`, salt (16 random
// bytes, per user) and hash (32 bytes) in unpadded base64. A string with other parameters still verifies,
// and `needsRehash` tells the caller to store a new hash at the next successful sign-in, so the parameters
// can be raised later without a migration.
import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

interface ScryptParams {
  ln: number; // log2(N)
  r: number;
  p: number;
}

export const CURRENT: Readonly<ScryptParams> = { ln: 15, r: 8, p: 3 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds on parameters read from a stored string, so a corrupted row cannot ask for gigabytes. */
const LIMITS: ScryptParams = { ln: 20, r: 32, p: 16 };

/** Passwords are at least 12 characters (see `passwordWeakness`) and at most 1,024. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running < MAX_CONCURRENT_HASHES) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over, not retaken
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = {
    N,
    r: params.r,
    p: params.p,
    // OpenSSL's own estimate of the memory it needs, plus 1 MiB of headroom.
    maxmem: 128 * params.r * (N + params.p + 2) + 1024 * 1024,
  };
  return limited(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scryptCb(normalise(password), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

/**
 * The same password typed on two keyboards can reach us as different code points (Arabic presentation
 * forms, full-width digits, composed or decomposed accents): NFKC makes them one (NIST SP 800-63B §3.1.1.2).
 */
export function normalise(password: string): string {
  return password.normalize('NFKC');
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

function format(params: ScryptParams, salt: Buffer, key: Buffer): string {
  return `$scrypt$v=1$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const m = /^\$scrypt\$v=1\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  if (!m) return null;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.ln < 1 || params.ln > LIMITS.ln || params.r < 1 || params.r > LIMITS.r || params.p < 1 || params.p > LIMITS.p) return null;
  const salt = Buffer.from(m[4]!, 'base64');
  const key = Buffer.from(m[5]!, 'base64');
  return salt.length >= 16 && key.length >= 16 ? { params, salt, key } : null;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return format(CURRENT, salt, await scrypt(password, salt, CURRENT));
}

/**
 * Compared to the stored hash in constant time. When there is no account for the email, call it with
 * `DUMMY_HASH`: the same work is done and the answer is always false, so the time taken does not tell
 * whether an account exists.
 */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const parsed = parse(stored) ?? parse(DUMMY_HASH)!;
  const key = await scrypt(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key) && stored !== DUMMY_HASH;
}

/** True when the stored hash was made with other parameters than today's: store a fresh one. */
export function needsRehash(stored: string): boolean {
  const p = parse(stored)?.params;
  return !p || p.ln !== CURRENT.ln || p.r !== CURRENT.r || p.p !== CURRENT.p;
}

/** Costs what a real verification costs, never matches (its key is zeros, no password derives to it). */
export const DUMMY_HASH = format(CURRENT, Buffer.alloc(SALT_BYTES), Buffer.alloc(KEY_BYTES));

export type PasswordWeakness = 'too_short' | 'too_long' | 'too_repetitive' | 'contains_identity';

/**
 * Why a new password is refused, or null. Following NIST SP 800-63B (§3.1.1.2, rev. 4) and OWASP's
 * Authentication Cheat Sheet: length is what makes a password strong, so at least 12 characters (Unicode
 * code points after NFKC) and no composition rules (they push people to `Password1!`), but refuse the
 * values an attacker tries first: a few characters repeated (`aaaaaaaaaaaa`, `121212121212`) and the
 * account's own email or name. At most 1,024 characters, to bound the request.
 */
export function passwordWeakness(password: string, identity: { email?: string; name?: string } = {}): PasswordWeakness | null {
  const chars = [...normalise(password)];
  if (chars.length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (chars.length > MAX_PASSWORD_LENGTH) return 'too_long';
  if (new Set(chars).size < 5) return 'too_repetitive';
  const lower = normalise(password).toLowerCase();
  const local = identity.email?.split('@')[0]?.toLowerCase();
  const name = identity.name?.toLowerCase().replace(/\s+/g, '');
  if ((local && local.length >= 4 && lower.includes(local)) || (name && name.length >= 4 && lower.replace(/\s+/g, '').includes(name))) {
    return 'contains_identity';
  }
  return null;
}

// No 0/O, 1/l/I: the password is read from a screen and typed.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password shown once to the admin: 4 groups of 5 from 31 symbols, about 99 bits. */
export function generatePassword(): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
    const password = groups.join('-');
    if (passwordWeakness(password) === null) return password;
  }
}
