import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { withConflictRetry } from '../../db/transaction';
import { beijingDate } from '../calendar/working-days';

type Executor = Pick<Database, 'execute'>;

/** Counter rows per day. The 0020 migration, which started each day's shards above its old numbers, assumes 16. */
export const REQUEST_NUMBER_SHARDS = 16;

/** `WD20261126-0007`: the Beijing date of the first submit and the day's sequence, at least 4 digits. */
export function formatRequestNumber(day: string, sequence: number): string {
  return `WD${day}-${String(sequence).padStart(4, '0')}`;
}

/** The sequence the `value`-th number of shard `shard` stands for: shards interleave, so no two share one. */
export function shardSequence(shard: number, value: number): number {
  return (value - 1) * REQUEST_NUMBER_SHARDS + shard + 1;
}

const randomShard = () => Math.floor(Math.random() * REQUEST_NUMBER_SHARDS);

/**
 * The next number of the (Beijing) day, taken in one autocommit statement of its own — never inside the
 * submitting transaction, whose commit would otherwise hold the counter row. The day has REQUEST_NUMBER_SHARDS
 * counter rows and each submit bumps one picked at random, so concurrent submits (above all on different Galera
 * nodes, where two writes of one row abort one of them at certification) seldom meet on a row; a conflict that
 * does happen is retried, on another random shard.
 *
 * Numbers stay unique (each shard's upsert is atomic, and shards interleave) and readable (date + sequence), but
 * are neither gapless nor in submit order: a day with 20 submits may use sequences up to about 100, and a submit
 * that takes a number and then fails leaves it unused. `db` must be the pool (or a connection outside any open
 * transaction).
 */
export function takeRequestNumber(db: Executor, now: Date): Promise<string> {
  return withConflictRetry(() => takeRequestNumberOnce(db, now));
}

/**
 * One attempt of takeRequestNumber, without its retry: the form to use inside a transaction, where a conflict
 * rolls back the whole transaction and only a rerun of all of it (inTransaction) is safe. The upsert sets
 * LAST_INSERT_ID(value), which comes back as the statement's insertId, so no second statement is needed.
 */
export async function takeRequestNumberOnce(db: Executor, now: Date, shard = randomShard()): Promise<string> {
  const day = beijingDate(now).replaceAll('-', '');
  const result = (await db.execute(
    sql`INSERT INTO request_number_counters (day, shard, last_value) VALUES (${day}, ${shard}, LAST_INSERT_ID(1))
        ON DUPLICATE KEY UPDATE last_value = LAST_INSERT_ID(last_value + 1)`,
  )) as unknown as [{ insertId?: number | string }];
  const value = Number(result[0]?.insertId);
  if (!Number.isInteger(value) || value < 1) throw new Error('Request number counter returned no value');
  return formatRequestNumber(day, shardSequence(shard, value));
}
