import type { RequestChannel, RequestStatus, ServiceCode } from '@veterans/shared';
import { and, asc, between, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { requestStatsChanges, requestStatsMonths } from '../../db/schema/index';
import { inTransaction, readCommitted, type Transaction } from '../../db/transaction';
import { beijingDate } from '../calendar/working-days';
import type { RequestFigureRows } from './aggregate';
import { yearMonthToMonth } from './queries';

/**
 * Monthly rollups of the request statistics (db/schema/stats.ts). A year of a district is 200k requests but only
 * a few thousand distinct statistics keys per month, so GET /staff/stats (and its xlsx export) read the rollups of
 * the whole months of a period instead of scanning every request's index entry (service.ts plans which days
 * still need a live scan).
 *
 * Exact at every instant: a write that changes a request's key appends −1 (old key) and +1 (new key) to
 * request_stats_changes in its own transaction (recordStatsChange); readers add the unfolded changes to the
 * rollups in the same statement; the `stats.fold-changes` job moves changes into the rollups in one transaction.
 * Appending instead of updating a month's counter row keeps submits and transitions from queueing on a shared
 * row (and from conflicting on it across Galera nodes). Writes that bypass the services (fixtures, raw SQL
 * imports) must call rebuildRequestStats, as the 0022 migration did for the requests it found.
 */

/** working_days of a key that is not a completed request with a handling time. */
export const NO_WORKING_DAYS = -1;
/** on_time of a key with no due date, or not a completed request with a handling time. */
export const NO_ON_TIME = 2;

export interface StatsKey {
  unitId: number;
  /** yyyymm (Beijing) of submission. */
  month: number;
  serviceCode: ServiceCode;
  status: RequestStatus;
  channel: RequestChannel;
  workingDays: number;
  onTime: number;
}

/** The fields of a request its statistics key is made of. */
export interface CountedRequest {
  unitId: number | null;
  submittedAt: Date | null;
  serviceCode: ServiceCode;
  status: RequestStatus;
  channel: RequestChannel;
  handlingWorkingDays: number | null;
  completedAt: Date | null;
  dueDate: string | null;
}

/**
 * The key a request is counted under, or null when statistics do not count it (never submitted, or not routed).
 * The same definitions as the live queries (queries.ts): month of submission in Beijing, on time when completed
 * on or before the due date (Beijing dates).
 */
export function statsKeyOf(request: CountedRequest): StatsKey | null {
  if (request.unitId === null || request.submittedAt === null) return null;
  const handled = request.status === 'completed' && request.handlingWorkingDays !== null;
  const onTime =
    handled && request.dueDate !== null && request.completedAt !== null
      ? Number(beijingDate(request.completedAt) <= request.dueDate)
      : NO_ON_TIME;
  return {
    unitId: request.unitId,
    month: Number(beijingDate(request.submittedAt).slice(0, 7).replace('-', '')),
    serviceCode: request.serviceCode,
    status: request.status,
    channel: request.channel,
    workingDays: handled ? (request.handlingWorkingDays as number) : NO_WORKING_DAYS,
    onTime,
  };
}

const sameKey = (a: StatsKey, b: StatsKey) =>
  a.unitId === b.unitId &&
  a.month === b.month &&
  a.serviceCode === b.serviceCode &&
  a.status === b.status &&
  a.channel === b.channel &&
  a.workingDays === b.workingDays &&
  a.onTime === b.onTime;

/** The rollup changes of a request going from `before` to `after` (null: not there): none when its key stays. */
export function statsChanges(
  before: CountedRequest | null,
  after: CountedRequest | null,
): (StatsKey & { delta: 1 | -1 })[] {
  const from = before && statsKeyOf(before);
  const to = after && statsKeyOf(after);
  if (from && to && sameKey(from, to)) return [];
  return [...(from ? [{ ...from, delta: -1 as const }] : []), ...(to ? [{ ...to, delta: 1 as const }] : [])];
}

/** Inside the transaction that writes the request: its rollup changes, appended (see the module comment). */
export async function recordStatsChange(
  tx: Pick<Database, 'insert'>,
  before: CountedRequest | null,
  after: CountedRequest | null,
): Promise<void> {
  const changes = statsChanges(before, after);
  if (changes.length > 0) await tx.insert(requestStatsChanges).values(changes);
}

const keyColumns = (table: typeof requestStatsMonths | typeof requestStatsChanges) => ({
  unitId: table.unitId,
  month: table.month,
  serviceCode: table.serviceCode,
  status: table.status,
  channel: table.channel,
  workingDays: table.workingDays,
  onTime: table.onTime,
});

/** One table's grouped rows (rollups or changes) of the units and months. */
async function groupedRows(
  db: Pick<Database, 'select'>,
  table: typeof requestStatsMonths | typeof requestStatsChanges,
  unitIds: readonly number[],
  fromMonth: number,
  toMonth: number,
): Promise<RequestFigureRows> {
  const inRange = and(inArray(table.unitId, [...unitIds]), between(table.month, fromMonth, toMonth));
  const n = 'requests' in table ? table.requests : table.delta;
  const total = sql<string>`SUM(${n})`;
  // Grouped by a prefix of the rollups' primary key: MariaDB sums while it scans the range, without a temporary
  // table. The channel is in the group so that the channel table is summed from these rows, not from a second
  // scan that would need one (measured: 18 ms of a 50 ms call).
  const byUnit = await db
    .select({
      unitId: table.unitId,
      month: table.month,
      serviceCode: table.serviceCode,
      status: table.status,
      channel: table.channel,
      count: total,
    })
    .from(table)
    .where(inRange)
    .groupBy(table.unitId, table.month, table.serviceCode, table.status, table.channel);
  // In the order of request_stats_months_handling_idx (completed ones have working_days ≥ 0), again without a
  // temporary table.
  const completed = await db
    .select({ serviceCode: table.serviceCode, workingDays: table.workingDays, onTime: table.onTime, count: total })
    .from(table)
    .where(and(inRange, gte(table.workingDays, 0)))
    .groupBy(table.workingDays, table.serviceCode, table.onTime);
  const rows = byUnit.map((row) => ({ ...row, unitId: Number(row.unitId), count: Number(row.count) }));
  return {
    counts: rows.map((row) => ({
      unitId: row.unitId,
      month: yearMonthToMonth(Number(row.month)),
      serviceCode: row.serviceCode,
      status: row.status,
      count: row.count,
    })),
    channels: rows.map((row) => ({ channel: row.channel, status: row.status, count: row.count })),
    completed: completed.map((row) => ({
      serviceCode: row.serviceCode,
      workingDays: Number(row.workingDays),
      onTime: Number(row.onTime) === NO_ON_TIME ? null : Number(row.onTime) === 1,
      count: Number(row.count),
    })),
  };
}

/**
 * The request figures' grouped rows (as the live queries give them, queries.ts) of the units' requests submitted
 * in the months `fromMonth`–`toMonth` (yyyymm): those of the rollups, and those of the changes not folded yet
 * (to be added up, period-plan.ts combineFigureRows). `db` must be a transaction with one snapshot (service.ts),
 * so that a fold moving changes into the rollups meanwhile is seen either wholly or not at all.
 */
export async function rolledUpFigureRows(
  db: Pick<Database, 'select'>,
  unitIds: readonly number[],
  fromMonth: number,
  toMonth: number,
): Promise<RequestFigureRows[]> {
  if (unitIds.length === 0) return [];
  return [
    await groupedRows(db, requestStatsMonths, unitIds, fromMonth, toMonth),
    await groupedRows(db, requestStatsChanges, unitIds, fromMonth, toMonth),
  ];
}

/** Changes folded per run of the job (one short transaction each). */
const FOLD_BATCH = 5000;

/**
 * Moves up to `limit` changes into the rollups, in one transaction. The changes are read with a locking read and
 * deleted by id (not by range), so a change that commits meanwhile (even with a lower id, from another Galera node) is neither
 * lost nor counted twice: it waits for the next run.
 */
export async function foldStatsChanges(db: Database, limit = FOLD_BATCH): Promise<{ folded: number; more: boolean }> {
  return inTransaction(
    db,
    async (tx) => {
      const changes = await tx
        .select({ id: requestStatsChanges.id, ...keyColumns(requestStatsChanges), delta: requestStatsChanges.delta })
        .from(requestStatsChanges)
        .orderBy(asc(requestStatsChanges.id))
        .limit(limit)
        .for('update');
      if (changes.length === 0) return { folded: 0, more: false };
      const sums = new Map<string, StatsKey & { requests: number }>();
      for (const { id: _id, delta, ...key } of changes) {
        const name = JSON.stringify(key);
        const sum = sums.get(name) ?? { ...key, requests: 0 };
        sum.requests += delta;
        sums.set(name, sum);
      }
      const moved = [...sums.values()].filter((sum) => sum.requests !== 0);
      if (moved.length > 0) {
        await tx
          .insert(requestStatsMonths)
          .values(moved)
          .onDuplicateKeyUpdate({
            set: { requests: sql`${requestStatsMonths.requests} + VALUES(${requestStatsMonths.requests})` },
          });
        // A key whose requests all moved on keeps no row. (A negative sum stays: across Galera nodes a request's
        // −1 can have a lower id than its +1, and be folded a run earlier.)
        await tx.delete(requestStatsMonths).where(eq(requestStatsMonths.requests, 0));
      }
      await tx.delete(requestStatsChanges).where(
        inArray(
          requestStatsChanges.id,
          changes.map((change) => change.id),
        ),
      );
      return { folded: changes.length, more: changes.length === limit };
      // Read committed: the locking read takes no gap lock, so submits keep appending while a fold runs.
    },
    readCommitted,
  );
}

/**
 * The rollups recomputed from every stored request, replacing the rollups and the pending changes (in one
 * transaction): for data written around the services, such as test fixtures and the bench's seed.
 */
export async function rebuildRequestStats(db: Database): Promise<void> {
  await inTransaction(db, async (tx: Transaction) => {
    await tx.delete(requestStatsChanges);
    await tx.delete(requestStatsMonths);
    await tx.execute(sql`
      INSERT INTO request_stats_months
        (unit_id, month, service_code, status, channel, working_days, on_time, requests)
      SELECT unit_id, submitted_month, service_code, status, channel,
             IF(status = 'completed' AND handling_working_days IS NOT NULL, handling_working_days, ${NO_WORKING_DAYS}),
             IF(status = 'completed' AND handling_working_days IS NOT NULL,
                COALESCE(DATE(completed_at + INTERVAL 8 HOUR) <= due_date, ${NO_ON_TIME}), ${NO_ON_TIME}),
             COUNT(*)
        FROM service_requests
       WHERE unit_id IS NOT NULL AND submitted_at IS NOT NULL
       GROUP BY 1, 2, 3, 4, 5, 6, 7`);
  });
}
