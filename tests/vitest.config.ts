import { defineConfig } from 'vitest/config';

/**
 * Two projects, run one after the other (groupOrder): the browser tests (one server and one H5 build for the
 * run, one browser per test file), then the reliability tests (each file starts its own server processes and
 * databases; see reliability/support/servers.ts).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['reliability/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
