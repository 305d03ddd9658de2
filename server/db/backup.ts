// Backups with PostgreSQL's own tools: pg_dump in the custom format (compressed, restorable table by
// table) and pg_restore into a database in one transaction, so a failed restore leaves it as it was.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findCommand } from '../system/apt.js';

const run = promisify(execFile);

async function tool(name: 'pg_dump' | 'pg_restore'): Promise<string> {
  const found = await findCommand(name);
  if (!found) throw new Error(`${name} not found: install the Debian package postgresql-client-15 (apt-get install -y postgresql-client-15)`);
  return found;
}

export async function backupDatabase(databaseUrl: string, file: string): Promise<void> {
  await run(await tool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${databaseUrl}`], {
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** Restores into an existing database, replacing what the backup holds (--clean --if-exists). */
export async function restoreDatabase(databaseUrl: string, file: string): Promise<void> {
  await run(
    await tool('pg_restore'),
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${databaseUrl}`, file],
    { maxBuffer: 16 * 1024 * 1024 },
  );
}
