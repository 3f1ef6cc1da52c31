import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { instant } from './columns';

/**
 * One row per scheduled maintenance job. An instance runs a job only after winning a conditional UPDATE of its
 * row (`lease_until` in the past → now + interval): a written row, so exactly one instance acts per interval
 * whatever the number of instances, and the others skip.
 */
export const jobRuns = mysqlTable('job_runs', {
  name: varchar('name', { length: 64 }).primaryKey(),
  leaseUntil: instant('lease_until').notNull(),
  lastStartedAt: instant('last_started_at'),
  lastFinishedAt: instant('last_finished_at'),
});
