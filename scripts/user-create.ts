// `npm run user:create -- --role admin --email someone@agency.ma --name "Full Name"`
//
// Creates a staff account. There is no default account anywhere: the first admin is made here, on the
// server, by someone who can run commands there; admins then create the others in the API.
//
// The password comes from the TASMIM_PASSWORD environment variable (for scripts; mind your shell history)
// or is asked twice on the terminal without echo. It must be at least 12 characters, not a few characters
// repeated, and must not contain the email or the name (server/accounts/passwords.ts says why). The
// database is DATABASE_URL's, else the project-local cluster (database `tasmim`), migrated first; the
// creation is recorded in the audit trail as `user.create` by the system, via the command line.
import { parseArgs } from 'node:util';
import { checkNewPassword, createUser } from '../server/accounts/users.js';
import { ROLES, type Role } from '../server/accounts/schemas.js';
import { ensureDatabase, ensurePostgres } from '../server/db/embedded.js';
import { migrate } from '../server/db/migrate.js';
import { createPool } from '../server/db/pool.js';
import { AppError } from '../server/errors.js';

const USAGE = `usage: npm run user:create -- --role ${ROLES.join('|')} --email EMAIL --name "FULL NAME"
  the password: TASMIM_PASSWORD, or asked on the terminal (at least 12 characters)`;

class UsageError extends Error {}

function readArgs(): { role: Role; email: string; name: string } {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) throw new UsageError('');
  const { role, email, name } = values;
  if (!role || !email || !name) throw new UsageError('--role, --email and --name are all needed');
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 254) throw new UsageError(`"${email}" is not an email address`);
  if (!name.trim() || name.length > 200) throw new UsageError('--name must be 1 to 200 characters');
  return { role: role as Role, email, name };
}

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stdin.setRawMode(true); // before the question, so nothing typed after it is echoed
  stdin.setEncoding('utf8');
  stdin.resume();
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (fn: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      fn();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(value));
        if (ch === '\u0003' || ch === '\u0004') return finish(() => reject(new Error('cancelled')));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.TASMIM_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) throw new UsageError('no password: set TASMIM_PASSWORD, or run this in a terminal to be asked');
  const first = await askHidden('Password (at least 12 characters): ');
  const again = await askHidden('Same password again: ');
  if (first !== again) throw new UsageError('the two passwords differ; nothing was created');
  return first;
}

async function main(): Promise<void> {
  const args = readArgs();
  const password = await readPassword();
  checkNewPassword(password, args); // refused before any database is started
  const log = (m: string) => console.error(`[user:create] ${m}`);
  const server = await ensurePostgres({ log });
  try {
    const url = process.env.DATABASE_URL ?? (await ensureDatabase(server.adminUrl, 'tasmim'));
    await migrate(url, log);
    const pool = createPool(url, { max: 2, statementTimeoutMs: 30_000 });
    try {
      const { user } = await createUser(pool, { ...args, password }, null, 'cli');
      console.log(`created ${user.role} #${user.id} ${user.email} (${user.name}); sign in at /api/session`);
    } finally {
      await pool.end();
    }
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) console.error(err.message ? `${err.message}\n${USAGE}` : USAGE);
  else if (err instanceof AppError) console.error(`[user:create] ${err.messageIn('en')}`);
  else console.error(`[user:create] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = err instanceof UsageError && !err.message ? 0 : 1;
});
