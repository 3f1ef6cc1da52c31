import type { Database } from '../../db/client';
import { mysqlErrorCode } from '../../lib/database-errors';

/** An open transaction, as passed to `db.transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Reader = Pick<Database, 'select'>;

const ATTEMPTS = 6;

/**
 * A READ COMMITTED transaction, retried when the database picks it as a deadlock victim. Booking work locks the
 * people (users rows) first and then the slot; cancelling locks the slot and then the people it promotes, so two
 * such transactions can deadlock on a rare interleaving: InnoDB detects it at once and rolls one back, and the
 * retry repeats the whole decision on fresh data. READ COMMITTED makes every check after a lock see what the
 * previous holder committed.
 */
export async function inTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work, { isolationLevel: 'read committed' });
    } catch (error) {
      if (attempt >= ATTEMPTS || mysqlErrorCode(error) !== 'ER_LOCK_DEADLOCK') throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 10 * attempt));
    }
  }
}

/** affectedRows of an UPDATE/INSERT run through drizzle (mysql2's ResultSetHeader). */
export function affected(result: unknown): number {
  const header = Array.isArray(result) ? result[0] : result;
  return Number((header as { affectedRows?: number } | undefined)?.affectedRows ?? 0);
}
