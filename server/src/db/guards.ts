import { sql } from 'drizzle-orm';
import { conflictGuards } from './schema/index';
import type { Transaction } from './transaction';

/**
 * Makes the transaction the only one deciding about each of `names` until it ends (see conflict_guards): bumps
 * their rows, creating them on first use, in one sorted statement so that two transactions claiming overlapping
 * names lock them in the same order and cannot deadlock on them. Run it first, before the reads the decision
 * rests on; run the transaction with inTransaction, which reruns a loser of a Galera certification conflict.
 */
export async function claimGuards(tx: Transaction, names: readonly string[]): Promise<void> {
  const sorted = [...new Set(names)].sort();
  if (sorted.length === 0) return;
  await tx
    .insert(conflictGuards)
    .values(sorted.map((name) => ({ name, version: 1 })))
    .onDuplicateKeyUpdate({ set: { version: sql`${conflictGuards.version} + 1` } });
}
