// The real server on a random loopback port, serving the built viewer and the API, for browser tests.
import type { AddressInfo } from 'node:net';
import { buildTestApp } from './app.js';

/**
 * `databaseUrl`: for tests that change what the public sees (publishing), a scratch database of their own.
 * `env`: configuration overrides, such as COOKIE_SECURE=false for a staff session over plain HTTP.
 */
export async function startTestServer(opts: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const app = await buildTestApp(opts.env, opts.databaseUrl);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
