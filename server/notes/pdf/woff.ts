// WOFF 1.0 → plain TrueType (sfnt), once per process. fontkit reads a WOFF file by inflating a table each
// time it reads from it (its WOFFFont._getTableStream), so every glyph drawn or measured inflated the
// whole `glyf` table again: seconds per note. A decompressed copy makes a note a few hundred ms.
// Format: W3C WOFF File Format 1.0, §3–5 (header, table directory, zlib-compressed tables).
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const cache = new Map<string, Buffer>();

export function sfntOf(file: string): Buffer {
  let out = cache.get(file);
  if (!out) {
    out = woffToSfnt(readFileSync(file));
    cache.set(file, out);
  }
  return out;
}

export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 file'); // 'wOFF'
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + 20 * i;
    const [tag, offset, compLength, origLength, checksum] = [0, 4, 8, 12, 16].map((k) => woff.readUInt32BE(at + k)) as [number, number, number, number, number];
    const raw = woff.subarray(offset, offset + compLength);
    return { tag, checksum, data: compLength < origLength ? inflateSync(raw) : raw };
  });
  // sfnt offset table, with the binary-search fields the OpenType specification defines
  const pow2 = 2 ** Math.floor(Math.log2(numTables));
  const head = Buffer.alloc(12 + 16 * numTables);
  head.writeUInt32BE(flavor, 0);
  head.writeUInt16BE(numTables, 4);
  head.writeUInt16BE(pow2 * 16, 6);
  head.writeUInt16BE(Math.log2(pow2), 8);
  head.writeUInt16BE(numTables * 16 - pow2 * 16, 10);
  const bodies: Buffer[] = [];
  let offset = head.length;
  tables.forEach((t, i) => {
    head.writeUInt32BE(t.tag, 12 + 16 * i);
    head.writeUInt32BE(t.checksum, 16 + 16 * i);
    head.writeUInt32BE(offset, 20 + 16 * i);
    head.writeUInt32BE(t.data.length, 24 + 16 * i);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([head, ...bodies]);
}
