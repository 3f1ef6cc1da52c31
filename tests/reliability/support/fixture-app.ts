import { buildApp } from '../../../server/src/app';
import { testConfig } from '../../../server/src/testing/test-app';

/** The server's Fastify instance (typed without a dependency on fastify in this package). */
export type App = Awaited<ReturnType<typeof buildApp>>;

/**
 * An in-process app on the same database as a server process, never listening: it only makes test data
 * (rows, signed tokens) with the server's own fixtures, which the process then accepts — both use the same
 * demo JWT secret and field-encryption key.
 */
export async function openFixtureApp(databaseUrl: string, overrides: Record<string, string> = {}) {
  const app: App = await buildApp(testConfig(databaseUrl, overrides));
  await app.ready();
  return app;
}
