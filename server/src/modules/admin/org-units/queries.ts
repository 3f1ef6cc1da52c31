import { type AdminOrgUnit, finalRequestStatuses } from '@veterans/shared';
import { and, count, eq, like, notInArray } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { orgUnits, serviceRequests, staffAccounts } from '../../../db/schema/index';

type Executor = Pick<Database, 'select'>;

export const adminUnitColumns = {
  id: orgUnits.id,
  code: orgUnits.code,
  name: orgUnits.name,
  level: orgUnits.level,
  parentId: orgUnits.parentId,
  path: orgUnits.path,
  address: orgUnits.address,
  phone: orgUnits.phone,
  latitude: orgUnits.latitude,
  longitude: orgUnits.longitude,
  openingHours: orgUnits.openingHours,
  active: orgUnits.active,
};

/**
 * Every unit (inactive ones too) in the subtree of `scopePath`, in tree order: a parent before its children.
 * Sorted by path in code-unit order here rather than by the database collation, so a subtree stays together.
 */
export async function listUnitsInScope(db: Executor, scopePath: string): Promise<AdminOrgUnit[]> {
  const rows = await db
    .select(adminUnitColumns)
    .from(orgUnits)
    .where(like(orgUnits.path, `${scopePath}%`));
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export async function findUnit(db: Executor, id: number): Promise<AdminOrgUnit | undefined> {
  const [row] = await db.select(adminUnitColumns).from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

/**
 * Active units directly below, active staff in, and open requests (submitted, not yet finished) of a unit. The unit
 * and staff reads lock (FOR UPDATE: MariaDB has no FOR SHARE), so run them inside the transaction; requests are only
 * counted (a request filed meanwhile still has its office until the staff there are moved).
 */
export async function activeDependants(
  db: Executor,
  unitId: number,
): Promise<{ children: number; staff: number; openRequests: number }> {
  const [children] = await db
    .select({ n: count() })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, unitId), eq(orgUnits.active, true)))
    .for('update');
  const [staff] = await db
    .select({ n: count() })
    .from(staffAccounts)
    .where(and(eq(staffAccounts.unitId, unitId), eq(staffAccounts.active, true)))
    .for('update');
  const [open] = await db
    .select({ n: count() })
    .from(serviceRequests)
    .where(
      and(eq(serviceRequests.unitId, unitId), notInArray(serviceRequests.status, ['draft', ...finalRequestStatuses])),
    );
  return { children: children?.n ?? 0, staff: staff?.n ?? 0, openRequests: open?.n ?? 0 };
}
