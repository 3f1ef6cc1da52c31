import { and, asc, gt, isNotNull, sql } from 'drizzle-orm';
import type { ResultSetHeader } from 'mysql2';
import { type FieldCipher, isFieldCiphertext } from '../lib/field-cipher';
import type { Database } from './client';
import { SEALED_COLUMNS, sealedIn } from './sealed-columns';

export interface ReencryptionReport {
  rewritten: number;
  current: number;
}

const BATCH = 500;

/**
 * `cli reencrypt-fields`: rewrites every field ciphertext that is not sealed to its row under the current key —
 * values from before the row binding, and values under a key that has since been rotated out. Safe while the API
 * serves (a value changed meanwhile is left to its writer) and safe to run again. Once it has run, the previous
 * keys can be dropped from DATA_ENCRYPTION_PREVIOUS_KEYS (the oldest stays while lookup hashes depend on it).
 */
export async function reencryptFields(
  db: Database,
  cipher: Pick<FieldCipher, 'encrypt' | 'decrypt' | 'isCurrent'>,
): Promise<ReencryptionReport> {
  const report: ReencryptionReport = { rewritten: 0, current: 0 };
  for (const { id, column } of SEALED_COLUMNS) {
    const table = column.table;
    for (let after = 0; ; ) {
      const rows = await db
        .select({ id, value: column })
        .from(table)
        .where(and(gt(id, after), isNotNull(column)))
        .orderBy(asc(id))
        .limit(BATCH);
      const last = rows.at(-1);
      if (!last) break;
      for (const row of rows) {
        // Plain values (legal descriptions before their backfill) are the start-up backfill's to encrypt.
        if (row.value === null || !isFieldCiphertext(row.value)) continue;
        if (cipher.isCurrent(row.value)) {
          report.current++;
          continue;
        }
        const slot = sealedIn(column, row.id);
        const resealed = cipher.encrypt(cipher.decrypt(row.value, slot), slot);
        const [result] = await db.execute<ResultSetHeader>(
          sql`UPDATE ${table} SET ${column} = ${resealed} WHERE ${id} = ${row.id} AND ${column} = ${row.value}`,
        );
        report.rewritten += result.affectedRows;
      }
      after = last.id;
    }
  }
  return report;
}
