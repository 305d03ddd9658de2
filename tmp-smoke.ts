import { writeFileSync } from 'node:fs';
import { buildApp } from './server/app.js';
import { loadConfig } from './server/config.js';
const app = await buildApp({ ...loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), DATABASE_URL: 'postgresql://tasmim@localhost/tasmim?host=%2Fwork%2Fmain%2F.data%2Frun&port=54329' });
for (const url of process.argv.slice(2)) {
  const t = Date.now();
  const r = await app.inject({ url });
  console.log(r.statusCode, Date.now() - t, 'ms', url, r.headers['content-disposition'], r.rawPayload.length, r.statusCode >= 400 ? r.body : '');
  if (r.statusCode === 200) writeFileSync('/tmp/extracts-dev/' + (r.headers['content-disposition'] as string).match(/filename="(.*)"/)![1], r.rawPayload);
}
await app.close();
