// What was sent, and where GDAL should open it: a GeoJSON file, a GeoPackage, a Shapefile (zipped with its
// sidecar files, or — from the CLI — a .shp beside them), or any of these inside a zip. The format is told
// by the first bytes, never by the name alone, so GDAL only ever opens a file with the driver we expect.
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors.js';
import { type Deadline, formatBytes, type ImportLimits } from '../limits.js';
import { extractEntries, listZip, type ZipEntry } from './archive.js';
import { ZONE_URBA_NAME } from './cnig.js';

export type SourceFormat = 'geojson' | 'shapefile' | 'geopackage';

export interface Dataset {
  format: SourceFormat;
  /** What GDAL opens. */
  path: string;
  /** Shapefile sidecars, when present. */
  prj: string | null;
  cpg: string | null;
  /** The name of the dataset inside an archive (for the report), or the file name. */
  name: string;
}

async function head(file: string, n = 64): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

type Magic = 'zip' | 'geopackage' | 'geojson' | 'shp' | null;

function magic(b: Buffer): Magic {
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6)) return 'zip';
  if (b.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') return 'geopackage';
  if (b.length >= 4 && b.readUInt32BE(0) === 9994) return 'shp'; // the Shapefile file code
  const text = b.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{')) return 'geojson';
  return null;
}

const SHP_PARTS = ['.shp', '.shx', '.dbf', '.prj', '.cpg'];
const EXT: Record<string, SourceFormat> = { '.shp': 'shapefile', '.gpkg': 'geopackage', '.geojson': 'geojson', '.json': 'geojson' };

/** A name GDAL will use as the layer name: the entry's base name, without anything a path could use. */
const safeBase = (name: string) => path.basename(name).replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 80) || 'layer';

/**
 * Prepares the file sent (`file`, named `displayName` by its sender) for GDAL, extracting what is needed
 * from a zip into `workDir`. `layer` chooses among several datasets of an archive; `preferZoneUrba` picks a
 * CNIG ZONE_URBA layer when there are several.
 */
export async function prepareDataset(
  file: string,
  displayName: string,
  workDir: string,
  limits: ImportLimits,
  deadline: Deadline,
  choice: { layer?: string; preferZoneUrba?: boolean } = {},
): Promise<Dataset> {
  const size = (await stat(file)).size;
  if (size > limits.uploadBytes) throw new AppError('import_too_large', { what: 'the file', limit: formatBytes(limits.uploadBytes) });
  if (size === 0) throw new AppError('import_unreadable', { file: displayName, reason: 'it is empty' });
  const kind = magic(await head(file));
  if (kind === 'geopackage') return { format: 'geopackage', path: file, prj: null, cpg: null, name: displayName };
  if (kind === 'geojson') return { format: 'geojson', path: file, prj: null, cpg: null, name: displayName };
  if (kind === 'shp') return shapefileBeside(file, displayName);
  if (kind !== 'zip') throw new AppError('import_unsupported_format', { file: displayName });

  const entries = (await listZip(file, displayName, limits, deadline)).filter(
    (e) => !e.name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX'),
  );
  // Datasets of the archive: Shapefiles by base name (with their sidecars), GeoPackages, GeoJSON files.
  const groups = new Map<string, { format: SourceFormat; main: ZipEntry; parts: Map<string, ZipEntry> }>();
  for (const e of entries) {
    const ext = path.extname(e.name).toLowerCase();
    const key = e.name.slice(0, e.name.length - ext.length).toLowerCase();
    if (SHP_PARTS.includes(ext)) {
      const g = groups.get(key) ?? { format: 'shapefile' as const, main: e, parts: new Map<string, ZipEntry>() };
      g.parts.set(ext, e);
      if (ext === '.shp') g.main = e;
      groups.set(key, g);
    } else if (EXT[ext]) {
      groups.set(e.name.toLowerCase(), { format: EXT[ext]!, main: e, parts: new Map([[ext, e]]) });
    }
  }
  const datasets = [...groups.values()].filter((g) => g.format !== 'shapefile' || g.parts.has('.shp'));
  if (datasets.length === 0) throw new AppError('import_unsupported_format', { file: displayName });
  let chosen = datasets[0]!;
  if (datasets.length > 1) {
    const byName = (g: (typeof datasets)[number]) => path.basename(g.main.name).replace(/\.[^.]*$/, '');
    const wanted = choice.layer?.toLowerCase();
    const match = wanted !== undefined
      ? datasets.filter((g) => byName(g).toLowerCase() === wanted)
      : choice.preferZoneUrba ? datasets.filter((g) => ZONE_URBA_NAME.test(byName(g))) : [];
    if (match.length !== 1) throw new AppError('import_layer_choice', { layers: datasets.map(byName).join(', ') });
    chosen = match[0]!;
  }
  if (chosen.format === 'shapefile') {
    for (const need of ['.shx', '.dbf']) {
      if (!chosen.parts.has(need)) {
        throw new AppError('import_unreadable', { file: displayName, reason: `the archive has ${path.basename(chosen.main.name)} but no ${need} beside it` });
      }
    }
  }
  const base = safeBase(chosen.main.name);
  const wantedParts = [...chosen.parts.entries()].map(([ext, entry]) => ({ entry, target: `${base}${ext}` }));
  await extractEntries(file, wantedParts, workDir, limits, deadline);
  const mainPath = path.join(workDir, `${base}${path.extname(chosen.main.name).toLowerCase()}`);
  const expected: Record<SourceFormat, Magic> = { shapefile: 'shp', geopackage: 'geopackage', geojson: 'geojson' };
  if (magic(await head(mainPath)) !== expected[chosen.format]) {
    throw new AppError('import_unreadable', { file: displayName, reason: `${path.basename(chosen.main.name)} is not what its name says` });
  }
  return {
    format: chosen.format,
    path: mainPath,
    prj: chosen.parts.has('.prj') ? path.join(workDir, `${base}.prj`) : null,
    cpg: chosen.parts.has('.cpg') ? path.join(workDir, `${base}.cpg`) : null,
    name: chosen.main.name,
  };
}

/** A .shp given by path (CLI): its sidecars are the files of the same base name beside it, any case. */
async function shapefileBeside(file: string, displayName: string): Promise<Dataset> {
  const dir = path.dirname(file);
  const base = path.basename(file).replace(/\.[^.]*$/, '').toLowerCase();
  const siblings = await readdir(dir);
  const find = (ext: string) => {
    const hit = siblings.find((s) => s.toLowerCase() === base + ext);
    return hit ? path.join(dir, hit) : null;
  };
  for (const need of ['.shx', '.dbf']) {
    if (!find(need)) throw new AppError('import_unreadable', { file: displayName, reason: `there is no ${need} beside the .shp` });
  }
  return { format: 'shapefile', path: file, prj: find('.prj'), cpg: find('.cpg'), name: displayName };
}
