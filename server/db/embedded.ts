// The project-local PostgreSQL + PostGIS cluster, used when DATABASE_URL is not set.
//
//   <project>/.data/postgres      data directory (initdb'd on first use, reused after)
//   <project>/.data/run           unix socket directory
//   <project>/.data/postgres.log  server log
//
// Security model: the server listens on NO TCP port (listen_addresses = ''), only on
// a unix socket inside a 0700 folder with unix_socket_permissions = 0700. Only the
// cluster's owner (and root, which ignores file modes) can reach the socket at all,
// so "trust" authentication for local connections admits exactly those and nobody
// else on the machine; there is no password to leak or to configure. Should anyone
// later open a TCP port by hand, host connections need a password (see initdb below),
// and the tasmim role has none, so TCP stays closed.
//
// Postgres refuses to run as root, so when we are root the cluster belongs to an
// unprivileged system user (`postgres`, else a `tasmim-pg` user created here) and
// every server binary runs through `runuser -u <user> --`.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { access, appendFile, chmod, chown, constants, link, mkdir, open, readFile, readdir, readlink, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { aptUpdateOnce, commandExists, ensureDebianPackages, findCommand, isRoot, MissingSystemPackagesError } from '../system/apt.js';

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
const DATA_ROOT = chooseDataRoot();
export const PG_DATA_DIR = path.join(DATA_ROOT, 'postgres');
export const PG_SOCKET_DIR = path.join(DATA_ROOT, 'run');
export const PG_LOG_FILE = path.join(DATA_ROOT, 'postgres.log');
const LOCK_FILE = path.join(DATA_ROOT, 'postgres.lock');
const ADMIN_USER = 'tasmim';
const MIN_MAJOR = 15;
const ALTERNATIVE =
  'Alternatively, set DATABASE_URL to a PostgreSQL 15+ server with PostGIS 3 ' +
  '(for example `POSTGRES_PASSWORD=… docker compose up -d db`, see docker-compose.yml).';

/**
 * <project>/.data, unless TASMIM_DATA_DIR says otherwise, or unless we are root and a folder above the
 * project is closed to other users (a clone under /root, mode 0700): the unprivileged cluster user could
 * not reach it, so the cluster goes to /var/lib/tasmim/<hash of the project path> instead, one per clone.
 */
function chooseDataRoot(): string {
  if (process.env.TASMIM_DATA_DIR) return path.resolve(process.env.TASMIM_DATA_DIR);
  const inProject = path.join(PROJECT_ROOT, '.data');
  if (process.getuid?.() !== 0) return inProject;
  let dir = PROJECT_ROOT;
  for (;;) {
    if ((statSync(dir).mode & 0o001) === 0) {
      const hash = createHash('sha1').update(PROJECT_ROOT).digest('hex').slice(0, 12);
      return path.join('/var/lib/tasmim', hash);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return inProject;
    dir = parent;
  }
}

/** Fixed port: it only names the socket file (.s.PGSQL.<port>), so every process finds the same cluster. */
export function embeddedPort(): number {
  const raw = process.env.PGPORT_EMBEDDED;
  if (!raw) return 54329;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`PGPORT_EMBEDDED must be a port number, got ${JSON.stringify(raw)}`);
  return n;
}

export interface EmbeddedPostgres {
  adminUrl: string;
  startedHere: boolean;
  stop(): Promise<void>;
}

