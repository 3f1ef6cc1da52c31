import { asc, gt } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { uploads } from '../../db/schema/index';
import type { EncryptedStorage } from './encrypted-storage';
import { StorageObjectNotFound } from './storage';

export interface EncryptionReport {
  encrypted: number;
  alreadyEncrypted: number;
  missing: number;
}

const BATCH = 200;

/**
 * `cli encrypt-files`: encrypts every stored file that was written before files were encrypted. Safe to run
 * while the API serves and to run again (encrypted files are left alone); a file the table names but the storage
 * lacks is counted, not fatal.
 */
export async function encryptStoredFiles(db: Database, storage: EncryptedStorage): Promise<EncryptionReport> {
  const report: EncryptionReport = { encrypted: 0, alreadyEncrypted: 0, missing: 0 };
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ id: uploads.id, storageKey: uploads.storageKey })
      .from(uploads)
      .where(gt(uploads.id, after))
      .orderBy(asc(uploads.id))
      .limit(BATCH);
    for (const row of rows) {
      try {
        if (await storage.encryptInPlace(row.storageKey)) report.encrypted++;
        else report.alreadyEncrypted++;
      } catch (error) {
        if (!(error instanceof StorageObjectNotFound)) throw error;
        report.missing++;
      }
    }
    if (rows.length < BATCH) return report;
    after = rows[rows.length - 1]?.id ?? after;
  }
}
