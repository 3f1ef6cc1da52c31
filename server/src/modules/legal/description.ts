import { and, asc, eq, gt, not, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { legalBookings, legalWaitlist } from '../../db/schema/index';
import { sealedIn, writeSealed } from '../../db/sealed-columns';
import { type FieldCipher, isFieldCiphertext } from '../../lib/field-cipher';
import type { Transaction } from './transaction';

/**
 * People describe their legal problems in a booking's 问题简述, so it is stored encrypted like the other sensitive
 * fields, sealed to its row. A row is inserted first and its description written once its id is known, in the same
 * transaction. Rows written before encryption are plain until the start-up backfill has run; while it runs (or
 * while an older instance still writes during a rolling upgrade), a value that is not a field ciphertext reads as
 * it is.
 */
type DescribedTable = typeof legalBookings | typeof legalWaitlist;

/** What moving a description between rows needs (a promoted waitlist entry's becomes its booking's). */
export type DescriptionCipher = Pick<FieldCipher, 'encrypt' | 'decrypt'>;

const FIELD_CIPHERTEXT_SQL = '^[rv][0-9]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$';

/** Stands in for the description between the insert and `writeDescription` (never committed). */
export const DESCRIPTION_PENDING = '';

export function readDescription(
  cipher: Pick<FieldCipher, 'decrypt'>,
  table: DescribedTable,
  row: { id: number; description: string },
): string {
  if (!isFieldCiphertext(row.description)) return row.description;
  return cipher.decrypt(row.description, sealedIn(table.description, row.id));
}

export function writeDescription(
  tx: Transaction,
  cipher: Pick<FieldCipher, 'encrypt'>,
  table: DescribedTable,
  rowId: number,
  plain: string,
): Promise<void> {
  return writeSealed(tx, cipher, rowId, [[table.description, plain]]);
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
          .set({ description: cipher.encrypt(row.description, sealedIn(table.description, row.id)) })
          .where(and(eq(table.id, row.id), eq(table.description, row.description)));
        sealed += result.affectedRows;
      }
      after = last.id;
    }
  }
  return sealed;
}
