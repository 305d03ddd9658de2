// Reports for tests: multipart bodies built by hand (app.inject sends bytes), images whose metadata
// containers are known, and a place in the seeded sample.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { one } from '../helpers/db.js';
import { newAddress } from '../accounts/helpers.js';

export interface Photo {
  name: string;
  type: string;
  bytes: Buffer;
}

/** A multipart/form-data body and its content type. */
export function form(fields: Record<string, string>, photo?: Photo): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tasmim${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  }
  if (photo) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="photo"; filename="${photo.name}"\r\ncontent-type: ${photo.type}\r\n\r\n`, 'utf8'));
    parts.push(photo.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** POST /api/reports from a fresh client address (each its own rate-limit budget) unless one is given. */
export function postReport(app: FastifyInstance, fields: Record<string, string>, photo?: Photo, remoteAddress = newAddress()) {
  const { payload, headers } = form(fields, photo);
  return app.inject({ method: 'POST', url: '/api/reports', remoteAddress, payload, headers: { ...headers, 'accept-language': 'en' } });
}

/** A current parcel of the sample, with a point inside it. */
export function aParcel(offset = 0) {
  return one<{ id: string; reference: string; lon: number; lat: number }>(
    `SELECT id::text, reference, ST_X(ST_PointOnSurface(geom_4326)) AS lon, ST_Y(ST_PointOnSurface(geom_4326)) AS lat
       FROM parcels WHERE valid_to IS NULL ORDER BY id OFFSET $1 LIMIT 1`,
    [offset],
  );
}

export const unique = (what: string) => `${what} ${randomBytes(6).toString('hex')}`;

const seg = (marker: number, data: Buffer) => {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
};

/** The entropy-coded data of our test JPEG: a stuffed 0xFF00 and a restart marker inside. */
export const JPEG_SCAN = Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0x9a]);

/** A JPEG laid out as a camera writes it: JFIF, EXIF with GPS, XMP, ICC, a comment, tables, one scan. */
export function jpegWithMetadata(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.from('Exif\0\0MM\0*GPSLatitude 35.1712N GPSLongitude 2.9301W SerialNumber 4711', 'latin1')),
    seg(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Creator Ahmed</x:xmpmeta>', 'latin1')),
    seg(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01profile-bytes', 'latin1')),
    seg(0xed, Buffer.from('Photoshop 3.0\0IPTC By-line Ahmed', 'latin1')),
    seg(0xfe, Buffer.from('taken by Ahmed at home', 'latin1')),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    seg(0xc4, Buffer.alloc(20, 2)),
    seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    JPEG_SCAN,
    Buffer.from([0xff, 0xd9]),
    Buffer.from('appended second image: Exif GPSLatitude', 'latin1'),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]); // CRC not checked by the stripper
}

export function pngWithMetadata(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
    pngChunk('tEXt', Buffer.from('Author\0Ahmed', 'latin1')),
    pngChunk('eXIf', Buffer.from('MM\0*GPSLatitude 35.17', 'latin1')),
    pngChunk('IDAT', Buffer.from('pixels', 'latin1')),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function riffChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, Buffer.alloc(data.length & 1)]);
}

export function webpWithMetadata(): Buffer {
  const body = Buffer.concat([
    riffChunk('VP8X', Buffer.from([0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
    riffChunk('VP8 ', Buffer.from('pixels!', 'latin1')),
    riffChunk('EXIF', Buffer.from('MM\0*GPSLatitude 35.17', 'latin1')),
    riffChunk('XMP ', Buffer.from('<x:xmpmeta>Creator Ahmed</x:xmpmeta>', 'latin1')),
  ]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}
