// Developer CLI for the database: npx tsx scripts/db.ts <command> [args]
//
//   start   start the embedded PostgreSQL (unless DATABASE_URL is set), create the
//           `tasmim` database, leave it running and print that database's URL
//   stop    stop the embedded cluster if it runs
//   status  is the embedded cluster running? (exit code 3 when not, like pg_ctl)
//   psql    psql on the `tasmim` database; extra arguments go to psql
//   migrate apply the migrations not applied yet (idempotent)
//   seed    replace the sample territory (deterministic; --parcels N, --seed N)
//   backup  [file]  pg_dump of the app database (custom format; default backups/tasmim-<date>.dump)
//   restore <file>  pg_restore of such a file into the app database, in one transaction
//
// Adding a command = one line in `commands` below.

import { spawn } from 'node:child_process';
import {
  embeddedPostgresStatus,
  ensureDatabase,
  ensurePostgres,
  findPsql,
  stopEmbeddedPostgres,
} from '../server/db/embedded.js';
import { mkdir } from 'node:fs/promises';
import { backupDatabase, restoreDatabase } from '../server/db/backup.js';
import { migrate as applyMigrations } from '../server/db/migrate.js';
import { seed as loadSample } from '../server/seed/index.js';

const APP_DB = 'tasmim';

interface Command {
  summary: string;
  /** Returns the process exit code (default 0). */
  run(args: string[]): Promise<number | void>;
}

const commands: Record<string, Command> = {
  start: { summary: 'start the database (embedded unless DATABASE_URL is set) and print its URL', run: start },
  stop: { summary: 'stop the embedded PostgreSQL cluster', run: stop },
  status: { summary: 'show whether the embedded cluster is running', run: status },
  psql: { summary: `open psql on the ${APP_DB} database (extra arguments go to psql)`, run: psql },
  migrate: { summary: 'apply the migrations not applied yet', run: () => withDatabase((url) => applyMigrations(url, console.log)) },
  seed: { summary: 'replace the sample territory (--parcels N, --seed N)', run: seedCommand },
  backup: { summary: 'dump the app database to a file (pg_dump -Fc)', run: backupCommand },
  restore: { summary: 'restore a dump into the app database (pg_restore, one transaction)', run: restoreCommand },
};

/** Hides the password of a DATABASE_URL before printing it. */
function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

async function appDatabaseUrl(): Promise<string> {
  const pg = await ensurePostgres();
  if (pg.startedHere) console.error('[db] started; it keeps running until `npx tsx scripts/db.ts stop`');
  else if (!process.env.DATABASE_URL) console.error('[db] already running');
  return process.env.DATABASE_URL ?? ensureDatabase(pg.adminUrl, APP_DB);
}

/** Runs `fn` on the app database, then stops the embedded cluster again if this command started it. */
async function withDatabase(fn: (url: string) => Promise<unknown>): Promise<void> {
  const pg = await ensurePostgres();
  try {
    await fn(process.env.DATABASE_URL ?? (await ensureDatabase(pg.adminUrl, APP_DB)));
  } finally {
    await pg.stop();
  }
}

function numberFlag(args: string[], name: string): number | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} takes a positive whole number`);
  return n;
}

async function backupCommand(args: string[]): Promise<void> {
  const file = args[0] ?? `backups/tasmim-${new Date().toISOString().replace(/[:.]/g, '-')}.dump`;
  if (!args[0]) await mkdir('backups', { recursive: true });
  await withDatabase((url) => backupDatabase(url, file));
  console.log(`backup written to ${file}`);
}

async function restoreCommand(args: string[]): Promise<void> {
  const file = args[0];
  if (!file) throw new Error('restore takes the file to restore: npm run db:restore -- backups/tasmim-….dump');
  await withDatabase((url) => restoreDatabase(url, file));
  console.log(`restored ${file}`);
}

async function seedCommand(args: string[]): Promise<void> {
  const options = { parcels: numberFlag(args, '--parcels'), seed: numberFlag(args, '--seed'), log: console.log };
  await withDatabase(async (url) => {
    await applyMigrations(url, console.log);
    const r = await loadSample(url, options);
    console.log(`sample loaded: ${JSON.stringify(r)}`);
  });
}

async function start(): Promise<void> {
  console.log(redact(await appDatabaseUrl()));
}

async function stop(): Promise<void> {
  if (process.env.DATABASE_URL) console.error('[db] note: DATABASE_URL is set; stopping only the embedded cluster');
  console.error((await stopEmbeddedPostgres()) ? '[db] stopped' : '[db] was not running');
}

async function status(): Promise<number> {
  if (process.env.DATABASE_URL) console.log(`DATABASE_URL is set (${redact(process.env.DATABASE_URL)}); the embedded cluster is not used.`);
  const s = await embeddedPostgresStatus();
  console.log(`embedded cluster: ${s.running ? `running (pid ${s.pid})` : s.initialised ? 'stopped' : 'not created yet'}`);
  console.log(`  data:   ${s.dataDir}\n  socket: ${s.socketDir}/.s.PGSQL.${s.port}\n  url:    ${s.adminUrl}`);
  return s.running ? 0 : 3;
}

async function psql(args: string[]): Promise<number> {
  const url = await appDatabaseUrl();
  const bin = await findPsql();
  if (!bin) throw new Error('psql not found (Debian package postgresql-client)');
  const child = spawn(bin, [url, ...args], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error('usage: npx tsx scripts/db.ts <command>\n');
    for (const [n, c] of Object.entries(commands)) console.error(`  ${n.padEnd(8)} ${c.summary}`);
    return name ? 2 : 0;
  }
  return (await command.run(args)) ?? 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`[db] ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
