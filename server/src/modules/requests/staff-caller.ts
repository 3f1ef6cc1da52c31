import type { StaffRole } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/client';
import { orgUnits, staffAccounts } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { requireStaff } from '../../lib/guards';

/** A staff member working requests, as the database says now (not the access token). */
export interface Caseworker {
  staffId: number;
  role: StaffRole;
  unitId: number;
  /** Path of the staff member's unit: they see requests routed to it and to every unit below it. */
  unitPath: string;
  displayName: string;
}

/**
 * The signed-in caseworker: a staff token (citizens: 403) of an active account (disabled: 403) whose role
 * works requests — staff and admins; lawyers: 403. Role and unit come from the account row, so a moved or
 * disabled account loses access at once.
 */
export async function loadCaseworker(db: Database, request: FastifyRequest): Promise<Caseworker> {
  const { staffId } = requireStaff(request);
  const [row] = await db
    .select({
      active: staffAccounts.active,
      role: staffAccounts.role,
      unitId: staffAccounts.unitId,
      displayName: staffAccounts.displayName,
      unitPath: orgUnits.path,
    })
    .from(staffAccounts)
    .innerJoin(orgUnits, eq(orgUnits.id, staffAccounts.unitId))
    .where(eq(staffAccounts.id, staffId));
  if (!row?.active) throw new AppError('ACCOUNT_DISABLED');
  if (row.role === 'lawyer') throw new AppError('FORBIDDEN', '律师账号不办理办件');
  return { staffId, role: row.role, unitId: row.unitId, unitPath: row.unitPath, displayName: row.displayName };
}
