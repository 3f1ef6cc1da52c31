import { defineConfig } from 'vitest/config';

/**
 * The weapp build in WeChat's component engine (see harness/). One server for the run (global setup); test files
 * run in parallel worker processes, each with its own jsdom view layer and one logic realm per app launch.
 */
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    globalSetup: ['support/global-setup.ts'],
    pool: 'forks',
    // Two workers: the API server is the third process on a 2-core CI machine.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './support/summary-reporter.ts'],
  },
});
