import { loadConfig } from '../config';
import { fieldCipherOf } from '../plugins/field-cipher';
import { ensureDatabase } from './client';
import { runMigrations } from './migrate';

const config = loadConfig();
await ensureDatabase(config.DATABASE_URL);
await runMigrations(config.DATABASE_URL, fieldCipherOf(config));
console.log('Migrations applied.');
