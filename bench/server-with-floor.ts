import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import bareRoutes from './lib/bare-routes';

/**
 * The real API, as server/src/main.ts starts it, plus the bench's bare floor routes (/bench/bare/*) registered
 * into the same instance before it listens. Benchmark-only: the server never loads this file.
 * The bench has migrated and seeded the database already.
 */
const config = loadConfig();
const app = await buildApp(config);
await app.register(bareRoutes, { databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
await app.listen({ port: config.PORT, host: config.HOST });
