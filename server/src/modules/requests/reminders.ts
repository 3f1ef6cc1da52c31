import { formatChineseDate, requestDetailPage, type ServiceCode } from '@veterans/shared';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/client';
import { serviceRequests } from '../../db/schema/index';
import { inTransaction } from '../../db/transaction';
import type { ScheduledJob } from '../../scheduler/scheduler';
import { loadWorkingCalendar } from '../calendar/queries';
import { addWorkingDays, beijingDate } from '../calendar/working-days';
import { notify } from '../notifications/notify';
import { expireDrafts } from './drafts';
import { serviceNameOf } from './form-data';
import { notifyStaff, staffRequestLine } from './notices';
import { unitCaseworkers } from './queries';

/** Working days before the due date at which staff hear that a request is about to be overdue. */
export const DUE_SOON_WORKING_DAYS = 2;
/** Days before a draft expires at which its applicant is reminded. */
export const DRAFT_REMINDER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows handled per run and kind, so one run stays short. */
const BATCH = 200;
/** Statuses in which staff owe the next step (needs_supplement waits for the applicant). */
const STAFF_OWES = ['submitted', 'accepted', 'processing'] as const;

export interface DueSoonRequest {
  id: number;
  number: string | null;
  serviceCode: ServiceCode;
  dueDate: string;
  unitId: number | null;
  assigneeStaffId: number | null;
}

/**
 * Requests staff still owe a step on, due within DUE_SOON_WORKING_DAYS working days (or already overdue),
 * whose staff have not been told yet.
 */
export async function findDueSoon(db: Pick<Database, 'select'>, now: Date, limit = BATCH): Promise<DueSoonRequest[]> {
  const today = beijingDate(now);
  const threshold = addWorkingDays(today, DUE_SOON_WORKING_DAYS, await loadWorkingCalendar(db, today));
  const rows = await db
    .select({
      id: serviceRequests.id,
      number: serviceRequests.number,
      serviceCode: serviceRequests.serviceCode,
      dueDate: serviceRequests.dueDate,
      unitId: serviceRequests.unitId,
      assigneeStaffId: serviceRequests.assigneeStaffId,
    })
    .from(serviceRequests)
    .where(
      and(
        inArray(serviceRequests.status, [...STAFF_OWES]),
        isNull(serviceRequests.dueSoonNotifiedAt),
        isNotNull(serviceRequests.dueDate),
        lte(serviceRequests.dueDate, threshold),
      ),
    )
    .orderBy(asc(serviceRequests.dueDate), asc(serviceRequests.id))
    .limit(limit);
  return rows.filter((row): row is DueSoonRequest => row.dueDate !== null);
}

function affectedRows(result: unknown): number {
  return (result as [{ affectedRows: number }])[0].affectedRows;
}

/**
 * Tells the assignee (or, without one, every caseworker of the unit) once per request. The claim is a
 * conditional UPDATE in the same transaction as the notices: two instances running at once notify once.
 */
export async function runDueSoonReminders(db: Database, now = new Date()): Promise<number> {
  let sent = 0;
  for (const request of await findDueSoon(db, now)) {
    const claimed = await inTransaction(db, async (tx) => {
      const result = await tx
        .update(serviceRequests)
        .set({ dueSoonNotifiedAt: now })
        .where(and(eq(serviceRequests.id, request.id), isNull(serviceRequests.dueSoonNotifiedAt)));
      if (affectedRows(result) !== 1) return false;
      const staffIds =
        request.assigneeStaffId !== null
          ? [request.assigneeStaffId]
          : request.unitId !== null
            ? await unitCaseworkers(tx, request.unitId)
            : [];
      const overdue = request.dueDate < beijingDate(now);
      await notifyStaff(tx, {
        staffIds,
        kind: 'request-due-soon',
        title: overdue ? '办件已超期' : '办件即将到期',
        body: staffRequestLine(request),
        requestId: request.id,
      });
      return true;
    });
    if (claimed) sent += 1;
  }
  return sent;
}

/** Drafts that expire within DRAFT_REMINDER_DAYS days get one reminder to their applicant. */
export async function runDraftReminders(db: Database, now = new Date()): Promise<number> {
  const candidates = await db
    .select({
      id: serviceRequests.id,
      serviceCode: serviceRequests.serviceCode,
      applicantUserId: serviceRequests.applicantUserId,
      draftExpiresAt: serviceRequests.draftExpiresAt,
    })
    .from(serviceRequests)
    .where(
      and(
        eq(serviceRequests.status, 'draft'),
        isNull(serviceRequests.draftReminderSentAt),
        gt(serviceRequests.draftExpiresAt, now),
        lte(serviceRequests.draftExpiresAt, new Date(now.getTime() + DRAFT_REMINDER_DAYS * DAY_MS)),
      ),
    )
    .orderBy(asc(serviceRequests.draftExpiresAt))
    .limit(BATCH);
  let sent = 0;
  for (const draft of candidates) {
    if (!draft.draftExpiresAt) continue;
    const expiresAt = draft.draftExpiresAt;
    const claimed = await inTransaction(db, async (tx) => {
      const result = await tx
        .update(serviceRequests)
        .set({ draftReminderSentAt: now })
        .where(
          and(
            eq(serviceRequests.id, draft.id),
            eq(serviceRequests.status, 'draft'),
            isNull(serviceRequests.draftReminderSentAt),
          ),
        );
      if (affectedRows(result) !== 1) return false;
      await notify(tx, {
        recipient: { type: 'citizen', id: draft.applicantUserId },
        kind: 'draft-expiring',
        title: '草稿即将过期',
        body: `您填写的「${serviceNameOf(draft.serviceCode)}」草稿将于 ${formatChineseDate(beijingDate(expiresAt))} 过期，请尽快完成并提交。`,
        link: requestDetailPage(draft.id),
      });
      return true;
    });
    if (claimed) sent += 1;
  }
  return sent;
}

const TEN_MINUTES_MS = 10 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** The request jobs of the scheduler: staff hear of requests about to be overdue, applicants of expiring drafts. */
export function requestJobs(app: FastifyInstance): ScheduledJob[] {
  return [
    {
      name: 'requests.due-soon-reminders',
      intervalMs: TEN_MINUTES_MS,
      run: async (now) => ({ sent: await runDueSoonReminders(app.db, now) }),
    },
    {
      name: 'requests.draft-reminders',
      intervalMs: TEN_MINUTES_MS,
      run: async (now) => ({ sent: await runDraftReminders(app.db, now) }),
    },
    {
      name: 'requests.drafts.expire',
      intervalMs: HOUR_MS,
      run: (now) => expireDrafts(app.db, now),
    },
  ];
}
