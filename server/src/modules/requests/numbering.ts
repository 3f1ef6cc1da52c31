import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { beijingDate } from '../calendar/working-days';

type Executor = Pick<Database, 'execute'>;

/** `WD20261126-0007`: the Beijing date of the first submit and the day's sequence, at least 4 digits. */
export function formatRequestNumber(day: string, sequence: number): string {
  return `WD${day}-${String(sequence).padStart(4, '0')}`;
}

/**
 * The next number of the (Beijing) day. One atomic upsert on the day's counter row: concurrent submits queue
 * on that row's lock until each transaction ends, so no two get the same value, and a rolled-back submit
 * gives its value back. Must run inside the submitting transaction.
 */
export async function nextRequestNumber(tx: Executor, now: Date): Promise<string> {
  const day = beijingDate(now).replaceAll('-', '');
  await tx.execute(
    sql`INSERT INTO request_number_counters (day, last_value) VALUES (${day}, LAST_INSERT_ID(1))
        ON DUPLICATE KEY UPDATE last_value = LAST_INSERT_ID(last_value + 1)`,
  );
  const [rows] = (await tx.execute(sql`SELECT LAST_INSERT_ID() AS value`)) as unknown as [{ value: number | string }[]];
  const value = Number(rows[0]?.value);
  if (!Number.isInteger(value) || value < 1) throw new Error('Request number counter returned no value');
  return formatRequestNumber(day, value);
}
