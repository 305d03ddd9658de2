// Runs the server: `npm start` calls this through scripts/start.ts, which first makes sure the database
// exists, is migrated and seeded.
import { buildApp } from './app.js';
import type { Config } from './config.js';

export async function runServer(config: Config & { DATABASE_URL: string }): Promise<() => Promise<void>> {
  const app = await buildApp(config);
  await app.listen({ port: config.PORT, host: config.HOST });
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await app.close();
  };
  return close;
}
