// What an applicant may attach: PDF, PNG or JPEG, recognised by their first bytes (the file name and the
// declared type are the sender's word, not a fact), and no larger than MAX_ATTACHMENT_BYTES.
import { createHash } from 'node:crypto';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_UPLOAD = 4;

export type MediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

// Signatures: PDF 1.7 (ISO 32000-1 §7.5.2) "%PDF-"; PNG (RFC 2083 §3.1) 89 50 4E 47 0D 0A 1A 0A;
// JPEG/JFIF: SOI marker FF D8 followed by a marker FF.
const SIGNATURES: [MediaType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

/** The media type the content really has, or null when it is none of those accepted. */
export function sniff(content: Buffer): MediaType | null {
  for (const [type, sig] of SIGNATURES) if (content.length >= sig.length && sig.every((b, i) => content[i] === b)) return type;
  return null;
}

export interface Attachment {
  kind: 'property_certificate' | 'plan' | 'document';
  filename: string;
  mediaType: MediaType;
  content: Buffer;
  sha256: string;
}

/** A file name safe to store and to send back in content-disposition: no path, no quotes, no controls. */
export function safeName(raw: string | undefined, mediaType: MediaType): string {
  const ext = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' }[mediaType];
  const base = (raw ?? '').split(/[\\/]/).pop()!.replace(/[^\p{L}\p{N}._ -]/gu, '_').trim().slice(0, 120);
  return base || `document.${ext}`;
}

export const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
