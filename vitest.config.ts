import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // The database, the client build and Chromium are made ready once, before any test file runs.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
