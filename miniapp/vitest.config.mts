import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'miniapp', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'] },
});