export async function ensurePostgres(opts: { log?: (msg: string) => void } = {}): Promise<EmbeddedPostgres> {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`[db] ${msg}\n`));
  if (process.env.DATABASE_URL) {
    return { adminUrl: process.env.DATABASE_URL, startedHere: false, stop: async () => {} };
  }
  const install = await ensurePgInstalled(log);
  await mkdir(DATA_ROOT, { recursive: true, mode: 0o755 });
  const adminUrl = embeddedAdminUrl();
  if (!isRoot()) await clusterUser(false); // clear error if the cluster is someone else's

  const startedHere = await withLock(async () => {
    const runAs = await clusterUser(true);
    await prepareFolders(runAs);
    if (!existsSync(path.join(PG_DATA_DIR, 'PG_VERSION'))) await initCluster(install, runAs, log);
    await writeSettings(runAs);
    if (await isRunning(log)) return false;
    log(`starting PostgreSQL ${install.major} (${PG_DATA_DIR}, log in ${PG_LOG_FILE})`);
    try {
      await runPg(install, runAs, 'pg_ctl', ['-D', PG_DATA_DIR, '-l', PG_LOG_FILE, '-w', '-t', '60', 'start']);
      return true;
    } catch (err) {
      // Someone (e.g. a developer running pg_ctl by hand) may have just started it.
      if (await isRunning(log)) return false;
      throw new Error(`${(err as Error).message}\nLast lines of ${PG_LOG_FILE}:\n${await logTail()}`);
    }
  });

  await waitForConnection(adminUrl, 60_000);
  return { adminUrl, startedHere, stop: startedHere ? () => stopEmbeddedPostgres().then(() => undefined) : async () => {} };
}

/** Stops the embedded cluster if it runs. Returns whether it was running. */
export async function stopEmbeddedPostgres(): Promise<boolean> {
  if (!existsSync(path.join(PG_DATA_DIR, 'PG_VERSION'))) return false;
  if (!isRoot()) await clusterUser(false);
  return withLock(async () => {
    if (!(await isRunning(() => {}))) return false;
    const install = await findPgInstall(await clusterMajor());
    if (!install) throw new Error(`Cannot stop the cluster in ${PG_DATA_DIR}: its PostgreSQL binaries are gone.`);
    await runPg(install, await clusterUser(false), 'pg_ctl', ['-D', PG_DATA_DIR, '-m', 'fast', '-w', '-t', '60', 'stop']);
    return true;
  });
}

/**
 * Restarts the running embedded cluster, with its caches empty (the benchmark's cold phase): a clean
 * stop in fast mode (open sessions are ended, a shutdown checkpoint is written: nothing is lost and no
 * recovery is needed), then `whileStopped` (e.g. dropping the OS page cache), then a start, and it returns
 * once the cluster accepts connections again. It is started again even if `whileStopped` fails. Holds the
 * init/start/stop lock throughout, so no other process starts or stops it meanwhile. Refuses when
 * DATABASE_URL is set (that server is not ours to restart) or when the cluster is not running.
 */
export async function restartEmbeddedPostgres(whileStopped: () => Promise<void> = async () => {}): Promise<void> {
  if (process.env.DATABASE_URL) throw new Error('DATABASE_URL is set: the embedded cluster is not the database in use');
  if (!existsSync(path.join(PG_DATA_DIR, 'PG_VERSION'))) throw new Error(`no embedded cluster in ${PG_DATA_DIR}`);
  if (!isRoot()) await clusterUser(false);
  const install = await findPgInstall(await clusterMajor());
  if (!install) throw new Error(`Cannot restart the cluster in ${PG_DATA_DIR}: its PostgreSQL binaries are gone.`);
  await withLock(async () => {
    if (!(await isRunning(() => {}))) throw new Error(`the embedded cluster in ${PG_DATA_DIR} is not running`);
    const runAs = await clusterUser(false);
    await runPg(install, runAs, 'pg_ctl', ['-D', PG_DATA_DIR, '-m', 'fast', '-w', '-t', '60', 'stop']);
    const failed = await whileStopped().then(() => null, (err: unknown) => err);
    try {
      await runPg(install, runAs, 'pg_ctl', ['-D', PG_DATA_DIR, '-l', PG_LOG_FILE, '-w', '-t', '60', 'start']);
    } catch (err) {
      if (!(await isRunning(() => {}))) throw new Error(`${(err as Error).message}\nLast lines of ${PG_LOG_FILE}:\n${await logTail()}`);
    }
    if (failed) throw failed;
  });
  await waitForConnection(embeddedAdminUrl(), 60_000);
}

