// `npm run import:studies -- <register.csv|register.json> [--lang fr|ar|en]`: import the register of
// studied files from the command line, the same reading, checks and transaction as
// POST /api/studies/import (server/studies), on the embedded cluster (database `tasmim`, started if needed
// and stopped again) or on DATABASE_URL. Prints what was imported and every parcel reference that matched
// no parcel. The audit trail records the import with no actor (the system).
//
// Exit codes: 0 imported; 1 nothing imported (unreadable register or invalid rows, listed); 2 wrong arguments.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDatabase, ensurePostgres } from '../server/db/embedded.js';
import { migrate } from '../server/db/migrate.js';
import { createPool } from '../server/db/pool.js';
import { AppError } from '../server/errors.js';
import { LANGS, type Lang } from '../server/shared/schemas.js';
import { importRegister } from '../server/studies/routes.js';

const isLang = (v: unknown): v is Lang => (LANGS as readonly unknown[]).includes(v);

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { lang: { type: 'string', default: 'fr' } } });
  const file = positionals[0];
  const ext = file ? path.extname(file).toLowerCase() : '';
  if (!file || positionals.length !== 1 || !['.csv', '.json'].includes(ext) || !isLang(values.lang)) {
    console.error('usage: npm run import:studies -- <register.csv|register.json> [--lang fr|ar|en]');
    return 2;
  }
  const log = (m: string) => process.stderr.write(`[studies] ${m}\n`);
  const pg = await ensurePostgres({ log });
  const url = process.env.DATABASE_URL ?? (await ensureDatabase(pg.adminUrl, 'tasmim'));
  const pool = createPool(url, { max: 2, statementTimeoutMs: 120_000 });
  try {
    await migrate(url, log);
    const text = await readFile(file, 'utf8');
    try {
      const out = await importRegister(pool, text, ext === '.csv' ? 'csv' : 'json', path.basename(file), null);
      console.log(`${out.files} file(s) imported (${out.created} new, ${out.updated} updated), ${out.linkedParcels} parcel(s) linked, data version ${out.dataVersion}.`);
      if (out.unmatched.length > 0) {
        console.log(`${out.unmatched.length} parcel reference(s) match no current parcel (kept with their file, not drawn on the map):`);
        for (const u of out.unmatched) console.log(`  row ${u.row}\t${u.number}\t${u.reference}`);
      }
      return 0;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      console.error(err.messageIn(values.lang));
      if (err.details) console.error(JSON.stringify(err.details, null, 2));
      return 1;
    }
  } finally {
    await pool.end();
    await pg.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
