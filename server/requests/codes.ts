// The tracking code of a request, and the sealing of the official note's verification code for the
// applicant. The code has the notes' form (125 random bits, Crockford base32, server/notes/store.ts) and
// only its SHA-256 is stored. Each request gets an RSA key pair at submission; its private key is kept
// encrypted with the tracking code (PKCS#8, AES-256-CBC, key from the passphrase by PBKDF2). When the note
// is issued, its code is sealed with the public key (RSA-OAEP, SHA-256); only the tracking code opens it.
import { createHash, generateKeyPair, privateDecrypt, publicEncrypt, constants } from 'node:crypto';
import { promisify } from 'node:util';
import { newVerificationCode, normaliseCode } from '../notes/store.js';

export const newTrackingCode = newVerificationCode;

export const codeHash = (code: string) => createHash('sha256').update(normaliseCode(code), 'utf8').digest();

const keyPair = promisify(generateKeyPair);

export interface Box { publicKey: string; privateKey: string }

export async function newBox(trackingCode: string): Promise<Box> {
  const { publicKey, privateKey } = await keyPair('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: normaliseCode(trackingCode) },
  });
  return { publicKey, privateKey };
}

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' };

export function seal(secret: string, publicKey: string): Buffer {
  return publicEncrypt({ key: publicKey, ...OAEP }, Buffer.from(secret, 'utf8'));
}

/** The sealed secret, or null when the code is not the one the box was made with. */
export function open(sealed: Buffer, privateKey: string, trackingCode: string): string | null {
  try {
    return privateDecrypt({ key: privateKey, passphrase: normaliseCode(trackingCode), ...OAEP }, sealed).toString('utf8');
  } catch {
    return null;
  }
}
