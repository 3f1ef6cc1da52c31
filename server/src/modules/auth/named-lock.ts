import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Database } from '../../db/client';

/**
 * Runs `work` while holding a MySQL named lock (`GET_LOCK`), which every API instance on the same database
 * respects. The work runs on the lock's own connection in autocommit mode, so whatever it writes is
 * committed before the lock is released. Returns `null` when the lock could not be had in time.
 */
export async function withNamedLock<T>(
  db: Database,
  name: string,
  waitSeconds: number,
  work: (connectionDb: MySql2Database) => Promise<T>,
): Promise<{ result: T } | null> {
  // The pool drizzle was built on (see db/client.ts): a named lock belongs to one connection.
  const pool = (db as unknown as { $client: Pool }).$client;
  const connection = await pool.getConnection();
  let healthy = true;
  try {
    const [rows] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS acquired', [name, waitSeconds]);
    if (rows[0]?.acquired !== 1) return null;
    try {
      return { result: await work(drizzle(connection)) };
    } finally {
      await connection.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => {
        healthy = false;
      });
    }
  } finally {
    // A connection whose lock could not be released must not go back to the pool still holding it.
    if (healthy) connection.release();
    else connection.destroy();
  }
}
