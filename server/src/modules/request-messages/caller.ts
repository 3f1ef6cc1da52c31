import type { StaffRole } from '@veterans/shared';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/client';
import { requireActiveCitizen } from '../me/citizen';
import { type RequestRow, requestForCitizen, requestForStaff } from '../requests/access';
import { loadCaseworker } from '../requests/staff-caller';

/** Who is working on a request's conversation: a citizen who may see it, or staff whose scope includes it. */
export type RequestParty =
  | { type: 'citizen'; userId: number; request: RequestRow }
  | { type: 'staff'; staffId: number; unitId: number; role: StaffRole; request: RequestRow };

/**
 * The caller and the request, when the caller may see it: citizens through `requestForCitizen` (applicant,
 * subject, linked family), active staff and admins through `requestForStaff` (their unit subtree, as the
 * account row says now). Lawyers and disabled accounts: 403.
 * Anyone else: REQUEST_NOT_FOUND.
 */
export async function requestParty(db: Database, request: FastifyRequest, requestId: number): Promise<RequestParty> {
  if (request.user.typ === 'citizen') {
    const user = await requireActiveCitizen(db, request);
    return { type: 'citizen', userId: user.id, request: await requestForCitizen(db, requestId, user.id) };
  }
  const { staffId, unitId, role } = await loadCaseworker(db, request);
  const staff = { staffId, unitId, role };
  return { type: 'staff', ...staff, request: await requestForStaff(db, requestId, staff) };
}
