import type { StaffRole } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/client';
import { orgUnits, staffAccounts } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { requireStaff } from '../../lib/guards';

/** A staff member or admin as the database says now (not the possibly older access token). */
export interface StaffMember {
  staffId: number;
  role: StaffRole;
  unitId: number;
  /** Path of their unit: they see it and every unit below it. */
  unitPath: string;
}

const ROLES: readonly StaffRole[] = ['staff', 'admin'];

/**
 * The signed-in staff member or admin: no token 401 (by `authenticate`), a citizen or lawyer token 403, a
 * disabled account 403 ACCOUNT_DISABLED. Role and unit come from the account row.
 */
export async function loadStaffMember(db: Database, request: FastifyRequest): Promise<StaffMember> {
  const { staffId } = requireStaff(request, ROLES);
  const [row] = await db
    .select({
      active: staffAccounts.active,
      role: staffAccounts.role,
      unitId: staffAccounts.unitId,
      path: orgUnits.path,
    })
    .from(staffAccounts)
    .innerJoin(orgUnits, eq(orgUnits.id, staffAccounts.unitId))
    .where(eq(staffAccounts.id, staffId));
  if (!row?.active) throw new AppError('ACCOUNT_DISABLED');
  if (!ROLES.includes(row.role)) throw new AppError('FORBIDDEN');
  return { staffId, role: row.role, unitId: row.unitId, unitPath: row.path };
}