export interface EmbeddedStatus {
  initialised: boolean;
  running: boolean;
  pid: number | null;
  dataDir: string;
  socketDir: string;
  port: number;
  adminUrl: string;
}

export async function embeddedPostgresStatus(): Promise<EmbeddedStatus> {
  const initialised = existsSync(path.join(PG_DATA_DIR, 'PG_VERSION'));
  const pid = initialised ? await readPostmasterPid() : null;
  const running = pid !== null && (await isOurPostmaster(pid));
  return { initialised, running, pid: running ? pid : null, dataDir: PG_DATA_DIR, socketDir: PG_SOCKET_DIR, port: embeddedPort(), adminUrl: embeddedAdminUrl() };
}

/** psql to use: the embedded cluster's own, else whatever is in PATH. */
export async function findPsql(): Promise<string | null> {
  const install = await findPgInstall(await clusterMajor());
  if (install && (await isExecutable(path.join(install.bindir, 'psql')))) return path.join(install.bindir, 'psql');
  return findCommand('psql');
}

/**
 * The socket-dir form understood by both node-postgres (pg-connection-string: the
 * `host` query parameter wins over the URL's host) and libpq/psql. "localhost" is a
 * placeholder that is never used for TCP.
 */
export function embeddedAdminUrl(): string {
  return `postgresql://${ADMIN_USER}@localhost/postgres?host=${encodeURIComponent(PG_SOCKET_DIR)}&port=${embeddedPort()}`;
}

const DB_NAME = /^[a-z_][a-z0-9_]*$/;

/** Same URL (credentials, host, query) with the database name replaced. */
export function databaseUrlFor(adminUrl: string, dbName: string): string {
  if (!DB_NAME.test(dbName)) throw new Error(`Invalid database name ${JSON.stringify(dbName)}: use [a-z_][a-z0-9_]*`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** Creates database `dbName` (if missing) with postgis, unaccent and pg_trgm; returns its URL. */
export async function ensureDatabase(adminUrl: string, dbName: string): Promise<string> {
  const dbUrl = databaseUrlFor(adminUrl, dbName);
  await withClient(adminUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(dbName)}`);
    } catch (err) {
      // Another process created it between our SELECT and CREATE.
      if (!isPgError(err, '42P04', '23505')) throw err;
    }
  });
  await withClient(dbUrl, async (client) => {
    for (const ext of ['postgis', 'unaccent', 'pg_trgm']) {
      try {
        await client.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`);
      } catch (err) {
        // Concurrent CREATE EXTENSION IF NOT EXISTS can still collide on the catalog.
        if (!isPgError(err, '23505', '42710')) throw err;
      }
    }
  });
  return dbUrl;
}

// ---------------------------------------------------------------- helpers

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${start}`);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function isPgError(err: unknown, ...codes: string[]): boolean {
  return typeof err === 'object' && err !== null && codes.includes((err as { code?: string }).code ?? '');
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function waitForConnection(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await withClient(url, (c) => c.query('SELECT 1'));
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL at ${PG_SOCKET_DIR} does not accept connections: ${(err as Error).message}\nLast lines of ${PG_LOG_FILE}:\n${await logTail()}`);
      }
      await sleep(250);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** kill(pid, 0): ESRCH = gone; EPERM = alive but someone else's. */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(() => true, () => false);
}

