import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveLocalDatabaseUrl } from './local-database';

/**
 * `pnpm start` on a fresh machine: find or start a database, turn on demo data, then run the API
 * (which migrates and serves the built H5 app). Real deployments run `main.ts` with their own settings.
 */
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

try {
  process.env.DATABASE_URL ??= await resolveLocalDatabaseUrl(path.join(repositoryRoot, '.data'));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
process.env.DEMO_DATA ??= '1';
await import('../main');
