import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import mysql, { type Pool } from 'mysql2/promise';
import * as schema from './schema/index';

export type Database = MySql2Database<typeof schema>;

export interface DatabaseHandle {
  db: Database;
  pool: Pool;
}

/**
 * A pool whose connections work in UTC. With `statementTimeoutMs` > 0 the server aborts any statement that runs
 * longer (MariaDB's max_statement_time; MySQL 8 has max_execution_time, for SELECTs only), so one runaway query
 * cannot hold a connection — and the request waiting on it — indefinitely. With `causalReads` (a Galera cluster,
 * DATABASE_GALERA) every read first waits for its node to catch up with the cluster (wsrep_sync_wait = 1).
 */
export function createPool(url: string, connectionLimit = 10, statementTimeoutMs = 0, causalReads = false): Pool {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    // Fail fast when the database is unreachable instead of hanging the request.
    connectTimeout: 3000,
    queueLimit: 200,
    enableKeepAlive: true,
  });
  pool.pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'");
    if (causalReads) connection.query('SET SESSION wsrep_sync_wait = 1');
    if (statementTimeoutMs > 0) {
      connection.query(`SET SESSION max_statement_time = ${statementTimeoutMs / 1000}`, (error) => {
        if (error) connection.query(`SET SESSION max_execution_time = ${Math.round(statementTimeoutMs)}`);
      });
    }
  });
  return pool;
}

export function connectDatabase(
  url: string,
  connectionLimit?: number,
  statementTimeoutMs?: number,
  causalReads?: boolean,
): DatabaseHandle {
  const pool = createPool(url, connectionLimit, statementTimeoutMs, causalReads);
  return { pool, db: drizzle(pool, { schema, mode: 'default' }) };
}

/** Splits `mysql://…/name` into the server URL and the database name. */
export function parseDatabaseUrl(url: string): { serverUrl: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  parsed.pathname = '/';
  return { serverUrl: parsed.toString(), database };
}

/** Creates the database named in the URL when it does not exist yet (utf8mb4). */
export async function ensureDatabase(url: string): Promise<void> {
  const { serverUrl, database } = parseDatabaseUrl(url);
  const connection = await mysql.createConnection({ uri: serverUrl, connectTimeout: 3000 });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}
