import type { StaffRole } from '@veterans/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { orgUnits, staffAccounts } from '../../db/schema/index';
import type { Recipient } from './notify';

export interface StaffOfUnitOptions {
  /** Which roles to notify; staff (clerks) by default. */
  roles?: readonly StaffRole[];
  /** Also the staff of the units above (station → district centre), who see this unit's requests too. */
  includeAncestors?: boolean;
  /** Only supervisors (e.g. for a 差评 follow-up). */
  supervisorsOnly?: boolean;
}

/**
 * The active staff accounts of a unit, as notification recipients: e.g. everyone to tell about a newly routed
 * request (`notifyMany(tx, (await staffOfUnit(tx, unitId)).map((recipient) => ({ recipient, … })))`).
 */
export async function staffOfUnit(
  db: Pick<Database, 'select'>,
  unitId: number,
  { roles = ['staff'], includeAncestors = false, supervisorsOnly = false }: StaffOfUnitOptions = {},
): Promise<Recipient[]> {
  let unitIds = [unitId];
  if (includeAncestors) {
    const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
    if (!unit) return [];
    const codes = unit.path.split('/').filter(Boolean);
    const units = await db.select({ id: orgUnits.id }).from(orgUnits).where(inArray(orgUnits.code, codes));
    unitIds = [...new Set([unitId, ...units.map((row) => row.id)])];
  }
  if (roles.length === 0) return [];
  const rows = await db
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .where(
      and(
        inArray(staffAccounts.unitId, unitIds),
        inArray(staffAccounts.role, [...roles]),
        eq(staffAccounts.active, true),
        supervisorsOnly ? eq(staffAccounts.isSupervisor, true) : undefined,
      ),
    )
    .orderBy(staffAccounts.id);
  return rows.map((row) => ({ type: 'staff', id: row.id }));
}
