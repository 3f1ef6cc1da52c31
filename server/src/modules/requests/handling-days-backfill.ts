import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { serviceRequests } from '../../db/schema/index';
import { inTransaction } from '../../db/transaction';
import { loadWorkingCalendar } from '../calendar/queries';
import { beijingDate, workingDaysBetween } from '../calendar/working-days';
import { recordStatsChange } from '../stats/rollups';

const BATCH = 500;

/**
 * Fills `handling_working_days` of requests completed before the column existed (migration 0005), which the
 * completing transition stores for every later one. Runs after the migrations; once done it finds nothing.
 */
export async function backfillHandlingWorkingDays(db: Database): Promise<number> {
  const missing = and(
    eq(serviceRequests.status, 'completed'),
    isNull(serviceRequests.handlingWorkingDays),
    isNotNull(serviceRequests.submittedAt),
    isNotNull(serviceRequests.completedAt),
  );
  let filled = 0;
  for (;;) {
    const rows = await db
      .select({
        id: serviceRequests.id,
        unitId: serviceRequests.unitId,
        submittedAt: serviceRequests.submittedAt,
        serviceCode: serviceRequests.serviceCode,
        status: serviceRequests.status,
        channel: serviceRequests.channel,
        handlingWorkingDays: serviceRequests.handlingWorkingDays,
        completedAt: serviceRequests.completedAt,
        dueDate: serviceRequests.dueDate,
      })
      .from(serviceRequests)
      .where(missing)
      .limit(BATCH);
    if (rows.length === 0) return filled;
    const calendar = await loadWorkingCalendar(db);
    await inTransaction(db, async (tx) => {
      for (const row of rows) {
        if (!row.submittedAt || !row.completedAt) continue;
        const days = workingDaysBetween(beijingDate(row.submittedAt), beijingDate(row.completedAt), calendar);
        await tx.update(serviceRequests).set({ handlingWorkingDays: days }).where(eq(serviceRequests.id, row.id));
        await recordStatsChange(tx, row, { ...row, handlingWorkingDays: days });
      }
    });
    filled += rows.length;
  }
}
