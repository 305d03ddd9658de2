import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // The database, the client build and Chromium are made ready once, before any test file runs.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default', './tests/summary-reporter.ts'],
    // Two groups: every other test file first, in parallel; then the browser tests one file at a time.
    // Each browser file runs a server and a Chromium drawing WebGL in software: on a 2-core machine two of
    // them beside the API tests starved each other (a first map not drawn in 120 s in one full run).
    projects: [
      { extends: true, test: { name: 'api', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], poolOptions: { forks: { singleFork: true } }, sequence: { groupOrder: 1 } } },
    ],
  },
});
