import { type AuditLogEntry, type AuditLogQuery, pageOffset, staffRoles } from '@veterans/shared';
import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { auditLog, orgUnits, staffAccounts } from '../../../db/schema/index';
import type { StaffCaller } from '../../../plugins/caller';
import { scopeCondition as inUnitScope, isDistrictWide } from '../../org-units/scope';

/**
 * Which entries an admin may read: the district centre's admins everything (citizens' and anonymous sign-in
 * events included); an admin of a lower unit only the actions of staff accounts in their own subtree.
 */
function scopeCondition(db: Database, caller: StaffCaller): SQL | undefined {
  if (isDistrictWide(caller)) return undefined;
  const staffInScope = db
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .innerJoin(orgUnits, eq(orgUnits.id, staffAccounts.unitId))
    .where(inUnitScope(caller, orgUnits.path));
  return and(inArray(auditLog.actorRole, [...staffRoles]), inArray(auditLog.actorId, staffInScope));
}

/** One page of audit entries matching the filters, newest first. */
export async function searchAuditLog(
  db: Database,
  caller: StaffCaller,
  query: AuditLogQuery,
): Promise<{ items: AuditLogEntry[]; total: number }> {
  const conditions: (SQL | undefined)[] = [scopeCondition(db, caller)];
  if (query.actorId !== undefined) conditions.push(eq(auditLog.actorId, query.actorId));
  if (query.actorRole !== undefined) conditions.push(eq(auditLog.actorRole, query.actorRole));
  if (query.action !== undefined) conditions.push(eq(auditLog.action, query.action));
  if (query.targetType !== undefined) conditions.push(eq(auditLog.targetType, query.targetType));
  if (query.targetId !== undefined) conditions.push(eq(auditLog.targetId, query.targetId));
  if (query.from !== undefined) conditions.push(gte(auditLog.createdAt, new Date(query.from)));
  if (query.to !== undefined) conditions.push(lt(auditLog.createdAt, new Date(query.to)));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return {
    items: rows.map((row) => ({
      ...row,
      detail: typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail,
      createdAt: row.createdAt.toISOString(),
    })),
    total: total?.n ?? 0,
  };
}
