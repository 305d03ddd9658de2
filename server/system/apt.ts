// Installing the few Debian packages Tasmim needs (PostgreSQL + PostGIS, Chromium)
// when they are missing. Only ever runs apt-get when we are root on a Debian/Ubuntu
// machine; otherwise it fails with the exact command for a human to run.
//
// Every child process gets an argument array (execFile/spawn without a shell), and
// package names are validated, so nothing from the caller is ever shell-parsed.

import { execFile, spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Thrown when packages are missing and we cannot (or may not) install them ourselves. */
export class MissingSystemPackagesError extends Error {
  override name = 'MissingSystemPackagesError';
  constructor(
    message: string,
    readonly packages: string[],
    readonly installCommand: string,
  ) {
    super(message);
  }
}

// Debian package names: lowercase alnum plus + - . (and never a leading "-", so a
// name can not turn into an apt-get option).
const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

/** Absolute path of `cmd` found in PATH (plus the sbin folders), or null. */
export async function findCommand(cmd: string): Promise<string | null> {
  if (cmd.includes('/')) return (await isExecutable(cmd)) ? cmd : null;
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  // runuser/useradd live in sbin, which is not always in a non-login PATH.
  for (const extra of ['/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/bin', '/bin']) {
    if (!dirs.includes(extra)) dirs.push(extra);
  }
  for (const dir of dirs) {
    const candidate = path.join(dir, cmd);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

export async function commandExists(cmd: string): Promise<boolean> {
  return (await findCommand(cmd)) !== null;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Is the Debian package installed? (dpkg status "install ok installed") */
export async function isDebianPackageInstalled(pkg: string): Promise<boolean> {
  try {
    const { stdout } = await execFileAsync('dpkg-query', ['-W', '-f=${Status}', pkg]);
    return stdout.trim() === 'install ok installed';
  } catch {
    return false; // unknown package, or no dpkg at all
  }
}

let aptUpdated: Promise<void> | null = null;

/** `apt-get update`, at most once per process. Needs root. */
export function aptUpdateOnce(): Promise<void> {
  aptUpdated ??= runApt(['update']).catch((err: unknown) => {
    aptUpdated = null; // let a later call retry
    throw err;
  });
  return aptUpdated;
}

// Installs in one process are serialised (apt holds a lock anyway).
let queue: Promise<unknown> = Promise.resolve();

export async function ensureDebianPackages(
  packages: string[],
  opts: { why?: string } = {},
): Promise<void> {
  for (const p of packages) {
    if (!PACKAGE_NAME.test(p)) throw new Error(`Invalid Debian package name: ${JSON.stringify(p)}`);
  }
  const run = queue.then(() => install(packages, opts.why));
  queue = run.catch(() => undefined);
  return run;
}

async function install(packages: string[], why: string | undefined): Promise<void> {
  const missing: string[] = [];
  for (const p of packages) if (!(await isDebianPackageInstalled(p))) missing.push(p);
  if (missing.length === 0) return;

  const reason = why ? ` (${why})` : '';
  const command = `sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const canInstall = isRoot() && (await commandExists('apt-get')) && (await commandExists('dpkg-query'));
  if (!canInstall) {
    const where = (await commandExists('apt-get'))
      ? `Install them with:\n  ${command}`
      : `This machine has no apt-get; install the equivalent packages with your system's package manager ` +
        `(on Debian/Ubuntu: ${command}).`;
    throw new MissingSystemPackagesError(
      `Missing system packages: ${missing.join(', ')}${reason}. ${where}`,
      missing,
      command,
    );
  }

  process.stderr.write(`[tasmim] Installing Debian packages ${missing.join(' ')}${reason}…\n`);
  await aptUpdateOnce();
  await runApt(['install', '-y', '--no-install-recommends', ...missing]);

  const still: string[] = [];
  for (const p of missing) if (!(await isDebianPackageInstalled(p))) still.push(p);
  if (still.length > 0) {
    throw new MissingSystemPackagesError(
      `apt-get finished but these packages are still not installed: ${still.join(', ')}.`,
      still,
      command,
    );
  }
}

/** Runs apt-get with its output on our stderr (stdout stays clean for CLIs). */
function runApt(args: string[]): Promise<void> {
  // -q keeps progress bars out of logs; the lock timeout makes two concurrent
  // installers wait for each other instead of failing on the dpkg lock.
  const full = ['-q', '-o', 'DPkg::Lock::Timeout=300', '-o', 'Dpkg::Use-Pty=0', ...args];
  return new Promise((resolve, reject) => {
    const child = spawn('apt-get', full, {
      stdio: ['ignore', 2, 2],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`apt-get ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
