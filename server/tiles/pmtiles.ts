// A PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md), so the published
// layers can be served as single files from object storage or a CDN. Written here because the `pmtiles`
// npm package only reads archives (it has the MapLibre protocol the viewer uses, and its reader checks what
// this writes in tests); the format is short: a 127-byte header, a root directory within the first 16 KiB,
// JSON metadata, optional leaf directories, then the tile data, all offsets in bytes.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Compression, TileType, zxyToTileId } from 'pmtiles';

export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  /** The tile as it will be stored: here gzip-compressed MVT (tileCompression = gzip). */
  data: Buffer;
}

export interface ArchiveInfo {
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  center: [number, number, number];
  metadata: Record<string, unknown>;
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

const HEADER_BYTES = 127;
const ROOT_MAX_BYTES = 16384 - HEADER_BYTES;

function varint(n: number, out: number[]): void {
  // Tile ids reach 2^53 at z26: no bitwise operators (32-bit) on them.
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/** A directory as the spec lays it out (counts, id deltas, run lengths, lengths, offsets), gzipped. */
export function serializeDirectory(entries: Entry[]): Buffer {
  const out: number[] = [];
  varint(entries.length, out);
  let last = 0;
  for (const e of entries) {
    varint(e.tileId - last, out);
    last = e.tileId;
  }
  for (const e of entries) varint(e.runLength, out);
  for (const e of entries) varint(e.length, out);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    // 0 = "right after the previous entry's bytes", else offset + 1.
    varint(i > 0 && prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1, out);
  });
  return gzipSync(Buffer.from(out));
}

/** Root and leaf directories: leaves of growing size until the root fits in the first 16 KiB. */
function buildDirectories(entries: Entry[]): { root: Buffer; leaves: Buffer } {
  const root = serializeDirectory(entries);
  if (root.length <= ROOT_MAX_BYTES) return { root, leaves: Buffer.alloc(0) };
  for (let leafSize = 4096; ; leafSize *= 2) {
    const rootEntries: Entry[] = [];
    const leafParts: Buffer[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const leaf = serializeDirectory(entries.slice(i, i + leafSize));
      rootEntries.push({ tileId: entries[i]!.tileId, offset, length: leaf.length, runLength: 0 });
      leafParts.push(leaf);
      offset += leaf.length;
    }
    const r = serializeDirectory(rootEntries);
    if (r.length <= ROOT_MAX_BYTES) return { root: r, leaves: Buffer.concat(leafParts) };
  }
}

/** The archive's bytes. Tiles are clustered (ordered by tile id) and identical contents stored once. */
export function writePmtiles(tiles: ArchiveTile[], info: ArchiveInfo): Buffer {
  const sorted = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.id - b.id);
  const entries: Entry[] = [];
  const parts: Buffer[] = [];
  const seen = new Map<string, { offset: number; length: number }>();
  let dataLength = 0;
  for (const t of sorted) {
    const hash = createHash('sha1').update(t.data).digest('hex');
    let at = seen.get(hash);
    const last = entries[entries.length - 1];
    if (at && last && last.offset === at.offset && last.tileId + last.runLength === t.id) {
      last.runLength++; // the same bytes as the tile just before: one entry with a longer run
      continue;
    }
    if (!at) {
      at = { offset: dataLength, length: t.data.length };
      seen.set(hash, at);
      parts.push(t.data);
      dataLength += t.data.length;
    }
    entries.push({ tileId: t.id, offset: at.offset, length: at.length, runLength: 1 });
  }
  const { root, leaves } = buildDirectories(entries);
  const metadata = gzipSync(Buffer.from(JSON.stringify(info.metadata)));

  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const u64 = (v: number, at: number) => header.writeBigUInt64LE(BigInt(v), at);
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + metadata.length;
  const dataOffset = leavesOffset + leaves.length;
  u64(rootOffset, 8);
  u64(root.length, 16);
  u64(metadataOffset, 24);
  u64(metadata.length, 32);
  u64(leavesOffset, 40);
  u64(leaves.length, 48);
  u64(dataOffset, 56);
  u64(dataLength, 64);
  u64(sorted.length, 72); // addressed tiles
  u64(entries.length, 80); // tile entries
  u64(seen.size, 88); // distinct contents
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(Compression.Gzip, 97); // directories and metadata
  header.writeUInt8(Compression.Gzip, 98); // tiles
  header.writeUInt8(TileType.Mvt, 99);
  header.writeUInt8(info.minZoom, 100);
  header.writeUInt8(info.maxZoom, 101);
  const e7 = (deg: number) => Math.round(deg * 1e7);
  header.writeInt32LE(e7(info.bounds[0]), 102);
  header.writeInt32LE(e7(info.bounds[1]), 106);
  header.writeInt32LE(e7(info.bounds[2]), 110);
  header.writeInt32LE(e7(info.bounds[3]), 114);
  header.writeUInt8(info.center[2], 118);
  header.writeInt32LE(e7(info.center[0]), 119);
  header.writeInt32LE(e7(info.center[1]), 123);
  return Buffer.concat([header, root, metadata, leaves, ...parts]);
}
