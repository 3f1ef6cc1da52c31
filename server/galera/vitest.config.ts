import { defineConfig } from 'vitest/config';

/**
 * The Galera suite (`pnpm test:galera`): three API instances, one per node of the loopback cluster that
 * start-cluster.sh starts. GALERA_SERVER_URLS picks the topology: the three nodes (multi-primary, the default),
 * one node three times (single writer), or the ordinary MariaDB three times (standalone).
 */
export default defineConfig({
  test: {
    name: 'galera',
    include: ['galera/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
