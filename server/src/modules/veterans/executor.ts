import type { Database } from '../../db/client';

/** A transaction handle, as passed to `db.transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Either the pool or an open transaction: queries that must also run inside a caller's transaction take this. */
export type Executor = Database | Transaction;
