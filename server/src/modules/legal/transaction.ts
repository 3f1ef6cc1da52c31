import type { Database } from '../../db/client';
import { inTransaction as inRetriedTransaction, readCommitted, type Transaction } from '../../db/transaction';

export type { Transaction };
export type Reader = Pick<Database, 'select'>;

/**
 * Legal booking work runs READ COMMITTED, so every check after a lock sees what the previous holder committed;
 * deadlocks and Galera certification failures are retried by db/transaction.ts. Booking locks the people
 * (users rows) first and then the slot; cancelling locks the slot and then the people it promotes, so two such
 * transactions can deadlock on a rare interleaving, and the retry repeats the whole decision on fresh data.
 */
export function inTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return inRetriedTransaction(db, work, readCommitted);
}

/** affectedRows of an UPDATE/INSERT run through drizzle (mysql2's ResultSetHeader). */
export function affected(result: unknown): number {
  const header = Array.isArray(result) ? result[0] : result;
  return Number((header as { affectedRows?: number } | undefined)?.affectedRows ?? 0);
}