function exec(file: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, env: { ...process.env, LC_ALL: 'C' } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${(stderr || stdout || err.message).trim()}`));
      else resolve(stdout);
    });
  });
}

async function logTail(lines = 20): Promise<string> {
  const text = await readFile(PG_LOG_FILE, 'utf8').catch(() => '(no log)');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------- binaries

interface PgInstall {
  bindir: string;
  major: number;
  sharedir: string;
}

async function clusterMajor(): Promise<number | undefined> {
  const text = await readFile(path.join(PG_DATA_DIR, 'PG_VERSION'), 'utf8').catch(() => '');
  return text ? Number(text.trim()) : undefined;
}

/**
 * `pg_config --bindir`, else /usr/lib/postgresql/15, else the newest one there.
 * An existing cluster pins its major version (a 15 data dir needs 15's binaries).
 */
async function findPgInstall(major?: number): Promise<PgInstall | null> {
  const candidates: string[] = [];
  if (major) {
    candidates.push(`/usr/lib/postgresql/${major}/bin`);
  } else {
    const pgConfig = await findCommand('pg_config');
    if (pgConfig) candidates.push((await exec(pgConfig, ['--bindir']).catch(() => '')).trim());
    const versions = (await readdir('/usr/lib/postgresql').catch(() => [] as string[]))
      .map(Number)
      .filter((v) => Number.isInteger(v) && v >= MIN_MAJOR)
      .sort((a, b) => (a === 15 ? -1 : b === 15 ? 1 : b - a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  for (const bindir of candidates) {
    if (!bindir) continue;
    const ok = await Promise.all(['initdb', 'pg_ctl', 'postgres'].map((b) => isExecutable(path.join(bindir, b))));
    if (ok.includes(false)) continue;
    const version = await exec(path.join(bindir, 'postgres'), ['--version']).catch(() => '');
    const found = Number(/\(PostgreSQL\) (\d+)/.exec(version)?.[1] ?? 0);
    if (found < MIN_MAJOR || (major && found !== major)) continue;
    const sharedir =
      (await exec(path.join(bindir, 'pg_config'), ['--sharedir']).catch(() => '')).trim() || `/usr/share/postgresql/${found}`;
    return { bindir, major: found, sharedir };
  }
  return null;
}

function hasPostgis(install: PgInstall): boolean {
  return (
    existsSync(path.join(install.sharedir, 'extension', 'postgis.control')) ||
    existsSync(`/usr/share/postgresql/${install.major}/extension/postgis.control`)
  );
}

async function ensurePgInstalled(log: (msg: string) => void): Promise<PgInstall> {
  const pinned = await clusterMajor();
  const found = await findPgInstall(pinned);
  if (found && hasPostgis(found)) return found;

  const major = found?.major ?? pinned ?? (await aptPostgresMajor());
  if (!major && !isRoot() && (await commandExists('apt-cache'))) {
    // apt is there but its package lists are empty (a fresh container): only root may fill them.
    throw new Error(
      `PostgreSQL ${MIN_MAJOR}+ with PostGIS 3 is not installed, and apt's package lists are empty, so the exact ` +
        `packages cannot be named yet. Run: sudo apt-get update && sudo apt-get install -y postgresql postgresql-$(apt-cache policy postgresql | ` +
        `sed -n 's/.*Candidate: \\([0-9]*\\)+.*/\\1/p')-postgis-3 — or run npm start once as root, which installs them. ${ALTERNATIVE}`,
    );
  }
  if (!major || major < MIN_MAJOR) {
    throw new Error(
      `PostgreSQL ${MIN_MAJOR}+ with PostGIS 3 is not installed` +
        (major ? `, and this machine's apt sources only offer PostgreSQL ${major}` : ', and no apt-get is available to install it') +
        `. Install PostgreSQL ${MIN_MAJOR}+ and PostGIS 3 (on Debian/Ubuntu via https://wiki.postgresql.org/wiki/Apt: ` +
        `sudo apt-get install -y postgresql-16 postgresql-16-postgis-3). ${ALTERNATIVE}`,
    );
  }
  const packages = [`postgresql-${major}`, `postgresql-${major}-postgis-3`];
  log(`PostgreSQL ${major} with PostGIS 3 is needed for the embedded database (${packages.join(' ')})`);
  try {
    await ensureDebianPackages(packages, { why: 'embedded PostGIS database, used because DATABASE_URL is not set' });
  } catch (err) {
    if (err instanceof MissingSystemPackagesError) {
      throw new MissingSystemPackagesError(`${err.message}\n${ALTERNATIVE}`, err.packages, err.installCommand);
    }
    throw err;
  }
  const installed = await findPgInstall(major);
  if (!installed || !hasPostgis(installed)) {
    throw new Error(`Installed ${packages.join(' ')} but found no PostgreSQL ${major} with PostGIS under /usr/lib/postgresql. ${ALTERNATIVE}`);
  }
  return installed;
}

