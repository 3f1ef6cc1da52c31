import { defineConfig } from 'vitest/config';

/** Unit and integration tests of every package; the browser tests run separately (`pnpm test:e2e`). */
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'server/vitest.config.ts', 'miniapp/vitest.config.mts'],
  },
});
