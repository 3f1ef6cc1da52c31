import path from 'node:path';
import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import { serverRoot } from '../config';
import type { FieldCipher } from '../lib/field-cipher';
import { backfillLegalDescriptions } from '../modules/legal/description';
import { backfillNameHashes } from '../modules/me/name-hash-backfill';
import { sealSensitiveThreads } from '../modules/request-messages/seal-threads';
import { backfillHandlingWorkingDays } from '../modules/requests/handling-days-backfill';
import * as schema from './schema/index';

export const migrationsFolder = path.join(serverRoot, 'drizzle');
const LOCK_NAME = 'veterans_service_migrations';
const LOCK_TIMEOUT_SECONDS = 120;

/**
 * Applies pending migrations, then the data backfills that need application code (a working-day count cannot be
 * computed in SQL). Several instances may start together: a named lock makes them take turns, and the ones that
 * come second find nothing left to do. The name-hash, legal-description and thread backfills need the data keys: they run when `cipher` is given
 * (the server's start-up and `db:migrate`), not for callers without the keys (the command-line tool).
 */
export async function runMigrations(
  url: string,
  cipher?: Pick<FieldCipher, 'encrypt' | 'decrypt' | 'hash'>,
): Promise<void> {
  const connection = await mysql.createConnection({ uri: url, timezone: 'Z', connectTimeout: 5000 });
  try {
    await connection.query("SET time_zone = '+00:00'");
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS acquired', [
      LOCK_NAME,
      LOCK_TIMEOUT_SECONDS,
    ]);
    if (rows[0]?.acquired !== 1) throw new Error(`Could not take the migration lock within ${LOCK_TIMEOUT_SECONDS}s`);
    try {
      const db = drizzle(connection, { schema, mode: 'default' });
      await migrate(db, { migrationsFolder });
      await backfillHandlingWorkingDays(db);
      if (cipher) {
        await backfillNameHashes(db, cipher);
        await backfillLegalDescriptions(db, cipher);
        await sealSensitiveThreads(db, cipher);
      }
    } finally {
      await connection.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await connection.end();
  }
}
