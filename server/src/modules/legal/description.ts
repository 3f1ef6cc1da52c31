import { and, asc, eq, gt, not, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { legalBookings, legalWaitlist } from '../../db/schema/index';
import type { FieldCipher } from '../../lib/field-cipher';

/**
 * People describe their legal problems in a booking's 问题简述, so it is stored encrypted like the other sensitive
 * fields. Rows written before that are plain until the start-up backfill has run; while it runs (or while an
 * older instance still writes during a rolling upgrade), a value that is not a field ciphertext reads as it is.
 */
const FIELD_CIPHERTEXT = /^v\d+\.[\w-]+\.[\w-]+\.[\w-]*$/;
const FIELD_CIPHERTEXT_SQL = '^v[0-9]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$';

export function readDescription(cipher: Pick<FieldCipher, 'decrypt'>, stored: string): string {
  return FIELD_CIPHERTEXT.test(stored) ? cipher.decrypt(stored) : stored;
}

const BATCH = 500;

/** Encrypts the descriptions of bookings and waitlist entries stored in plain; finds nothing once done. */
export async function backfillLegalDescriptions(db: Database, cipher: Pick<FieldCipher, 'encrypt'>): Promise<number> {
  let sealed = 0;
  for (const table of [legalBookings, legalWaitlist]) {
    const plain = not(sql`${table.description} REGEXP ${FIELD_CIPHERTEXT_SQL}`);
    for (let after = 0; ; ) {
      const rows = await db
        .select({ id: table.id, description: table.description })
        .from(table)
        .where(and(gt(table.id, after), plain))
        .orderBy(asc(table.id))
        .limit(BATCH);
      const last = rows.at(-1);
      if (!last) break;
      for (const row of rows) {
        const [result] = await db
          .update(table)
          .set({ description: cipher.encrypt(row.description) })
          .where(and(eq(table.id, row.id), eq(table.description, row.description)));
        sealed += result.affectedRows;
      }
      after = last.id;
    }
  }
  return sealed;
}