/** The PostgreSQL major version apt would install (Debian 12: 15). */
async function aptPostgresMajor(): Promise<number | undefined> {
  const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '');
  if (/^ID=debian$/m.test(osRelease) && /^VERSION_ID="?12"?$/m.test(osRelease)) return 15;
  if (!(await commandExists('apt-cache'))) return undefined;
  const candidate = async () => {
    const out = await exec('apt-cache', ['policy', 'postgresql']).catch(() => '');
    const n = Number(/Candidate:\s*(\d+)\+/.exec(out)?.[1]);
    return Number.isInteger(n) ? n : undefined;
  };
  let major = await candidate();
  if (major === undefined && isRoot()) {
    await aptUpdateOnce(); // fresh containers have empty package lists
    major = await candidate();
  }
  return major;
}

// ---------------------------------------------------------------- users & folders

interface RunAs {
  user: string;
  uid: number;
  gid: number;
}

async function lookupUser(nameOrUid: string): Promise<RunAs | null> {
  const line = (await exec('getent', ['passwd', nameOrUid]).catch(() => '')).trim();
  const [user, , uid, gid] = line.split(':');
  return user ? { user, uid: Number(uid), gid: Number(gid) } : null;
}

/**
 * Who runs the server: null = the current user (non-root). As root: the owner of an
 * existing data dir, else `postgres`, else a `tasmim-pg` system user created now.
 */
