// Zip archives (a Shapefile travels as a zip of its .shp, .shx, .dbf, .prj and .cpg; a GeoPackage or a
// GeoJSON may be zipped too), read with Info-ZIP's zipinfo and unzip.
//
// A zip bomb is refused before anything is extracted: the central directory's entry count and declared
// uncompressed sizes are checked against the limits (zipinfo -t, -l). A directory can lie about sizes, so
// only the entries we need are extracted, one by one through `unzip -p` into files we name ourselves (no
// path from the archive is ever used: no "../" escape), counting the bytes as they come and killing unzip
// beyond the limit.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors.js';
import { type Deadline, formatBytes, type ImportLimits } from '../limits.js';
import { runTool, ToolError } from './tools.js';

export interface ZipEntry {
  name: string;
  size: number;
  compressed: number;
}

const refuse = (reason: string) => new AppError('import_archive_refused', { reason });

/** Lists the files of an archive after checking its totals against the limits. */
export async function listZip(file: string, displayName: string, limits: ImportLimits, deadline: Deadline): Promise<ZipEntry[]> {
  const totals = await runTool('zipinfo', ['-t', file], { deadline, maxStdout: 4096 }).catch((err: unknown) => {
    if (err instanceof ToolError) throw new AppError('import_unreadable', { file: displayName, reason: 'it is not a valid zip archive' });
    throw err;
  });
  // "3 files, 1028 bytes uncompressed, 210 bytes compressed:  79.6%"
  const m = /^(\d+) files?, (\d+) bytes? uncompressed/m.exec(totals.stdout);
  if (!m) throw new AppError('import_unreadable', { file: displayName, reason: 'the archive is empty' });
  const count = Number(m[1]);
  const declared = Number(m[2]);
  if (count > limits.archiveEntries) {
    throw refuse(`it holds ${count} files, more than the ${limits.archiveEntries} allowed`);
  }
  if (declared > limits.archiveBytes) {
    throw refuse(`its files would take ${formatBytes(declared)} once uncompressed, more than the ${formatBytes(limits.archiveBytes)} allowed (a zip bomb?)`);
  }
  const listing = await runTool('zipinfo', ['-l', file], { deadline, maxStdout: 1024 * 1024 });
  const entries: ZipEntry[] = [];
  // "-rw-r--r--  3.0 unx      304 bx       73 defN 26-Nov-28 22:32 name with spaces.shp"
  const line = /^\S{10}\s+\S+\s+\S+\s+(\d+)\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+ (.+)$/;
  for (const l of listing.stdout.split('\n')) {
    const e = line.exec(l);
    if (!e || e[3]!.endsWith('/')) continue;
    const size = Number(e[1]);
    if (size > limits.archiveBytes) throw refuse(`"${e[3]}" would take ${formatBytes(size)} once uncompressed (a zip bomb?)`);
    entries.push({ name: e[3]!, size, compressed: Number(e[2]) });
  }
  return entries;
}

/** unzip's pattern syntax: wildcards in a real name are matched literally as one-character classes. */
const literal = (name: string) => name.replace(/[[\]*?]/g, (c) => `[${c}]`);

/**
 * Extracts `entries` into `dir` under the names given (`target`), counting bytes across all of them
 * against `limits.extractedBytes`. Returns the paths written.
 */
export async function extractEntries(
  file: string,
  entries: { entry: ZipEntry; target: string }[],
  dir: string,
  limits: ImportLimits,
  deadline: Deadline,
): Promise<string[]> {
  let budget = limits.extractedBytes;
  const written: string[] = [];
  for (const { entry, target } of entries) {
    if ([...entry.name].some((c) => c.charCodeAt(0) < 0x20)) throw refuse('a file name holds control characters');
    const out = path.join(dir, path.basename(target));
    try {
      await runTool('unzip', ['-p', '-qq', file, literal(entry.name)], { deadline, stdoutFile: out, maxFileBytes: budget });
    } catch (err) {
      if (err instanceof ToolError && err.message === 'output too large') {
        throw refuse(`its files inflate beyond ${formatBytes(limits.extractedBytes)}, more than their directory declares (a zip bomb?)`);
      }
      if (err instanceof ToolError) throw refuse(`"${entry.name}" could not be extracted (${err.stderr.trim().split('\n')[0] ?? 'damaged'})`);
      throw err;
    }
    budget -= (await stat(out)).size;
    written.push(out);
  }
  return written;
}
