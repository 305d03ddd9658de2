// Child process: the Tasmim server as `npm start` runs it (same buildApp, config from the environment),
// on a free loopback port, which it prints as "LISTENING <port>". The bench starts one with the tile cache
// and one without (TILE_CACHE_MB=0) and stops them with SIGTERM.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';

const config = loadConfig(process.env);
const app = await buildApp({ ...config, DATABASE_URL: process.env.DATABASE_URL! });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`LISTENING ${(app.server.address() as AddressInfo).port}\n`);
process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