async function clusterUser(create: boolean): Promise<RunAs | null> {
  const owner = await stat(PG_DATA_DIR).then((s) => s.uid, () => null);
  if (!isRoot()) {
    const me = process.getuid?.();
    if (owner !== null && owner !== me) {
      const who = (await lookupUser(String(owner)))?.user ?? `uid ${owner}`;
      throw new Error(`The embedded cluster ${PG_DATA_DIR} belongs to ${who}; run as that user or as root, or delete ${DATA_ROOT} to start afresh. ${ALTERNATIVE}`);
    }
    return null;
  }
  if (owner !== null && owner !== 0) {
    const user = await lookupUser(String(owner));
    if (user) return user;
  }
  const existing = (await lookupUser('postgres')) ?? (await lookupUser('tasmim-pg'));
  if (existing || !create) return existing;
  await exec((await findCommand('useradd')) ?? 'useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'tasmim-pg']);
  const created = await lookupUser('tasmim-pg');
  if (!created) throw new Error('useradd tasmim-pg succeeded but the user is not found');
  return created;
}

/** Runs a PostgreSQL binary as the cluster user; cwd is .data (root's cwd may be unreadable to it). */
async function runPg(install: PgInstall, runAs: RunAs | null, bin: string, args: string[]): Promise<string> {
  const file = path.join(install.bindir, bin);
  if (!runAs) return exec(file, args, DATA_ROOT);
  return exec((await findCommand('runuser')) ?? 'runuser', ['-u', runAs.user, '--', file, ...args], DATA_ROOT);
}

async function prepareFolders(runAs: RunAs | null): Promise<void> {
  // sun_path is 108 bytes; a deep project folder would make the socket unusable.
  const socketPath = path.join(PG_SOCKET_DIR, `.s.PGSQL.${embeddedPort()}`);
  if (Buffer.byteLength(socketPath) > 107) {
    throw new Error(`The socket path ${socketPath} is longer than the 107 bytes unix sockets allow; move the project to a shorter path. ${ALTERNATIVE}`);
  }
  await mkdir(PG_SOCKET_DIR, { recursive: true, mode: 0o700 });
  await chmod(PG_SOCKET_DIR, 0o700);
  await (await open(PG_LOG_FILE, 'a', 0o640)).close();
  if (!runAs) return;
  await chown(PG_SOCKET_DIR, runAs.uid, runAs.gid);
  await chown(PG_LOG_FILE, runAs.uid, runAs.gid);
  // The cluster user must be able to walk from / down to .data.
  const runuser = (await findCommand('runuser')) ?? 'runuser';
  const canReach = (dir: string) => exec(runuser, ['-u', runAs.user, '--', 'test', '-x', dir], '/').then(() => true, () => false);
  if (await canReach(DATA_ROOT)) return;
  let dir = '/';
  for (const part of ['', ...DATA_ROOT.split(path.sep).filter(Boolean)]) {
    dir = path.join(dir, part);
    if (await canReach(dir)) continue;
    const mode = ((await stat(dir)).mode & 0o777).toString(8).padStart(4, '0');
    throw new Error(
      `The PostgreSQL user '${runAs.user}' cannot traverse ${dir} (mode ${mode}), so it cannot reach ${DATA_ROOT}. ` +
        `Move the project elsewhere (e.g. under /srv or /opt) or allow traversal with: chmod o+x ${dir}. ${ALTERNATIVE}`,
    );
  }
}

// ---------------------------------------------------------------- cluster

/**
 * initdb into a temporary folder, then rename it into place: a crash halfway never
 * leaves a half-made .data/postgres behind.
 */
async function initCluster(install: PgInstall, runAs: RunAs | null, log: (msg: string) => void): Promise<void> {
  for (const name of await readdir(DATA_ROOT)) {
    if (name.startsWith('postgres.init-')) await rm(path.join(DATA_ROOT, name), { recursive: true, force: true });
  }
  const tmp = path.join(DATA_ROOT, `postgres.init-${process.pid}`);
  await mkdir(tmp, { mode: 0o700 });
  if (runAs) await chown(tmp, runAs.uid, runAs.gid);
  const locales = await exec('locale', ['-a']).catch(() => '');
  const locale = /^c\.utf-?8$/im.test(locales) ? ['--locale=C.UTF-8'] : ['--no-locale'];
  log(`creating the database cluster in ${PG_DATA_DIR} (PostgreSQL ${install.major})`);
  // Local (socket) connections: trust, see the top of this file. TCP: password
  // required, which the passwordless tasmim role can never satisfy.
  await runPg(install, runAs, 'initdb', ['-D', tmp, '--auth-local=trust', '--auth-host=scram-sha-256', `--username=${ADMIN_USER}`, '--encoding=UTF8', ...locale]);
  await appendFile(path.join(tmp, 'postgresql.conf'), "\n# Tasmim's settings (rewritten on every start)\ninclude 'tasmim.conf'\n");
  await rename(tmp, PG_DATA_DIR);
}

/** Rewrites .data/postgres/tasmim.conf (included from postgresql.conf); applies at next start. */
async function writeSettings(runAs: RunAs | null): Promise<void> {
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const conf = [
    '# Written by server/db/embedded.ts; edit the settings there.',
    "listen_addresses = ''                # no TCP at all: unix socket only",
    `port = ${embeddedPort()}                        # names the socket file .s.PGSQL.<port>`,
    `unix_socket_directories = ${quote(PG_SOCKET_DIR)}`,
    'unix_socket_permissions = 0700       # only the cluster owner (and root) may connect',
    'shared_buffers = 256MB',
    'max_connections = 100',
    'jit = off                            # JIT compile time dwarfs small tile queries',
    'log_min_messages = warning',
    'logging_collector = off              # stderr goes to .data/postgres.log (pg_ctl -l)',
    '',
  ].join('\n');
  const file = path.join(PG_DATA_DIR, 'tasmim.conf');
  if ((await readFile(file, 'utf8').catch(() => '')) === conf) return;
  await writeFile(file, conf, { mode: 0o600 });
  if (runAs) await chown(file, runAs.uid, runAs.gid);
}

async function readPostmasterPid(): Promise<number | null> {
  const text = await readFile(path.join(PG_DATA_DIR, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(text.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Is `pid` a live postmaster whose working directory is our data dir? */
async function isOurPostmaster(pid: number): Promise<boolean> {
  if (!pidAlive(pid)) return false;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return true; // no /proc: trust kill(0)
  if (/\) Z /.test(stat)) return false; // killed, but nobody reaped it yet
  // The postmaster chdirs into its data directory.
  const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => null);
  if (cwd !== null) return cwd === (await realpath(PG_DATA_DIR).catch(() => PG_DATA_DIR));
  const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => 'postgres');
  return comm.trim() === 'postgres';
}

/**
 * Running? A postmaster.pid whose process is gone is left alone: postgres checks it
 * itself on start (including for old backends still attached to the old shared
 * memory) and then does crash recovery. But if that pid is still "alive" (a zombie
 * nobody reaped, common in containers, or a reused pid) postgres would refuse to
 * start, so we remove the pid file ourselves, once no process of the old server is
 * left in the data directory.
 */
async function isRunning(log: (msg: string) => void): Promise<boolean> {
  const pid = await readPostmasterPid();
  if (pid === null) return false;
  if (await isOurPostmaster(pid)) return true;
  if (!pidAlive(pid)) {
    log(`found a stale postmaster.pid (process ${pid} is gone); PostgreSQL will recover on start`);
    return false;
  }
  log(`found a stale postmaster.pid (process ${pid} is a zombie or another program); removing it`);
  await waitForOldBackends();
  await rm(path.join(PG_DATA_DIR, 'postmaster.pid'), { force: true });
  await rm(path.join(PG_SOCKET_DIR, `.s.PGSQL.${embeddedPort()}.lock`), { force: true });
  return false;
}

/** Waits until no live process works in the data dir (every postgres process chdirs there). */
async function waitForOldBackends(): Promise<void> {
  const dataDir = await realpath(PG_DATA_DIR);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const left: number[] = [];
    for (const entry of await readdir('/proc').catch(() => [] as string[])) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || pid === process.pid) continue;
      const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => null);
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ') Z ');
      if (cwd === dataDir && !/\) Z /.test(stat)) left.push(pid);
    }
    if (left.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`Processes ${left.join(', ')} of a previous PostgreSQL still use ${PG_DATA_DIR}; stop them first.`);
    }
    await sleep(250);
  }
}

