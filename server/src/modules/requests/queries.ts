import {
  type CardPickup,
  finalRequestStatuses,
  type OrgLevel,
  type RequestStatus,
  type ServiceCode,
  type StaffQueueQuery,
} from '@veterans/shared';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  like,
  lt,
  ne,
  notInArray,
  or,
  type Placeholder,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { Database } from '../../db/client';
import { preparedPerDatabase } from '../../db/prepared';
import { familyLinks, orgUnits, requestEvents, serviceRequests, staffAccounts, users } from '../../db/schema/index';
import type { FieldCipher } from '../../lib/field-cipher';
import { normaliseName } from '../veterans/roster-match';
import type { SummaryRow } from './presenters';

type Reader = Pick<Database, 'select'>;

/** `_` and `%` are wildcards in LIKE. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The ids in a citizen's list, as a derived table: what they filed (drafts included), and the submitted requests
 * of themselves or of the veterans they are actively linked to as family. Three index lookups joined by UNION:
 * the same condition as one OR across the three columns makes MySQL scan the whole table.
 */
function citizenRequestIds(db: Reader, userId: number | Placeholder, status?: RequestStatus | Placeholder) {
  const withStatus = status ? eq(serviceRequests.status, status) : undefined;
  const submitted = and(ne(serviceRequests.status, 'draft'), withStatus);
  return db
    .select({ id: serviceRequests.id })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.applicantUserId, userId), withStatus))
    .union(
      db
        .select({ id: serviceRequests.id })
        .from(serviceRequests)
        .where(and(eq(serviceRequests.subjectUserId, userId), submitted)),
    )
    .union(
      db
        .select({ id: serviceRequests.id })
        .from(familyLinks)
        .innerJoin(serviceRequests, eq(serviceRequests.subjectUserId, familyLinks.veteranUserId))
        .where(and(eq(familyLinks.familyUserId, userId), eq(familyLinks.status, 'active'), submitted)),
    )
    .as('mine');
}

/** The columns of `SummaryRow` (presenters.ts): a list never reads the answers, only what its items show. */
const summaryColumns = {
  id: serviceRequests.id,
  number: serviceRequests.number,
  serviceCode: serviceRequests.serviceCode,
  status: serviceRequests.status,
  stage: serviceRequests.stage,
  dueDate: serviceRequests.dueDate,
  submittedAt: serviceRequests.submittedAt,
  updatedAt: serviceRequests.updatedAt,
  draftExpiresAt: serviceRequests.draftExpiresAt,
  applicantUserId: serviceRequests.applicantUserId,
  subjectUserId: serviceRequests.subjectUserId,
  channel: serviceRequests.channel,
};

export interface CitizenListRow {
  request: SummaryRow;
  subjectNameCipher: string | null;
  applicantNameCipher: string | null;
}

const listApplicant = alias(users, 'list_applicant');

/** One page of a citizen's list, newest change first, with the list's size (COUNT(*) OVER ()): one query. */
function citizenListPage(db: Reader, byStatus: boolean) {
  const mine = citizenRequestIds(db, sql.placeholder('userId'), byStatus ? sql.placeholder('status') : undefined);
  return db
    .select({
      request: summaryColumns,
      subjectNameCipher: users.nameCipher,
      applicantNameCipher: listApplicant.nameCipher,
      total: sql<number>`COUNT(*) OVER ()`.mapWith(Number),
    })
    .from(mine)
    .innerJoin(serviceRequests, eq(serviceRequests.id, mine.id))
    .innerJoin(users, eq(users.id, serviceRequests.subjectUserId))
    .innerJoin(listApplicant, eq(listApplicant.id, serviceRequests.applicantUserId))
    .orderBy(desc(serviceRequests.updatedAt), desc(serviceRequests.id))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare();
}
const everyStatusPage = preparedPerDatabase((db: Reader) => citizenListPage(db, false));
const oneStatusPage = preparedPerDatabase((db: Reader) => citizenListPage(db, true));

export async function listCitizenRequests(
  db: Reader,
  userId: number,
  filter: { status?: RequestStatus; offset: number; limit: number },
): Promise<{ rows: CitizenListRow[]; total: number }> {
  const page = filter.status ? oneStatusPage(db) : everyStatusPage(db);
  const rows = await page.execute({ userId, status: filter.status, limit: filter.limit, offset: filter.offset });
  const [first] = rows;
  if (first) return { rows, total: first.total };
  // A page past the end has no row to carry the total.
  if (filter.offset === 0) return { rows: [], total: 0 };
  const [counted] = await db.select({ value: count() }).from(citizenRequestIds(db, userId, filter.status));
  return { rows: [], total: counted?.value ?? 0 };
}

