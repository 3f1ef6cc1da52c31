import { loadConfig } from '../config';
import { ensureDatabase } from './client';
import { runMigrations } from './migrate';

const config = loadConfig();
await ensureDatabase(config.DATABASE_URL);
await runMigrations(config.DATABASE_URL);
console.log('Migrations applied.');
