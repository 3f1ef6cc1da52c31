import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { ensureDatabase } from './db/client';
import { applyMigrations, withDeployLease } from './db/migrate';
import { seedDemoData } from './demo/seed';
import { fieldCipherOf } from './plugins/field-cipher';

const SHUTDOWN_GRACE_MS = 15_000;

async function start() {
  const config = loadConfig();
  if (config.MIGRATE_ON_START) await ensureDatabase(config.DATABASE_URL);
  // Migrations and demo seeding together under the deploy lease: instances starting at once do each only once.
  if (config.MIGRATE_ON_START || config.DEMO_DATA) {
    await withDeployLease(config.DATABASE_URL, async (db) => {
      if (config.MIGRATE_ON_START) await applyMigrations(db, fieldCipherOf(config));
      if (config.DEMO_DATA) await seedDemoData(db);
    });
  }
  const app = await buildApp(config);

  // On SIGTERM/SIGINT stop accepting, let in-flight requests finish, then close the pool.
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });

  await app.listen({ port: config.PORT, host: config.HOST });
}

start().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else if (error instanceof Error && 'code' in error) {
    console.error(`Start-up failed: ${error.message} (${String(error.code)}). Check DATABASE_URL and that MySQL runs.`);
  } else {
    console.error('Start-up failed:', error);
  }
  process.exit(1);
});
