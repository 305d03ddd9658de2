// The photo of a report: recognised by its bytes, its metadata containers dropped, its pixels kept.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { sniffPhoto, stripPhoto } from '../../server/reports/photo.js';
import { JPEG_SCAN, jpegWithMetadata, pngWithMetadata, webpWithMetadata } from './helpers.js';

const has = (b: Buffer, s: string) => b.includes(Buffer.from(s, 'latin1'));

function refused(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('photo metadata', () => {
  it('recognises JPEG, PNG and WebP by their first bytes, and nothing else', () => {
    expect(sniffPhoto(jpegWithMetadata())).toBe('image/jpeg');
    expect(sniffPhoto(pngWithMetadata())).toBe('image/png');
    expect(sniffPhoto(webpWithMetadata())).toBe('image/webp');
    expect(sniffPhoto(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(sniffPhoto(Buffer.from('GIF89a'))).toBeNull();
    expect(refused(() => stripPhoto(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'photo.jpg')).code).toBe('report_photo_type');
  });

  it('drops EXIF, XMP, IPTC, comments and appended images from a JPEG; keeps JFIF, ICC, tables and the scan', () => {
    const { type, bytes } = stripPhoto(jpegWithMetadata(), 'p.jpg');
    expect(type).toBe('image/jpeg');
    for (const gone of ['Exif', 'GPSLatitude', 'SerialNumber', 'xmpmeta', 'Photoshop', 'Ahmed', 'appended']) expect(has(bytes, gone), gone).toBe(false);
    expect(has(bytes, 'JFIF')).toBe(true);
    expect(has(bytes, 'ICC_PROFILE')).toBe(true);
    expect(bytes.includes(JPEG_SCAN)).toBe(true);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it('drops text and eXIf chunks from a PNG', () => {
    const { bytes } = stripPhoto(pngWithMetadata(), 'p.png');
    for (const gone of ['tEXt', 'eXIf', 'Ahmed', 'GPSLatitude']) expect(has(bytes, gone), gone).toBe(false);
    for (const kept of ['IHDR', 'IDAT', 'pixels', 'IEND']) expect(has(bytes, kept), kept).toBe(true);
  });

  it('drops EXIF and XMP chunks from a WebP and clears their flags', () => {
    const { bytes } = stripPhoto(webpWithMetadata(), 'p.webp');
    for (const gone of ['EXIF', 'XMP ', 'Ahmed', 'GPSLatitude']) expect(has(bytes, gone), gone).toBe(false);
    expect(has(bytes, 'pixels!')).toBe(true);
    expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
    expect(bytes[20]! & 0x0c).toBe(0); // VP8X flags, after RIFF head (12) and chunk head (8)
  });

  it('refuses a cut image with a clear reason', () => {
    const cut = jpegWithMetadata().subarray(0, 30);
    const err = refused(() => stripPhoto(cut, 'p.jpg'));
    expect(err.code).toBe('report_photo_damaged');
    expect(err.messageIn('en')).toMatch(/could not be read: a segment is longer than the file/);
    expect(refused(() => stripPhoto(pngWithMetadata().subarray(0, 40), 'p.png')).code).toBe('report_photo_damaged');
  });
});
