// The optional photo of a report: its type recognised by its first bytes (never by its name or the
// browser's word), then its metadata stripped before it is stored.
//
// Why strip rather than re-encode: a phone photo's EXIF holds where it was taken (GPS), when, and the
// phone's make and serial; XMP and IPTC may add names. All of them live in well-delimited containers
// (JPEG APPn/COM segments, PNG ancillary chunks, WebP EXIF/XMP chunks), so dropping those containers
// removes them without decoding the image. Re-encoding (sharp/libvips) would need a native dependency
// and would decode untrusted images on the server (decompression bombs); stripping does neither and
// keeps the picture exactly as taken. Only the pixels and what is needed to show them are kept (JFIF,
// ICC colour profile, Adobe colour transform; PNG palette, transparency, gamma, colour space). The cost:
// the EXIF orientation goes too, so a photo taken sideways may show sideways.
import { AppError } from '../errors.js';

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

export function sniffPhoto(b: Buffer): PhotoType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const damaged = (reason: string) => new AppError('report_photo_damaged', { reason });

/** The photo with its metadata removed, or 400 when it is not a JPEG, PNG or WebP image we can read. */
export function stripPhoto(b: Buffer, fileName: string): { type: PhotoType; bytes: Buffer } {
  const type = sniffPhoto(b);
  if (!type) throw new AppError('report_photo_type', { file: fileName.slice(0, 80) || 'photo' });
  const bytes = type === 'image/jpeg' ? stripJpeg(b) : type === 'image/png' ? stripPng(b) : stripWebp(b);
  return { type, bytes };
}

/** JPEG segments kept: APP0 (JFIF), APP2 only if an ICC profile, APP14 (Adobe); every other APPn and COM go. */
function keepJpegSegment(marker: number, data: Buffer): boolean {
  if (marker === 0xfe) return false; // COM
  if (marker < 0xe0 || marker > 0xef) return true; // not an application segment: tables, frame, scan…
  if (marker === 0xe0 || marker === 0xee) return true;
  if (marker === 0xe2) return data.toString('latin1', 0, 12) === 'ICC_PROFILE\0';
  return false; // APP1 (Exif, XMP), APP13 (IPTC), MPF in APP2, vendors' APPn
}

function stripJpeg(b: Buffer): Buffer {
  const out: Buffer[] = [b.subarray(0, 2)];
  let i = 2;
  for (;;) {
    if (i >= b.length) throw damaged('the image ends before its end marker');
    if (b[i] !== 0xff) throw damaged('a segment does not start with a marker');
    while (b[i] === 0xff) i++; // fill bytes
    const marker = b[i++]!;
    if (marker === 0xd9) {
      out.push(Buffer.from([0xff, 0xd9]));
      return Buffer.concat(out); // anything after the end (MPF's second image, appended data) is dropped
    }
    if (marker >= 0xd0 && marker <= 0xd7) throw damaged('a restart marker outside a scan');
    if (i + 2 > b.length) throw damaged('a segment is cut');
    const len = b.readUInt16BE(i);
    if (len < 2 || i + len > b.length) throw damaged('a segment is longer than the file');
    const data = b.subarray(i + 2, i + len);
    if (keepJpegSegment(marker, data)) out.push(b.subarray(i - 2, i + len));
    i += len;
    if (marker === 0xda) {
      // Entropy-coded data: runs until a marker other than a stuffed 0xFF00 or a restart marker.
      const start = i;
      while (i + 1 < b.length && !(b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1]! >= 0xd0 && b[i + 1]! <= 0xd7))) i++;
      if (i + 1 >= b.length) throw damaged('the image ends inside its data');
      out.push(b.subarray(start, i));
    }
  }
}

/** PNG chunks kept: the critical ones and those that say how to show the pixels (and APNG's frames). */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs', 'bKGD', 'acTL', 'fcTL', 'fdAT']);

function stripPng(b: Buffer): Buffer {
  const out: Buffer[] = [b.subarray(0, 8)];
  let i = 8;
  for (;;) {
    if (i + 12 > b.length) throw damaged('the image ends before its IEND chunk');
    const len = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    const end = i + 12 + len;
    if (end > b.length) throw damaged(`the ${type.replace(/[^A-Za-z]/g, '?')} chunk is longer than the file`);
    if (PNG_KEEP.has(type)) out.push(b.subarray(i, end)); // tEXt, zTXt, iTXt, eXIf, tIME… go
    i = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
}

function stripWebp(b: Buffer): Buffer {
  const chunks: Buffer[] = [];
  const riffEnd = Math.min(b.length, 8 + b.readUInt32LE(4));
  let i = 12;
  while (i + 8 <= riffEnd) {
    const fourcc = b.toString('latin1', i, i + 4);
    const len = b.readUInt32LE(i + 4);
    const end = i + 8 + len + (len & 1);
    if (i + 8 + len > riffEnd) throw damaged(`the ${fourcc.replace(/[^A-Za-z0-9 ]/g, '?')} chunk is longer than the file`);
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') {
      const chunk = Buffer.from(b.subarray(i, Math.min(end, riffEnd)));
      // VP8X announces EXIF (bit 3) and XMP (bit 2): no longer there.
      if (fourcc === 'VP8X' && len >= 1) chunk[8] = chunk[8]! & ~0x0c;
      chunks.push(chunk);
    }
    i = end;
  }
  if (chunks.length === 0) throw damaged('the image holds no picture');
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}
