import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { familyLinks, orgUnits, serviceRequests, users } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import { assertAbility, type Caller, type StaffCaller } from '../../plugins/caller';
import { inScope } from '../org-units/scope';
import { fromStoredForm, storesEncrypted, withoutSensitive } from './form-data';

type Reader = Pick<Database, 'select'>;

export type RequestRow = typeof serviceRequests.$inferSelect;

/** How a citizen who may see a request relates to it. */
export type CitizenRelation = 'applicant' | 'subject' | 'family';

/** What a citizen sees of a request they may access: the one rule the detail, the thread and the files apply. */
export interface CitizenView {
  relation: CitizenRelation;
  /** The sensitive answers and the files they name. */
  sensitive: boolean;
  /** The conversation with staff (reading and writing). */
  thread: boolean;
}

/**
 * The applicant and the veteran it concerns see the whole request. Other linked family see it without the
 * sensitive answers (diagnosis, income, …) and their files; where the service holds sensitive data they do not
 * see the thread either, since people discuss exactly those details there.
 */
export function citizenView(
  request: Pick<RequestRow, 'applicantUserId' | 'subjectUserId' | 'serviceCode'>,
  userId: number,
): CitizenView {
  const relation: CitizenRelation =
    request.applicantUserId === userId ? 'applicant' : request.subjectUserId === userId ? 'subject' : 'family';
  if (relation !== 'family') return { relation, sensitive: true, thread: true };
  return { relation, sensitive: false, thread: !storesEncrypted(request.serviceCode) };
}

/** The answers of the request as this view shows them. */
export function answersInView(
  row: RequestRow,
  view: Pick<CitizenView, 'sensitive'>,
  cipher: Pick<FieldCipher, 'decrypt'>,
) {
  const answers = fromStoredForm(row, cipher);
  return view.sensitive ? answers : withoutSensitive(row.serviceCode, answers).formData;
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
 * The request, when it is routed to the staff member's unit or a unit below it (the route has already checked
 * that the caller works requests); drafts, unrouted requests and other units' requests are REQUEST_NOT_FOUND.
 */
export async function requestForStaff(
  db: Reader,
  requestId: number,
  staff: Pick<StaffCaller, 'unitPath'>,
): Promise<RequestRow> {
  const [row] = await db
    .select({ request: serviceRequests, unitPath: orgUnits.path })
    .from(serviceRequests)
    .innerJoin(orgUnits, eq(orgUnits.id, serviceRequests.unitId))
    .where(eq(serviceRequests.id, requestId))
    .limit(1);
  if (!row || row.request.status === 'draft' || !inScope(staff, row.unitPath)) {
    throw new AppError('REQUEST_NOT_FOUND');
  }
  return row.request;
}

/**
 * The request, when this caller may see it: a citizen as `requestForCitizen` says, staff who work requests
 * within their subtree; other staff (lawyers) 403.
 */
export async function requestForCaller(db: Reader, caller: Caller, requestId: number): Promise<RequestRow> {
  if (caller.type === 'citizen') return requestForCitizen(db, requestId, caller.id);
  assertAbility(caller, 'requests.work');
  return requestForStaff(db, requestId, caller);
}