// ---------------------------------------------------------------- lock

/**
 * Serialises init/start/stop between processes (two `npm start`s at once). The lock
 * file holds the owner's pid; a lock left by a dead process is taken over.
 */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const fh = await open(LOCK_FILE, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    await takeOverStaleLock();
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${LOCK_FILE} (held by another process)`);
    await sleep(100);
  }
  try {
    return await fn();
  } finally {
    await rm(LOCK_FILE, { force: true });
  }
}

async function takeOverStaleLock(): Promise<void> {
  const info = await stat(LOCK_FILE).catch(() => null);
  if (!info) return;
  const pid = Number((await readFile(LOCK_FILE, 'utf8').catch(() => '')).trim());
  // An empty lock file is one being written right now, unless it is old.
  const alive = pid > 0 ? pidAlive(pid) : Date.now() - info.mtimeMs < 5000;
  if (alive) return;
  // Move it aside atomically; if what we moved is not the stale lock we judged (a
  // racing process replaced it meanwhile), put it back.
  const aside = `${LOCK_FILE}.stale-${process.pid}`;
  if (!(await rename(LOCK_FILE, aside).then(() => true, () => false))) return;
  const movedPid = Number((await readFile(aside, 'utf8').catch(() => '')).trim());
  if (movedPid !== pid) await link(aside, LOCK_FILE).catch(() => {});
  await rm(aside, { force: true });
}
