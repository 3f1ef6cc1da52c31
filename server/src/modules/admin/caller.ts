import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/client';
import { orgUnits, staffAccounts } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { requireStaff } from '../../lib/guards';
import { isWithinScope } from '../org-units/scope';

/** The signed-in admin, as the database (not the token) says now. */
export interface AdminCaller {
  staffId: number;
  unitId: number;
  /** Materialised path of the admin's unit: they manage it and every unit below it. */
  scopePath: string;
  /** The admin of the district centre (the root unit) sees everything, citizens' audit entries included. */
  isDistrictAdmin: boolean;
}

const callers = new WeakMap<FastifyRequest, AdminCaller>();

/**
 * onRequest hook (after `app.authenticate`) for every admin route: 403 unless the caller is a staff token
 * with role admin whose account is still active and still an admin. The unit comes from the account row,
 * so a moved, demoted or disabled admin loses their rights at once, not when the access token expires.
 */
export async function loadAdminCaller(db: Database, request: FastifyRequest): Promise<void> {
  const { staffId } = requireStaff(request, ['admin']);
  const [row] = await db
    .select({
      active: staffAccounts.active,
      role: staffAccounts.role,
      unitId: staffAccounts.unitId,
      path: orgUnits.path,
      parentId: orgUnits.parentId,
    })
    .from(staffAccounts)
    .innerJoin(orgUnits, eq(orgUnits.id, staffAccounts.unitId))
    .where(eq(staffAccounts.id, staffId));
  if (!row?.active || row.role !== 'admin') throw new AppError('FORBIDDEN');
  callers.set(request, {
    staffId,
    unitId: row.unitId,
    scopePath: row.path,
    isDistrictAdmin: row.parentId === null,
  });
}

/** The admin loaded by `loadAdminCaller` for this request. */
export function adminOf(request: FastifyRequest): AdminCaller {
  const caller = callers.get(request);
  if (!caller) throw new AppError('FORBIDDEN');
  return caller;
}

export function inAdminScope(caller: AdminCaller, unitPath: string): boolean {
  return isWithinScope(caller.scopePath, unitPath);
}
