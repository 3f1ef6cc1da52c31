import { and, count, eq, gte, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/index';

const CITIZEN_ROLES = ['veteran', 'family'];

/**
 * How many of these audited actions a citizen performed within the window. Attempts that could be used to probe
 * whose ID number is registered (identity claims, family-link requests) are throttled with this; the audit log is
 * shared by every API instance, so the limit holds across machines.
 */
export async function recentCitizenActions(
  db: Database,
  userId: number,
  actions: readonly string[],
  windowMs: number,
  now: Date = new Date(),
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorId, userId),
        inArray(auditLog.actorRole, CITIZEN_ROLES),
        inArray(auditLog.action, [...actions]),
        gte(auditLog.createdAt, new Date(now.getTime() - windowMs)),
      ),
    );
  return row?.n ?? 0;
}

export const ONE_HOUR_MS = 60 * 60 * 1000;
export const ONE_DAY_MS = 24 * ONE_HOUR_MS;
