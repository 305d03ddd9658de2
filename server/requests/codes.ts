// The tracking code of a request and the sealing of the official note's verification code with it.
// The code has the notes' form (125 random bits, Crockford base32, server/notes/store.ts) and only its
// SHA-256 is stored. The note's code is sealed (AES-256-GCM) with a key derived from the tracking code
// (HKDF-SHA256, RFC 5869), so only the holder of the tracking code can open it from the status page.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { newVerificationCode, normaliseCode } from '../notes/store.js';

export const newTrackingCode = newVerificationCode;

export const codeHash = (code: string) => createHash('sha256').update(normaliseCode(code), 'utf8').digest();

function keyOf(trackingCode: string, fileNumber: string): Buffer {
  return Buffer.from(hkdfSync('sha256', normaliseCode(trackingCode), fileNumber, 'tasmim official note code', 32));
}

/** iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext. */
export function seal(secret: string, trackingCode: string, fileNumber: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(trackingCode, fileNumber), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function open(sealed: Buffer, trackingCode: string, fileNumber: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(trackingCode, fileNumber), sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
