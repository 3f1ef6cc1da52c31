import type { StaffRole } from '@veterans/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { familyLinks, orgUnits, serviceRequests, users } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';

type Reader = Pick<Database, 'select'>;

export type RequestRow = typeof serviceRequests.$inferSelect;

export interface StaffScope {
  unitId: number;
  role: StaffRole | string;
}

/** True when the user filed the request, is its subject, or is actively linked family of its subject. */
export async function citizenMayAccess(db: Reader, request: RequestRow, userId: number): Promise<boolean> {
  if (request.applicantUserId === userId || request.subjectUserId === userId) return true;
  const [link] = await db
    .select({ id: familyLinks.id })
    .from(familyLinks)
    .innerJoin(users, eq(users.id, familyLinks.veteranUserId))
    .where(
      and(
        eq(familyLinks.familyUserId, userId),
        eq(familyLinks.veteranUserId, request.subjectUserId),
        eq(familyLinks.status, 'active'),
        isNull(users.deletedAt),
      ),
    )
    .limit(1);
  return link !== undefined;
}

/**
 * The request, when this citizen may see it: its applicant, its subject, or a family member actively linked
 * to the subject. Anyone else gets REQUEST_NOT_FOUND (never "forbidden": no hint that the id exists).
 * Drafts are visible to their applicant only.
 */
export async function requestForCitizen(db: Reader, requestId: number, userId: number): Promise<RequestRow> {
  const [request] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, requestId)).limit(1);
  if (!request) throw new AppError('REQUEST_NOT_FOUND');
  if (request.status === 'draft') {
    if (request.applicantUserId !== userId) throw new AppError('REQUEST_NOT_FOUND');
    return request;
  }
  if (!(await citizenMayAccess(db, request, userId))) throw new AppError('REQUEST_NOT_FOUND');
  return request;
}

/**
 * The request, when it is routed to the staff member's unit or a unit below it. Lawyers do not work
 * requests (FORBIDDEN); drafts, unrouted requests and other units' requests are REQUEST_NOT_FOUND.
 */
export async function requestForStaff(db: Reader, requestId: number, staff: StaffScope): Promise<RequestRow> {
  if (staff.role === 'lawyer') throw new AppError('FORBIDDEN');
  const [scope] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, staff.unitId));
  if (!scope) throw new AppError('REQUEST_NOT_FOUND');
  const [row] = await db
    .select({ request: serviceRequests, unitPath: orgUnits.path })
    .from(serviceRequests)
    .innerJoin(orgUnits, eq(orgUnits.id, serviceRequests.unitId))
    .where(eq(serviceRequests.id, requestId))
    .limit(1);
  if (!row || row.request.status === 'draft' || !row.unitPath.startsWith(scope.path)) {
    throw new AppError('REQUEST_NOT_FOUND');
  }
  return row.request;
}
