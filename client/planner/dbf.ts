// The attribute names of a zipped Shapefile, read here from its .dbf header, so that offering them costs
// no upload (the server's answer to a file without a code field is the fallback, for GeoPackages and for
// what this does not read: several layers, names that are not plain ASCII, Zip64).
//
// Only the zip's central directory and the first bytes of the .dbf are read and inflated (the browser's
// own DecompressionStream): a zip bomb costs nothing here; the server checks archives for real.
//
// dBASE header: bytes 8–9 the header's length (little-endian); from byte 32, one 32-byte descriptor per
// field, its name in bytes 0–10 (NUL-padded); 0x0D ends the descriptors.

/** A DBF header has at most 255 fields: 32 + 255 × 32 + 1 bytes. */
const MAX_HEADER = 32 + 255 * 32 + 1;

/** Field names of a DBF header, or null when it is not one or a name is not ASCII (GDAL may recode it). */
export function dbfFieldNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < 33) return null;
  const headerLength = bytes[8]! | (bytes[9]! << 8);
  const end = Math.min(headerLength, bytes.length);
  const names: string[] = [];
  for (let at = 32; at + 32 <= end && bytes[at] !== 0x0d; at += 32) {
    let name = '';
    for (let i = 0; i < 11 && bytes[at + i] !== 0; i++) {
      const c = bytes[at + i]!;
      if (c < 0x20 || c > 0x7e) return null;
      name += String.fromCharCode(c);
    }
    if (name === '') return null;
    names.push(name);
  }
  return names.length > 0 ? names : null;
}

/** Among the .dbf files of an archive, the zoning one: the only one, or the only CNIG ZONE_URBA. */
export function zoningDbf(entries: string[]): string | null {
  const dbfs = entries.filter((e) => /\.dbf$/i.test(e) && !/(^|\/)(__MACOSX\/|\.)/.test(e));
  if (dbfs.length === 1) return dbfs[0]!;
  const urba = dbfs.filter((e) => /zone_urba/i.test(e.split('/').pop()!));
  return urba.length === 1 ? urba[0]! : null;
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The entries of a zip's central directory, or null when it is not a zip this reads (Zip64, damaged). */
export function zipEntries(zip: Uint8Array): Entry[] | null {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = v.getUint16(eocd + 10, true);
  let at = v.getUint32(eocd + 16, true);
  const entries: Entry[] = [];
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (at + 46 > zip.length || v.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = v.getUint16(at + 28, true);
    const entry = {
      method: v.getUint16(at + 10, true),
      compressedSize: v.getUint32(at + 20, true),
      localOffset: v.getUint32(at + 42, true),
      name: decoder.decode(zip.subarray(at + 46, at + 46 + nameLength)),
    };
    if (entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) return null;
    entries.push(entry);
    at += 46 + nameLength + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  return entries;
}

/** The first `max` bytes (at least) of an entry, inflated as far as needed, or null. */
export async function entryStart(zip: Uint8Array, e: Entry, max: number): Promise<Uint8Array | null> {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  if (e.localOffset + 30 > zip.length || v.getUint32(e.localOffset, true) !== 0x04034b50) return null;
  const start = e.localOffset + 30 + v.getUint16(e.localOffset + 26, true) + v.getUint16(e.localOffset + 28, true);
  const data = zip.subarray(start, Math.min(zip.length, start + e.compressedSize));
  if (e.method === 0) return data.subarray(0, max);
  if (e.method !== 8) return null;
  const reader = new Blob([data.slice()]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
  } catch {
    if (length === 0) return null;
  } finally {
    void reader.cancel().catch(() => {});
  }
  const out = new Uint8Array(length);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out.subarray(0, max);
}

/** The zoning layer's field names of a zipped Shapefile, or null (let the server read it). */
export async function shapefileFields(file: Blob): Promise<string[] | null> {
  const zip = new Uint8Array(await file.arrayBuffer());
  const entries = zipEntries(zip);
  const name = entries && zoningDbf(entries.map((e) => e.name));
  const entry = name ? entries!.find((e) => e.name === name) : undefined;
  if (!entry) return null;
  const header = await entryStart(zip, entry, MAX_HEADER);
  return header ? dbfFieldNames(header) : null;
}
