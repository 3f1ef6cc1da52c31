import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Database } from '../../db/client';

/**
 * Runs `work` while holding MySQL named locks (`GET_LOCK`), which every API instance on the same database
 * respects. Several names are taken in the order given, on one connection (callers keep one order, so two
 * requests cannot wait on each other). The work runs on that connection in autocommit mode, so whatever it
 * writes is committed before the locks are released. Returns `null` when a lock could not be had in time.
 */
export async function withNamedLock<T>(
  db: Database,
  names: string | readonly string[],
  waitSeconds: number,
  work: (connectionDb: MySql2Database) => Promise<T>,
): Promise<{ result: T } | null> {
  // The pool drizzle was built on (see db/client.ts): a named lock belongs to one connection.
  const pool = (db as unknown as { $client: Pool }).$client;
  const connection = await pool.getConnection();
  let healthy = true;
  const held: string[] = [];
  try {
    for (const name of typeof names === 'string' ? [names] : names) {
      const [rows] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS acquired', [name, waitSeconds]);
      if (rows[0]?.acquired !== 1) return null;
      held.push(name);
    }
    return { result: await work(drizzle(connection)) };
  } finally {
    for (const name of held.reverse()) {
      await connection.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => {
        healthy = false;
      });
    }
    // A connection whose lock could not be released must not go back to the pool still holding it.
    if (healthy) connection.release();
    else connection.destroy();
  }
}