export interface TimelineRow {
  id: number;
  actorType: 'citizen' | 'staff' | 'system';
  actorId: number | null;
  action: string;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus | null;
  comment: string | null;
  fields: string[] | null;
  createdAt: Date;
  staffDisplayName: string | null;
  staffUnitName: string | null;
}

export async function loadTimeline(db: Reader, requestId: number): Promise<TimelineRow[]> {
  return db
    .select({
      id: requestEvents.id,
      actorType: requestEvents.actorType,
      actorId: requestEvents.actorId,
      action: requestEvents.action,
      fromStatus: requestEvents.fromStatus,
      toStatus: requestEvents.toStatus,
      comment: requestEvents.comment,
      fields: requestEvents.fields,
      createdAt: requestEvents.createdAt,
      staffDisplayName: staffAccounts.displayName,
      staffUnitName: orgUnits.name,
    })
    .from(requestEvents)
    .leftJoin(staffAccounts, and(eq(requestEvents.actorType, 'staff'), eq(staffAccounts.id, requestEvents.actorId)))
    .leftJoin(orgUnits, eq(orgUnits.id, staffAccounts.unitId))
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(asc(requestEvents.createdAt), asc(requestEvents.id));
}

/** The latest reason staff gave for a supplement request or a rejection, for the applicant's "next step". */
export function latestReason(timeline: readonly TimelineRow[], status: RequestStatus): string | null {
  if (status !== 'needs_supplement' && status !== 'rejected') return null;
  for (let index = timeline.length - 1; index >= 0; index--) {
    const event = timeline[index];
    if (event?.toStatus === status) return event.comment;
  }
  return null;
}

export interface UnitInfo {
  id: number;
  name: string;
  level: OrgLevel;
  path: string;
}

/** The station a 优待证 is collected at, as the applicant is told (null until the card is ready there). */
export async function findPickupStation(db: Reader, unitId: number | null): Promise<CardPickup | null> {
  if (unitId === null) return null;
  const [unit] = await db
    .select({
      name: orgUnits.name,
      address: orgUnits.address,
      phone: orgUnits.phone,
      openingHours: orgUnits.openingHours,
    })
    .from(orgUnits)
    .where(eq(orgUnits.id, unitId));
  return unit ?? null;
}

export async function findUnit(db: Reader, unitId: number | null): Promise<UnitInfo | null> {
  if (unitId === null) return null;
  const [unit] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, level: orgUnits.level, path: orgUnits.path })
    .from(orgUnits)
    .where(eq(orgUnits.id, unitId));
  return unit ?? null;
}

export async function userNameCipher(db: Reader, userId: number): Promise<string | null> {
  const [user] = await db.select({ nameCipher: users.nameCipher }).from(users).where(eq(users.id, userId));
  return user?.nameCipher ?? null;
}

/** Active caseworkers (role staff) of a unit: who hears of a newly routed request. */
export async function unitCaseworkers(db: Reader, unitId: number): Promise<number[]> {
  const rows = await db
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .where(and(eq(staffAccounts.unitId, unitId), eq(staffAccounts.role, 'staff'), eq(staffAccounts.active, true)));
  return rows.map((row) => row.id);
}

// ---------------------------------------------------------------------------------------------------------------
// The staff queue

const applicant = alias(users, 'applicant');
const subject = alias(users, 'subject');
const assignee = alias(staffAccounts, 'assignee');

export interface StaffQueueRow {
  id: number;
  number: string | null;
  serviceCode: ServiceCode;
  status: RequestStatus;
  stage: string | null;
  dueDate: string | null;
  submittedAt: Date | null;
  updatedAt: Date;
  applicantUserId: number;
  subjectUserId: number;
  applicantNameCipher: string | null;
  subjectNameCipher: string | null;
  unitId: number;
  unitName: string;
  assigneeId: number | null;
  assigneeName: string | null;
}

const queueColumns = {
  ...summaryColumns,
  applicantNameCipher: applicant.nameCipher,
  subjectNameCipher: subject.nameCipher,
  unitId: orgUnits.id,
  unitName: orgUnits.name,
  assigneeId: assignee.id,
  assigneeName: assignee.displayName,
};

