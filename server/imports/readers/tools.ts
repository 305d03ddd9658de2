// The command-line tools imports stand on: GDAL (ogr2ogr, ogrinfo, gdalsrsinfo; Debian `gdal-bin`) reads
// every GIS format planners bring, and Info-ZIP (`unzip`, `zipinfo`) inspects and extracts archives. Well-kept
// tools of the field instead of format code of our own: GDAL is what QGIS reads files with, so a file that
// opens in the planner's QGIS opens here the same way.
//
// Every child gets an argument array (no shell), a time limit after which it is killed (SIGKILL), and a cap
// on what it may print.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { AppError } from '../../errors.js';
import { commandExists, ensureDebianPackages } from '../../system/apt.js';
import type { Deadline } from '../limits.js';

/** The Debian packages imports need; scripts/start.ts and the test setup ensure them too. */
export const IMPORT_PACKAGES = ['gdal-bin', 'unzip'];
const COMMANDS = ['ogr2ogr', 'ogrinfo', 'gdalsrsinfo', 'unzip', 'zipinfo'];

let ready: Promise<void> | null = null;

/** Installs GDAL and unzip when missing (as root on Debian), else fails with the command to run. */
export function ensureImportTools(): Promise<void> {
  ready ??= (async () => {
    const present = await Promise.all(COMMANDS.map((c) => commandExists(c)));
    if (present.every(Boolean)) return; // installed some other way (another distribution, a container image)
    await ensureDebianPackages(IMPORT_PACKAGES, { why: 'reading the GIS files planners import' });
  })().catch((err: unknown) => {
    ready = null;
    throw err;
  });
  return ready;
}

export class ToolError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export interface RunOptions {
  deadline: Deadline;
  /** Most bytes of stdout kept (default 16 MB); beyond, the child is killed and the run fails. */
  maxStdout?: number;
  cwd?: string;
  /** Write stdout to this file instead of keeping it, stopping the child beyond `maxFileBytes`. */
  stdoutFile?: string;
  maxFileBytes?: number;
}

// One thread: the machine is shared with the web server. The C.UTF-8 locale keeps GDAL's messages and
// number formats the same everywhere. Only files whose first bytes we checked (readers/source.ts) are
// passed, so GDAL never opens a file with a driver we did not mean (a VRT or CSV dressed as .geojson).
const ENV = { ...process.env, GDAL_NUM_THREADS: '1', LC_ALL: 'C.UTF-8' };

/** Runs a tool; resolves with stdout and stderr when it exits 0. */
export function runTool(cmd: string, args: string[], opts: RunOptions): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const remaining = opts.deadline.remainingMs();
    if (remaining <= 0) {
      reject(new AppError('import_timeout', { seconds: opts.deadline.seconds }));
      return;
    }
    const child = spawn(cmd, args, { cwd: opts.cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let failure: Error | null = null;
    const stop = (e: Error) => {
      failure ??= e;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(new AppError('import_timeout', { seconds: opts.deadline.seconds })), remaining);
    const maxOut = opts.maxStdout ?? 16 * 1024 * 1024;
    const file = opts.stdoutFile ? createWriteStream(opts.stdoutFile) : null;
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (file) {
        if (opts.maxFileBytes !== undefined && outBytes > opts.maxFileBytes) stop(new ToolError('output too large', ''));
        else file.write(chunk);
        return;
      }
      if (outBytes > maxOut) stop(new ToolError(`${cmd} printed more than ${maxOut} bytes`, ''));
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errBytes += chunk.length;
      if (errBytes < 64 * 1024) err.push(chunk);
    });
    child.on('error', (e) => stop(e));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const finish = () => {
        const stderr = Buffer.concat(err).toString('utf8');
        if (failure) reject(failure);
        else if (code !== 0) reject(new ToolError(`${cmd} failed (${signal ?? `exit ${code}`})`, stderr));
        else resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr });
      };
      if (file) file.end(finish);
      else finish();
    });
  });
}

/** The first meaningful line of a GDAL error output, without our temporary paths. */
export function gdalReason(stderr: string, tmpDir: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.replaceAll(tmpDir + '/', '').replaceAll(tmpDir, '').trim())
    .filter((l) => l && !/^Warning 1: (?:Value .* of field|Field .* created as)/.test(l));
  const error = lines.find((l) => /^(ERROR|FAILURE)/.test(l)) ?? lines[0] ?? 'unknown error';
  return error.replace(/^(ERROR \d+|FAILURE):\s*/, '').slice(0, 300);
}
