// The real app against the seeded test database, for app.inject tests (no network, no mocks).
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';

export async function buildTestApp(overrides: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ ...overrides, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  return buildApp({ ...config, DATABASE_URL: inject('databaseUrl') });
}
