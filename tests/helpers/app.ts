// The real app against the seeded test database, for app.inject tests (no network, no mocks).
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';

/** `databaseUrl`: another database than the seeded one (a scratch database of tests/helpers/scratch.ts). */
export async function buildTestApp(overrides: Record<string, string> = {}, databaseUrl?: string): Promise<FastifyInstance> {
  // Load shedding is off here (MAX_EVENT_LOOP_DELAY_MS=0): on a busy test machine the event loop lags and
  // a 503 "overloaded" would be a fact about the machine, not the code. npm run test:load tests shedding.
  const config = loadConfig({ MAX_EVENT_LOOP_DELAY_MS: '0', ...overrides, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  return buildApp({ ...config, DATABASE_URL: databaseUrl ?? inject('databaseUrl') });
}
