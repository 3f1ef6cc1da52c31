import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { withConflictRetry } from './transaction';

/** Anything that runs statements in autocommit mode: the pool's drizzle, or one connection's. */
type Executor = Pick<MySql2Database, 'execute'>;

/**
 * Leases: exclusive work across every API instance, also on a Galera cluster. A lease is a written row (name,
 * owner, expiry), so two nodes taking it at once conflict at certification and exactly one wins — unlike
 * `GET_LOCK` or `SELECT … FOR UPDATE` of an unwritten row, which only hold on the node they ran on. A holder that
 * dies loses its lease when it expires; a long holder renews it. The table is created here rather than by a
 * migration because the migrations themselves run under a lease.
 */
export const LEASES_TABLE_DDL = sql`CREATE TABLE IF NOT EXISTS coordination_leases (
  name varchar(100) NOT NULL PRIMARY KEY,
  owner varchar(100) NOT NULL,
  expires_at datetime(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;

/** This process's owner token: host, pid and a random part, so a restarted process is a different owner. */
export const processOwner = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(6).toString('hex')}`;

function rowsOf(result: unknown): Record<string, unknown>[] {
  const rows = Array.isArray(result) ? result[0] : result;
  return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
}

function affectedRows(result: unknown): number {
  const header = Array.isArray(result) ? result[0] : result;
  return Number((header as { affectedRows?: number } | undefined)?.affectedRows ?? 0);
}

/**
 * Takes the lease `name` for `ttlMs` when it is free, expired or already ours (then it is extended). One upsert
 * decides (the database's clock, so instances' clocks do not matter; MariaDB applies the assignments in order, so
 * `expires_at` sees the `owner` just decided); the read that follows, on the same
 * connection, sees its outcome. True when `owner` holds it now.
 */
export async function tryTakeLease(db: Executor, name: string, owner: string, ttlMs: number): Promise<boolean> {
  const expiry = sql`NOW(3) + INTERVAL ${Math.round(ttlMs * 1000)} MICROSECOND`;
  await withConflictRetry(() =>
    db.execute(sql`INSERT INTO coordination_leases (name, owner, expires_at) VALUES (${name}, ${owner}, ${expiry})
      ON DUPLICATE KEY UPDATE
        owner = IF(expires_at < NOW(3) OR owner = VALUES(owner), VALUES(owner), owner),
        expires_at = IF(owner = VALUES(owner), VALUES(expires_at), expires_at)`),
  );
  const [row] = rowsOf(await db.execute(sql`SELECT owner FROM coordination_leases WHERE name = ${name}`));
  return row?.owner === owner;
}

/** Extends a lease still held by `owner`; false when it was lost (expired and taken by another). */
export async function renewLease(db: Executor, name: string, owner: string, ttlMs: number): Promise<boolean> {
  const result = await withConflictRetry(() =>
    db.execute(sql`UPDATE coordination_leases SET expires_at = NOW(3) + INTERVAL ${Math.round(ttlMs * 1000)} MICROSECOND
      WHERE name = ${name} AND owner = ${owner}`),
  );
  return affectedRows(result) === 1;
}

/** Gives a lease back, only if `owner` still holds it. */
export async function releaseLease(db: Executor, name: string, owner: string): Promise<void> {
  await withConflictRetry(() =>
    db.execute(sql`DELETE FROM coordination_leases WHERE name = ${name} AND owner = ${owner}`),
  );
}

export interface LeaseOptions {
  ttlMs: number;
  /** How long to wait for a lease someone else holds before giving up. */
  waitMs: number;
  pollMs?: number;
  owner?: string;
}

/**
 * Runs `work` holding the lease `name`, waiting up to `waitMs` for it; renews it every third of its ttl while
 * `work` runs and releases it afterwards. Throws when it could not be had in time.
 */
export async function withLease<T>(
  db: Executor,
  name: string,
  options: LeaseOptions,
  work: () => Promise<T>,
): Promise<T> {
  // Unique per call: two holders in one process (several app instances, tests) must not share a lease.
  const owner = options.owner ?? `${processOwner}:${randomBytes(4).toString('hex')}`;
  const deadline = Date.now() + options.waitMs;
  while (!(await tryTakeLease(db, name, owner, options.ttlMs))) {
    if (Date.now() > deadline) throw new Error(`Could not take the lease ${name} within ${options.waitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, (options.pollMs ?? 250) * (0.5 + Math.random())));
  }
  let renewing = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = renewing.then(() =>
        renewLease(db, name, owner, options.ttlMs).then(
          () => undefined,
          () => undefined,
        ),
      );
    },
    Math.max(50, options.ttlMs / 3),
  );
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await renewing;
    await releaseLease(db, name, owner);
  }
}
