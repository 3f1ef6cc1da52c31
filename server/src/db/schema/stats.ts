import { requestChannels, requestStatuses, serviceCodes } from '@veterans/shared';
import { index, int, mysqlEnum, mysqlTable, primaryKey, smallint, tinyint } from 'drizzle-orm/mysql-core';
import { id, ref } from './columns';

/**
 * The statistics' key of a submitted request (modules/stats/rollups.ts): its unit, Beijing month of submission,
 * service, status, channel and, for a completed one, its handling time and whether it was on time. Columns that
 * do not apply hold a sentinel instead of NULL, so that the key can be a primary key.
 */
const statsKey = {
  unitId: ref('unit_id').notNull(),
  /** yyyymm (Beijing) of submission, as service_requests.submitted_month. */
  month: int('month').notNull(),
  serviceCode: mysqlEnum('service_code', serviceCodes).notNull(),
  status: mysqlEnum('status', requestStatuses).notNull(),
  channel: mysqlEnum('channel', requestChannels).notNull(),
  /** handling_working_days of a completed request; -1 otherwise. */
  workingDays: smallint('working_days').notNull(),
  /** Completed by the due date: 1 yes, 0 no, 2 no due date or not counted (see NO_ON_TIME). */
  onTime: tinyint('on_time').notNull(),
};

/**
 * Monthly rollups 统计月汇总: how many requests have each statistics key. GET /staff/stats reads a year as a few
 * thousand of these rows instead of scanning 200k index entries. Kept exact by request_stats_changes, which
 * every write of a counted field appends to in its own transaction and the `stats.fold-changes` job folds in.
 */
export const requestStatsMonths = mysqlTable(
  'request_stats_months',
  { ...statsKey, requests: int('requests').notNull() },
  (table) => [
    primaryKey({
      name: 'request_stats_months_pk',
      columns: [
        table.unitId,
        table.month,
        table.serviceCode,
        table.status,
        table.channel,
        table.workingDays,
        table.onTime,
      ],
    }),
    // The handling times: completed keys only (working_days ≥ 0), grouped in index order, covering.
    index('request_stats_months_handling_idx').on(
      table.workingDays,
      table.serviceCode,
      table.onTime,
      table.unitId,
      table.month,
      table.requests,
    ),
  ],
);

/**
 * Changes not folded into request_stats_months yet: −1 for a request's old key, +1 for its new one. Appended
 * (never updated) inside the transaction that changes the request, so concurrent submits and transitions never
 * wait on a shared counter row, nor conflict on one across Galera nodes.
 */
export const requestStatsChanges = mysqlTable('request_stats_changes', {
  id: id(),
  ...statsKey,
  delta: tinyint('delta').notNull(),
});
