import path from 'node:path';
import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import { serverRoot } from '../config';
import type { FieldCipher } from '../lib/field-cipher';
import { backfillLegalDescriptions } from '../modules/legal/description';
import { backfillNameHashes } from '../modules/me/name-hash-backfill';
import { sealSensitiveThreads } from '../modules/request-messages/seal-threads';
import { backfillHandlingWorkingDays } from '../modules/requests/handling-days-backfill';
import type { Database } from './client';
import { LEASES_TABLE_DDL, withLease } from './leases';
import * as schema from './schema/index';

export const migrationsFolder = path.join(serverRoot, 'drizzle');
const DEPLOY_LEASE = 'deploy';
const DEPLOY_LEASE_TTL_MS = 30_000;
const DEPLOY_WAIT_MS = 300_000;

type FieldKeys = Pick<FieldCipher, 'encrypt' | 'decrypt' | 'hash'>;

/**
 * A UTC connection that, on a Galera node, reads what other nodes committed before (wsrep_sync_wait): the
 * instance that takes the deploy lease after another must see that one's rows in __drizzle_migrations, or it
 * runs the same migrations again (ER_TABLE_EXISTS_ERROR).
 */
async function deployConnection(url: string): Promise<mysql.Connection> {
  const connection = await mysql.createConnection({ uri: url, timezone: 'Z', connectTimeout: 5000 });
  await connection.query("SET time_zone = '+00:00'");
  const [wsrep] = await connection.query<mysql.RowDataPacket[]>("SHOW VARIABLES LIKE 'wsrep_on'");
  if (wsrep[0]?.Value === 'ON') await connection.query('SET SESSION wsrep_sync_wait = 1');
  return connection;
}

/**
 * Runs start-up work that must happen once whatever the number of instances starting together (migrations, demo
 * seeding) under the `deploy` lease (db/leases.ts): a written row, so it holds across the nodes of a Galera
 * cluster too, where `GET_LOCK` is local to one node. The ones that come second find nothing left to do. The
 * lease is held on a connection of its own, so its renewals commit while `work` runs in its own transactions.
 */
export async function withDeployLease<T>(url: string, work: (db: Database) => Promise<T>): Promise<T> {
  const leaseConnection = await deployConnection(url);
  try {
    const leaseDb = drizzle(leaseConnection);
    await leaseDb.execute(LEASES_TABLE_DDL);
    return await withLease(leaseDb, DEPLOY_LEASE, { ttlMs: DEPLOY_LEASE_TTL_MS, waitMs: DEPLOY_WAIT_MS }, async () => {
      const connection = await deployConnection(url);
      try {
        return await work(drizzle(connection, { schema, mode: 'default' }));
      } finally {
        await connection.end();
      }
    });
  } finally {
    await leaseConnection.end();
  }
}

/**
 * Applies pending migrations, then the data backfills that need application code (a working-day count cannot be
 * computed in SQL). The name-hash, legal-description and thread backfills need the data keys: they run when
 * `cipher` is given (the server's start-up and `db:migrate`), not for callers without the keys (the command-line
 * tool). Run it under the deploy lease (`runMigrations`, or `withDeployLease` together with seeding).
 */
export async function applyMigrations(db: Database, cipher?: FieldKeys): Promise<void> {
  await migrate(db, { migrationsFolder });
  await backfillHandlingWorkingDays(db);
  if (cipher) {
    await backfillNameHashes(db, cipher);
    await backfillLegalDescriptions(db, cipher);
    await sealSensitiveThreads(db, cipher);
  }
}

/** Migrates under the deploy lease: several instances may start together, on one database or on a cluster. */
export function runMigrations(url: string, cipher?: FieldKeys): Promise<void> {
  return withDeployLease(url, (db) => applyMigrations(db, cipher));
}
