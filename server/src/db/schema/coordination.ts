import { bigint, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

/**
 * One row per thing that at most one transaction at a time may decide about (a person's legal bookings, the SMS
 * sends of a phone and of an address, the roster import). A deciding transaction first bumps the row's
 * `version` (db/guards.ts): a write, so other transactions on the same node wait on its row lock, and on a Galera
 * cluster a concurrent one on another node fails certification and is retried on fresh data. A `SELECT … FOR
 * UPDATE` of a row that is not written would hold on one node only.
 */
export const conflictGuards = mysqlTable('conflict_guards', {
  name: varchar('name', { length: 120 }).primaryKey(),
  version: bigint('version', { mode: 'number', unsigned: true }).notNull().default(0),
});