function queueRows(db: Reader) {
  return db
    .select(queueColumns)
    .from(serviceRequests)
    .innerJoin(orgUnits, eq(orgUnits.id, serviceRequests.unitId))
    .innerJoin(applicant, eq(applicant.id, serviceRequests.applicantUserId))
    .innerJoin(subject, eq(subject.id, serviceRequests.subjectUserId))
    .leftJoin(assignee, eq(assignee.id, serviceRequests.assigneeStaffId));
}

function queueCount(db: Reader) {
  return db
    .select({ value: count() })
    .from(serviceRequests)
    .innerJoin(orgUnits, eq(orgUnits.id, serviceRequests.unitId))
    .innerJoin(applicant, eq(applicant.id, serviceRequests.applicantUserId))
    .innerJoin(subject, eq(subject.id, serviceRequests.subjectUserId));
}

export interface QueueContext {
  /** The caller's unit and every unit below it. */
  scopeUnitIds: number[];
  staffId: number;
  /** Beijing date of today. */
  today: string;
  /** Path of the `streetUnitId` filter's unit (undefined: no such unit, so nothing matches). */
  streetPath?: string | null;
}

/** Overdue: past the due date and not finished. */
function overdueCondition(today: string): SQL {
  return and(lt(serviceRequests.dueDate, today), notInArray(serviceRequests.status, [...finalRequestStatuses])) as SQL;
}

function notOverdueCondition(today: string): SQL {
  return or(
    isNull(serviceRequests.dueDate),
    gte(serviceRequests.dueDate, today),
    inArray(serviceRequests.status, [...finalRequestStatuses]),
  ) as SQL;
}

export function queueConditions(
  filter: Omit<StaffQueueQuery, 'page' | 'pageSize'>,
  context: QueueContext,
  cipher: Pick<FieldCipher, 'hash'>,
): SQL | undefined {
  if (context.scopeUnitIds.length === 0) return sql`false`;
  const conditions: (SQL | undefined)[] = [
    inArray(serviceRequests.unitId, context.scopeUnitIds),
    ne(serviceRequests.status, 'draft'),
  ];
  if (filter.status) conditions.push(eq(serviceRequests.status, filter.status));
  if (filter.serviceCode) conditions.push(eq(serviceRequests.serviceCode, filter.serviceCode));
  if (filter.overdue === true) conditions.push(overdueCondition(context.today));
  if (filter.overdue === false) conditions.push(notOverdueCondition(context.today));
  if (filter.assignee === 'me') conditions.push(eq(serviceRequests.assigneeStaffId, context.staffId));
  else if (filter.assignee === 'none') conditions.push(isNull(serviceRequests.assigneeStaffId));
  else if (filter.assignee) conditions.push(eq(serviceRequests.assigneeStaffId, Number(filter.assignee)));
  if (filter.streetUnitId !== undefined) {
    conditions.push(context.streetPath ? like(orgUnits.path, `${escapeLike(context.streetPath)}%`) : sql`false`);
  }
  if (filter.q) {
    // Names are stored encrypted: only the exact full name matches, through its keyed hash (of the name as
    // identities store it: inner spaces collapsed).
    const nameHash = cipher.hash(normaliseName(filter.q));
    conditions.push(
      or(
        like(serviceRequests.number, `${escapeLike(filter.q.toUpperCase())}%`),
        eq(applicant.nameHash, nameHash),
        eq(subject.nameHash, nameHash),
      ),
    );
  }
  return and(...conditions);
}

export async function listStaffQueue(
  db: Reader,
  filter: StaffQueueQuery,
  context: QueueContext,
  cipher: Pick<FieldCipher, 'hash'>,
): Promise<{ rows: StaffQueueRow[]; total: number }> {
  const where = queueConditions(filter, context, cipher);
  const [rows, [total]] = await Promise.all([
    queueRows(db)
      .where(where)
      // Soonest due first; requests without a due date last.
      .orderBy(sql`${serviceRequests.dueDate} IS NULL`, asc(serviceRequests.dueDate), asc(serviceRequests.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    queueCount(db).where(where),
  ]);
  return { rows: rows as StaffQueueRow[], total: total?.value ?? 0 };
}

/** One request as a queue row (the caller has checked the scope already). */
export async function staffQueueRow(db: Reader, requestId: number): Promise<StaffQueueRow | undefined> {
  const [row] = await queueRows(db).where(eq(serviceRequests.id, requestId));
  return row as StaffQueueRow | undefined;
}
